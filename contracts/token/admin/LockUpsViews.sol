// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {DFATokenRules} from "../DFATokenRules.sol";

/// @title LockUpsViews: what the lock-ups ({LockUps}) hold on a wallet, read outside the transfer path.
abstract contract LockUpsViews is DFATokenRules {
    /// @dev How much of `wallet`'s balance is locked now.
    function lockedTokens(address wallet) external view returns (uint256) {
        return _lockedTokens(wallet);
    }

    /// @dev The wallet's lock tranches (some may have ended).
    function locksOf(address wallet) external view returns (Lock[] memory) {
        return _lockUpsStorage().locks[wallet];
    }
}
