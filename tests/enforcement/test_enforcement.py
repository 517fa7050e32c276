"""Pause, freezes and forced transfers: each blocks what it must, lets through what it must, and is recorded."""

import pytest

from dfa import errors, restrictions as r
from dfa.enforcement import Enforcement
from tests.issuer.helpers import allocate, passes, refused

CASE = "Court 2-117/2026"


@pytest.fixture
def held(market):
    for name in ("alice", "bob", "carol"):
        allocate(market, name, "1000")
    return market


@pytest.fixture
def acts(held):
    return Enforcement(held.token)


def test_pause_stops_transfers_allocations_and_redemptions(held, acts):
    agent = held.enforcement_agent
    acts.pause(CASE, agent)
    assert held.token.paused()
    refused(held, r.Paused, held.alice, held.bob.address, "1")
    with pytest.raises(r.Paused):
        held.token.allocate(held.decision_id, held.alice.address, "100", held.issuer_agent)
    with pytest.raises(r.Paused):
        held.token.redeem(held.alice.address, "1", held.issuer_agent)
    with pytest.raises(errors.DFAAlreadyInState):
        acts.pause(CASE, agent)
    acts.unpause("Court 2-117/2026 lifted", agent)
    passes(held, held.alice, held.bob.address, "1")


def test_every_act_needs_the_enforcement_role_and_a_legal_basis(held, acts):
    for intruder in (held.admin, held.compliance_agent, held.issuer_agent, held.world.operator):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            acts.pause(CASE, intruder)
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            acts.freeze_wallet(held.alice.address, CASE, intruder)
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            acts.forced_transfer(held.alice.address, held.bob.address, "1", CASE, intruder)
    with pytest.raises(errors.ValidationError, match="legal basis"):
        acts.pause(None, held.enforcement_agent)
    with pytest.raises(errors.DFALegalReferenceRequired):  # Python bypassed
        held.world.client.send(held.token.contract, "freezeWallet", held.alice.address,
                               bytes(32), 0, signer=held.enforcement_agent)


def test_a_frozen_wallet_neither_sends_nor_receives(held, acts):
    acts.freeze_wallet(held.alice.address, CASE, held.enforcement_agent)
    refused(held, r.SenderFrozen, held.alice, held.bob.address, "1")
    refused(held, r.ReceiverFrozen, held.bob, held.alice.address, "1")
    with pytest.raises(r.ReceiverFrozen):
        held.token.allocate(held.decision_id, held.alice.address, "100", held.issuer_agent)
    with pytest.raises(r.SenderFrozen):
        held.token.redeem(held.alice.address, "1", held.issuer_agent)
    passes(held, held.bob, held.carol.address, "1")  # others trade on
    acts.unfreeze_wallet(held.alice.address, "Court 2-117/2026 lifted", held.enforcement_agent)
    passes(held, held.alice, held.bob.address, "1")
    with pytest.raises(errors.DFAWalletNotFrozen):
        acts.unfreeze_wallet(held.alice.address, CASE, held.enforcement_agent)


def test_a_freeze_with_an_expiry_lapses_by_itself(held, acts):
    client = held.world.client
    until = client.now() + 1000
    acts.freeze_wallet(held.alice.address, CASE, held.enforcement_agent, until=until)
    client.travel(until - client.now() - 1)
    assert held.token.is_frozen(held.alice.address)
    client.travel(1)
    assert not held.token.is_frozen(held.alice.address)
    passes(held, held.alice, held.bob.address, "1")
    with pytest.raises(errors.ValidationError, match="in the past"):
        acts.freeze_wallet(held.alice.address, CASE, held.enforcement_agent, until=client.now() - 5)


def test_a_partial_freeze_leaves_the_rest_free(held, acts):
    acts.freeze_tokens(held.alice.address, "600", CASE, held.enforcement_agent)
    assert held.token.frozen_tokens(held.alice.address) == 600
    refused(held, r.FrozenTokens, held.alice, held.bob.address, "400.01")
    passes(held, held.alice, held.bob.address, "400")
    refused(held, r.FrozenTokens, held.alice, held.bob.address, "0.01")
    with pytest.raises(r.FrozenTokens):
        held.token.redeem(held.alice.address, "1", held.issuer_agent)
    with pytest.raises(errors.DFAFreezeAboveBalance):
        acts.freeze_tokens(held.alice.address, "600.01", CASE, held.enforcement_agent)
    acts.freeze_tokens(held.alice.address, "0", "released", held.enforcement_agent)
    passes(held, held.alice, held.bob.address, "600")


