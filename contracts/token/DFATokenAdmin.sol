// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Proxy} from "@openzeppelin/contracts/proxy/Proxy.sol";
import {DFATokenTerms} from "./DFATokenTerms.sol";
import {EnforcementAdmin} from "./admin/EnforcementAdmin.sol";
import {RecoveryAdmin} from "./admin/RecoveryAdmin.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {AmlAdmin} from "./admin/AmlAdmin.sol";
import {TransferChecks} from "./admin/TransferChecks.sol";
import {AmlHolds} from "./extensions/AmlHolds.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {Enforcement} from "./extensions/Enforcement.sol";
import {LockUps} from "./extensions/LockUps.sol";
import {Holdings} from "./extensions/Holdings.sol";
import {SupplyCapped} from "./extensions/SupplyCapped.sol";
import {Granular} from "./extensions/Granular.sol";
import {Restricted} from "./extensions/Restricted.sol";

/**
 * @title DFATokenAdmin
 * @notice The administrative half of every DFA token: enforcement acts, recovery, pricing, AML
 * approvals and the pre-checks that need every rule (so it carries the whole rule set, like the
 * transfer path). A token delegates the calls it does not implement here (see {DFAToken}), so
 * this code runs in the token's storage; calls this module does not implement go on to
 * {DFATokenTerms} (rule settings, decisions, documents, role grants). It is split out because one contract cannot hold more than 24 KB of
 * code (EIP-170); the transfer path stays in {DFAToken}. All state is in ERC-7201 namespaces,
 * so both halves see the same storage whatever they inherit.
 */
contract DFATokenAdmin is Proxy, Holdings, SupplyCapped, Granular, EnforcementAdmin, PricingAdmin, RecoveryAdmin, AmlAdmin, TransferChecks {
    /// @dev Where calls this module does not implement go next (decisions, documents), still in the token's storage.
    DFATokenTerms public immutable termsModule;

    constructor(DFATokenTerms termsModule_) {
        termsModule = termsModule_;
        _disableInitializers(); // never a token itself
    }

    function _implementation() internal view override returns (address) {
        return address(termsModule);
    }

    /// @dev Every grant runs in the terms module, which keeps roles apart ({RolesAdmin}).
    function grantRole(bytes32, address) public override {
        _fallback();
    }

    function _restriction(Move memory move)
        internal
        view
        override(Holdings, SupplyCapped, Granular, LockUps, PurchaseLimited, AmlHolds)
        returns (uint8)
    {
        return super._restriction(move);
    }

    function _settle(Move memory move) internal override(Restricted, Holdings, PurchaseLimited, AmlHolds) {
        super._settle(move);
    }

    function _rulesBypassed() internal view override(Restricted, Enforcement) returns (bool) {
        return super._rulesBypassed();
    }
}
