// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IERC1404} from "../interfaces/IERC1404.sol";
import {DFATokenRules} from "../DFATokenRules.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title PreChecks
 * @notice Asking before acting (ERC-1404): the answer is {_restriction}, the very function the
 * transfer path reverts with, so it cannot disagree with what then happens. A transfer from or
 * to the zero address is refused as a wallet not registered (ERC-20 refuses it too); a redemption
 * (a burn) is asked with `detectRedemptionRestriction` of the admin module.
 */
abstract contract PreChecks is DFATokenRules, IERC1404 {
    /// @inheritdoc IERC1404
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8) {
        if (from == address(0)) return Restrictions.SENDER_NOT_REGISTERED;
        if (to == address(0)) return Restrictions.SENDER_NOT_REGISTERED + 1;
        return _restriction(_move(from, to, value));
    }
}
