// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IPurchaseLimits} from "../../operator/IPurchaseLimits.sol";
import {TokenSettings} from "./TokenSettings.sol";

/**
 * @title PricingSettings
 * @notice What values a move in fiat: the token's reference price (set by the pricing agent), the
 * operator's purchase limits the token applies, and the receivers' consents to pushed
 * acquisitions. Read by the purchase limit ({PurchaseLimited}) and the AML threshold ({AmlHolds}).
 */
abstract contract PricingSettings is TokenSettings {
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
    function _referencePrice() internal view returns (ReferencePrice memory) {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        return ReferencePrice($.price, $.currency, $.minorUnits, $.setAt);
    }

    function _setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) internal {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        ($.price, $.currency, $.minorUnits, $.setAt) = (price, currency, minorUnits, uint40(block.timestamp));
        $.decimals = _decimals(); // same slot as the currency: no extra write
    }

    function _appliedLimits() internal view returns (IPurchaseLimits) {
        return _purchaseLimitedStorage().limits;
    }

    /// @dev Applies the limits the registry names (none: zero).
    function _setPurchaseLimits(IPurchaseLimits limits) internal {
        PurchaseLimitedStorage storage $ = _purchaseLimitedStorage();
        ($.limits, $.decimals) = (limits, _decimals());
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

    function _purchaseLimitedStorage() internal pure returns (PurchaseLimitedStorage storage $) {
        assembly {
            $.slot := PURCHASE_LIMITED_STORAGE
        }
    }
}
