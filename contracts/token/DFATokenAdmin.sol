// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Documents} from "./extensions/Documents.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";
import {RulesAdmin} from "./admin/RulesAdmin.sol";
import {EnforcementAdmin} from "./admin/EnforcementAdmin.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {Enforcement} from "./extensions/Enforcement.sol";
import {Holdings} from "./extensions/Holdings.sol";
import {Restricted} from "./extensions/Restricted.sol";

/**
 * @title DFATokenAdmin
 * @notice The administrative half of every DFA token: documents, rule changes, decisions.
 * A token delegates the calls it does not implement here (see {DFAToken}), so this code runs
 * in the token's storage. It is split out because one contract cannot hold more than 24 KB of
 * code (EIP-170); the transfer path stays in {DFAToken}. All state is in ERC-7201 namespaces,
 * so both halves see the same storage whatever they inherit.
 */
contract DFATokenAdmin is Documents, DecisionsAdmin, RulesAdmin, EnforcementAdmin, PricingAdmin {
    constructor() {
        _disableInitializers(); // never a token itself
    }

    /// @dev Publishes the token's first documents while the token is being initialized.
    function initializeDocuments(DocumentInput[] calldata documents) external onlyInitializing {
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }

    function _restriction(address from, address to, uint256 value)
        internal
        view
        override(Eligibility, RulesAdmin, Enforcement, PurchaseLimited)
        returns (uint8)
    {
        return super._restriction(from, to, value);
    }

    function _update(address from, address to, uint256 value) internal override(Restricted, RulesAdmin, PurchaseLimited) {
        super._update(from, to, value);
    }

    function _rulesBypassed() internal view override(Restricted, Enforcement) returns (bool) {
        return super._rulesBypassed();
    }
}
