// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EligibilitySettings} from "../settings/EligibilitySettings.sol";
import {GranularitySettings} from "../settings/GranularitySettings.sol";
import {HoldingSettings} from "../settings/HoldingSettings.sol";
import {SupplyCapSettings} from "../settings/SupplyCapSettings.sol";

/**
 * @title RulesAdmin
 * @notice The compliance agent changes the token's rules without redeploying it; each change
 * is an event, and reads them back. The rules themselves are evaluated on every transfer by the
 * extensions ({DFATokenRules}); this writes their settings only, without the ERC-20 code.
 */
abstract contract RulesAdmin is EligibilitySettings, HoldingSettings, SupplyCapSettings, GranularitySettings {
    /// @dev The rules: admitted categories and kinds (bit masks), whether countries are an allowlist, deny rules.
    function eligibilityRules()
        external
        view
        returns (uint8 categories, uint8 kinds, bool countryAllowlist, DenyRule[] memory denyRules)
    {
        Settings storage settings = _settings();
        return (settings.categories, settings.kinds, settings.countryAllowlist, _eligibilityStorage().denyRules);
    }

    function countryRule(uint16 country) external view returns (CountryRule) {
        return _eligibilityStorage().countryRules[country];
    }

    /// @dev The balance of an investor summed over its wallets.
    function investorBalance(bytes32 investorId) external view returns (uint256) {
        return _holdingsStorage().holdings[investorId].balance;
    }

    /// @dev How many investors hold the token, overall and by category (index 1-3).
    function holderCounts() external view returns (uint64 holders, uint64[4] memory byCategory) {
        HoldingsStorage storage $ = _holdingsStorage();
        return ($.holders, $.categoryHolders);
    }

    /// @dev The holding rules: maximum balance per investor, maximum holders overall and by category.
    function holdingRules() external view returns (uint256 maxBalance, uint64 maxHolders, uint64[4] memory maxByCategory) {
        HoldingsStorage storage $ = _holdingsStorage();
        return ($.maxBalance, $.maxHolders, $.maxCategoryHolders);
    }

    function supplyCap() external view returns (uint256) {
        return _supplyCap();
    }

    /// @dev The smallest transferable unit, in base units.
    function granularity() external view returns (uint256) {
        return _granularity();
    }

    /**
     * @dev Sets the investor categories that may hold (bit 1 retail, 2 qualified, 3 professional).
     *
     * Requirements: caller has COMPLIANCE_ROLE; a non-empty subset of those bits.
     *
     * Emits {InvestorCategoriesSet}.
     */
    function setInvestorCategories(uint8 categories) external onlyRole(COMPLIANCE_ROLE) {
        _setCategories(categories);
    }

    /**
     * @dev Sets the investor kinds that may hold (bit 1 individual, 2 legal entity).
     *
     * Requirements: caller has COMPLIANCE_ROLE; a non-empty subset of those bits.
     *
     * Emits {InvestorKindsSet}.
     */
    function setInvestorKinds(uint8 kinds) external onlyRole(COMPLIANCE_ROLE) {
        _setKinds(kinds);
    }

    /**
     * @dev When `enabled`, only residents of countries marked Allowed may hold.
     *
     * Requirements: caller has COMPLIANCE_ROLE.
     *
     * Emits {CountryAllowlistSet}.
     */
    function setCountryAllowlist(bool enabled) external onlyRole(COMPLIANCE_ROLE) {
        _setCountryAllowlist(enabled);
    }

    /**
     * @dev Marks `countries` Allowed, Denied or None. A Denied country stops investors whose
     * residency or citizenship (incorporation) it is.
     *
     * Requirements: caller has COMPLIANCE_ROLE; ISO 3166-1 numeric codes (1-999).
     *
     * Emits {CountryRuleSet} per country.
     */
    function setCountryRules(uint16[] calldata countries, CountryRule rule) external onlyRole(COMPLIANCE_ROLE) {
        _setCountryRules(countries, rule);
    }

    /**
     * @dev Replaces the deny rules.
     *
     * Requirements: caller has COMPLIANCE_ROLE; at most {MAX_DENY_RULES}; each sets a condition.
     *
     * Emits {DenyRulesSet}.
     */
    function setDenyRules(DenyRule[] calldata rules) external onlyRole(COMPLIANCE_ROLE) {
        _setDenyRules(rules);
    }

    /**
     * @dev Sets the cap on total supply.
     *
     * Requirements: caller has COMPLIANCE_ROLE; the cap is not below the current supply.
     *
     * Emits {SupplyCapSet}.
     */
    function setSupplyCap(uint256 supplyCap_) external onlyRole(COMPLIANCE_ROLE) {
        _setSupplyCap(supplyCap_, IERC20(address(this)).totalSupply()); // the token's ERC-20, in the transfer path
    }

    /**
     * @dev Sets the smallest transferable unit.
     *
     * Requirements: caller has COMPLIANCE_ROLE; `granularity_` is at least 1.
     *
     * Emits {GranularitySet}.
     */
    function setGranularity(uint256 granularity_) external onlyRole(COMPLIANCE_ROLE) {
        _setGranularity(granularity_);
    }

    /**
     * @dev Sets the most an investor may hold, summed over its wallets (0: no maximum).
     *
     * Requirements: caller has COMPLIANCE_ROLE.
     *
     * Emits {MaxBalanceSet}.
     */
    function setMaxBalance(uint256 maxBalance) external onlyRole(COMPLIANCE_ROLE) {
        _setMaxBalance(maxBalance);
    }

    /**
     * @dev Sets the most investors that may hold, overall and by category (index 1-3; 0: no maximum).
     *
     * Requirements: caller has COMPLIANCE_ROLE.
     *
     * Emits {MaxHoldersSet}.
     */
    function setMaxHolders(uint64 maxHolders, uint64[4] calldata maxCategoryHolders) external onlyRole(COMPLIANCE_ROLE) {
        _setMaxHolders(maxHolders, maxCategoryHolders);
    }

    /**
     * @dev Sets the least an investor may hold, summed over its wallets, after a transfer or
     * allocation that changes its holding (0: no minimum). Leaving the token entirely is always
     * allowed; redemptions and enforcement acts are not held to it.
     *
     * Requirements: caller has COMPLIANCE_ROLE.
     *
     * Emits {MinHoldingSet}.
     */
    function setMinHolding(uint256 minHolding_) external onlyRole(COMPLIANCE_ROLE) {
        _setMinHolding(minHolding_);
    }

    /// @dev The least an investor may hold after a transfer or allocation that changes its holding; 0: none.
    function minHolding() external view returns (uint256) {
        return _minHolding();
    }
}
