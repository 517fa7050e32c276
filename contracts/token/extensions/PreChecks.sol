// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IERC1404} from "../interfaces/IERC1404.sol";
import {Eligibility} from "./Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title PreChecks
 * @notice Asking before acting (ERC-1404, ERC-7943 names): the answer is {_restriction}, the
 * very function the transfer path reverts with, so it cannot disagree with what then happens.
 */
abstract contract PreChecks is Eligibility, IERC1404 {
    /// @inheritdoc IERC1404
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8) {
        return _restriction(_move(from, to, value));
    }
}
