// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IPurchaseLimits} from "../../operator/IPurchaseLimits.sol";
import {DFATokenRules} from "../DFATokenRules.sol";

/**
 * @title PricingAdmin: the pricing agent (a role the operator grants, never the issuer) sets the
 * reference price transfers are valued at; a receiver consents to acquisitions pushed to it.
 */
abstract contract PricingAdmin is DFATokenRules {
    event ReferencePriceSet(uint256 price, bytes3 currency, uint8 minorUnits, address indexed actor);
    event AcquisitionConsentSet(address indexed receiver, uint256 value);
    event PurchaseLimitsApplied(address indexed limits, address indexed actor);

    error DFAInvalidReferencePrice(uint256 price, bytes3 currency);
    error DFAPriceOutOfBounds(uint256 price, bytes3 currency, uint256 min, uint256 max, bytes3 boundsCurrency);

    /// @dev The price transfers are valued at, and when it was set (setAt 0: never).
    function referencePrice() external view returns (ReferencePrice memory) {
        return _referencePrice();
    }

    /// @dev The operator's purchase limits, which this token applies (zero: the operator has none yet).
    function purchaseLimits() public view returns (IPurchaseLimits) {
        return _appliedLimits();
    }

    /**
     * @dev Applies the purchase limits the token's registry names now. The registry calls it on
     * every token of its operator when the operator names them; anyone may call it again (it only
     * ever copies the registry's choice).
     *
     * Emits {PurchaseLimitsApplied}.
     */
    function syncPurchaseLimits() external {
        IPurchaseLimits limits = registry().purchaseLimits();
        _setPurchaseLimits(limits);
        emit PurchaseLimitsApplied(address(limits), _msgSender());
    }

    /// @dev Base units `receiver` agrees to acquire on this token by transfers or allocations pushed to it.
    function acquisitionConsent(address receiver) external view returns (uint256) {
        return _consentOf(receiver);
    }

    /**
     * @dev Sets the reference price of one whole token, in minor units of `currency`.
     *
     * Requirements: caller has PRICING_ROLE; a price above zero and a currency; within the
     * operator's bounds for the token when it set some ({IPurchaseLimits-priceBounds}).
     *
     * Emits {ReferencePriceSet}.
     */
    function setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) external onlyRole(PRICING_ROLE) {
        require(price != 0 && currency != bytes3(0), DFAInvalidReferencePrice(price, currency));
        IPurchaseLimits limits = registry().purchaseLimits();
        if (address(limits) != address(0)) {
            IPurchaseLimits.PriceBounds memory bounds = limits.priceBounds(address(this));
            require(
                bounds.min == 0 || (currency == bounds.currency && price >= bounds.min && price <= bounds.max),
                DFAPriceOutOfBounds(price, currency, bounds.min, bounds.max, bounds.currency)
            );
        }
        _setReferencePrice(price, currency, minorUnits);
        emit ReferencePriceSet(price, currency, minorUnits, _msgSender());
    }

    /**
     * @dev The caller agrees to acquire up to `value` base units of this token by acquisitions
     * others push to it (transfers, allocations); each uses up what it acquires (`type(uint256).max`:
     * a standing consent to any amount, never used up). Under a purchase
     * limit an acquisition the receiver neither pulled nor agreed to is refused. Replaces the
     * previous consent (0 withdraws it).
     *
     * Emits {AcquisitionConsentSet}.
     */
    function setAcquisitionConsent(uint256 value) external {
        _setConsent(_msgSender(), value);
        emit AcquisitionConsentSet(_msgSender(), value);
    }
}
