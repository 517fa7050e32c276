"""Token specs are validated before anything is deployed."""

import pytest

from dfa import errors
from dfa.issuer import DenyRule, Rules, TokenSpec

ROLES = {name: "0x" + f"{n:02x}" * 20 for n, name in
         enumerate(("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager"), start=1)}


def spec(**changes):
    fields = dict(name="Almaty Tower Units", symbol="ATU", decimals=0, asset_class="real_estate", jurisdiction="KZ",
                  roles=ROLES)
    fields.update(changes)
    return TokenSpec(**fields)


def test_a_valid_spec():
    token = spec(rules=dict(categories="qualified,professional", denied_countries=["US", "IR"], supply_cap="1000"))
    assert token.decimals == 0 and token.rules.supply_cap == 1000


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(asset_class="e_money"), "must name its reserve auditor"),
        (dict(asset_class="tulips"), "unknown assetclass"),
        (dict(jurisdiction="Narnia"), "unknown country"),
        (dict(decimals=19), "less than or equal to 18"),
        (dict(symbol="A B"), "ASCII letters"),
        (dict(rules=dict(supply_cap="10.5")), "more than the token's 0 decimals"),
        (dict(rules=dict(supply_cap="-1")), "negative"),
        (dict(rules=dict(allowed_countries=["KZ"], denied_countries=["KZ"])), "both allowed and denied"),
        (dict(rules=dict(categories=[])), "at least one investor category"),
        (dict(rules=dict(deny_rules=[{"exempt_flags": ["licensed_miner"]}])), "at least one condition"),
        (dict(rules=dict(deny_rules=[{"country": "US"}] * 9)), "at most 8"),
        (dict(roles={**ROLES, "admin": "0x12"}), "not an address"),
        (dict(documents=[{"name": "a", "uri": "u", "hash": "0x" + "11" * 32}] * 2), "same name"),
        (dict(decision=dict(decision_id="D", document_hash="0x" + "11" * 32, cap="5", price="1", currency="USD",
                            subscription_start="2031-01-01", subscription_end="2030-01-01")), "ends before"),
        (dict(rules=dict(supply_cap="4"), decision=dict(decision_id="D", document_hash="0x" + "11" * 32, cap="5",
                                                         price="1", currency="USD", subscription_start="2030-01-01",
                                                         subscription_end="2031-01-01")), "above the token's supply cap"),
    ],
)
def test_invalid_specs_are_refused_with_a_reason(changes, message):
    with pytest.raises(errors.ValidationError, match=message):
        spec(**changes)


def test_e_money_with_an_auditor_is_accepted():
    assert spec(asset_class="e-money", reserve_auditor="0x" + "99" * 20).reserve_auditor


def test_the_pilot_deny_rule_as_configuration():
    rule = DenyRule(residency="KZ", kinds=["legal_entity"], exempt_flags=["licensed_miner"])
    assert rule.as_tuple() == (0, 398, 0, 4, 1)
    assert Rules(deny_rules=[rule]).deny_rules == (rule,)
