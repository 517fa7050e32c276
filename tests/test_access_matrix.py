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
            client.send(_signer(market, actor), contract, function, *arguments)
    if function in WITH_REFERENCE:
        for actor in ACTORS:  # nor through multicall
            if actor != intended:
                with pytest.raises(errors.AccessControlUnauthorizedAccount):
                    client.send(_signer(market, actor), contract, "multicall",
                                [market.token._encode(function, *arguments)], gas=300_000)
        with pytest.raises(errors.DFALegalReferenceRequired):
            client.send(_signer(market, intended), contract, function, *arguments, gas=300_000)
        calls = [market.token._encode("setLegalReference", _key("Case 1"), 0), market.token._encode(function, *arguments)]
        client.send(_signer(market, intended), contract, "multicall", calls)
        return
    client.send(_signer(market, intended), contract, function, *arguments)


def test_token_functions_without_arguments_here_are_covered_elsewhere():
    """unpause/unfreeze need a prior act, recoverWallet a registry recovery, ERC-20 calls no role: see their tests."""
    elsewhere = {"transfer", "transferFrom", "approve", "unpause", "unfreezeWallet", "recoverWallet", "renounceRole",
                 "multicall", "initialize", "initializeDocuments", "initializeRoles", "initializePricingAgent",
                 "initializePricing", "setAcquisitionConsent", "syncPurchaseLimits"}
    assert set(INTENDED["DFAToken"]) == set(TOKEN_CALLS) | elsewhere


def test_unpause_and_unfreeze_need_the_enforcement_role(market):
    client, contract, agent = market.world.client, market.token.contract, market.enforcement_agent
    client.send(agent, contract, "pause", _key("Case 1"))
    client.send(agent, contract, "freezeWallet", market.alice.address, _key("Case 1"), 0)
    for actor in ("admin", "compliance_agent", "issuer_agent", "alice"):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            client.send(_signer(market, actor), contract, "unpause", _key("Case 2"))
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            client.send(_signer(market, actor), contract, "unfreezeWallet", market.alice.address, _key("Case 2"))
    client.send(agent, contract, "unpause", _key("Case 2"))
    client.send(agent, contract, "unfreezeWallet", market.alice.address, _key("Case 2"))


def test_purchase_limits_are_set_by_their_admin_only(market):
    from dfa.operator import PurchaseLimits

    world = market.world
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    for intruder in (world.regulator, world.registrar, market.admin):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            limits.set_limit("retail", "1000", "USD", 30, intruder)
    limits.set_limit("retail", "1000", "USD", 30, world.operator)


    "admin of the role (DEFAULT_ADMIN_ROLE; OPERATOR_ROLE for OPERATOR_ROLE, ENFORCEMENT_ROLE and PRICING_ROLE)": "admin",
    "PRICING_ROLE (administered by OPERATOR_ROLE, the operator; never the issuer)": "pricing_agent",
    "OPERATOR_ROLE": "operator",
    "DEFAULT_ADMIN_ROLE": "admin",
