"""What each contract refusal means to a person, and what to do about it.

Keyed by the Solidity custom error's name; fields are the error's parameter names. A test
checks that every custom error in the shipped ABIs has a message here.
"""

from eth_utils import keccak

ROLES = (
    "DEFAULT_ADMIN_ROLE",
    "REGULATOR_ROLE",
    "REGISTRAR_ROLE",
    "ISSUER_AGENT_ROLE",
    "COMPLIANCE_ROLE",
    "ENFORCEMENT_ROLE",
    "DOCUMENT_MANAGER_ROLE",
    "LIMITS_ADMIN_ROLE",
    "OPERATOR_ROLE",
    "PRICING_ROLE",
)
ROLE_NAMES: dict[bytes, str] = {
    (bytes(32) if role == "DEFAULT_ADMIN_ROLE" else keccak(text=role)): role for role in ROLES
}

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
    "LicenseInvalidScopes": "licence scopes {scopes} are not a non-empty set of issuance(1), investor registry(2), "
    "settlement(4), custody(8)",
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
    "LimitsInvalidAmount": "a purchase limit of {amount} minor units is too large (at most 2^56 - 1)",
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
