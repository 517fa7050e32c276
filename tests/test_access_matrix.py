"""Every contract against the intended access of dfa/access.py: every state-changing function, every role."""

from pathlib import Path

import pytest

from dfa import errors
from dfa.access import INTENDED, KEPT_APART, MODULES, ROLE_ADMINS, kept_apart, render
from dfa.artifacts import merged_abi
from dfa.chain.contract import role_id
from tests.issuer.helpers import allocate

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("contract", sorted(INTENDED))
def test_every_write_of_every_contract_is_in_the_matrix(contract):
    abi = merged_abi(contract, *MODULES.get(contract, ()))
    writes = {e["name"] for e in abi if e["type"] == "function" and e["stateMutability"] not in ("view", "pure")}
    assert writes == set(INTENDED[contract]), "a state-changing function has no row in dfa/access.py (or a stale one)"


def test_the_docs_show_the_current_matrix():
    assert (ROOT / "docs" / "ACCESS.md").read_text() == render(), "run `python scripts/access_matrix.py`"


def _key(text):
    return text.encode().ljust(32, b"\0")


def _terms(m, cap=2_000_000):
    now = m.world.client.now()
    return (b"\x11" * 32, cap, 0, 100, b"USD", 2, 0x0e, now, now + 10**6, 0)


# function -> arguments (the caller is given by the matrix; a holder of bob's tokens exists)
TOKEN_CALLS = {
    "allocate": lambda m: [_key("BOND-2026-01"), m.alice.address, 10000],
    "allocateBatch": lambda m: [_key("BOND-2026-01"), [m.alice.address], [10000]],
    "redeem": lambda m: [m.bob.address, 100],
    "setReferencePrice": lambda m: [100, b"USD", 2],
    "setInvestorCategories": lambda m: [0x0E],
    "setInvestorKinds": lambda m: [0x06],
    "setCountryAllowlist": lambda m: [False],
    "setCountryRules": lambda m: [[840], 2],
    "setDenyRules": lambda m: [[]],
    "setSupplyCap": lambda m: [2**256 - 1],
    "setGranularity": lambda m: [1],
    "setMaxBalance": lambda m: [0],
    "setMaxHolders": lambda m: [0, [0, 0, 0, 0]],
    "setMinHolding": lambda m: [100],
    "setAmlThreshold": lambda m: [0, b"USD"],
    "approveTransfer": lambda m: [m.bob.address, m.carol.address, 1, m.world.client.now() + 100],
    "pause": lambda m: [_key("Case 1")],
    "freezeWallet": lambda m: [m.alice.address, _key("Case 1"), 0],
    "setLegalReference": lambda m: [_key("Case 1"), 0],
    "setFrozenTokens": lambda m: [m.bob.address, 1],
    "forcedTransfer": lambda m: [m.bob.address, m.carol.address, 1],
    "setDocument": lambda m: [_key("notice"), "https://example.kz/notice", b"\x22" * 32],
    "removeDocument": lambda m: [_key("terms")],
    "publishDecision": lambda m: [_key("NEW-1"), _terms(m)],
    "amendDecision": lambda m: [_key("BOND-2026-01"), _terms(m)],
    "closeDecision": lambda m: [_key("BOND-2026-01")],
    "grantRole": lambda m: [role_id("ISSUER_AGENT_ROLE"), m.world.outsider.address],
    "revokeRole": lambda m: [role_id("ISSUER_AGENT_ROLE"), m.issuer_agent.address],
}
# ERC-7943 acts: their legal reference comes first in the same transaction
WITH_REFERENCE = {"setFrozenTokens", "forcedTransfer"}
ROLE_HOLDER = {
    "ISSUER_AGENT_ROLE": "issuer_agent",
    "COMPLIANCE_ROLE": "compliance_agent",
    "ENFORCEMENT_ROLE": "enforcement_agent",
    "ENFORCEMENT_ROLE, after setLegalReference in the same transaction": "enforcement_agent",
    "DOCUMENT_MANAGER_ROLE": "document_manager",
    "DEFAULT_ADMIN_ROLE (the issuer)": "admin",
    "admin of the role (DEFAULT_ADMIN_ROLE; OPERATOR_ROLE for OPERATOR_ROLE, ENFORCEMENT_ROLE and PRICING_ROLE)": "admin",
    "PRICING_ROLE (administered by OPERATOR_ROLE, the operator; never the issuer)": "pricing_agent",
    "OPERATOR_ROLE": "operator",
    "DEFAULT_ADMIN_ROLE": "admin",
}
ACTORS = ("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager", "pricing_agent",
          "operator", "alice")


def _signer(m, actor):
    return m.world.operator if actor == "operator" else getattr(m, actor)


