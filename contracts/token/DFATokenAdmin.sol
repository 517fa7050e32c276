// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Proxy} from "@openzeppelin/contracts/proxy/Proxy.sol";
import {DFATokenTerms} from "./DFATokenTerms.sol";
import {EnforcementAdmin} from "./admin/EnforcementAdmin.sol";
import {RecoveryAdmin} from "./admin/RecoveryAdmin.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {AmlAdmin} from "./admin/AmlAdmin.sol";
import {LockUpsViews} from "./admin/LockUpsViews.sol";
import {TransferChecks} from "./admin/TransferChecks.sol";

/**
 * @title DFATokenAdmin
 * @notice The administrative half of every DFA token: enforcement acts, recovery, pricing, AML
 * approvals, the ERC-7943 pre-checks and the views of what the rules hold. It inherits the
 * token's one rule base ({DFATokenRules}), as the transfer path does, so its pre-checks and acts
 * see the same rules in the same order. A token delegates the calls it does not implement here
 * (see {DFAToken}), so this code runs in the token's storage; calls this module does not
 * implement go on to {DFATokenTerms} (rule settings, decisions, documents, role grants,
 * initialization). It is split out because one contract cannot hold more than 24 KB of code
 * (EIP-170). All state is in ERC-7201 namespaces, so every module sees the same storage.
 */
contract DFATokenAdmin is Proxy, EnforcementAdmin, PricingAdmin, RecoveryAdmin, AmlAdmin, LockUpsViews, TransferChecks {
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
}
