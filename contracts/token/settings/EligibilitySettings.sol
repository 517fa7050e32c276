// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {InvestorRecords} from "../../operator/InvestorRecords.sol";
import {TokenSettings} from "./TokenSettings.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title EligibilitySettings
 * @notice Who may hold the token, as settings: the admitted categories and kinds (in the settings
 * slot), country rules and deny rules; and how a party is judged against them ({_partyRestriction}).
 * The rule that applies them to every move is {Eligibility}; the terms module sets them.
 *
 * Gas: admitted categories and kinds come with the move's settings slot; a country rule costs a
 * read only when some country has one, a deny rule only when there are any.
 */
abstract contract EligibilitySettings is TokenSettings {
    using InvestorRecords for uint256;

    enum CountryRule {
        None,
        Allowed,
        Denied
    }

    /**
     * @dev Denies investors matching every set condition (zero means "any"), unless they carry
     * one of `exemptFlags`. The Astana pilot's "resident legal entities may not trade, except
     * licensed miners": {residency: 398, kinds: 1 << 2, exemptFlags: LICENSED_MINER}.
     */
    struct DenyRule {
        uint16 country;
        uint16 residency;
        uint8 categories; // bit (1 << category)
        uint8 kinds; // bit (1 << kind)
        uint32 exemptFlags;
    }

    /// @dev The eligibility rules a token starts with.
    struct EligibilityConfig {
        uint8 categories;
        uint8 kinds;
        bool countryAllowlist;
        uint16[] allowedCountries;
        uint16[] deniedCountries;
        DenyRule[] denyRules;
    }

    uint256 public constant MAX_DENY_RULES = 8;

    /// @custom:storage-location erc7201:dfa.storage.Eligibility
    struct EligibilityStorage {
        mapping(uint16 country => CountryRule) countryRules;
        DenyRule[] denyRules;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Eligibility")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ELIGIBILITY_STORAGE = 0x0df9e2e25908ca916af01fedf8f5c13b7b34b0a679a0b4a84a8c918495260c00;

    event InvestorCategoriesSet(uint8 categories, address indexed actor);
    event InvestorKindsSet(uint8 kinds, address indexed actor);
    event CountryAllowlistSet(bool enabled, address indexed actor);
    event CountryRuleSet(uint16 indexed country, CountryRule rule, address indexed actor);
    event DenyRulesSet(DenyRule[] rules, address indexed actor);

    error DFAInvalidCategories(uint8 categories);
    error DFAInvalidKinds(uint8 kinds);
    error DFAInvalidCountry(uint16 country);
    error DFAInvalidDenyRule(uint256 index);
    error DFATooManyDenyRules(uint256 count, uint256 max);

    function _initEligibility(IInvestorRegistry registry_, EligibilityConfig calldata config) internal {
        _settings().registry = registry_;
        _setCategories(config.categories);
        _setKinds(config.kinds);
        if (config.countryAllowlist) _setCountryAllowlist(true);
        _setCountryRules(config.allowedCountries, CountryRule.Allowed);
        _setCountryRules(config.deniedCountries, CountryRule.Denied);
        if (config.denyRules.length != 0) _setDenyRules(config.denyRules);
    }

    function _setCountryAllowlist(bool enabled) internal {
        _settings().countryAllowlist = enabled;
        emit CountryAllowlistSet(enabled, _msgSender());
    }

    function _setCategories(uint8 categories) internal {
        require(categories != 0 && categories & ~uint8(0x0e) == 0, DFAInvalidCategories(categories));
        _settings().categories = categories;
        emit InvestorCategoriesSet(categories, _msgSender());
    }

    function _setKinds(uint8 kinds) internal {
        require(kinds != 0 && kinds & ~uint8(0x06) == 0, DFAInvalidKinds(kinds));
        _settings().kinds = kinds;
        emit InvestorKindsSet(kinds, _msgSender());
    }

    function _setCountryRules(uint16[] calldata countries, CountryRule rule) internal {
        for (uint256 i = 0; i < countries.length; ++i) {
            uint16 country = countries[i];
            require(country >= 1 && country <= 999, DFAInvalidCountry(country));
            _eligibilityStorage().countryRules[country] = rule;
            if (rule != CountryRule.None) _setFeature(FEATURE_COUNTRY_RULES, true); // never cleared: cheap to keep
            emit CountryRuleSet(country, rule, _msgSender());
        }
    }

    function _setDenyRules(DenyRule[] calldata rules) internal {
        require(rules.length <= MAX_DENY_RULES, DFATooManyDenyRules(rules.length, MAX_DENY_RULES));
        DenyRule[] storage denyRules = _eligibilityStorage().denyRules;
        delete _eligibilityStorage().denyRules;
        for (uint256 i = 0; i < rules.length; ++i) {
            DenyRule calldata rule = rules[i];
            bool anyCondition = rule.country != 0 || rule.residency != 0 || rule.categories != 0 || rule.kinds != 0;
            require(anyCondition, DFAInvalidDenyRule(i));
            denyRules.push(rule);
        }
        _settings().denyRules = uint8(rules.length);
        emit DenyRulesSet(rules, _msgSender());
    }

    /// @dev The sender's reason against the investor `record` (`asReceiver` 0: its standing only), or the receiver's (1).
    function _partyRestriction(Settings memory settings, uint256 record, uint8 asReceiver)
        internal
        view
        returns (uint8)
    {
        if (record == 0) return Restrictions.SENDER_NOT_REGISTERED + asReceiver;
        if (record.status() != InvestorRecords.ACTIVE) return Restrictions.SENDER_SUSPENDED + asReceiver;
        if (block.timestamp >= record.kycValidUntil()) return Restrictions.SENDER_KYC_EXPIRED + asReceiver;
        if (asReceiver == 0) return Restrictions.SUCCESS; // the token's holding rules judge the acquirer only
        if (settings.categories & (1 << record.category()) == 0) {
            return Restrictions.SENDER_CATEGORY_NOT_ALLOWED + asReceiver;
        }
        if (settings.kinds & (1 << record.kind()) == 0) return Restrictions.SENDER_KIND_NOT_ALLOWED + asReceiver;
        bool countriesRuled = settings.countryAllowlist || settings.features & FEATURE_COUNTRY_RULES != 0;
        if (countriesRuled && !_countryAdmitted(settings, record)) {
            return Restrictions.SENDER_COUNTRY_NOT_ALLOWED + asReceiver;
        }
        if (settings.denyRules != 0 && _denied(record)) return Restrictions.SENDER_DENIED_BY_RULE + asReceiver;
        return Restrictions.SUCCESS;
    }

    function _countryAdmitted(Settings memory settings, uint256 record) private view returns (bool) {
        EligibilityStorage storage $ = _eligibilityStorage();
        (uint16 country, uint16 residency) = (record.country(), record.residency());
        CountryRule residence = $.countryRules[residency];
        if (residence == CountryRule.Denied) return false;
        if (settings.countryAllowlist && residence != CountryRule.Allowed) return false;
        return country == residency || $.countryRules[country] != CountryRule.Denied;
    }

    function _denied(uint256 record) private view returns (bool) {
        DenyRule[] storage rules = _eligibilityStorage().denyRules;
        uint256 count = rules.length;
        for (uint256 i = 0; i < count; ++i) {
            DenyRule storage rule = rules[i];
            if (
                (rule.country == 0 || rule.country == record.country())
                    && (rule.residency == 0 || rule.residency == record.residency())
                    && (rule.categories == 0 || rule.categories & (1 << record.category()) != 0)
                    && (rule.kinds == 0 || rule.kinds & (1 << record.kind()) != 0)
                    && record.flags() & rule.exemptFlags == 0
            ) return true;
        }
        return false;
    }

    function _eligibilityStorage() internal pure returns (EligibilityStorage storage $) {
        assembly {
            $.slot := ELIGIBILITY_STORAGE
        }
    }
}
