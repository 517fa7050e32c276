// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title The regulator's register of licensed platform operators, as other contracts see it.
interface IOperatorLicenseRegistry {
    /// @dev True when `operator` holds an active, unexpired licence covering every bit of `scopes`.
    function isLicensed(address operator, uint8 scopes) external view returns (bool);
}
