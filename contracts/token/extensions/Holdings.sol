// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {Restricted} from "./Restricted.sol";
import {HoldingSettings} from "../settings/HoldingSettings.sol";
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
abstract contract Holdings is Restricted, HoldingSettings {
    using InvestorRecords for uint256;

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
}
