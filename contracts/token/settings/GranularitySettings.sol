// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TokenSettings} from "./TokenSettings.sol";

/// @title GranularitySettings: the token's smallest transferable unit; the rule is {Granular}.
abstract contract GranularitySettings is TokenSettings {
    /// @custom:storage-location erc7201:dfa.storage.Granular
    struct GranularStorage {
        uint256 granularity;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Granular")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant GRANULAR_STORAGE = 0x3fa6223cf98682b845515e3af0a6d59658a77f085a784863383750cc87933c00;

    event GranularitySet(uint256 granularity, address indexed actor);

    error DFAInvalidGranularity(uint256 granularity);

    function _granularity() internal view returns (uint256) {
        return _granularStorage().granularity;
    }

    function _setGranularity(uint256 granularity_) internal {
        require(granularity_ != 0, DFAInvalidGranularity(granularity_));
        _granularStorage().granularity = granularity_;
        _setFeature(FEATURE_GRANULARITY, granularity_ != 1);
        emit GranularitySet(granularity_, _msgSender());
    }

    function _granularStorage() private pure returns (GranularStorage storage $) {
        assembly {
            $.slot := GRANULAR_STORAGE
        }
    }
}
