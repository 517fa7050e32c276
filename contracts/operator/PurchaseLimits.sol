// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IPurchaseLimits, IOperatorTokens} from "./IPurchaseLimits.sol";
import {InvestorRecords} from "./InvestorRecords.sol";
import {Restrictions} from "../token/Restrictions.sol";

/**
 * @title PurchaseLimits
 * @notice How much an investor of a category may acquire over a rolling window, in fiat
 * (the Astana pilot: retail 1,000 USD per 30 days; Russia: unqualified 600,000 RUB per year).
 * Counted per investor (all its wallets) and across all tokens of one operator: every token of
 * the operator reports its acquisitions here.
 *
 * The window is exact: an acquisition made at time t counts until exactly t + window, to the
 * second (at t + window it no longer counts). Each investor keeps a queue of its acquisitions
 * still in the window: a ring of {ENTRIES} entries (amount, time, window), two to a slot, whose
 * slots are reused lap after lap, and one ledger slot with the running sum, the head and the
 * count, and the head entry's expiry (so that an acquisition that retires nothing reads no
 * entry). Expired entries are popped from the head.
 *
 * Up to {ENTRIES} acquisitions alive in one window, every one ages out exactly. Beyond, the
 * newest entry absorbs the next ones and counts, in full, from the latest of them: the older
 * entries still age out exactly, and nothing ever counts shorter than its own window (never lenient). The newest is
 * merged, not the oldest: an oldest entry that kept absorbing would keep being renewed by an
 * investor who buys often and would never age out; a newest entry stops absorbing as soon as the
 * head expires (within a window), so a merged acquisition counts at most one window longer.
 *
 * Window changes, one rule: an acquisition counts for the longest window in force at any time
 * from when it was made until now, so no change lets more through than the old or the new rule
 * would, and every total still ages out. Each entry keeps the window in force when it was made;
 * a lengthened window applies to the past at once (read at read time); a shortened one applies
 * to acquisitions made after the change only (those before keep the older, longer window, kept
 * as `previous` beside the time of the change; acquisitions in the very second of a change count
 * under both).
 *
 * Gas: an acquisition reads and writes the ledger and one ring slot (no fresh slot after the
 * ring's first lap; popping an entry costs one warm read, or a cold one when its slot is not the
 * one written), whatever the investor's history. What varies with the time a transaction is mined
 * is how many entries expire before it: up to {ENTRIES} entries on {ENTRIES}/2 slots. So that a
 * gas estimate made earlier (eth_estimateGas, no margin) still covers the transaction mined at
 * the worst later time, {checkAcquisition}, which every token calls before it moves anything,
 * refuses to run with less than {GAS_RESERVE} gas left: the worst case of the check and the
 * record plus the token's work after the check. Estimates bind on it; receipts stay cheap.
 */
