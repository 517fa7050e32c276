// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TokenSettings} from "./TokenSettings.sol";

/**
 * @title HoldingSettings
 * @notice The holding rules as settings, and the per-investor book they are checked against:
 * an investor's balance summed over its wallets, the holder counts overall and per category, the
 * maximum balance, holder caps and minimum holding. The rule is {Holdings}; the terms module sets them.
 */
abstract contract HoldingSettings is TokenSettings {
    struct Holding {
        uint248 balance; // summed over the investor's wallets
        uint8 category; // the category it is counted under while it holds
    }

    /// @custom:storage-location erc7201:dfa.storage.Holdings
    struct HoldingsStorage {
        mapping(bytes32 investorId => Holding) holdings;
        uint256 maxBalance; // 0: no maximum
        uint64 holders;
        uint64 maxHolders; // 0: no maximum
        uint64[4] categoryHolders; // by category 1-3
        uint64[4] maxCategoryHolders; // 0: no maximum
        uint256 minHolding; // 0: no minimum
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Holdings")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant HOLDINGS_STORAGE = 0xdacb96a2015c05bd2949cd363e56323349dd91020dd1f8b6b1a05d0828696700;

    event MaxBalanceSet(uint256 maxBalance, address indexed actor);
    event MaxHoldersSet(uint64 maxHolders, uint64[4] maxCategoryHolders, address indexed actor);
    event MinHoldingSet(uint256 minHolding, address indexed actor);

    function _setMaxBalance(uint256 maxBalance) internal {
        _holdingsStorage().maxBalance = maxBalance;
        _setFeature(FEATURE_MAX_BALANCE, maxBalance != 0);
        emit MaxBalanceSet(maxBalance, _msgSender());
    }

    function _setMinHolding(uint256 minHolding) internal {
        _holdingsStorage().minHolding = minHolding;
        _setFeature(FEATURE_MIN_HOLDING, minHolding != 0);
        emit MinHoldingSet(minHolding, _msgSender());
    }

    function _minHolding() internal view returns (uint256) {
        return _holdingsStorage().minHolding;
    }

    function _setMaxHolders(uint64 maxHolders, uint64[4] calldata maxCategoryHolders) internal {
        HoldingsStorage storage $ = _holdingsStorage();
        ($.maxHolders, $.maxCategoryHolders) = (maxHolders, maxCategoryHolders);
        bool capped = maxHolders != 0 || maxCategoryHolders[1] != 0 || maxCategoryHolders[2] != 0
            || maxCategoryHolders[3] != 0;
        _setFeature(FEATURE_HOLDER_CAPS, capped);
        emit MaxHoldersSet(maxHolders, maxCategoryHolders, _msgSender());
    }

    function _holdingsStorage() internal pure returns (HoldingsStorage storage $) {
        assembly {
            $.slot := HOLDINGS_STORAGE
        }
    }
}
