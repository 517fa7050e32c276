// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {IPurchaseLimits} from "../../operator/IPurchaseLimits.sol";
import {Eligibility} from "./Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title PurchaseLimited
 * @notice Every acquisition by an investor counts against its category's purchase limit, kept
 * per investor across all the operator's tokens by {PurchaseLimits}. An acquisition is valued
 * in fiat: an allocation at its decision's issue price ({Allocation}), a transfer at the
 * token's reference price, set by the issuer agent. Moves between wallets of one investor and
 * enforcement acts are not acquisitions.
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
        IPurchaseLimits limits; // zero: no purchase limits
        bytes3 currency; // of the reference price (packed with `limits`: a transfer reads two slots)
        uint8 minorUnits;
        uint40 setAt;
        uint256 price;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.PurchaseLimited")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PURCHASE_LIMITED_STORAGE =
        0xaa1866a7c32009b46e3322c9132cab3c5201c5970fcc440e85f6f567e55e0100;

    function purchaseLimits() public view returns (IPurchaseLimits) {
        return _purchaseLimitedStorage().limits;
    }

    /// @dev The price transfers are valued at, and when it was set (setAt 0: never).
    function referencePrice() public view returns (ReferencePrice memory) {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        return ReferencePrice($.price, $.currency, $.minorUnits, $.setAt);
    }

    function _initPurchaseLimits(IPurchaseLimits limits) internal {
        _purchaseLimitedStorage().limits = limits;
        _setFeature(FEATURE_PURCHASE_LIMITS, address(limits) != address(0));
    }

    function _setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) internal {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        ($.price, $.currency, $.minorUnits, $.setAt) = (price, currency, minorUnits, uint40(block.timestamp));
    }

    /// @dev Fiat value (minor units) of `value` base units at `price` per whole token, rounded up.
    function _fiatValue(uint256 value, uint256 price) internal view returns (uint256) {
        uint256 unit = 10 ** decimals();
        return (value * price + unit - 1) / unit;
    }

    /// @dev The limit's answer for the move's receiver acquiring it at `price` in `currency` (0 when no limits apply).
    function _acquisitionRestriction(Move memory move, uint256 price, bytes3 currency) internal view returns (uint8) {
        if (!_isLimitedAcquisition(move)) return Restrictions.SUCCESS;
        uint8 code = _purchaseLimitedStorage().limits.checkAcquisition(
            move.receiver.id(), move.receiver.category(), _fiatValue(move.value, price), currency
        );
        if (code == Restrictions.CURRENCY_MISMATCH && currency == bytes3(0)) return Restrictions.NO_REFERENCE_PRICE;
        return code;
    }

    /// @dev Counts the acquisition (after the balance moved); a no-op where {_acquisitionRestriction} exempts it.
    function _recordAcquisition(Move memory move, uint256 price, bytes3 currency) internal {
        if (!_isLimitedAcquisition(move)) return;
        _purchaseLimitedStorage().limits.recordAcquisition(
            move.receiver.id(), move.receiver.category(), _fiatValue(move.value, price), currency
        );
    }

    /// @dev Limits are on, and the receiver is an investor other than the sender (moves between
    /// one investor's wallets acquire nothing).
    function _isLimitedAcquisition(Move memory move) private pure returns (bool) {
        bytes32 toId = move.receiver.id();
        return move.settings.features & FEATURE_PURCHASE_LIMITS != 0 && toId != bytes32(0)
            && (move.from == address(0) || move.sender.id() != toId);
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.from != address(0) && move.to != address(0) && move.settings.features & FEATURE_PURCHASE_LIMITS != 0) {
            PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
            uint8 code = _acquisitionRestriction(move, $.price, $.currency);
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
