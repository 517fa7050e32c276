// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IOperatorLicenseRegistry} from "./IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "./LicenseScopes.sol";

/**
 * @title OperatorLicenseRegistry
 * @notice The regulator's register of licensed DFA platform operators. Other contracts ask
 * {isLicensed} before they let an operator issue tokens or keep an investor registry.
 *
 * A licence goes Active -> Suspended -> Active (reinstated) any number of times, and ends
 * Revoked. A revoked operator may be granted a new licence (with a new licence id); the
 * revoked one stays in the event history. Expiry ends a licence by itself: an expired
 * licence answers no without anyone writing to the chain.
 */
contract OperatorLicenseRegistry is AccessControl, IOperatorLicenseRegistry {
    bytes32 public constant REGULATOR_ROLE = keccak256("REGULATOR_ROLE");

    enum Status {
        None,
        Active,
        Suspended,
        Revoked
    }

    /// @dev The packed fields come first so that {isLicensed} reads one slot.
    struct License {
        uint8 scopes;
        Status status;
        uint64 expiresAt;
        bytes32 licenseId;
        bytes32 nameHash;
    }

    /// @dev The longest minimum waiting period the regulator may set for recoveries.
    uint64 public constant MAX_RECOVERY_DELAY = 365 days;

    mapping(address operator => License) private _licenses;
    /// @inheritdoc IOperatorLicenseRegistry
    uint64 public minRecoveryDelay = 3 days;

    error LicenseInvalidOperator(address operator);
    error LicenseInvalidScopes(uint8 scopes);
    error LicenseInvalidId(bytes32 licenseId);
    error LicenseExpiryNotInFuture(uint64 expiresAt, uint256 now_);
    error LicenseAlreadyHeld(address operator, Status status);
    error LicenseNotFound(address operator);
    error LicenseUnexpectedStatus(address operator, Status status, Status expected);
    error LicenseReferenceRequired();
    error LicenseRecoveryDelayTooLong(uint64 delay, uint64 max);

    event LicenseGranted(
        address indexed operator,
        bytes32 indexed licenseId,
        bytes32 nameHash,
        uint8 scopes,
        uint64 expiresAt,
        address indexed actor
    );
    event LicenseRenewed(address indexed operator, uint8 scopes, uint64 expiresAt, address indexed actor);
    event LicenseSuspended(address indexed operator, bytes32 reason, address indexed actor);
    event LicenseReinstated(address indexed operator, address indexed actor);
    event LicenseRevoked(address indexed operator, bytes32 reason, address indexed actor);
    event MinRecoveryDelaySet(uint64 delay, bytes32 decision, address indexed actor);

    constructor(address admin, address regulator) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REGULATOR_ROLE, regulator);
    }

    /**
     * @dev Grants `operator` a licence for `scopes` until `expiresAt`.
     *
     * Requirements: caller has REGULATOR_ROLE; `operator` holds no licence or a revoked one;
     * `scopes` is a non-empty subset of {LicenseScopes.ALL}; `licenseId` is not zero;
     * `expiresAt` is in the future.
     *
     * Emits {LicenseGranted}.
     */
    function grantLicense(address operator, bytes32 licenseId, bytes32 nameHash, uint8 scopes, uint64 expiresAt)
        external
        onlyRole(REGULATOR_ROLE)
    {
        require(operator != address(0), LicenseInvalidOperator(operator));
        require(licenseId != bytes32(0), LicenseInvalidId(licenseId));
        _checkTerms(scopes, expiresAt);
        Status current = _licenses[operator].status;
        require(current == Status.None || current == Status.Revoked, LicenseAlreadyHeld(operator, current));
        _licenses[operator] = License(scopes, Status.Active, expiresAt, licenseId, nameHash);
        emit LicenseGranted(operator, licenseId, nameHash, scopes, expiresAt, _msgSender());
    }

    /**
     * @dev Changes the scopes and expiry of a licence that is active or suspended.
     *
     * Requirements: caller has REGULATOR_ROLE; the licence exists and is not revoked; terms as in {grantLicense}.
     *
     * Emits {LicenseRenewed}.
     */
    function renewLicense(address operator, uint8 scopes, uint64 expiresAt) external onlyRole(REGULATOR_ROLE) {
        License storage license = _existing(operator);
        require(license.status != Status.Revoked, LicenseUnexpectedStatus(operator, Status.Revoked, Status.Active));
        _checkTerms(scopes, expiresAt);
        (license.scopes, license.expiresAt) = (scopes, expiresAt);
        emit LicenseRenewed(operator, scopes, expiresAt, _msgSender());
    }

    /**
     * @dev Suspends an active licence; `reason` is the hash or reference of the regulator's decision.
     *
     * Requirements: caller has REGULATOR_ROLE; the licence is active.
     *
     * Emits {LicenseSuspended}.
     */
    function suspendLicense(address operator, bytes32 reason) external onlyRole(REGULATOR_ROLE) {
        _transition(operator, Status.Active, Status.Suspended);
        emit LicenseSuspended(operator, reason, _msgSender());
    }

    /**
     * @dev Lifts a suspension.
     *
     * Requirements: caller has REGULATOR_ROLE; the licence is suspended.
     *
     * Emits {LicenseReinstated}.
     */
    function reinstateLicense(address operator) external onlyRole(REGULATOR_ROLE) {
        _transition(operator, Status.Suspended, Status.Active);
        emit LicenseReinstated(operator, _msgSender());
    }

    /**
     * @dev Revokes a licence for good.
     *
     * Requirements: caller has REGULATOR_ROLE; the licence is active or suspended.
     *
     * Emits {LicenseRevoked}.
     */
    function revokeLicense(address operator, bytes32 reason) external onlyRole(REGULATOR_ROLE) {
        License storage license = _existing(operator);
        require(license.status != Status.Revoked, LicenseUnexpectedStatus(operator, Status.Revoked, Status.Active));
        license.status = Status.Revoked;
        emit LicenseRevoked(operator, reason, _msgSender());
    }

    /**
     * @dev Sets the shortest waiting period before an operator's registry may approve a lost-key
     * recovery (during it the holder can object). Applies at once to pending requests too, counted
     * from each request; operators may wait longer, never less. `decision` is the reference of the regulator's decision.
     *
     * Requirements: caller has REGULATOR_ROLE; `decision` is not zero; `delay` at most {MAX_RECOVERY_DELAY}.
     *
     * Emits {MinRecoveryDelaySet}.
     */
    function setMinRecoveryDelay(uint64 delay, bytes32 decision) external onlyRole(REGULATOR_ROLE) {
        require(decision != bytes32(0), LicenseReferenceRequired());
        require(delay <= MAX_RECOVERY_DELAY, LicenseRecoveryDelayTooLong(delay, MAX_RECOVERY_DELAY));
        minRecoveryDelay = delay;
        emit MinRecoveryDelaySet(delay, decision, _msgSender());
    }

    /// @inheritdoc IOperatorLicenseRegistry
    function isLicensed(address operator, uint8 scopes) external view returns (bool) {
        License storage license = _licenses[operator];
        return license.status == Status.Active && block.timestamp < license.expiresAt && scopes != 0
            && license.scopes & scopes == scopes;
    }

    /// @dev The licence record of `operator` (status None when it never had one).
    function licenseOf(address operator) external view returns (License memory) {
        return _licenses[operator];
    }

    function _checkTerms(uint8 scopes, uint64 expiresAt) private view {
        require(scopes != 0 && scopes & ~LicenseScopes.ALL == 0, LicenseInvalidScopes(scopes));
        require(expiresAt > block.timestamp, LicenseExpiryNotInFuture(expiresAt, block.timestamp));
    }

    function _existing(address operator) private view returns (License storage license) {
        license = _licenses[operator];
        require(license.status != Status.None, LicenseNotFound(operator));
    }

    function _transition(address operator, Status from, Status to) private {
        License storage license = _existing(operator);
        require(license.status == from, LicenseUnexpectedStatus(operator, license.status, from));
        license.status = to;
    }
}
