// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {TokenRoles} from "./TokenRoles.sol";
import {Restrictions} from "../Restrictions.sol";

/// @title Granular: every amount moved is a multiple of the token's smallest transferable unit.
abstract contract Granular is Restricted, TokenRoles {
    uint256 private _granularity;

    event GranularitySet(uint256 granularity, address indexed actor);

    error DFAInvalidGranularity(uint256 granularity);

    /// @dev The smallest transferable unit, in base units.
    function granularity() public view returns (uint256) {
        return _granularity;
    }

    /**
     * @dev Sets the smallest transferable unit.
     *
     * Requirements: caller has COMPLIANCE_ROLE; `granularity_` is at least 1.
     *
     * Emits {GranularitySet}.
     */
    function setGranularity(uint256 granularity_) external onlyRole(COMPLIANCE_ROLE) {
        _setGranularity(granularity_);
    }

    function _setGranularity(uint256 granularity_) internal {
        require(granularity_ != 0, DFAInvalidGranularity(granularity_));
        _granularity = granularity_;
        emit GranularitySet(granularity_, _msgSender());
    }

    function _restriction(address from, address to, uint256 value) internal view virtual override returns (uint8) {
        if (value % _granularity != 0) return Restrictions.GRANULARITY;
        return super._restriction(from, to, value);
    }
}