def test_a_partial_freeze_lapses(held, acts):
    client = held.world.client
    acts.freeze_tokens(held.alice.address, "1000", CASE, held.enforcement_agent, until=client.now() + 500)
    refused(held, r.FrozenTokens, held.alice, held.bob.address, "1")
    client.travel(500)
    assert held.token.frozen_tokens(held.alice.address) == 0
    passes(held, held.alice, held.bob.address, "1")


def test_forced_transfer_moves_frozen_tokens_of_a_frozen_wallet_while_paused(held, acts):
    token, agent = held.token, held.enforcement_agent
    acts.freeze_tokens(held.alice.address, "800", CASE, agent)
    acts.freeze_wallet(held.alice.address, CASE, agent)
    acts.pause(CASE, agent)
    receipt = acts.forced_transfer(held.alice.address, held.bob.address, "900", CASE, agent)
    assert token.balance_of(held.alice.address) == 100 and token.balance_of(held.bob.address) == 1900
    assert token.frozen_tokens(held.alice.address) == 100  # never above the balance
    assert [(e["account"], e["amount"]) for e in token.receipt_events(receipt, "Frozen")] == [(held.alice.address, 10000)]
    [standard] = token.receipt_events(receipt, "ForcedTransfer")
    assert (standard["from"], standard["to"], standard["amount"]) == (held.alice.address, held.bob.address, 90000)
    [ours] = token.receipt_events(receipt, "ForcedTransferExecuted")
    assert ours["actor"] == agent.address and ours["legalReference"].rstrip(b"\0").decode() == CASE


def test_a_forced_transfer_that_leaves_the_frozen_part_whole_emits_no_frozen_change(held, acts):
    token, agent = held.token, held.enforcement_agent
    acts.freeze_tokens(held.alice.address, "300", CASE, agent)
    receipt = acts.forced_transfer(held.alice.address, held.bob.address, "700", CASE, agent)
    assert token.frozen_tokens(held.alice.address) == 300 and token.receipt_events(receipt, "Frozen") == []


def test_forced_transfer_only_to_a_verified_wallet(held, acts):
    agent, world = held.enforcement_agent, held.world
    for target in (world.wallets[0], held.erin.address):
        if target == held.erin.address:
            world.registry.suspend(held.ids["erin"], "AML", world.registrar)
        with pytest.raises(errors.DFAForcedTransferToUnverified) as before:
            acts.forced_transfer(held.alice.address, target, "1", CASE, agent)
        assert not before.value.sent
        with pytest.raises(errors.DFAForcedTransferToUnverified):
            token = held.token
            world.client.send(token.contract, "multicall",
                              [token._encode("setLegalReference", CASE.encode().ljust(32, b"\0"), 0),
                               token._encode("forcedTransfer", held.alice.address, target, 100)], signer=agent, gas=300_000)
    with pytest.raises(errors.DFAInsufficientBalance):
        acts.forced_transfer(held.alice.address, held.bob.address, "1000.01", CASE, agent)


def test_forced_transfer_keeps_holder_counts_and_investor_balances_consistent(held, acts):
    token = held.token
    before = token.holder_counts()
    acts.forced_transfer(held.alice.address, held.dave.address, "1000", CASE, held.enforcement_agent)
    after = token.holder_counts()
    assert after.total == before.total  # alice left, dave joined
    assert after.by_category[held_category("retail")] == before.by_category[held_category("retail")] - 1
    assert after.by_category[held_category("professional")] == before.by_category[held_category("professional")] + 1
    assert token.investor_balance(held.ids["alice"]) == 0 and token.investor_balance(held.ids["dave"]) == 1000
    assert sum(token.investor_balance(i) for i in held.ids.values()) == token.total_supply()


def test_history_names_every_act_with_actor_basis_and_time(held, acts):
    agent = held.enforcement_agent
    acts.freeze_wallet(held.alice.address, CASE, agent)
    acts.freeze_tokens(held.bob.address, "10", "Case 7", agent, until=held.world.client.now() + 100)
    acts.forced_transfer(held.alice.address, held.carol.address, "5", "Order 9", agent)
    acts.unfreeze_wallet(held.alice.address, "Order 10", agent)
    history = acts.history()
    assert [a.kind for a in history] == ["freeze", "freeze tokens", "forced transfer", "unfreeze"]
    assert all(a.actor == agent.address and a.time > 0 and a.tx_hash.startswith("0x") for a in history)
    assert history[0].until is None and history[1].until is not None and history[1].amount == 10
    assert history[2].legal_reference == "Order 9" and history[2].to == held.carol.address
    assert [a.kind for a in acts.history(wallets=[held.bob.address])] == ["freeze tokens"]


