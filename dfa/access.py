"""Who may call each state-changing function of each contract, who administers each role, and
which roles one account may never hold together: the intended access, as data.

The tests check the contracts against these tables function by function and pair by pair (a
function missing here fails them, a new pair is tried on chain without a new test), and
``scripts/access_matrix.py`` renders them into ``docs/ACCESS.md``.
"""

from __future__ import annotations

ANYONE = "anyone"

INTENDED: dict[str, dict[str, str]] = {
    "OperatorLicenseRegistry": {
        "grantLicense": "REGULATOR_ROLE",
        "renewLicense": "REGULATOR_ROLE",
        "suspendLicense": "REGULATOR_ROLE",
        "reinstateLicense": "REGULATOR_ROLE",
        "revokeLicense": "REGULATOR_ROLE",
        "setMinRecoveryDelay": "REGULATOR_ROLE",
        "grantRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "revokeRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "renounceRole": "the role holder itself",
    },
    "InvestorRegistry": {
        "registerInvestor": "REGISTRAR_ROLE, operator licensed",
        "registerInvestors": "REGISTRAR_ROLE, operator licensed",
        "updateInvestor": "REGISTRAR_ROLE, operator licensed",
        "addWallet": "REGISTRAR_ROLE, operator licensed",
        "removeWallet": "REGISTRAR_ROLE, operator licensed",
        "suspendInvestor": "REGISTRAR_ROLE, operator licensed",
        "reactivateInvestor": "REGISTRAR_ROLE, operator licensed",
        "requestRecovery": "REGISTRAR_ROLE, operator licensed",
        "cancelRecovery": "the lost wallet, or REGISTRAR_ROLE",
        "approveRecovery": "REGISTRAR_ROLE other than the requester, operator licensed",
        "setRecoveryDelay": "DEFAULT_ADMIN_ROLE (the operator), not below the regulator's minimum",
        "setPurchaseLimits": "DEFAULT_ADMIN_ROLE (the operator), limits kept by the operator (never removed)",
        "grantRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "revokeRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "renounceRole": "the role holder itself",
        "multicall": "each inner call's own rule",
    },
    "PurchaseLimits": {
        "setLimit": "LIMITS_ADMIN_ROLE",
        "setPriceBounds": "LIMITS_ADMIN_ROLE, for a token of the operator",
        "recordAcquisition": "a token the factory created for the same operator",
        "grantRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "revokeRole": "admin of the role (DEFAULT_ADMIN_ROLE)",
        "renounceRole": "the role holder itself",
    },
    "DFATokenFactory": {
        "createToken": "an operator with an issuance licence in force, with its own registry",
    },
    "DFAToken": {  # with the functions of its admin and terms modules
        "transfer": ANYONE + " holding tokens (every rule applies)",
        "transferFrom": ANYONE + " with an allowance (every rule applies)",
        "approve": ANYONE,
        "allocate": "ISSUER_AGENT_ROLE",
        "allocateBatch": "ISSUER_AGENT_ROLE",
        "redeem": "ISSUER_AGENT_ROLE",
        "setReferencePrice": "PRICING_ROLE (administered by OPERATOR_ROLE, the operator; never the issuer)",
        "setAcquisitionConsent": ANYONE + " (its own consent)",
        "syncPurchaseLimits": ANYONE + " (copies the registry's choice of limits)",
        "setInvestorCategories": "COMPLIANCE_ROLE",
        "setInvestorKinds": "COMPLIANCE_ROLE",
        "setCountryAllowlist": "COMPLIANCE_ROLE",
        "setCountryRules": "COMPLIANCE_ROLE",
        "setDenyRules": "COMPLIANCE_ROLE",
        "setSupplyCap": "COMPLIANCE_ROLE",
        "setGranularity": "COMPLIANCE_ROLE",
        "setMaxBalance": "COMPLIANCE_ROLE",
        "setMaxHolders": "COMPLIANCE_ROLE",
        "setMinHolding": "COMPLIANCE_ROLE",
        "setAmlThreshold": "COMPLIANCE_ROLE",
        "approveTransfer": "COMPLIANCE_ROLE",
        "pause": "ENFORCEMENT_ROLE",
        "unpause": "ENFORCEMENT_ROLE",
        "freezeWallet": "ENFORCEMENT_ROLE",
        "unfreezeWallet": "ENFORCEMENT_ROLE",
        "setLegalReference": "ENFORCEMENT_ROLE",
        "setFrozenTokens": "ENFORCEMENT_ROLE, after setLegalReference in the same transaction",
        "forcedTransfer": "ENFORCEMENT_ROLE, after setLegalReference in the same transaction",
        "recoverWallet": ANYONE + ", once the registry completed the recovery",
        "setDocument": "DOCUMENT_MANAGER_ROLE",
        "removeDocument": "DOCUMENT_MANAGER_ROLE",
        "publishDecision": "DEFAULT_ADMIN_ROLE (the issuer)",
        "amendDecision": "DEFAULT_ADMIN_ROLE (the issuer)",
        "closeDecision": "DEFAULT_ADMIN_ROLE (the issuer)",
        "grantRole": "admin of the role (DEFAULT_ADMIN_ROLE; OPERATOR_ROLE for OPERATOR_ROLE, ENFORCEMENT_ROLE and PRICING_ROLE)",
        "revokeRole": "admin of the role (DEFAULT_ADMIN_ROLE; OPERATOR_ROLE for OPERATOR_ROLE, ENFORCEMENT_ROLE and PRICING_ROLE)",
        "renounceRole": "the role holder itself",
        "multicall": "each inner call's own rule",
        "initialize": "nobody: once, by the factory, in the clone's creation (the terms module's part only then)",
    },
}

