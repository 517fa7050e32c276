// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";

/**
 * @title TokenRoles
 * @notice The separate roles of a DFA token; no single key does everything. The token admin
 * (DEFAULT_ADMIN_ROLE, the issuer) publishes issuance decisions and grants the issuer-side
 * roles (issuer agent, compliance, documents). OPERATOR_ROLE is held by the operator that
 * created the token and administers itself, ENFORCEMENT_ROLE (freezes, forced transfers,
 * recovery) and PRICING_ROLE (the reference price the operator's purchase limits value
 * transfers at), so the issuer can neither make itself the enforcer nor value its own token.
 * Roles kept apart whoever grants them: see {RolesAdmin}.
 */
abstract contract TokenRoles is AccessControlUpgradeable {
    /// @dev Allocates (mints) under a decision and redeems (burns).
    bytes32 public constant ISSUER_AGENT_ROLE = keccak256("ISSUER_AGENT_ROLE");
    /// @dev Changes the eligibility rules.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @dev Freezes, forces transfers and recovers wallets under a legal basis.
    bytes32 public constant ENFORCEMENT_ROLE = keccak256("ENFORCEMENT_ROLE");
    /// @dev Publishes and removes the token's documents.
    bytes32 public constant DOCUMENT_MANAGER_ROLE = keccak256("DOCUMENT_MANAGER_ROLE");
    /// @dev The token's operator: administers the roles the issuer must not hand out; its own admin.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @dev Sets the reference price transfers are valued at; administered by the operator, never by the issuer.
    bytes32 public constant PRICING_ROLE = keccak256("PRICING_ROLE");

    /// @dev OPERATOR_ROLE administers itself, ENFORCEMENT_ROLE and PRICING_ROLE, fixed in code (no storage,
    /// no way to change it); the issuer's DEFAULT_ADMIN_ROLE the others (OpenZeppelin's default).
    function getRoleAdmin(bytes32 role) public view virtual override returns (bytes32) {
        if (role == ENFORCEMENT_ROLE || role == PRICING_ROLE || role == OPERATOR_ROLE) return OPERATOR_ROLE;
        return super.getRoleAdmin(role);
    }
}
