// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title The regulator's register of licensed platform operators, as other contracts see it.
interface IOperatorLicenseRegistry {
    /// @dev True when `operator` holds an active, unexpired licence covering every bit of `scopes`.
    function isLicensed(address operator, uint8 scopes) external view returns (bool);

    /// @dev The shortest waiting period, in seconds, before a lost-key recovery may be approved: an
    /// operator's registry may wait longer, never less.
    function minRecoveryDelay() external view returns (uint64);
}
