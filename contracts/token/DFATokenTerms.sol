// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Documents} from "./extensions/Documents.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";

/**
 * @title DFATokenTerms
 * @notice The published terms of every DFA token: its documents (ERC-1643) and its issuance
 * decisions. Reached through the token's chain of delegation ({DFAToken} -> {DFATokenAdmin} ->
 * here), so it runs in the token's storage.
 */
contract DFATokenTerms is Documents, DecisionsAdmin {
    constructor() {
        _disableInitializers(); // never a token itself
    }

    /// @dev Publishes the token's first documents while the token is being initialized.
    function initializeDocuments(DocumentInput[] calldata documents) external onlyInitializing {
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }
}
