// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
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
    struct ReferencePrice {
        uint256 price; // one whole token, in minor units of `currency`
        bytes3 currency;
        uint8 minorUnits;
        uint40 setAt;
    }

    /// @custom:storage-location erc7201:dfa.storage.PurchaseLimited
    struct PurchaseLimitedStorage {
        IPurchaseLimits limits; // zero: no purchase limits
        ReferencePrice referencePrice;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.PurchaseLimited")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant PURCHASE_LIMITED_STORAGE =
        0xaa1866a7c32009b46e3322c9132cab3c5201c5970fcc440e85f6f567e55e0100;

    function purchaseLimits() public view returns (IPurchaseLimits) {
        return _purchaseLimitedStorage().limits;
    }

    /// @dev The price transfers are valued at, and when it was set (setAt 0: never).
    function referencePrice() public view returns (ReferencePrice memory) {
        return _purchaseLimitedStorage().referencePrice;
    }

    function _initPurchaseLimits(IPurchaseLimits limits) internal {
        _purchaseLimitedStorage().limits = limits;
    }

    function _setReferencePrice(uint256 price, bytes3 currency, uint8 minorUnits) internal {
        _purchaseLimitedStorage().referencePrice = ReferencePrice(price, currency, minorUnits, uint40(block.timestamp));
    }

    /// @dev Fiat value (minor units) of `value` base units at `price` per whole token, rounded up.
    function _fiatValue(uint256 value, uint256 price) internal view returns (uint256) {
        uint256 unit = 10 ** decimals();
        return (value * price + unit - 1) / unit;
    }

    /// @dev The limit's answer for `to` acquiring `value` at `price` in `currency` (0 when no limits apply).
    function _acquisitionRestriction(address from, address to, uint256 value, uint256 price, bytes3 currency)
        internal
        view
        returns (uint8)
    {
        IPurchaseLimits limits = _purchaseLimitedStorage().limits;
        if (address(limits) == address(0)) return Restrictions.SUCCESS;
        (bytes32 toId, IInvestorRegistry.Investor memory receiver) = registry().identityOf(to);
        if (toId == bytes32(0) || (from != address(0) && registry().investorIdOf(from) == toId)) {
            return Restrictions.SUCCESS;
        }
        uint8 code = limits.checkAcquisition(toId, receiver.category, _fiatValue(value, price), currency);
        if (code == Restrictions.CURRENCY_MISMATCH && currency == bytes3(0)) return Restrictions.NO_REFERENCE_PRICE;
        return code;
    }

    /// @dev Counts the acquisition (after the balance moved); a no-op where {_acquisitionRestriction} exempts it.
    function _recordAcquisition(address from, address to, uint256 value, uint256 price, bytes3 currency) internal {
        IPurchaseLimits limits = _purchaseLimitedStorage().limits;
        if (address(limits) == address(0)) return;
        (bytes32 toId, IInvestorRegistry.Investor memory receiver) = registry().identityOf(to);
        if (toId == bytes32(0) || (from != address(0) && registry().investorIdOf(from) == toId)) return;
        limits.recordAcquisition(toId, receiver.category, _fiatValue(value, price), currency);
    }

    function _restriction(address from, address to, uint256 value) internal view virtual override returns (uint8) {
        if (from != address(0) && to != address(0)) {
            ReferencePrice storage price = _purchaseLimitedStorage().referencePrice;
            uint8 code = _acquisitionRestriction(from, to, value, price.price, price.currency);
            if (code != Restrictions.SUCCESS) return code;
        }
        return super._restriction(from, to, value);
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        super._update(from, to, value);
        if (from != address(0) && to != address(0) && !_rulesBypassed()) {
            ReferencePrice storage price = _purchaseLimitedStorage().referencePrice;
            _recordAcquisition(from, to, value, price.price, price.currency);
        }
    }

    function _purchaseLimitedStorage() private pure returns (PurchaseLimitedStorage storage $) {
        assembly {
            $.slot := PURCHASE_LIMITED_STORAGE
        }
    }
}
