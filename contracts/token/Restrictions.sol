// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/**
 * @title Restrictions
 * @notice The stable reason codes of every refusal of a mint, transfer or burn. A pre-check
 * ({IERC1404-detectTransferRestriction}) returns the same code the operation reverts with
 * (`DFARestricted`). Codes never change meaning; new reasons get new numbers.
 *
 * Party codes come in pairs: the sender's reason is even, the receiver's the next odd number.
 */
library Restrictions {
    uint8 internal constant SUCCESS = 0;
    uint8 internal constant GRANULARITY = 1;
    uint8 internal constant INSUFFICIENT_BALANCE = 2;
    uint8 internal constant SUPPLY_CAP_EXCEEDED = 3;
    uint8 internal constant PAUSED = 4;
    uint8 internal constant FROZEN_TOKENS = 5;
    uint8 internal constant MAX_BALANCE_EXCEEDED = 6;
    uint8 internal constant MAX_HOLDERS_REACHED = 7;
    uint8 internal constant MAX_CATEGORY_HOLDERS_REACHED = 8;
    uint8 internal constant PURCHASE_LIMIT_EXCEEDED = 9;
    // per party: sender = code, receiver = code + 1
    uint8 internal constant SENDER_NOT_REGISTERED = 10;
    uint8 internal constant SENDER_SUSPENDED = 12;
    uint8 internal constant SENDER_KYC_EXPIRED = 14;
    uint8 internal constant SENDER_CATEGORY_NOT_ALLOWED = 16;
    uint8 internal constant SENDER_KIND_NOT_ALLOWED = 18;
    uint8 internal constant SENDER_COUNTRY_NOT_ALLOWED = 20;
    uint8 internal constant SENDER_DENIED_BY_RULE = 22;
    uint8 internal constant SENDER_FROZEN = 24;
    // holding periods and approvals
    uint8 internal constant LOCKED_TOKENS = 30;
    uint8 internal constant AML_APPROVAL_REQUIRED = 31;
    uint8 internal constant BELOW_MIN_HOLDING = 32;
    // issuance
    uint8 internal constant ISSUANCE_LICENSE_INACTIVE = 40;
    uint8 internal constant NO_DECISION = 41;
    uint8 internal constant DECISION_CLOSED = 42;
    uint8 internal constant BEFORE_SUBSCRIPTION = 43;
    uint8 internal constant AFTER_SUBSCRIPTION = 44;
    uint8 internal constant DECISION_CAP_EXCEEDED = 45;
    uint8 internal constant BELOW_MINIMUM_SUBSCRIPTION = 46;
    uint8 internal constant CATEGORY_NOT_IN_DECISION = 47;
    // valuation
    uint8 internal constant CURRENCY_MISMATCH = 50;
    uint8 internal constant NO_REFERENCE_PRICE = 51;
    uint8 internal constant PRICE_OUT_OF_BOUNDS = 52;
    uint8 internal constant STALE_PRICE = 53;
    // consent
    uint8 internal constant ACQUISITION_NOT_CONSENTED = 54;

    function message(uint8 code) internal pure returns (string memory) {
        if (code == SUCCESS) return "No restriction";
        if (code == GRANULARITY) return "Amount is not a multiple of the granularity";
        if (code == INSUFFICIENT_BALANCE) return "Insufficient balance";
        if (code == SUPPLY_CAP_EXCEEDED) return "Supply cap exceeded";
        if (code == PAUSED) return "Token paused";
        if (code == FROZEN_TOKENS) return "Amount exceeds the unfrozen balance";
        if (code == MAX_BALANCE_EXCEEDED) return "Investor's maximum balance exceeded";
        if (code == MAX_HOLDERS_REACHED) return "Maximum number of holders reached";
        if (code == MAX_CATEGORY_HOLDERS_REACHED) return "Maximum number of holders of the category reached";
        if (code == PURCHASE_LIMIT_EXCEEDED) return "Purchase limit of the investor's category exceeded";
        if (code == CURRENCY_MISMATCH) return "Price currency differs from the limit's currency";
        if (code == NO_REFERENCE_PRICE) return "No reference price to value the transfer";
        if (code == PRICE_OUT_OF_BOUNDS) return "Price outside the operator's bounds for the token";
        if (code == STALE_PRICE) return "Reference price older than the operator allows";
        if (code == ACQUISITION_NOT_CONSENTED) return "Receiver has not consented to acquire this amount";
        if (code >= SENDER_NOT_REGISTERED && code <= SENDER_FROZEN + 1) {
            string memory party = code % 2 == 0 ? "Sender: " : "Receiver: ";
            uint8 reason = code - (code % 2);
            if (reason == SENDER_NOT_REGISTERED) return string.concat(party, "wallet not registered");
            if (reason == SENDER_SUSPENDED) return string.concat(party, "investor suspended");
            if (reason == SENDER_KYC_EXPIRED) return string.concat(party, "KYC expired");
            if (reason == SENDER_CATEGORY_NOT_ALLOWED) return string.concat(party, "investor category not allowed");
            if (reason == SENDER_KIND_NOT_ALLOWED) return string.concat(party, "investor kind not allowed");
            if (reason == SENDER_COUNTRY_NOT_ALLOWED) return string.concat(party, "country not allowed");
            if (reason == SENDER_DENIED_BY_RULE) return string.concat(party, "denied by a compliance rule");
            if (reason == SENDER_FROZEN) return string.concat(party, "wallet frozen");
        }
        if (code == LOCKED_TOKENS) return "Amount exceeds the balance free of lock-ups";
        if (code == AML_APPROVAL_REQUIRED) return "Transfer above the AML threshold needs a prior approval";
        if (code == BELOW_MIN_HOLDING) return "An investor would hold a positive amount below the minimum holding";
        if (code == ISSUANCE_LICENSE_INACTIVE) return "Operator issuance licence not in force";
        if (code == NO_DECISION) return "No such issuance decision";
        if (code == DECISION_CLOSED) return "Issuance decision closed";
        if (code == BEFORE_SUBSCRIPTION) return "Subscription has not started";
        if (code == AFTER_SUBSCRIPTION) return "Subscription has ended";
        if (code == DECISION_CAP_EXCEEDED) return "Issuance decision cap exceeded";
        if (code == BELOW_MINIMUM_SUBSCRIPTION) return "Below the minimum subscription";
        if (code == CATEGORY_NOT_IN_DECISION) return "Investor category not admitted by the decision";
        return "Unknown restriction";
    }
}
