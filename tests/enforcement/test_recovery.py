"""Lost-key recovery with due process, and what it moves."""

import pytest

from dfa import errors, restrictions as r
from dfa.enforcement import Enforcement
from dfa.operator import RecoveryStatus
from tests.issuer.helpers import allocate

DAY = 24 * 3600


@pytest.fixture
def lost(market):
    """Alice lost her key: she holds 1,000, 300 of them frozen; a new wallet is added to her investor."""
    world = market.world
    allocate(market, "alice", "1000")
    Enforcement(market.token).freeze_tokens(market.alice.address, "300", "Case 11", market.enforcement_agent)
    new_wallet = world.wallets[0]
    world.registry.add_wallet(market.ids["alice"], new_wallet, world.registrar)
    second_agent = world.client.dev_accounts()[9]
    world.registry.add_registrar(second_agent.address, world.operator)
    market.new_wallet, market.second_agent = new_wallet, second_agent
    return market


def test_recovery_moves_balance_and_freezes_and_retires_the_lost_wallet(lost):
    world, token, registry = lost.world, lost.token, lost.world.registry
    holders_before = token.holder_counts()
    registry.request_recovery(lost.alice.address, lost.new_wallet, world.registrar)
    assert registry.recovery(lost.alice.address).status is RecoveryStatus.PENDING
    world.client.travel(3 * DAY)
    registry.approve_recovery(lost.alice.address, lost.second_agent)
    receipt = token.recover_wallet(lost.alice.address, world.outsider)  # anyone may carry it out

    assert token.balance_of(lost.new_wallet) == 1000 and token.balance_of(lost.alice.address) == 0
    assert token.frozen_tokens(lost.new_wallet) == 300 and token.frozen_tokens(lost.alice.address) == 0
    assert token.holder_counts() == holders_before
    assert token.investor_balance(lost.ids["alice"]) == 1000
    assert registry.wallets(lost.ids["alice"]) == (lost.new_wallet,)
    assert registry.investor_of(lost.alice.address) is None and not registry.is_verified(lost.alice.address)
    assert token.receipt_events(receipt, "WalletRecovered")[0]["frozenAmount"] == 30000
    assert [a.kind for a in Enforcement(token).history(wallets=[lost.alice.address])][-1] == "recovery"
    kinds = [a.kind for a in Enforcement(token).investor_history(lost.ids["alice"])]
    assert kinds == ["freeze tokens", "recovery"]

    with pytest.raises(r.ReceiverSuspended):  # the lost wallet is out for good
        token.allocate(lost.decision_id, lost.alice.address, "100", lost.issuer_agent)
    with pytest.raises(errors.RegistryWalletTaken):
        registry.register(world.new_investor(40, wallet=lost.alice.address), world.registrar)
    with pytest.raises(errors.DFANoCompletedRecovery):
        token.recover_wallet(lost.bob.address, world.outsider)


def test_too_early_is_refused(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, world.registrar)
    world.client.travel(3 * DAY - 10)
    with pytest.raises(errors.RecoveryTooEarly) as before:
        world.registry.approve_recovery(lost.alice.address, lost.second_agent)
    assert not before.value.sent
    with pytest.raises(errors.RecoveryTooEarly):  # Python bypassed
        world.client.send(lost.second_agent, world.registry.contract, "approveRecovery", lost.alice.address,
                          gas=200_000)


def test_the_same_agent_cannot_approve_its_own_request(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, world.registrar)
    world.client.travel(3 * DAY)
    with pytest.raises(errors.RecoverySameAgent):
        world.registry.approve_recovery(lost.alice.address, world.registrar)
    with pytest.raises(errors.RecoverySameAgent):
        world.client.send(world.registrar, world.registry.contract, "approveRecovery", lost.alice.address,
                          gas=200_000)


def test_a_new_wallet_of_another_investor_is_refused(lost):
    world = lost.world
    with pytest.raises(errors.RecoveryOtherInvestor):
        world.registry.request_recovery(lost.alice.address, lost.bob.address, world.registrar)
    with pytest.raises(errors.RecoveryOtherInvestor):
        world.client.send(world.registrar, world.registry.contract, "requestRecovery", lost.alice.address,
                          lost.bob.address)


def test_the_lost_wallet_can_cancel_during_the_waiting_period(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, world.registrar)
    with pytest.raises(errors.RecoveryNotAllowed):
        world.registry.cancel_recovery(lost.alice.address, lost.bob)
    world.registry.cancel_recovery(lost.alice.address, lost.alice)  # she still has her key after all
    assert world.registry.recovery(lost.alice.address).status is RecoveryStatus.CANCELLED
    world.client.travel(3 * DAY)
    with pytest.raises(errors.RecoveryNotPending):
        world.registry.approve_recovery(lost.alice.address, lost.second_agent)
    lost.token.transfer(lost.alice, lost.bob.address, "10")  # her wallet works as before


def test_only_registrars_request_and_approve(lost):
    world = lost.world
    for intruder in (world.operator, world.outsider, lost.enforcement_agent):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.registry.request_recovery(lost.alice.address, lost.new_wallet, intruder)


def test_a_wallet_removed_while_its_recovery_waits_is_not_retired_twice(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, world.registrar)
    world.registry.remove_wallet(lost.alice.address, world.registrar)
    world.client.travel(3 * DAY + 1)
    with pytest.raises(errors.RegistryUnknownWallet):  # sent as is: the chain refuses
        world.client.send(lost.second_agent, world.registry.contract, "approveRecovery", lost.alice.address,
                          gas=200_000)
    assert world.registry.investor_of(lost.new_wallet).wallets == (lost.new_wallet,)