@pytest.mark.parametrize("function", sorted(TOKEN_CALLS))
def test_token_functions_admit_exactly_their_role(market, function):
    allocate(market, "bob", "1000")
    intended = ROLE_HOLDER[INTENDED["DFAToken"][function]]
    arguments = TOKEN_CALLS[function](market)
    client, contract = market.world.client, market.token.contract
    for actor in ACTORS:
        if actor == intended:
            continue
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            client.send(contract, function, *arguments, signer=_signer(market, actor))
    if function in WITH_REFERENCE:
        for actor in ACTORS:  # nor through multicall
            if actor != intended:
                with pytest.raises(errors.AccessControlUnauthorizedAccount):
                    client.send(contract, "multicall",
                                [market.token._encode(function, *arguments)], signer=_signer(market, actor), gas=300_000)
        with pytest.raises(errors.DFALegalReferenceRequired):
            client.send(contract, function, *arguments, signer=_signer(market, intended), gas=300_000)
        calls = [market.token._encode("setLegalReference", _key("Case 1"), 0), market.token._encode(function, *arguments)]
        client.send(contract, "multicall", calls, signer=_signer(market, intended))
        return
    client.send(contract, function, *arguments, signer=_signer(market, intended))


def test_token_functions_without_arguments_here_are_covered_elsewhere():
    """unpause/unfreeze need a prior act, recoverWallet a registry recovery, ERC-20 calls no role: see their tests."""
    elsewhere = {"transfer", "transferFrom", "approve", "unpause", "unfreezeWallet", "recoverWallet", "renounceRole",
                 "multicall", "initialize", "setAcquisitionConsent", "syncPurchaseLimits"}
    assert set(INTENDED["DFAToken"]) == set(TOKEN_CALLS) | elsewhere


