// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Proxy} from "@openzeppelin/contracts/proxy/Proxy.sol";
import {DFATokenDocuments} from "./DFATokenDocuments.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";
import {RulesAdmin} from "./admin/RulesAdmin.sol";
import {EnforcementAdmin} from "./admin/EnforcementAdmin.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {RecoveryAdmin} from "./admin/RecoveryAdmin.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {Enforcement} from "./extensions/Enforcement.sol";
import {Holdings} from "./extensions/Holdings.sol";
import {Restricted} from "./extensions/Restricted.sol";

/**
 * @title DFATokenAdmin
 * @notice The administrative half of every DFA token: rule changes, decisions, enforcement
 * acts, pricing. A token delegates the calls it does not implement here (see {DFAToken}), so
 * this code runs in the token's storage; calls this module does not implement go on to
 * {DFATokenDocuments}. It is split out because one contract cannot hold more than 24 KB of
 * code (EIP-170); the transfer path stays in {DFAToken}. All state is in ERC-7201 namespaces,
 * so both halves see the same storage whatever they inherit.
 */
contract DFATokenAdmin is Proxy, DecisionsAdmin, RulesAdmin, EnforcementAdmin, PricingAdmin, RecoveryAdmin {
    /// @dev Where calls this module does not implement go next (documents), still in the token's storage.
    DFATokenDocuments public immutable documentsModule;

    constructor(DFATokenDocuments documentsModule_) {
        documentsModule = documentsModule_;
        _disableInitializers(); // never a token itself
    }

    function _implementation() internal view override returns (address) {
        return address(documentsModule);
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
