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
 * The window rolls in {BUCKETS} steps: time is cut into buckets of `window / 31` (rounded up;
 * under a day for a 30-day window), and an acquisition counts from the second it is made until
 * its bucket has left the window: at least `window`, at most one bucket longer. The limit is
 * never exceeded; an investor waits at most one bucket more than an exact window would ask.
 *
 * Gas: each investor has a ledger slot (the running sum, the last bucket, which buckets are
 * live) and a ring of {BUCKETS} amounts, four to a slot. An acquisition reads and writes the
 * ledger and one ring slot, and reads the few buckets that left the window since the last one:
 * its cost does not grow with the investor's history, and after the ring's first lap no
 * acquisition writes a fresh slot.
 */
contract PurchaseLimits is AccessControl, IPurchaseLimits {
    bytes32 public constant LIMITS_ADMIN_ROLE = keccak256("LIMITS_ADMIN_ROLE");
    /// @dev The ring of buckets per investor; a window spans at most BUCKETS - 1 of them.
    uint256 public constant BUCKETS = 32;

    struct Limit {
        uint128 amount; // minor units of `currency` per window; 0 means no limit
        bytes3 currency;
        uint64 window; // seconds
    }

    /// @dev One investor's acquisitions in the window of its category.
    struct Ledger {
        uint128 sum; // of the live buckets
        uint40 last; // the bucket of the last acquisition
        uint32 live; // bit p: ring position p holds a bucket still in the window
        uint56 bucketLength; // seconds per bucket the ledger was kept in; 0: never used
    }

    IOperatorTokens public immutable factory;
    address public immutable operator;

    mapping(uint8 category => Limit) private _limits;
    mapping(bytes32 investorId => Ledger) private _ledgers;
    // written through storage references, which Slither does not follow
    // slither-disable-next-line uninitialized-state
    mapping(bytes32 investorId => uint64[BUCKETS]) private _buckets;
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

    constructor(IOperatorTokens factory_, address operator_) {
        factory = factory_;
        operator = operator_;
        _grantRole(DEFAULT_ADMIN_ROLE, operator_);
        _grantRole(LIMITS_ADMIN_ROLE, operator_);
    }

    /**
     * @dev Sets the limit of `category` (1 retail, 2 qualified, 3 professional); `amount` 0 removes it.
     * A changed window restarts the investors' ledgers conservatively: what they acquired in the
     * old window counts in full for the new one.
     *
     * Requirements: caller has LIMITS_ADMIN_ROLE; a known category; an amount below 2^64 minor
     * units, and a window of at least a second, when a limit is set.
     *
     * Emits {LimitSet}.
     */
    function setLimit(uint8 category, uint128 amount, bytes3 currency, uint64 window)
        external
        onlyRole(LIMITS_ADMIN_ROLE)
    {
        require(category >= 1 && category <= 3, LimitsInvalidCategory(category));
        require(amount == 0 || window != 0, LimitsInvalidWindow(window));
        require(amount <= type(uint64).max, LimitsInvalidAmount(amount));
        _limits[category] = Limit(amount, currency, window);
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

    /// @dev Seconds per bucket for a `window`: an acquisition counts at least `window`, at most this much longer.
    function bucketLength(uint64 window) public pure returns (uint64) {
        return uint64((uint256(window) + BUCKETS - 2) / (BUCKETS - 1));
    }

    function remainingAllowance(bytes32 investorId, uint8 category)
        external
        view
        returns (uint256 remaining, bytes3 currency, bool limited)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return (type(uint256).max, limit.currency, false);
        (Ledger memory ledger,,) = _ledgerNow(investorId, limit);
        return (ledger.sum >= limit.amount ? 0 : limit.amount - ledger.sum, limit.currency, true);
    }

    function checkAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency)
        public
        view
        returns (uint8)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return Restrictions.SUCCESS;
        if (currency != limit.currency) return Restrictions.CURRENCY_MISMATCH;
        (Ledger memory ledger,,) = _ledgerNow(investorId, limit);
        if (ledger.sum + value > limit.amount) return Restrictions.PURCHASE_LIMIT_EXCEEDED;
        return Restrictions.SUCCESS;
    }

    function recordAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency) external {
        // a token with price bounds was checked when they were set (and its bounds are warm: read by the check)
        if (_priceBounds[msg.sender].min == 0 && !_knownTokens[msg.sender]) {
            require(factory.recordOf(msg.sender).operator == operator, LimitsUnknownToken(msg.sender));
            _knownTokens[msg.sender] = true;
        }
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return; // unlimited categories keep no history
        uint8 code = checkAcquisition(investorId, category, value, currency);
        require(code == Restrictions.SUCCESS, LimitsExceeded(investorId, code));
        (Ledger memory ledger, uint256 current, bool restarted) = _ledgerNow(investorId, limit);
        uint64[BUCKETS] storage buckets = _buckets[investorId];
        uint256 position = _position(current);
        uint32 bit = uint32(1 << position);
        if (restarted) {
            // what was acquired under another bucket length counts as acquired now: in full, for a whole window
            (ledger.live, ledger.bucketLength) = (ledger.sum > 0 ? bit : 0, uint56(bucketLength(limit.window)));
            if (ledger.sum > 0) buckets[position] = uint64(ledger.sum);
        }
        buckets[position] = ledger.live & bit != 0 ? buckets[position] + uint64(value) : uint64(value);
        (ledger.live, ledger.sum) = (ledger.live | bit, ledger.sum + uint128(value));
        _ledgers[investorId] = ledger;
        emit AcquisitionRecorded(investorId, msg.sender, value, currency);
    }

    /// @dev The investor's ledger as of now: buckets that left the window dropped from the sum.
    /// `restarted`: it was kept with another bucket length (or never), its sum counts in full.
    function _ledgerNow(bytes32 investorId, Limit memory limit)
        private
        view
        returns (Ledger memory ledger, uint256 current, bool restarted)
    {
        ledger = _ledgers[investorId];
        uint256 length = bucketLength(limit.window);
        current = block.timestamp / length;
        if (ledger.bucketLength != length) {
            ledger.last = uint40(current);
            return (ledger, current, true);
        }
        if (current <= ledger.last) return (ledger, current, false); // time never runs back: same bucket
        uint256 span = (limit.window + length - 1) / length; // buckets besides the current one that still count
        if (current - ledger.last > span) {
            (ledger.sum, ledger.live) = (0, 0); // everything has left the window
        } else {
            uint64[BUCKETS] storage buckets = _buckets[investorId];
            uint256 first = ledger.last > span ? ledger.last - span : 0;
            for (uint256 bucket = first; bucket + span < current; ++bucket) {
                uint32 bit = uint32(1 << _position(bucket));
                if (ledger.live & bit != 0) {
                    ledger.sum -= buckets[_position(bucket)];
                    ledger.live &= ~bit;
                }
            }
        }
        ledger.last = uint40(current);
    }

    /// @dev Where `bucket` lives in the ring (BUCKETS is a power of two).
    function _position(uint256 bucket) private pure returns (uint256) {
        return bucket & (BUCKETS - 1);
    }
}
