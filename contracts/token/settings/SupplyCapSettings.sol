// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TokenSettings} from "./TokenSettings.sol";

/// @title SupplyCapSettings: the cap on total supply the issuer's terms allow; the rule is {SupplyCapped}.
abstract contract SupplyCapSettings is TokenSettings {
    /// @custom:storage-location erc7201:dfa.storage.SupplyCapped
    struct SupplyCappedStorage {
        uint256 supplyCap;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.SupplyCapped")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SUPPLY_CAPPED_STORAGE = 0x0bc8c8686dd97ea35bd0178210ccf12747a22c9a7bebf551ddebd5a7cc414900;

    event SupplyCapSet(uint256 supplyCap, address indexed actor);

    error DFASupplyCapBelowSupply(uint256 supplyCap, uint256 totalSupply);

    function _supplyCap() internal view returns (uint256) {
        return _supplyCappedStorage().supplyCap;
    }

    /// @dev Sets the cap, refused below `totalSupply` (the supply now).
    function _setSupplyCap(uint256 supplyCap_, uint256 totalSupply) internal {
        require(supplyCap_ >= totalSupply, DFASupplyCapBelowSupply(supplyCap_, totalSupply));
        _supplyCappedStorage().supplyCap = supplyCap_;
        emit SupplyCapSet(supplyCap_, _msgSender());
    }

    function _supplyCappedStorage() private pure returns (SupplyCappedStorage storage $) {
        assembly {
            $.slot := SUPPLY_CAPPED_STORAGE
        }
    }
}
