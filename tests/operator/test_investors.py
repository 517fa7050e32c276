"""The operator's investor registry: onboarding, wallets, KYC expiry, suspension, batches, licence gating."""

import pytest

from dfa.regulator import Scope

from dfa import errors
from dfa.models import InvalidInput
from dfa.operator import Category, InvestorFlag, InvestorProfile, InvestorStatus, Kind, investor_id

DAY = 24 * 3600


def test_register_then_read_back(world):
    new = world.new_investor(0, category="qualified", kind="legal-entity", country="DE", residency="KZ",
                             flags=["licensed_miner"])
    receipt = world.registry.register(new, world.registrar)

    investor = world.registry.investor(new.investor_id)
    assert investor.category is Category.QUALIFIED and investor.kind is Kind.LEGAL_ENTITY
    assert (investor.country, investor.residency) == (276, 398)
    assert investor.flags == InvestorFlag.LICENSED_MINER
    assert investor.status is InvestorStatus.ACTIVE and investor.verified
    assert investor.wallets == (new.wallet,)
    assert world.registry.investor_of(new.wallet) == investor
    event = world.registry.receipt_events(receipt, "InvestorRegistered")[0]
    assert event["wallet"] == new.wallet and event["actor"] == world.registrar.address


def test_unknown_wallet_is_not_verified(world):
    assert not world.registry.is_verified(world.wallets[0])
    assert world.registry.investor_of(world.wallets[0]) is None
    assert world.registry.investor(investor_id("nobody", "a-long-enough-salt-value")) is None


def test_kyc_expiry_by_moving_chain_time(world):
    expiry = world.client.now() + 10 * DAY
    new = world.new_investor(0, kyc_valid_until=expiry)
    world.registry.register(new, world.registrar)

    world.client.travel(expiry - world.client.now() - 1)
    assert world.registry.is_verified(new.wallet)  # the last second of validity
    world.client.travel(1)
    assert not world.registry.is_verified(new.wallet)  # expired at exactly kyc_valid_until
    assert not world.registry.investor(new.investor_id).verified

    renewed = new.profile().replace(kyc_valid_until=world.client.now() + 365 * DAY)
    world.registry.update(new.investor_id, renewed, world.registrar)
    assert world.registry.is_verified(new.wallet)


def test_expired_kyc_is_refused_before_sending_and_by_the_contract(world):
    stale = world.new_investor(0, kyc_valid_until=world.client.now())
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.ValidationError, match="renew the KYC"):
        world.registry.register(stale, world.registrar)
    assert world.client.w3.eth.block_number == block

    with pytest.raises(errors.RegistryKycNotInFuture):  # Python bypassed: the chain still refuses
        world.client.send(world.registry.contract, "registerInvestor",
                          bytes.fromhex(stale.investor_id[2:]), stale.wallet, stale.as_tuple(), signer=world.registrar)


def test_a_wallet_belongs_to_at_most_one_investor(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)

    with pytest.raises(errors.RegistryWalletTaken) as taken:
        world.registry.register(world.new_investor(1, wallet=first.wallet), world.registrar)
    assert taken.value.wallet == first.wallet
    assert taken.value.investorId.hex() == first.investor_id[2:]

    second = world.new_investor(1)
    world.registry.register(second, world.registrar)
    with pytest.raises(errors.RegistryWalletTaken):
        world.registry.add_wallet(second.investor_id, first.wallet, world.registrar)
    with pytest.raises(errors.RegistryWalletTaken):  # not even twice to the same investor
        world.registry.add_wallet(first.investor_id, first.wallet, world.registrar)


