// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {DFAToken} from "../../contracts/token/DFAToken.sol";
import {DFATokenAdmin} from "../../contracts/token/DFATokenAdmin.sol";
import {DFATokenTerms} from "../../contracts/token/DFATokenTerms.sol";
import {InvestorRegistry} from "../../contracts/operator/InvestorRegistry.sol";
import {InvariantTest} from "./lib/Vm.sol";
import {Handler} from "./Handler.sol";

/**
 * @title Invariants of the ledger under random operation
 * @notice forge calls the {Handler}'s functions in random sequences (`runs` sequences of `depth`
 * calls, foundry.toml) and after every call checks the state invariants below; the handler
 * checks the per-call properties (pre-check equals outcome, verified receivers within caps,
 * purchase limits over any window, enforcement undone only by the enforcement role).
 * `scripts/invariants.sh` runs the campaigns (CI size by default, `--deep` for the long one).
 */
abstract contract DFAInvariants is InvariantTest {
    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Holdings")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant HOLDINGS_STORAGE = 0xdacb96a2015c05bd2949cd363e56323349dd91020dd1f8b6b1a05d0828696700;

    Handler internal handler;
    address[] internal wallets;
    DFAToken[2] internal tokens;
    InvestorRegistry internal registry;

    error SupplyMismatch(address token, uint256 balances, uint256 supply);
    error FrozenAboveBalance(address token, address wallet, uint256 frozen, uint256 balance);
    error InvestorBalanceDrift(address token, bytes32 investorId, uint256 counted, uint256 held);
    error HolderCountDrift(address token, uint256 category, uint256 counted, uint256 holders);
    error SupplyAboveCap(address token, uint256 supply, uint256 cap);
    error AllocatedMinusRedeemedIsNotSupply(address token, uint256 allocated, uint256 redeemed, uint256 supply);
    error InvestorWithoutWallet(bytes32 investorId);
    error TimeRanBack(uint256 now_, uint256 warpedTo);

    /// @dev The handler of this campaign (see {Handler-constructor}).
    function _handler() internal virtual returns (Handler);

    function setUp() public {
        handler = _handler();
        wallets = handler.allWallets();
        (tokens[0], tokens[1], registry) = (handler.tokens(0), handler.tokens(1), handler.registry());

        Handler h = handler;
        bytes4[53] memory chosen = [
            h.transfer.selector,
            h.transferFrom.selector,
            h.approve.selector,
            h.allocate.selector,
            h.allocateBatch.selector,
            h.redeem.selector,
            h.publishDecision.selector,
            h.amendDecision.selector,
            h.closeDecision.selector,
            h.setReferencePrice.selector,
            h.setAmlThreshold.selector,
            h.approveTransfer.selector,
            h.setInvestorCategories.selector,
            h.setInvestorKinds.selector,
            h.setCountryAllowlist.selector,
            h.setCountryRules.selector,
            h.setDenyRules.selector,
            h.setSupplyCap.selector,
            h.setGranularity.selector,
            h.setMaxBalance.selector,
            h.setMaxHolders.selector,
            h.setMinHolding.selector,
            h.pause.selector,
            h.freezeWallet.selector,
            h.unfreezeWallet.selector,
            h.setFrozenTokens.selector,
            h.forcedTransfer.selector,
            h.recoverWallet.selector,
            h.setDocument.selector,
            h.removeDocument.selector,
            h.role.selector,
            h.multicall.selector,
            h.initializeOrRecordDirectly.selector,
            h.registerInvestor.selector,
            h.registerInvestors.selector,
            h.updateInvestor.selector,
            h.addWallet.selector,
            h.removeWallet.selector,
            h.suspendInvestor.selector,
            h.requestRecovery.selector,
            h.cancelRecovery.selector,
            h.approveRecovery.selector,
            h.setMinRecoveryDelay.selector,
            h.setRecoveryDelay.selector,
            h.licence.selector,
            h.setLimit.selector,
            h.createToken.selector,
            h.warp.selector,
            h.setPriceBounds.selector,
            h.setAcquisitionConsent.selector,
            h.syncPurchaseLimits.selector,
            h.setPurchaseLimits.selector,
            h.recoveryFlow.selector
        ];
        bytes4[] memory selectors = new bytes4[](53);
        for (uint256 i = 0; i < selectors.length; ++i) {
            selectors[i] = chosen[i];
        }
        targetContract(address(handler));
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev All state invariants in one pass (one call after each of the fuzzer's calls keeps the campaign fast).
    function invariant_ledger() public view {
        bytes32[] memory ids = handler.investorIds();
        bytes32[] memory owner = new bytes32[](wallets.length);
        for (uint256 i = 0; i < wallets.length; ++i) {
            owner[i] = registry.investorIdOf(wallets[i]);
        }
        _everyInvestorKeepsAWallet(ids, owner);
        for (uint256 t = 0; t < 2; ++t) {
            _balancesAddUp(t, ids, owner);
        }
        if (block.timestamp < handler.time()) revert TimeRanBack(block.timestamp, handler.time());
    }

    /// @dev The wallets' balances sum to the supply (so no token is anywhere else) and the supply
    /// is what decisions allocated less what was redeemed, within the cap; frozen never exceeds a
    /// balance; each investor's balance is the sum over its wallets; holder counts (overall and
    /// per category) match the balances.
    function _balancesAddUp(uint256 t, bytes32[] memory ids, bytes32[] memory owner) internal view {
        DFAToken token = tokens[t];
        uint256 supply = token.totalSupply();
        uint256 sum = 0;
        uint256[] memory balances = new uint256[](wallets.length);
        for (uint256 i = 0; i < wallets.length; ++i) {
            balances[i] = token.balanceOf(wallets[i]);
            sum += balances[i];
            uint256 frozen = DFATokenAdmin(payable(address(token))).getFrozenTokens(wallets[i]);
            if (frozen > balances[i]) revert FrozenAboveBalance(address(token), wallets[i], frozen, balances[i]);
        }
        if (sum != supply) revert SupplyMismatch(address(token), sum, supply);
        (uint256 allocated, uint256 redeemed) = (handler.allocated(t), handler.redeemed(t));
        if (allocated - redeemed != supply) revert AllocatedMinusRedeemedIsNotSupply(address(token), allocated, redeemed, supply);
        if (supply > DFATokenTerms(address(token)).supplyCap()) revert SupplyAboveCap(address(token), supply, DFATokenTerms(address(token)).supplyCap());
        uint256[4] memory holders;
        for (uint256 k = 0; k < ids.length; ++k) {
            uint256 held = 0;
            for (uint256 i = 0; i < wallets.length; ++i) {
                if (owner[i] == ids[k]) held += balances[i];
            }
            uint256 holding = uint256(vm.load(address(token), keccak256(abi.encode(ids[k], HOLDINGS_STORAGE))));
            (uint256 counted, uint256 category) = (holding & type(uint248).max, holding >> 248);
            if (counted != held) revert InvestorBalanceDrift(address(token), ids[k], counted, held);
            if ((held != 0) != (category != 0)) revert HolderCountDrift(address(token), category, counted, held);
            if (held != 0) {
                ++holders[0];
                ++holders[category];
            }
        }
        (uint64 total, uint64[4] memory byCategory) = DFATokenTerms(address(token)).holderCounts();
        if (total != holders[0]) revert HolderCountDrift(address(token), 0, total, holders[0]);
        for (uint256 c = 1; c <= 3; ++c) {
            if (byCategory[c] != holders[c]) revert HolderCountDrift(address(token), c, byCategory[c], holders[c]);
        }
    }

    /// @dev Recovery (or anything else) never leaves an investor without a current wallet.
    function _everyInvestorKeepsAWallet(bytes32[] memory ids, bytes32[] memory owner) internal view {
        bool[] memory current = new bool[](wallets.length);
        for (uint256 i = 0; i < wallets.length; ++i) {
            current[i] = owner[i] != bytes32(0) && !registry.isRetired(wallets[i]);
        }
        for (uint256 k = 0; k < ids.length; ++k) {
            bool kept = false;
            for (uint256 i = 0; i < wallets.length && !kept; ++i) {
                kept = current[i] && owner[i] == ids[k];
            }
            if (!kept) revert InvestorWithoutWallet(ids[k]);
        }
    }
}

/// @notice Mostly the rightful role holders (3 calls in 4), recoveries after the production waiting period of 3 days.
contract RightfulInvariants is DFAInvariants {
    function _handler() internal override returns (Handler) {
        return new Handler(4, 3 days);
    }
}

/// @notice Anyone half the time, recoveries without a waiting period: more refusals, more recoveries.
contract AnyoneInvariants is DFAInvariants {
    function _handler() internal override returns (Handler) {
        return new Handler(2, 0);
    }
}
