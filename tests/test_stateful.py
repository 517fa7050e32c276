"""Invariants under random operation: random sequences of every kind of act, by random actors.

Acts: allocate, transfer, transfer-from, redeem, freeze and unfreeze (wallet and part of a
balance), forced transfer, pause, suspend and reactivate, update, add and remove wallets,
lost-key recovery, licence suspension, rule and cap changes (holder caps overall and by
category, maximum balance, supply cap, the decision's cap), time travel (past KYC expiry and the
subscription window).

After every step, from one batch of reads (one JSON-RPC round trip on a node):
- balances sum to the supply, and the supply is what the allocations minus the redemptions
  that succeeded left (a model kept by the test); the supply never exceeds its cap;
- what was allocated under the decision equals the model's sum and never exceeds the decision's cap;
- frozen tokens never exceed a wallet's balance;
- each investor's holding equals its wallets' balances; the holder count, overall and per
  category, equals the investors holding, each counted under the category it had when it
  became a holder (the model);
- a transfer's pre-check equals its outcome; tokens only ever reach a verified wallet outside
  enforcement, within the caps (maximum balance, holders overall and by category).
Every ``DFA_STATEFUL_EXTRACT_EVERY`` steps (default 10) and at the end of each example, the
register rebuilt from events (``dfa.register``) equals the chain: each wallet's balance and
frozen amount, each wallet grouped under the investor the registry binds it to, each
investor's total equal to the token's own per-investor holding.

CI runs a bounded number of examples on each backend (``DFA_STATEFUL_EXAMPLES``, default 6, of
up to ``DFA_STATEFUL_STEPS``, default 15, steps). The long campaign (many processes, each with
its own seed and chain, steps counted and summed) is ``python -m tests.stateful_campaign``;
README's figures come from its output. ``DFA_STATEFUL_SEED`` replaces the fixed derandomised
run with a seeded one; ``DFA_STATEFUL_COUNTS`` names a JSON file the executed steps are
counted into (rewritten after every example, so a run stopped early still reports how far it got).
"""

import functools
import json
import os
import time
from collections import Counter

from eth_utils.abi import get_abi_output_types
from hypothesis import HealthCheck, seed, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from dfa.errors import DFAError
from dfa.operator.investors import unpack_record
from dfa.register import register_extract
from dfa.restrictions import Restriction, TransferRestricted

EXAMPLES = int(os.environ.get("DFA_STATEFUL_EXAMPLES", "6"))
STEPS = int(os.environ.get("DFA_STATEFUL_STEPS", "15"))
SEED = os.environ.get("DFA_STATEFUL_SEED")
COUNTS = os.environ.get("DFA_STATEFUL_COUNTS")
EXTRACT_EVERY = int(os.environ.get("DFA_STATEFUL_EXTRACT_EVERY", "10"))
NAMES = ("alice", "bob", "carol", "dave", "erin", "kzco")
ACTORS = ("issuer_agent", "compliance_agent", "enforcement_agent", "admin", "alice")
DECISION = b"BOND-2026-01".ljust(32, b"\0")
CASE = b"case".ljust(32, b"\0")
amounts = st.integers(min_value=0, max_value=300_000)  # base units (2 decimals)
# caps that bite within a few allocations, and one that does not
caps = st.sampled_from([0, 100_000, 400_000, 1_000_000, 100_000_000])
category_caps = st.lists(st.sampled_from([0, 1, 2]), min_size=3, max_size=3)


class Reads:
    """Fixed views (function and arguments known in advance), read together: one ``multicall`` per
    contract (the token and the registry both serve one), both in one JSON-RPC batch where the
    node takes batches. On the embedded chain each eth_call costs ~0.1 s, so two calls, not 45."""

    def __init__(self, client, reader):
        self.client, self.reader = client, reader  # eth-tester wants a funded sender for eth_call
        self.calls: dict[str, list] = {}  # contract address -> [(name, calldata, output types)]
        self.contracts: dict[str, object] = {}

    def add(self, name, contract, function, *args):
        call = contract.get_function_by_name(function)(*args)
        data = bytes.fromhex(call._encode_transaction_data().removeprefix("0x"))
        self.contracts[contract.address] = contract
        self.calls.setdefault(contract.address, []).append((name, data, get_abi_output_types(call.abi)))

    def read(self) -> dict:
        client = self.client
        requests = {}
        for address, calls in self.calls.items():
            data = self.contracts[address].encode_abi("multicall", args=[[data for _, data, _ in calls]])
            requests[address] = ("eth_call", [{"from": self.reader, "to": address, "data": data}, "latest"])
        raw = client._batch(requests) if client.backend.batches and len(requests) > 1 else None
        if raw is None:
            raw = {}
            for address, (method, params) in requests.items():
                response = client.w3.provider.make_request(method, params)
                assert "error" not in response, (address, response)
                raw[address] = response["result"]
        values = {}
        for address, result in raw.items():
            data = bytes(result) if not isinstance(result, str) else bytes.fromhex(result.removeprefix("0x"))
            (results,) = client.w3.codec.decode(["bytes[]"], data)
            for (name, _, types), output in zip(self.calls[address], results, strict=True):
                decoded = client.w3.codec.decode(types, output)
                values[name] = decoded[0] if len(decoded) == 1 else decoded
        return values


