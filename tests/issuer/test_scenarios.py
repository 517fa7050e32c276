"""Two stories the regulator cares about, told end to end."""

import pytest

from dfa import restrictions as r
from dfa.issuer import DecisionSpec, DenyRule, Rules

DAY = 24 * 3600


def test_astana_pilot_resident_companies_may_not_hold_except_licensed_miners(market):
    token, agent = market.token, market.issuer_agent
    token.set_rules(Rules(deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"],
                                               exempt_flags=["licensed_miner"])]), market.compliance_agent)
    token.allocate(market.decision_id, market.alice.address, "100", agent)  # resident individual
    token.allocate(market.decision_id, market.dave.address, "100", agent)  # resident company, licensed miner
    token.allocate(market.decision_id, market.carol.address, "100", agent)  # non-resident company
    with pytest.raises(r.ReceiverDeniedByRule):  # resident company
        token.allocate(market.decision_id, market.kzco.address, "100", agent)
    with pytest.raises(r.ReceiverDeniedByRule):  # nor can it buy from a holder
        token.transfer(market.kzco.address, "10", market.dave)
    token.transfer(market.alice.address, "10", market.dave)  # the miner trades

    token.set_rules(Rules(), market.compliance_agent)  # the regulator lifts the ban
    token.transfer(market.kzco.address, "10", market.dave)
    assert token.balance_of(market.kzco.address) == 10


def test_issuance_decision_gates_the_offering_from_opening_to_closing(market):
    token, client, agent, admin = market.token, market.world.client, market.issuer_agent, market.admin
    now = client.now()
    offering = DecisionSpec(decision_id="SHARES-2027", document_hash="0x" + "ab" * 32, cap="300",
                            min_subscription="50", price="12.50", currency="EUR", categories=["qualified"],
                            subscription_start=now + DAY, subscription_end=now + 8 * DAY)
    token.publish_decision(offering, admin)
    with pytest.raises(r.BeforeSubscription):
        token.allocate("SHARES-2027", market.bob.address, "100", agent)
    client.travel(DAY)
    with pytest.raises(r.CategoryNotInDecision):  # a retail investor in a qualified-only offering
        token.allocate("SHARES-2027", market.alice.address, "100", agent)
    with pytest.raises(r.BelowMinimumSubscription):
        token.allocate("SHARES-2027", market.bob.address, "49.99", agent)
    token.allocate("SHARES-2027", market.bob.address, "300", agent)
    with pytest.raises(r.DecisionCapExceeded):
        token.allocate("SHARES-2027", market.bob.address, "50", agent)

    token.amend_decision(offering.replace(cap="400"), admin)  # demand is strong: the issuer raises the cap
    token.allocate("SHARES-2027", market.bob.address, "100", agent)
    token.close_decision("SHARES-2027", admin)
    with pytest.raises(r.DecisionClosed):
        token.allocate("SHARES-2027", market.bob.address, "50", agent)

    first, second = token.decision_history("SHARES-2027")
    assert (first.cap, second.cap, second.closed, second.allocated) == (300, 400, True, 400)
    assert first.price == second.price and first.currency == "EUR"
