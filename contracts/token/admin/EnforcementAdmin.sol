// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {DFATokenRules} from "../DFATokenRules.sol";

/**
 * @title EnforcementAdmin
 * @notice Pausing, freezing and forced transfers, each with its legal basis, by the enforcement
 * agent. A freeze given an `until` lapses by itself at that second; `until` 0 means until lifted.
 *
 * ERC-7943's acts keep the standard's signatures ({setFrozenTokens}, {forcedTransfer}); their legal
 * basis comes first in the same transaction ({setLegalReference}, e.g. both in one `multicall`),
 * is used up by the act, and is recorded in the act's own event ({TokensFrozen},
 * {ForcedTransferExecuted}); an act without one is refused.
 *
 * {Frozen} (ERC-7943) is emitted by every act that changes what {getFrozenTokens} answers: partial
 * and wallet freezes, their lifting, forced transfers (before the tokens move when they unfreeze).
 * A freeze that lapses by itself is no transaction and emits nothing: the act's event carries the
 * second it lapses (`until`), and the views answer the lapse from that second on.
 */
abstract contract EnforcementAdmin is DFATokenRules {
    using TransientSlot for *;

    // keccak256("dfa.transient.legalReference")
    bytes32 private constant LEGAL_REFERENCE = 0x5817f92bcd057fb665fb3605632acbc22a9bd0d3e6b96874cb0a546624475055;
    // keccak256("dfa.transient.freezeUntil")
    bytes32 private constant FREEZE_UNTIL = 0xe381db6b96f2e2ec489cc127a0470a03009718398b3606641be6ef28559b4b15;

    event Paused(bytes32 legalReference, address indexed actor);
    event Unpaused(bytes32 legalReference, address indexed actor);
    event WalletFrozen(address indexed wallet, uint64 until, bytes32 legalReference, address indexed actor);
    event WalletUnfrozen(address indexed wallet, bytes32 legalReference, address indexed actor);
    event TokensFrozen(
        address indexed wallet, uint256 amount, uint64 until, bytes32 legalReference, address indexed actor
    );

    error DFAAlreadyInState(bool paused);
    error DFAFreezeAboveBalance(address wallet, uint256 amount, uint256 balance);
    error DFAFreezeUntilInPast(uint64 until);
    error DFAWalletNotFrozen(address wallet);
    error DFAForcedTransferToSelf(address wallet);

    function paused() external view returns (bool) {
        return _settings().paused;
    }

    /// @dev Whether `wallet` is frozen now (neither sends nor receives).
    function isFrozen(address wallet) public view returns (bool) {
        return _isFrozen(wallet);
    }

    /// @dev When the wallet freeze of `wallet` lapses (0: not frozen; max uint64: until lifted).
    function walletFrozenUntil(address wallet) external view returns (uint64) {
        return _enforcementStorage().walletFrozenUntil[wallet];
    }

    /**
     * @dev ERC-7943: the amount of `account`'s tokens frozen now: its whole balance while the
     * wallet is frozen whole ({freezeWallet}), otherwise the part frozen by {setFrozenTokens}.
     */
    function getFrozenTokens(address account) public view returns (uint256) {
        uint256 frozen = _frozenTokens(account);
        if (!isFrozen(account)) return frozen;
        uint256 balance = balanceOf(account);
        return balance > frozen ? balance : frozen;
    }

    /**
     * @dev The legal basis (court order or case) of the next ERC-7943 act in this transaction
     * ({setFrozenTokens} or {forcedTransfer}), and when a freeze it sets lapses (`until` 0: until
     * lifted; a forced transfer ignores it). Held in transient storage: it is used up by that act
     * and never outlives the transaction.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; `until` 0 or in the future.
     */
    function setLegalReference(bytes32 legalReference, uint64 until) external onlyRole(ENFORCEMENT_ROLE) {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        LEGAL_REFERENCE.asBytes32().tstore(legalReference);
        FREEZE_UNTIL.asUint256().tstore(_lapse(until));
    }

    /**
     * @dev Stops every transfer, allocation and redemption (enforcement acts still run).
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; not paused.
     *
     * Emits {Paused}.
     */
    function pause(bytes32 legalReference) external onlyRole(ENFORCEMENT_ROLE) {
        _setPaused(true, legalReference);
        emit Paused(legalReference, _msgSender());
    }

    /**
     * @dev Lifts a pause.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; paused.
     *
     * Emits {Unpaused}.
     */
    function unpause(bytes32 legalReference) external onlyRole(ENFORCEMENT_ROLE) {
        _setPaused(false, legalReference);
        emit Unpaused(legalReference, _msgSender());
    }

    /**
     * @dev Freezes `wallet`: it neither sends nor receives until `until` (0: until lifted).
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; `until` 0 or in the future.
     *
     * Emits {Frozen} (the whole balance) and {WalletFrozen}.
     */
    function freezeWallet(address wallet, bytes32 legalReference, uint64 until) external onlyRole(ENFORCEMENT_ROLE) {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        uint64 lapse = _lapse(until);
        _enforcementStorage().walletFrozenUntil[wallet] = lapse;
        _setFeature(FEATURE_FREEZES, true); // never cleared: transfers skip freeze reads until the first freeze
        emit Frozen(wallet, getFrozenTokens(wallet));
        emit WalletFrozen(wallet, lapse, legalReference, _msgSender());
    }

    /**
     * @dev Lifts the freeze of `wallet`.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; the wallet is frozen.
     *
     * Emits {Frozen} (what a partial freeze still holds) and {WalletUnfrozen}.
     */
    function unfreezeWallet(address wallet, bytes32 legalReference) external onlyRole(ENFORCEMENT_ROLE) {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        require(isFrozen(wallet), DFAWalletNotFrozen(wallet));
        _enforcementStorage().walletFrozenUntil[wallet] = 0;
        emit Frozen(wallet, getFrozenTokens(wallet));
        emit WalletUnfrozen(wallet, legalReference, _msgSender());
    }

    /**
     * @dev ERC-7943: sets the frozen part of `account`'s balance to `amount` (0 lifts a partial
     * freeze), under the legal reference set just before in the same transaction, until the
     * moment given with it.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; {setLegalReference} earlier in the transaction
     * (used up here); `amount` not above the balance.
     *
     * Emits {Frozen} and {TokensFrozen}.
     */
    function setFrozenTokens(address account, uint256 amount) external onlyRole(ENFORCEMENT_ROLE) returns (bool) {
        (bytes32 legalReference, uint64 lapse) = _takeLegalReference();
        uint256 balance = balanceOf(account);
        require(amount <= balance, DFAFreezeAboveBalance(account, amount, balance));
        _setFrozenTokens(account, amount, lapse);
        emit Frozen(account, getFrozenTokens(account));
        emit TokensFrozen(account, amount, lapse, legalReference, _msgSender());
        return true;
    }

    function _setPaused(bool paused_, bytes32 legalReference) private {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        Settings storage settings = _settings();
        require(settings.paused != paused_, DFAAlreadyInState(settings.paused));
        settings.paused = paused_;
    }

    function _lapse(uint64 until) private view returns (uint64) {
        if (until == 0) return INDEFINITELY;
        require(until > block.timestamp, DFAFreezeUntilInPast(until));
        return until;
    }

    /**
     * @dev ERC-7943: moves `amount` from `from` to `to` by court order, whatever freezes and rules
     * say, under the legal reference set just before in the same transaction; holder counts and
     * balances per investor follow. Frozen tokens that leave `from` stop being frozen, announced
     * by {Frozen} before the tokens move; tokens that reach a wallet frozen whole are frozen with it.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; {setLegalReference} earlier in the transaction
     * (used up here); `to` is another wallet than `from`, verified in the registry; `from` holds `amount`.
     *
     * Emits {Frozen} (when a frozen amount changes), {IERC20-Transfer}, {ForcedTransfer} and
     * {ForcedTransferExecuted}.
     */
    function forcedTransfer(address from, address to, uint256 amount)
        external
        onlyRole(ENFORCEMENT_ROLE)
        returns (bool)
    {
        (bytes32 legalReference,) = _takeLegalReference();
        require(from != to, DFAForcedTransferToSelf(from));
        require(registry().isVerified(to), DFAForcedTransferToUnverified(to));
        uint256 balance = balanceOf(from);
        require(balance >= amount, DFAInsufficientBalance(from, balance, amount));
        if (getFrozenTokens(from) > balance - amount) emit Frozen(from, balance - amount);
        _forceMove(from, to, amount);
        if (isFrozen(to)) emit Frozen(to, getFrozenTokens(to));
        emit ForcedTransfer(from, to, amount);
        emit ForcedTransferExecuted(from, to, amount, legalReference, _msgSender());
        return true;
    }

    /// @dev The legal reference and freeze lapse {setLegalReference} left for this act, used up.
    function _takeLegalReference() private returns (bytes32 legalReference, uint64 lapse) {
        legalReference = LEGAL_REFERENCE.asBytes32().tload();
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        lapse = uint64(FREEZE_UNTIL.asUint256().tload());
        LEGAL_REFERENCE.asBytes32().tstore(bytes32(0));
        FREEZE_UNTIL.asUint256().tstore(0);
    }
}
