"""What each contract refusal means to a person, and what to do about it.

Keyed by the Solidity custom error's name; fields are the error's parameter names. A test
checks that every custom error in the shipped ABIs has a message here.
"""

from eth_utils import keccak

ROLES = ("DEFAULT_ADMIN_ROLE", "REGULATOR_ROLE", "REGISTRAR_ROLE")
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
    "RegistryInvalidInvestorId": "an investor id must be a non-zero hash",
    "RegistryInvalidWallet": "{wallet} cannot be an investor's wallet",
    "RegistryInvalidCategory": "investor category {category} is not retail(1), qualified(2) or professional(3)",
    "RegistryInvalidKind": "investor kind {kind} is not individual(1) or legal entity(2)",
    "RegistryInvalidCountry": "{country} is not an ISO 3166-1 numeric country code",
    "RegistryKycNotInFuture": "KYC valid-until {kycValidUntil} is not after the chain's time {now_}; renew the KYC",
    "RegistryInvestorExists": "investor {investorId} is already registered; update it instead",
    "RegistryUnknownInvestor": "investor {investorId} is not registered",
    "RegistryWalletTaken": "wallet {wallet} already belongs to investor {investorId}",
    "RegistryUnknownWallet": "wallet {wallet} belongs to no investor",
    "RegistryTooManyWallets": "investor {investorId} already has the maximum of {max} wallets",
    "RegistryLastWallet": "{wallet} is the last wallet of investor {investorId}; suspend the investor instead",
    "RegistryUnexpectedStatus": "investor {investorId} is {status}; the action needs another status",
    # Solidity built-ins
    "Error": "reverted: {message}",
    "Panic": "the contract panicked with code {code}",
}
