// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "../regulator/LicenseScopes.sol";
import {IInvestorRegistry} from "../operator/IInvestorRegistry.sol";
import {DFAToken} from "../token/DFAToken.sol";
import {Documents} from "../token/extensions/Documents.sol";

/**
 * @title DFATokenFactory
 * @notice Deploys DFA tokens as clones of one implementation, set up in the same transaction
 * (all or nothing), only for an operator whose issuance licence is in force, at an address
 * fixed by the operator and a salt. Records which operator and issuer own each token.
 */
contract DFATokenFactory {
    struct TokenRecord {
        address operator;
        address issuer;
    }

    DFAToken public immutable implementation;
    IOperatorLicenseRegistry public immutable licenses;

    mapping(address token => TokenRecord) private _records;
    address[] private _tokens;

    event TokenCreated(
        address indexed token, address indexed operator, address indexed issuer, bytes32 salt, string symbol
    );

    error FactoryOperatorNotLicensed(address operator);
    error FactoryForeignRegistry(address registry, address operator);
    /// @dev `registry` checks its operator's licence in `licenses`, not in the regulator's `expected`.
    error FactoryRegistryUnderOtherLicenses(address registry, address licenses, address expected);
    /// @dev `operator`, who keeps `registry`, holds no investor-registry licence in force.
    error FactoryRegistryNotLicensed(address registry, address operator);

    constructor(IOperatorLicenseRegistry licenses_, DFAToken implementation_) {
        licenses = licenses_;
        implementation = implementation_;
    }

    /**
     * @dev Creates a token for the calling operator.
     *
     * Requirements: the caller's issuance licence is in force; `config.registry` is the
     * caller's own investor registry, checks licences in this factory's licence registry (the
     * regulator's), and the caller's investor-registry licence is in force there; `salt` not
     * used before by the caller; the config is valid.
     *
     * Emits {TokenCreated}.
     */
    function createToken(
        DFAToken.TokenConfig calldata config,
        Documents.DocumentInput[] calldata documents,
        bytes32 salt
    ) external returns (DFAToken token) {
        address operator = msg.sender;
        require(licenses.isLicensed(operator, LicenseScopes.ISSUANCE), FactoryOperatorNotLicensed(operator));
        IInvestorRegistry registry = config.registry;
        require(registry.operator() == operator, FactoryForeignRegistry(address(registry), operator));
        IOperatorLicenseRegistry registryLicenses = registry.licenses();
        require(
            registryLicenses == licenses,
            FactoryRegistryUnderOtherLicenses(address(registry), address(registryLicenses), address(licenses))
        );
        require(
            licenses.isLicensed(operator, LicenseScopes.INVESTOR_REGISTRY),
            FactoryRegistryNotLicensed(address(registry), operator)
        );
        token = DFAToken(payable(Clones.cloneDeterministic(address(implementation), _salt(operator, salt))));
        token.initialize(config, documents, operator, licenses);
        _records[address(token)] = TokenRecord(operator, config.admin);
        _tokens.push(address(token));
        emit TokenCreated(address(token), operator, config.admin, salt, config.symbol);
    }

    /// @dev The address {createToken} gives `operator`'s token created with `salt`.
    function predictAddress(address operator, bytes32 salt) external view returns (address) {
        return Clones.predictDeterministicAddress(address(implementation), _salt(operator, salt));
    }

    /// @dev Who owns `token`; zero addresses when this factory did not create it.
    function recordOf(address token) external view returns (TokenRecord memory) {
        return _records[token];
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    // Salts are per operator, so no one can take the address another operator plans to use.
    function _salt(address operator, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(operator, salt));
    }
}
