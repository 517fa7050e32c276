// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Documents} from "./extensions/Documents.sol";

/**
 * @title DFATokenDocuments
 * @notice The documents (ERC-1643) of every DFA token, reached through the token's chain of
 * delegation ({DFAToken} -> {DFATokenAdmin} -> here), so they run in the token's storage.
 */
contract DFATokenDocuments is Documents {
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