# role -> the role whose holders grant and revoke it (OpenZeppelin's ``getRoleAdmin``)
ROLE_ADMINS: dict[str, dict[str, str]] = {
    "OperatorLicenseRegistry": {
        "DEFAULT_ADMIN_ROLE": "DEFAULT_ADMIN_ROLE",
        "REGULATOR_ROLE": "DEFAULT_ADMIN_ROLE",
    },
    "InvestorRegistry": {
        "DEFAULT_ADMIN_ROLE": "DEFAULT_ADMIN_ROLE",
        "REGISTRAR_ROLE": "DEFAULT_ADMIN_ROLE",
    },
    "PurchaseLimits": {
        "DEFAULT_ADMIN_ROLE": "DEFAULT_ADMIN_ROLE",
        "LIMITS_ADMIN_ROLE": "DEFAULT_ADMIN_ROLE",
    },
    "DFAToken": {
        "DEFAULT_ADMIN_ROLE": "DEFAULT_ADMIN_ROLE",  # the issuer
        "ISSUER_AGENT_ROLE": "DEFAULT_ADMIN_ROLE",
        "COMPLIANCE_ROLE": "DEFAULT_ADMIN_ROLE",
        "DOCUMENT_MANAGER_ROLE": "DEFAULT_ADMIN_ROLE",
        "OPERATOR_ROLE": "OPERATOR_ROLE",  # the operator that created the token; the issuer cannot take it
        "ENFORCEMENT_ROLE": "OPERATOR_ROLE",  # so the issuer cannot make itself or its agents the enforcer
        "PRICING_ROLE": "OPERATOR_ROLE",  # so the issuer side cannot value its own token for the limits
    },
}

# pairs of roles no account may hold together, with why; the contract refuses a grant that would join them
KEPT_APART: dict[str, tuple[tuple[str, str, str], ...]] = {
    "DFAToken": (
        ("DEFAULT_ADMIN_ROLE", "ENFORCEMENT_ROLE", "the issuer does not freeze or seize its own holders' tokens"),
        ("ISSUER_AGENT_ROLE", "ENFORCEMENT_ROLE", "who mints and redeems does not also move tokens by force"),
        ("COMPLIANCE_ROLE", "ENFORCEMENT_ROLE", "who writes the rules does not also act outside them"),
        ("OPERATOR_ROLE", "ENFORCEMENT_ROLE", "the operator names the enforcement agent, it is not one itself"),
        ("DEFAULT_ADMIN_ROLE", "OPERATOR_ROLE", "the issuer does not name the enforcement agent"),
        ("DEFAULT_ADMIN_ROLE", "PRICING_ROLE", "the issuer does not value its own token for its investors' limits"),
        ("ISSUER_AGENT_ROLE", "PRICING_ROLE", "who sells the token does not set the price it is counted at"),
    ),
}
"""Elsewhere the separation is by agents, not roles: a recovery is approved by a registrar other than
the one who requested it (``InvestorRegistry.approveRecovery``), and the regulator's licence
registry licenses operators, who hold no role in it. PurchaseLimits is the operator's own: it sets
the limits of its platform (``LIMITS_ADMIN_ROLE``); the issuer holds no role there."""


def kept_apart(contract: str, a: str, b: str) -> bool:
    """Whether one account may not hold both roles ``a`` and ``b`` of ``contract``."""
    return any({a, b} == {x, y} for x, y, _ in KEPT_APART.get(contract, ()))
MODULES = {"DFAToken": ("DFATokenAdmin", "DFATokenTerms")}


def render() -> str:
    """The matrix as markdown."""
    lines = ["# Access matrix", "",
             "Generated by `python scripts/access_matrix.py` from `dfa/access.py`; the tests hold every contract",
             "to it (every state-changing function, every role).", ""]
    for contract, functions in INTENDED.items():
        lines += [f"## {contract}", "", "| function | who may call it |", "| --- | --- |"]
        lines += [f"| `{name}` | {who} |" for name, who in functions.items()]
        lines.append("")
    lines += ["## Role admins", "", "Who grants and revokes each role (OpenZeppelin's `getRoleAdmin`).", "",
              "| contract | role | administered by |", "| --- | --- | --- |"]
    for contract, admins in ROLE_ADMINS.items():
        lines += [f"| {contract} | `{role}` | `{admin}` |" for role, admin in admins.items()]
    lines += ["", "## Roles kept apart", "",
              "No account holds both roles of a pair: the contract refuses the grant that would join them,",
              "whoever sends it (`DFARolesKeptApart`), the first grants at creation included.", "",
              "| contract | role | role | why |", "| --- | --- | --- | --- |"]
    for contract, pairs in KEPT_APART.items():
        lines += [f"| {contract} | `{a}` | `{b}` | {why} |" for a, b, why in pairs]
    lines.append("")
    return "\n".join(lines)
