"""Hostile and malformed input: always a DFAError with a message, never a crash, never a transaction."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dfa import errors
from dfa.cli.commands.operator import read_investors
from dfa.issuer import DecisionSpec, TokenSpec
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
            assert str(error)  # a message a person can act on
        # anything else propagates and fails the test


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.fixed_dictionaries({}, optional={
    "category": junk, "kind": junk, "country": junk, "residency": junk, "kyc_valid_until": junk, "flags": junk,
    "investor_id": junk, "wallet": junk}))
def test_models_refuse_bad_fields_with_a_dfa_error(fields):
    for model in (InvestorProfile, NewInvestor):
        try:
            model(**{k: v for k, v in fields.items() if k in model.model_fields})
        except errors.DFAError as error:
            assert str(error)


@settings(max_examples=100, deadline=None)
@given(cap=junk, price=junk, currency=junk, start=junk, end=junk)
def test_decision_specs_refuse_bad_terms(cap, price, currency, start, end):
    try:
        DecisionSpec(decision_id="D", document_hash="0x" + "11" * 32, cap=cap, price=price, currency=currency,
                     subscription_start=start, subscription_end=end)
    except errors.DFAError:
        pass


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
        with pytest.raises(errors.ValidationError):
            TokenSpec(name="x", symbol=symbol, decimals=0, asset_class="equity", jurisdiction="KZ", roles=roles)


# -- hostile calls on chain ------------------------------------------------------------------


def test_transfers_to_odd_places_and_of_odd_amounts(market):
    from tests.issuer.helpers import allocate

    token, client = market.token, market.world.client
    allocate(market, "alice", "100")
    with pytest.raises(errors.ERC20InvalidReceiver):  # the zero address
        client.send(market.alice, token.contract, "transfer", "0x" + "00" * 20, 1, gas=300_000)
    from dfa import restrictions as r

    with pytest.raises(r.ReceiverNotRegistered):  # the token contract itself holds nothing
        token.transfer(market.alice, token.address, "1")
    with pytest.raises(r.InsufficientBalance):
        client.send(market.alice, token.contract, "transfer", market.bob.address, 2**256 - 1, gas=300_000)
    before = token.balance_of(market.alice.address)
    token.transfer(market.alice, market.alice.address, "10")  # to oneself: allowed, nothing changes
    token.transfer(market.alice, market.bob.address, "0")  # zero: allowed (ERC-20), nothing moves
    assert token.balance_of(market.alice.address) == before
    assert token.holder_counts().total == 1  # bob did not become a holder by receiving nothing
