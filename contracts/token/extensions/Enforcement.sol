// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {Restricted} from "./Restricted.sol";
import {TokenRoles} from "./TokenRoles.sol";
import {Eligibility} from "./Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";
import {IERC7943FungibleDeclarations} from "../interfaces/IERC7943.sol";

/**
 * @title Enforcement
 * @notice What authorities can do to a token, each act naming its legal basis (the hash or
 * reference of a court order or case): pause it, freeze a wallet (send and receive) or part
 * of a balance, each optionally until a moment after which it lapses by itself, and move
 * tokens by court order (ERC-7943 `forcedTransfer`) regardless of freezes and rules, but only
 * to a verified wallet. The freezing and pausing acts are in {EnforcementAdmin}.
 *
 * ERC-7943's events ({Frozen}, {ForcedTransfer}) and errors are declared here, once, for both halves
 * of the token ({IERC7943FungibleDeclarations}).
 */
abstract contract Enforcement is Eligibility, IERC7943FungibleDeclarations {
    using TransientSlot for *;

    uint64 internal constant INDEFINITELY = type(uint64).max;

    struct FrozenTokens {
        uint192 amount;
        uint64 until; // the freeze lapses at this second
    }

    /// @custom:storage-location erc7201:dfa.storage.Enforcement
    struct EnforcementStorage {
        mapping(address wallet => uint64 until) walletFrozenUntil;
        mapping(address wallet => FrozenTokens) frozenTokens;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Enforcement")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ENFORCEMENT_STORAGE = 0xb83d615eedfd3400dd4d5021f75ba8891ae2cc4afc96a3d82991348303ef0500;
    // keccak256("dfa.transient.rulesBypassed")
    bytes32 private constant RULES_BYPASSED = 0xe76958c306ba28390351e346aff21708b414cbdadfecb5c7513048fbe2ce363f;

    /// @dev The same act with its legal basis and who carried it out.
    event ForcedTransferExecuted(
        address indexed from, address indexed to, uint256 amount, bytes32 legalReference, address indexed actor
    );

    error DFALegalReferenceRequired();
    error DFAForcedTransferToUnverified(address to);
    error DFAInsufficientBalance(address from, uint256 balance, uint256 needed);

    function paused() public view returns (bool) {
        return _settings().paused;
    }

    /// @dev Whether `wallet` is frozen now (neither sends nor receives).
    function isFrozen(address wallet) public view returns (bool) {
        return _enforcementStorage().walletFrozenUntil[wallet] > block.timestamp;
    }

    /// @dev The part of `account`'s balance frozen now by partial freezes (a wallet freeze aside:
    /// ERC-7943's `getFrozenTokens`, in {TransferChecks}, adds it).
    function _frozenTokens(address account) internal view returns (uint256) {
        FrozenTokens storage frozen = _enforcementStorage().frozenTokens[account];
        return frozen.until > block.timestamp ? frozen.amount : 0;
    }

    /// @dev Sets the partial freeze of `account` to `amount` until `until` (a second, or {INDEFINITELY}).
    function _setFrozenTokens(address account, uint256 amount, uint64 until) internal {
        _enforcementStorage().frozenTokens[account] = FrozenTokens(uint192(amount), amount == 0 ? 0 : until);
        if (amount != 0) _setFeature(FEATURE_FREEZES, true); // never cleared: transfers skip freeze reads until the first
    }

    /// @dev When the wallet freeze of `wallet` lapses (0: not frozen; max uint64: until lifted).
    function walletFrozenUntil(address wallet) external view returns (uint64) {
        return _enforcementStorage().walletFrozenUntil[wallet];
    }

    /// @dev Moves tokens whatever freezes and rules say; frozen tokens that leave `from` stop being frozen.
    function _forceMove(address from, address to, uint256 amount) internal virtual {
        uint256 balance = balanceOf(from);
        require(balance >= amount, DFAInsufficientBalance(from, balance, amount));
        RULES_BYPASSED.asBoolean().tstore(true);
        _transfer(from, to, amount);
        RULES_BYPASSED.asBoolean().tstore(false);
        FrozenTokens storage frozen = _enforcementStorage().frozenTokens[from];
        if (frozen.amount > balance - amount) frozen.amount = uint192(balance - amount); // never above the balance
    }

    function _rulesBypassed() internal view virtual override returns (bool) {
        return RULES_BYPASSED.asBoolean().tload();
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
