"""Refusals decode to the same exception with the same arguments on both backends."""

import pytest
from eth_abi import encode

from dfa import errors
from dfa.artifacts import artifact_names, load_artifact
from dfa.chain.client import Client
from dfa.chain.messages import TEMPLATES
from dfa.chain.reverts import decode_revert, error_abis
from dfa.operator import InvestorRegistry, NewInvestor, investor_id
from dfa.regulator import LicenseRegistry, LicenseTerms


def _refusals(client: Client) -> list[tuple[str, dict]]:
    """A fixed series of refused calls; addresses are replaced by who they are."""
    regulator, operator, registrar, outsider, holder = client.dev_accounts()[:5]
    names = {a.address: n for a, n in zip((regulator, operator, registrar, outsider, holder),
                                         ("regulator", "operator", "registrar", "outsider", "holder"))}
    licenses = LicenseRegistry.deploy(client, regulator)
    terms = LicenseTerms(operator=operator.address, license_id="L-1", operator_name="Op",
                         scopes="investor_registry", expires_at=client.now() + 10**7)
    registry = InvestorRegistry.deploy(client, licenses, operator)
    registry.add_registrar(registrar.address, operator)
    new = NewInvestor(investor_id=investor_id("p-1", "salt-salt-salt-salt"), wallet=holder.address,
                      category="retail", kind="individual", country="KZ", residency="KZ",
                      kyc_valid_until=client.now() + 10**6)
    attempts = [
        lambda: registry.register(new, registrar),  # RegistryOperatorNotLicensed
        lambda: licenses.grant(terms, outsider),  # AccessControlUnauthorizedAccount
        lambda: licenses.grant(terms, regulator),  # passes
        lambda: licenses.grant(terms, regulator),  # LicenseAlreadyHeld
        lambda: registry.register(new, registrar),  # passes
        lambda: registry.register(new.replace(investor_id="0x" + "00" * 12 + "ab" * 20), registrar),
        lambda: registry.remove_wallet(holder.address, registrar),  # RegistryLastWallet
        lambda: client.send(registry.contract, "registerInvestors", [b"\1" * 32], [], [], signer=registrar),
        lambda: client.send(licenses.contract, "grantLicense", outsider.address, bytes(32), bytes(32), 1, 1, signer=regulator),
    ]
    seen = []
    for attempt in attempts:
        try:
            attempt()
        except errors.RevertError as refusal:
            arguments = {k: names.get(v, v) for k, v in refusal.arguments.items()}
            seen.append((type(refusal).__name__, arguments, refusal.sent))
    return seen


def test_the_same_refusals_give_the_same_exceptions_on_both_backends(anvil_node):
    anvil = Client(anvil_node.profile)
    snapshot = anvil.snapshot()
    try:
        on_anvil = _refusals(anvil)
    finally:
        anvil.revert(snapshot)
    on_embedded = _refusals(Client.embedded())
    assert [name for name, _, _ in on_embedded] == [
        "RegistryOperatorNotLicensed",
        "AccessControlUnauthorizedAccount",
        "LicenseAlreadyHeld",
        "RegistryWalletTaken",
        "RegistryLastWallet",
        "BatchLengthMismatch",
        "LicenseInvalidId",
    ]
    assert on_embedded == on_anvil


def test_every_custom_error_has_a_message_for_people():
    names = {name for name, _ in error_abis().values()}
    assert names - set(TEMPLATES) == set()


def test_every_custom_error_has_an_exception_class():
    for name in artifact_names():
        for entry in load_artifact(name)["abi"]:
            if entry["type"] == "error":
                cls = getattr(errors, entry["name"])
                assert issubclass(cls, errors.RevertError) and cls.name == entry["name"]
    with pytest.raises(AttributeError):
        errors.NoSuchSolidityError


def test_decoding_of_standard_and_unknown_errors():
    reason = decode_revert(bytes.fromhex("08c379a0") + encode(["string"], ["boom"]))
    assert reason.name == "Error" and reason.message == "boom"
    panic = decode_revert(bytes.fromhex("4e487b71") + encode(["uint256"], [0x11]))
    assert panic.name == "Panic" and panic.code == 0x11
    unknown = decode_revert(bytes.fromhex("deadbeef"))
    assert type(unknown) is errors.RevertError and unknown.name == "UnknownError"


def test_messages_name_roles_and_values():
    refusal = errors.AccessControlUnauthorizedAccount(
        {"account": "0x" + "11" * 20, "neededRole": bytes.fromhex("ab" * 32)}, None
    )
    assert "0x" + "ab" * 32 in str(refusal)
    from dfa.chain.contract import role_id

    named = errors.AccessControlUnauthorizedAccount({"account": "0x1", "neededRole": role_id("REGISTRAR_ROLE")})
    assert "lacks REGISTRAR_ROLE" in str(named) and "[AccessControlUnauthorizedAccount]" in str(named)
