"""Invariants under random operation: random sequences of every kind of act, by random actors.

Acts: allocate, transfer, transfer-from, redeem, freeze and unfreeze (wallet and part of a
balance), forced transfer, pause, suspend and reactivate, update, add and remove wallets,
lost-key recovery, licence suspension, rule and cap changes, time travel (past KYC expiry and the
subscription window). After every step: the supply, frozen amounts, per-investor holdings and
holder counts add up; a transfer's pre-check equals its outcome; tokens only ever reach a
verified wallet outside enforcement, within the caps; after each example, the register rebuilt
from events equals the chain.

CI runs a bounded number of examples on each backend; a longer run by hand:

    DFA_STATEFUL_EXAMPLES=200 DFA_STATEFUL_STEPS=50 .venv/bin/python -m pytest tests/test_stateful.py -s

prints how many steps ran.
"""

import os

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from dfa.errors import DFAError
from dfa.restrictions import Restriction, TransferRestricted

EXAMPLES = int(os.environ.get("DFA_STATEFUL_EXAMPLES", "6"))
STEPS = int(os.environ.get("DFA_STATEFUL_STEPS", "15"))
NAMES = ("alice", "bob", "carol", "dave", "erin", "kzco")
ACTORS = ("issuer_agent", "compliance_agent", "enforcement_agent", "admin", "alice")
amounts = st.integers(min_value=0, max_value=300_000)  # base units (2 decimals)


