// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {DFATokenRules} from "../DFATokenRules.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title TransferChecks
 * @notice ERC-7943's yes/no pre-checks, and the redemption pre-check. They run in the admin
 * module, which inherits the token's one rule base ({DFATokenRules}): the same rules in the
 * same order as the transfer path, so both report the same reason.
 *
 * `canSend` and `canReceive` judge the account alone (ERC-7943): registered, active, KYC in force,
 * admitted by the token's rules, and not frozen whole. `canTransfer` judges one transfer: every
 * rule, pause, frozen and locked parts, limits and caps included; it is exactly
 * `detectTransferRestriction(from, to, amount) == 0`.
 */
abstract contract TransferChecks is DFATokenRules {
    /// @dev ERC-7943: whether moving `amount` from `from` to `to` would pass every rule now.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        return from != address(0) && to != address(0) && _restriction(_move(from, to, amount)) == Restrictions.SUCCESS;
    }

    /// @dev ERC-7943: whether `account` may send now (whatever the amount and the receiver).
    function canSend(address account) external view returns (bool) {
        return !_isFrozen(account) && _partyRestriction(_settings(), _recordOf(account), 0) == Restrictions.SUCCESS;
    }

    /// @dev ERC-7943: whether `account` may receive now (whatever the amount and the sender).
    function canReceive(address account) external view returns (bool) {
        return !_isFrozen(account) && _partyRestriction(_settings(), _recordOf(account), 1) == Restrictions.SUCCESS;
    }

    /// @dev A {Restrictions} code for redeeming (burning) `value` of `holder`'s tokens now; 0: none.
    function detectRedemptionRestriction(address holder, uint256 value) external view returns (uint8) {
        return _restriction(_move(holder, address(0), value));
    }
}
