// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {TokenSettings} from "../settings/TokenSettings.sol";
import {Restrictions} from "../Restrictions.sol";
import {IERC7943FungibleDeclarations} from "../interfaces/IERC7943.sol";

/**
 * @title Restricted
 * @notice The core every rule extends: the one place where a mint, transfer or burn is checked.
 * Every rule is a small extension of this core alone (as OpenZeppelin's `ERC20Pausable` and
 * `ERC20Capped` extend `ERC20`) overriding {_restriction}, a view; {_update} reverts with its
 * code, and the pre-checks return the very same code. So the answer given beforehand and the
 * refusal cannot disagree. The rule set and its order are declared once, in {DFATokenRules}.
 *
 * Gas: a move is described once ({Move}): both parties' registry records come from one call,
 * and the per-move settings of every rule from one storage slot ({TokenSettings-Settings}), whose
 * feature bits let a rule that is off cost nothing. Rules and bookkeeping ({_settle}) read the
 * move, never the registry again.
 *
 * Where a standard names the refusal, {_update} reverts with the standard's error, so a client
 * without this token's ABI still reads it: ERC-6093's `ERC20InsufficientBalance`, ERC-7943's
 * `ERC7943InsufficientUnfrozenBalance`; every other rule's refusal is {DFARestricted} with its code.
 * ERC-7943's events and errors are declared here, once, for every module of the token.
 */
abstract contract Restricted is ERC20Upgradeable, TokenSettings, IERC7943FungibleDeclarations {
    using TransientSlot for *;

    /// @dev A mint (`from` zero), transfer or burn (`to` zero), with what its rules need.
    struct Move {
        address from;
        address to;
        uint256 value;
        uint256 sender; // the registry's packed record of `from` ({InvestorRecords}); 0: none
        uint256 receiver; // of `to`; 0: none
        Settings settings;
    }

    // keccak256("dfa.transient.rulesBypassed")
    bytes32 private constant RULES_BYPASSED = 0xe76958c306ba28390351e346aff21708b414cbdadfecb5c7513048fbe2ce363f;

    /// @dev A rule refused moving `value` from `from` to `to`; `code` is a {Restrictions} code.
    error DFARestricted(uint8 code, address from, address to, uint256 value);

    /// @dev Set per token (0 for shares); kept apart from ERC-20 so that every module of the token values amounts alike.
    function decimals() public view virtual override returns (uint8) {
        return _decimals();
    }

    /// @dev The move of `value` from `from` to `to` as the rules see it now (one registry call).
    function _move(address from, address to, uint256 value) internal view returns (Move memory move) {
        move.settings = _settings();
        (move.sender, move.receiver) = move.settings.registry.recordsOf(from, to);
        (move.from, move.to, move.value) = (from, to, value);
    }

    /// @dev The registry's packed record of one wallet (0 when unknown).
    function _recordOf(address wallet) internal view returns (uint256 record) {
        // slither-disable-next-line unused-return (the second wallet is the zero address: no record)
        (record,) = _settings().registry.recordsOf(wallet, address(0));
    }

    /// @dev The first rule that refuses the move, or {Restrictions.SUCCESS}. Extensions check their
    /// rule, then defer to `super`.
    function _restriction(Move memory move) internal view virtual returns (uint8) {
        if (move.from != address(0) && balanceOf(move.from) < move.value) return Restrictions.INSUFFICIENT_BALANCE;
        return Restrictions.SUCCESS;
    }

    /// @dev Bookkeeping after the balances moved; runs for enforcement acts too, so counts never drift.
    function _settle(Move memory move) internal virtual {}

    /// @dev The part of `account`'s balance a freeze holds now (none here; {Enforcement} adds freezes).
    function _frozenTokens(address account) internal view virtual returns (uint256) {}

    /// @dev Moves tokens by an enforcement act (court order, recovery): the rules' checks are
    /// skipped, their bookkeeping is not. Extensions adjust what they hold on `from` after the move.
    function _forceMove(address from, address to, uint256 amount) internal virtual {
        RULES_BYPASSED.asBoolean().tstore(true);
        _transfer(from, to, amount);
        RULES_BYPASSED.asBoolean().tstore(false);
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        Move memory move = _move(from, to, value);
        if (!_rulesBypassed()) {
            uint8 code = _restriction(move);
            if (code != Restrictions.SUCCESS) _refuse(code, move);
        }
        super._update(from, to, value);
        _settle(move);
    }

    /// @dev True only while an enforcement act moves tokens ({_forceMove}).
    function _rulesBypassed() internal view returns (bool) {
        return RULES_BYPASSED.asBoolean().tload();
    }

    /// @dev Reverts with the standard error that names the refusal `code`, else {DFARestricted}.
    function _refuse(uint8 code, Move memory move) private view {
        (address from, uint256 value) = (move.from, move.value);
        if (code == Restrictions.INSUFFICIENT_BALANCE) revert ERC20InsufficientBalance(from, balanceOf(from), value);
        if (code == Restrictions.FROZEN_TOKENS) {
            (uint256 balance, uint256 frozen) = (balanceOf(from), _frozenTokens(from));
            revert ERC7943InsufficientUnfrozenBalance(from, value, balance > frozen ? balance - frozen : 0);
        }
        revert DFARestricted(code, from, move.to, value);
    }
}
