// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {Eligibility} from "./Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Holdings
 * @notice Holding rules counted per investor, not per wallet: an investor's balance summed over
 * its wallets stays under the maximum balance; the number of investors holding the token stays
 * under the caps, overall and per category; no transfer or allocation leaves either investor
 * with a positive holding below the minimum holding (so dust cannot fill the holder caps;
 * redemptions and enforcement acts may). An investor with two wallets counts once; one who
 * goes to zero frees its place.
 *
 * The bookkeeping runs on every balance change, enforcement acts included, so the counts never
 * drift; the caps are checked on transfers and allocations (an enforcement act may exceed them),
 * and cost reads only when set.
 */
abstract contract Holdings is Eligibility {
    using InvestorRecords for uint256;

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

    /// @dev The balance of an investor summed over its wallets.
    function investorBalance(bytes32 investorId) external view returns (uint256) {
        return _holdingsStorage().holdings[investorId].balance;
    }

    /// @dev How many investors hold the token, overall and by category (index 1-3).
    function holderCounts() external view returns (uint64 holders, uint64[4] memory byCategory) {
        HoldingsStorage storage $ = _holdingsStorage();
        return ($.holders, $.categoryHolders);
    }

    /// @dev The holding rules: maximum balance per investor, maximum holders overall and by category.
    function holdingRules() external view returns (uint256 maxBalance, uint64 maxHolders, uint64[4] memory maxByCategory) {
        HoldingsStorage storage $ = _holdingsStorage();
        return ($.maxBalance, $.maxHolders, $.maxCategoryHolders);
    }

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

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        bool capped = move.settings.features & (FEATURE_MAX_BALANCE | FEATURE_HOLDER_CAPS | FEATURE_MIN_HOLDING) != 0;
        bytes32 toId = move.receiver.id();
        if (capped && move.value != 0 && toId != bytes32(0) && toId != move.sender.id()) {
            uint8 code = _holdingRestriction(move, toId);
            if (code != Restrictions.SUCCESS) return code;
        }
        return super._restriction(move);
    }

    function _holdingRestriction(Move memory move, bytes32 toId) private view returns (uint8) {
        HoldingsStorage storage $ = _holdingsStorage();
        uint256 held = $.holdings[toId].balance;
        if (move.settings.features & FEATURE_MAX_BALANCE != 0 && held + move.value > $.maxBalance) {
            return Restrictions.MAX_BALANCE_EXCEEDED;
        }
        if (move.settings.features & FEATURE_MIN_HOLDING != 0) {
            // the receiver ends at or above the minimum; the sender at zero or at or above it
            uint256 minimum = $.minHolding;
            if (held + move.value < minimum) return Restrictions.BELOW_MIN_HOLDING;
            uint256 had = $.holdings[move.sender.id()].balance; // the zero id (a mint) holds nothing
            if (had > move.value && had - move.value < minimum) return Restrictions.BELOW_MIN_HOLDING;
        }
        if (held != 0 || move.settings.features & FEATURE_HOLDER_CAPS == 0) return Restrictions.SUCCESS;
        // a new holder; the sender leaving frees a place (of its own category)
        bytes32 fromId = move.sender.id();
        Holding storage sender = $.holdings[fromId];
        bool leaves = fromId != bytes32(0) && sender.balance == move.value;
        if (!leaves && $.maxHolders != 0 && $.holders >= $.maxHolders) return Restrictions.MAX_HOLDERS_REACHED;
        uint8 category = move.receiver.category();
        bool sameCategoryLeaves = leaves && sender.category == category;
        uint64 categoryMax = $.maxCategoryHolders[category];
        if (!sameCategoryLeaves && categoryMax != 0 && $.categoryHolders[category] >= categoryMax) {
            return Restrictions.MAX_CATEGORY_HOLDERS_REACHED;
        }
        return Restrictions.SUCCESS;
    }

    function _settle(Move memory move) internal virtual override {
        super._settle(move);
        (bytes32 fromId, bytes32 toId) = (move.sender.id(), move.receiver.id());
        uint256 value = move.value;
        if (fromId == toId || value == 0) return; // between wallets of one investor, or outside the register
        HoldingsStorage storage $ = _holdingsStorage();
        if (fromId != bytes32(0)) {
            Holding storage holding = $.holdings[fromId];
            // saturating: a wallet re-assigned in the registry outside recovery must not lock the token
            holding.balance = holding.balance > value ? holding.balance - uint248(value) : 0;
            if (holding.balance == 0 && holding.category != 0) {
                --$.holders;
                --$.categoryHolders[holding.category];
                holding.category = 0;
            }
        }
        if (toId != bytes32(0)) {
            Holding storage holding = $.holdings[toId];
            if (holding.balance == 0) {
                uint8 category = move.receiver.category();
                ++$.holders;
                ++$.categoryHolders[category];
                holding.category = category;
            }
            holding.balance += uint248(value);
        }
    }

    function _holdingsStorage() private pure returns (HoldingsStorage storage $) {
        assembly {
            $.slot := HOLDINGS_STORAGE
        }
    }
}