def test_a_removed_wallet_is_retired_for_good(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    extra = world.wallets[1]
    world.registry.add_wallet(first.investor_id, extra, world.registrar)
    assert world.registry.wallets(first.investor_id) == (first.wallet, extra)
    assert world.registry.is_verified(extra)

    world.registry.remove_wallet(extra, world.registrar)
    assert world.registry.wallets(first.investor_id) == (first.wallet,)
    assert world.registry.wallets(first.investor_id, include_removed=True) == (first.wallet, extra)
    assert not world.registry.is_verified(extra) and world.registry.investor_of(extra) is None
    # still bound to its investor (what it holds keeps counting as theirs), and never registered again
    assert world.registry.has_wallet(extra)
    with pytest.raises(errors.RegistryWalletTaken):
        world.registry.register(world.new_investor(2, wallet=extra), world.registrar)
    with pytest.raises(errors.RegistryUnknownWallet):
        world.registry.remove_wallet(extra, world.registrar)


def test_the_last_wallet_cannot_be_removed_and_unknown_wallets_are_refused(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    with pytest.raises(errors.RegistryLastWallet):
        world.registry.remove_wallet(first.wallet, world.registrar)
    with pytest.raises(errors.RegistryUnknownWallet):
        world.registry.remove_wallet(world.wallets[3], world.registrar)


def test_wallet_count_is_capped(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    for _ in range(world.registry.max_wallets - 1):
        world.registry.add_wallet(first.investor_id, world.fresh_wallet(), world.registrar)
    assert len(world.registry.wallets(first.investor_id)) == world.registry.max_wallets
    with pytest.raises(errors.RegistryTooManyWallets) as refused:
        world.registry.add_wallet(first.investor_id, world.fresh_wallet(), world.registrar)
    assert refused.value.max == world.registry.max_wallets


def test_an_investor_id_is_registered_once(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    assert world.registry.has_investor(first.investor_id)
    assert not world.registry.has_investor(investor_id("ghost", "a-long-enough-salt-value"))
    again = first.replace(wallet=world.wallets[1])
    with pytest.raises(errors.RegistryInvestorExists):
        world.registry.register(again, world.registrar)
    with pytest.raises(errors.RegistryUnknownInvestor):
        world.registry.add_wallet(investor_id("ghost", "a-long-enough-salt-value"), world.wallets[2], world.registrar)


def test_a_known_id_is_refused_in_a_batch_before_sending(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.RegistryInvestorExists):
        world.registry.register_many([world.new_investor(1), first.replace(wallet=world.wallets[2])], world.registrar)
    assert world.client.w3.eth.block_number == block  # nothing was sent


def test_the_chain_refuses_a_known_id_on_the_same_wallet_and_ids_wider_than_160_bits(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    raw_id, wallet, profile = bytes.fromhex(first.investor_id[2:]), first.wallet, first.as_tuple()
    with pytest.raises(errors.RegistryInvestorExists):  # sent as is, past the software's check
        world.client.send(world.registry.contract, "registerInvestor", raw_id, wallet, profile, signer=world.registrar)
    wide = b"\x01" + raw_id[1:]
    with pytest.raises(errors.RegistryInvalidInvestorId):
        world.client.send(world.registry.contract, "registerInvestor", wide, world.wallets[1], profile, signer=world.registrar)
    with pytest.raises(errors.ValidationError, match="160 bits"):
        world.registry.register(first.replace(investor_id="0x" + wide.hex(), wallet=world.wallets[1]), world.registrar)


def test_an_investor_is_reached_only_through_its_own_current_wallet(world):
    first, second = world.new_investor(0), world.new_investor(1)
    world.registry.register_many([first, second], world.registrar)
    raw_id = bytes.fromhex(first.investor_id[2:])
    with pytest.raises(errors.RegistryWalletNotOfInvestor):
        world.client.send(world.registry.contract, "suspendInvestor", raw_id, second.wallet,
                          bytes(32), signer=world.registrar)
    assert world.registry.investor(second.investor_id).status is InvestorStatus.ACTIVE


def test_a_second_wallet_shares_the_record_and_follows_every_update(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    world.registry.add_wallet(first.investor_id, world.wallets[1], world.registrar)
    world.registry.update(first.investor_id, first.profile().replace(category="professional"), world.registrar)
    for wallet in (first.wallet, world.wallets[1]):
        investor = world.registry.investor_of(wallet)
        assert investor.category is Category.PROFESSIONAL and investor.wallets == (first.wallet, world.wallets[1])
    world.registry.remove_wallet(first.wallet, world.registrar)  # the record stays with the other wallet
    world.registry.update(first.investor_id, first.profile().replace(category="qualified"), world.registrar)
    assert world.registry.investor_of(world.wallets[1]).category is Category.QUALIFIED
    assert world.registry.investor_of(first.wallet) is None  # retired


def test_suspension_stops_verification_of_every_wallet(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    world.registry.add_wallet(first.investor_id, world.wallets[1], world.registrar)

    world.registry.suspend(first.investor_id, "AML case 2026-881", world.registrar)
    assert not world.registry.is_verified(first.wallet)
    assert not world.registry.is_verified(world.wallets[1])
    assert world.registry.investor(first.investor_id).status is InvestorStatus.SUSPENDED
    with pytest.raises(errors.RegistryUnexpectedStatus):
        world.registry.suspend(first.investor_id, "again", world.registrar)

    world.registry.reactivate(first.investor_id, world.registrar)
    assert world.registry.is_verified(world.wallets[1])
    with pytest.raises(errors.RegistryUnexpectedStatus):
        world.registry.reactivate(first.investor_id, world.registrar)


def test_update_without_change_emits_nothing(world):
    first = world.new_investor(0)
    world.registry.register(first, world.registrar)
    receipt = world.registry.update(first.investor_id, first.profile(), world.registrar)
    assert receipt["logs"] == []
    changed = first.profile().replace(category=Category.PROFESSIONAL)
    receipt = world.registry.update(first.investor_id, changed, world.registrar)
    assert len(receipt["logs"]) == 1
    assert world.registry.investor(first.investor_id).category is Category.PROFESSIONAL


# -- batches ---------------------------------------------------------------------------------


def test_batch_registers_all(world):
    batch = [world.new_investor(n) for n in range(5)]
    world.registry.register_many(batch, world.registrar)
    assert [world.registry.is_verified(i.wallet) for i in batch] == [True] * 5


def test_batch_is_atomic(world):
    taken = world.new_investor(0)
    world.registry.register(taken, world.registrar)
    batch = [world.new_investor(n) for n in (1, 2)] + [world.new_investor(3, wallet=taken.wallet)]
    with pytest.raises(errors.RegistryWalletTaken):
        world.registry.register_many(batch, world.registrar)
    assert not any(world.registry.is_verified(i.wallet) for i in batch[:2])
    assert world.registry.investor(batch[0].investor_id) is None


def test_batch_at_the_cap_passes_and_one_over_is_refused(world):
    cap = world.registry.max_batch
    batch = [world.new_investor(100 + n, wallet=world.fresh_wallet()) for n in range(cap + 1)]
    with pytest.raises(errors.ValidationError, match="at most 100"):
        world.registry.register_many(batch, world.registrar)
    with pytest.raises(errors.BatchTooLarge) as refused:  # Python bypassed: the chain still refuses
        world.client.send(world.registry.contract, "registerInvestors",
                          [bytes.fromhex(i.investor_id[2:]) for i in batch], [i.wallet for i in batch],
                          [i.as_tuple() for i in batch], signer=world.registrar)
    assert (refused.value.size, refused.value.max) == (cap + 1, cap)

    world.registry.register_many(batch[:cap], world.registrar)
    assert world.registry.is_verified(batch[cap - 1].wallet)


def test_batch_with_duplicates_is_refused_before_sending(world):
    one = world.new_investor(0)
    with pytest.raises(errors.ValidationError, match="same wallet"):
        world.registry.register_many([one, world.new_investor(1, wallet=one.wallet)], world.registrar)
    with pytest.raises(errors.ValidationError, match="same investor id"):
        world.registry.register_many([one, one.replace(wallet=world.wallets[1])], world.registrar)
    with pytest.raises(errors.ValidationError, match="empty"):
        world.registry.register_many([], world.registrar)


def test_multicall_batch_of_updates_is_atomic(world):
    a, b = world.new_investor(0), world.new_investor(1)
    world.registry.register_many([a, b], world.registrar)
    pro = a.profile().replace(category=Category.PROFESSIONAL)
    world.registry.update_many([(a.investor_id, pro), (b.investor_id, pro)], world.registrar)
    assert world.registry.investor(b.investor_id).category is Category.PROFESSIONAL

    ghost = investor_id("ghost", "a-long-enough-salt-value")
    retail = a.profile()
    with pytest.raises(errors.RegistryUnknownInvestor):
        world.registry.update_many([(a.investor_id, retail), (ghost, retail)], world.registrar)
    assert world.registry.investor(a.investor_id).category is Category.PROFESSIONAL


# -- licence gating --------------------------------------------------------------------------


def _write(world):
    world.registry.register(world.new_investor(0), world.registrar)


def test_writes_pass_while_the_registry_licence_is_in_force(world):
    assert world.licenses.is_licensed(world.operator.address, Scope.INVESTOR_REGISTRY)
    new = world.new_investor(0)
    assert not world.registry.is_verified(new.wallet)
    _write(world)
    assert world.registry.is_verified(new.wallet)


@pytest.mark.parametrize("state", ["suspended", "revoked", "expired", "wrong scope"])
def test_writes_are_refused_while_the_registry_licence_is_not_in_force(world, state):
    operator, licenses = world.operator.address, world.licenses
    if state == "suspended":
        licenses.suspend(operator, "Decision 20/2026", world.regulator)
    elif state == "revoked":
        licenses.revoke(operator, "Decision 21/2026", world.regulator)
    elif state == "expired":
        world.client.travel(licenses.license(operator).expires_at - world.client.now())
    else:
        licenses.renew(operator, "issuance", world.client.now() + 365 * DAY, world.regulator)
    with pytest.raises(errors.RegistryOperatorNotLicensed) as refused:
        _write(world)
    assert refused.value.operator == operator


def test_reinstated_licence_lets_writes_through_again(world):
    world.licenses.suspend(world.operator.address, "Decision 20/2026", world.regulator)
    with pytest.raises(errors.RegistryOperatorNotLicensed):
        _write(world)
    world.licenses.reinstate(world.operator.address, world.regulator)
    _write(world)


def test_reads_continue_while_the_licence_is_suspended(world):
    new = world.new_investor(0)
    world.registry.register(new, world.registrar)
    world.licenses.suspend(world.operator.address, "Decision 20/2026", world.regulator)
    assert world.registry.is_verified(new.wallet)


# -- input validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("category", "whale", "unknown category"),
        ("category", 7, "unknown category"),
        ("kind", "trust", "unknown kind"),
        ("country", "XX", "unknown country"),
        ("country", 0, "unknown country"),
        ("residency", "Atlantis", "unknown country"),
        ("kyc_valid_until", "yesterday", "not a date"),
        ("kyc_valid_until", "2030-01-01T00:00:00", "no time zone"),
        ("flags", ["vip"], "unknown investorflag"),
        ("flags", 2**32, "32-bit"),
    ],
)
def test_profile_is_validated_before_anything_is_sent(field, value, message):
    fields = dict(category="retail", kind="individual", country="KZ", residency="398", kyc_valid_until="2030-01-01")
    fields[field] = value
    with pytest.raises(InvalidInput) as refused:
        InvestorProfile(**fields)
    assert refused.value.problems[0][0] == field
    assert message in str(refused.value)


def test_profile_accepts_what_people_type():
    profile = InvestorProfile(category="Professional", kind="legal entity", country="kaz", residency=840,
                              kyc_valid_until="2030-01-01T12:00:00Z", flags="licensed_miner")
    assert profile.as_tuple() == (3, 2, 398, 840, 1893499200, 1)


def test_investor_id_needs_a_secret_salt():
    with pytest.raises(errors.ValidationError, match="salt"):
        investor_id("passport 123", "short")
    assert investor_id("passport 123", "x" * 16) != investor_id("passport 123", "y" * 16)
