// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title Batchable
 * @notice Atomic batches of calls to the inheriting contract, capped so that a batch always
 * fits in a block and an agent cannot lock the contract with one huge call. Each call keeps
 * the original sender (delegatecall into this contract), so role checks apply per call.
 */
abstract contract Batchable {
    uint256 public constant MAX_BATCH = 100;

    error BatchTooLarge(uint256 size, uint256 max);
    error BatchLengthMismatch(uint256 expected, uint256 actual);

    /**
     * @dev Runs `data` as calls to this contract, all or none.
     *
     * Requirements: at most {MAX_BATCH} calls; each call's own requirements.
     */
    function multicall(bytes[] calldata data) external returns (bytes[] memory results) {
        _checkBatch(data.length);
        results = new bytes[](data.length);
        for (uint256 i = 0; i < data.length; ++i) {
            results[i] = Address.functionDelegateCall(address(this), data[i]);
        }
    }

    function _checkBatch(uint256 size) internal pure {
        require(size <= MAX_BATCH, BatchTooLarge(size, MAX_BATCH));
    }
}
