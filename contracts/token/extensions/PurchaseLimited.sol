// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {Restricted} from "./Restricted.sol";
import {PricingSettings} from "../settings/PricingSettings.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title PurchaseLimited
 * @notice Every acquisition by an investor counts against its category's purchase limit, kept
 * per investor across all the operator's tokens by the operator's {PurchaseLimits}, which the
 * operator names once in its registry, which tells every token of the operator (whoever issued
 * it, whenever the limits were set) in the same transaction; a token created later reads them
 * when set up. The token keeps the address beside its reference price: a transfer pays nothing
 * to learn that no limits apply, nor an extra read when they do. An acquisition is valued in
 * fiat: an allocation at its decision's issue price ({Allocation}), a transfer at the token's
 * reference price, set by the pricing agent (a role the operator grants); the limits refuse a
 * price outside the operator's bounds for the token, or a stale one. A limited acquisition
 * needs the receiver's consent: it pulls the tokens itself (`transferFrom` by the receiver)
 * or has agreed on this token to acquire at least that much, which the acquisition uses up.
 * Moves between wallets of one investor and enforcement acts are not acquisitions.
 */
abstract contract PurchaseLimited is Restricted, PricingSettings {
    using InvestorRecords for uint256;

    /// @dev The limits' answer for the move's receiver acquiring it at `price` in `currency`, priced
    /// at `pricedAt` (0 when no limit applies).
    function _acquisitionRestriction(Move memory move, uint256 price, bytes3 currency, uint256 pricedAt)
        internal
        view
        returns (uint8)
    {
        if (!_isLimitedAcquisition(move)) return Restrictions.SUCCESS;
        bool consented = _msgSender() == move.to || _consentOf(move.to) >= move.value;
        return _purchaseLimitedStorage().limits.checkValuedAcquisition(
            move.receiver, _fiatValue(move.value, price), price, currency, pricedAt, consented
        );
    }

    /// @dev Counts the acquisition (after the balance moved) and uses up the receiver's consent to a
    /// pushed one; a no-op where {_acquisitionRestriction} exempts it.
    function _recordAcquisition(Move memory move, uint256 price, bytes3 currency) internal {
        if (!_isLimitedAcquisition(move)) return;
        if (_msgSender() != move.to) {
            uint256 consent = _consentOf(move.to); // warm: read by the check
            if (consent != 0 && consent != type(uint256).max) {
                _setConsent(move.to, consent > move.value ? consent - move.value : 0);
            }
        }
        _purchaseLimitedStorage().limits.recordAcquisition(move.receiver.id(), move.receiver.category(), _fiatValue(move.value, price), currency);
    }

    /// @dev The operator has limits, and the receiver is an investor other than the sender (moves
    /// between one investor's wallets acquire nothing).
    function _isLimitedAcquisition(Move memory move) private pure returns (bool) {
        bytes32 toId = move.receiver.id();
        return move.settings.features & FEATURE_PURCHASE_LIMITS != 0 && toId != bytes32(0)
            && (move.from == address(0) || move.sender.id() != toId);
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.from != address(0) && move.to != address(0) && move.settings.features & FEATURE_PURCHASE_LIMITS != 0) {
            PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
            uint8 code = _acquisitionRestriction(move, $.price, $.currency, $.setAt);
            if (code != Restrictions.SUCCESS) return code;
        }
        return super._restriction(move);
    }

    function _settle(Move memory move) internal virtual override {
        super._settle(move);
        bool limited = move.settings.features & FEATURE_PURCHASE_LIMITS != 0;
        if (limited && move.from != address(0) && move.to != address(0) && !_rulesBypassed()) {
            PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
            _recordAcquisition(move, $.price, $.currency);
        }
    }
}
