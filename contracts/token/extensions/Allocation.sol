// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Batchable} from "../../utils/Batchable.sol";
import {DFATokenRules} from "../DFATokenRules.sol";
import {IssuanceDecisions} from "./IssuanceDecisions.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Allocation
 * @notice Minting under an issuance decision, and redemption. Every allocation names its
 * decision; the decision's gates are checked first, then the purchase limit at the decision's
 * issue price, then the token's rules (in `_update`); a decision's lock-up locks what it allocates.
 */
abstract contract Allocation is DFATokenRules, IssuanceDecisions, Batchable {
    event Allocated(bytes32 indexed decisionId, address indexed to, uint256 value, address indexed actor);
    event Redeemed(address indexed from, uint256 value, address indexed actor);

    /**
     * @dev Allocates (mints) `value` to `to` under decision `decisionId`.
     *
     * Requirements: caller has ISSUER_AGENT_ROLE; {detectAllocationRestriction} is 0.
     *
     * Emits {Allocated} and {IERC20-Transfer}.
     */
    function allocate(bytes32 decisionId, address to, uint256 value) external onlyRole(ISSUER_AGENT_ROLE) {
        _allocate(decisionId, to, value);
    }

    /**
     * @dev {allocate} to many holders under one decision, all or none.
     *
     * Requirements: as {allocate} for each; equal lengths; at most {MAX_BATCH} allocations.
     */
    function allocateBatch(bytes32 decisionId, address[] calldata to, uint256[] calldata values)
        external
        onlyRole(ISSUER_AGENT_ROLE)
    {
        _checkBatch(to.length);
        require(values.length == to.length, BatchLengthMismatch(to.length, values.length));
        for (uint256 i = 0; i < to.length; ++i) {
            _allocate(decisionId, to[i], values[i]);
        }
    }

    /**
     * @dev Redeems (burns) `value` of `from`'s tokens, e.g. at maturity or on a buy-back.
     *
     * Requirements: caller has ISSUER_AGENT_ROLE; the restriction for the burn is 0.
     *
     * Emits {Redeemed} and {IERC20-Transfer}.
     */
    function redeem(address from, uint256 value) external onlyRole(ISSUER_AGENT_ROLE) {
        _burn(from, value);
        emit Redeemed(from, value, _msgSender());
    }

    /// @dev The reason an allocation would be refused now, or 0: the decision's gates, then the token's rules.
    function detectAllocationRestriction(bytes32 decisionId, address to, uint256 value) public view returns (uint8) {
        Move memory move = _move(address(0), to, value);
        uint8 code = _allocationGates(decisionId, move);
        return code != Restrictions.SUCCESS ? code : _restriction(move);
    }

    // The external calls go to the operator's registry (views) and PurchaseLimits, which never call
    // back; what Slither reports as writes after them are ERC-7201 storage pointers being derived.
    // slither-disable-next-line reentrancy-no-eth
    function _allocate(bytes32 decisionId, address to, uint256 value) private {
        Move memory move = _move(address(0), to, value);
        uint8 code = _allocationGates(decisionId, move);
        if (code != Restrictions.SUCCESS) revert DFARestricted(code, address(0), to, value);
        _decisionsStorage().allocated[decisionId] += value;
        _mint(to, value); // the token's own rules run in _update
        DecisionTerms storage terms = _currentTerms(decisionId);
        if (terms.lockupUntil > block.timestamp) _lock(to, value, terms.lockupUntil);
        emit Allocated(decisionId, to, value, _msgSender());
        // last: the operator's limits contract (which never calls back) counts the acquisition
        _recordAcquisition(move, terms.price, terms.currency);
    }

    function _allocationGates(bytes32 decisionId, Move memory move) private view returns (uint8) {
        uint8 code = _decisionRestriction(decisionId, move.receiver, move.value);
        if (code != Restrictions.SUCCESS) return code;
        DecisionTerms storage terms = _currentTerms(decisionId);
        return _acquisitionRestriction(move, terms.price, terms.currency, block.timestamp); // an issue price is not stale
    }
}
