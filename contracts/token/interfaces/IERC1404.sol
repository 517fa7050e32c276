// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title ERC-1404: simple restricted token standard (the pre-check half).
interface IERC1404 {
    /// @dev A restriction code for moving `value` from `from` to `to`; 0 means no restriction.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8);

    /// @dev A human-readable explanation of `restrictionCode`.
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory);
}
