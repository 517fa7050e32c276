// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "../regulator/LicenseScopes.sol";
import {Batchable} from "../utils/Batchable.sol";
import {IInvestorRegistry} from "./IInvestorRegistry.sol";

/**
 * @title InvestorRegistry
 * @notice The register of verified investors kept by one licensed platform operator; one
 * registry serves all of that operator's tokens.
 *
 * Personal data stays off chain: an investor is known by an id (a hash the registrar keeps
 * the preimage of) and the attributes the rules need. An investor may hold several wallets;
 * a wallet belongs to at most one investor. Writes are refused while the operator's
 * investor-registry licence is not active.
 *
 * Every write has a batch form through {Batchable-multicall} (atomic, at most {MAX_BATCH} calls);
 * registration, the most frequent one, also has a cheaper dedicated batch {registerInvestors}.
 */
contract InvestorRegistry is AccessControl, Batchable, IInvestorRegistry {
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    uint16 public constant MAX_WALLETS = 10;

    /// @dev The attributes a registrar sets; the registry keeps status and wallet count itself.
    struct Profile {
        uint8 category;
        uint8 kind;
        uint16 country;
        uint16 residency;
        uint40 kycValidUntil;
        uint32 flags;
    }

    enum RecoveryStatus {
        None,
        Pending,
        Cancelled,
        Completed
    }

    /// @dev A lost wallet's way to a new wallet of the same investor.
    struct Recovery {
        address replacement;
        uint64 readyAt; // approval is possible from this second
        RecoveryStatus status;
        address requester;
    }

    IOperatorLicenseRegistry public immutable licenses;
    address public immutable operator;
    /// @dev How long a requested recovery waits, during which the lost wallet can cancel it.
    uint64 public recoveryDelay = 3 days;

    mapping(bytes32 investorId => Investor) private _investors;
    mapping(address wallet => bytes32 investorId) private _investorOf;
    mapping(address lost => Recovery) private _recoveries;
    /// @dev A removed or recovered wallet stays bound to its investor for good: whatever it still
    /// holds keeps counting as that investor's, and no one can register it again.
    mapping(address wallet => bool) private _retired;

    error RegistryOperatorNotLicensed(address operator);
    error RegistryInvalidInvestorId(bytes32 investorId);
    error RegistryInvalidWallet(address wallet);
    error RegistryInvalidCategory(uint8 category);
    error RegistryInvalidKind(uint8 kind);
    error RegistryInvalidCountry(uint16 country);
    error RegistryKycNotInFuture(uint40 kycValidUntil, uint256 now_);
    error RegistryInvestorExists(bytes32 investorId);
    error RegistryUnknownInvestor(bytes32 investorId);
    error RegistryWalletTaken(address wallet, bytes32 investorId);
    error RegistryUnknownWallet(address wallet);
    error RegistryTooManyWallets(bytes32 investorId, uint16 max);
    error RegistryLastWallet(bytes32 investorId, address wallet);
    error RegistryUnexpectedStatus(bytes32 investorId, Status status);
    error RecoveryOtherInvestor(address lost, address replacement);
    error RecoverySameWallet(address wallet);
    error RecoveryAlreadyPending(address lost);
    error RecoveryNotPending(address lost);
    error RecoveryTooEarly(address lost, uint64 readyAt, uint256 now_);
    error RecoverySameAgent(address lost, address agent);
    error RecoveryNotAllowed(address lost, address caller);

    event InvestorRegistered(
        bytes32 indexed investorId,
        address indexed wallet,
        uint8 category,
        uint8 kind,
        uint16 country,
        uint16 residency,
        uint40 kycValidUntil,
        uint32 flags,
        address indexed actor
    );
    event InvestorUpdated(
        bytes32 indexed investorId,
        uint8 category,
        uint8 kind,
        uint16 country,
        uint16 residency,
        uint40 kycValidUntil,
        uint32 flags,
        address indexed actor
    );
    event WalletAdded(bytes32 indexed investorId, address indexed wallet, address indexed actor);
    event WalletRemoved(bytes32 indexed investorId, address indexed wallet, address indexed actor);
    event InvestorSuspended(bytes32 indexed investorId, bytes32 reason, address indexed actor);
    event InvestorReactivated(bytes32 indexed investorId, address indexed actor);
    event RecoveryRequested(
        bytes32 indexed investorId, address indexed lost, address replacement, uint64 readyAt, address indexed actor
    );
    event RecoveryCancelled(bytes32 indexed investorId, address indexed lost, address indexed actor);
    event RecoveryCompleted(
        bytes32 indexed investorId, address indexed lost, address replacement, address indexed actor
    );
    event RecoveryDelaySet(uint64 delay, address indexed actor);

    modifier whenLicensed() {
        require(licenses.isLicensed(operator, LicenseScopes.INVESTOR_REGISTRY), RegistryOperatorNotLicensed(operator));
        _;
    }

    /// @dev `operator_` is the licensed operator; it administers the registrar role.
    constructor(IOperatorLicenseRegistry licenses_, address operator_) {
        licenses = licenses_;
        operator = operator_;
        _grantRole(DEFAULT_ADMIN_ROLE, operator_);
    }

    /**
     * @dev Registers a new investor with its first wallet.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `investorId` is new
     * and not zero; `wallet` is not zero and belongs to no investor; the profile is valid
     * (category 1-3, kind 1-2, countries 1-999, KYC valid in the future).
     *
     * Emits {InvestorRegistered}.
     */
    function registerInvestor(bytes32 investorId, address wallet, Profile calldata profile)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        _register(investorId, wallet, profile);
    }

    /**
     * @dev {registerInvestor} for up to {MAX_BATCH} investors; all or none are registered.
     *
     * Emits {InvestorRegistered} per investor.
     */
    function registerInvestors(bytes32[] calldata investorIds, address[] calldata wallets, Profile[] calldata profiles)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        uint256 n = investorIds.length;
        _checkBatch(n);
        require(wallets.length == n, BatchLengthMismatch(n, wallets.length));
        require(profiles.length == n, BatchLengthMismatch(n, profiles.length));
        for (uint256 i = 0; i < n; ++i) {
            _register(investorIds[i], wallets[i], profiles[i]);
        }
    }

    /**
     * @dev Replaces the profile of an investor (e.g. renewed KYC, new category).
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor exists; the profile is valid.
     *
     * Emits {InvestorUpdated} when anything changed.
     */
    function updateInvestor(bytes32 investorId, Profile calldata profile)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        Investor storage investor = _existing(investorId);
        _checkProfile(profile);
        if (
            investor.category == profile.category && investor.kind == profile.kind
                && investor.country == profile.country && investor.residency == profile.residency
                && investor.kycValidUntil == profile.kycValidUntil && investor.flags == profile.flags
        ) return;
        (investor.category, investor.kind, investor.country) = (profile.category, profile.kind, profile.country);
        (investor.residency, investor.kycValidUntil, investor.flags) =
            (profile.residency, profile.kycValidUntil, profile.flags);
        emit InvestorUpdated(
            investorId,
            profile.category,
            profile.kind,
            profile.country,
            profile.residency,
            profile.kycValidUntil,
            profile.flags,
            _msgSender()
        );
    }

    /**
     * @dev Adds `wallet` to an existing investor.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor exists
     * and has fewer than {MAX_WALLETS} wallets; `wallet` is not zero and belongs to no investor.
     *
     * Emits {WalletAdded}.
     */
    function addWallet(bytes32 investorId, address wallet) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        Investor storage investor = _existing(investorId);
        require(investor.walletCount < MAX_WALLETS, RegistryTooManyWallets(investorId, MAX_WALLETS));
        _bindWallet(investorId, wallet);
        ++investor.walletCount;
        emit WalletAdded(investorId, wallet, _msgSender());
    }

    /**
     * @dev Retires `wallet`: it leaves its investor's wallets, can neither send nor receive, and
     * stays bound to the investor for good (what it still holds keeps counting as the investor's
     * until moved by enforcement; no one can register it again). An investor keeps at least one
     * wallet: to offboard an investor, suspend it.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `wallet` is
     * registered and is not its investor's last wallet.
     *
     * Emits {WalletRemoved}.
     */
    function removeWallet(address wallet) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        bytes32 investorId = _investorOf[wallet];
        require(investorId != bytes32(0) && !_retired[wallet], RegistryUnknownWallet(wallet));
        Investor storage investor = _investors[investorId];
        require(investor.walletCount > 1, RegistryLastWallet(investorId, wallet));
        --investor.walletCount;
        _retired[wallet] = true;
        emit WalletRemoved(investorId, wallet, _msgSender());
    }

    /**
     * @dev Suspends an active investor: its wallets stop being verified. `reason` is the
     * hash or reference of the decision.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor is active.
     *
     * Emits {InvestorSuspended}.
     */
    function suspendInvestor(bytes32 investorId, bytes32 reason) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        _transition(investorId, Status.Active, Status.Suspended);
        emit InvestorSuspended(investorId, reason, _msgSender());
    }

    /**
     * @dev Reactivates a suspended investor.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor is suspended.
     *
     * Emits {InvestorReactivated}.
     */
    function reactivateInvestor(bytes32 investorId) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        _transition(investorId, Status.Suspended, Status.Active);
        emit InvestorReactivated(investorId, _msgSender());
    }

    /**
     * @dev Starts the recovery of a lost wallet to `replacement`, a wallet of the same investor
     * (add it first). The lost wallet can cancel during {recoveryDelay}; then another agent approves.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; both wallets belong to
     * the same investor; no recovery of `lost` is pending.
     *
     * Emits {RecoveryRequested}.
     */
    function requestRecovery(address lost, address replacement) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        bytes32 investorId = _investorOf[lost];
        require(investorId != bytes32(0) && !_retired[lost], RegistryUnknownWallet(lost));
        require(lost != replacement, RecoverySameWallet(lost));
        require(_investorOf[replacement] == investorId && !_retired[replacement], RecoveryOtherInvestor(lost, replacement));
        require(_recoveries[lost].status != RecoveryStatus.Pending, RecoveryAlreadyPending(lost));
        uint64 readyAt = uint64(block.timestamp) + recoveryDelay;
        _recoveries[lost] = Recovery(replacement, readyAt, RecoveryStatus.Pending, _msgSender());
        emit RecoveryRequested(investorId, lost, replacement, readyAt, _msgSender());
    }

    /**
     * @dev Cancels a pending recovery: the holder of the "lost" wallet still has its key, or the
     * registrar withdraws the request.
     *
     * Requirements: the caller is the lost wallet or has REGISTRAR_ROLE; a recovery is pending.
     *
     * Emits {RecoveryCancelled}.
     */
    function cancelRecovery(address lost) external {
        require(_msgSender() == lost || hasRole(REGISTRAR_ROLE, _msgSender()), RecoveryNotAllowed(lost, _msgSender()));
        Recovery storage recovery = _recoveries[lost];
        require(recovery.status == RecoveryStatus.Pending, RecoveryNotPending(lost));
        recovery.status = RecoveryStatus.Cancelled;
        emit RecoveryCancelled(_investorOf[lost], lost, _msgSender());
    }

    /**
     * @dev Completes a recovery: the lost wallet leaves the investor for good (it can never be
     * registered again) and tokens can move its balance, freezes and lock-ups to the replacement.
     *
     * Requirements: caller has REGISTRAR_ROLE and is not the agent who requested it; the
     * operator is licensed; the recovery is pending and its waiting period is over.
     *
     * Emits {RecoveryCompleted} and {WalletRemoved}.
     */
    function approveRecovery(address lost) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        Recovery storage recovery = _recoveries[lost];
        require(recovery.status == RecoveryStatus.Pending, RecoveryNotPending(lost));
        require(recovery.requester != _msgSender(), RecoverySameAgent(lost, _msgSender()));
        require(block.timestamp >= recovery.readyAt, RecoveryTooEarly(lost, recovery.readyAt, block.timestamp));
        recovery.status = RecoveryStatus.Completed;
        bytes32 investorId = _investorOf[lost];
        --_investors[investorId].walletCount;
        _retired[lost] = true; // its balances count as the investor's until each token moves them
        emit RecoveryCompleted(investorId, lost, recovery.replacement, _msgSender());
        emit WalletRemoved(investorId, lost, _msgSender());
    }

    /**
     * @dev Sets how long a recovery waits before it can be approved.
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE.
     *
     * Emits {RecoveryDelaySet}.
     */
    function setRecoveryDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        recoveryDelay = delay;
        emit RecoveryDelaySet(delay, _msgSender());
    }

    /// @dev The recovery of `lost` (status None when there was none).
    function recoveryOf(address lost) external view returns (Recovery memory) {
        return _recoveries[lost];
    }

    /// @inheritdoc IInvestorRegistry
    function isVerified(address wallet) external view returns (bool) {
        bytes32 investorId = _investorOf[wallet];
        if (investorId == bytes32(0) || _retired[wallet]) return false;
        Investor storage investor = _investors[investorId];
        return investor.status == Status.Active && block.timestamp < investor.kycValidUntil;
    }

    /// @inheritdoc IInvestorRegistry
    /// @dev A retired (removed or recovered) wallet reads as suspended: it may neither send nor receive.
    function identityOf(address wallet) external view returns (bytes32 investorId, Investor memory investor) {
        investorId = _investorOf[wallet];
        investor = _investors[investorId];
        if (_retired[wallet]) investor.status = Status.Suspended;
    }

    /// @dev Whether `wallet` was removed or recovered away (it is bound to its investor for good).
    function isRetired(address wallet) external view returns (bool) {
        return _retired[wallet];
    }

    /// @inheritdoc IInvestorRegistry
    function recoveredTo(address lost) external view returns (address) {
        Recovery storage recovery = _recoveries[lost];
        return recovery.status == RecoveryStatus.Completed ? recovery.replacement : address(0);
    }

    /// @dev The record of `investorId` (status None when unknown).
    function investorOf(bytes32 investorId) external view returns (Investor memory) {
        return _investors[investorId];
    }

    /// @dev The investor id `wallet` belongs to, zero when none.
    function investorIdOf(address wallet) external view returns (bytes32) {
        return _investorOf[wallet];
    }

    function _register(bytes32 investorId, address wallet, Profile calldata profile) private {
        require(investorId != bytes32(0), RegistryInvalidInvestorId(investorId));
        Investor storage investor = _investors[investorId];
        require(investor.status == Status.None, RegistryInvestorExists(investorId));
        _checkProfile(profile);
        _bindWallet(investorId, wallet);
        _investors[investorId] = Investor(
            profile.category,
            profile.kind,
            profile.country,
            profile.residency,
            profile.kycValidUntil,
            profile.flags,
            Status.Active,
            1
        );
        emit InvestorRegistered(
            investorId,
            wallet,
            profile.category,
            profile.kind,
            profile.country,
            profile.residency,
            profile.kycValidUntil,
            profile.flags,
            _msgSender()
        );
    }

    function _bindWallet(bytes32 investorId, address wallet) private {
        require(wallet != address(0), RegistryInvalidWallet(wallet));
        bytes32 owner = _investorOf[wallet];
        require(owner == bytes32(0), RegistryWalletTaken(wallet, owner));
        _investorOf[wallet] = investorId;
    }

    function _checkProfile(Profile calldata profile) private view {
        require(profile.category >= 1 && profile.category <= 3, RegistryInvalidCategory(profile.category));
        require(profile.kind >= 1 && profile.kind <= 2, RegistryInvalidKind(profile.kind));
        require(profile.country >= 1 && profile.country <= 999, RegistryInvalidCountry(profile.country));
        require(profile.residency >= 1 && profile.residency <= 999, RegistryInvalidCountry(profile.residency));
        require(
            profile.kycValidUntil > block.timestamp, RegistryKycNotInFuture(profile.kycValidUntil, block.timestamp)
        );
    }

    function _existing(bytes32 investorId) private view returns (Investor storage investor) {
        investor = _investors[investorId];
        require(investor.status != Status.None, RegistryUnknownInvestor(investorId));
    }

    function _transition(bytes32 investorId, Status from, Status to) private {
        Investor storage investor = _existing(investorId);
        require(investor.status == from, RegistryUnexpectedStatus(investorId, investor.status));
        investor.status = to;
    }
}
