"""What each contract refusal means to a person, and what to do about it.

:data:`TEMPLATES` is keyed by the Solidity custom error's name, its fields are the error's
parameter names; :data:`EXPLANATIONS` by restriction code name (the chain's own short text is
``dfa.restrictions.CHAIN_MESSAGES``, generated). Tests check that every custom error in the
shipped ABIs and every restriction code has its text here. Names and values of the contracts
come from the generated bindings, never copied here; keys are names (not the generated
classes) so that this module imports without them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

TEMPLATES: dict[str, str] = {
    # OpenZeppelin
    "AccessControlUnauthorizedAccount": "account {account} lacks {neededRole}; ask an admin of that role to grant it",
    "AccessControlBadConfirmation": "an account can only renounce a role for itself",
    "AddressEmptyCode": "there is no contract at {target}",
    "FailedCall": "an inner call failed without a reason",
    # Batchable
    "BatchTooLarge": "a batch holds {size} calls, at most {max} are allowed; split it",
    "BatchLengthMismatch": "batch lists differ in length: {expected} against {actual}",
    # OperatorLicenseRegistry
    "LicenseInvalidOperator": "{operator} cannot hold a licence",
    "LicenseInvalidScopes": "licence scopes {scopes} are not a non-empty set of {LicenseScopes}",
    "LicenseInvalidId": "a licence needs a non-zero licence id",
    "LicenseExpiryNotInFuture": "licence expiry {expiresAt} is not after the chain's time {now_}",
    "LicenseAlreadyHeld": "operator {operator} already holds a licence ({status}); renew, reinstate or revoke it",
    "LicenseNotFound": "operator {operator} holds no licence",
    "LicenseUnexpectedStatus": "the licence of {operator} is {status}, the action needs it {expected}",
    # InvestorRegistry
    "RegistryOperatorNotLicensed": "operator {operator} has no active investor-registry licence; "
    "the regulator must grant, renew or reinstate it before the registry can change",
    "RegistryInvalidInvestorId": "an investor id must be a non-zero 160-bit hash (made by investor_id())",
    "RegistryInvalidWallet": "{wallet} cannot be an investor's wallet",
    "RegistryInvalidCategory": "investor category {category} is not retail(1), qualified(2) or professional(3)",
    "RegistryInvalidKind": "investor kind {kind} is not individual(1) or legal entity(2)",
    "RegistryInvalidCountry": "{country} is not an ISO 3166-1 numeric country code",
    "RegistryKycNotInFuture": "KYC valid-until {kycValidUntil} is not after the chain's time {now_}; renew the KYC",
    "RegistryInvestorExists": "investor {investorId} is already registered; update it instead",
    "RegistryUnknownInvestor": "investor {investorId} is not registered",
    "RegistryWalletTaken": "wallet {wallet} already belongs to investor {investorId}",
    "RegistryUnknownWallet": "wallet {wallet} belongs to no investor",
    "RegistryWalletNotOfInvestor": "wallet {wallet} is not a current wallet of investor {investorId}",
    "RegistryTooManyWallets": "investor {investorId} already has the maximum of {max} wallets",
    "RegistryLastWallet": "{wallet} is the last wallet of investor {investorId}; suspend the investor instead",
    "RegistryUnexpectedStatus": "investor {investorId} is {status}; the action needs another status",
    "RegistryWalletOwedRecovery": "{wallet} is the replacement a completed recovery of {lost} still delivers to; "
    "recover it in turn (with due process) instead of removing it",
    "RegistryForeignPurchaseLimits": "the purchase limits at {limits} are not kept by operator {operator}",
    "RecoveryReferenceRequired": "a recovery request needs its case reference (the identity re-verification case)",
    "RecoveryDelayBelowMinimum": "a recovery delay of {delay} s is below the regulator's minimum of {minimum} s",
    "RecoveryReplacementRetired": "the replacement {replacement} of {lost} is no longer a current wallet of the "
    "investor; request a new recovery to a current wallet",
    "LicenseReferenceRequired": "the regulator's act needs the reference of its decision",
    "LicenseRecoveryDelayTooLong": "a minimum recovery delay of {delay} s is above the most allowed, {max} s",
    "DFARecoveryAlreadyExecuted": "the recovery of {lost} was already carried out in this token",
    "DFAPriceOutOfBounds": "price {price} {currency} is outside the operator's bounds for this token "
    "({min}-{max} {boundsCurrency}); the operator sets the bounds",
    "LimitsInvalidPriceBounds": "price bounds {min}-{max} {currency} (max age {maxAge} s) for {token} are not valid: "
    "a positive minimum not above the maximum, a currency and a maximum age",
    # DFAToken (rule refusals, DFARestricted, have one class per reason code: dfa.restrictions)
    "DFARestricted": "refused by the token's rules (code {code})",
    "DFAInvalidGranularity": "granularity {granularity} must be at least one base unit",
    "DFASupplyCapBelowSupply": "supply cap {supplyCap} is below the current supply {totalSupply}",
    "DFAInvalidCategories": "category mask {categories} must admit at least one of retail(2), qualified(4), "
    "professional(8) and nothing else",
    "DFAInvalidKinds": "kind mask {kinds} must admit individual(2) and/or legal entity(4) and nothing else",
    "DFAInvalidCountry": "{country} is not an ISO 3166-1 numeric country code",
    "DFAInvalidDenyRule": "deny rule #{index} sets no condition: it would deny everyone",
    "DFATooManyDenyRules": "{count} deny rules given, at most {max} are allowed",
    "DFAInvalidDecisionId": "an issuance decision needs a non-zero id",
    "DFADecisionExists": "issuance decision {decisionId} already exists; amend it instead",
    "DFAUnknownDecision": "there is no issuance decision {decisionId} (or no such version)",
    "DFADecisionIsClosed": "issuance decision {decisionId} is closed",
    "DFAInvalidDecisionTerms": "issuance decision {decisionId}: invalid {field}",
    "DFADecisionCapBelowAllocated": "decision {decisionId}: cap {cap} is below the {allocated} already allocated",
    "DFAInvalidDocument": "document {name} needs a name, a URI and a content hash",
    "DFAUnknownDocument": "there is no document {name}",
    "DFATooManyDocuments": "a token holds at most {max} documents; remove one first",
    "DFAInvalidRoleHolder": "nobody was named for {role}",
    "DFARolesKeptApart": "{account} holds {heldRole}, which no account may hold together with {role}; name another "
    "account (see docs/ACCESS.md, roles kept apart)",
    "DFAInvalidJurisdiction": "jurisdiction {jurisdiction} is not an ISO 3166-1 numeric country code",
    "DFAReserveAuditorRequired": "an e-money token must name its reserve auditor",
    "ERC20InsufficientAllowance": "{spender} may move {allowance} base units, {needed} needed; the holder must approve more",
    "ERC20InsufficientBalance": "{sender} holds {balance} base units, {needed} needed",
    "ERC20InvalidApprover": "{approver} cannot approve",
    "ERC20InvalidReceiver": "{receiver} cannot receive tokens",
    "ERC20InvalidSender": "{sender} cannot send tokens",
    "ERC20InvalidSpender": "{spender} cannot be approved",
    "InvalidInitialization": "the contract is already initialized",
    "NotInitializing": "the contract is not initializing",
    "DFALegalReferenceRequired": "an enforcement act needs its legal basis (court order or case reference)",
    "DFAForcedTransferToUnverified": "{to} is not a verified wallet; a forced transfer may only go to one",
    "DFAForcedTransferToSelf": "a forced transfer from {wallet} to itself moves nothing; name another receiver",
    "ERC7943CannotSend": "{account} may not send",
    "ERC7943CannotReceive": "{account} may not receive",
    "ERC7943CannotTransfer": "moving {amount} base units from {from} to {to} is not allowed",
    "ERC7943InsufficientUnfrozenBalance": "{account} has {unfrozen} base units unfrozen, {amount} needed",
    "DFAInsufficientBalance": "{from} holds {balance} base units, {needed} needed",
    "DFAAlreadyInState": "nothing to do: the token's paused state is already {paused}",
    "DFAFreezeAboveBalance": "cannot freeze {amount} base units of {wallet}: it holds {balance}",
    "DFAFreezeUntilInPast": "a freeze cannot lapse in the past ({until})",
    "DFAWalletNotFrozen": "{wallet} is not frozen",
    "DFAInvalidReferencePrice": "a reference price needs its currency",
    # PurchaseLimits
    "LimitsInvalidCategory": "{category} is not an investor category (1 retail, 2 qualified, 3 professional)",
    "LimitsInvalidWindow": "a purchase limit needs a window of at least one second and under 2^32 seconds, not {window}",
    "LimitsInvalidAmount": "a purchase limit of {amount} minor units is too large (at most "
    "{PurchaseLimits.MAX_AMOUNT})",
    "LimitsUnknownToken": "{caller} is not a token of this operator; it cannot record acquisitions",
    "LimitsExceeded": "investor {investorId} cannot acquire this (restriction code {code})",
    "LimitsGasReserve": "the purchase-limit check needs {needed} gas left to cover its worst case, {left} left; "
    "give the transaction more gas (an eth_estimateGas covers it)",
    # DFATokenFactory
    "FactoryOperatorNotLicensed": "operator {operator} has no issuance licence in force; no new tokens until "
    "the regulator grants, renews or reinstates it",
    "FactoryForeignRegistry": "registry {registry} is not kept by operator {operator}; use the operator's own registry",
    "FactoryRegistryUnderOtherLicenses": "registry {registry} checks its operator's licence in {licenses}, not in the "
    "regulator's licence registry {expected}; deploy the registry against the regulator's licences",
    "FactoryRegistryNotLicensed": "operator {operator}, who keeps registry {registry}, holds no investor-registry "
    "licence in force; the regulator must grant, renew or reinstate it",
    "FailedDeployment": "the token clone could not be deployed (is the salt already used?)",
    "InsufficientBalance": "the factory holds {balance} wei, {needed} needed",
    "DFAApprovalExpiryNotInFuture": "an approval must expire in the future, not at {expiry}",
    # Wallet recovery (InvestorRegistry, DFAToken)
    "RecoveryOtherInvestor": "{replacement} is not a wallet of the investor who lost {lost}; add it to that investor first",
    "RecoverySameWallet": "{wallet} cannot replace itself",
    "RecoveryAlreadyPending": "a recovery of {lost} is already pending",
    "RecoveryNotPending": "no recovery of {lost} is pending",
    "RecoveryTooEarly": "the recovery of {lost} can be approved from {readyAt}, not at {now_}; the waiting period "
    "lets the holder of the lost wallet object",
    "RecoverySameAgent": "{agent} requested the recovery of {lost}; a second, different agent must approve it",
    "RecoveryNotAllowed": "{caller} may not cancel the recovery of {lost}: only that wallet or a registrar",
    "DFANoCompletedRecovery": "the registry has completed no recovery of {lost}",
    # Solidity built-ins
    "Error": "reverted: {message}",
    "Panic": "the contract panicked with code {code}",
}


_PARTY = {
    "NOT_REGISTERED": "is not a wallet of any investor in the operator's registry; onboard the investor first",
    "SUSPENDED": "belongs to a suspended investor",
    "KYC_EXPIRED": "belongs to an investor whose KYC has expired; the registrar must renew it",
    "CATEGORY_NOT_ALLOWED": "belongs to an investor whose category the token does not admit",
    "KIND_NOT_ALLOWED": "belongs to an investor whose kind (individual / legal entity) the token does not admit",
    "COUNTRY_NOT_ALLOWED": "belongs to an investor whose country the token does not admit",
    "DENIED_BY_RULE": "belongs to an investor a compliance rule of the token denies",
    "FROZEN": "is frozen by an enforcement act",
}
EXPLANATIONS: dict[str, str] = {
    "SUCCESS": "no restriction",
    "GRANULARITY": "the amount is not a multiple of the token's smallest transferable unit",
    "INSUFFICIENT_BALANCE": "the sender's balance is too small",
    "SUPPLY_CAP_EXCEEDED": "the token's supply cap would be exceeded",
    "PAUSED": "the token is paused by an enforcement act",
    "FROZEN_TOKENS": "the amount exceeds the sender's unfrozen balance",
    "MAX_BALANCE_EXCEEDED": "the receiving investor would hold more than the maximum balance (all its wallets)",
    "MAX_HOLDERS_REACHED": "the token has its maximum number of holders; a new investor cannot join",
    "MAX_CATEGORY_HOLDERS_REACHED": "the token has its maximum number of holders of the receiver's category",
    "PURCHASE_LIMIT_EXCEEDED": "the receiving investor would exceed its category's purchase limit over the "
    "rolling window (counted over all its wallets and all the operator's tokens)",
    "CURRENCY_MISMATCH": "the price is in another currency than the purchase limit; the acquisition "
    "cannot be valued against it",
    "NO_REFERENCE_PRICE": "the token has no reference price to value the transfer against the purchase "
    "limit; the pricing agent must set one",
    "PRICE_OUT_OF_BOUNDS": "the price the acquisition is valued at (the decision's issue price or the "
    "reference price) is outside the bounds the operator set for the token, or the operator set none; the operator "
    "sets them in its purchase limits",
    "STALE_PRICE": "the token's reference price is older than the operator's purchase limits allow; the "
    "pricing agent must set a fresh one",
    "ACQUISITION_NOT_CONSENTED": "the receiving investor is under a purchase limit and did not ask for this "
    "acquisition: it must pull the tokens itself (transferFrom) or first consent on the token to acquire at least "
    "this amount",
    "LOCKED_TOKENS": "the amount exceeds what the sender holds free of lock-ups; wait for the lock-up to end",
    "AML_APPROVAL_REQUIRED": "the transfer is worth more than the AML threshold (or cannot be valued) and "
    "needs the compliance agent's prior approval of exactly this transfer",
    "BELOW_MIN_HOLDING": "the sending or receiving investor would be left holding a positive amount below "
    "the token's minimum holding (all its wallets); move at least the minimum, or the sender's whole holding",
    "ISSUANCE_LICENSE_INACTIVE": "the operator's issuance licence is not in force; no allocation until "
    "the regulator reinstates or renews it",
    "NO_DECISION": "there is no issuance decision with that id; publish one first",
    "DECISION_CLOSED": "the issuance decision is closed",
    "BEFORE_SUBSCRIPTION": "the decision's subscription period has not started",
    "AFTER_SUBSCRIPTION": "the decision's subscription period has ended",
    "DECISION_CAP_EXCEEDED": "the allocation would exceed the decision's cap",
    "BELOW_MINIMUM_SUBSCRIPTION": "the allocation is below the decision's minimum subscription",
    "CATEGORY_NOT_IN_DECISION": "the decision does not admit the investor's category",
}
for _reason, _text in _PARTY.items():
    EXPLANATIONS[f"SENDER_{_reason}"] = f"the sender {_text}"
    EXPLANATIONS[f"RECEIVER_{_reason}"] = f"the receiver {_text}"
"""A person's explanation of each restriction code, with what to do about it."""

