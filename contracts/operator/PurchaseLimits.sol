// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IPurchaseLimits} from "./IPurchaseLimits.sol";
import {Restrictions} from "../token/Restrictions.sol";

interface ITokenRecords {
    struct TokenRecord {
        address operator;
        address issuer;
    }

    function recordOf(address token) external view returns (TokenRecord memory);
}

/**
 * @title PurchaseLimits
 * @notice How much an investor of a category may acquire over a rolling window, in fiat
 * (the Astana pilot: retail 1,000 USD per 30 days; Russia: unqualified 600,000 RUB per year).
 * Counted per investor (all its wallets) and across all tokens of one operator: every token of
 * the operator reports its acquisitions here.
 *
 * The window is exact: an acquisition stops counting the second it is `window` old. Each
 * investor's acquisitions are a queue (oldest first) with a running sum: a new acquisition
 * first drops the entries that have left the window from the head, then appends itself. Every
 * entry is appended once and dropped once, so the cost per acquisition is amortised O(1)
 * however many acquisitions the investor has made.
 */
contract PurchaseLimits is AccessControl, IPurchaseLimits {
    bytes32 public constant LIMITS_ADMIN_ROLE = keccak256("LIMITS_ADMIN_ROLE");

    struct Limit {
        uint128 amount; // minor units of `currency` per window; 0 means no limit
        bytes3 currency;
        uint64 window; // seconds
    }

    struct Entry {
        uint40 time;
        uint216 value;
    }

    struct Queue {
        uint64 head; // first live entry
        uint64 tail; // next free index
        uint128 sum; // of entries [head, tail)
    }

    ITokenRecords public immutable factory;
    address public immutable operator;

    mapping(uint8 category => Limit) private _limits;
    mapping(bytes32 investorId => Queue) private _queues;
    mapping(bytes32 investorId => mapping(uint256 index => Entry)) private _entries;

    event LimitSet(uint8 indexed category, uint128 amount, bytes3 currency, uint64 window, address indexed actor);
    event AcquisitionRecorded(bytes32 indexed investorId, address indexed token, uint256 value, bytes3 currency);

    error LimitsInvalidCategory(uint8 category);
    error LimitsInvalidWindow(uint64 window);
    error LimitsUnknownToken(address caller);
    error LimitsExceeded(bytes32 investorId, uint8 code);

    constructor(ITokenRecords factory_, address operator_) {
        factory = factory_;
        operator = operator_;
        _grantRole(DEFAULT_ADMIN_ROLE, operator_);
        _grantRole(LIMITS_ADMIN_ROLE, operator_);
    }

    /**
     * @dev Sets the limit of `category` (1 retail, 2 qualified, 3 professional); `amount` 0 removes it.
     *
     * Requirements: caller has LIMITS_ADMIN_ROLE; a known category; a window of at least a second
     * when a limit is set.
     *
     * Emits {LimitSet}.
     */
    function setLimit(uint8 category, uint128 amount, bytes3 currency, uint64 window)
        external
        onlyRole(LIMITS_ADMIN_ROLE)
    {
        require(category >= 1 && category <= 3, LimitsInvalidCategory(category));
        require(amount == 0 || window != 0, LimitsInvalidWindow(window));
        _limits[category] = Limit(amount, currency, window);
        emit LimitSet(category, amount, currency, window, _msgSender());
    }

    function limitOf(uint8 category) external view returns (Limit memory) {
        return _limits[category];
    }

    /// @dev What `investorId` of `category` may still acquire now, and in which currency (`limited` false: no limit).
    function remainingAllowance(bytes32 investorId, uint8 category)
        external
        view
        returns (uint256 remaining, bytes3 currency, bool limited)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return (type(uint256).max, limit.currency, false);
        uint256 spent = _liveSum(investorId, limit.window);
        return (spent >= limit.amount ? 0 : limit.amount - spent, limit.currency, true);
    }

    /// @inheritdoc IPurchaseLimits
    function checkAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency)
        public
        view
        returns (uint8)
    {
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return Restrictions.SUCCESS;
        if (currency != limit.currency) return Restrictions.CURRENCY_MISMATCH;
        if (_liveSum(investorId, limit.window) + value > limit.amount) return Restrictions.PURCHASE_LIMIT_EXCEEDED;
        return Restrictions.SUCCESS;
    }

    /// @inheritdoc IPurchaseLimits
    function recordAcquisition(bytes32 investorId, uint8 category, uint256 value, bytes3 currency) external {
        require(factory.recordOf(msg.sender).operator == operator, LimitsUnknownToken(msg.sender));
        Limit memory limit = _limits[category];
        if (limit.amount == 0) return; // unlimited categories keep no history
        uint8 code = checkAcquisition(investorId, category, value, currency);
        require(code == Restrictions.SUCCESS, LimitsExceeded(investorId, code));
        Queue memory queue = _queues[investorId];
        mapping(uint256 => Entry) storage entries = _entries[investorId];
        uint256 cutoff = _cutoff(limit.window);
        while (queue.head < queue.tail && entries[queue.head].time <= cutoff) {
            queue.sum -= uint128(entries[queue.head].value);
            delete entries[queue.head];
            ++queue.head;
        }
        entries[queue.tail] = Entry(uint40(block.timestamp), uint216(value));
        ++queue.tail;
        queue.sum += uint128(value);
        _queues[investorId] = queue;
        emit AcquisitionRecorded(investorId, msg.sender, value, currency);
    }

    /// @dev The sum of acquisitions younger than `window`, without dropping anything (a view).
    function _liveSum(bytes32 investorId, uint64 window) private view returns (uint256 sum) {
        Queue memory queue = _queues[investorId];
        mapping(uint256 => Entry) storage entries = _entries[investorId];
        uint256 cutoff = _cutoff(window);
        sum = queue.sum;
        for (uint256 i = queue.head; i < queue.tail && entries[i].time <= cutoff; ++i) {
            sum -= entries[i].value;
        }
    }

    /// @dev Entries at or before this second have left the window.
    function _cutoff(uint64 window) private view returns (uint256) {
        return block.timestamp > window ? block.timestamp - window : 0;
    }
}
