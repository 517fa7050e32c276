"""Every state-changing function of every contract against every role: only the intended role passes.

The functions come from the ABIs, so a new write cannot escape this test without a row here.
"""

import pytest

from dfa import errors
from dfa.chain.contract import role_id

YEAR = 365 * 24 * 3600
ACTORS = ("regulator", "operator", "registrar", "outsider")


ID = bytes(12) + b"\x07" * 20  # investor ids are 160-bit


def _profile(world):
    return (1, 1, 398, 398, world.client.now() + YEAR, 0)


def _setup(world):
    """An investor with two wallets, and a second licensed operator, to act upon."""
    investor = world.new_investor(0)
    world.registry.register(investor, world.registrar)
    world.registry.add_wallet(investor.investor_id, world.wallets[1], world.registrar)
    id_bytes = bytes.fromhex(investor.investor_id[2:])
    other = world.wallets[2]
    world.client.send(world.licenses.contract, "grantLicense", other, b"L2".ljust(32, b"\0"),
                      bytes(32), 4, world.client.now() + YEAR, signer=world.regulator)
    return id_bytes, other


# function -> (who may call it, arguments(world, investor id, licensed other operator))
LICENSES = {
    "grantLicense": ("regulator", lambda w, i, o: [w.wallets[3], b"L3".ljust(32, b"\0"), bytes(32), 1, w.client.now() + YEAR]),
    "renewLicense": ("regulator", lambda w, i, o: [o, 4, w.client.now() + 2 * YEAR]),
    "suspendLicense": ("regulator", lambda w, i, o: [o, bytes(32)]),
    "reinstateLicense": ("regulator", None),  # needs a suspended licence: see below
    "revokeLicense": ("regulator", lambda w, i, o: [o, bytes(32)]),
    "setMinRecoveryDelay": ("regulator", lambda w, i, o: [3600, b"D1".ljust(32, b"\0")]),
    "grantRole": ("regulator", lambda w, i, o: [role_id("REGULATOR_ROLE"), w.wallets[3]]),
    "revokeRole": ("regulator", lambda w, i, o: [role_id("REGULATOR_ROLE"), w.regulator.address]),
    "renounceRole": ("self", None),
}
REGISTRY = {
    "registerInvestor": ("registrar", lambda w, i, o: [ID, w.wallets[4], _profile(w)]),
    "registerInvestors": ("registrar", lambda w, i, o: [[ID], [w.wallets[4]], [_profile(w)]]),
    "updateInvestor": ("registrar", lambda w, i, o: [i, w.wallets[0], (2, 1, 398, 398, w.client.now() + YEAR, 0)]),
    "addWallet": ("registrar", lambda w, i, o: [i, w.wallets[0], w.wallets[4]]),
    "removeWallet": ("registrar", lambda w, i, o: [w.wallets[1]]),
    "suspendInvestor": ("registrar", lambda w, i, o: [i, w.wallets[0], bytes(32)]),
    "reactivateInvestor": ("registrar", None),  # needs a suspended investor: see below
    "grantRole": ("operator", lambda w, i, o: [role_id("REGISTRAR_ROLE"), w.wallets[3]]),
    "revokeRole": ("operator", lambda w, i, o: [role_id("REGISTRAR_ROLE"), w.registrar.address]),
    "renounceRole": ("self", None),
    "multicall": ("inner", None),
    "requestRecovery": ("registrar", lambda w, i, o: [w.wallets[1], w.wallets[0], b"K1".ljust(32, b"\0")]),
    "cancelRecovery": ("lost wallet or registrar", None),  # see tests/operator/test_recovery.py
    "approveRecovery": ("another registrar", None),  # needs a pending recovery: see below
    "setRecoveryDelay": ("operator", lambda w, i, o: [4 * 24 * 3600]),
    "setPurchaseLimits": ("operator", None),  # needs the operator's limits: tests/test_access_matrix.py
}
MATRIX = {"licenses": LICENSES, "registry": REGISTRY}


