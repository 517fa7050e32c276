// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title LockUps
 * @notice Tokens allocated under a decision with a lock-up cannot leave their wallet before it
 * ends. Each wallet keeps its locked tranches (amount, end); a tranche stops counting the
 * second it ends. Checked last, after every other rule has passed (what a freeze holds counts
 * as unavailable too). Enforcement acts move or shrink locks with the tokens; they never leave
 * more locked than held.
 */
abstract contract LockUps is Restricted {
    struct Lock {
        uint192 amount;
        uint64 until;
    }

    /// @custom:storage-location erc7201:dfa.storage.LockUps
    struct LockUpsStorage {
        mapping(address wallet => Lock[]) locks;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.LockUps")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant LOCK_UPS_STORAGE = 0x9ba57da522a1add24b146b95ed77fdfb821453df6616a0bf8e166bc70507f700;
    uint256 private constant MAX_LOCKS = 16;

    event TokensLocked(address indexed wallet, uint256 amount, uint64 until);

    /// @dev How much of `wallet`'s balance is locked now.
    function _lockedTokens(address wallet) internal view returns (uint256 locked) {
        Lock[] storage locks = _lockUpsStorage().locks[wallet];
        for (uint256 i = 0; i < locks.length; ++i) {
            if (locks[i].until > block.timestamp) locked += locks[i].amount;
        }
    }

    /// @dev Locks `amount` of `wallet` until `until`. Ended tranches are dropped first; a wallet
    /// with {MAX_LOCKS} live tranches has the new one merged into its longest (locking longer, never shorter).
    function _lock(address wallet, uint256 amount, uint64 until) internal {
        Lock[] storage locks = _lockUpsStorage().locks[wallet];
        uint256 longest = 0;
        for (uint256 i = locks.length; i > 0; --i) {
            Lock storage lock = locks[i - 1];
            if (lock.until <= block.timestamp) {
                locks[i - 1] = locks[locks.length - 1];
                locks.pop();
            } else if (lock.until == until) {
                lock.amount += uint192(amount);
                emit TokensLocked(wallet, amount, until);
                return;
            }
        }
        _setFeature(FEATURE_LOCKS, true); // never cleared: the check stays cheap where no lock was ever set
        if (locks.length < MAX_LOCKS) {
            locks.push(Lock(uint192(amount), until));
        } else {
            for (uint256 i = 1; i < locks.length; ++i) {
                if (locks[i].until > locks[longest].until) longest = i;
            }
            locks[longest].amount += uint192(amount);
            if (until > locks[longest].until) locks[longest].until = until;
        }
        emit TokensLocked(wallet, amount, until);
    }

    /// @dev Moves every live lock of `from` to `to` (a recovered wallet).
    function _moveLocks(address from, address to) internal {
        Lock[] storage locks = _lockUpsStorage().locks[from];
        for (uint256 i = 0; i < locks.length; ++i) {
            if (locks[i].until > block.timestamp) _lock(to, locks[i].amount, locks[i].until);
        }
        delete _lockUpsStorage().locks[from];
    }

    /// @dev Forced moves take free tokens first, then locked ones: what stays locked is never more
    /// than what stays held, and a partial move never shortens a running lock-up.
    function _forceMove(address from, address to, uint256 amount) internal virtual override {
        super._forceMove(from, to, amount);
        uint256 remaining = balanceOf(from);
        Lock[] storage locks = _lockUpsStorage().locks[from];
        for (uint256 i = 0; i < locks.length; ++i) {
            if (locks[i].until <= block.timestamp) continue; // ended: holds nothing back, takes no share of the balance
            if (locks[i].amount > remaining) locks[i].amount = uint192(remaining);
            remaining -= locks[i].amount;
        }
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        uint8 code = super._restriction(move);
        if (code != Restrictions.SUCCESS || move.from == address(0) || move.settings.features & FEATURE_LOCKS == 0) {
            return code;
        }
        address from = move.from;
        uint256 locked = _lockedTokens(from);
        if (locked != 0 && move.value + _frozenTokens(from) + locked > balanceOf(from)) {
            return Restrictions.LOCKED_TOKENS;
        }
        return Restrictions.SUCCESS;
    }

    function _lockUpsStorage() internal pure returns (LockUpsStorage storage $) {
        assembly {
            $.slot := LOCK_UPS_STORAGE
        }
    }
}
