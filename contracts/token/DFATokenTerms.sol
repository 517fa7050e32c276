// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Documents} from "./extensions/Documents.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {Restricted} from "./extensions/Restricted.sol";

/**
 * @title DFATokenTerms
 * @notice The published terms of every DFA token: its documents (ERC-1643), its issuance
 * decisions and its reference price. Reached through the token's chain of delegation ({DFAToken} -> {DFATokenAdmin} ->
 * here), so it runs in the token's storage.
 */
contract DFATokenTerms is Documents, DecisionsAdmin, PricingAdmin {
    constructor() {
        _disableInitializers(); // never a token itself
    }

    /// @dev Publishes the token's first documents and sets its pricing role up ({_initPricing})
    /// while the token is being initialized.
    function initializeTerms(DocumentInput[] calldata documents, address pricingAgent) external onlyInitializing {
        _initPricing(pricingAgent);
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }

    function _restriction(Move memory move) internal view override(Eligibility, PurchaseLimited) returns (uint8) {
        return super._restriction(move);
    }

    function _settle(Move memory move) internal override(Restricted, PurchaseLimited) {
        super._settle(move);
    }
}
