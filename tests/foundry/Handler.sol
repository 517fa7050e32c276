// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7943FungibleDeclarations} from "../../contracts/token/interfaces/IERC7943.sol";
import {OperatorLicenseRegistry} from "../../contracts/regulator/OperatorLicenseRegistry.sol";
import {InvestorRegistry} from "../../contracts/operator/InvestorRegistry.sol";
import {IInvestorRegistry} from "../../contracts/operator/IInvestorRegistry.sol";
import {IPurchaseLimits} from "../../contracts/operator/IPurchaseLimits.sol";
import {PurchaseLimits} from "../../contracts/operator/PurchaseLimits.sol";
import {DFATokenFactory} from "../../contracts/issuer/DFATokenFactory.sol";
import {DFAToken} from "../../contracts/token/DFAToken.sol";
import {DFATokenAdmin} from "../../contracts/token/DFATokenAdmin.sol";
import {DFATokenTerms} from "../../contracts/token/DFATokenTerms.sol";
import {Restricted} from "../../contracts/token/extensions/Restricted.sol";
import {EligibilitySettings} from "../../contracts/token/settings/EligibilitySettings.sol";
import {Documents} from "../../contracts/token/extensions/Documents.sol";
import {IssuanceDecisions} from "../../contracts/token/extensions/IssuanceDecisions.sol";
import {DFASystem} from "./System.sol";

/**
 * @title Handler
 * @notice The fuzzer's way into the system: one small function per state-changing function of
 * every contract, called by a bounded set of actors (each role holder, outsiders, investors'
 * wallets: usually the rightful one, often anyone), with bounded inputs, and {warp} for time.
 * A call refused by the contracts is an outcome like any other; a call never reverts here except
 * when a property checked at the call is broken (the campaign runs with `fail_on_revert`):
 *
 * - a transfer's or allocation's pre-check equals its outcome (same code, or success);
 * - tokens reach (outside enforcement) only a wallet verified before the move, within the caps;
 * - an investor's acquisitions over any window of its limit never exceed the limit;
 * - an enforcement act (pause, wallet freeze, frozen tokens) is undone only by a call from an
 *   account holding the token's ENFORCEMENT_ROLE (or by its own lapse, with time).
 *
 * The state invariants (sums, counts, caps, wallets) are in {DFAInvariants}, after every call.
 * When a signature changes, only the one function that calls it needs adapting.
 */
