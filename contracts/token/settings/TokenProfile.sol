// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IInvestorRegistry} from "../../operator/IInvestorRegistry.sol";
import {EligibilitySettings} from "./EligibilitySettings.sol";

/**
 * @title TokenProfile
 * @notice What a token is and how it starts: its asset class, governing law, issuer and (for
 * e-money) reserve auditor, and the configuration the factory creates it with ({TokenConfig}).
 * The transfer path ({DFAToken}) takes the configuration; the terms module ({DFATokenTerms})
 * stores it and answers for it.
 */
abstract contract TokenProfile {
    enum AssetClass {
        Equity,
        Debt,
        FundUnit,
        RealEstate,
        Commodity,
        UtilitySecured,
        AssetReferenced,
        EMoney
    }

    struct TokenConfig {
        string name;
        string symbol;
        uint8 decimals;
        AssetClass assetClass;
        uint16 jurisdiction; // ISO 3166-1 numeric code of the governing law
        address admin; // the issuer: publishes decisions, grants roles
        address issuerAgent;
        address complianceAgent;
        address enforcementAgent;
        address documentManager;
        address reserveAuditor; // attests the reserve of an e-money token; zero for other classes
        IInvestorRegistry registry;
        address pricingAgent; // sets the reference price; zero: the operator grants the role later
        uint256 supplyCap;
        uint256 granularity;
        uint256 maxBalance; // per investor, all wallets; 0: none
        uint256 minHolding; // per investor, all wallets, after a transfer or allocation; 0: none
        uint64 maxHolders; // 0: none
        uint64[4] maxCategoryHolders; // by category 1-3; 0: none
        EligibilitySettings.EligibilityConfig rules;
    }

    /// @custom:storage-location erc7201:dfa.storage.DFAToken
    struct TokenStorage {
        AssetClass assetClass;
        uint16 jurisdiction;
        address issuer;
        address reserveAuditor;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.DFAToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant TOKEN_STORAGE = 0xe49c86dfeef379d801a884905a222168d584bf5b9c725e3b03d332276e0c0700;

    error DFAInvalidJurisdiction(uint16 jurisdiction);
    error DFAReserveAuditorRequired();

    function _tokenStorage() internal pure returns (TokenStorage storage $) {
        assembly {
            $.slot := TOKEN_STORAGE
        }
    }
}
