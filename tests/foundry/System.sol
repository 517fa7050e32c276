// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {OperatorLicenseRegistry} from "../../contracts/regulator/OperatorLicenseRegistry.sol";
import {LicenseScopes} from "../../contracts/regulator/LicenseScopes.sol";
import {InvestorRegistry} from "../../contracts/operator/InvestorRegistry.sol";
import {IInvestorRegistry} from "../../contracts/operator/IInvestorRegistry.sol";
import {IPurchaseLimits} from "../../contracts/operator/IPurchaseLimits.sol";
import {PurchaseLimits} from "../../contracts/operator/PurchaseLimits.sol";
import {DFATokenFactory} from "../../contracts/issuer/DFATokenFactory.sol";
import {DFAToken} from "../../contracts/token/DFAToken.sol";
import {TokenProfile} from "../../contracts/token/settings/TokenProfile.sol";
import {DFATokenTerms} from "../../contracts/token/DFATokenTerms.sol";
import {Documents} from "../../contracts/token/extensions/Documents.sol";
import {EligibilitySettings} from "../../contracts/token/settings/EligibilitySettings.sol";
import {IssuanceDecisions} from "../../contracts/token/extensions/IssuanceDecisions.sol";
import {Vm} from "./lib/Vm.sol";

/**
 * @title DFASystem
 * @notice The system as production sets it up: the regulator's licence registry, an operator
 * licensed for issuance and the investor registry, its registry (two registrars) and purchase
 * limits (retail 1,000 USD per 30 days, qualified 10,000 USD per 7 days), the factory over one
 * implementation, and two tokens created through the factory by the operator (a bond with 2
 * decimals under a decision with a 90-day lock-up and one without, a real-estate token with 0
 * decimals and holder caps); ten wallets, six of them onboarded investors. Contracts are deployed
 * from forge's build output (`deployCode`), so no creation code is carried here.
 */
