// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {LicenseScopes} from "../regulator/LicenseScopes.sol";
import {Batchable} from "../utils/Batchable.sol";
import {IInvestorRegistry} from "./IInvestorRegistry.sol";
import {IPurchaseLimits, IOperatorTokens, IPurchaseTokenSync} from "./IPurchaseLimits.sol";
import {InvestorRecords} from "./InvestorRecords.sol";

/**
 * @title InvestorRegistry
 * @notice The register of verified investors kept by one licensed platform operator; one
 * registry serves all of that operator's tokens.
 *
 * Personal data stays off chain: an investor is known by an id (a 160-bit hash the registrar
 * keeps the preimage of) and the attributes the rules need. An investor may hold several
 * wallets; a wallet belongs to at most one investor. Writes are refused while the operator's
 * investor-registry licence is not active.
 *
 * Storage: one slot per wallet holding the investor's whole record ({InvestorRecords}), so
 * onboarding writes one slot and a token reads one slot per party. An investor given a second
 * wallet moves its record to a shared slot its wallets point to. There is no slot per id:
 * an investor is located through one of its wallets, and the uniqueness of ids is checked by
 * the registrar's software against the registry's events (as the uniqueness of the person
 * behind an id always was the registrar's duty).
 *
 * Every write has a batch form through {Batchable-multicall} (atomic, at most {MAX_BATCH} calls);
 * registration, the most frequent one, also has a cheaper dedicated batch {registerInvestors}.
 */
