"""Property: over random registry, rule and balance states, the pre-check's answer is what the chain then does."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dfa.issuer import DenyRule, Rules
from dfa.operator import Category, Kind
from dfa.restrictions import Restriction, TransferRestricted

NAMES = ("alice", "bob", "carol", "dave", "erin", "kzco")
COUNTRIES = ("KZ", "US", "DE")

rules_strategy = st.builds(
    dict,
    categories=st.sets(st.sampled_from(list(Category)), min_size=1),
    kinds=st.sets(st.sampled_from(list(Kind)), min_size=1),
    allowed_countries=st.sets(st.sampled_from(COUNTRIES)),
    denied_countries=st.sets(st.sampled_from(COUNTRIES)),
    pilot=st.booleans(),
    granularity=st.sampled_from(["0.01", "0.05", "1"]),
)
state_strategy = st.fixed_dictionaries({
    "rules": rules_strategy,
    "suspended": st.sets(st.sampled_from(NAMES)),
    "sender": st.sampled_from(NAMES),
    "receiver": st.sampled_from(NAMES + ("stranger",)),
    "amount_units": st.integers(min_value=0, max_value=150_000),
})


@pytest.mark.parametrize("examples", [30])
def test_precheck_agrees_with_the_transaction(market, examples):
    world, token = market.world, market.token
    for name in NAMES:
        token.allocate(market.decision_id, market.investors[name].address, "1000", market.issuer_agent)
    stranger = world.fresh_wallet()
    seen = set()

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(state=state_strategy)
    def run(state):
        snapshot = world.client.snapshot()
        try:
            rules = state["rules"]
            rules["denied_countries"] -= rules["allowed_countries"]
            pilot = rules.pop("pilot")
            token.set_rules(Rules(**rules, deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"],
                                                                 exempt_flags=["licensed_miner"])] if pilot else []),
                            market.compliance_agent)
            for name in state["suspended"]:
                world.registry.suspend(market.ids[name], "random", world.registrar)
            sender = market.investors[state["sender"]]
            receiver = stranger if state["receiver"] == "stranger" else market.investors[state["receiver"]].address
            units = state["amount_units"]
            check = token.check_transfer(sender.address, receiver, token.amount(units))
            seen.add(check.reason)
            try:
                world.client.send(token.contract, "transfer", receiver, units, signer=sender, gas=400_000)
                outcome = Restriction.SUCCESS
            except TransferRestricted as refusal:
                assert refusal.sent
                outcome = refusal.reason
            assert outcome == check.reason, state
        finally:
            world.client.revert(snapshot)

    run()
    assert len(seen) >= 5, f"the examples exercised too few outcomes: {seen}"
