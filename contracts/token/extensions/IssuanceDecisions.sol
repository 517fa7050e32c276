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
 * every allocation, and every allocation names its decision. Allocation also needs the
 * operator's issuance licence in force. Publishing, amending and reading decisions is in
 * {DecisionsAdmin}; this is the allocation path.
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

    /// @custom:storage-location erc7201:dfa.storage.IssuanceDecisions
    struct DecisionsStorage {
        IOperatorLicenseRegistry licenses;
        address operator;
        mapping(bytes32 decisionId => Decision[]) versions;
        mapping(bytes32 decisionId => uint256) allocated;
        bytes32[] ids;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.IssuanceDecisions")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant DECISIONS_STORAGE = 0x7666c5ea5d55166a25132d485b89afeabff08ef0120045b036e9daaa0d964600;

    event Allocated(bytes32 indexed decisionId, address indexed to, uint256 value, address indexed actor);
    event Redeemed(address indexed from, uint256 value, address indexed actor);

    function licenses() public view returns (IOperatorLicenseRegistry) {
        return _decisionsStorage().licenses;
    }

    /// @dev The licensed operator the token was issued through.
    function operator() public view returns (address) {
        return _decisionsStorage().operator;
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

    function _initDecisions(IOperatorLicenseRegistry licenses_, address operator_) internal {
        DecisionsStorage storage $ = _decisionsStorage();
        ($.licenses, $.operator) = (licenses_, operator_);
    }

    function _allocate(bytes32 decisionId, address to, uint256 value) private {
        uint8 code = _decisionRestriction(decisionId, to, value);
        if (code != Restrictions.SUCCESS) revert DFARestricted(code, address(0), to, value);
        _decisionsStorage().allocated[decisionId] += value;
        _mint(to, value); // the token's own rules run in _update
        emit Allocated(decisionId, to, value, _msgSender());
    }

    function _decisionRestriction(bytes32 decisionId, address to, uint256 value) private view returns (uint8) {
        DecisionsStorage storage $ = _decisionsStorage();
        if (!$.licenses.isLicensed($.operator, LicenseScopes.ISSUANCE)) return Restrictions.ISSUANCE_LICENSE_INACTIVE;
        Decision[] storage versions = $.versions[decisionId];
        if (versions.length == 0) return Restrictions.NO_DECISION;
        Decision storage current = versions[versions.length - 1];
        if (current.closed) return Restrictions.DECISION_CLOSED;
        DecisionTerms storage terms = current.terms;
        if (block.timestamp < terms.subscriptionStart) return Restrictions.BEFORE_SUBSCRIPTION;
        if (block.timestamp >= terms.subscriptionEnd) return Restrictions.AFTER_SUBSCRIPTION;
        if (value < terms.minSubscription) return Restrictions.BELOW_MINIMUM_SUBSCRIPTION;
        if (value > terms.cap - $.allocated[decisionId]) return Restrictions.DECISION_CAP_EXCEEDED;
        (, IInvestorRegistry.Investor memory investor) = registry().identityOf(to);
        if (investor.status != IInvestorRegistry.Status.None && terms.categories & (1 << investor.category) == 0) {
            return Restrictions.CATEGORY_NOT_IN_DECISION;
        }
        return Restrictions.SUCCESS;
    }

    function _decisionsStorage() internal pure returns (DecisionsStorage storage $) {
        assembly {
            $.slot := DECISIONS_STORAGE
        }
    }
}
