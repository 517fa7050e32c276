// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";

/**
 * @title TokenRoles
 * @notice The separate roles of a DFA token; no single key does everything. The token admin
 * (DEFAULT_ADMIN_ROLE, the issuer) publishes issuance decisions and grants the issuer-side
 * roles (issuer agent, compliance, documents). OPERATOR_ROLE is held by the operator that
 * created the token and administers itself and ENFORCEMENT_ROLE (freezes, forced transfers,
 * recovery), so the issuer cannot make itself or its agents the enforcer. Roles kept apart
 * whoever grants them: see {RolesAdmin}.
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
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @dev OPERATOR_ROLE administers itself and ENFORCEMENT_ROLE, fixed in code; the issuer's
    /// DEFAULT_ADMIN_ROLE the others (OpenZeppelin's default).
    function getRoleAdmin(bytes32 role) public view virtual override returns (bytes32) {
        return role == ENFORCEMENT_ROLE || role == OPERATOR_ROLE ? OPERATOR_ROLE : super.getRoleAdmin(role);
    }
}
