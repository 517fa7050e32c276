// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title An operator's purchase limits, as its tokens see them.
interface IPurchaseLimits {
    /// @dev 0 when `investorId` (of `category`) may acquire `value` minor units of `currency` now,
    /// else a {Restrictions} code (PURCHASE_LIMIT_EXCEEDED, CURRENCY_MISMATCH).
    function checkAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency)
        external
        view
        returns (uint8);

    /// @dev Counts an acquisition against the investor's limit; only the operator's tokens may call.
    function recordAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency) external;
}
