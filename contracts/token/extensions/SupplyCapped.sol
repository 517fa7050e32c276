// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {TokenRoles} from "./TokenRoles.sol";
import {Restrictions} from "../Restrictions.sol";

/// @title SupplyCapped: the total supply never exceeds the cap the issuer's terms allow.
abstract contract SupplyCapped is Restricted, TokenRoles {
    uint256 private _supplyCap;

    event SupplyCapSet(uint256 supplyCap, address indexed actor);

    error DFASupplyCapBelowSupply(uint256 supplyCap, uint256 totalSupply);

    function supplyCap() public view returns (uint256) {
        return _supplyCap;
    }

    /**
     * @dev Sets the cap on total supply.
     *
     * Requirements: caller has COMPLIANCE_ROLE; the cap is not below the current supply.
     *
     * Emits {SupplyCapSet}.
     */
    function setSupplyCap(uint256 supplyCap_) external onlyRole(COMPLIANCE_ROLE) {
        _setSupplyCap(supplyCap_);
    }

    function _setSupplyCap(uint256 supplyCap_) internal {
        require(supplyCap_ >= totalSupply(), DFASupplyCapBelowSupply(supplyCap_, totalSupply()));
        _supplyCap = supplyCap_;
        emit SupplyCapSet(supplyCap_, _msgSender());
    }

    function _restriction(address from, address to, uint256 value) internal view virtual override returns (uint8) {
        if (from == address(0) && value > _supplyCap - totalSupply()) return Restrictions.SUPPLY_CAP_EXCEEDED;
        return super._restriction(from, to, value);
    }
}
