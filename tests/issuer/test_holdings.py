"""Holding rules counted per investor: one balance cap and one holder place for all of an investor's wallets."""

from decimal import Decimal

import pytest

from dfa import restrictions as r
from dfa.issuer import Rules
from dfa.operator import Category
from tests.issuer.helpers import allocate, passes, refused


def rules(market, **fields):
    market.token.set_rules(Rules(**fields), market.compliance_agent)


@pytest.fixture
def two_wallets(market):
    """Alice with a second wallet."""
    world = market.world
    world.registry.add_wallet(market.ids["alice"], world.wallets[0], world.registrar)
    return world.wallets[0]


def test_max_balance_is_summed_over_an_investors_wallets(market, two_wallets):
    rules(market, max_balance="1000")
    allocate(market, "alice", "600")
    market.token.allocate(market.decision_id, two_wallets, "400", market.issuer_agent)  # exactly at the cap
    assert market.token.investor_balance(market.ids["alice"]) == 1000
    with pytest.raises(r.MaxBalanceExceeded):
        market.token.allocate(market.decision_id, two_wallets, "10", market.issuer_agent)
    allocate(market, "bob", "100")
    refused(market, r.MaxBalanceExceeded, market.bob, market.alice.address, "0.01")
    passes(market, market.alice, two_wallets, "600")  # between wallets of one investor: no change in holding


def test_two_wallets_count_as_one_holder_and_leaving_frees_the_place(market, two_wallets):
    token = market.token
    allocate(market, "alice", "100")
    token.allocate(market.decision_id, two_wallets, "100", market.issuer_agent)
    assert token.holder_counts().total == 1
    allocate(market, "bob", "100")
    counts = token.holder_counts()
    assert counts.total == 2 and counts.by_category[Category.RETAIL] == 1 and counts.by_category[Category.QUALIFIED] == 1
    token.transfer(market.alice.address, "100", market.bob)  # bob leaves
    assert token.holder_counts().total == 1


def test_max_holders_overall(market):
    rules(market, max_holders=2)
    allocate(market, "alice", "100")
    allocate(market, "bob", "100")
    with pytest.raises(r.MaxHoldersReached):
        allocate(market, "carol", "100")
    refused(market, r.MaxHoldersReached, market.alice, market.carol.address, "50")
    passes(market, market.alice, market.carol.address, "100")  # alice leaves as carol joins
    passes(market, market.carol, market.bob.address, "1")  # existing holders trade freely


def test_max_holders_by_category(market):
    rules(market, max_holders_by_category={"retail": 1})
    allocate(market, "alice", "100")
    with pytest.raises(r.MaxCategoryHoldersReached):
        allocate(market, "erin", "100")  # a second retail investor
    allocate(market, "bob", "100")  # qualified: not capped
    passes(market, market.alice, market.erin.address, "100")  # the retail place passes from alice to erin
    refused(market, r.MaxCategoryHoldersReached, market.bob, market.alice.address, "1")


def test_holding_rules_round_trip_and_are_for_the_compliance_agent(market):
    wanted = Rules(max_balance="5000", max_holders=500, max_holders_by_category={"retail": 499})
    rules(market, max_balance="5000", max_holders=500, max_holders_by_category={"retail": 499})
    assert market.token.rules() == wanted.replace(granularity="0.01")
    from dfa import errors

    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        market.token.set_rules(wanted, market.admin)


def test_redemption_frees_the_holder_place(market):
    allocate(market, "alice", "100")
    market.token.redeem(market.alice.address, "100", market.issuer_agent)
    assert market.token.holder_counts().total == 0
    assert market.token.investor_balance(market.ids["alice"]) == 0


def test_dust_cannot_fill_the_holder_cap_under_a_minimum_holding(market):
    """The griefing: a holder sends 0.01 to idle registered investors until no real buyer can join."""
    rules(market, max_holders=3, min_holding="10")
    allocate(market, "alice", "1000")
    for victim in ("bob", "erin"):
        refused(market, r.BelowMinHolding, market.alice, market.investors[victim].address, "0.01")
    refused(market, r.BelowMinHolding, market.alice, market.bob.address, "9.99")
    assert market.token.holder_counts().total == 1
    passes(market, market.alice, market.bob.address, "10")  # a real sale at the minimum
    passes(market, market.alice, market.carol.address, "500")
    assert market.token.holder_counts().total == 3
    passes(market, market.alice, market.carol.address, "490")  # leaving entirely is always allowed
    assert market.token.holder_counts().total == 2


def test_a_minimum_holding_judges_what_each_investor_keeps(market, two_wallets):
    token = market.token
    rules(market, min_holding="20")
    with pytest.raises(r.BelowMinHolding) as below:  # an allocation leaving the new holder below it
        allocate(market, "alice", "15")
    assert not below.value.sent and below.value.receiver == market.alice.address
    allocate(market, "alice", "100")
    allocate(market, "bob", "100")
    refused(market, r.BelowMinHolding, market.alice, market.bob.address, "85")  # alice would keep 15
    passes(market, market.alice, market.bob.address, "80")  # alice keeps exactly 20
    passes(market, market.alice, two_wallets, "5")  # between wallets of one investor: the investor keeps 20
    token.allocate(market.decision_id, two_wallets, "10", market.issuer_agent)  # an existing holder tops up
    passes(market, market.bob, market.alice.address, "0.01")  # receiver already above: any amount
    rules(market, min_holding="50")  # raised: an investor below it cannot shrink further
    refused(market, r.BelowMinHolding, market.alice, market.bob.address, "1")
    passes(market, market.bob, market.carol.address, "100")  # bob keeps 79.99


def test_redemptions_and_enforcement_acts_are_not_held_to_the_minimum(market):
    token = market.token
    rules(market, min_holding="10")
    allocate(market, "alice", "100")
    token.redeem(market.alice.address, "95", market.issuer_agent)  # a partial buy-back leaves 5
    assert token.balance_of(market.alice.address) == 5
    from dfa.enforcement import Enforcement

    Enforcement(token).forced_transfer(market.alice.address, market.bob.address, "1", "Court 7-1/2026",
                                       market.enforcement_agent)
    assert token.balance_of(market.bob.address) == 1


def test_the_minimum_holding_round_trips_costs_nothing_when_off_and_is_for_the_compliance_agent(market):
    from dfa import errors

    rules(market, min_holding="25.5")
    assert market.token.rules().min_holding == Decimal("25.5")
    rules(market)
    assert market.token.rules().min_holding is None
    allocate(market, "alice", "100")
    passes(market, market.alice, market.bob.address, "0.01")
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        market.world.client.send(market.token.contract, "setMinHolding", 1, signer=market.admin)
