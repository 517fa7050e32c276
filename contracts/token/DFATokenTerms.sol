// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Documents} from "./extensions/Documents.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";
import {RolesAdmin} from "./admin/RolesAdmin.sol";
import {RulesAdmin} from "./admin/RulesAdmin.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {Restricted} from "./extensions/Restricted.sol";
import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";

/**
 * @title DFATokenTerms
 * @notice The published terms of every DFA token: its documents (ERC-1643) and its issuance
 * decisions, the grants of its roles ({RolesAdmin}) and the settings of
 * its rules ({RulesAdmin}): they only write storage, the checks run in the transfer path and the
 * admin module. Reached through the token's chain of delegation ({DFAToken} -> {DFATokenAdmin} ->
 * here), so it runs in the token's storage.
 */
contract DFATokenTerms is Documents, DecisionsAdmin, RolesAdmin, RulesAdmin {
    constructor() {
        _disableInitializers(); // never a token itself
    }

    /// @dev Publishes the token's first documents while the token is being initialized.
    function initializeDocuments(DocumentInput[] calldata documents) external onlyInitializing {
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }

    function _restriction(Move memory move)
        internal
        view
        override(Eligibility, RulesAdmin)
        returns (uint8)
    {
        return super._restriction(move);
    }

    function _settle(Move memory move) internal override(Restricted, RulesAdmin) {
        super._settle(move);
    }

    function _grantRole(bytes32 role, address account)
        internal
        override(AccessControlUpgradeable, RolesAdmin)
        returns (bool)
    {
        return super._grantRole(role, account);
    }
}
