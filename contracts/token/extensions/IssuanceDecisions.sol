// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IOperatorLicenseRegistry} from "../../regulator/IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "../../regulator/LicenseScopes.sol";
import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {TokenSettings} from "../settings/TokenSettings.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title IssuanceDecisions
 * @notice Tokens come into being only under a published issuance decision: its terms (document
 * hash, cap, subscription window, issue price, admitted categories, minimum subscription) gate
 * every allocation, and every allocation names its decision. Allocation also needs the
 * operator's issuance licence in force. This holds the decisions and their gates; allocating
 * is in {Allocation}, publishing, amending and reading in {DecisionsAdmin}.
 */
abstract contract IssuanceDecisions is TokenSettings {
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
        uint64 lockupUntil; // tokens allocated under the decision cannot move before this second (0: none)
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


    function licenses() public view returns (IOperatorLicenseRegistry) {
        return _decisionsStorage().licenses;
    }

    /// @dev The licensed operator the token was issued through.
    function operator() public view returns (address) {
        return _decisionsStorage().operator;
    }

    function _initDecisions(IOperatorLicenseRegistry licenses_, address operator_) internal {
        DecisionsStorage storage $ = _decisionsStorage();
        ($.licenses, $.operator) = (licenses_, operator_);
    }

    /// @dev The decision's answer for minting `value` to the investor whose packed record is `receiver`.
    function _decisionRestriction(bytes32 decisionId, uint256 receiver, uint256 value) internal view returns (uint8) {
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
        if (receiver != 0 && terms.categories & (1 << InvestorRecords.category(receiver)) == 0) {
            return Restrictions.CATEGORY_NOT_IN_DECISION;
        }
        return Restrictions.SUCCESS;
    }

    /// @dev The terms of the newest version of an existing decision.
    function _currentTerms(bytes32 decisionId) internal view returns (DecisionTerms storage) {
        Decision[] storage versions = _decisionsStorage().versions[decisionId];
        return versions[versions.length - 1].terms;
    }

    function _decisionsStorage() internal pure returns (DecisionsStorage storage $) {
        assembly {
            $.slot := DECISIONS_STORAGE
        }
    }
}