abstract contract DFASystem {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bytes32 internal constant ISSUER_AGENT_ROLE = keccak256("ISSUER_AGENT_ROLE");
    bytes32 internal constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    bytes32 internal constant ENFORCEMENT_ROLE = keccak256("ENFORCEMENT_ROLE");
    bytes32 internal constant DOCUMENT_MANAGER_ROLE = keccak256("DOCUMENT_MANAGER_ROLE");
    bytes32 internal constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    bytes32 internal constant REGULATOR_ROLE = keccak256("REGULATOR_ROLE");
    bytes32 internal constant LIMITS_ADMIN_ROLE = keccak256("LIMITS_ADMIN_ROLE");
    bytes32 internal constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    bytes32 internal constant PRICING_ROLE = keccak256("PRICING_ROLE");
    uint16 internal constant KZ = 398;
    uint16 internal constant US = 840;
    uint256 internal constant WALLETS = 10;
    uint256 internal constant ONBOARDED = 6;

    OperatorLicenseRegistry public licences;
    InvestorRegistry public registry;
    PurchaseLimits public limits;
    DFATokenFactory public factory;
    DFAToken[2] public tokens;

    address internal regulator = address(0xA001);
    address internal operator = address(0xA002);
    address internal registrar = address(0xA003);
    address internal registrar2 = address(0xA004);
    address internal issuer = address(0xA005);
    address internal issuerAgent = address(0xA006);
    address internal compliance = address(0xA007);
    address internal enforcement = address(0xA008);
    address internal documents = address(0xA009);
    address internal outsider = address(0xA00A);
    address internal pricer = address(0xA00B);

    /// @dev Role holders and outsiders first, then the wallets investors may use.
    address[] internal everyone;
    address[] internal wallets;
    /// @dev Every investor id ever registered (six at the start).
    bytes32[] internal ids;
    /// @dev Decisions published per token.
    mapping(uint256 token => bytes32[]) internal decisions;

    function _deploySystem() internal {
        vm.warp(1_800_000_000); // 2027-01-15: a fixed start, as the Python chains pin genesis
        everyone = [regulator, operator, registrar, registrar2, issuer, issuerAgent, compliance, enforcement,
            documents, outsider, pricer];
        for (uint256 i = 0; i < WALLETS; ++i) {
            wallets.push(address(uint160(0xB000 + i)));
            everyone.push(wallets[i]);
        }

        licences = OperatorLicenseRegistry(
            vm.deployCode("OperatorLicenseRegistry.sol:OperatorLicenseRegistry", abi.encode(regulator, regulator))
        );
        vm.prank(regulator);
        licences.grantLicense(operator, "CB-DFA-0001", keccak256("Alpha JSC"),
            LicenseScopes.ISSUANCE | LicenseScopes.INVESTOR_REGISTRY, uint64(block.timestamp + 3650 days));
        registry = InvestorRegistry(
            vm.deployCode("InvestorRegistry.sol:InvestorRegistry", abi.encode(address(licences), operator))
        );
        vm.prank(operator);
        registry.grantRole(REGISTRAR_ROLE, registrar);
        vm.prank(operator);
        registry.grantRole(REGISTRAR_ROLE, registrar2);

        address messages = vm.deployCode("RestrictionMessages.sol:RestrictionMessages", "");
        address terms = vm.deployCode("DFATokenTerms.sol:DFATokenTerms", "");
        address admin = vm.deployCode("DFATokenAdmin.sol:DFATokenAdmin", abi.encode(terms));
        address implementation = vm.deployCode("DFAToken.sol:DFAToken", abi.encode(admin, messages));
        factory = DFATokenFactory(
            vm.deployCode("DFATokenFactory.sol:DFATokenFactory", abi.encode(address(licences), implementation))
        );
        limits = PurchaseLimits(
            vm.deployCode("PurchaseLimits.sol:PurchaseLimits", abi.encode(address(factory), operator))
        );
        vm.prank(operator);
        limits.setLimit(1, 1_000_00, "USD", 30 days);
        vm.prank(operator);
        limits.setLimit(2, 10_000_00, "USD", 7 days);
        vm.prank(operator);
        registry.setPurchaseLimits(limits); // every token of the operator applies them

        tokens[0] = _createToken("Sovereign Green Bond", "SGB", 2, 10_000_000_00, 0, 0, "SGB");
        tokens[1] = _createToken("Astana Tower", "AST", 0, 100_000, 3, 2, "AST");
        _publish(0, "SGB-1", 1_000_000_00, 100_00, 0);
        _publish(0, "SGB-2", 1_000_000_00, 100_00, uint64(block.timestamp + 90 days));
        _publish(1, "AST-1", 50_000, 50_00, 0);
        for (uint256 t = 0; t < 2; ++t) {
            vm.prank(operator);
            limits.setPriceBounds(address(tokens[t]), 1_00, 500_00, "USD", 30 days);
            vm.prank(pricer);
            (bool ok,) = address(tokens[t]).call(
                abi.encodeWithSignature("setReferencePrice(uint256,bytes3,uint8)", 100_00, bytes3("USD"), 2)
            );
            require(ok, "setReferencePrice");
            // the even wallets consent to any acquisition pushed to them; the odd ones to none yet
            for (uint256 i = 0; i < WALLETS; i += 2) {
                vm.prank(wallets[i]);
                (ok,) = address(tokens[t]).call(abi.encodeWithSignature("setAcquisitionConsent(uint256)", type(uint256).max));
                require(ok, "setAcquisitionConsent");
            }
        }

        // investors: retail, retail, qualified, professional, a retail non-resident, a resident company
        uint8[6] memory categories = [1, 1, 2, 3, 1, 2];
        uint8[6] memory kinds = [1, 1, 1, 1, 1, 2];
        uint16[6] memory residencies = [KZ, KZ, KZ, KZ, US, KZ];
        for (uint256 i = 0; i < ONBOARDED; ++i) {
            bytes32 id = investorId(i);
            ids.push(id);
            vm.prank(registrar);
            registry.registerInvestor(
                id, wallets[i], profile(categories[i], kinds[i], residencies[i], uint40(block.timestamp + 365 days))
            );
        }
    }

    function investorId(uint256 n) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode("investor", n))) >> 96);
    }

    function profile(uint8 category, uint8 kind, uint16 residency, uint40 kycValidUntil)
        internal
        pure
        returns (InvestorRegistry.Profile memory)
    {
        return InvestorRegistry.Profile(category, kind, residency, residency, kycValidUntil, 0);
    }

    function _createToken(
        string memory name,
        string memory symbol,
        uint8 decimals,
        uint256 supplyCap,
        uint64 maxHolders,
        uint64 maxRetailHolders,
        bytes32 salt
    ) private returns (DFAToken) {
        uint16[] memory none = new uint16[](0);
        DFAToken.TokenConfig memory config = TokenProfile.TokenConfig({
            name: name,
            symbol: symbol,
            decimals: decimals,
            assetClass: TokenProfile.AssetClass.Debt,
            jurisdiction: KZ,
            admin: issuer,
            issuerAgent: issuerAgent,
            complianceAgent: compliance,
            enforcementAgent: enforcement,
            documentManager: documents,
            reserveAuditor: address(0),
            registry: IInvestorRegistry(address(registry)),
            pricingAgent: pricer,
            supplyCap: supplyCap,
            granularity: 1,
            maxBalance: 0,
            minHolding: 0,
            maxHolders: maxHolders,
            maxCategoryHolders: [uint64(0), maxRetailHolders, 0, 0],
            rules: EligibilitySettings.EligibilityConfig({
                categories: 0x0e,
                kinds: 0x06,
                countryAllowlist: false,
                allowedCountries: none,
                deniedCountries: none,
                denyRules: new EligibilitySettings.DenyRule[](0)
            })
        });
        vm.prank(operator);
        return factory.createToken(config, new Documents.DocumentInput[](0), salt);
    }

    function _publish(uint256 t, bytes32 id, uint256 cap, uint256 price, uint64 lockupUntil) internal {
        vm.prank(issuer);
        DFATokenTerms(address(tokens[t])).publishDecision(id, decisionTerms(cap, price, lockupUntil));
        decisions[t].push(id);
    }

    function decisionTerms(uint256 cap, uint256 price, uint64 lockupUntil)
        internal
        view
        returns (IssuanceDecisions.DecisionTerms memory)
    {
        return IssuanceDecisions.DecisionTerms({
            documentHash: keccak256("decision"),
            cap: cap,
            minSubscription: 0,
            price: price,
            currency: "USD",
            currencyMinorUnits: 2,
            categories: 0x0e,
            subscriptionStart: uint64(block.timestamp),
            subscriptionEnd: uint64(block.timestamp + 365 days),
            lockupUntil: lockupUntil
        });
    }
}