def test_invariants_hold_under_random_operation(market):
    token, world = market.token, market.world
    client, registry = world.client, world.registry
    extra = [world.fresh_wallet() for _ in range(3)]  # wallets the registrar may add to investors
    second_registrar = client.dev_accounts()[9]
    wallets = [market.investors[n].address for n in NAMES] + extra
    keys = {name: bytes.fromhex(market.ids[name][2:]) for name in NAMES}
    tally = Counter()
    by_rule = Counter()
    started = time.monotonic()

    reads = Reads(client, second_registrar.address)
    reads.add("supply", token.contract, "totalSupply")
    reads.add("supply_cap", token.contract, "supplyCap")
    reads.add("decision", token.contract, "decision", DECISION)
    reads.add("allocated", token.contract, "allocatedUnder", DECISION)
    reads.add("holders", token.contract, "holderCounts")
    for wallet in wallets:
        reads.add(("balance", wallet), token.contract, "balanceOf", wallet)
        reads.add(("frozen", wallet), token.contract, "getFrozenTokens", wallet)
        reads.add(("owner", wallet), registry.contract, "investorIdOf", wallet)
    for name in NAMES:
        reads.add(("holding", name), token.contract, "investorBalance", keys[name])
        address = market.investors[name].address
        reads.add(("record", name), registry.contract, "recordsOf", address, address)

    def save_counts():
        if COUNTS:
            document = dict(tally, seconds=round(time.monotonic() - started, 1), by_rule=dict(by_rule))
            with open(COUNTS + ".tmp", "w") as out:
                json.dump(document, out)
            os.replace(COUNTS + ".tmp", COUNTS)

    def counted(function):
        """A rule that counts itself when it runs (what the campaign sums)."""
        @functools.wraps(function)
        def step(self, **kwargs):
            tally["steps"] += 1
            by_rule[function.__name__] += 1
            return function(self, **kwargs)
        return step

    class Ledger(RuleBasedStateMachine):
        @initialize()
        def start(self):
            self.snapshot = client.snapshot()
            registry.add_registrar(second_registrar.address, world.operator)
            world.licenses.set_min_recovery_delay(0, "Decision 0", world.regulator)
            registry.set_recovery_delay(0, world.operator)
            seen = reads.read()
            self.supply = seen["supply"]  # the model: allocations minus redemptions that succeeded
            self.allocated = seen["allocated"]
            self.counted_as = {}  # investor -> the category it is counted under while it holds
            self.steps = 0

        def teardown(self):
            if hasattr(self, "snapshot"):
                self._extract_equals_chain(reads.read())
                client.revert(self.snapshot)
            tally["examples"] += 1
            save_counts()

        def _act(self, action):
            try:
                action()
                return True
            except DFAError:
                tally["refused"] += 1
                return False

        def _actor(self, name):
            return world.operator if name == "operator" else getattr(market, name)

        def _holding(self, receiver):
            return token._call("investorBalance", registry._call("investorIdOf", receiver))

        def _acquired(self, receiver, before_verified, before_holding):
            """After tokens arrived (not by enforcement): the receiver was verified, and no cap is exceeded."""
            assert before_verified, f"tokens reached {receiver}, which was not verified"
            max_balance, max_holders, max_by_category = token._call("holdingRules")
            if max_balance:
                assert self._holding(receiver) <= max_balance
            if before_holding == 0:  # a new holder joined: there was a place, overall and in its category
                total, by_category = token._call("holderCounts")
                category = unpack_record(registry._call("recordsOf", receiver, receiver)[0])["category"]
                assert not max_holders or total <= max_holders
                assert not max_by_category[category] or by_category[category] <= max_by_category[category]

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        @counted
        def allocate(self, who, units, actor):
            receiver = market.investors[who].address
            verified, holding = registry.is_verified(receiver), self._holding(receiver)
            if self._act(lambda: client.send(token.contract, "allocate", DECISION, receiver, units, signer=self._actor(actor),
                                             gas=600_000)):
                self.supply += units
                self.allocated += units
                if units:
                    self._acquired(receiver, verified, holding)

        @rule(sender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES), units=amounts)
        @counted
        def transfer(self, sender, receiver, units):
            signer, to = market.investors[sender], market.investors[receiver].address
            expected = Restriction(token._call("detectTransferRestriction", signer.address, to, units))
            verified, holding = registry.is_verified(to), self._holding(to)
            same_investor = registry._call("investorIdOf", signer.address) == registry._call("investorIdOf", to)
            try:
                client.send(token.contract, "transfer", to, units, signer=signer, gas=600_000)
                outcome = Restriction.SUCCESS
            except TransferRestricted as refusal:
                tally["refused"] += 1
                outcome = refusal.reason
            assert outcome == expected  # the pre-check agreed with what happened
            if outcome is Restriction.SUCCESS and units and not same_investor:
                self._acquired(to, verified, holding)

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        @counted
        def redeem(self, who, units, actor):
            if self._act(lambda: client.send(token.contract, "redeem",
                                             market.investors[who].address, units, signer=self._actor(actor), gas=600_000)):
                self.supply -= units

        @rule(who=st.sampled_from(NAMES), actor=st.sampled_from(ACTORS), freeze=st.booleans())
        @counted
        def freeze_wallet(self, who, actor, freeze):
            function, args = ("freezeWallet", [CASE, 0]) if freeze else ("unfreezeWallet", [CASE])
            self._act(lambda: client.send(token.contract, function,
                                          market.investors[who].address, *args, signer=self._actor(actor), gas=300_000))

        @rule(who=st.sampled_from(NAMES), units=amounts, actor=st.sampled_from(ACTORS))
        @counted
        def freeze_tokens(self, who, units, actor):
            calls = [token._encode("setLegalReference", CASE, 0),
                     token._encode("setFrozenTokens", market.investors[who].address, units)]
            self._act(lambda: client.send(token.contract, "multicall", calls, signer=self._actor(actor), gas=300_000))

        @rule(sender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES), units=amounts,
              actor=st.sampled_from(ACTORS))
        @counted
        def forced_transfer(self, sender, receiver, units, actor):
            calls = [token._encode("setLegalReference", b"court".ljust(32, b"\0"), 0),
                     token._encode("forcedTransfer", market.investors[sender].address,
                                   market.investors[receiver].address, units)]
            self._act(lambda: client.send(token.contract, "multicall", calls, signer=self._actor(actor), gas=600_000))

        @rule(pause=st.booleans(), actor=st.sampled_from(ACTORS))
        @counted
        def pause(self, pause, actor):
            self._act(lambda: client.send(token.contract, "pause" if pause else "unpause",
                                          CASE, signer=self._actor(actor), gas=200_000))

        @rule(who=st.sampled_from(NAMES), suspend=st.booleans())
        @counted
        def suspend(self, who, suspend):
            self._act(lambda: registry.suspend(market.ids[who], "random", world.registrar) if suspend
                      else registry.reactivate(market.ids[who], world.registrar))

        @rule(cap=st.integers(min_value=0, max_value=3), by_category=category_caps)
        @counted
        def holder_caps(self, cap, by_category):
            self._act(lambda: client.send(token.contract, "setMaxHolders", cap,
                                          [0, *by_category], signer=market.compliance_agent, gas=200_000))

        @rule(per_investor=st.sampled_from([0, 50_000, 200_000]))
        @counted
        def max_balance(self, per_investor):
            self._act(lambda: client.send(token.contract, "setMaxBalance", per_investor, signer=market.compliance_agent,
                                          gas=200_000))

        @rule(cap=caps, actor=st.sampled_from(ACTORS))
        @counted
        def supply_cap(self, cap, actor):
            """Refused below the supply (and for anyone but the compliance agent)."""
            self._act(lambda: client.send(token.contract, "setSupplyCap",
                                          cap or 2**256 - 1, signer=self._actor(actor), gas=200_000))

        @rule(cap=caps, actor=st.sampled_from(ACTORS))
        @counted
        def decision_cap(self, cap, actor):
            """The issuer amends the decision's cap: refused below what was allocated, after the window, or cap 0."""
            terms = list(token._call("decision", DECISION)[0][0])
            terms[1] = cap
            self._act(lambda: client.send(token.contract, "amendDecision", DECISION, tuple(terms), signer=self._actor(actor),
                                          gas=400_000))

        @rule(owner=st.sampled_from(NAMES), spender=st.sampled_from(NAMES), receiver=st.sampled_from(NAMES),
              units=amounts)
        @counted
        def transfer_from(self, owner, spender, receiver, units):
            holder, agent = market.investors[owner], market.investors[spender]
            to = market.investors[receiver].address
            client.send(token.contract, "approve", agent.address, units, signer=holder, gas=200_000)
            expected = Restriction(token._call("detectTransferRestriction", holder.address, to, units))
            try:
                client.send(token.contract, "transferFrom", holder.address, to, units, signer=agent, gas=600_000)
                outcome = Restriction.SUCCESS
            except TransferRestricted as refusal:
                tally["refused"] += 1
                outcome = refusal.reason
            assert outcome == expected

        @rule(who=st.sampled_from(NAMES), index=st.integers(min_value=0, max_value=2))
        @counted
        def add_wallet(self, who, index):
            self._act(lambda: registry.add_wallet(market.ids[who], extra[index], world.registrar))

        @rule(who=st.sampled_from(NAMES), category=st.sampled_from(["retail", "qualified", "professional"]))
        @counted
        def update(self, who, category):
            def change():
                current = registry.investor(market.ids[who]).profile()
                registry.update(market.ids[who], current.replace(category=category), world.registrar)
            self._act(change)

        @rule(who=st.sampled_from(NAMES), index=st.integers(min_value=0, max_value=2))
        @counted
        def recover(self, who, index):
            """A lost key: request, approval by a second registrar (no waiting period here), then the move."""
            lost, replacement = market.investors[who].address, extra[index]
            def steps():
                registry.request_recovery(lost, replacement, "KYC case 1", world.registrar)
                registry.approve_recovery(lost, second_registrar)
                token.recover_wallet(lost, world.outsider)
            self._act(steps)

        @rule(index=st.integers(min_value=0, max_value=2))
        @counted
        def remove_wallet(self, index):
            self._act(lambda: registry.remove_wallet(extra[index], world.registrar))

        @rule(suspend=st.booleans())
        @counted
        def licence(self, suspend):
            licenses, operator = world.licenses, world.operator.address
            self._act(lambda: licenses.suspend(operator, "review", world.regulator) if suspend
                      else licenses.reinstate(operator, world.regulator))

        @rule(categories=st.sets(st.sampled_from([2, 4, 8]), min_size=1))
        @counted
        def categories(self, categories):
            self._act(lambda: client.send(token.contract, "setInvestorCategories",
                                          sum(categories), signer=market.compliance_agent, gas=200_000))

        @rule(seconds=st.integers(min_value=1, max_value=40 * 24 * 3600))
        @counted
        def travel(self, seconds):
            client.travel(seconds)

        @invariant()
        def ledger_adds_up(self):
            tally["checks"] += 1
            seen = reads.read()
            balance = {w: seen[("balance", w)] for w in wallets}
            # supply: the sum of balances, the model's figure, within the cap
            assert sum(balance.values()) == seen["supply"] == self.supply
            assert seen["supply"] <= seen["supply_cap"]
            # the decision: what was allocated under it is the model's sum, within its cap
            terms = seen["decision"][0][0]
            assert seen["allocated"] == self.allocated <= terms[1]
            # frozen tokens are covered by the balance
            for wallet in wallets:
                assert seen[("frozen", wallet)] <= balance[wallet], wallet
            # holdings per investor, holder counts overall and per category
            held = {name: sum(balance[w] for w in wallets if seen[("owner", w)] == keys[name]) for name in NAMES}
            for name in NAMES:
                assert seen[("holding", name)] == held[name], name
                if not held[name]:
                    self.counted_as.pop(name, None)
                elif name not in self.counted_as:  # it became a holder in this step, under its category now
                    self.counted_as[name] = unpack_record(seen[("record", name)][0])["category"]
            total, by_category = seen["holders"]
            assert total == len(self.counted_as)
            assert list(by_category) == [sum(1 for c in self.counted_as.values() if c == category)
                                         for category in range(4)]
            self.steps += 1
            if self.steps % EXTRACT_EVERY == 0:
                self._extract_equals_chain(seen)

        def _extract_equals_chain(self, seen):
            """The register rebuilt from events: balances, frozen amounts and investor grouping as on chain."""
            tally["extracts"] += 1
            extract = register_extract(token)
            listed = {}
            for holder in extract.holders:
                key = bytes.fromhex(holder.investor_id[2:]) if holder.investor_id else bytes(32)
                name = next(name for name in NAMES if keys[name] == key)
                for entry in holder.wallets:
                    listed[entry.wallet] = token.units(entry.balance)
                    assert seen[("owner", entry.wallet)] == key, (entry.wallet, holder.investor_id)
                    assert token.units(entry.frozen) == seen[("frozen", entry.wallet)], entry.wallet
                assert token.units(holder.balance) == seen[("holding", name)], name
            assert listed == {w: units for w, units in ((w, seen[("balance", w)]) for w in wallets) if units}

    machine_settings = settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, derandomize=SEED is None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    run = functools.partial(run_state_machine_as_test, Ledger, settings=machine_settings)
    if SEED is not None:
        run = seed(int(SEED))(run)
    run()
    save_counts()
    print(f"\nstateful: {tally['steps']} steps in {tally['examples']} examples, {tally['refused']} refused, "
          f"{tally['checks']} invariant checks, {tally['extracts']} register extracts; no invariant failed")
    assert tally["steps"] >= EXAMPLES
