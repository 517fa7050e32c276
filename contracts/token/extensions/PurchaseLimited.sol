// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {IPurchaseLimits} from "../../operator/IPurchaseLimits.sol";
import {Eligibility} from "./Eligibility.sol";
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
abstract contract PurchaseLimited is Eligibility {
    using InvestorRecords for uint256;

    struct ReferencePrice {
        uint256 price; // one whole token, in minor units of `currency`
        bytes3 currency;
        uint8 minorUnits;
        uint40 setAt;
    }

    /// @custom:storage-location erc7201:dfa.storage.PurchaseLimited
    struct PurchaseLimitedStorage {
        IPurchaseLimits limits; // the operator's, as its registry named them; zero: none
        bytes3 currency; // of the reference price (packed with `limits`: a limited transfer reads two slots)
        uint8 minorUnits;
        uint40 setAt;
        uint8 decimals; // the token's, copied here with the limits or a price: valuing a move reads no other slot
        uint256 price;
        // base units a receiver agrees to acquire by push; type(uint256).max: any, never used up
        mapping(address receiver => uint256 value) consents;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.PurchaseLimited")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PURCHASE_LIMITED_STORAGE =
        0xaa1866a7c32009b46e3322c9132cab3c5201c5970fcc440e85f6f567e55e0100;

    /// @dev The price transfers are valued at, and when it was set (setAt 0: never).
    function referencePrice() public view returns (ReferencePrice memory) {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        return ReferencePrice($.price, $.currency, $.minorUnits, $.setAt);
    }

    function _setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) internal {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        ($.price, $.currency, $.minorUnits, $.setAt) = (price, currency, minorUnits, uint40(block.timestamp));
        $.decimals = decimals(); // same slot as the currency: no extra write
    }

    function _appliedLimits() internal view returns (IPurchaseLimits) {
        return _purchaseLimitedStorage().limits;
    }

    /// @dev Applies the limits the registry names (none: zero).
    function _setPurchaseLimits(IPurchaseLimits limits) internal {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        ($.limits, $.decimals) = (limits, decimals());
        _setFeature(FEATURE_PURCHASE_LIMITS, address(limits) != address(0));
    }

    function _setConsent(address receiver, uint256 value) internal {
        _purchaseLimitedStorage().consents[receiver] = value;
    }

    function _consentOf(address receiver) internal view returns (uint256) {
        return _purchaseLimitedStorage().consents[receiver];
    }

    /// @dev Fiat value (minor units) of `value` base units at `price` per whole token, rounded up.
    function _fiatValue(uint256 value, uint256 price) internal view returns (uint256) {
        uint256 unit = 10 ** _purchaseLimitedStorage().decimals;
        return (value * price + unit - 1) / unit;
    }

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

    function _purchaseLimitedStorage() private pure returns (PurchaseLimitedStorage storage $) {
        assembly {
            $.slot := PURCHASE_LIMITED_STORAGE
        }
    }
}
