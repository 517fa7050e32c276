"""The one reader of spec files (the CLI and the scripts): relative times against the chain's clock, roles given."""

import pytest

from dfa.errors import ValidationError
from dfa.issuer import DenyRule, Rules
from dfa.issuer.spec_file import load_decision_spec, load_spec, load_token_spec
from dfa.times import resolve_time
from dfa.types import UINT256_MAX

NOW = 1_767_225_600
ROLES = {role: f"0x{n:040x}" for n, role in enumerate(
    ("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager"), start=1)}


def test_relative_times_count_from_the_chains_clock():
    assert resolve_time("now", NOW) == NOW
    assert [resolve_time(f"+{text}", NOW) - NOW for text in ("30d", "12h", "15m")] == [30 * 86400, 12 * 3600, 900]
    assert resolve_time("2027-01-31", NOW) == "2027-01-31" and resolve_time(5, NOW) == 5


def test_the_example_bond_reads_with_its_relative_window_and_the_roles_given():
    spec = load_token_spec("examples/bond.toml", NOW, roles=ROLES)
    assert (spec.decision.subscription_start, spec.decision.subscription_end) == (NOW, NOW + 30 * 86400)
    assert spec.roles.admin == ROLES["admin"]
    assert load_decision_spec("examples/bond.toml", NOW) == spec.decision


def test_a_lockup_may_be_relative_too(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('{"decision": {"subscription_start": "now", "subscription_end": "+1d", "lockup_until": "+90d"}}')
    assert load_spec(path, NOW)["decision"] == {"subscription_start": NOW, "subscription_end": NOW + 86400,
                                                "lockup_until": NOW + 90 * 86400}
    assert load_spec(path)["decision"]["lockup_until"] == "+90d"  # without the chain's time, left as written


def test_an_unreadable_file_or_a_missing_decision_is_named(tmp_path):
    with pytest.raises(ValidationError, match="cannot read the spec"):
        load_spec(tmp_path / "missing.toml")
    (tmp_path / "bad.toml").write_text("name = ")
    with pytest.raises(ValidationError, match="cannot read the spec"):
        load_spec(tmp_path / "bad.toml")
    (tmp_path / "none.json").write_text("{}")
    with pytest.raises(ValidationError, match="has no \\[decision\\]"):
        load_decision_spec(tmp_path / "none.json", NOW)


def test_rules_are_encoded_for_the_contract_in_one_place():
    rules = Rules(categories=["retail"], kinds=["individual"], allowed_countries=["KZ", "DE"], denied_countries=["US"],
                  deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"])], supply_cap="1000",
                  granularity="0.5", max_balance="100", min_holding="0.01")
    assert rules.in_units(2) == (100000, 50, 10000, 1)
    assert Rules().in_units(2) == (UINT256_MAX, 1, 0, 0)
    assert rules.eligibility() == (1 << 1, 1 << 1, True, [276, 398], [840], [(0, 398, 0, 1 << 2, 0)])
