// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title Boolean pre-checks under the ERC-7943 (uRWA) names.
interface ITransferChecks {
    /// @dev Whether moving `amount` from `from` to `to` would pass every rule now.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool);

    /// @dev Whether `account` may send (it is a verified, eligible holder).
    function canSend(address account) external view returns (bool);

    /// @dev Whether `account` may receive (it is a verified, eligible holder).
    function canReceive(address account) external view returns (bool);
}
