"""Issuance decisions gate every mint: window, cap, minimum, categories, status; versions stay readable."""

from decimal import Decimal

import pytest

from dfa import errors, restrictions as r
from dfa.issuer import DecisionSpec
from tests.issuer.helpers import allocate

DAY = 24 * 3600


def spec(market, **changes) -> DecisionSpec:
    now = market.world.client.now()
    fields = dict(decision_id="BOND-2026-02", document_hash="0x" + "33" * 32, cap="500", min_subscription="10",
                  price="98.50", currency="USD", subscription_start=now, subscription_end=now + 10 * DAY)
    fields.update(changes)
    return DecisionSpec(**fields)


def refused_allocation(market, cls, decision_id, to, amount):
    token = market.token
    check = token.check_allocation(decision_id, to, amount)
    assert check.reason is cls.reason
    with pytest.raises(cls) as before:
        token.allocate(decision_id, to, amount, market.issuer_agent)
    assert not before.value.sent
    key = decision_id.encode().ljust(32, b"\0")
    with pytest.raises(cls) as after:
        market.world.client.send(token.contract, "allocate", key, to, token.units(amount), signer=market.issuer_agent,
                                 gas=400_000)
    assert after.value.sent


def test_every_allocation_names_its_decision(market):
    receipt = market.token.allocate(market.decision_id, market.alice.address, "100", market.issuer_agent)
    event = market.token.receipt_events(receipt, "Allocated")[0]
    assert event["decisionId"].rstrip(b"\0") == b"BOND-2026-01"
    assert (event["to"], event["value"], event["actor"]) == (market.alice.address, 10000, market.issuer_agent.address)
    assert market.token.decision(market.decision_id).allocated == 100


def test_no_mint_without_a_decision(market):
    refused_allocation(market, r.NoDecision, "NO-SUCH-DECISION", market.alice.address, "100")


def test_subscription_window_is_exact(market):
    now = market.world.client.now()
    market.token.publish_decision(spec(market, subscription_start=now + DAY, subscription_end=now + 2 * DAY),
                                  market.admin)
    refused_allocation(market, r.BeforeSubscription, "BOND-2026-02", market.alice.address, "10")
    market.world.client.travel(DAY)  # the next block is inside the window
    market.token.allocate("BOND-2026-02", market.alice.address, "10", market.issuer_agent)
    end = market.token.decision("BOND-2026-02").subscription_end
    market.world.client.travel(end - market.world.client.now())
    refused_allocation(market, r.AfterSubscription, "BOND-2026-02", market.alice.address, "10")


def test_decision_cap_exactly_at_the_cap_passes_one_unit_over_fails(market):
    market.token.publish_decision(spec(market, cap="500"), market.admin)
    market.token.allocate("BOND-2026-02", market.alice.address, "490", market.issuer_agent)
    refused_allocation(market, r.DecisionCapExceeded, "BOND-2026-02", market.bob.address, "10.01")
    market.token.allocate("BOND-2026-02", market.bob.address, "10", market.issuer_agent)
    assert market.token.decision("BOND-2026-02").allocated == 500


def test_minimum_subscription(market):
    market.token.publish_decision(spec(market, min_subscription="10"), market.admin)
    refused_allocation(market, r.BelowMinimumSubscription, "BOND-2026-02", market.alice.address, "9.99")
    market.token.allocate("BOND-2026-02", market.alice.address, "10", market.issuer_agent)


def test_the_decision_admits_categories(market):
    market.token.publish_decision(spec(market, categories=["qualified", "professional"]), market.admin)
    refused_allocation(market, r.CategoryNotInDecision, "BOND-2026-02", market.alice.address, "10")
    market.token.allocate("BOND-2026-02", market.bob.address, "10", market.issuer_agent)


def test_the_token_rules_apply_to_allocations_too(market):
    refused_allocation(market, r.ReceiverNotRegistered, market.decision_id, market.world.wallets[0], "100")
    with pytest.raises(errors.ValidationError, match="more than the token's 2 decimals"):
        market.token.allocate(market.decision_id, market.alice.address, "100.001", market.issuer_agent)


