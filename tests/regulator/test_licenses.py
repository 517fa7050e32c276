"""The regulator's licence register: life cycle, expiry, scopes and who may write."""

import pytest

from dfa import errors
from dfa.models import InvalidInput
from dfa.regulator import LicenseStatus, LicenseTerms, Scope

YEAR = 365 * 24 * 3600


def terms(world, operator, **changes):
    fields = dict(
        operator=operator,
        license_id="CB-DFA-0002",
        operator_name="Beta Exchange LLC",
        scopes="settlement,custody",
        expires_at=world.client.now() + YEAR,
    )
    fields.update(changes)
    return LicenseTerms(**fields)


def test_grant_records_the_licence_and_names_the_actor(world):
    operator = world.wallets[0]
    receipt = world.licenses.grant(terms(world, operator), world.regulator)

    licence = world.licenses.license(operator)
    assert licence.license_id == "CB-DFA-0002"
    assert licence.scopes == Scope.SETTLEMENT | Scope.CUSTODY
    assert licence.status is LicenseStatus.ACTIVE and licence.in_force
    event = world.licenses.receipt_events(receipt, "LicenseGranted")[0]
    assert event["operator"] == operator and event["actor"] == world.regulator.address


def test_is_licensed_answers_per_scope(world):
    operator = world.wallets[0]
    world.licenses.grant(terms(world, operator), world.regulator)
    assert world.licenses.is_licensed(operator, Scope.SETTLEMENT)
    assert world.licenses.is_licensed(operator, Scope.SETTLEMENT | Scope.CUSTODY)
    assert not world.licenses.is_licensed(operator, Scope.ISSUANCE)
    assert not world.licenses.is_licensed(operator, Scope.SETTLEMENT | Scope.ISSUANCE)
    assert not world.licenses.is_licensed(world.wallets[1], Scope.SETTLEMENT)  # never licensed


def test_suspend_reinstate_revoke(world):
    operator, licenses = world.wallets[0], world.licenses
    licenses.grant(terms(world, operator), world.regulator)

    licenses.suspend(operator, "Decision 17/2026", world.regulator)
    assert licenses.license(operator).status is LicenseStatus.SUSPENDED
    assert not licenses.is_licensed(operator, Scope.CUSTODY)
    with pytest.raises(errors.LicenseUnexpectedStatus):
        licenses.suspend(operator, "again", world.regulator)

    licenses.reinstate(operator, world.regulator)
    assert licenses.is_licensed(operator, Scope.CUSTODY)
    with pytest.raises(errors.LicenseUnexpectedStatus):
        licenses.reinstate(operator, world.regulator)

    licenses.revoke(operator, "Decision 18/2026", world.regulator)
    assert licenses.license(operator).status is LicenseStatus.REVOKED
    assert not licenses.is_licensed(operator, Scope.CUSTODY)
    for action in (lambda: licenses.reinstate(operator, world.regulator),
                   lambda: licenses.revoke(operator, "x", world.regulator),
                   lambda: licenses.renew(operator, "custody", world.client.now() + YEAR, world.regulator)):
        with pytest.raises(errors.LicenseUnexpectedStatus):
            action()


def test_a_revoked_operator_may_be_granted_a_new_licence_but_a_holder_may_not(world):
    operator = world.wallets[0]
    world.licenses.grant(terms(world, operator), world.regulator)
    with pytest.raises(errors.LicenseAlreadyHeld) as refused:
        world.licenses.grant(terms(world, operator, license_id="CB-DFA-0003"), world.regulator)
    assert refused.value.operator == operator and not refused.value.sent

    world.licenses.revoke(operator, "Decision 19/2026", world.regulator)
    world.licenses.grant(terms(world, operator, license_id="CB-DFA-0003"), world.regulator)
    assert world.licenses.license(operator).license_id == "CB-DFA-0003"


