"""Hostile and malformed input: always a DFAError with a message, never a crash, never a transaction."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dfa import errors
from dfa.cli.commands.operator import read_investors
from dfa.issuer import DecisionSpec, TokenSpec
from dfa.models import InvalidInput
from dfa.operator import InvestorProfile, NewInvestor
from dfa.types import parse_address, parse_amount, parse_country, parse_currency, parse_timestamp, to_base_units

junk = st.one_of(
    st.text(max_size=80), st.integers(min_value=-(2**300), max_value=2**300), st.floats(allow_nan=True),
    st.none(), st.booleans(), st.binary(max_size=40), st.lists(st.text(max_size=5), max_size=3),
    st.sampled_from(["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "0x" + "ff" * 20, "1e309", "NaN", "Infinity",
                     "\x00", "'; DROP TABLE investors; --", "9" * 100, "0x", "KZ\n", "<script>"]),
)


@settings(max_examples=300, deadline=None)
@given(value=junk)
def test_parsers_accept_or_refuse_with_a_validation_error(value):
    for parse in (parse_address, parse_amount, parse_country, parse_currency, parse_timestamp,
                  lambda v: to_base_units(v, 2)):
        try:
            parse(value)
        except errors.ValidationError as error:
            assert str(error) and not isinstance(error, InvalidInput)  # a message a person can act on
        # anything else propagates and fails the test


VALID_INVESTOR = dict(category="retail", kind="individual", country="KZ", residency="KZ", kyc_valid_until="2030-01-01",
                      flags=[], investor_id="0x" + "00" * 12 + "07" * 20, wallet="0x" + "00" * 19 + "01")
VALID_DECISION = dict(decision_id="D", document_hash="0x" + "11" * 32, cap="1000", price="1.00", currency="USD",
                      subscription_start=1_900_000_000, subscription_end=1_900_086_400)


def _refused_naming(model, fields, field):
    """Build ``model`` from ``fields``; a refusal must be InvalidInput naming ``field`` (or, for a value valid on its
    own, the model-level consistency rule), never another field."""
    try:
        model(**fields)
    except InvalidInput as refused:
        named = {name for name, _ in refused.problems}
        assert named and named <= {field, "(model)"}, (field, refused.problems)
        assert str(refused)
        return True
    return False


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(VALID_INVESTOR)), value=junk)
def test_models_refuse_bad_fields_naming_the_field(field, value):
    for model in (InvestorProfile, NewInvestor):
        fields = {k: v for k, v in VALID_INVESTOR.items() if k in model.model_fields}
        if field not in fields:
            continue
        assert not _refused_naming(model, fields, field)  # the valid base passes
        fields[field] = value
        _refused_naming(model, fields, field)


@settings(max_examples=100, deadline=None)
@given(field=st.sampled_from(["cap", "price", "currency", "subscription_start", "subscription_end"]), value=junk)
def test_decision_specs_refuse_bad_terms_naming_the_field(field, value):
    assert not _refused_naming(DecisionSpec, VALID_DECISION, field)
    _refused_naming(DecisionSpec, {**VALID_DECISION, field: value}, field)


@pytest.mark.parametrize("field, value, message", [
    ("cap", "-1", "negative"), ("cap", None, "amount"), ("price", "NaN", ""), ("price", "1.001", "decimals"),
    ("currency", "XXX1", ""), ("subscription_start", "yesterday", "not a date"), ("subscription_end", 1_899_999_999,
                                                                                   "ends before"),
])
def test_each_bad_term_is_refused_for_its_own_reason(field, value, message):
    with pytest.raises(InvalidInput) as refused:
        DecisionSpec(**{**VALID_DECISION, field: value})
    named = [name for name, _ in refused.value.problems]
    cross_field = message in ("ends before", "decimals")  # judged against another field: named by the model rule
    assert named == (["(model)"] if cross_field else [field]), refused.value.problems
    assert message.lower() in str(refused.value).lower()


def test_amounts_beyond_the_chain_and_finer_than_the_token_are_refused():
    with pytest.raises(errors.ValidationError, match="larger than the chain"):
        to_base_units(2**256, 0)
    with pytest.raises(errors.ValidationError, match="more than the token's 0 decimals"):
        to_base_units("0.5", 0)
    with pytest.raises(errors.ValidationError, match="floats are inexact"):
        to_base_units(0.1, 2)


def test_a_csv_with_injection_like_cells_is_refused_line_by_line(tmp_path):
    path = tmp_path / "investors.csv"
    path.write_text("reference,wallet,category,kind,country,residency,kyc_valid_until\n"
                    "=cmd|' /C calc'!A0,0x0000000000000000000000000000000000000001,retail,individual,KZ,KZ,2030-01-01\n"
                    "r-2,=HYPERLINK(\"x\"),retail,individual,KZ,KZ,2030-01-01\n"
                    "r-3,0x0000000000000000000000000000000000000003,@SUM(A1),individual,KZ,KZ,2030-01-01\n"
                    "r-4,0x0000000000000000000000000000000000000004,retail,individual,KZ,KZ,+1+1\n")
    with pytest.raises(errors.ValidationError) as refused:
        read_investors(str(path), "a-secret-salt-of-16+")
    message = str(refused.value)
    assert "line 3" in message and "line 4" in message and "line 5" in message and "nothing was sent" in message


def test_token_specs_refuse_hostile_names():
    roles = {r: "0x" + "11" * 20 for r in ("admin", "issuer_agent", "compliance_agent", "enforcement_agent",
                                         "document_manager")}
    for symbol in ("", "A" * 12, "<b>", "SGB\n", "=1+1"):
        with pytest.raises(InvalidInput) as refused:
            TokenSpec(name="x", symbol=symbol, decimals=0, asset_class="equity", jurisdiction="KZ", roles=roles)
        assert [name for name, _ in refused.value.problems] == ["symbol"], refused.value.problems


# -- hostile calls on chain ------------------------------------------------------------------


def test_transfers_to_odd_places_and_of_odd_amounts(market):
    from tests.issuer.helpers import allocate

    token, client = market.token, market.world.client
    allocate(market, "alice", "100")
    with pytest.raises(errors.ERC20InvalidReceiver):  # the zero address
        client.send(token.contract, "transfer", "0x" + "00" * 20, 1, signer=market.alice, gas=300_000)
    from dfa import restrictions as r

    with pytest.raises(r.ReceiverNotRegistered):  # the token contract itself holds nothing
        token.transfer(token.address, "1", market.alice)
    with pytest.raises(r.InsufficientBalance):
        client.send(token.contract, "transfer", market.bob.address, 2**256 - 1, signer=market.alice, gas=300_000)
    before = token.balance_of(market.alice.address)
    token.transfer(market.alice.address, "10", market.alice)  # to oneself: allowed, nothing changes
    token.transfer(market.bob.address, "0", market.alice)  # zero: allowed (ERC-20), nothing moves
    assert token.balance_of(market.alice.address) == before
    assert token.holder_counts().total == 1  # bob did not become a holder by receiving nothing


def test_a_price_too_large_for_a_decimal_is_refused_as_input():
    """Found by the fuzzer: 1E30 made quantize raise decimal.InvalidOperation instead of a refusal."""
    with pytest.raises(InvalidInput, match="too large"):
        DecisionSpec(**{**VALID_DECISION, "price": "1E30"})
