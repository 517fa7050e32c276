// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {IPurchaseLimits} from "../operator/IPurchaseLimits.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {Documents} from "./extensions/Documents.sol";
import {DecisionsAdmin} from "./admin/DecisionsAdmin.sol";
import {RolesAdmin} from "./admin/RolesAdmin.sol";
import {RulesAdmin} from "./admin/RulesAdmin.sol";
import {PricingSettings} from "./settings/PricingSettings.sol";
import {TokenProfile} from "./settings/TokenProfile.sol";

/**
 * @title DFATokenTerms
 * @notice The published terms of every DFA token: what it is ({TokenProfile}), its documents
 * (ERC-1643) and its issuance decisions, the grants of its roles ({RolesAdmin}) and the settings
 * of its rules ({RulesAdmin}), and its set-up ({initialize}). It writes and reads settings only:
 * no ERC-20 code, the checks run in the transfer path and the admin module ({DFATokenRules}).
 * Reached through the token's chain of delegation ({DFAToken} -> {DFATokenAdmin} -> here), so it
 * runs in the token's storage.
 */
contract DFATokenTerms is TokenProfile, PricingSettings, Documents, DecisionsAdmin, RolesAdmin, RulesAdmin {
    constructor() {
        _disableInitializers(); // never a token itself
    }

    /**
     * @dev Sets the token up, in the call {DFAToken-initialize} passes on (same arguments, the
     * token's storage), after the ERC-20 name and symbol: the profile, the first roles, the rules,
     * the operator's purchase limits named before the token existed, the first documents.
     *
     * Requirements: only while the token initializes; see {DFAToken-initialize}.
     */
    function initialize(
        TokenConfig calldata config,
        DocumentInput[] calldata documents,
        address operator_,
        IOperatorLicenseRegistry licenses_
    ) external onlyInitializing {
        require(config.jurisdiction >= 1 && config.jurisdiction <= 999, DFAInvalidJurisdiction(config.jurisdiction));
        require(config.assetClass != AssetClass.EMoney || config.reserveAuditor != address(0), DFAReserveAuditorRequired());
        TokenStorage storage $ = _tokenStorage();
        _setDecimals(config.decimals);
        ($.assetClass, $.jurisdiction) = (config.assetClass, config.jurisdiction);
        ($.issuer, $.reserveAuditor) = (config.admin, config.reserveAuditor);
        _initializeRoles(
            config.admin, config.issuerAgent, config.complianceAgent, config.enforcementAgent, config.documentManager,
            operator_
        );
        // zero: the operator, the role's admin, grants it later; kept apart from the issuer side like every grant
        if (config.pricingAgent != address(0)) _grantRole(PRICING_ROLE, config.pricingAgent);
        _initDecisions(licenses_, operator_);
        _initEligibility(config.registry, config.rules);
        _setSupplyCap(config.supplyCap, 0);
        _setGranularity(config.granularity);
        if (config.maxBalance != 0) _setMaxBalance(config.maxBalance);
        if (config.minHolding != 0) _setMinHolding(config.minHolding);
        if (config.maxHolders != 0 || config.maxCategoryHolders[1] != 0 || config.maxCategoryHolders[2] != 0
            || config.maxCategoryHolders[3] != 0) _setMaxHolders(config.maxHolders, config.maxCategoryHolders);
        // the limits the operator named before the token existed apply from the start
        IPurchaseLimits limits = config.registry.purchaseLimits();
        if (address(limits) != address(0)) _setPurchaseLimits(limits);
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }

    /// @dev What the token is: equity, debt, fund unit, real estate, commodity, secured utility, asset-referenced, e-money.
    function assetClass() external view returns (AssetClass) {
        return _tokenStorage().assetClass;
    }

    /// @dev ISO 3166-1 numeric code of the country whose law governs the token.
    function jurisdiction() external view returns (uint16) {
        return _tokenStorage().jurisdiction;
    }

    /// @dev The issuer the token was created for.
    function issuer() external view returns (address) {
        return _tokenStorage().issuer;
    }

    function reserveAuditor() external view returns (address) {
        return _tokenStorage().reserveAuditor;
    }

    function _grantRole(bytes32 role, address account)
        internal
        override(AccessControlUpgradeable, RolesAdmin)
        returns (bool)
    {
        return super._grantRole(role, account);
    }
}
