// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {IInvestorRegistry} from "../operator/IInvestorRegistry.sol";
import {IERC1404} from "./interfaces/IERC1404.sol";
import {IERC1643} from "./interfaces/IERC1643.sol";
import {ITransferChecks} from "./interfaces/ITransferChecks.sol";
import {Documents} from "./extensions/Documents.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {Granular} from "./extensions/Granular.sol";
import {IssuanceDecisions} from "./extensions/IssuanceDecisions.sol";
import {SupplyCapped} from "./extensions/SupplyCapped.sol";

/**
 * @title DFAToken
 * @notice A digital financial asset: an ERC-20 that reaches only holders the rules admit,
 * issued only under published decisions, through a licensed operator. Deployed as a minimal
 * proxy (clone) of one implementation by {DFATokenFactory}.
 *
 * Checks run in this order (the first refusal wins, and the pre-checks report the same):
 * granularity, supply cap (mints), eligibility of the parties, balance.
 */
contract DFAToken is Initializable, Documents, IssuanceDecisions, SupplyCapped, Granular {
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
        uint256 supplyCap;
        uint256 granularity;
        Eligibility.EligibilityConfig rules;
    }

    struct DocumentInput {
        bytes32 name;
        string uri;
        bytes32 documentHash;
    }

    uint8 private _decimals;
    AssetClass private _assetClass;
    uint16 private _jurisdiction;
    address private _issuer;
    address private _reserveAuditor;

    error DFAInvalidRoleHolder(bytes32 role);
    error DFAInvalidJurisdiction(uint16 jurisdiction);
    error DFAReserveAuditorRequired();

    constructor() {
        _disableInitializers(); // the implementation itself is never a token
    }

    /**
     * @dev Sets the token up; called once by the factory in the transaction that clones it.
     *
     * Requirements: every role holder is set; the jurisdiction is an ISO 3166-1 numeric code;
     * an e-money token names its reserve auditor; rules and documents are valid.
     */
    function initialize(
        TokenConfig calldata config,
        DocumentInput[] calldata documents,
        address operator_,
        IOperatorLicenseRegistry licenses_
    ) external initializer {
        __ERC20_init(config.name, config.symbol);
        require(config.jurisdiction >= 1 && config.jurisdiction <= 999, DFAInvalidJurisdiction(config.jurisdiction));
        require(config.assetClass != AssetClass.EMoney || config.reserveAuditor != address(0), DFAReserveAuditorRequired());
        _decimals = config.decimals;
        _assetClass = config.assetClass;
        _jurisdiction = config.jurisdiction;
        _issuer = config.admin;
        _reserveAuditor = config.reserveAuditor;
        _grantRoleTo(DEFAULT_ADMIN_ROLE, config.admin);
        _grantRoleTo(ISSUER_AGENT_ROLE, config.issuerAgent);
        _grantRoleTo(COMPLIANCE_ROLE, config.complianceAgent);
        _grantRoleTo(ENFORCEMENT_ROLE, config.enforcementAgent);
        _grantRoleTo(DOCUMENT_MANAGER_ROLE, config.documentManager);
        _initDecisions(licenses_, operator_);
        _initEligibility(config.registry, config.rules);
        _setSupplyCap(config.supplyCap);
        _setGranularity(config.granularity);
        for (uint256 i = 0; i < documents.length; ++i) {
            _setDocument(documents[i].name, documents[i].uri, documents[i].documentHash);
        }
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @dev What the token is: equity, debt, fund unit, real estate, commodity, secured utility, asset-referenced, e-money.
    function assetClass() external view returns (AssetClass) {
        return _assetClass;
    }

    /// @dev ISO 3166-1 numeric code of the country whose law governs the token.
    function jurisdiction() external view returns (uint16) {
        return _jurisdiction;
    }

    /// @dev The issuer the token was created for.
    function issuer() external view returns (address) {
        return _issuer;
    }

    function reserveAuditor() external view returns (address) {
        return _reserveAuditor;
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC20).interfaceId || interfaceId == type(IERC1404).interfaceId
            || interfaceId == type(IERC1643).interfaceId || interfaceId == type(ITransferChecks).interfaceId
            || super.supportsInterface(interfaceId);
    }

    function _restriction(address from, address to, uint256 value)
        internal
        view
        override(Eligibility, SupplyCapped, Granular)
        returns (uint8)
    {
        return super._restriction(from, to, value);
    }

    function _grantRoleTo(bytes32 role, address account) private {
        require(account != address(0), DFAInvalidRoleHolder(role));
        _grantRole(role, account);
    }
}
