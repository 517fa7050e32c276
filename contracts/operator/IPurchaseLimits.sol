// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title The factory's records of tokens, as the operator's contracts read them.
interface IOperatorTokens {
    struct TokenRecord {
        address operator;
        address issuer;
    }

    function recordOf(address token) external view returns (TokenRecord memory);

    function tokens() external view returns (address[] memory);
}

/// @title A token that applies its operator's purchase limits.
interface IPurchaseTokenSync {
    /// @dev Reads the operator's limits from the token's registry again; anyone may call it.
    function syncPurchaseLimits() external;
}

/// @title An operator's purchase limits, as its tokens see them.
interface IPurchaseLimits {
    /// @dev The factory whose tokens of the operator report here.
    function factory() external view returns (IOperatorTokens);

    /// @dev The prices a token may be valued at, in minor units of `currency` per whole token, and
    /// how old (seconds) its reference price may be. `min` 0: not set, every price is out of bounds.
    struct PriceBounds {
        uint96 min;
        uint96 max;
        bytes3 currency;
        uint40 maxAge;
    }

    /// @dev The operator's bounds for the prices of `token`.
    function priceBounds(address token) external view returns (PriceBounds memory);

    /// @dev The operator that keeps these limits.
    function operator() external view returns (address);

    /// @dev {checkAcquisition} of `value` minor units by the investor whose packed record
    /// ({InvestorRecords}) is `record`, after the price it was valued at passed the
    /// operator's checks for the calling token: 0, or ACQUISITION_NOT_CONSENTED, NO_REFERENCE_PRICE,
    /// PRICE_OUT_OF_BOUNDS, STALE_PRICE, CURRENCY_MISMATCH, PURCHASE_LIMIT_EXCEEDED. An investor
    /// of a category without a limit is never refused.
    function checkValuedAcquisition(
        uint256 record,
        uint256 value,
        uint256 price,
        bytes3 currency,
        uint256 pricedAt,
        bool consented
    ) external view returns (uint8);

    /// @dev 0 when `investorId` (of `category`) may acquire `value` minor units of `currency` now,
    /// else a {Restrictions} code (PURCHASE_LIMIT_EXCEEDED, CURRENCY_MISMATCH).
    function checkAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency)
        external
        view
        returns (uint8);

    /// @dev Counts an acquisition against the investor's limit; only the operator's tokens may call.
    function recordAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency) external;
}