def test_closed_decision(market):
    market.token.close_decision(market.decision_id, market.admin)
    refused_allocation(market, r.DecisionClosed, market.decision_id, market.alice.address, "100")
    with pytest.raises(errors.DFADecisionIsClosed):
        market.token.close_decision(market.decision_id, market.admin)
    with pytest.raises(errors.DFADecisionIsClosed):
        market.token.amend_decision(spec(market, decision_id=market.decision_id), market.admin)


def test_amendment_makes_a_new_version_and_keeps_the_old_one(market):
    first = market.token.decision(market.decision_id)
    allocate(market, "alice", "100")
    market.token.amend_decision(spec(market, decision_id=market.decision_id, cap="2000000", price="0.99"), market.admin)
    history = market.token.decision_history(market.decision_id)
    assert [d.version for d in history] == [1, 2]
    assert history[0].cap == first.cap and history[0].price == first.price
    assert history[1].cap == 2000000 and history[1].price == Decimal("0.99")
    assert market.token.decision(market.decision_id).version == 2
    with pytest.raises(errors.DFADecisionCapBelowAllocated) as refused:
        market.token.amend_decision(spec(market, decision_id=market.decision_id, cap="99"), market.admin)
    assert refused.value.allocated == 10000


def test_only_the_issuer_publishes_and_only_the_agent_allocates(market):
    for intruder in (market.issuer_agent, market.compliance_agent, market.world.operator):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            market.token.publish_decision(spec(market), intruder)
    for intruder in (market.admin, market.compliance_agent, market.world.operator):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            market.world.client.send(market.token.contract, "allocate",
                                     b"BOND-2026-01".ljust(32, b"\0"), market.alice.address, 10000, signer=intruder)
    with pytest.raises(errors.DFADecisionExists):
        market.token.publish_decision(spec(market, decision_id=market.decision_id), market.admin)


def test_terms_are_checked_on_chain_too(market):
    terms = list(spec(market).as_terms(2))
    terms[0] = bytes(32)
    with pytest.raises(errors.DFAInvalidDecisionTerms) as refused:
        market.world.client.send(market.token.contract, "publishDecision", b"X".ljust(32, b"\0"),
                                 tuple(terms), signer=market.admin)
    assert refused.value.field == "documentHash"


def test_batch_allocation_is_atomic(market):
    token = market.token
    with pytest.raises(r.ReceiverNotRegistered):
        token.allocate_many(market.decision_id, [(market.alice.address, "100"), (market.world.wallets[0], "100")],
                            market.issuer_agent)
    assert token.balance_of(market.alice.address) == 0
    token.allocate_many(market.decision_id, [(market.alice.address, "100"), (market.bob.address, "200")],
                        market.issuer_agent)
    assert (token.balance_of(market.alice.address), token.balance_of(market.bob.address)) == (100, 200)


def test_redemption_burns_by_the_issuer_agent_only(market):
    token = market.token
    allocate(market, "alice", "100")
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        token.redeem(market.alice.address, "40", market.alice)
    with pytest.raises(r.InsufficientBalance):
        token.redeem(market.alice.address, "100.01", market.issuer_agent)
    market.world.registry.suspend(market.ids["alice"], "KYC review", market.world.registrar)
    receipt = token.redeem(market.alice.address, "40", market.issuer_agent)  # redemption needs no eligibility
    assert token.balance_of(market.alice.address) == 60 and token.total_supply() == 60
    assert token.receipt_events(receipt, "Redeemed")[0]["actor"] == market.issuer_agent.address


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(subscription_end="2020-01-01"), "ends before"),
        (dict(currency="XYZ"), "unknown currency"),
        (dict(price="1.001"), "more than the 2 decimals of USD"),
        (dict(cap="0"), "cap must be positive"),
        (dict(min_subscription="600"), "above the cap"),
        (dict(categories=[]), "at least one investor category"),
        (dict(categories=["whales"]), "unknown category"),
        (dict(document_hash="0x1234"), "32-byte hash"),
    ],
)
def test_decision_specs_are_validated(changes, message):
    fields = dict(decision_id="D-1", document_hash="0x" + "33" * 32, cap="500", price="98.50", currency="USD",
                  subscription_start="2030-01-01", subscription_end="2030-02-01")
    fields.update(changes)
    with pytest.raises(errors.ValidationError, match=message):
        DecisionSpec(**fields)