@cache
def template_context() -> dict[str, Any]:
    """What a template may name besides the error's arguments: the contracts' constants by contract
    (``{PurchaseLimits.MAX_AMOUNT}``) and each generated enum or bit set as its members
    (``{LicenseScopes}`` -> ``issuance(1), investor_registry(2), ...``), so no value is copied here."""
    from enum import Enum

    from dfa import constants

    context: dict[str, Any] = {}
    for name in constants.__all__:
        value = getattr(constants, name)
        if isinstance(value, type) and issubclass(value, Enum):
            value = ", ".join(f"{m.name.lower()}({m.value})" for m in value)
        context[name] = value
    return context


_MOMENTS = ("now_", "readyAt", "until", "expiresAt", "kycValidUntil", "expiry")


def show(value: Any, name: str = "") -> str:
    """An error argument as a person reads it: moments as dates, role ids by name, references as text."""
    if name in _MOMENTS and isinstance(value, int) and 0 < value < 2**40:
        from dfa.types import format_timestamp

        return format_timestamp(value)
    if isinstance(value, bytes):
        from dfa.roles import ROLE_NAMES
        from dfa.types import reference_from_bytes

        return ROLE_NAMES.get(value) or (reference_from_bytes(value) if len(value) == 32 else "0x" + value.hex())
    return str(value)
