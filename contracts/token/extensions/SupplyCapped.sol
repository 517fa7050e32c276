// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {TokenRoles} from "./TokenRoles.sol";
import {Restrictions} from "../Restrictions.sol";

/// @title SupplyCapped: the total supply never exceeds the cap the issuer's terms allow.
abstract contract SupplyCapped is Restricted, TokenRoles {
    /// @custom:storage-location erc7201:dfa.storage.SupplyCapped
    struct SupplyCappedStorage {
        uint256 supplyCap;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.SupplyCapped")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SUPPLY_CAPPED_STORAGE = 0x0bc8c8686dd97ea35bd0178210ccf12747a22c9a7bebf551ddebd5a7cc414900;

    event SupplyCapSet(uint256 supplyCap, address indexed actor);

    error DFASupplyCapBelowSupply(uint256 supplyCap, uint256 totalSupply);

    function supplyCap() public view returns (uint256) {
        return _supplyCappedStorage().supplyCap;
    }

    function _setSupplyCap(uint256 supplyCap_) internal {
        require(supplyCap_ >= totalSupply(), DFASupplyCapBelowSupply(supplyCap_, totalSupply()));
        _supplyCappedStorage().supplyCap = supplyCap_;
        emit SupplyCapSet(supplyCap_, _msgSender());
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.from == address(0) && move.value > _supplyCappedStorage().supplyCap - totalSupply()) {
            return Restrictions.SUPPLY_CAP_EXCEEDED;
        }
        return super._restriction(move);
    }

    function _supplyCappedStorage() private pure returns (SupplyCappedStorage storage $) {
        assembly {
            $.slot := SUPPLY_CAPPED_STORAGE
        }
    }
}