contract Handler is DFASystem {
    struct Acquisition {
        uint64 at;
        uint192 value; // minor units of the limit's currency
    }

    /// @dev A token's enforcement state as far as non-enforcement callers must never lower it.
    struct EnforcementState {
        bool paused;
        uint64[WALLETS] frozenUntil; // the wallet freeze, 0 when not frozen now
        uint256[][WALLETS] tranches; // the frozen tranches (amount << 64 | lapse), as the token stores them
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Enforcement")) - 1)) & ~bytes32(uint256(0xff))
    uint256 private constant ENFORCEMENT_STORAGE = 0xb83d615eedfd3400dd4d5021f75ba8891ae2cc4afc96a3d82991348303ef0500;

    error PreCheckDisagrees(address token, address from, address to, uint256 value, uint8 expected, bytes outcome);
    error TokensReachedUnverified(address token, address to, uint256 value);
    error CapExceeded(address token, address to, string cap, uint256 value, uint256 max);
    error PurchaseLimitBroken(bytes32 investorId, uint8 category, uint256 inWindow, uint128 limit, uint64 window);
    error EnforcementUndone(address token, address actor, string act, address wallet, uint256 before, uint256 after_);
    error BelowMinHolding(address token, bytes32 investorId, uint256 held, uint256 minHolding);
    error LegalReferenceReused(address token, address actor);
    error ForcedTransferToSelf(address token, address wallet, uint256 value);
    error LockUpShortened(address token, address wallet, uint256 lockedBefore, uint256 lockedAfter, uint256 balance);
    error RecoveredTwice(address token, address lost);
    error RecoveredOutsideInvestor(address token, address lost, address replacement);
    error RoleAdminBypassed(address target, bytes32 role, address actor, address account);
    error RolesJoined(address target, bytes32 role, bytes32 heldRole, address account);
    error AcquiredWithoutConsent(address token, address to, uint256 value, uint256 consent);
    error ConsentNotUsedUp(address token, address to, uint256 value, uint256 consentBefore, uint256 consentAfter);
    error PricedOutsideBounds(address token, uint256 price, bytes3 currency, uint256 pricedAt);
    error SenderJudgedOnTokenRules(address token, address from, uint8 code);

    /// @dev Typed views of a token's admin and terms modules, for abi.encodeCall (a token reaches them by delegation).
    DFATokenAdmin private constant _ADMIN = DFATokenAdmin(payable(address(0)));
    DFATokenTerms private constant _TERMS = DFATokenTerms(address(0));

    /// @dev Acquisitions per investor while in a limited category (reset when its category changes).
    mapping(bytes32 investorId => Acquisition[]) internal acquired;
    /// @dev Allocated and redeemed per token: allocated minus redeemed is the supply.
    uint256[2] public allocated;
    uint256[2] public redeemed;
    uint256 public calls;
    uint256 public refused;
    /// @dev What went through, by kind (to see that a campaign reaches the paths its checks guard).
    uint256 public limitedAcquisitions;
    uint256 public recoveriesCarried;
    uint256 public enforcementActs;
    /// @dev Lost wallets a token carried a recovery out for (once per lost wallet and token).
    mapping(uint256 token => mapping(address lost => bool)) internal recoveredIn;
    /// @dev Set around recoverWallet: the lost wallet's freeze may move to its replacement.
    address private _recoveredLost;
    address private _recoveredTo;

    /// @dev How often the rightful role holder makes a call (`rightfulOutOf - 1` in `rightfulOutOf`;
    /// else anyone), and the registry's waiting period for recoveries: two campaigns differ in these.
    uint256 private immutable _rightfulOutOf;

    constructor(uint256 rightfulOutOf, uint64 recoveryDelay) {
        _rightfulOutOf = rightfulOutOf;
        _deploySystem();
        if (recoveryDelay < licences.minRecoveryDelay()) {
            vm.prank(regulator);
            licences.setMinRecoveryDelay(recoveryDelay, "decision");
        }
        vm.prank(operator);
        registry.setRecoveryDelay(recoveryDelay);
    }

    // ------------------------------------------------------------------ views for the invariants

    function allWallets() external view returns (address[] memory) {
        return wallets;
    }

    function allAccounts() external view returns (address[] memory) {
        return everyone;
    }

    function investorIds() external view returns (bytes32[] memory) {
        return ids;
    }

    function decisionsOf(uint256 t) external view returns (bytes32[] memory) {
        return decisions[t];
    }

    // ------------------------------------------------------------------ picking actors and inputs

    /// @dev The rightful actor, or sometimes anyone (role holders, outsiders, wallets).
    function _actor(uint256 seed, address rightful) internal view returns (address) {
        return seed % _rightfulOutOf != 0 ? rightful : everyone[(seed >> 8) % everyone.length];
    }

    function _wallet(uint256 seed) internal view returns (address) {
        return wallets[seed % WALLETS];
    }

    function _token(uint256 seed) internal view returns (DFAToken) {
        return tokens[seed % 2];
    }

    /// @dev `x` folded into [lo, hi].
    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + x % (hi - lo + 1);
    }

    /// @dev An amount of base units: small, around a holding, or anything up to 2x the balance.
    function _amount(uint256 seed, DFAToken token, address holder) internal view returns (uint256) {
        uint256 balance = token.balanceOf(holder);
        uint256 mode = seed % 4;
        if (mode == 0) return balance; // all of it
        if (mode == 1) return _bound(seed >> 2, 0, 10 ** token.decimals() * 20);
        return _bound(seed >> 2, 0, balance * 2 + 1);
    }

    // ------------------------------------------------------------------ the call, and the enforcement check around it

    /// @dev Calls `target` as `actor`; for a token, checks that no enforcement act was undone by
    /// an actor without the token's ENFORCEMENT_ROLE.
    function _send(address actor, address target, bytes memory data) internal returns (bool ok, bytes memory ret) {
        ++calls;
        int256 t = _tokenIndex(target);
        bool guarded = t >= 0 && !IAccessControl(target).hasRole(ENFORCEMENT_ROLE, actor);
        EnforcementState memory before;
        if (guarded) before = _enforcementState(DFAToken(payable(target)));
        vm.prank(actor);
        (ok, ret) = target.call(data);
        if (!ok) ++refused;
        if (guarded) _checkNotUndone(DFAToken(payable(target)), actor, before);
    }

    function _tokenIndex(address target) internal view returns (int256) {
        if (target == address(tokens[0])) return 0;
        if (target == address(tokens[1])) return 1;
        return -1;
    }

    /// @dev Read from the token's storage (ERC-7201 namespace of {Enforcement}): one cheap load
    /// per word instead of a call through the proxy per wallet.
    function _enforcementState(DFAToken token) internal view returns (EnforcementState memory s) {
        s.paused = DFATokenAdmin(payable(address(token))).paused();
        for (uint256 i = 0; i < WALLETS; ++i) {
            address w = wallets[i];
            uint64 until = uint64(uint256(vm.load(address(token), keccak256(abi.encode(w, ENFORCEMENT_STORAGE)))));
            s.frozenUntil[i] = until > block.timestamp ? until : 0;
            bytes32 slot = keccak256(abi.encode(w, ENFORCEMENT_STORAGE + 1));
            uint256 length = uint256(vm.load(address(token), slot));
            s.tranches[i] = new uint256[](length);
            uint256 first = uint256(keccak256(abi.encode(slot)));
            for (uint256 k = 0; k < length; ++k) {
                s.tranches[i][k] = uint256(vm.load(address(token), bytes32(first + k)));
            }
        }
    }

    /// @dev No pause, wallet freeze or frozen tranche was lowered or shortened: for every second
    /// until a tranche frozen before lapses, at least as much stays frozen. A recovery may carry
    /// the lost wallet's freezes to its replacement (counted together), never drop or shorten them.
    function _checkNotUndone(DFAToken token, address actor, EnforcementState memory before) internal view {
        EnforcementState memory later = _enforcementState(token);
        if (before.paused && !later.paused) revert EnforcementUndone(address(token), actor, "pause", address(0), 1, 0);
        for (uint256 i = 0; i < WALLETS; ++i) {
            address w = wallets[i];
            uint256 j = w == _recoveredLost ? _indexOf(_recoveredTo) : WALLETS;
            bool recovered = j < WALLETS;
            if (later.frozenUntil[i] < before.frozenUntil[i] && (!recovered || later.frozenUntil[j] < before.frozenUntil[i])) {
                revert EnforcementUndone(address(token), actor, "wallet freeze", w, before.frozenUntil[i], later.frozenUntil[i]);
            }
            uint256[] memory tranches = before.tranches[i];
            for (uint256 k = 0; k < tranches.length; ++k) {
                uint256 lapse = uint64(tranches[k]);
                if (lapse <= block.timestamp) continue;
                uint256 was = _frozenAt(tranches, lapse - 1);
                uint256 is_ = _frozenAt(later.tranches[i], lapse - 1);
                if (recovered) {
                    (was, is_) = (was + _frozenAt(before.tranches[j], lapse - 1), is_ + _frozenAt(later.tranches[j], lapse - 1));
                }
                if (is_ < was) revert EnforcementUndone(address(token), actor, "frozen tokens", w, was, is_);
            }
        }
    }

    /// @dev What `tranches` hold frozen at second `t`.
    function _frozenAt(uint256[] memory tranches, uint256 t) private pure returns (uint256 frozen) {
        for (uint256 k = 0; k < tranches.length; ++k) {
            if (uint64(tranches[k]) > t) frozen += tranches[k] >> 64;
        }
    }

    function _indexOf(address wallet) private view returns (uint256 i) {
        for (i = 0; i < WALLETS && wallets[i] != wallet; ++i) {}
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    // ------------------------------------------------------------------ the transfer path

    function transfer(uint256 tokenSeed, uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external {
        DFAToken token = _token(tokenSeed);
        (address from, address to) = (_wallet(fromSeed), toSeed % 8 == 0 ? everyone[toSeed % everyone.length] : _wallet(toSeed));
        uint256 value = _amount(amountSeed, token, from);
        _move(token, from, from, to, value, abi.encodeCall(token.transfer, (to, value)));
    }

    function transferFrom(uint256 tokenSeed, uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amountSeed)
        external
    {
        DFAToken token = _token(tokenSeed);
        (address owner, address spender, address to) = (_wallet(ownerSeed), _wallet(spenderSeed), _wallet(toSeed));
        uint256 value = _amount(amountSeed, token, owner);
        if (spenderSeed % 3 != 0) _send(owner, address(token), abi.encodeCall(token.approve, (spender, value)));
        if (token.allowance(owner, spender) < value) {
            _send(spender, address(token), abi.encodeCall(token.transferFrom, (owner, to, value))); // refused
            return;
        }
        _move(token, spender, owner, to, value, abi.encodeCall(token.transferFrom, (owner, to, value)));
    }

    function approve(uint256 tokenSeed, uint256 ownerSeed, uint256 spenderSeed, uint256 value) external {
        DFAToken token = _token(tokenSeed);
        _send(_wallet(ownerSeed), address(token), abi.encodeCall(token.approve, (_wallet(spenderSeed), value)));
    }

    /// @dev A transfer or transfer-from: the pre-check, the call, then what must hold if it went through.
    function _move(DFAToken token, address actor, address from, address to, uint256 value, bytes memory data) internal {
        vm.prank(actor); // the pre-check as the caller sees it: a receiver that pulls has consented
        uint8 expected = token.detectTransferRestriction(from, to, value);
        // a holder is judged on its standing only: the token's rules (category, kind, country, deny rules) judge the acquirer
        if (expected >= 16 && expected <= 22 && expected % 2 == 0) revert SenderJudgedOnTokenRules(address(token), from, expected);
        DFAToken.ReferencePrice memory price = DFATokenAdmin(payable(address(token))).referencePrice();
        Receiving memory before = _receiving(token, actor, to, value, price.price, price.currency, price.setAt);
        bytes32 fromId = registry.investorIdOf(from);
        (bool ok, bytes memory ret) = _send(actor, address(token), data);
        _checkOutcome(token, from, to, value, expected, ok, ret);
        if (ok && value != 0 && before.id != fromId) {
            _received(token, to, value, before);
            _checkMinHolding(token, fromId);
            _checkMinHolding(token, before.id);
        }
    }

    /// @dev After a transfer or allocation between two investors, neither holds a positive amount below the minimum.
    function _checkMinHolding(DFAToken token, bytes32 id) internal view {
        if (id == bytes32(0)) return;
        uint256 minimum = DFATokenTerms(address(token)).minHolding();
        uint256 held = DFATokenTerms(address(token)).investorBalance(id);
        if (held != 0 && held < minimum) revert BelowMinHolding(address(token), id, held, minimum);
    }

    // ------------------------------------------------------------------ issuance

    function allocate(uint256 actorSeed, uint256 tokenSeed, uint256 decisionSeed, uint256 toSeed, uint256 amountSeed)
        external
    {
        uint256 t = tokenSeed % 2;
        DFAToken token = tokens[t];
        bytes32 decision = decisions[t][decisionSeed % decisions[t].length];
        // usually one of the onboarded investors' first wallets, usually within a retail limit
        address to = toSeed % 8 == 0 ? everyone[toSeed % everyone.length]
            : toSeed % 8 < 3 ? _wallet(toSeed >> 8) : wallets[(toSeed >> 8) % ONBOARDED];
        uint256 value = _bound(amountSeed, 0, 10 ** token.decimals() * (amountSeed % 5 == 0 ? 500 : 5));
        address actor = _actor(actorSeed, issuerAgent);
        bool agent = token.hasRole(ISSUER_AGENT_ROLE, actor);
        vm.prank(actor);
        uint8 expected = token.detectAllocationRestriction(decision, to, value);
        Receiving memory before = _receivingAllocation(token, actor, to, value, decision);
        (bool ok, bytes memory ret) = _send(actor, address(token), abi.encodeCall(token.allocate, (decision, to, value)));
        if (agent) _checkOutcome(token, address(0), to, value, expected, ok, ret);
        if (!ok) return;
        allocated[t] += value;
        _checkDecisionCap(token, decision);
        if (value != 0) {
            _received(token, to, value, before);
            _checkMinHolding(token, before.id);
        }
    }

    function allocateBatch(uint256 actorSeed, uint256 tokenSeed, uint256 toSeed, uint256 amountSeed) external {
        uint256 t = tokenSeed % 2;
        DFAToken token = tokens[t];
        address[] memory to = new address[](2);
        uint256[] memory values = new uint256[](2);
        (to[0], to[1]) = (_wallet(toSeed), _wallet(toSeed >> 8));
        (values[0], values[1]) = (_bound(amountSeed, 0, 10 ** token.decimals() * 5), _bound(amountSeed >> 64, 0, 10));
        bytes32 decision = decisions[t][0];
        // every allocation of the batch is an acquisition: they are checked as single ones (tokens
        // reach a verified wallet within the caps, limits) by comparing with the ledger after
        address actor = _actor(actorSeed, issuerAgent);
        Receiving memory first = _receivingAllocation(token, actor, to[0], values[0], decision);
        (bool ok,) = _send(actor, address(token), abi.encodeCall(token.allocateBatch, (decision, to, values)));
        if (ok) {
            allocated[t] += values[0] + values[1];
            _checkDecisionCap(token, decision);
            if (values[0] != 0) _checkMinHolding(token, registry.investorIdOf(to[0]));
            if (values[1] != 0) _checkMinHolding(token, registry.investorIdOf(to[1]));
        }
        if (ok && to[0] != to[1] && values[0] != 0 && first.id != registry.investorIdOf(to[1])) {
            _received(token, to[0], values[0], first);
            Receiving memory second = _receivingAllocation(token, actor, to[1], values[1], decision);
            _countAcquisition(second.id, second.category, second.fiat);
        }
    }

    function redeem(uint256 actorSeed, uint256 tokenSeed, uint256 fromSeed, uint256 amountSeed) external {
        uint256 t = tokenSeed % 2;
        DFAToken token = tokens[t];
        address from = _wallet(fromSeed);
        uint256 value = _amount(amountSeed, token, from);
        (bool ok,) = _send(_actor(actorSeed, issuerAgent), address(token), abi.encodeCall(token.redeem, (from, value)));
        if (ok) redeemed[t] += value;
    }

    function publishDecision(uint256 actorSeed, uint256 tokenSeed, uint256 capSeed, uint256 priceSeed) external {
        uint256 t = tokenSeed % 2;
        if (decisions[t].length >= 4) return;
        bytes32 id = keccak256(abi.encode("decision", t, decisions[t].length));
        uint256 cap = _bound(capSeed, 1, 10 ** tokens[t].decimals() * 100_000);
        (bool ok,) = _send(
            _actor(actorSeed, issuer),
            address(tokens[t]),
            abi.encodeCall(_TERMS.publishDecision, (id, decisionTerms(cap, _bound(priceSeed, 0, 500_00), 0)))
        );
        if (ok) decisions[t].push(id);
    }

    function amendDecision(uint256 actorSeed, uint256 tokenSeed, uint256 decisionSeed, uint256 capSeed, uint256 priceSeed)
        external
    {
        uint256 t = tokenSeed % 2;
        bytes32 id = decisions[t][decisionSeed % decisions[t].length];
        uint256 under = DFATokenTerms(address(tokens[t])).allocatedUnder(id);
        uint256 cap = capSeed % 3 == 0 ? under : under + _bound(capSeed, 0, 10 ** tokens[t].decimals() * 1000);
        IssuanceDecisions.DecisionTerms memory terms = decisionTerms(cap, _bound(priceSeed, 0, 500_00), 0);
        (bool ok,) = _send(_actor(actorSeed, issuer), address(tokens[t]), abi.encodeCall(_TERMS.amendDecision, (id, terms)));
        if (ok) _checkDecisionCap(tokens[t], id);
    }

    function closeDecision(uint256 actorSeed, uint256 tokenSeed, uint256 decisionSeed) external {
        uint256 t = tokenSeed % 2;
        bytes32 id = decisions[t][decisionSeed % decisions[t].length];
        _send(_actor(actorSeed, issuer), address(tokens[t]), abi.encodeCall(_TERMS.closeDecision, (id)));
    }

    // ------------------------------------------------------------------ pricing, AML, rules

    /// @dev By the pricing agent (sometimes anyone; the issuer agent never may); sometimes zero,
    /// another currency or outside the operator's bounds (refused).
    function setReferencePrice(uint256 actorSeed, uint256 tokenSeed, uint256 priceSeed) external {
        bytes3 currency = priceSeed % 7 == 0 ? bytes3("EUR") : bytes3("USD");
        uint256 price = priceSeed % 11 == 0 ? 0 : _bound(priceSeed >> 8, 1, 1_000_00);
        address actor = _actor(actorSeed, actorSeed % 16 == 1 ? issuerAgent : pricer);
        _send(actor, address(_token(tokenSeed)), abi.encodeCall(_ADMIN.setReferencePrice, (price, currency, 2)));
    }

    /// @dev The operator's price bounds and staleness for a token (sometimes invalid: refused).
    function setPriceBounds(uint256 actorSeed, uint256 tokenSeed, uint256 boundsSeed) external {
        uint96 min = uint96(boundsSeed % 9 == 0 ? 0 : _bound(boundsSeed, 1, 200_00));
        uint96 max = uint96(boundsSeed % 13 == 0 ? min / 2 : min + _bound(boundsSeed >> 64, 0, 800_00));
        uint40 maxAge = uint40(boundsSeed % 17 == 0 ? 0 : _bound(boundsSeed >> 128, 1, 60 days));
        address token = boundsSeed % 23 == 0 ? address(registry) : address(_token(tokenSeed)); // not a token: refused
        _send(_actor(actorSeed, operator), address(limits),
            abi.encodeCall(limits.setPriceBounds, (token, min, max, "USD", maxAge)));
    }

    /// @dev A wallet's consent to acquisitions pushed to it: an amount, none, or any (standing).
    function setAcquisitionConsent(uint256 tokenSeed, uint256 walletSeed, uint256 valueSeed) external {
        DFAToken token = _token(tokenSeed);
        uint256 value = valueSeed % 4 == 0 ? type(uint256).max : valueSeed % 4 == 1 ? 0
            : _bound(valueSeed >> 8, 1, 10 ** token.decimals() * 20);
        _send(_wallet(walletSeed), address(token), abi.encodeCall(_ADMIN.setAcquisitionConsent, (value)));
    }

    /// @dev Anyone may make a token copy its registry's choice of limits again (it never removes them).
    function syncPurchaseLimits(uint256 actorSeed, uint256 tokenSeed) external {
        DFAToken token = _token(tokenSeed);
        _send(everyone[actorSeed % everyone.length], address(token), abi.encodeCall(_ADMIN.syncPurchaseLimits, ()));
        if (address(DFATokenAdmin(payable(address(token))).purchaseLimits()) != address(limits)) {
            revert CapExceeded(address(token), address(0), "limits removed", 0, 0);
        }
    }

    function setAmlThreshold(uint256 actorSeed, uint256 tokenSeed, uint256 threshold) external {
        threshold = threshold % 3 == 0 ? 0 : _bound(threshold, 1, 5_000_00);
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_ADMIN.setAmlThreshold, (threshold, "USD")));
    }

    function approveTransfer(uint256 actorSeed, uint256 tokenSeed, uint256 fromSeed, uint256 toSeed, uint256 amountSeed)
        external
    {
        DFAToken token = _token(tokenSeed);
        address from = _wallet(fromSeed);
        uint64 expiry = uint64(block.timestamp + _bound(amountSeed >> 128, 0, 3 days));
        _send(_actor(actorSeed, compliance), address(token), abi.encodeCall(
            _ADMIN.approveTransfer, (from, _wallet(toSeed), _amount(amountSeed, token, from), expiry)
        ));
    }

    function setInvestorCategories(uint256 actorSeed, uint256 tokenSeed, uint8 categories) external {
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setInvestorCategories, (categories % 16)));
    }

    function setInvestorKinds(uint256 actorSeed, uint256 tokenSeed, uint8 kinds) external {
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setInvestorKinds, (kinds % 8)));
    }

    function setCountryAllowlist(uint256 actorSeed, uint256 tokenSeed, bool enabled) external {
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setCountryAllowlist, (enabled)));
    }

    function setCountryRules(uint256 actorSeed, uint256 tokenSeed, uint256 countrySeed, uint8 rule) external {
        uint16[] memory countries = new uint16[](1);
        countries[0] = countrySeed % 5 == 0 ? uint16(countrySeed % 1100) : (countrySeed % 2 == 0 ? KZ : US);
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setCountryRules, (countries, EligibilitySettings.CountryRule(rule % 3))));
    }

    function setDenyRules(uint256 actorSeed, uint256 tokenSeed, uint256 ruleSeed) external {
        EligibilitySettings.DenyRule[] memory rules = new EligibilitySettings.DenyRule[](ruleSeed % 3);
        if (rules.length != 0) rules[0] = EligibilitySettings.DenyRule(0, KZ, 0, 1 << 2, 0); // resident companies
        if (rules.length > 1) rules[1] = EligibilitySettings.DenyRule(US, 0, uint8(ruleSeed >> 8) & 0x0e, 0, 0);
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setDenyRules, (rules)));
    }

    function setSupplyCap(uint256 actorSeed, uint256 tokenSeed, uint256 capSeed) external {
        DFAToken token = _token(tokenSeed);
        uint256 cap = token.totalSupply() + _bound(capSeed, 0, 10 ** token.decimals() * 1000);
        if (capSeed % 5 == 0 && token.totalSupply() != 0) cap = token.totalSupply() - 1; // refused
        _send(_actor(actorSeed, compliance), address(token), abi.encodeCall(_TERMS.setSupplyCap, (cap)));
    }

    function setGranularity(uint256 actorSeed, uint256 tokenSeed, uint256 granularity) external {
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setGranularity, (granularity % 4 == 0 ? 0 : 1 + granularity % 3)));
    }

    function setMaxBalance(uint256 actorSeed, uint256 tokenSeed, uint256 maxSeed) external {
        DFAToken token = _token(tokenSeed);
        uint256 max = maxSeed % 3 == 0 ? 0 : _bound(maxSeed, 1, 10 ** token.decimals() * 500);
        _send(_actor(actorSeed, compliance), address(token), abi.encodeCall(_TERMS.setMaxBalance, (max)));
    }

    function setMaxHolders(uint256 actorSeed, uint256 tokenSeed, uint64 holders, uint64 byCategory) external {
        uint64[4] memory caps = [uint64(0), byCategory % 4, (byCategory >> 8) % 4, (byCategory >> 16) % 4];
        _send(_actor(actorSeed, compliance), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setMaxHolders, (holders % 6, caps)));
    }

    function setMinHolding(uint256 actorSeed, uint256 tokenSeed, uint256 minSeed) external {
        DFAToken token = _token(tokenSeed);
        uint256 minimum = minSeed % 3 == 0 ? 0 : _bound(minSeed, 1, 10 ** token.decimals() * 50);
        _send(_actor(actorSeed, compliance), address(token), abi.encodeCall(_TERMS.setMinHolding, (minimum)));
    }

    // ------------------------------------------------------------------ enforcement

    function pause(uint256 actorSeed, uint256 tokenSeed, bool on) external {
        bytes memory data = on ? abi.encodeCall(_ADMIN.pause, ("case")) : abi.encodeCall(_ADMIN.unpause, ("case"));
        _send(_actor(actorSeed, enforcement), address(_token(tokenSeed)), data);
    }

    function freezeWallet(uint256 actorSeed, uint256 tokenSeed, uint256 walletSeed, uint256 untilSeed) external {
        uint64 until = untilSeed % 3 == 0 ? 0 : uint64(block.timestamp + _bound(untilSeed, 1, 60 days));
        _send(_actor(actorSeed, enforcement), address(_token(tokenSeed)),
            abi.encodeCall(_ADMIN.freezeWallet, (_wallet(walletSeed), "court", until)));
    }

    function unfreezeWallet(uint256 actorSeed, uint256 tokenSeed, uint256 walletSeed) external {
        _send(_actor(actorSeed, enforcement), address(_token(tokenSeed)),
            abi.encodeCall(_ADMIN.unfreezeWallet, (_wallet(walletSeed), "court")));
    }

    /// @dev ERC-7943's setFrozenTokens after its legal reference, in one multicall (as dfa sends it);
    /// sometimes without the reference (refused), sometimes a second act on one reference (refused:
    /// the reference is used up by the first).
    function setFrozenTokens(uint256 actorSeed, uint256 tokenSeed, uint256 walletSeed, uint256 amountSeed) external {
        DFAToken token = _token(tokenSeed);
        address wallet = _wallet(walletSeed);
        uint64 until = amountSeed % 3 == 0 ? 0 : uint64(block.timestamp + _bound(amountSeed >> 128, 1, 60 days));
        bytes memory act = abi.encodeCall(_ADMIN.setFrozenTokens, (wallet, _amount(amountSeed, token, wallet)));
        _enforce(_actor(actorSeed, enforcement), token, act, until, amountSeed >> 200);
    }

    /// @dev ERC-7943's forcedTransfer after its legal reference, in one multicall; sometimes to the
    /// same wallet (refused). A running lock-up keeps what the remaining balance can hold.
    function forcedTransfer(uint256 actorSeed, uint256 tokenSeed, uint256 fromSeed, uint256 toSeed, uint256 amountSeed)
        external
    {
        DFAToken token = _token(tokenSeed);
        address from = _wallet(fromSeed);
        address to = toSeed % 10 == 0 ? from : _wallet(toSeed);
        uint256 value = _amount(amountSeed, token, from);
        uint256 locked = DFATokenAdmin(payable(address(token))).lockedTokens(from);
        bool ok = _enforce(_actor(actorSeed, enforcement), token,
            abi.encodeCall(_ADMIN.forcedTransfer, (from, to, value)), 0, amountSeed >> 200);
        if (!ok) return;
        if (from == to) revert ForcedTransferToSelf(address(token), from, value);
        uint256 balance = token.balanceOf(from);
        uint256 lockedAfter = DFATokenAdmin(payable(address(token))).lockedTokens(from);
        if (lockedAfter < _min(locked, balance)) revert LockUpShortened(address(token), from, locked, lockedAfter, balance);
    }

    /// @dev Sends `act` (an ERC-7943 act) as `actor`: usually after setLegalReference in one
    /// multicall; 1 in 8 without it, 1 in 8 followed by a second act on the same reference.
    function _enforce(address actor, DFAToken token, bytes memory act, uint64 until, uint256 seed)
        internal
        returns (bool ok)
    {
        uint256 mode = seed % 8;
        bytes[] memory batch = new bytes[](mode == 0 ? 1 : mode == 1 ? 3 : 2);
        batch[0] = mode == 0 ? act : abi.encodeCall(_ADMIN.setLegalReference, (seed % 16 == 2 ? bytes32(0) : bytes32("court"), until));
        if (mode != 0) batch[1] = act;
        if (mode == 1) batch[2] = act;
        (ok,) = _send(actor, address(token), abi.encodeWithSignature("multicall(bytes[])", batch));
        if (ok) ++enforcementActs;
        if (ok && mode <= 1) revert LegalReferenceReused(address(token), actor);
    }

    /// @dev Usually a lost wallet whose recovery the registry completed. A token carries a
    /// recovery out once, to a current wallet of the same investor.
    function recoverWallet(uint256 actorSeed, uint256 tokenSeed, uint256 lostSeed) external {
        address lost = _wallet(lostSeed);
        for (uint256 k = 0; k < WALLETS && lostSeed % 4 != 0; ++k) {
            address w = _wallet(lostSeed % WALLETS + k);
            if (registry.recoveredTo(w) != address(0)) {
                lost = w;
                break;
            }
        }
        _recover(everyone[actorSeed % everyone.length], tokenSeed % 2, lost);
    }

    /// @dev A token carries out the recovery of `lost`, called by `actor`; checked as {recoverWallet} says.
    function _recover(address actor, uint256 t, address lost) internal {
        address replacement = registry.recoveredTo(lost);
        bytes32 id = registry.investorIdOf(replacement);
        (_recoveredLost, _recoveredTo) = (lost, replacement);
        (bool ok,) = _send(actor, address(tokens[t]), abi.encodeCall(_ADMIN.recoverWallet, (lost)));
        (_recoveredLost, _recoveredTo) = (address(0), address(0));
        if (!ok) return;
        if (recoveredIn[t][lost]) revert RecoveredTwice(address(tokens[t]), lost);
        ++recoveriesCarried;
        recoveredIn[t][lost] = true;
        if (id == bytes32(0) || registry.isRetired(replacement) || tokens[t].balanceOf(lost) != 0) {
            revert RecoveredOutsideInvestor(address(tokens[t]), lost, replacement);
        }
    }

    // ------------------------------------------------------------------ documents, roles, batches, initialisation

    function setDocument(uint256 actorSeed, uint256 tokenSeed, uint8 name) external {
        _send(_actor(actorSeed, documents), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.setDocument, (bytes32(uint256(name % 3)), "ipfs://doc", keccak256("doc"))));
    }

    function removeDocument(uint256 actorSeed, uint256 tokenSeed, uint8 name) external {
        _send(_actor(actorSeed, documents), address(_token(tokenSeed)),
            abi.encodeCall(_TERMS.removeDocument, (bytes32(uint256(name % 3)))));
    }

    /// @dev grantRole / revokeRole / renounceRole on any of the access-controlled contracts. A
    /// grant or revocation that went through was made by a holder of the role's admin as intended
    /// (`dfa/access.py`: on a token, OPERATOR_ROLE administers itself, ENFORCEMENT_ROLE and PRICING_ROLE, the
    /// issuer's DEFAULT_ADMIN_ROLE the others), and no account of a token holds two roles kept apart.
    function role(uint256 actorSeed, uint256 targetSeed, uint256 roleSeed, uint256 accountSeed, uint8 act) external {
        address target = [address(tokens[0]), address(tokens[1]), address(registry), address(licences), address(limits)][
            targetSeed % 5];
        bytes32[10] memory roles = [bytes32(0), ISSUER_AGENT_ROLE, COMPLIANCE_ROLE, ENFORCEMENT_ROLE,
            DOCUMENT_MANAGER_ROLE, REGISTRAR_ROLE, REGULATOR_ROLE, LIMITS_ADMIN_ROLE, OPERATOR_ROLE, PRICING_ROLE];
        bytes32 r = roles[roleSeed % 10];
        address account = everyone[accountSeed % everyone.length];
        bool token = _tokenIndex(target) >= 0;
        bool operators = r == ENFORCEMENT_ROLE || r == OPERATOR_ROLE || r == PRICING_ROLE;
        bytes32 adminRole = token && operators ? OPERATOR_ROLE : bytes32(0);
        address admin = target == address(registry) || target == address(limits) ? operator
            : target == address(licences) ? regulator : adminRole == OPERATOR_ROLE ? operator : issuer;
        address actor = _actor(actorSeed, act % 3 == 2 ? account : admin);
        bool wasAdmin = IAccessControl(target).hasRole(adminRole, actor);
        bytes memory data = act % 3 == 0 ? abi.encodeCall(IAccessControl.grantRole, (r, account))
            : act % 3 == 1 ? abi.encodeCall(IAccessControl.revokeRole, (r, account))
            : abi.encodeCall(IAccessControl.renounceRole, (r, account));
        (bool ok,) = _send(actor, target, data);
        if (!ok) return;
        if (act % 3 != 2 && !wasAdmin) revert RoleAdminBypassed(target, r, actor, account);
        if (token && act % 3 == 0) _checkKeptApart(IAccessControl(target), account);
    }

    /// @dev The pairs of roles of a token no account holds together (`dfa/access.py` KEPT_APART).
    function _checkKeptApart(IAccessControl token, address account) internal view {
        bytes32[7] memory a =
            [bytes32(0), ISSUER_AGENT_ROLE, COMPLIANCE_ROLE, OPERATOR_ROLE, bytes32(0), bytes32(0), ISSUER_AGENT_ROLE];
        bytes32[7] memory b =
            [ENFORCEMENT_ROLE, ENFORCEMENT_ROLE, ENFORCEMENT_ROLE, ENFORCEMENT_ROLE, OPERATOR_ROLE, PRICING_ROLE, PRICING_ROLE];
        for (uint256 i = 0; i < 7; ++i) {
            if (token.hasRole(a[i], account) && token.hasRole(b[i], account)) revert RolesJoined(address(token), a[i], b[i], account);
        }
    }

    /// @dev A batch on the token (two enforcement acts) or the registry (two suspensions): role checks per call.
    function multicall(uint256 actorSeed, uint256 targetSeed, uint256 walletSeed) external {
        bytes[] memory batch = new bytes[](2);
        address wallet = _wallet(walletSeed);
        if (targetSeed % 2 == 0) {
            batch[0] = abi.encodeCall(_ADMIN.freezeWallet, (wallet, "court", 0));
            batch[1] = abi.encodeCall(_ADMIN.unfreezeWallet, (_wallet(walletSeed >> 8), "court"));
            _send(_actor(actorSeed, enforcement), address(_token(targetSeed >> 1)),
                abi.encodeWithSignature("multicall(bytes[])", batch));
        } else {
            bytes32 id = registry.investorIdOf(wallet);
            batch[0] = abi.encodeCall(InvestorRegistry.suspendInvestor, (id, wallet, "review"));
            batch[1] = abi.encodeCall(InvestorRegistry.reactivateInvestor, (id, wallet));
            _send(_actor(actorSeed, registrar), address(registry), abi.encodeCall(registry.multicall, (batch)));
        }
    }

    /// @dev No one re-initializes a token (or its documents) or writes the limits ledger directly.
    function initializeOrRecordDirectly(uint256 actorSeed, uint256 tokenSeed, uint256 valueSeed) external {
        address actor = everyone[actorSeed % everyone.length];
        DFAToken token = _token(tokenSeed);
        bytes32 id = ids[valueSeed % ids.length];
        _send(actor, address(limits), abi.encodeCall(IPurchaseLimits.recordAcquisition, (id, 1, 0, "USD")));
        _send(actor, address(token), abi.encodeCall(
            token.initialize, (_config(), new Documents.DocumentInput[](0), actor, licences)
        ));
    }

    // ------------------------------------------------------------------ the registry

    function registerInvestor(uint256 actorSeed, uint256 walletSeed, uint8 category, uint8 kind, bool resident) external {
        bytes32 id = investorId(ids.length);
        InvestorRegistry.Profile memory p =
            profile(1 + category % 3, 1 + kind % 2, resident ? KZ : US, uint40(block.timestamp + 365 days));
        (bool ok,) = _send(_actor(actorSeed, registrar), address(registry),
            abi.encodeCall(registry.registerInvestor, (id, _wallet(walletSeed), p)));
        if (ok) ids.push(id);
    }

    function registerInvestors(uint256 actorSeed, uint256 walletSeed) external {
        bytes32[] memory batchIds = new bytes32[](1);
        address[] memory batchWallets = new address[](1);
        InvestorRegistry.Profile[] memory profiles = new InvestorRegistry.Profile[](1);
        (batchIds[0], batchWallets[0]) = (investorId(ids.length), _wallet(walletSeed));
        profiles[0] = profile(1, 1, KZ, uint40(block.timestamp + 365 days));
        (bool ok,) = _send(_actor(actorSeed, registrar), address(registry),
            abi.encodeCall(registry.registerInvestors, (batchIds, batchWallets, profiles)));
        if (ok) ids.push(batchIds[0]);
    }

    function updateInvestor(uint256 actorSeed, uint256 walletSeed, uint8 category, uint256 kycSeed) external {
        address wallet = _wallet(walletSeed);
        (bytes32 id, IInvestorRegistry.Investor memory was) = registry.identityOf(wallet);
        uint40 kyc = uint40(block.timestamp + _bound(kycSeed, 0, 400 days));
        InvestorRegistry.Profile memory p = InvestorRegistry.Profile(
            1 + category % 3, was.kind == 0 ? 1 : was.kind, KZ, kycSeed % 4 == 0 ? US : KZ, kyc, uint32(kycSeed >> 64) % 2
        );
        (bool ok,) = _send(_actor(actorSeed, registrar), address(registry),
            abi.encodeCall(registry.updateInvestor, (id, wallet, p)));
        if (ok && p.category != was.category) delete acquired[id]; // another limit applies from now on
    }

    function addWallet(uint256 actorSeed, uint256 existingSeed, uint256 walletSeed) external {
        address existing = _wallet(existingSeed);
        for (uint256 k = 0; k < WALLETS && walletSeed % 4 != 0; ++k) {
            if (registry.investorIdOf(_wallet(walletSeed)) == bytes32(0)) break;
            walletSeed = walletSeed % WALLETS + 1; // usually a wallet that belongs to no one yet
        }
        _send(_actor(actorSeed, registrar), address(registry),
            abi.encodeCall(registry.addWallet, (registry.investorIdOf(existing), existing, _wallet(walletSeed))));
    }

    function removeWallet(uint256 actorSeed, uint256 walletSeed) external {
        _send(_actor(actorSeed, registrar), address(registry), abi.encodeCall(registry.removeWallet, (_wallet(walletSeed))));
    }

    function suspendInvestor(uint256 actorSeed, uint256 walletSeed, bool suspend) external {
        address wallet = _wallet(walletSeed);
        bytes32 id = registry.investorIdOf(wallet);
        bytes memory data = suspend ? abi.encodeCall(registry.suspendInvestor, (id, wallet, "review"))
            : abi.encodeCall(registry.reactivateInvestor, (id, wallet));
        _send(_actor(actorSeed, registrar), address(registry), data);
    }

    /// @dev Usually to another wallet of the same investor (else any wallet: refused).
    function requestRecovery(uint256 actorSeed, uint256 lostSeed, uint256 replacementSeed) external {
        address lost = _wallet(lostSeed);
        address replacement = replacementSeed % 4 == 0 ? _wallet(replacementSeed) : _otherWalletOf(lost, replacementSeed);
        bytes32 caseReference = replacementSeed % 9 == 0 ? bytes32(0) : bytes32("kyc-case"); // none: refused
        _send(_actor(actorSeed, registrar), address(registry),
            abi.encodeCall(registry.requestRecovery, (lost, replacement, caseReference)));
    }

    function cancelRecovery(uint256 actorSeed, uint256 lostSeed) external {
        address lost = _wallet(lostSeed);
        _send(_actor(actorSeed, lost), address(registry), abi.encodeCall(registry.cancelRecovery, (lost)));
    }

    /// @dev Usually a wallet whose recovery is pending, by the registrar who did not request it.
    function approveRecovery(uint256 actorSeed, uint256 lostSeed) external {
        address lost = _wallet(lostSeed);
        for (uint256 k = 0; k < WALLETS && lostSeed % 4 != 0; ++k) {
            address w = _wallet(lostSeed % WALLETS + k);
            if (registry.recoveryOf(w).status == InvestorRegistry.RecoveryStatus.Pending) {
                lost = w;
                break;
            }
        }
        address second = registry.recoveryOf(lost).requester == registrar ? registrar2 : registrar;
        _send(_actor(actorSeed, second), address(registry), abi.encodeCall(registry.approveRecovery, (lost)));
    }

    /// @dev A whole recovery with due process, so that campaigns reach recoveries often (separate
    /// steps by random callers rarely line up): a second wallet for an investor if it has none, the
    /// request, time travel past the waiting period, approval by the other registrar, and the
    /// recovery carried out by a token. Each step goes through {_send} and its checks.
    function recoveryFlow(uint256 lostSeed, uint256 tokenSeed) external {
        address lost = _wallet(lostSeed);
        for (uint256 k = 0; k < WALLETS && (registry.investorIdOf(lost) == bytes32(0) || registry.isRetired(lost)); ++k) {
            lost = _wallet(lostSeed % WALLETS + k);
        }
        bytes32 id = registry.investorIdOf(lost);
        address replacement = _otherWalletOf(lost, lostSeed >> 8);
        if (replacement == lost || registry.isRetired(replacement)) {
            for (uint256 k = 0; k < WALLETS && registry.investorIdOf(replacement) != bytes32(0); ++k) {
                replacement = _wallet((lostSeed >> 8) % WALLETS + k);
            }
            _send(registrar, address(registry), abi.encodeCall(registry.addWallet, (id, lost, replacement)));
        }
        _send(registrar, address(registry), abi.encodeCall(registry.requestRecovery, (lost, replacement, "kyc-case")));
        InvestorRegistry.Recovery memory recovery = registry.recoveryOf(lost);
        uint256 readyAt = recovery.requestedAt + licences.minRecoveryDelay();
        if (recovery.readyAt > readyAt) readyAt = recovery.readyAt;
        if (readyAt > block.timestamp) {
            time = readyAt;
            vm.warp(time);
        }
        address second = recovery.requester == registrar ? registrar2 : registrar;
        _send(second, address(registry), abi.encodeCall(registry.approveRecovery, (lost)));
        _recover(outsider, tokenSeed % 2, lost);
    }

    /// @dev Another wallet registered to the investor of `wallet`, if any (else `wallet` itself).
    function _otherWalletOf(address wallet, uint256 seed) internal view returns (address) {
        bytes32 id = registry.investorIdOf(wallet);
        for (uint256 k = 0; k < WALLETS && id != bytes32(0); ++k) {
            address w = _wallet(seed % WALLETS + k);
            if (w != wallet && registry.investorIdOf(w) == id) return w;
        }
        return wallet;
    }

    /// @dev The regulator's minimum waiting period (sometimes above the maximum, or without a decision: refused).
    function setMinRecoveryDelay(uint256 actorSeed, uint64 delay) external {
        uint64 minimum = delay % 4 == 0 ? 0 : delay % 17 == 1 ? 366 days : delay % 5 days;
        bytes32 decision = delay % 13 == 0 ? bytes32(0) : bytes32("decision");
        _send(_actor(actorSeed, regulator), address(licences), abi.encodeCall(licences.setMinRecoveryDelay, (minimum, decision)));
    }

    /// @dev The operator names its limits in its registry again (or another account's contract: refused).
    function setPurchaseLimits(uint256 actorSeed, uint256 which) external {
        address named = which % 3 == 0 ? address(licences) : which % 3 == 1 ? outsider : address(limits);
        _send(_actor(actorSeed, operator), address(registry), abi.encodeCall(registry.setPurchaseLimits, (IPurchaseLimits(named))));
        if (address(registry.purchaseLimits()) != address(limits)) revert CapExceeded(address(registry), named, "limits replaced", 0, 0);
    }

    function setRecoveryDelay(uint256 actorSeed, uint64 delay) external {
        _send(_actor(actorSeed, operator), address(registry),
            abi.encodeCall(registry.setRecoveryDelay, (delay % 4 == 0 ? 0 : delay % 5 days)));
    }

    // ------------------------------------------------------------------ the regulator, the operator's limits, the factory

    /// @dev The regulator acts on the operator's licence. Suspensions and revocations stop most of
    /// the system, so they are rarer than the acts that restore it (reinstate, renew with the
    /// operator's scopes, grant again after a revocation): the campaign spends most of its calls
    /// with a licensed operator.
    function licence(uint256 actorSeed, uint8 act, uint256 expirySeed) external {
        address actor = _actor(actorSeed, regulator);
        uint64 expires = uint64(block.timestamp + _bound(expirySeed, 1 days, 3650 days));
        uint8 scopes = expirySeed % 4 == 0 ? uint8(1 + (expirySeed >> 8) % 15) : 3; // usually issuance and registry
        act %= 10;
        bytes memory data = act == 0 ? abi.encodeCall(licences.suspendLicense, (operator, "review"))
            : act == 1 && expirySeed % 4 == 0 ? abi.encodeCall(licences.revokeLicense, (operator, "withdrawn"))
            : act <= 4 ? abi.encodeCall(licences.reinstateLicense, (operator))
            : act <= 6 ? abi.encodeCall(licences.renewLicense, (operator, scopes, expires))
            : abi.encodeCall(licences.grantLicense, (operator, keccak256(abi.encode(expirySeed)), "Alpha", scopes, expires));
        _send(actor, address(licences), data);
    }

    function setLimit(uint256 actorSeed, uint8 category, uint256 amountSeed, uint256 windowSeed) external {
        uint128 amount = amountSeed % 4 == 0 ? 0 : uint128(_bound(amountSeed, 1, 20_000_00));
        uint64 window = uint64(windowSeed % 5 == 0 ? 0 : _bound(windowSeed, 1, 60 days));
        _send(_actor(actorSeed, operator), address(limits),
            abi.encodeCall(limits.setLimit, (uint8(category % 4), amount, "USD", window)));
    }

    function createToken(uint256 actorSeed, uint256 salt) external {
        _send(_actor(actorSeed, operator), address(factory),
            abi.encodeCall(factory.createToken, (_config(), new Documents.DocumentInput[](0), bytes32(salt))));
    }

    /// @dev A small valid token configuration for the operator's registry and limits.
    function _config() internal view returns (DFAToken.TokenConfig memory config) {
        (config.name, config.symbol, config.jurisdiction, config.admin) = ("T", "T", KZ, issuer);
        (config.issuerAgent, config.complianceAgent, config.enforcementAgent) = (issuerAgent, compliance, enforcement);
        (config.documentManager, config.registry, config.pricingAgent) =
            (documents, IInvestorRegistry(address(registry)), pricer);
        (config.supplyCap, config.granularity, config.rules.categories, config.rules.kinds) = (100, 1, 0x0e, 0x06);
    }

    // ------------------------------------------------------------------ time

    /// @dev The time the last warp set; the invariants check that it holds between calls.
    uint256 public time;

    function warp(uint256 seconds_) external {
        ++calls;
        time = block.timestamp + _bound(seconds_, 1, 20 days);
        vm.warp(time);
    }

    // ------------------------------------------------------------------ the checks at a call

    /// @dev What a receiver looked like just before tokens were sent to it.
    struct Receiving {
        bytes32 id;
        bool verified;
        uint8 category;
        uint256 held; // its investor's balance of the token
        uint256 fiat; // the acquisition's value in minor units at the price that applies
        bool pushed; // by someone else than the receiver: needs its consent when limited
        uint256 consent; // what the receiver agreed to acquire by push on this token
        uint256 price; // what the acquisition is valued at, per whole token
        bytes3 currency;
        uint256 pricedAt; // when that price was set (an issue price: now)
        uint64 holders; // the token's holders before the move, overall and in the receiver's category
        uint64 inCategory;
    }

    function _receiving(
        DFAToken token,
        address actor,
        address to,
        uint256 value,
        uint256 price,
        bytes3 currency,
        uint256 pricedAt
    ) internal view returns (Receiving memory r) {
        IInvestorRegistry.Investor memory investor;
        (r.id, investor) = registry.identityOf(to);
        (r.verified, r.category, r.held) = (registry.isVerified(to), investor.category, DFATokenTerms(address(token)).investorBalance(r.id));
        uint256 unit = 10 ** token.decimals();
        r.fiat = (value * price + unit - 1) / unit;
        (r.pushed, r.consent) = (actor != to, DFATokenAdmin(payable(address(token))).acquisitionConsent(to));
        (r.price, r.currency, r.pricedAt) = (price, currency, pricedAt);
        uint64[4] memory byCategory;
        (r.holders, byCategory) = DFATokenTerms(address(token)).holderCounts();
        r.inCategory = byCategory[r.category];
    }

    function _receivingAllocation(DFAToken token, address actor, address to, uint256 value, bytes32 decision)
        internal
        view
        returns (Receiving memory)
    {
        (IssuanceDecisions.Decision memory current,) = DFATokenTerms(address(token)).decision(decision);
        return _receiving(token, actor, to, value, current.terms.price, current.terms.currency, block.timestamp);
    }

    /// @dev A decision never allocates beyond its cap (only allocations and amendments change either).
    function _checkDecisionCap(DFAToken token, bytes32 decision) internal view {
        (IssuanceDecisions.Decision memory current,) = DFATokenTerms(address(token)).decision(decision);
        uint256 under = DFATokenTerms(address(token)).allocatedUnder(decision);
        if (under > current.terms.cap) revert CapExceeded(address(token), address(0), "decision cap", under, current.terms.cap);
    }

    /// @dev The pre-check said `expected`; the call either succeeded (expected 0) or was refused with that code.
    function _checkOutcome(
        DFAToken token,
        address from,
        address to,
        uint256 value,
        uint8 expected,
        bool ok,
        bytes memory ret
    ) internal pure {
        if (ok ? expected == 0 : expected != 0 && _restrictionCode(ret) == expected) return;
        revert PreCheckDisagrees(address(token), from, to, value, expected, ret);
    }

    /// @dev The code of a refusal: {Restricted-DFARestricted}'s, or the one a standard error stands for.
    function _restrictionCode(bytes memory ret) internal pure returns (uint8 code) {
        if (ret.length == 4 + 3 * 32 && bytes4(ret) == IERC20Errors.ERC20InsufficientBalance.selector) return 2;
        bytes4 unfrozen = IERC7943FungibleDeclarations.ERC7943InsufficientUnfrozenBalance.selector;
        if (ret.length == 4 + 3 * 32 && bytes4(ret) == unfrozen) return 5;
        if (ret.length != 4 + 4 * 32 || bytes4(ret) != Restricted.DFARestricted.selector) return type(uint8).max;
        assembly {
            code := mload(add(ret, 36))
        }
    }

    /// @dev Tokens reached `to` (not by enforcement): it was verified, the caps hold, and the
    /// acquisition kept its investor within the purchase limit over the window.
    function _received(DFAToken token, address to, uint256 value, Receiving memory before) internal {
        if (!before.verified) revert TokensReachedUnverified(address(token), to, value);
        (uint256 maxBalance, uint64 maxHolders, uint64[4] memory maxByCategory) = DFATokenTerms(address(token)).holdingRules();
        uint256 held = DFATokenTerms(address(token)).investorBalance(before.id);
        if (maxBalance != 0 && held > maxBalance) revert CapExceeded(address(token), to, "maxBalance", held, maxBalance);
        if (before.held == 0) {
            (uint64 holders, uint64[4] memory byCategory) = DFATokenTerms(address(token)).holderCounts();
            // a cap lowered below the count stops new holders joining; one that replaces a leaving holder adds none
            if (maxHolders != 0 && holders > maxHolders && holders > before.holders) {
                revert CapExceeded(address(token), to, "maxHolders", holders, maxHolders);
            }
            uint64 inCategory = byCategory[before.category];
            if (maxByCategory[before.category] != 0 && inCategory > maxByCategory[before.category] && inCategory > before.inCategory) {
                revert CapExceeded(address(token), to, "maxCategoryHolders", inCategory, maxByCategory[before.category]);
            }
        }
        if (_limited(token, before.category)) {
            _checkLimitedAcquisition(token, to, value, before);
            ++limitedAcquisitions;
        }
        _countAcquisition(before.id, before.category, before.fiat);
    }

    /// @dev Whether an acquisition by an investor of `category` on `token` counts against a purchase limit.
    function _limited(DFAToken token, uint8 category) internal view returns (bool) {
        return address(DFATokenAdmin(payable(address(token))).purchaseLimits()) != address(0)
            && limits.limitOf(category).amount != 0;
    }

    /// @dev A limited acquisition was valued at a price within the operator's bounds for the token,
    /// not older than they allow, and, pushed by someone else, had the receiver's consent, which it used up.
    function _checkLimitedAcquisition(DFAToken token, address to, uint256 value, Receiving memory before) internal view {
        IPurchaseLimits.PriceBounds memory bounds = limits.priceBounds(address(token));
        if (bounds.min == 0 || before.currency != bounds.currency || before.price < bounds.min || before.price > bounds.max
            || block.timestamp > before.pricedAt + bounds.maxAge) {
            revert PricedOutsideBounds(address(token), before.price, before.currency, before.pricedAt);
        }
        if (!before.pushed) return;
        if (before.consent < value) revert AcquiredWithoutConsent(address(token), to, value, before.consent);
        uint256 consent = DFATokenAdmin(payable(address(token))).acquisitionConsent(to);
        uint256 expected = before.consent == type(uint256).max ? before.consent : before.consent - value;
        if (consent != expected) revert ConsentNotUsedUp(address(token), to, value, before.consent, consent);
    }

    /// @dev The acquisitions of the investor still inside the window of its limit (as set now),
    /// this one included, never exceed the limit. Acquisitions count from the second they are made
    /// until exactly `window` later.
    function _countAcquisition(bytes32 id, uint8 category, uint256 fiat) internal {
        PurchaseLimits.Limit memory limit = limits.limitOf(category);
        if (limit.amount == 0) return; // no limit: no history
        Acquisition[] storage history = acquired[id];
        uint256 inWindow = fiat;
        for (uint256 i = 0; i < history.length; ++i) {
            if (history[i].at + limit.window > block.timestamp) inWindow += history[i].value;
        }
        if (inWindow > limit.amount) revert PurchaseLimitBroken(id, category, inWindow, limit.amount, limit.window);
        if (fiat != 0) history.push(Acquisition(uint64(block.timestamp), uint192(fiat)));
    }
}