def _writes(contract):
    return {e["name"] for e in contract.abi if e["type"] == "function" and e["stateMutability"] not in ("view", "pure")}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_matrix_names_every_write(world, name):
    contract = getattr(world, name).contract
    assert _writes(contract) == set(MATRIX[name]), "a state-changing function has no row in the access matrix"


def _cases():
    for name, table in MATRIX.items():
        for function, (role, args) in table.items():
            if args is not None:
                yield pytest.param(name, function, role, id=f"{name}.{function}")


@pytest.mark.parametrize("name, function, allowed", list(_cases()))
def test_only_the_intended_role_may_call(world, name, function, allowed):
    contract = getattr(world, name).contract
    investor, other = _setup(world)
    arguments = MATRIX[name][function][1](world, investor, other)
    for actor in ACTORS:
        signer = getattr(world, actor)
        if actor == allowed:
            continue
        with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
            world.client.send(contract, function, *arguments, signer=signer)
        assert refused.value.account == signer.address
    world.client.send(contract, function, *arguments, signer=getattr(world, allowed))


def test_reinstate_and_reactivate_need_their_roles(world):
    investor, other = _setup(world)
    world.client.send(world.licenses.contract, "suspendLicense", other, bytes(32), signer=world.regulator)
    world.client.send(world.registry.contract, "suspendInvestor", investor, world.wallets[0], bytes(32), signer=world.registrar)
    for actor in ("operator", "registrar", "outsider"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(world.licenses.contract, "reinstateLicense", other, signer=getattr(world, actor))
    for actor in ("regulator", "operator", "outsider"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(world.registry.contract, "reactivateInvestor", investor, world.wallets[0], signer=getattr(world, actor))
    world.client.send(world.licenses.contract, "reinstateLicense", other, signer=world.regulator)
    world.client.send(world.registry.contract, "reactivateInvestor", investor, world.wallets[0], signer=world.registrar)


def test_multicall_checks_the_role_of_every_inner_call(world):
    investor, _ = _setup(world)
    inner = [world.registry._encode("suspendInvestor", investor, world.wallets[0], bytes(32))]
    for actor in ("regulator", "operator", "outsider"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(world.registry.contract, "multicall", inner, signer=getattr(world, actor))
    world.client.send(world.registry.contract, "multicall", inner, signer=world.registrar)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_a_role_can_only_be_renounced_by_its_holder(world, name):
    api = getattr(world, name)
    role = "REGULATOR_ROLE" if name == "licenses" else "REGISTRAR_ROLE"
    holder = world.regulator if name == "licenses" else world.registrar
    with pytest.raises(errors.AccessControlBadConfirmation):
        world.client.send(api.contract, "renounceRole", role_id(role), holder.address, signer=world.outsider)
    world.client.send(api.contract, "renounceRole", role_id(role), holder.address, signer=holder)
    assert not api.has_role(role, holder.address)


def test_the_operator_admin_is_not_a_registrar(world):
    """No god key: administering the registry does not let the operator write investors."""
    assert world.registry.has_role("DEFAULT_ADMIN_ROLE", world.operator.address)
    assert not world.registry.has_role("REGISTRAR_ROLE", world.operator.address)
    with pytest.raises(errors.ValidationError, match="no role"):
        world.registry.has_role("GOD_ROLE", world.operator.address)


def test_approving_a_recovery_needs_the_registrar_role(world):
    _setup(world)
    world.licenses.set_min_recovery_delay(0, "Decision 0", world.regulator)
    world.registry.set_recovery_delay(0, world.operator)
    world.client.send(world.registry.contract, "requestRecovery", world.wallets[1], world.wallets[0],
                      b"K1".ljust(32, b"\0"), signer=world.registrar)
    for actor in ("regulator", "operator", "outsider"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(world.registry.contract, "approveRecovery", world.wallets[1], signer=getattr(world, actor))
