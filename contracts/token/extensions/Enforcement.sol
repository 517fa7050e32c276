// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Enforcement
 * @notice What authorities can do to a token, each act naming its legal basis (the hash or
 * reference of a court order or case): pause it, freeze a wallet (send and receive) or part
 * of a balance, each optionally until a moment after which it lapses by itself, and move
 * tokens by court order (ERC-7943 `forcedTransfer`) regardless of freezes and rules, but only
 * to a verified wallet. The freezing and pausing acts are in {EnforcementAdmin}.
 *
 * A wallet's frozen part is kept as tranches (amount, lapse), one per order, like lock-ups: an
 * order of the enforcement agent sets the whole frozen part as one tranche; a recovery brings
 * the lost wallet's tranches along, each with its own lapse, so no order is lengthened or
 * shortened by another. {_frozenTokens} sums the tranches that have not lapsed (ERC-7943's
 * `getFrozenTokens`, in the admin module, adds a whole-wallet freeze).
 *
 * ERC-7943's events ({Frozen}, {ForcedTransfer}) and errors are declared once, in the core ({Restricted}).
 */
abstract contract Enforcement is Restricted {

    uint64 internal constant INDEFINITELY = type(uint64).max;
    /// @dev Live frozen tranches a wallet keeps apart; beyond, a new one merges into the longest (never lenient).
    uint256 internal constant MAX_FREEZES = 8;

    /// @custom:storage-location erc7201:dfa.storage.Enforcement
    struct EnforcementStorage {
        mapping(address wallet => uint64 until) walletFrozenUntil;
        // one tranche per order, each lapsing by itself: amount << 64 | lapse (the second it ends)
        mapping(address wallet => uint256[]) frozenTokens;
        mapping(address lost => bool) recovered; // the recoveries this token carried out, each once
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Enforcement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ENFORCEMENT_STORAGE = 0xb83d615eedfd3400dd4d5021f75ba8891ae2cc4afc96a3d82991348303ef0500;

    /// @dev The same act with its legal basis and who carried it out.
    event ForcedTransferExecuted(
        address indexed from, address indexed to, uint256 amount, bytes32 legalReference, address indexed actor
    );

    error DFALegalReferenceRequired();
    error DFAForcedTransferToUnverified(address to);
    error DFAInsufficientBalance(address from, uint256 balance, uint256 needed);

    /// @dev Whether `wallet` is frozen now (neither sends nor receives).
    function _isFrozen(address wallet) internal view returns (bool) {
        return _enforcementStorage().walletFrozenUntil[wallet] > block.timestamp;
    }

    /// @dev The part of `account`'s balance frozen now by partial freezes (a wallet freeze aside).
    function _frozenTokens(address account) internal view virtual override returns (uint256 frozen) {
        uint256[] storage tranches = _enforcementStorage().frozenTokens[account];
        for (uint256 i = 0; i < tranches.length; ++i) {
            uint256 tranche = tranches[i];
            if (uint64(tranche) > block.timestamp) frozen += tranche >> 64;
        }
    }

    /// @dev Moves tokens whatever freezes and rules say. Free tokens leave first; frozen ones that
    /// must leave too stop being frozen (what stays frozen is never above what stays held). The
    /// caller announces the change ({Frozen}) before the move, as ERC-7943 asks.
    function _forceMove(address from, address to, uint256 amount) internal virtual override {
        uint256 balance = balanceOf(from);
        require(balance >= amount, DFAInsufficientBalance(from, balance, amount));
        super._forceMove(from, to, amount);
        uint256 remaining = balance - amount;
        if (_frozenTokens(from) > remaining) {
            uint256[] storage tranches = _enforcementStorage().frozenTokens[from];
            for (uint256 i = 0; i < tranches.length; ++i) {
                uint256 tranche = tranches[i];
                if (uint64(tranche) <= block.timestamp) continue; // lapsed: holds nothing back
                uint256 kept = tranche >> 64 > remaining ? remaining : tranche >> 64;
                tranches[i] = kept << 64 | uint64(tranche);
                remaining -= kept;
            }
        }
    }

    /**
     * @dev Sets the whole frozen part of `account` to `amount`, lapsing at `until`, as one tranche
     * (an order of the enforcement agent replaces whatever was frozen before); `amount` 0 lifts
     * every freeze. The caller checks the order (role, legal reference, amount within balance) and emits.
     */
    function _setFrozenTokens(address account, uint256 amount, uint64 until) internal {
        EnforcementStorage storage $ = _enforcementStorage();
        delete $.frozenTokens[account];
        if (amount != 0) {
            $.frozenTokens[account].push(amount << 64 | until);
            _setFeature(FEATURE_FREEZES, true); // never cleared: transfers skip freeze reads until the first freeze
        }
    }

    /// @dev Moves every live frozen tranche of `from` to `to`, each keeping its own lapse (a recovery;
    /// the caller announces the change, {Frozen}). Returns the amount moved. `to` keeps at
    /// most {MAX_FREEZES} live tranches: beyond, a tranche merges into its first, which then lapses
    /// at the later of both (never lenient).
    function _moveFrozen(address from, address to) internal returns (uint256 moved) {
        EnforcementStorage storage $ = _enforcementStorage();
        uint256[] storage source = $.frozenTokens[from];
        uint256[] storage target = $.frozenTokens[to];
        for (uint256 i = target.length; i > 0; --i) {
            if (uint64(target[i - 1]) <= block.timestamp) {
                target[i - 1] = target[target.length - 1]; // lapsed: dropped
                target.pop();
            }
        }
        for (uint256 i = 0; i < source.length; ++i) {
            uint256 tranche = source[i];
            if (uint64(tranche) <= block.timestamp) continue;
            moved += tranche >> 64;
            if (target.length < MAX_FREEZES) {
                target.push(tranche);
            } else {
                uint256 first = target[0];
                uint64 until = uint64(first) > uint64(tranche) ? uint64(first) : uint64(tranche);
                target[0] = ((first >> 64) + (tranche >> 64)) << 64 | until;
            }
        }
        delete $.frozenTokens[from];
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.settings.paused) return Restrictions.PAUSED;
        if (move.settings.features & FEATURE_FREEZES != 0) {
            EnforcementStorage storage $ = _enforcementStorage();
            (address from, address to, uint256 value) = (move.from, move.to, move.value);
            if (from != address(0)) {
                if ($.walletFrozenUntil[from] > block.timestamp) return Restrictions.SENDER_FROZEN;
                uint256 balance = balanceOf(from);
                if (value <= balance && value > balance - _frozenTokens(from)) return Restrictions.FROZEN_TOKENS;
            }
            if (to != address(0) && $.walletFrozenUntil[to] > block.timestamp) return Restrictions.SENDER_FROZEN + 1;
        }
        return super._restriction(move);
    }

    function _enforcementStorage() internal pure returns (EnforcementStorage storage $) {
        assembly {
            $.slot := ENFORCEMENT_STORAGE
        }
    }
}