contract InvestorRegistry is AccessControl, Batchable, IInvestorRegistry {
    using InvestorRecords for uint256;

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
        uint64 readyAt; // approval is possible from this second (or later: see {approveRecovery})
        RecoveryStatus status;
        address requester;
        uint64 requestedAt;
        bytes32 caseReference; // the identity re-verification case (its hash or reference)
    }

    IOperatorLicenseRegistry public immutable licenses;
    address public immutable operator;
    /// @dev How long a requested recovery waits, during which the lost wallet can cancel it; never
    /// below the regulator's minimum ({IOperatorLicenseRegistry-minRecoveryDelay}) when set or applied.
    uint64 public recoveryDelay = 3 days;
    /// @dev The operator's purchase limits, which every token of the operator applies: set once,
    /// replaceable by the operator's own, never removed.
    IPurchaseLimits public purchaseLimits;

    /// @dev A wallet's packed record (its investor's, or a pointer to the shared one). A removed or
    /// recovered wallet stays bound to its investor for good (retired): whatever it still holds
    /// keeps counting as that investor's, and no one can register it again.
    mapping(address wallet => uint256 record) private _wallets;
    /// @dev The record of an investor with several wallets, and how many of them are not retired.
    mapping(bytes32 investorId => uint256 record) private _shared;
    mapping(bytes32 investorId => uint16 count) private _walletCounts;
    mapping(address lost => Recovery) private _recoveries;
    /// @dev The replacement of a completed recovery -> the lost wallet (the latest one): tokens may
    /// still have to deliver to it, so it is never removed, only recovered in turn.
    mapping(address replacement => address lost) private _recoveredFrom;

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
    error RegistryWalletNotOfInvestor(address wallet, bytes32 investorId);
    error RegistryTooManyWallets(bytes32 investorId, uint16 max);
    error RegistryLastWallet(bytes32 investorId, address wallet);
    error RegistryUnexpectedStatus(bytes32 investorId, Status status);
    error RegistryWalletOwedRecovery(address wallet, address lost);
    error RecoveryOtherInvestor(address lost, address replacement);
    error RecoveryReplacementRetired(address lost, address replacement);
    error RecoveryReferenceRequired();
    error RecoveryDelayBelowMinimum(uint64 delay, uint64 minimum);
    error RecoverySameWallet(address wallet);
    error RecoveryAlreadyPending(address lost);
    error RecoveryNotPending(address lost);
    error RecoveryTooEarly(address lost, uint64 readyAt, uint256 now_);
    error RecoverySameAgent(address lost, address agent);
    error RecoveryNotAllowed(address lost, address caller);
    error RegistryForeignPurchaseLimits(address limits, address operator);

    /// @dev `record` is the investor's packed record ({InvestorRecords}): status, category, kind,
    /// countries, KYC expiry, flags. One word keeps onboarding cheap.
    event InvestorRegistered(bytes32 indexed investorId, address indexed wallet, uint256 record, address indexed actor);
    event InvestorUpdated(bytes32 indexed investorId, uint256 record, address indexed actor);
    event WalletAdded(bytes32 indexed investorId, address indexed wallet, address indexed actor);
    event WalletRemoved(bytes32 indexed investorId, address indexed wallet, address indexed actor);
    event InvestorSuspended(bytes32 indexed investorId, bytes32 reason, address indexed actor);
    event InvestorReactivated(bytes32 indexed investorId, address indexed actor);
    /// @dev `caseReference` names the identity re-verification case; the holder of `lost` may cancel until `readyAt`.
    event RecoveryRequested(
        bytes32 indexed investorId,
        address indexed lost,
        address replacement,
        uint64 readyAt,
        bytes32 caseReference,
        address indexed actor
    );
    event RecoveryCancelled(bytes32 indexed investorId, address indexed lost, address indexed actor);
    event RecoveryCompleted(
        bytes32 indexed investorId, address indexed lost, address replacement, address indexed actor
    );
    event RecoveryDelaySet(uint64 delay, address indexed actor);
    event PurchaseLimitsSet(address indexed limits, address previous, address indexed actor);

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
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `investorId` is a
     * nonzero 160-bit value (a new one: the registrar's software checks the events, the registry
     * has no slot per id); `wallet` is not zero and belongs to no investor; the profile is valid
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
     * @dev Replaces the profile of an investor (e.g. renewed KYC, new category), located through
     * `wallet`, one of its current wallets.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `wallet` is a current
     * wallet of `investorId`; the profile is valid.
     *
     * Emits {InvestorUpdated} when anything changed.
     */
    function updateInvestor(bytes32 investorId, address wallet, Profile calldata profile)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        uint256 record = _recordOfInvestor(investorId, wallet);
        _checkProfile(profile);
        uint256 updated = record.withProfileOf(_pack(investorId, 0, profile));
        if (updated == record) return;
        _store(wallet, updated);
        emit InvestorUpdated(investorId, updated, _msgSender());
    }

    /**
     * @dev Adds `wallet` to the investor that owns `existing`, one of its current wallets.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `existing` is a current
     * wallet of `investorId`, which has fewer than {MAX_WALLETS} wallets; `wallet` is not zero
     * and belongs to no investor.
     *
     * Emits {WalletAdded}.
     */
    function addWallet(bytes32 investorId, address existing, address wallet)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        uint256 record = _recordOfInvestor(investorId, existing);
        _requireFree(wallet);
        uint16 count = 1;
        if (_wallets[existing].shared()) {
            count = _walletCounts[investorId];
        } else {
            // the second wallet: the record moves to the shared slot both wallets point to
            _shared[investorId] = record;
            _wallets[existing] = uint256(investorId) | InvestorRecords.SHARED;
        }
        require(count < MAX_WALLETS, RegistryTooManyWallets(investorId, MAX_WALLETS));
        _walletCounts[investorId] = count + 1;
        _wallets[wallet] = uint256(investorId) | InvestorRecords.SHARED;
        emit WalletAdded(investorId, wallet, _msgSender());
    }

    /**
     * @dev Retires `wallet`: it leaves its investor's wallets, can neither send nor receive, and
     * stays bound to the investor for good (what it still holds keeps counting as the investor's
     * until moved by enforcement; no one can register it again). An investor keeps at least one
     * wallet: to offboard an investor, suspend it.
     *
     * A wallet a completed recovery named as replacement is never removed: a token may still have
     * to carry that recovery out into it, and the registry cannot know which. Recover it instead
     * (due process again): every recovery that named it then delivers to its own replacement.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `wallet` is
     * registered, is not its investor's last wallet and is no completed recovery's replacement.
     *
     * Emits {WalletRemoved}.
     */
    function removeWallet(address wallet) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        uint256 own = _currentWallet(wallet);
        bytes32 investorId = own.id();
        require(own.shared() && _walletCounts[investorId] > 1, RegistryLastWallet(investorId, wallet));
        address lost = _recoveredFrom[wallet];
        require(lost == address(0), RegistryWalletOwedRecovery(wallet, lost));
        _retire(wallet, own);
        emit WalletRemoved(investorId, wallet, _msgSender());
    }

    /**
     * @dev Suspends an active investor, located through `wallet`, one of its current wallets:
     * all its wallets stop being verified. `reason` is the hash or reference of the decision.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor is active.
     *
     * Emits {InvestorSuspended}.
     */
    function suspendInvestor(bytes32 investorId, address wallet, bytes32 reason)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        _transition(investorId, wallet, InvestorRecords.ACTIVE, InvestorRecords.SUSPENDED);
        emit InvestorSuspended(investorId, reason, _msgSender());
    }

    /**
     * @dev Reactivates a suspended investor, located through `wallet`, one of its current wallets.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; the investor is suspended.
     *
     * Emits {InvestorReactivated}.
     */
    function reactivateInvestor(bytes32 investorId, address wallet) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        _transition(investorId, wallet, InvestorRecords.SUSPENDED, InvestorRecords.ACTIVE);
        emit InvestorReactivated(investorId, _msgSender());
    }

    /**
     * @dev Starts the recovery of a lost wallet to `replacement`, a current wallet of the same
     * investor (add it first). `caseReference` names the identity re-verification case behind it. The
     * request is announced by {RecoveryRequested}; the holder of the lost wallet can cancel during
     * the waiting period ({recoveryDelay}, never below the regulator's minimum); then another
     * agent approves.
     *
     * Requirements: caller has REGISTRAR_ROLE; the operator is licensed; `caseReference` is not zero;
     * `lost` is a current wallet; `replacement` is another current wallet of the same investor; no
     * recovery of `lost` is pending.
     *
     * Emits {RecoveryRequested}.
     */
    function requestRecovery(address lost, address replacement, bytes32 caseReference)
        external
        onlyRole(REGISTRAR_ROLE)
        whenLicensed
    {
        require(caseReference != bytes32(0), RecoveryReferenceRequired());
        bytes32 investorId = _currentWallet(lost).id();
        _checkReplacement(investorId, lost, replacement);
        require(_recoveries[lost].status != RecoveryStatus.Pending, RecoveryAlreadyPending(lost));
        uint64 minimum = licenses.minRecoveryDelay();
        uint64 readyAt = uint64(block.timestamp) + (recoveryDelay > minimum ? recoveryDelay : minimum);
        _recoveries[lost] = Recovery(
            replacement, readyAt, RecoveryStatus.Pending, _msgSender(), uint64(block.timestamp), caseReference
        );
        emit RecoveryRequested(investorId, lost, replacement, readyAt, caseReference, _msgSender());
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
        emit RecoveryCancelled(_wallets[lost].id(), lost, _msgSender());
    }

    /**
     * @dev Completes a recovery: the lost wallet leaves the investor for good (it can never be
     * registered again) and each token can move its balance, freezes and lock-ups to the
     * replacement, once ({recoveredTo}). The request is checked again as it stands now: the
     * replacement must still be a current wallet of the investor (so the investor keeps at least
     * one current wallet, whatever else was removed or recovered meanwhile), and the waiting
     * period is never shorter than the regulator's current minimum counted from the request.
     *
     * Requirements: caller has REGISTRAR_ROLE and is not the agent who requested it; the
     * operator is licensed; the recovery is pending; its waiting period is over; `lost` and the
     * replacement are still current wallets of the investor.
     *
     * Emits {RecoveryCompleted} and {WalletRemoved}.
     */
    function approveRecovery(address lost) external onlyRole(REGISTRAR_ROLE) whenLicensed {
        Recovery storage recovery = _recoveries[lost];
        require(recovery.status == RecoveryStatus.Pending, RecoveryNotPending(lost));
        require(recovery.requester != _msgSender(), RecoverySameAgent(lost, _msgSender()));
        uint64 readyAt = recovery.requestedAt + licenses.minRecoveryDelay();
        if (recovery.readyAt > readyAt) readyAt = recovery.readyAt;
        require(block.timestamp >= readyAt, RecoveryTooEarly(lost, readyAt, block.timestamp));
        uint256 own = _currentWallet(lost); // not removed meanwhile: a wallet is retired once
        address replacement = recovery.replacement;
        _checkReplacement(own.id(), lost, replacement);
        recovery.status = RecoveryStatus.Completed;
        _retire(lost, own); // its balances count as the investor's until each token moves them
        _recoveredFrom[replacement] = lost;
        emit RecoveryCompleted(own.id(), lost, replacement, _msgSender());
        emit WalletRemoved(own.id(), lost, _msgSender());
    }

    /**
     * @dev Sets how long a recovery waits before it can be approved. The operator may lengthen the
     * regulator's minimum, never shorten it (nor does a lower minimum later shorten requests).
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE; `delay` is not below the regulator's minimum.
     *
     * Emits {RecoveryDelaySet}.
     */
    function setRecoveryDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint64 minimum = licenses.minRecoveryDelay();
        require(delay >= minimum, RecoveryDelayBelowMinimum(delay, minimum));
        recoveryDelay = delay;
        emit RecoveryDelaySet(delay, _msgSender());
    }

    /**
     * @dev Sets the operator's purchase limits: in the same transaction every token the limits'
     * factory created for the operator (whichever issuer, however old) is told to apply them
     * ({IPurchaseTokenSync-syncPurchaseLimits}); a token created later reads them when set up. A
     * token keeps the address in the storage its transfers read anyway, so a transfer pays nothing
     * to know whether limits apply. They may be replaced by another limits contract of the
     * operator, never removed. Gas grows with the factory's number of tokens.
     *
     * Requirements: caller has DEFAULT_ADMIN_ROLE (the operator); `limits` is kept by the
     * registry's operator (so never zero).
     *
     * Emits {PurchaseLimitsSet}.
     */
    function setPurchaseLimits(IPurchaseLimits limits) external onlyRole(DEFAULT_ADMIN_ROLE) {
        require(
            address(limits).code.length != 0 && limits.operator() == operator,
            RegistryForeignPurchaseLimits(address(limits), operator)
        );
        emit PurchaseLimitsSet(address(limits), address(purchaseLimits), _msgSender());
        purchaseLimits = limits;
        IOperatorTokens factory = limits.factory();
        address[] memory tokens = factory.tokens();
        for (uint256 i = 0; i < tokens.length; ++i) {
            if (factory.recordOf(tokens[i]).operator == operator) IPurchaseTokenSync(tokens[i]).syncPurchaseLimits();
        }
    }

    /// @dev The recovery of `lost` (status None when there was none).
    function recoveryOf(address lost) external view returns (Recovery memory) {
        return _recoveries[lost];
    }

    function isVerified(address wallet) external view returns (bool) {
        uint256 record = _effective(wallet);
        return record.status() == InvestorRecords.ACTIVE && block.timestamp < record.kycValidUntil();
    }

    /// @dev A retired (removed or recovered) wallet reads as suspended: it may neither send nor receive.
    function identityOf(address wallet) external view returns (bytes32 investorId, Investor memory investor) {
        uint256 record = _effective(wallet);
        investorId = record.id();
        uint16 count = record == 0 ? 0 : (_wallets[wallet].shared() ? _walletCounts[investorId] : 1);
        investor = Investor(
            record.category(),
            record.kind(),
            record.country(),
            record.residency(),
            record.kycValidUntil(),
            record.flags(),
            Status(record.status()),
            count
        );
    }

    /// @inheritdoc IInvestorRegistry
    function recordsOf(address a, address b) external view returns (uint256, uint256) {
        return (_effective(a), _effective(b));
    }

    /// @dev Whether `wallet` was removed or recovered away (it is bound to its investor for good).
    function isRetired(address wallet) external view returns (bool) {
        return _wallets[wallet].retired();
    }

    /**
     * @dev Where a token carries out the completed recovery of `lost`: the replacement approved,
     * or, when that wallet was recovered in turn since, the wallet it was recovered to, and so
     * on: always a current wallet of the investor (a replacement is never removed, see
     * {removeWallet}). Zero when no recovery of `lost` was completed.
     */
    function recoveredTo(address lost) external view returns (address wallet) {
        Recovery storage recovery = _recoveries[lost];
        if (recovery.status != RecoveryStatus.Completed) return address(0);
        wallet = recovery.replacement;
        while (_wallets[wallet].retired()) {
            recovery = _recoveries[wallet]; // retired by its own recovery: follow it
            if (recovery.status != RecoveryStatus.Completed) return address(0);
            wallet = recovery.replacement;
        }
    }

    /// @dev The lost wallet whose completed recovery last named `wallet` as replacement; zero when none.
    function recoveredFrom(address wallet) external view returns (address) {
        return _recoveredFrom[wallet];
    }

    /// @dev The investor id `wallet` belongs to (retired wallets included), zero when none.
    function investorIdOf(address wallet) external view returns (bytes32) {
        return _wallets[wallet].id();
    }

    function _register(bytes32 investorId, address wallet, Profile calldata profile) private {
        require(
            investorId != bytes32(0) && uint256(investorId) <= InvestorRecords.ID_MASK,
            RegistryInvalidInvestorId(investorId)
        );
        uint256 taken = _wallets[wallet];
        require(taken.id() != investorId, RegistryInvestorExists(investorId));
        require(wallet != address(0), RegistryInvalidWallet(wallet));
        require(taken == 0, RegistryWalletTaken(wallet, taken.id()));
        _checkProfile(profile);
        uint256 record = _pack(investorId, InvestorRecords.ACTIVE, profile);
        _wallets[wallet] = record;
        emit InvestorRegistered(investorId, wallet, record, _msgSender());
    }

    function _pack(bytes32 investorId, uint256 status, Profile calldata p) private pure returns (uint256) {
        return InvestorRecords.pack(
            investorId, status, p.category, p.kind, p.country, p.residency, p.kycValidUntil, p.flags
        );
    }

    /// @dev The record `wallet` reads as: its investor's (shared or its own), suspended when retired.
    function _effective(address wallet) private view returns (uint256 record) {
        if (wallet == address(0)) return 0; // a mint's sender, a burn's receiver: no read
        uint256 own = _wallets[wallet];
        record = own.shared() ? _shared[own.id()] : own;
        if (own.retired()) record = record.withStatus(InvestorRecords.SUSPENDED) | InvestorRecords.RETIRED;
    }

    /// @dev The record of `investorId`, located through `wallet`, one of its current wallets.
    function _recordOfInvestor(bytes32 investorId, address wallet) private view returns (uint256) {
        uint256 own = _wallets[wallet];
        require(own.id() == investorId && !own.retired(), RegistryWalletNotOfInvestor(wallet, investorId));
        return own.shared() ? _shared[investorId] : own;
    }

    /// @dev Writes the record of the investor owning the current `wallet`, wherever it lives.
    function _store(address wallet, uint256 record) private {
        if (_wallets[wallet].shared()) {
            _shared[record.id()] = record;
        } else {
            _wallets[wallet] = record;
        }
    }

    function _currentWallet(address wallet) private view returns (uint256 own) {
        own = _wallets[wallet];
        require(own != 0 && !own.retired(), RegistryUnknownWallet(wallet));
    }

    function _retire(address wallet, uint256 own) private {
        --_walletCounts[own.id()];
        _wallets[wallet] = own | InvestorRecords.RETIRED;
    }

    /// @dev `replacement` is another current wallet of `investorId` (the owner of `lost`).
    function _checkReplacement(bytes32 investorId, address lost, address replacement) private view {
        require(lost != replacement, RecoverySameWallet(lost));
        uint256 other = _wallets[replacement];
        require(other.id() == investorId, RecoveryOtherInvestor(lost, replacement));
        require(!other.retired(), RecoveryReplacementRetired(lost, replacement));
    }

    function _requireFree(address wallet) private view {
        require(wallet != address(0), RegistryInvalidWallet(wallet));
        bytes32 owner = _wallets[wallet].id();
        require(owner == bytes32(0), RegistryWalletTaken(wallet, owner));
    }

    function _checkProfile(Profile calldata profile) private view {
        require(profile.category >= 1 && profile.category <= 3, RegistryInvalidCategory(profile.category));
        require(profile.kind >= 1 && profile.kind <= 2, RegistryInvalidKind(profile.kind));
        require(profile.country >= 1 && profile.country <= 999, RegistryInvalidCountry(profile.country));
        require(profile.residency >= 1 && profile.residency <= 999, RegistryInvalidCountry(profile.residency));
        require(
            profile.kycValidUntil > block.timestamp && profile.kycValidUntil <= InvestorRecords.MAX_KYC,
            RegistryKycNotInFuture(profile.kycValidUntil, block.timestamp)
        );
    }

    function _transition(bytes32 investorId, address wallet, uint256 from, uint256 to) private {
        uint256 record = _recordOfInvestor(investorId, wallet);
        require(record.status() == from, RegistryUnexpectedStatus(investorId, Status(record.status())));
        _store(wallet, record.withStatus(to));
    }
}
