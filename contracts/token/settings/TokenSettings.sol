// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {TokenRoles} from "../extensions/TokenRoles.sol";

/**
 * @title TokenSettings
 * @notice What every rule reads, in one slot so that a move loads it once ({Settings}): the
 * operator's register of investors, the pause, the admitted categories and kinds, and the feature
 * bits that let a rule that is off cost nothing; and the token's decimals. No ERC-20 here: the
 * terms module writes these settings without carrying the token's transfer code.
 */
abstract contract TokenSettings is TokenRoles {
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

    /// @dev The operator's register of investors the token's rules read.
    function registry() public view returns (IInvestorRegistry) {
        return _settings().registry;
    }

    function _decimals() internal view returns (uint8) {
        return _decimalsStorage().decimals;
    }

    function _setDecimals(uint8 decimals_) internal {
        _decimalsStorage().decimals = decimals_;
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