def held_category(name):
    from dfa.operator import Category

    return Category[name.upper()]


def test_a_forced_transfer_to_the_same_wallet_is_refused(held, acts):
    token, agent, alice = held.token, held.enforcement_agent, held.alice.address
    acts.freeze_tokens(alice, "600", CASE, agent)
    with pytest.raises(errors.DFAForcedTransferToSelf) as before:
        acts.forced_transfer(alice, alice, "100", CASE, agent)
    assert not before.value.sent and before.value.arguments == {"wallet": alice}
    with pytest.raises(errors.DFAForcedTransferToSelf) as after:  # Python bypassed
        held.world.client.send(token.contract, "multicall",
                               [token._encode("setLegalReference", CASE.encode().ljust(32, b"\0"), 0),
                                token._encode("forcedTransfer", alice, alice, 10000)], signer=agent, gas=400_000)
    assert after.value.sent
    assert token.frozen_tokens(alice) == 600 and token.balance_of(alice) == 1000


def _emitted(token, receipt):
    """The names of the token's events in the receipt, in the order they were emitted."""
    w3 = token.client.w3
    topics = {w3.keccak(text=f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"): item["name"]
              for item in token.contract.abi if item["type"] == "event"}
    return [topics.get(log["topics"][0]) for log in receipt["logs"] if log["topics"]]


def test_every_change_of_frozen_amounts_emits_frozen(held, acts):
    token, agent = held.token, held.enforcement_agent
    alice, bob, carol = held.alice.address, held.bob.address, held.carol.address
    acts.freeze_tokens(alice, "800", CASE, agent)
    receipt = acts.forced_transfer(alice, bob, "900", CASE, agent)  # takes 700 of the 800 frozen
    assert token.receipt_events(receipt, "Frozen") == [{"account": alice, "amount": 10000}]
    assert token.frozen_tokens(alice) == 100
    # ERC-7943: the unfreezing is announced before the tokens move
    order = _emitted(token, receipt)
    assert order.index("Frozen") < order.index("Transfer")
    receipt = acts.forced_transfer(alice, bob, "50", CASE, agent)  # 100 held, all frozen: 50 stay frozen
    assert token.receipt_events(receipt, "Frozen") == [{"account": alice, "amount": 5000}]
    receipt = acts.forced_transfer(bob, carol, "10", CASE, agent)  # nothing frozen: no Frozen
    assert token.receipt_events(receipt, "Frozen") == []

    acts.freeze_wallet(carol, CASE, agent)  # frozen whole: 1,010
    receipt = acts.forced_transfer(carol, bob, "10", CASE, agent)
    assert token.receipt_events(receipt, "Frozen") == [{"account": carol, "amount": 100000}]
    receipt = acts.forced_transfer(bob, carol, "5", CASE, agent)  # into a wallet frozen whole: frozen with it
    assert token.receipt_events(receipt, "Frozen") == [{"account": carol, "amount": 100500}]
    assert token.frozen_tokens(carol) == 1005


def test_a_lapse_changes_the_views_at_its_second_and_is_read_from_the_order(held, acts):
    """A lapse is no transaction, so no event marks it: `Frozen` marks the orders, and each order's
    event (`TokensFrozen`, `WalletFrozen`) carries the second it lapses; the views answer the lapse."""
    token, client, agent, alice = held.token, held.world.client, held.enforcement_agent, held.alice.address
    until = client.now() + 500
    receipt = acts.freeze_tokens(alice, "400", CASE, agent, until=until)
    assert token.receipt_events(receipt, "Frozen") == [{"account": alice, "amount": 40000}]
    assert token.receipt_events(receipt, "TokensFrozen")[0]["until"] == until
    wallet_until = client.now() + 800
    receipt = acts.freeze_wallet(alice, CASE, agent, until=wallet_until)
    assert token.receipt_events(receipt, "WalletFrozen")[0]["until"] == wallet_until
    assert token.frozen_tokens(alice) == 1000
    client.travel(until - client.now())
    assert token.frozen_tokens(alice) == 1000  # still frozen whole
    client.travel(wallet_until - client.now())
    assert token.frozen_tokens(alice) == 0 and not token.is_frozen(alice)
    assert token.contract.functions.canSend(alice).call()
