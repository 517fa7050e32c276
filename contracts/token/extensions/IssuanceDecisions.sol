// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IOperatorLicenseRegistry} from "../../regulator/IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "../../regulator/LicenseScopes.sol";
import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {Batchable} from "../../utils/Batchable.sol";
import {Eligibility} from "./Eligibility.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title IssuanceDecisions
 * @notice Tokens come into being only under a published issuance decision: its terms (document
 * hash, cap, subscription window, issue price, admitted categories, minimum subscription) gate
 * every allocation, and every allocation names its decision. A decision is amended into a new
 * version; earlier versions stay readable. Allocation also needs the operator's issuance
 * licence in force.
 */
abstract contract IssuanceDecisions is Eligibility, Batchable {
    struct DecisionTerms {
        bytes32 documentHash; // hash of the published decision (prospectus, white paper)
        uint256 cap; // most base units ever allocated under the decision
        uint256 minSubscription; // least base units per allocation
        uint256 price; // issue price of one whole token, in minor units of `currency`
        bytes3 currency; // ISO 4217 alphabetic code
        uint8 currencyMinorUnits; // decimals of the currency (2 for USD)
        uint8 categories; // admitted investor categories (bit 1 << category)
        uint64 subscriptionStart;
        uint64 subscriptionEnd; // allocations stop at this second
    }

    struct Decision {
        DecisionTerms terms;
        uint64 publishedAt;
        bool closed;
    }

    IOperatorLicenseRegistry private _licenses;
    address private _operator;
    mapping(bytes32 decisionId => Decision[]) private _decisions;
    mapping(bytes32 decisionId => uint256) private _allocated;
    bytes32[] private _decisionIds;

    event DecisionPublished(bytes32 indexed decisionId, uint256 version, DecisionTerms terms, address indexed actor);
    event DecisionClosed(bytes32 indexed decisionId, uint256 version, address indexed actor);
    event Allocated(bytes32 indexed decisionId, address indexed to, uint256 value, address indexed actor);
    event Redeemed(address indexed from, uint256 value, address indexed actor);

    error DFAInvalidDecisionId(bytes32 decisionId);
    error DFADecisionExists(bytes32 decisionId);
    error DFAUnknownDecision(bytes32 decisionId);
    error DFADecisionIsClosed(bytes32 decisionId);
    error DFAInvalidDecisionTerms(bytes32 decisionId, string field);
    error DFADecisionCapBelowAllocated(bytes32 decisionId, uint256 cap, uint256 allocated);

    function licenses() public view returns (IOperatorLicenseRegistry) {
        return _licenses;
    }

    /// @dev The licensed operator the token was issued through.
    function operator() public view returns (address) {
        return _operator;
    }

    /**
     * @dev Publishes a new issuance decision (version 1).
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE (the issuer); the id is new and not zero;
     * the terms are valid: a document hash, a cap, a currency, admitted categories, and a
     * subscription window that ends after it starts and after now.
     *
     * Emits {DecisionPublished}.
     */
    function publishDecision(bytes32 decisionId, DecisionTerms calldata terms) external onlyRole(DEFAULT_ADMIN_ROLE) {
        require(decisionId != bytes32(0), DFAInvalidDecisionId(decisionId));
        require(_decisions[decisionId].length == 0, DFADecisionExists(decisionId));
        _checkTerms(decisionId, terms);
        _decisionIds.push(decisionId);
        _decisions[decisionId].push(Decision(terms, uint64(block.timestamp), false));
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
        uint256 allocated = _allocated[decisionId];
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
        uint8 code = _decisionRestriction(decisionId, to, value);
        return code != Restrictions.SUCCESS ? code : _restriction(address(0), to, value);
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
        return _allocated[decisionId];
    }

    function decisionIds() external view returns (bytes32[] memory) {
        return _decisionIds;
    }

    function _initDecisions(IOperatorLicenseRegistry licenses_, address operator_) internal {
        _licenses = licenses_;
        _operator = operator_;
    }

    function _allocate(bytes32 decisionId, address to, uint256 value) private {
        uint8 code = _decisionRestriction(decisionId, to, value);
        if (code != Restrictions.SUCCESS) revert DFARestricted(code, address(0), to, value);
        _allocated[decisionId] += value;
        _mint(to, value); // the token's own rules run in _update
        emit Allocated(decisionId, to, value, _msgSender());
    }

    function _decisionRestriction(bytes32 decisionId, address to, uint256 value) private view returns (uint8) {
        if (!_licenses.isLicensed(_operator, LicenseScopes.ISSUANCE)) return Restrictions.ISSUANCE_LICENSE_INACTIVE;
        Decision[] storage versions = _decisions[decisionId];
        if (versions.length == 0) return Restrictions.NO_DECISION;
        Decision storage current = versions[versions.length - 1];
        if (current.closed) return Restrictions.DECISION_CLOSED;
        DecisionTerms storage terms = current.terms;
        if (block.timestamp < terms.subscriptionStart) return Restrictions.BEFORE_SUBSCRIPTION;
        if (block.timestamp >= terms.subscriptionEnd) return Restrictions.AFTER_SUBSCRIPTION;
        if (value < terms.minSubscription) return Restrictions.BELOW_MINIMUM_SUBSCRIPTION;
        if (value > terms.cap - _allocated[decisionId]) return Restrictions.DECISION_CAP_EXCEEDED;
        (, IInvestorRegistry.Investor memory investor) = registry().identityOf(to);
        if (investor.status != IInvestorRegistry.Status.None && terms.categories & (1 << investor.category) == 0) {
            return Restrictions.CATEGORY_NOT_IN_DECISION;
        }
        return Restrictions.SUCCESS;
    }

    function _existing(bytes32 decisionId) private view returns (Decision[] storage versions) {
        versions = _decisions[decisionId];
        require(versions.length != 0, DFAUnknownDecision(decisionId));
    }

    function _checkTerms(bytes32 decisionId, DecisionTerms calldata terms) private view {
        require(terms.documentHash != bytes32(0), DFAInvalidDecisionTerms(decisionId, "documentHash"));
        require(terms.cap != 0, DFAInvalidDecisionTerms(decisionId, "cap"));
        require(terms.minSubscription <= terms.cap, DFAInvalidDecisionTerms(decisionId, "minSubscription"));
        require(terms.currency != bytes3(0), DFAInvalidDecisionTerms(decisionId, "currency"));
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