contract PurchaseLimits is AccessControl, IPurchaseLimits {
    bytes32 public constant LIMITS_ADMIN_ROLE = keccak256("LIMITS_ADMIN_ROLE");
    /// @dev Acquisitions kept exactly per investor (two to a slot).
    uint256 public constant ENTRIES = 32;
    /// @dev Gas {checkAcquisition} needs left: its own worst case (every entry expired, read cold),
    /// the record's (re-read warm, a fresh ledger and entry slot) and the token's work after the check.
    uint256 public constant GAS_RESERVE = 200_000;

    uint256 private constant AMOUNT_BITS = 56; // an entry: amount | time << 56 | window << 96
    uint256 private constant TIME_BITS = 40;
    uint256 private constant MAX_AMOUNT = (1 << AMOUNT_BITS) - 1;

    struct Limit {
        uint128 amount; // minor units of `currency` per window; 0 means no limit
        bytes3 currency;
        uint64 window; // seconds
        uint40 windowSetAt; // when the window last changed; acquisitions until then count at least `previous`
    }

    /// @dev One investor's acquisitions in the window.
    struct Ledger {
        uint64 sum; // of the live entries
        uint8 head; // ring position of the oldest live entry
        uint8 count; // live entries
        uint8 category; // the head's expiry was computed under this category's limit...
        uint40 updatedAt; // ...at this time (the limit's window not changed since: still right)
        uint40 headExpiry; // when the head entry stops counting
    }

    IOperatorTokens public immutable factory;
    address public immutable operator;

    mapping(uint8 category => Limit) private _limits;
    // the longest window in force before the limit's window last changed that can still count
    mapping(uint8 category => uint64) private _previousWindows;
    mapping(bytes32 investorId => Ledger) private _ledgers;
    // written through storage references, which Slither does not follow
    // slither-disable-next-line uninitialized-state
    mapping(bytes32 investorId => uint256[ENTRIES / 2]) private _entries;
    mapping(address token => bool) private _knownTokens; // checked once against the factory
    mapping(address token => PriceBounds) private _priceBounds;

    event LimitSet(uint8 indexed category, uint128 amount, bytes3 currency, uint64 window, address indexed actor);
    event PriceBoundsSet(
        address indexed token, uint96 min, uint96 max, bytes3 currency, uint40 maxAge, address indexed actor
    );
    event AcquisitionRecorded(bytes32 indexed investorId, address indexed token, uint256 value, bytes3 currency);

    error LimitsInvalidCategory(uint8 category);
    error LimitsInvalidWindow(uint64 window);
    error LimitsInvalidAmount(uint128 amount);
    error LimitsUnknownToken(address caller);
    error LimitsExceeded(bytes32 investorId, uint8 code);
    error LimitsInvalidPriceBounds(address token, uint96 min, uint96 max, bytes3 currency, uint40 maxAge);
    error LimitsGasReserve(uint256 needed, uint256 left);

    constructor(IOperatorTokens factory_, address operator_) {
        factory = factory_;
        operator = operator_;
        _grantRole(DEFAULT_ADMIN_ROLE, operator_);
        _grantRole(LIMITS_ADMIN_ROLE, operator_);
    }

    /**
     * @dev Sets the limit of `category` (1 retail, 2 qualified, 3 professional); `amount` 0 removes it.
     * A changed window applies at once to acquisitions made before the change when it is longer;
     * when it is shorter they keep counting under the window they were made in (see the contract's
     * notice): past totals always age out, and no change lets more through than either window.
     *
     * Requirements: caller has LIMITS_ADMIN_ROLE; a known category; when a limit is set, an amount
     * below 2^56 minor units and a window of at least a second; a window below 2^32 seconds.
     *
     * Emits {LimitSet}.
     */
    function setLimit(uint8 category, uint128 amount, bytes3 currency, uint64 window)
        external
        onlyRole(LIMITS_ADMIN_ROLE)
    {
        require(category >= 1 && category <= 3, LimitsInvalidCategory(category));
        require((amount == 0 || window != 0) && window <= type(uint32).max, LimitsInvalidWindow(window));
        require(amount <= MAX_AMOUNT, LimitsInvalidAmount(amount));
        Limit memory old = _limits[category];
        uint40 setAt = old.windowSetAt;
        if (window != old.window) {
            uint64 previous = old.window;
            uint64 earlier = _previousWindows[category];
            // acquisitions made before the last change may still need the window before it
            if (earlier > previous && uint256(setAt) + earlier > block.timestamp) previous = earlier;
            _previousWindows[category] = previous;
            setAt = uint40(block.timestamp);
        }
        _limits[category] = Limit(amount, currency, window, setAt);
        emit LimitSet(category, amount, currency, window, _msgSender());
    }

    /**
     * @dev Sets the prices `token` may be valued at for these limits (its decisions' issue prices and
     * its reference price), and how old its reference price may be. Per token, because a sensible
     * range is a property of the asset (a bond near par, a share near its last trade), not of a currency.
     * A limited acquisition of a token without bounds is refused.
     *
     * Requirements: caller has LIMITS_ADMIN_ROLE; `token` is a token of the operator (created by
     * the factory); 0 < `min` <= `max`; a currency; `maxAge` of at least a second.
     *
     * Emits {PriceBoundsSet}.
     */
    function setPriceBounds(address token, uint96 min, uint96 max, bytes3 currency, uint40 maxAge)
        external
        onlyRole(LIMITS_ADMIN_ROLE)
    {
        require(
            min != 0 && min <= max && currency != bytes3(0) && maxAge != 0,
            LimitsInvalidPriceBounds(token, min, max, currency, maxAge)
        );
        require(factory.recordOf(token).operator == operator, LimitsUnknownToken(token));
        _priceBounds[token] = PriceBounds(min, max, currency, maxAge);
        emit PriceBoundsSet(token, min, max, currency, maxAge, _msgSender());
    }

    /// @inheritdoc IPurchaseLimits
    function priceBounds(address token) external view returns (PriceBounds memory) {
        return _priceBounds[token];
    }

    // Slither reads the ring arithmetic (positions modulo ENTRIES) as randomness and the tests of
    // a limit or a ledger being empty as timestamp comparisons; neither is what these lines do.
    // slither-disable-start incorrect-equality,weak-prng
    /// @inheritdoc IPurchaseLimits
    function checkValuedAcquisition(
        uint256 record,
        uint256 value,
        uint256 price,
        bytes3 currency,
        uint256 pricedAt,
        bool consented
    ) external view returns (uint8) {
        uint8 category = InvestorRecords.category(record);
        if (_limits[category].amount == 0) return Restrictions.SUCCESS;
        if (!consented) return Restrictions.ACQUISITION_NOT_CONSENTED;
        if (currency == bytes3(0)) return Restrictions.NO_REFERENCE_PRICE;
        PriceBounds memory bounds = _priceBounds[msg.sender];
        if (currency != bounds.currency || price < bounds.min || price > bounds.max) {
            return Restrictions.PRICE_OUT_OF_BOUNDS;
        }
        if (block.timestamp > pricedAt + bounds.maxAge) return Restrictions.STALE_PRICE;
        return checkAcquisition(InvestorRecords.id(record), category, value, currency);
    }

    function limitOf(uint8 category) external view returns (Limit memory) {
        return _limits[category];
    }

    function remainingAllowance(bytes32 investorId, uint8 category)
        external
        view
        returns (uint256 remaining, bytes3 currency, bool limited)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return (type(uint256).max, limit.currency, false);
        Ledger memory ledger = _ledgerNow(investorId, category, limit);
        return (ledger.sum >= limit.amount ? 0 : limit.amount - ledger.sum, limit.currency, true);
    }

    /**
     * @dev 0 when `investorId` (of `category`) may acquire `value` minor units of `currency` now,
     * else PURCHASE_LIMIT_EXCEEDED or CURRENCY_MISMATCH.
     *
     * Requirements: at least {GAS_RESERVE} gas left when a limit applies (see the contract's notice).
     */
    function checkAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency)
        public
        view
        returns (uint8)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return Restrictions.SUCCESS;
        if (currency != limit.currency) return Restrictions.CURRENCY_MISMATCH;
        require(gasleft() >= GAS_RESERVE, LimitsGasReserve(GAS_RESERVE, gasleft()));
        return _fits(_ledgerNow(investorId, category, limit), limit, value)
            ? Restrictions.SUCCESS
            : Restrictions.PURCHASE_LIMIT_EXCEEDED;
    }

    /**
     * @dev Counts an acquisition of `value` minor units of `currency` against the investor's limit.
     *
     * Requirements: the caller is a token the factory created for this operator; the acquisition
     * passes {checkAcquisition}.
     *
     * Emits {AcquisitionRecorded} (nothing when the category has no limit).
     */
    function recordAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency) external {
        // a token with price bounds was checked when they were set (and its bounds are warm: read by the check)
        if (_priceBounds[msg.sender].min == 0 && !_knownTokens[msg.sender]) {
            require(factory.recordOf(msg.sender).operator == operator, LimitsUnknownToken(msg.sender));
            _knownTokens[msg.sender] = true;
        }
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return; // unlimited categories keep no history
        require(currency == limit.currency, LimitsExceeded(investorId, Restrictions.CURRENCY_MISMATCH));
        Ledger memory ledger = _ledgerNow(investorId, category, limit);
        require(_fits(ledger, limit, value), LimitsExceeded(investorId, Restrictions.PURCHASE_LIMIT_EXCEEDED));
        uint256 window = _windowNow(category, limit);
        uint256[ENTRIES / 2] storage ring = _entries[investorId];
        if (ledger.count < ENTRIES) {
            _write(ring, (uint256(ledger.head) + ledger.count) % ENTRIES, value, block.timestamp, window);
            if (ledger.count++ == 0) ledger.headExpiry = uint40(block.timestamp + window);
        } else {
            // full: the newest entry absorbs this one and counts from now, no shorter than it did
            uint256 position = (uint256(ledger.head) + ENTRIES - 1) % ENTRIES;
            (uint256 amount, uint256 expiry) = _entry(ring, position, category, limit);
            if (expiry > block.timestamp + window) window = expiry - block.timestamp;
            _write(ring, position, amount + value, block.timestamp, window);
        }
        (ledger.sum, ledger.category, ledger.updatedAt) = (ledger.sum + uint64(value), category, uint40(block.timestamp));
        _ledgers[investorId] = ledger;
        emit AcquisitionRecorded(investorId, msg.sender, value, currency);
    }

    function _fits(Ledger memory ledger, Limit memory limit, uint256 value) private pure returns (bool) {
        return value <= limit.amount && ledger.sum <= limit.amount - value;
    }

    /// @dev The investor's ledger as of now: expired entries popped from the head (in memory).
    function _ledgerNow(bytes32 investorId, uint8 category, Limit memory limit)
        private
        view
        returns (Ledger memory ledger)
    {
        ledger = _ledgers[investorId];
        if (ledger.count == 0) return ledger;
        bool cached = ledger.category == category && limit.windowSetAt < ledger.updatedAt;
        if (cached && block.timestamp < ledger.headExpiry) return ledger; // nothing has expired
        uint256[ENTRIES / 2] storage ring = _entries[investorId];
        while (ledger.count > 0) {
            (uint256 amount, uint256 expiry) = _entry(ring, ledger.head, category, limit);
            if (block.timestamp < expiry) {
                ledger.headExpiry = uint40(expiry);
                break;
            }
            ledger.sum -= uint64(amount);
            (ledger.head, ledger.count) = (uint8((ledger.head + 1) % ENTRIES), ledger.count - 1);
        }
    }
    // slither-disable-end incorrect-equality,weak-prng

    /// @dev The amount of the entry at ring `position` and when it stops counting: after the longest
    /// of the window it was made under and every window in force since.
    function _entry(uint256[ENTRIES / 2] storage ring, uint256 position, uint8 category, Limit memory limit)
        private
        view
        returns (uint256 amount, uint256 expiry)
    {
        uint256 entry = uint128(ring[position >> 1] >> ((position & 1) << 7));
        uint256 time = (entry >> AMOUNT_BITS) & ((1 << TIME_BITS) - 1);
        uint256 window = entry >> (AMOUNT_BITS + TIME_BITS);
        if (limit.window > window) window = limit.window;
        if (time <= limit.windowSetAt) {
            uint256 previous = _previousWindows[category];
            if (previous > window) window = previous;
        }
        return (entry & MAX_AMOUNT, time + window);
    }

    /// @dev The window an acquisition made now counts for (in the second of a change: the longer).
    function _windowNow(uint8 category, Limit memory limit) private view returns (uint256 window) {
        window = limit.window;
        if (block.timestamp <= limit.windowSetAt) {
            uint256 previous = _previousWindows[category];
            if (previous > window) window = previous;
        }
    }

    function _write(uint256[ENTRIES / 2] storage ring, uint256 position, uint256 amount, uint256 time, uint256 window)
        private
    {
        uint256 shift = (position & 1) << 7;
        uint256 entry = amount | (time << AMOUNT_BITS) | (window << (AMOUNT_BITS + TIME_BITS));
        ring[position >> 1] = (ring[position >> 1] & ~(uint256(type(uint128).max) << shift)) | (entry << shift);
    }
}
