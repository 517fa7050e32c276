// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Eligibility} from "../extensions/Eligibility.sol";
import {Granular} from "../extensions/Granular.sol";
import {Holdings} from "../extensions/Holdings.sol";
import {Restricted} from "../extensions/Restricted.sol";
import {SupplyCapped} from "../extensions/SupplyCapped.sol";

/**
 * @title RulesAdmin
 * @notice The compliance agent changes the token's rules without redeploying it; each change
 * is an event. The rules themselves are evaluated by the extensions on every transfer.
 */
abstract contract RulesAdmin is Eligibility, Holdings, SupplyCapped, Granular {
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
        _setSupplyCap(supplyCap_);
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

    function _restriction(Move memory move)
        internal
        view
        virtual
        override(Eligibility, Holdings, SupplyCapped, Granular)
        returns (uint8)
    {
        return super._restriction(move);
    }

    function _settle(Move memory move) internal virtual override(Restricted, Holdings) {
        super._settle(move);
    }
}
