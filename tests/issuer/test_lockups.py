"""Lock-ups: tokens allocated under a decision with a lock-up stay put until it ends."""

import pytest

from dfa import restrictions as r
from dfa.enforcement import Enforcement
from dfa.issuer import DecisionSpec
from tests.issuer.helpers import passes, refused

DAY = 24 * 3600


@pytest.fixture
def locked(market):
    """Alice holds 100 free tokens and 1,000 locked for 90 days."""
    client, token = market.world.client, market.token
    token.allocate(market.decision_id, market.alice.address, "100", market.issuer_agent)
    now = client.now()
    token.publish_decision(DecisionSpec(decision_id="LOCKED-1", document_hash="0x" + "44" * 32, cap="10000",
                                        price="1.00", currency="USD", subscription_start=now,
                                        subscription_end=now + 30 * DAY, lockup_until=now + 90 * DAY),
                           market.admin)
    token.allocate("LOCKED-1", market.alice.address, "1000", market.issuer_agent)
    market.lock_end = token.decision("LOCKED-1").lockup_until
    return market


def test_locked_tokens_do_not_move_before_the_end_and_free_ones_do(locked):
    token, client = locked.token, locked.world.client
    assert token.locked_tokens(locked.alice.address) == 1000
    refused(locked, r.LockedTokens, locked.alice, locked.bob.address, "100.01")
    passes(locked, locked.alice, locked.bob.address, "100")
    with pytest.raises(r.LockedTokens):
        token.redeem(locked.alice.address, "1", locked.issuer_agent)
    client.travel(locked.lock_end - client.now() - 1)
    assert token.locked_tokens(locked.alice.address) == 1000
    client.travel(1)
    assert token.locked_tokens(locked.alice.address) == 0
    passes(locked, locked.alice, locked.bob.address, "1000")


def test_a_forced_transfer_takes_locked_tokens_and_leaves_no_more_locked_than_held(locked):
    token = locked.token
    Enforcement(token).forced_transfer(locked.alice.address, locked.bob.address, "600", "Court 3",
                                       locked.enforcement_agent)
    assert token.balance_of(locked.alice.address) == 500
    assert token.locked_tokens(locked.alice.address) == 500
    assert token.locked_tokens(locked.bob.address) == 0  # court-ordered tokens arrive free
    refused(locked, r.LockedTokens, locked.alice, locked.carol.address, "1")


def test_a_partial_forced_transfer_never_shortens_a_running_lockup(locked):
    """Today: 150 held, 50 locked for a year, a forced transfer of 50 left 0 locked (an ended tranche
    counted against the balance that stays)."""
    token, client, carol = locked.token, locked.world.client, locked.carol.address
    now = client.now()
    for decision, lockup, amount, digit in (("SHORT-1", 10 * DAY, "100", "66"), ("YEAR-1", 365 * DAY, "50", "77")):
        token.publish_decision(DecisionSpec(decision_id=decision, document_hash="0x" + digit * 32, cap="10000",
                                            price="1.00", currency="USD", subscription_start=now,
                                            subscription_end=now + 30 * DAY, lockup_until=now + lockup),
                               locked.admin)
        token.allocate(decision, carol, amount, locked.issuer_agent)
    client.travel(10 * DAY)
    assert token.balance_of(carol) == 150 and token.locked_tokens(carol) == 50
    Enforcement(token).forced_transfer(carol, locked.bob.address, "50", "Court 4", locked.enforcement_agent)
    assert token.balance_of(carol) == 100 and token.locked_tokens(carol) == 50
    refused(locked, r.LockedTokens, locked.carol, locked.bob.address, "50.01")
    passes(locked, locked.carol, locked.bob.address, "50")


def test_recovery_moves_the_lock_ups(locked):
    world, token = locked.world, locked.token
    new_wallet = world.wallets[0]
    world.registry.add_wallet(locked.ids["alice"], new_wallet, world.registrar)
    approver = world.client.dev_accounts()[9]
    world.registry.add_registrar(approver.address, world.operator)
    world.registry.request_recovery(locked.alice.address, new_wallet, "KYC case 5", world.registrar)
    world.client.travel(3 * DAY)
    world.registry.approve_recovery(locked.alice.address, approver)
    token.recover_wallet(locked.alice.address, world.outsider)
    assert token.balance_of(new_wallet) == 1100 and token.locked_tokens(new_wallet) == 1000
    assert token.locked_tokens(locked.alice.address) == 0


def test_lockups_of_several_decisions_add_up_and_end_separately(locked):
    token, client = locked.token, locked.world.client
    now = client.now()
    token.publish_decision(DecisionSpec(decision_id="LOCKED-2", document_hash="0x" + "55" * 32, cap="10000",
                                        price="1.00", currency="USD", subscription_start=now,
                                        subscription_end=now + 30 * DAY, lockup_until=now + 10 * DAY),
                           locked.admin)
    token.allocate("LOCKED-2", locked.alice.address, "50", locked.issuer_agent)
    assert token.locked_tokens(locked.alice.address) == 1050
    client.travel(10 * DAY)
    assert token.locked_tokens(locked.alice.address) == 1000
    assert token.decision_history("LOCKED-1")[0].lockup_until == locked.lock_end
