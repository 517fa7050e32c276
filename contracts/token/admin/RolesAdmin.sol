// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TokenRoles} from "../extensions/TokenRoles.sol";

/**
 * @title RolesAdmin
 * @notice Who holds which role of a token, and which roles one account may never hold together.
 * Every grant of a token's role runs here ({DFAToken} and {DFATokenAdmin} pass `grantRole` on),
 * the first ones included ({_initializeRoles}).
 *
 * Kept apart ({keptApart}): the enforcement role from the issuer's admin, issuer agent and
 * compliance roles and from the operator role; the issuer's admin from the operator role; the
 * pricing role from the issuer's admin and issuer agent (the issuer side never values its own token).
 * `dfa/access.py` states the same as data and the tests try every pair.
 */
abstract contract RolesAdmin is TokenRoles {
    /// @dev `account` holds `heldRole`, which must stay apart from `role`.
    error DFARolesKeptApart(bytes32 role, bytes32 heldRole, address account);
    error DFAInvalidRoleHolder(bytes32 role);

    /// @dev Whether one account may not hold both `a` and `b`.
    function keptApart(bytes32 a, bytes32 b) public pure returns (bool) {
        if (b == ENFORCEMENT_ROLE) (a, b) = (b, a);
        if (a == ENFORCEMENT_ROLE) {
            return b == DEFAULT_ADMIN_ROLE || b == ISSUER_AGENT_ROLE || b == COMPLIANCE_ROLE || b == OPERATOR_ROLE;
        }
        if (b == PRICING_ROLE) (a, b) = (b, a);
        if (a == PRICING_ROLE) return b == DEFAULT_ADMIN_ROLE || b == ISSUER_AGENT_ROLE;
        return (a == DEFAULT_ADMIN_ROLE && b == OPERATOR_ROLE) || (a == OPERATOR_ROLE && b == DEFAULT_ADMIN_ROLE);
    }

    /**
     * @dev Grants the token's first roles (at its initialization): the issuer's and its agents',
     * and OPERATOR_ROLE to `operator`, which administers itself, ENFORCEMENT_ROLE and PRICING_ROLE.
     *
     * Requirements: every holder is set; roles kept apart go to different accounts.
     *
     * Emits {RoleGranted} per role.
     */
    function _initializeRoles(
        address admin,
        address issuerAgent,
        address complianceAgent,
        address enforcementAgent,
        address documentManager,
        address operator
    ) internal {
        address[6] memory holders = [admin, issuerAgent, complianceAgent, enforcementAgent, documentManager, operator];
        for (uint256 i = 0; i < holders.length; ++i) {
            require(holders[i] != address(0), DFAInvalidRoleHolder(_firstRoles()[i]));
        }
        // the pairs of {keptApart}, by address: nothing is held yet, so no storage is read
        _keepApart(ENFORCEMENT_ROLE, DEFAULT_ADMIN_ROLE, enforcementAgent, admin);
        _keepApart(ENFORCEMENT_ROLE, ISSUER_AGENT_ROLE, enforcementAgent, issuerAgent);
        _keepApart(ENFORCEMENT_ROLE, COMPLIANCE_ROLE, enforcementAgent, complianceAgent);
        _keepApart(OPERATOR_ROLE, DEFAULT_ADMIN_ROLE, operator, admin);
        _keepApart(OPERATOR_ROLE, ENFORCEMENT_ROLE, operator, enforcementAgent);
        bytes32[6] memory roles = _firstRoles();
        for (uint256 i = 0; i < holders.length; ++i) {
            super._grantRole(roles[i], holders[i]);
        }
    }

    function _grantRole(bytes32 role, address account) internal virtual override returns (bool) {
        bytes32[6] memory guarded =
            [DEFAULT_ADMIN_ROLE, ISSUER_AGENT_ROLE, COMPLIANCE_ROLE, ENFORCEMENT_ROLE, OPERATOR_ROLE, PRICING_ROLE];
        for (uint256 i = 0; i < guarded.length; ++i) {
            bytes32 held = guarded[i];
            require(!keptApart(role, held) || !hasRole(held, account), DFARolesKeptApart(role, held, account));
        }
        return super._grantRole(role, account);
    }

    function _keepApart(bytes32 role, bytes32 heldRole, address account, address holder) private pure {
        require(account != holder, DFARolesKeptApart(role, heldRole, account));
    }

    function _firstRoles() private pure returns (bytes32[6] memory) {
        return [DEFAULT_ADMIN_ROLE, ISSUER_AGENT_ROLE, COMPLIANCE_ROLE, ENFORCEMENT_ROLE, DOCUMENT_MANAGER_ROLE, OPERATOR_ROLE];
    }
}
