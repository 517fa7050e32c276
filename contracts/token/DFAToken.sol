// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {Proxy} from "@openzeppelin/contracts/proxy/Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {IERC1404} from "./interfaces/IERC1404.sol";
import {IERC1643} from "./interfaces/IERC1643.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {Documents} from "./extensions/Documents.sol";
import {Allocation} from "./extensions/Allocation.sol";
import {PreChecks} from "./extensions/PreChecks.sol";
import {TokenProfile} from "./settings/TokenProfile.sol";
import {DFATokenAdmin} from "./DFATokenAdmin.sol";
import {RestrictionMessages} from "./RestrictionMessages.sol";

/**
 * @title DFAToken
 * @notice A digital financial asset: an ERC-20 that reaches only holders the rules admit,
 * issued only under published decisions, through a licensed operator. Deployed as a minimal
 * proxy (clone) of one implementation by {DFATokenFactory}.
 *
 * This contract holds the transfer path: ERC-20, the rules' checks ({DFATokenRules}, which also
 * fixes their order), pre-checks, allocation and redemption. Calls it does not implement (rule
 * changes, decisions, enforcement acts, documents, the views of rules and terms) are delegated to
 * {DFATokenAdmin}, whose address is fixed in this implementation's code (it passes decisions,
 * documents, rule settings and role grants on to {DFATokenTerms}).
 */
contract DFAToken is Initializable, Proxy, TokenProfile, Allocation, PreChecks {
    /// @dev The administrative half every clone of this implementation delegates to.
    DFATokenAdmin public immutable adminModule;
    RestrictionMessages private immutable _messages;

    constructor(DFATokenAdmin adminModule_, RestrictionMessages messages_) {
        adminModule = adminModule_;
        _messages = messages_;
        _disableInitializers(); // the implementation itself is never a token
    }

    /**
     * @dev Sets the token up; called once by the factory in the transaction that clones it. The
     * ERC-20 name and symbol are set here; the rest, by the terms module in the same call
     * ({DFATokenTerms-initialize}, in this token's storage).
     *
     * Requirements: every role holder is set (the pricing agent may be left to the operator), and
     * roles kept apart ({RolesAdmin-keptApart}) go to different accounts (the operator gets
     * OPERATOR_ROLE, which administers itself, ENFORCEMENT_ROLE and PRICING_ROLE); the
     * jurisdiction is an ISO 3166-1 numeric code;
     * an e-money token names its reserve auditor; rules and documents are valid.
     */
    function initialize(
        TokenConfig calldata config,
        Documents.DocumentInput[] calldata,
        address,
        IOperatorLicenseRegistry
    ) external initializer {
        __ERC20_init(config.name, config.symbol);
        // slither-disable-next-line unused-return (the terms module's initializer returns nothing)
        Address.functionDelegateCall(address(adminModule), msg.data);
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory) {
        return _messages.message(restrictionCode);
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC20).interfaceId || interfaceId == type(IERC1404).interfaceId
            || interfaceId == type(IERC1643).interfaceId || interfaceId == type(IERC7943Fungible).interfaceId
            || super.supportsInterface(interfaceId);
    }

    function _implementation() internal view override returns (address) {
        return address(adminModule);
    }

    /// @dev Every grant runs in the terms module, which keeps roles apart ({RolesAdmin}).
    function grantRole(bytes32, address) public override {
        _fallback();
    }
}