def test_invariants_hold_under_random_operation(market):
    token, world = market.token, market.world
    client = world.client
    extra = [world.fresh_wallet() for _ in range(3)]  # wallets the registrar may add to investors
    second_registrar = client.dev_accounts()[9]
    wallets = [market.investors[n].address for n in NAMES] + extra
    counted = {"steps": 0, "refused": 0}

    class Ledger(RuleBasedStateMachine):
        @initialize()
        def start(self):
            self.snapshot = client.snapshot()
            world.registry.add_registrar(second_registrar.address, world.operator)
            world.licenses.set_min_recovery_delay(0, "Decision 0", world.regulator)
            world.registry.set_recovery_delay(0, world.operator)

        def teardown(self):
            # the register rebuilt from events equals the chain's own balances
            from dfa.register import register_extract

            extract = register_extract(token)
            rebuilt = {w.wallet: token.units(w.balance) for h in extract.holders for w in h.wallets}
            for wallet in wallets:
                assert rebuilt.get(wallet, 0) == token._call("balanceOf", wallet)
            client.revert(self.snapshot)

        def _act(self, action):
            counted["steps"] += 1
            try:
                action()
            except DFAError:
                counted["refused"] += 1

        def _actor(self, name):
            return world.operator if name == "operator" else getattr(market, name)

        def _holding(self, receiver):
            return token._call("investorBalance", world.registry._call("investorIdOf", receiver))

        def _acquired(self, receiver, before_verified, before_holding):
            """After tokens arrived (not by enforcement): the receiver was verified, and no cap is exceeded."""
            assert before_verified, f"tokens reached {receiver}, which was not verified"
            max_balance, max_holders, _ = token._call("holdingRules")
            if max_balance:
                assert self._holding(receiver) <= max_balance
            if max_holders and before_holding == 0:  # a new holder joined: there was a place
                assert token._call("holderCounts")[0] <= max_holders

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        def allocate(self, who, units, actor):
            receiver = market.investors[who].address
            verified, holding = world.registry.is_verified(receiver), self._holding(receiver)
            try:
                counted["steps"] += 1
                client.send(self._actor(actor), token.contract, "allocate", b"BOND-2026-01".ljust(32, b"\0"),
                            receiver, units, gas=600_000)
            except DFAError:
                counted["refused"] += 1
                return
            if units:
                self._acquired(receiver, verified, holding)

        @rule(sender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES), units=amounts)
        def transfer(self, sender, receiver, units):
            counted["steps"] += 1
            signer, to = market.investors[sender], market.investors[receiver].address
            expected = Restriction(token._call("detectTransferRestriction", signer.address, to, units))
            verified, holding = world.registry.is_verified(to), self._holding(to)
            same_investor = world.registry._call("investorIdOf", signer.address) == \
                world.registry._call("investorIdOf", to)
            try:
                client.send(signer, token.contract, "transfer", to, units, gas=600_000)
                outcome = Restriction.SUCCESS
            except TransferRestricted as refusal:
                outcome = refusal.reason
            assert outcome == expected  # the pre-check agreed with what happened
            if outcome is Restriction.SUCCESS and units and not same_investor:
                self._acquired(to, verified, holding)

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        def redeem(self, who, units, actor):
            self._act(lambda: client.send(self._actor(actor), token.contract, "redeem",
                                          market.investors[who].address, units, gas=600_000))

        @rule(who=st.sampled_from(NAMES), actor=st.sampled_from(ACTORS), freeze=st.booleans())
        def freeze_wallet(self, who, actor, freeze):
            function, args = (("freezeWallet", [b"case".ljust(32, b"\0"), 0]) if freeze
                              else ("unfreezeWallet", [b"case".ljust(32, b"\0")]))
            self._act(lambda: client.send(self._actor(actor), token.contract, function,
                                          market.investors[who].address, *args, gas=300_000))

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        def freeze_tokens(self, who, units, actor):
            calls = [token._encode("setLegalReference", b"case".ljust(32, b"\0"), 0),
                     token._encode("setFrozenTokens", market.investors[who].address, units)]
            self._act(lambda: client.send(self._actor(actor), token.contract, "multicall", calls, gas=300_000))

        @rule(sender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES), units=amounts,
              actor=st.sampled_from(ACTORS))
        def forced_transfer(self, sender, receiver, units, actor):
            calls = [token._encode("setLegalReference", b"court".ljust(32, b"\0"), 0),
                     token._encode("forcedTransfer", market.investors[sender].address,
                                   market.investors[receiver].address, units)]
            self._act(lambda: client.send(self._actor(actor), token.contract, "multicall", calls, gas=600_000))

        @rule(pause=st.booleans(), actor=st.sampled_from(ACTORS))
        def pause(self, pause, actor):
            self._act(lambda: client.send(self._actor(actor), token.contract, "pause" if pause else "unpause",
                                          b"case".ljust(32, b"\0"), gas=200_000))

        @rule(who=st.sampled_from(NAMES), suspend=st.booleans())
        def suspend(self, who, suspend):
            registry = world.registry
            self._act(lambda: registry.suspend(market.ids[who], "random", world.registrar) if suspend
                      else registry.reactivate(market.ids[who], world.registrar))

        @rule(cap=st.integers(min_value=0, max_value=3), per_investor=st.sampled_from([0, 50_000, 200_000]))
        def holding_rules(self, cap, per_investor):
            self._act(lambda: client.send(market.compliance_agent, token.contract, "setMaxHolders", cap,
                                          [0, 0, 0, 0], gas=200_000))
            self._act(lambda: client.send(market.compliance_agent, token.contract, "setMaxBalance", per_investor,
                                          gas=200_000))

        @rule(owner=st.sampled_from(NAMES), spender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES),
              units=amounts)
        def transfer_from(self, owner, spender, receiver, units):
            counted["steps"] += 1
            holder, agent = market.investors[owner], market.investors[spender]
            to = market.investors[receiver].address
            client.send(holder, token.contract, "approve", agent.address, units, gas=200_000)
            expected = Restriction(token._call("detectTransferRestriction", holder.address, to, units))
            try:
                client.send(agent, token.contract, "transferFrom", holder.address, to, units, gas=600_000)
                outcome = Restriction.SUCCESS
            except TransferRestricted as refusal:
                outcome = refusal.reason
            assert outcome == expected

        @rule(who=st.sampled_from(NAMES), index=st.integers(min_value=0, max_value=2))
        def add_wallet(self, who, index):
            self._act(lambda: world.registry.add_wallet(market.ids[who], extra[index], world.registrar))

        @rule(who=st.sampled_from(NAMES), category=st.sampled_from(["retail", "qualified", "professional"]))
        def update(self, who, category):
            def change():
                current = world.registry.investor(market.ids[who]).profile()
                world.registry.update(market.ids[who], current.replace(category=category), world.registrar)
            self._act(change)

        @rule(who=st.sampled_from(NAMES), index=st.integers(min_value=0, max_value=2))
        def recover(self, who, index):
            """A lost key: request, approval by a second registrar (no waiting period here), then the move."""
            lost, replacement = market.investors[who].address, extra[index]
            def steps():
                world.registry.request_recovery(lost, replacement, "KYC case 1", world.registrar)
                world.registry.approve_recovery(lost, second_registrar)
                token.recover_wallet(lost, world.outsider)
            self._act(steps)

        @rule(index=st.integers(min_value=0, max_value=2))
        def remove_wallet(self, index):
            self._act(lambda: world.registry.remove_wallet(extra[index], world.registrar))

        @rule(suspend=st.booleans())
        def licence(self, suspend):
            licenses, operator = world.licenses, world.operator.address
            self._act(lambda: licenses.suspend(operator, "review", world.regulator) if suspend
                      else licenses.reinstate(operator, world.regulator))

        @rule(categories=st.sets(st.sampled_from([2, 4, 8]), min_size=1))
        def categories(self, categories):
            self._act(lambda: client.send(market.compliance_agent, token.contract, "setInvestorCategories",
                                          sum(categories), gas=200_000))

        @rule(seconds=st.integers(min_value=1, max_value=40 * 24 * 3600))
        def travel(self, seconds):
            counted["steps"] += 1
            client.travel(seconds)

        @invariant()
        def balances_sum_to_supply_and_frozen_is_covered(self):
            balances = [token._call("balanceOf", w) for w in wallets]
            assert sum(balances) == token._call("totalSupply")
            for wallet, balance in zip(wallets, balances):
                assert token._call("getFrozenTokens", wallet) <= balance

        @invariant()
        def holdings_are_counted_per_investor_without_drift(self):
            owner = {w: world.registry._call("investorIdOf", w) for w in wallets}
            held = {}
            for name in NAMES:
                key = bytes.fromhex(market.ids[name][2:])
                held[name] = sum(token._call("balanceOf", w) for w in wallets if owner[w] == key)
                assert token._call("investorBalance", key) == held[name]
            total, _ = token._call("holderCounts")
            assert total == sum(1 for units in held.values() if units)

    run_state_machine_as_test(Ledger, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
    print(f"\nstateful: {counted['steps']} steps in {EXAMPLES} examples, {counted['refused']} refused; "
          "no invariant failed")
    assert counted["steps"] >= EXAMPLES
