"""Lost-key recovery with due process, and what it moves."""

import pytest

from dfa import errors, restrictions as r
from dfa.enforcement import Enforcement
from dfa.operator import RecoveryStatus
from dfa.types import parse_reference, reference_to_bytes
from tests.issuer.helpers import allocate

DAY = 24 * 3600
CASE = "KYC re-verification 2026-0042"  # the identity re-verification case a request names


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
    registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
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
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    world.client.travel(3 * DAY - 10)
    with pytest.raises(errors.RecoveryTooEarly) as before:
        world.registry.approve_recovery(lost.alice.address, lost.second_agent)
    assert not before.value.sent
    with pytest.raises(errors.RecoveryTooEarly):  # Python bypassed
        world.client.send(world.registry.contract, "approveRecovery", lost.alice.address, signer=lost.second_agent,
                          gas=200_000)


def test_the_same_agent_cannot_approve_its_own_request(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    world.client.travel(3 * DAY)
    with pytest.raises(errors.RecoverySameAgent):
        world.registry.approve_recovery(lost.alice.address, world.registrar)
    with pytest.raises(errors.RecoverySameAgent):
        world.client.send(world.registry.contract, "approveRecovery", lost.alice.address, signer=world.registrar,
                          gas=200_000)


def test_a_new_wallet_of_another_investor_is_refused(lost):
    world = lost.world
    with pytest.raises(errors.RecoveryOtherInvestor):
        world.registry.request_recovery(lost.alice.address, lost.bob.address, CASE, world.registrar)
    with pytest.raises(errors.RecoveryOtherInvestor):
        world.client.send(world.registry.contract, "requestRecovery", lost.alice.address,
                          lost.bob.address, _ref(CASE), signer=world.registrar)


def test_the_lost_wallet_can_cancel_during_the_waiting_period(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    with pytest.raises(errors.RecoveryNotAllowed):
        world.registry.cancel_recovery(lost.alice.address, lost.bob)
    world.registry.cancel_recovery(lost.alice.address, lost.alice)  # she still has her key after all
    assert world.registry.recovery(lost.alice.address).status is RecoveryStatus.CANCELLED
    world.client.travel(3 * DAY)
    with pytest.raises(errors.RecoveryNotPending):
        world.registry.approve_recovery(lost.alice.address, lost.second_agent)
    lost.token.transfer(lost.bob.address, "10", lost.alice)  # her wallet works as before


def test_only_registrars_request_and_approve(lost):
    world = lost.world
    for intruder in (world.operator, world.outsider, lost.enforcement_agent):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, intruder)


def test_a_wallet_removed_while_its_recovery_waits_is_not_retired_twice(lost):
    world = lost.world
    world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    world.registry.remove_wallet(lost.alice.address, world.registrar)
    world.client.travel(3 * DAY + 1)
    with pytest.raises(errors.RegistryUnknownWallet):  # sent as is: the chain refuses
        world.client.send(world.registry.contract, "approveRecovery", lost.alice.address, signer=lost.second_agent,
                          gas=200_000)
    assert world.registry.investor_of(lost.new_wallet).wallets == (lost.new_wallet,)


def _ref(text):
    return reference_to_bytes(parse_reference(text))


def _complete(lost, replacement, world, approver, wallet_from=None):
    """A recovery with due process: requested, the waiting period, approved by a second agent."""
    world.registry.request_recovery(wallet_from or lost.alice.address, replacement, CASE, world.registrar)
    world.client.travel(3 * DAY)
    world.registry.approve_recovery(wallet_from or lost.alice.address, approver)


def test_a_completed_recovery_runs_once_per_token(lost):
    """Today a repeat by anyone froze the new wallet again after the agent lifted its freeze."""
    world, token = lost.world, lost.token
    _complete(lost, lost.new_wallet, world, lost.second_agent)
    token.recover_wallet(lost.alice.address, world.outsider)
    acts = Enforcement(token)
    acts.freeze_tokens(lost.new_wallet, "0", "Case 11 lifted", lost.enforcement_agent)
    with pytest.raises(errors.DFARecoveryAlreadyExecuted) as before:
        token.recover_wallet(lost.alice.address, world.outsider)
    assert not before.value.sent and before.value.lost == lost.alice.address
    with pytest.raises(errors.DFARecoveryAlreadyExecuted) as after:  # Python bypassed
        world.client.send(token.contract, "recoverWallet", lost.alice.address, signer=world.outsider, gas=400_000)
    assert after.value.sent and after.value.lost == lost.alice.address
    assert token.frozen_tokens(lost.new_wallet) == 0
    assert [a.kind for a in acts.history(wallets=[lost.alice.address])].count("recovery") == 1


def test_an_approval_rechecks_the_replacement(lost):
    """Today: request A -> B, remove B, approve: no current wallet left and the balance moves into retired B."""
    world, registry = lost.world, lost.world.registry
    registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    registry.remove_wallet(lost.new_wallet, world.registrar)
    world.client.travel(3 * DAY)
    with pytest.raises(errors.RecoveryReplacementRetired) as before:
        registry.approve_recovery(lost.alice.address, lost.second_agent)
    assert not before.value.sent
    assert (before.value.lost, before.value.replacement) == (lost.alice.address, lost.new_wallet)
    with pytest.raises(errors.RecoveryReplacementRetired) as after:  # Python bypassed
        world.client.send(registry.contract, "approveRecovery", lost.alice.address, signer=lost.second_agent, gas=300_000)
    assert after.value.sent
    assert registry.investor_of(lost.alice.address).wallets == (lost.alice.address,)
    assert registry.recovery(lost.alice.address).status is RecoveryStatus.PENDING


def test_cross_recoveries_leave_the_investor_a_wallet(lost):
    """Today: A -> B and B -> A both approved: the investor had no current wallet left."""
    world, registry = lost.world, lost.world.registry
    registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    registry.request_recovery(lost.new_wallet, lost.alice.address, CASE, world.registrar)
    world.client.travel(3 * DAY)
    registry.approve_recovery(lost.alice.address, lost.second_agent)
    with pytest.raises(errors.RecoveryReplacementRetired) as refused:
        world.client.send(registry.contract, "approveRecovery", lost.new_wallet, signer=lost.second_agent, gas=300_000)
    assert (refused.value.lost, refused.value.replacement) == (lost.new_wallet, lost.alice.address)
    with pytest.raises(errors.RecoveryReplacementRetired):
        registry.approve_recovery(lost.new_wallet, lost.second_agent)
    assert registry.wallets(lost.ids["alice"]) == (lost.new_wallet,)
    assert registry.is_verified(lost.new_wallet)


def test_a_recovery_delivers_only_to_a_current_wallet(lost):
    """Today: recover W0 -> W7, remove W7, carry it out: the balance sat in a retired wallet.

    The replacement of a completed recovery cannot be removed (a token may still have to deliver
    to it); the way forward is to recover it in turn, and the first recovery then delivers there.
    """
    world, token, registry = lost.world, lost.token, lost.world.registry
    w8 = world.wallets[1]
    registry.add_wallet(lost.ids["alice"], w8, world.registrar)
    _complete(lost, lost.new_wallet, world, lost.second_agent)
    with pytest.raises(errors.RegistryWalletOwedRecovery) as before:
        registry.remove_wallet(lost.new_wallet, world.registrar)
    assert not before.value.sent
    assert (before.value.wallet, before.value.lost) == (lost.new_wallet, lost.alice.address)
    with pytest.raises(errors.RegistryWalletOwedRecovery):  # Python bypassed
        world.client.send(registry.contract, "removeWallet", lost.new_wallet, signer=world.registrar, gas=300_000)
    _complete(lost, w8, world, lost.second_agent, wallet_from=lost.new_wallet)
    assert registry.recovered_to(lost.alice.address) == w8
    token.recover_wallet(lost.alice.address, world.outsider)
    assert token.balance_of(w8) == 1000 and token.balance_of(lost.new_wallet) == 0
    assert token.frozen_tokens(w8) == 300
    assert registry.wallets(lost.ids["alice"]) == (w8,)


def test_a_recovery_keeps_each_freezes_own_order(lost):
    """Today the replacement's 4-day freeze became indefinite: merged with the lost wallet's."""
    world, token, client = lost.world, lost.token, lost.world.client
    acts = Enforcement(token)
    token.allocate(lost.decision_id, lost.new_wallet, "100", lost.issuer_agent)
    _complete(lost, lost.new_wallet, world, lost.second_agent)
    acts.freeze_tokens(lost.new_wallet, "50", "Case 12", lost.enforcement_agent, until=client.now() + 4 * DAY)
    receipt = token.recover_wallet(lost.alice.address, world.outsider)
    assert token.frozen_tokens(lost.new_wallet) == 350 and token.frozen_tokens(lost.alice.address) == 0
    frozen = {e["account"]: e["amount"] for e in token.receipt_events(receipt, "Frozen")}
    assert frozen == {lost.alice.address: 0, lost.new_wallet: token.units("350")}
    client.travel(4 * DAY)
    assert token.frozen_tokens(lost.new_wallet) == 300  # the lost wallet's order runs on, until lifted


def test_a_recovery_announces_a_wallet_freeze_carried_to_the_replacement(lost):
    """Before, Frozen(replacement) said 300 (the partial freeze) though the whole 1,000 arrived frozen."""
    world, token = lost.world, lost.token
    Enforcement(token).freeze_wallet(lost.alice.address, "Case 13", lost.enforcement_agent)
    _complete(lost, lost.new_wallet, world, lost.second_agent)
    receipt = token.recover_wallet(lost.alice.address, world.outsider)
    assert token.frozen_tokens(lost.new_wallet) == 1000 and token.frozen_tokens(lost.alice.address) == 0
    frozen = [(e["account"], e["amount"]) for e in token.receipt_events(receipt, "Frozen")]
    # the last word on each wallet is what getFrozenTokens answers after the recovery
    assert dict(frozen) == {lost.alice.address: 0, lost.new_wallet: token.units("1000")}


def test_a_recovery_of_a_wallet_frozen_whole_announces_it_without_a_partial_freeze(lost):
    world, token, acts = lost.world, lost.token, Enforcement(lost.token)
    acts.freeze_tokens(lost.alice.address, "0", "released", lost.enforcement_agent)
    acts.freeze_wallet(lost.alice.address, "Case 14", lost.enforcement_agent)
    _complete(lost, lost.new_wallet, world, lost.second_agent)
    receipt = token.recover_wallet(lost.alice.address, world.outsider)
    assert token.frozen_tokens(lost.new_wallet) == 1000
    frozen = [(e["account"], e["amount"]) for e in token.receipt_events(receipt, "Frozen")]
    assert dict(frozen) == {lost.alice.address: 0, lost.new_wallet: token.units("1000")}


def test_the_operator_alone_cannot_shorten_the_waiting_period(lost):
    """Today setRecoveryDelay(0) and a second registrar moved an investor's tokens within blocks."""
    world, registry, licenses = lost.world, lost.world.registry, lost.world.licenses
    assert licenses.min_recovery_delay() == 3 * DAY
    with pytest.raises(errors.RecoveryDelayBelowMinimum) as before:
        registry.set_recovery_delay(0, world.operator)
    assert not before.value.sent and (before.value.delay, before.value.minimum) == (0, 3 * DAY)
    with pytest.raises(errors.RecoveryDelayBelowMinimum):  # Python bypassed
        world.client.send(registry.contract, "setRecoveryDelay", 0, signer=world.operator, gas=200_000)
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        licenses.set_min_recovery_delay(0, "Decision 7", world.operator)

    licenses.set_min_recovery_delay(DAY, "Regulator decision 7", world.regulator)
    registry.set_recovery_delay(DAY, world.operator)
    requested = world.client.now() + 1
    receipt = registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    event = registry.receipt_events(receipt, "RecoveryRequested")[0]
    assert event["caseReference"] == _ref(CASE) and event["readyAt"] == requested + DAY
    assert registry.recovery(lost.alice.address).reference == CASE
    licenses.set_min_recovery_delay(5 * DAY, "Regulator decision 8", world.regulator)
    world.client.travel(DAY + 10)  # the request's own delay is over, the regulator's current minimum is not
    with pytest.raises(errors.RecoveryTooEarly) as early:
        world.client.send(registry.contract, "approveRecovery", lost.alice.address, signer=lost.second_agent, gas=300_000)
    assert early.value.readyAt == requested + 5 * DAY
    with pytest.raises(errors.RecoveryTooEarly):
        registry.approve_recovery(lost.alice.address, lost.second_agent)
    world.client.travel(4 * DAY)
    registry.approve_recovery(lost.alice.address, lost.second_agent)


def test_a_request_names_its_case(lost):
    world, registry = lost.world, lost.world.registry
    with pytest.raises(errors.ValidationError, match="re-verification"):
        registry.request_recovery(lost.alice.address, lost.new_wallet, None, world.registrar)
    with pytest.raises(errors.RecoveryReferenceRequired):  # Python bypassed
        world.client.send(registry.contract, "requestRecovery", lost.alice.address, lost.new_wallet,
                          bytes(32), signer=world.registrar, gas=300_000)


def test_a_wallet_cannot_be_recovered_to_itself(lost):
    """Python named another error than the chain (issue 12): both say RecoverySameWallet."""
    world, registry = lost.world, lost.world.registry
    with pytest.raises(errors.RecoverySameWallet) as before:
        registry.request_recovery(lost.alice.address, lost.alice.address, CASE, world.registrar)
    assert not before.value.sent and before.value.wallet == lost.alice.address
    with pytest.raises(errors.RecoverySameWallet):
        world.client.send(registry.contract, "requestRecovery", lost.alice.address,
                          lost.alice.address, _ref(CASE), signer=world.registrar, gas=300_000)


def test_the_regulators_minimum_names_its_decision_and_stays_within_a_year(lost):
    world, licenses = lost.world, lost.world.licenses
    with pytest.raises(errors.LicenseRecoveryDelayTooLong) as too_long:
        world.client.send(licenses.contract, "setMinRecoveryDelay", 366 * DAY, _ref("Decision 9"), signer=world.regulator,
                          gas=200_000)
    assert (too_long.value.delay, too_long.value.max) == (366 * DAY, 365 * DAY)
    with pytest.raises(errors.ValidationError, match="from 0 to"):
        licenses.set_min_recovery_delay(366 * DAY, "Decision 9", world.regulator)
    with pytest.raises(errors.LicenseReferenceRequired):
        world.client.send(licenses.contract, "setMinRecoveryDelay", DAY, bytes(32), signer=world.regulator, gas=200_000)
    receipt = licenses.set_min_recovery_delay(DAY, "Decision 9", world.regulator)
    [event] = licenses.receipt_events(receipt, "MinRecoveryDelaySet")
    assert (event["delay"], event["decision"], event["actor"]) == (DAY, _ref("Decision 9"), world.regulator.address)
    assert licenses.min_recovery_delay() == DAY