def test_unpause_and_unfreeze_need_the_enforcement_role(market):
    client, contract, agent = market.world.client, market.token.contract, market.enforcement_agent
    client.send(contract, "pause", _key("Case 1"), signer=agent)
    client.send(contract, "freezeWallet", market.alice.address, _key("Case 1"), 0, signer=agent)
    for actor in ("admin", "compliance_agent", "issuer_agent", "alice"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            client.send(contract, "unpause", _key("Case 2"), signer=_signer(market, actor))
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            client.send(contract, "unfreezeWallet", market.alice.address, _key("Case 2"), signer=_signer(market, actor))
    client.send(contract, "unpause", _key("Case 2"), signer=agent)
    client.send(contract, "unfreezeWallet", market.alice.address, _key("Case 2"), signer=agent)


def test_purchase_limits_are_set_by_their_admin_only(market):
    from dfa.operator import PurchaseLimits

    world = market.world
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    for intruder in (world.regulator, world.registrar, market.admin):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            limits.set_limit("retail", "1000", "USD", 30, intruder)
    limits.set_limit("retail", "1000", "USD", 30, world.operator)


def test_a_token_role_can_only_be_renounced_by_its_holder(market):
    client, contract = market.world.client, market.token.contract
    for actor in ACTORS:
        if actor == "issuer_agent":
            continue
        with pytest.raises(errors.AccessControlBadConfirmation):
            client.send(contract, "renounceRole", role_id("ISSUER_AGENT_ROLE"),
                        market.issuer_agent.address, signer=_signer(market, actor))
    client.send(contract, "renounceRole", role_id("ISSUER_AGENT_ROLE"), market.issuer_agent.address, signer=market.issuer_agent)
    assert not market.token.has_role("ISSUER_AGENT_ROLE", market.issuer_agent.address)


def test_token_multicall_checks_the_role_of_every_inner_call(market):
    client, contract = market.world.client, market.token.contract
    inner = [market.token._encode("setMaxBalance", 10**6), market.token._encode("setMaxHolders", 7, [0, 0, 0, 0])]
    for actor in ACTORS:
        if actor == "compliance_agent":
            continue
        signer = _signer(market, actor)
        with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
            client.send(contract, "multicall", inner, signer=signer)
        assert refused.value.account == signer.address
    client.send(contract, "multicall", inner, signer=market.compliance_agent)
    assert market.token.rules().max_holders == 7


LIMITS_CALLS = {
    "setLimit": lambda m, limits: [1, 100000, b"USD", 30 * 86400],
    "grantRole": lambda m, limits: [role_id("LIMITS_ADMIN_ROLE"), m.world.registrar.address],
    "revokeRole": lambda m, limits: [role_id("LIMITS_ADMIN_ROLE"), m.world.operator.address],
    "setPriceBounds": lambda m, limits: [m.token.address, 50, 200, b"USD", 86400],
}
LIMITS_ACTORS = {"operator": lambda m: m.world.operator, "regulator": lambda m: m.world.regulator,
                 "registrar": lambda m: m.world.registrar, "admin": lambda m: m.admin,
                 "issuer_agent": lambda m: m.issuer_agent, "outsider": lambda m: m.world.outsider}


@pytest.mark.parametrize("function", sorted(LIMITS_CALLS))
def test_purchase_limits_functions_admit_exactly_their_role(market, function):
    from dfa.operator import PurchaseLimits

    limits = PurchaseLimits.deploy(market.world.client, market.factory, market.world.operator)
    arguments = LIMITS_CALLS[function](market, limits)
    for actor, signer in LIMITS_ACTORS.items():
        if actor == "operator":  # holds DEFAULT_ADMIN_ROLE and LIMITS_ADMIN_ROLE
            continue
        with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
            market.world.client.send(limits.contract, function, *arguments, signer=signer(market))
        assert refused.value.account == signer(market).address
    market.world.client.send(limits.contract, function, *arguments, signer=market.world.operator)


def test_purchase_limits_roles_are_renounced_by_their_holder_only_and_acquisitions_recorded_by_tokens_only(market):
    from dfa.operator import PurchaseLimits

    client, operator = market.world.client, market.world.operator
    limits = PurchaseLimits.deploy(client, market.factory, operator)
    assert set(INTENDED["PurchaseLimits"]) == set(LIMITS_CALLS) | {"renounceRole", "recordAcquisition"}
    for actor, signer in LIMITS_ACTORS.items():
        if actor == "operator":
            continue
        with pytest.raises(errors.AccessControlBadConfirmation):
            client.send(limits.contract, "renounceRole", role_id("LIMITS_ADMIN_ROLE"), operator.address, signer=signer(market))
        with pytest.raises(errors.LimitsUnknownToken) as refused:
            client.send(limits.contract, "recordAcquisition", b"\1" * 32, 1, 100, b"USD", signer=signer(market))
        assert refused.value.caller == signer(market).address
    client.send(limits.contract, "renounceRole", role_id("LIMITS_ADMIN_ROLE"), operator.address, signer=operator)
    assert not limits.has_role("LIMITS_ADMIN_ROLE", operator.address)


# -- separation of duties: generated from dfa/access.py ---------------------------------------

HOLDER = {"DEFAULT_ADMIN_ROLE": "admin", "ISSUER_AGENT_ROLE": "issuer_agent", "COMPLIANCE_ROLE": "compliance_agent",
          "ENFORCEMENT_ROLE": "enforcement_agent", "DOCUMENT_MANAGER_ROLE": "document_manager",
          "OPERATOR_ROLE": "operator", "PRICING_ROLE": "pricing_agent"}


def test_every_token_role_has_an_admin_and_a_holder_here():
    assert set(ROLE_ADMINS["DFAToken"]) == set(HOLDER)
    assert all(a in HOLDER and b in HOLDER for a, b, _ in KEPT_APART["DFAToken"])


def test_the_token_roles_are_administered_as_the_data_says(market):
    token = market.token
    for role, admin in ROLE_ADMINS["DFAToken"].items():
        assert token._call("getRoleAdmin", role_id(role)) == role_id(admin), role
        assert token.has_role(role, _signer(market, HOLDER[role]).address), role


def test_the_token_keeps_apart_exactly_the_pairs_of_the_data(market):
    roles = sorted(HOLDER)
    for a in roles:
        for b in roles:
            assert market.token._call("keptApart", role_id(a), role_id(b)) == kept_apart("DFAToken", a, b), (a, b)


def _pairs():
    for a, b, _ in KEPT_APART["DFAToken"]:
        yield pytest.param(a, b, id=f"{a}+{b}")
        yield pytest.param(b, a, id=f"{b}+{a}")


@pytest.mark.parametrize("held, wanted", list(_pairs()))
def test_the_holder_of_one_role_of_a_pair_cannot_join_the_other(market, held, wanted):
    """It cannot grant itself the other role; the other role's admin cannot grant it either."""
    client, token = market.world.client, market.token
    holder = _signer(market, HOLDER[held])
    admin_role = ROLE_ADMINS["DFAToken"][wanted]
    admin = _signer(market, HOLDER[admin_role])
    if admin == holder:
        with pytest.raises(errors.DFARolesKeptApart) as refused:
            client.send(token.contract, "grantRole", role_id(wanted), holder.address, signer=holder)
        assert (refused.value.role, refused.value.heldRole, refused.value.account) == (
            role_id(wanted), role_id(held), holder.address)
    else:
        with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
            client.send(token.contract, "grantRole", role_id(wanted), holder.address, signer=holder)
        assert (refused.value.account, refused.value.neededRole) == (holder.address, role_id(admin_role))
        with pytest.raises(errors.DFARolesKeptApart) as joined:
            client.send(token.contract, "grantRole", role_id(wanted), holder.address, signer=admin)
        assert (joined.value.role, joined.value.heldRole, joined.value.account) == (
            role_id(wanted), role_id(held), holder.address)
    assert not token.has_role(wanted, holder.address)


def test_the_issuer_cannot_make_itself_the_enforcer_or_the_operator(market):
    client, contract, admin = market.world.client, market.token.contract, market.admin
    for role in ("ENFORCEMENT_ROLE", "OPERATOR_ROLE"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount) as refused:
            client.send(contract, "grantRole", role_id(role), admin.address, signer=admin)
        assert refused.value.neededRole == role_id("OPERATOR_ROLE")
    # the operator names a new enforcement agent; a role outside every pair may go to anyone
    client.send(contract, "grantRole", role_id("ENFORCEMENT_ROLE"), market.alice.address, signer=market.world.operator)
    assert market.token.has_role("ENFORCEMENT_ROLE", market.alice.address)
    client.send(contract, "grantRole", role_id("DOCUMENT_MANAGER_ROLE"), market.enforcement_agent.address, signer=admin)


SPEC_FIELD = {"DEFAULT_ADMIN_ROLE": "admin", "ISSUER_AGENT_ROLE": "issuer_agent", "COMPLIANCE_ROLE": "compliance_agent",
              "ENFORCEMENT_ROLE": "enforcement_agent", "DOCUMENT_MANAGER_ROLE": "document_manager",
              "PRICING_ROLE": "pricing_agent"}


@pytest.mark.parametrize("held, wanted", list(_pairs()))
def test_a_token_whose_first_roles_join_a_pair_is_refused(market, held, wanted):
    from tests.conftest import bond_spec

    world = market.world
    roles = dict(market.roles)
    if wanted == "OPERATOR_ROLE":  # the operator is the factory's caller: give its address the other role
        roles[SPEC_FIELD[held]] = world.operator
    elif held == "OPERATOR_ROLE":
        roles[SPEC_FIELD[wanted]] = world.operator
    else:
        roles[SPEC_FIELD[wanted]] = roles[SPEC_FIELD[held]]
    spec = bond_spec(world, roles, symbol="JOINED", decision=None)
    with pytest.raises(errors.DFARolesKeptApart) as refused:
        market.factory.create_token(spec, world.registry, world.operator)
    assert not refused.value.sent
    from dfa.issuer.factory import _config

    with pytest.raises(errors.DFARolesKeptApart) as onchain:  # Python bypassed
        world.client.send(market.factory.contract, "createToken", _config(spec, world.registry), [],
                          b"\6" * 32, signer=world.operator, gas=3_000_000)
    assert onchain.value.sent
    assert (onchain.value.role, onchain.value.heldRole, onchain.value.account) == (
        refused.value.role, refused.value.heldRole, refused.value.account)
    assert {onchain.value.role, onchain.value.heldRole} == {role_id(held), role_id(wanted)}


def test_the_pricing_role_is_granted_and_revoked_by_the_operator_only(market):
    client, contract, operator = market.world.client, market.token.contract, market.world.operator
    for role in ("PRICING_ROLE", "OPERATOR_ROLE"):
        arguments = [role_id(role), market.world.outsider.address]
        for actor in ("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "pricing_agent", "alice"):
            with pytest.raises(errors.AccessControlUnauthorizedAccount):
                client.send(contract, "grantRole", *arguments, signer=_signer(market, actor))
        client.send(contract, "grantRole", *arguments, signer=operator)
        for actor in ("admin", "issuer_agent"):
            with pytest.raises(errors.AccessControlUnauthorizedAccount):
                client.send(contract, "revokeRole", *arguments, signer=_signer(market, actor))
        client.send(contract, "revokeRole", *arguments, signer=operator)


def test_purchase_limits_and_their_bounds_are_named_by_the_operator_only(market):
    from dfa.operator import PurchaseLimits

    world = market.world
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    for intruder in (world.regulator, world.registrar, market.admin, market.pricing_agent):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(world.registry.contract, "setPurchaseLimits", limits.address, signer=intruder)
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.client.send(limits.contract, "setPriceBounds", market.token.address, 1, 2, b"USD", 60, signer=intruder)
    world.client.send(limits.contract, "setPriceBounds", market.token.address, 1, 2, b"USD", 60, signer=world.operator)
    world.client.send(world.registry.contract, "setPurchaseLimits", limits.address, signer=world.operator)
