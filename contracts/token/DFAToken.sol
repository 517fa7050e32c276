// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {Proxy} from "@openzeppelin/contracts/proxy/Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {IInvestorRegistry} from "../operator/IInvestorRegistry.sol";
import {IERC1404} from "./interfaces/IERC1404.sol";
import {IERC1643} from "./interfaces/IERC1643.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {Documents} from "./extensions/Documents.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {Enforcement} from "./extensions/Enforcement.sol";
import {LockUps} from "./extensions/LockUps.sol";
import {AmlHolds} from "./extensions/AmlHolds.sol";
import {Granular} from "./extensions/Granular.sol";
import {Holdings} from "./extensions/Holdings.sol";
import {Restricted} from "./extensions/Restricted.sol";
import {Allocation} from "./extensions/Allocation.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {PreChecks} from "./extensions/PreChecks.sol";
import {SupplyCapped} from "./extensions/SupplyCapped.sol";
import {DFATokenAdmin} from "./DFATokenAdmin.sol";
import {DFATokenTerms} from "./DFATokenTerms.sol";
import {PricingAdmin} from "./admin/PricingAdmin.sol";
import {RolesAdmin} from "./admin/RolesAdmin.sol";
import {RestrictionMessages} from "./RestrictionMessages.sol";

/**
 * @title DFAToken
 * @notice A digital financial asset: an ERC-20 that reaches only holders the rules admit,
 * issued only under published decisions, through a licensed operator. Deployed as a minimal
 * proxy (clone) of one implementation by {DFATokenFactory}.
 *
 * This contract holds the transfer path: ERC-20, the rules' checks, pre-checks, allocation and
 * redemption. Calls it does not implement (rule changes, decisions, enforcement acts,
 * documents) are delegated to {DFATokenAdmin}, whose address is fixed in this implementation's
 * code (it passes decisions, documents and pricing on to {DFATokenTerms}).
 *
 * Checks run in this order (the first refusal wins, and the pre-checks report the same):
 * pause and freezes, granularity, supply cap (mints), holding caps, AML approval, purchase
 * limit, eligibility of the parties, balance, and last the lock-ups.
 */
contract DFAToken is Initializable, Proxy, Allocation, PreChecks, AmlHolds, Holdings, SupplyCapped, Granular, LockUps {
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
        Eligibility.EligibilityConfig rules;
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

    /// @dev The administrative half every clone of this implementation delegates to.
    DFATokenAdmin public immutable adminModule;
    RestrictionMessages private immutable _messages;

    error DFAInvalidJurisdiction(uint16 jurisdiction);
    error DFAReserveAuditorRequired();

    constructor(DFATokenAdmin adminModule_, RestrictionMessages messages_) {
        adminModule = adminModule_;
        _messages = messages_;
        _disableInitializers(); // the implementation itself is never a token
    }

    /**
     * @dev Sets the token up; called once by the factory in the transaction that clones it.
     *
     * Requirements: every role holder is set (the pricing agent may be left to the operator), and
     * roles kept apart ({RolesAdmin-keptApart}) go to different accounts (the operator gets
     * OPERATOR_ROLE, which administers itself, ENFORCEMENT_ROLE and PRICING_ROLE); the
     * jurisdiction is an ISO 3166-1 numeric code;
     * an e-money token names its reserve auditor; rules and documents are valid.
     */
    function initialize(
        TokenConfig calldata config,
        Documents.DocumentInput[] calldata documents,
        address operator_,
        IOperatorLicenseRegistry licenses_
    ) external initializer {
        __ERC20_init(config.name, config.symbol);
        require(config.jurisdiction >= 1 && config.jurisdiction <= 999, DFAInvalidJurisdiction(config.jurisdiction));
        require(config.assetClass != AssetClass.EMoney || config.reserveAuditor != address(0), DFAReserveAuditorRequired());
        TokenStorage storage $ = _tokenStorage();
        _setDecimals(config.decimals);
        ($.assetClass, $.jurisdiction) = (config.assetClass, config.jurisdiction);
        ($.issuer, $.reserveAuditor) = (config.admin, config.reserveAuditor);
        // the grants run in the terms module, which keeps roles apart (RolesAdmin)
        _delegateToModule(abi.encodeCall(
            RolesAdmin.initializeRoles,
            (config.admin, config.issuerAgent, config.complianceAgent, config.enforcementAgent, config.documentManager,
                operator_)
        ));
        _delegateToModule(abi.encodeCall(RolesAdmin.initializePricingAgent, (config.pricingAgent)));
        _initDecisions(licenses_, operator_);
        _initEligibility(config.registry, config.rules);
        _setSupplyCap(config.supplyCap);
        _setGranularity(config.granularity);
        if (config.maxBalance != 0) _setMaxBalance(config.maxBalance);
        if (config.minHolding != 0) _setMinHolding(config.minHolding);
        if (config.maxHolders != 0 || config.maxCategoryHolders[1] != 0 || config.maxCategoryHolders[2] != 0
            || config.maxCategoryHolders[3] != 0) _setMaxHolders(config.maxHolders, config.maxCategoryHolders);
        _delegateToModule(abi.encodeCall(PricingAdmin.initializePricing, ()));
        if (documents.length != 0) _delegateToModule(abi.encodeCall(DFATokenTerms.initializeDocuments, (documents)));
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory) {
        return _messages.message(restrictionCode);
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

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC20).interfaceId || interfaceId == type(IERC1404).interfaceId
            || interfaceId == type(IERC1643).interfaceId || interfaceId == type(IERC7943Fungible).interfaceId
            || super.supportsInterface(interfaceId);
    }

    function _implementation() internal view override returns (address) {
        return address(adminModule);
    }

    function _restriction(Move memory move)
        internal
        view
        override(Eligibility, Allocation, AmlHolds, Holdings, SupplyCapped, Granular, LockUps)
        returns (uint8)
    {
        return super._restriction(move);
    }

    function _afterAllocation(address to, uint256 value, DecisionTerms storage terms) internal override {
        if (terms.lockupUntil > block.timestamp) _lock(to, value, terms.lockupUntil);
    }

    function _settle(Move memory move) internal override(Restricted, Allocation, AmlHolds, Holdings) {
        super._settle(move);
    }

    function _rulesBypassed() internal view override(Restricted, Enforcement) returns (bool) {
        return super._rulesBypassed();
    }

    /// @dev Every grant runs in the terms module, which keeps roles apart ({RolesAdmin}).
    function grantRole(bytes32, address) public override {
        _fallback();
    }

    function _delegateToModule(bytes memory call) private {
        // slither-disable-next-line unused-return (the initializers return nothing)
        Address.functionDelegateCall(address(adminModule), call);
    }

    function _tokenStorage() private pure returns (TokenStorage storage $) {
        assembly {
            $.slot := TOKEN_STORAGE
        }
    }
}
