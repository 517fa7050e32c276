// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Restricted
 * @notice The one place where a mint, transfer or burn is checked. Every rule is a small
 * extension overriding {_restriction}, a view; {_update} reverts with its code, and the
 * pre-checks ({PreChecks}) return the very same code. So the answer given beforehand and the
 * refusal cannot disagree.
 *
 * Gas: a move is described once ({Move}): both parties' registry records come from one call,
 * and the per-move settings of every rule from one storage slot ({Settings}), whose feature
 * bits let a rule that is off cost nothing. Rules and bookkeeping ({_settle}) read the move,
 * never the registry again.
 */
abstract contract Restricted is ERC20Upgradeable {
    /// @dev What every rule reads, in one slot so that a move loads it once.
    /// @custom:storage-location erc7201:dfa.storage.Settings
    struct Settings {
        IInvestorRegistry registry; // the operator's register of investors
        bool paused;
        uint8 categories; // bit (1 << category) set: the category may hold
        uint8 kinds; // bit (1 << kind) set: the kind may hold
        bool countryAllowlist; // when set, only residents of Allowed countries may hold
        uint8 denyRules; // how many deny rules there are
        uint16 features; // FEATURE_* bits: the optional rules and states in use
    }

    /// @dev A mint (`from` zero), transfer or burn (`to` zero), with what its rules need.
    struct Move {
        address from;
        address to;
        uint256 value;
        uint256 sender; // the registry's packed record of `from` ({InvestorRecords}); 0: none
        uint256 receiver; // of `to`; 0: none
        Settings settings;
    }

    /// @custom:storage-location erc7201:dfa.storage.Decimals
    struct DecimalsStorage {
        uint8 decimals;
    }

    uint16 internal constant FEATURE_MAX_BALANCE = 1 << 0;
    uint16 internal constant FEATURE_HOLDER_CAPS = 1 << 1;
    uint16 internal constant FEATURE_AML = 1 << 2;
    uint16 internal constant FEATURE_PURCHASE_LIMITS = 1 << 3; // the operator named its purchase limits
    uint16 internal constant FEATURE_GRANULARITY = 1 << 4;
    uint16 internal constant FEATURE_FREEZES = 1 << 5; // some wallet or tokens were frozen once
    uint16 internal constant FEATURE_LOCKS = 1 << 6; // some tokens were locked up once
    uint16 internal constant FEATURE_COUNTRY_RULES = 1 << 7; // some country has a rule
    uint16 internal constant FEATURE_MIN_HOLDING = 1 << 8;

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Settings")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SETTINGS_STORAGE = 0x29b1ee892303b0a8b5f191c6777f7242a7efd742610b484117820de7609f7e00;
    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Decimals")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant DECIMALS_STORAGE = 0xebf51d09024ce3c1528ce9da139299853d6e37a270dfb8a4ac7d6f28e4c97900;

    /// @dev A rule refused moving `value` from `from` to `to`; `code` is a {Restrictions} code.
    error DFARestricted(uint8 code, address from, address to, uint256 value);

    /// @dev The operator's register of investors the token's rules read.
    function registry() public view returns (IInvestorRegistry) {
        return _settings().registry;
    }

    /// @dev Set per token (0 for shares); kept here so that every module of the token values amounts alike.
    function decimals() public view virtual override returns (uint8) {
        return _decimalsStorage().decimals;
    }

    function _setDecimals(uint8 decimals_) internal {
        _decimalsStorage().decimals = decimals_;
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

    function _update(address from, address to, uint256 value) internal virtual override {
        Move memory move = _move(from, to, value);
        if (!_rulesBypassed()) {
            uint8 code = _restriction(move);
            if (code != Restrictions.SUCCESS) revert DFARestricted(code, from, to, value);
        }
        super._update(from, to, value);
        _settle(move);
    }

    /// @dev True only while an enforcement action (court order, recovery) moves tokens: the
    /// rules' checks are skipped, their bookkeeping is not.
    function _rulesBypassed() internal view virtual returns (bool) {
        return false;
    }

    function _setFeature(uint16 feature, bool on) internal {
        Settings storage settings = _settings();
        settings.features = on ? settings.features | feature : settings.features & ~feature;
    }

    function _settings() internal pure returns (Settings storage $) {
        assembly {
            $.slot := SETTINGS_STORAGE
        }
    }

    function _decimalsStorage() private pure returns (DecimalsStorage storage $) {
        assembly {
            $.slot := DECIMALS_STORAGE
        }
    }
}
