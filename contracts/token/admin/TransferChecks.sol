// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ITransferChecks} from "../interfaces/ITransferChecks.sol";
import {Eligibility} from "../extensions/Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title TransferChecks
 * @notice The yes/no pre-checks under ERC-7943 names. They run in the admin module, which
 * carries the same set of rules as the token: the order of checks only decides which reason
 * is reported, never whether one is.
 */
abstract contract TransferChecks is Eligibility, ITransferChecks {
    /// @inheritdoc ITransferChecks
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        return from != address(0) && to != address(0) && _restriction(_move(from, to, amount)) == Restrictions.SUCCESS;
    }

    /// @inheritdoc ITransferChecks
    function canSend(address account) external view returns (bool) {
        return _partyRestriction(_settings(), _recordOf(account), 0) == Restrictions.SUCCESS;
    }

    /// @inheritdoc ITransferChecks
    function canReceive(address account) external view returns (bool) {
        return _partyRestriction(_settings(), _recordOf(account), 1) == Restrictions.SUCCESS;
    }
}