def test_expiry_ends_a_licence_by_itself_at_the_exact_second(world):
    operator = world.wallets[0]
    expires = world.client.now() + 1000
    world.licenses.grant(terms(world, operator, expires_at=expires), world.regulator)
    world.client.travel(expires - world.client.now() - 1)
    assert world.licenses.is_licensed(operator, Scope.SETTLEMENT)
    world.client.travel(1)
    assert world.client.now() == expires
    assert not world.licenses.is_licensed(operator, Scope.SETTLEMENT)
    assert not world.licenses.license(operator).in_force


def test_renew_changes_scopes_and_expiry(world):
    operator = world.wallets[0]
    world.licenses.grant(terms(world, operator), world.regulator)
    world.licenses.renew(operator, Scope.ISSUANCE, world.client.now() + 2 * YEAR, world.regulator)
    licence = world.licenses.license(operator)
    assert licence.scopes == Scope.ISSUANCE
    assert world.licenses.is_licensed(operator, Scope.ISSUANCE)
    assert not world.licenses.is_licensed(operator, Scope.SETTLEMENT)


def test_expiry_in_the_past_is_refused_before_sending(world):
    operator = world.wallets[0]
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.ValidationError, match="not after the chain's time"):
        world.licenses.grant(terms(world, operator, expires_at=world.client.now() - 1), world.regulator)
    assert world.client.w3.eth.block_number == block


def test_the_contract_refuses_bad_terms_even_when_python_is_bypassed(world):
    operator, now = world.wallets[0], world.client.now()
    send = world.client.send
    contract = world.licenses.contract
    with pytest.raises(errors.LicenseExpiryNotInFuture):
        send(contract, "grantLicense", operator, b"1".ljust(32, b"\0"), bytes(32), 1, now, signer=world.regulator)
    with pytest.raises(errors.LicenseInvalidScopes) as bad_scopes:
        send(contract, "grantLicense", operator, b"1".ljust(32, b"\0"), bytes(32), 16, now + YEAR, signer=world.regulator)
    assert bad_scopes.value.scopes == 16
    with pytest.raises(errors.LicenseInvalidScopes):
        send(contract, "grantLicense", operator, b"1".ljust(32, b"\0"), bytes(32), 0, now + YEAR, signer=world.regulator)
    with pytest.raises(errors.LicenseInvalidId):
        send(contract, "grantLicense", operator, bytes(32), bytes(32), 1, now + YEAR, signer=world.regulator)
    with pytest.raises(errors.LicenseInvalidOperator):
        send(contract, "grantLicense", "0x" + "00" * 20, b"1".ljust(32, b"\0"), bytes(32), 1, now + YEAR, signer=world.regulator)
    with pytest.raises(errors.LicenseNotFound):
        send(contract, "suspendLicense", operator, bytes(32), signer=world.regulator)


def test_only_the_regulator_writes(world):
    operator = world.wallets[0]
    with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
        world.licenses.grant(terms(world, operator), world.outsider)
    assert refused.value.account == world.outsider.address
    assert "REGULATOR_ROLE" in str(refused.value)
    assert isinstance(refused.value, PermissionError)
    # the licensed operator itself cannot suspend or extend its own licence either
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        world.licenses.renew(world.operator.address, "issuance", world.client.now() + 5 * YEAR, world.operator)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("operator", "0x123", "not an address"),
        ("operator", "0xaBaBaBaBABabABabAbAbABAbABabababaBaBABaB", "bad checksum"),  # first letter flipped
        ("operator", "0x" + "00" * 20, "zero address"),
        ("license_id", "x" * 33, "longer than 32 bytes"),
        ("operator_name", "  ", "legal name"),
        ("scopes", "trading", "unknown scope"),
        ("scopes", 0, "non-empty"),
        ("scopes", 16, "non-empty"),
        ("expires_at", "2027-02-30", "not a date"),
        ("expires_at", -5, "after 1970"),
    ],
)
def test_terms_are_validated_before_anything_is_sent(field, value, message):
    fields = dict(operator="0x" + "11" * 20, license_id="L-1", operator_name="Op", scopes="issuance", expires_at=2**33)
    fields[field] = value
    with pytest.raises(InvalidInput) as refused:
        LicenseTerms(**fields)
    assert refused.value.problems[0][0] == field
    assert message in str(refused.value)
    assert isinstance(refused.value, errors.DFAError)
