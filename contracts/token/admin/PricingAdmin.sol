// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {PurchaseLimited} from "../extensions/PurchaseLimited.sol";

/// @title PricingAdmin: the issuer agent sets the reference price transfers are valued at.
abstract contract PricingAdmin is PurchaseLimited {
    event ReferencePriceSet(uint256 price, bytes3 currency, uint8 minorUnits, address indexed actor);

    error DFAInvalidReferencePrice();

    /**
     * @dev Sets the reference price of one whole token, in minor units of `currency`.
     *
     * Requirements: caller has ISSUER_AGENT_ROLE; a currency.
     *
     * Emits {ReferencePriceSet}.
     */
    function setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) external onlyRole(ISSUER_AGENT_ROLE) {
        require(currency != bytes3(0), DFAInvalidReferencePrice());
        _setReferencePrice(price, currency, minorUnits);
        emit ReferencePriceSet(price, currency, minorUnits, _msgSender());
    }
}
