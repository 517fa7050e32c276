// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {Restricted} from "./Restricted.sol";
import {TokenRoles} from "./TokenRoles.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Eligibility
 * @notice Who may hold the token: both parties of a transfer (the receiver of a mint) are
 * verified investors of the operator's registry whose category, kind and countries the
 * token admits, and whom no deny rule catches.
 *
 * Gas: each party's record is read once (one call to the registry), and the rules live in
 * this contract, so evaluating them costs storage reads, never an external call per rule.
 */
abstract contract Eligibility is Restricted, TokenRoles {
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
        IInvestorRegistry registry;
        uint8 categories; // bit (1 << category) set: the category may hold
        uint8 kinds; // bit (1 << kind) set: the kind may hold
        bool countryAllowlist; // when set, only residents of Allowed countries may hold
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

    function registry() public view returns (IInvestorRegistry) {
        return _eligibilityStorage().registry;
    }

    /// @dev The rules: admitted categories and kinds (bit masks), whether countries are an allowlist, deny rules.
    function eligibilityRules()
        external
        view
        returns (uint8 categories, uint8 kinds, bool countryAllowlist, DenyRule[] memory denyRules)
    {
        EligibilityStorage storage $ = _eligibilityStorage();
        return ($.categories, $.kinds, $.countryAllowlist, $.denyRules);
    }

    function countryRule(uint16 country) external view returns (CountryRule) {
        return _eligibilityStorage().countryRules[country];
    }

    function _initEligibility(IInvestorRegistry registry_, EligibilityConfig calldata config) internal {
        _eligibilityStorage().registry = registry_;
        _setCategories(config.categories);
        _setKinds(config.kinds);
        if (config.countryAllowlist) _setCountryAllowlist(true);
        _setCountryRules(config.allowedCountries, CountryRule.Allowed);
        _setCountryRules(config.deniedCountries, CountryRule.Denied);
        if (config.denyRules.length != 0) _setDenyRules(config.denyRules);
    }

    function _setCountryAllowlist(bool enabled) internal {
        _eligibilityStorage().countryAllowlist = enabled;
        emit CountryAllowlistSet(enabled, _msgSender());
    }

    function _setCategories(uint8 categories) internal {
        require(categories != 0 && categories & ~uint8(0x0e) == 0, DFAInvalidCategories(categories));
        _eligibilityStorage().categories = categories;
        emit InvestorCategoriesSet(categories, _msgSender());
    }

    function _setKinds(uint8 kinds) internal {
        require(kinds != 0 && kinds & ~uint8(0x06) == 0, DFAInvalidKinds(kinds));
        _eligibilityStorage().kinds = kinds;
        emit InvestorKindsSet(kinds, _msgSender());
    }

    function _setCountryRules(uint16[] calldata countries, CountryRule rule) internal {
        for (uint256 i = 0; i < countries.length; ++i) {
            uint16 country = countries[i];
            require(country >= 1 && country <= 999, DFAInvalidCountry(country));
            _eligibilityStorage().countryRules[country] = rule;
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
        emit DenyRulesSet(rules, _msgSender());
    }

    function _restriction(address from, address to, uint256 value) internal view virtual override returns (uint8) {
        if (from != address(0) && to != address(0)) {
            uint8 code = _partyRestriction(from, 0);
            if (code == Restrictions.SUCCESS) code = _partyRestriction(to, 1);
            if (code != Restrictions.SUCCESS) return code;
        } else if (from == address(0)) {
            uint8 code = _partyRestriction(to, 1);
            if (code != Restrictions.SUCCESS) return code;
        } // a burn (redemption) is allowed whatever the holder's standing
        return super._restriction(from, to, value);
    }

    /// @dev The sender's reason for `wallet` (`asReceiver` 0), or the receiver's (1).
    function _partyRestriction(address wallet, uint8 asReceiver) internal view returns (uint8) {
        EligibilityStorage storage $ = _eligibilityStorage();
        (bytes32 investorId, IInvestorRegistry.Investor memory investor) = $.registry.identityOf(wallet);
        if (investorId == bytes32(0)) return Restrictions.SENDER_NOT_REGISTERED + asReceiver;
        if (investor.status != IInvestorRegistry.Status.Active) return Restrictions.SENDER_SUSPENDED + asReceiver;
        if (block.timestamp >= investor.kycValidUntil) return Restrictions.SENDER_KYC_EXPIRED + asReceiver;
        if ($.categories & (1 << investor.category) == 0) {
            return Restrictions.SENDER_CATEGORY_NOT_ALLOWED + asReceiver;
        }
        if ($.kinds & (1 << investor.kind) == 0) return Restrictions.SENDER_KIND_NOT_ALLOWED + asReceiver;
        if (!_countryAdmitted($, investor)) return Restrictions.SENDER_COUNTRY_NOT_ALLOWED + asReceiver;
        if (_denied($, investor)) return Restrictions.SENDER_DENIED_BY_RULE + asReceiver;
        return Restrictions.SUCCESS;
    }

    function _countryAdmitted(EligibilityStorage storage $, IInvestorRegistry.Investor memory investor)
        private
        view
        returns (bool)
    {
        CountryRule residence = $.countryRules[investor.residency];
        if (residence == CountryRule.Denied) return false;
        if ($.countryAllowlist && residence != CountryRule.Allowed) return false;
        return investor.country == investor.residency || $.countryRules[investor.country] != CountryRule.Denied;
    }

    function _denied(EligibilityStorage storage $, IInvestorRegistry.Investor memory investor)
        private
        view
        returns (bool)
    {
        uint256 count = $.denyRules.length;
        for (uint256 i = 0; i < count; ++i) {
            DenyRule storage rule = $.denyRules[i];
            if (
                (rule.country == 0 || rule.country == investor.country)
                    && (rule.residency == 0 || rule.residency == investor.residency)
                    && (rule.categories == 0 || rule.categories & (1 << investor.category) != 0)
                    && (rule.kinds == 0 || rule.kinds & (1 << investor.kind) != 0)
                    && investor.flags & rule.exemptFlags == 0
            ) return true;
        }
        return false;
    }

    function _eligibilityStorage() private pure returns (EligibilityStorage storage $) {
        assembly {
            $.slot := ELIGIBILITY_STORAGE
        }
    }
}
