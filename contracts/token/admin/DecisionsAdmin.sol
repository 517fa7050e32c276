// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IssuanceDecisions} from "../extensions/IssuanceDecisions.sol";

/**
 * @title DecisionsAdmin
 * @notice Publishing, amending, closing and reading issuance decisions. A decision is amended
 * into a new version; allocations follow the newest; earlier versions stay readable.
 */
abstract contract DecisionsAdmin is IssuanceDecisions {
    event DecisionPublished(bytes32 indexed decisionId, uint256 version, DecisionTerms terms, address indexed actor);
    event DecisionClosed(bytes32 indexed decisionId, uint256 version, address indexed actor);

    error DFAInvalidDecisionId(bytes32 decisionId);
    error DFADecisionExists(bytes32 decisionId);
    error DFAUnknownDecision(bytes32 decisionId);
    error DFADecisionIsClosed(bytes32 decisionId);
    error DFAInvalidDecisionTerms(bytes32 decisionId, string field);
    error DFADecisionCapBelowAllocated(bytes32 decisionId, uint256 cap, uint256 allocated);

    /**
     * @dev Publishes a new issuance decision (version 1).
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE (the issuer); the id is new and not zero;
     * the terms are valid: a document hash, a cap, a currency, a price above zero when the
     * operator has purchase limits, admitted categories, and a subscription window that ends
     * after it starts and after now.
     *
     * Emits {DecisionPublished}.
     */
    function publishDecision(bytes32 decisionId, DecisionTerms calldata terms) external onlyRole(DEFAULT_ADMIN_ROLE) {
        DecisionsStorage storage $ = _decisionsStorage();
        require(decisionId != bytes32(0), DFAInvalidDecisionId(decisionId));
        require($.versions[decisionId].length == 0, DFADecisionExists(decisionId));
        _checkTerms(decisionId, terms);
        $.ids.push(decisionId);
        $.versions[decisionId].push(Decision(terms, uint64(block.timestamp), false));
        emit DecisionPublished(decisionId, 1, terms, _msgSender());
    }

    /**
     * @dev Amends a decision into a new version; allocations follow the newest version.
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE; the decision exists and is open; the
     * terms are valid and the cap is not below what was already allocated.
     *
     * Emits {DecisionPublished} with the new version.
     */
    function amendDecision(bytes32 decisionId, DecisionTerms calldata terms) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Decision[] storage versions = _existing(decisionId);
        require(!versions[versions.length - 1].closed, DFADecisionIsClosed(decisionId));
        _checkTerms(decisionId, terms);
        uint256 allocated = _decisionsStorage().allocated[decisionId];
        require(terms.cap >= allocated, DFADecisionCapBelowAllocated(decisionId, terms.cap, allocated));
        versions.push(Decision(terms, uint64(block.timestamp), false));
        emit DecisionPublished(decisionId, versions.length, terms, _msgSender());
    }

    /**
     * @dev Closes a decision: no allocation under it any more.
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE; the decision exists and is open.
     *
     * Emits {DecisionClosed}.
     */
    function closeDecision(bytes32 decisionId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Decision[] storage versions = _existing(decisionId);
        Decision storage current = versions[versions.length - 1];
        require(!current.closed, DFADecisionIsClosed(decisionId));
        current.closed = true;
        emit DecisionClosed(decisionId, versions.length, _msgSender());
    }

    /// @dev The current version of a decision and its number.
    function decision(bytes32 decisionId) external view returns (Decision memory current, uint256 version) {
        Decision[] storage versions = _existing(decisionId);
        return (versions[versions.length - 1], versions.length);
    }

    /// @dev Version `version` (from 1) of a decision.
    function decisionVersion(bytes32 decisionId, uint256 version) external view returns (Decision memory) {
        Decision[] storage versions = _existing(decisionId);
        require(version >= 1 && version <= versions.length, DFAUnknownDecision(decisionId));
        return versions[version - 1];
    }

    function allocatedUnder(bytes32 decisionId) external view returns (uint256) {
        return _decisionsStorage().allocated[decisionId];
    }

    function decisionIds() external view returns (bytes32[] memory) {
        return _decisionsStorage().ids;
    }

    function _existing(bytes32 decisionId) private view returns (Decision[] storage versions) {
        versions = _decisionsStorage().versions[decisionId];
        require(versions.length != 0, DFAUnknownDecision(decisionId));
    }

    function _checkTerms(bytes32 decisionId, DecisionTerms calldata terms) private view {
        require(terms.documentHash != bytes32(0), DFAInvalidDecisionTerms(decisionId, "documentHash"));
        require(terms.cap != 0, DFAInvalidDecisionTerms(decisionId, "cap"));
        require(terms.minSubscription <= terms.cap, DFAInvalidDecisionTerms(decisionId, "minSubscription"));
        require(terms.currency != bytes3(0), DFAInvalidDecisionTerms(decisionId, "currency"));
        // every token of an operator with purchase limits is limited: its allocations must be valued
        require(
            terms.price != 0 || address(_settings().registry.purchaseLimits()) == address(0),
            DFAInvalidDecisionTerms(decisionId, "price")
        );
        require(
            terms.categories != 0 && terms.categories & ~uint8(0x0e) == 0,
            DFAInvalidDecisionTerms(decisionId, "categories")
        );
        require(
            terms.subscriptionEnd > terms.subscriptionStart && terms.subscriptionEnd > block.timestamp,
            DFAInvalidDecisionTerms(decisionId, "subscription window")
        );
    }
}
