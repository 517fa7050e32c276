// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {LockUps} from "../extensions/LockUps.sol";

/**
 * @title EnforcementAdmin
 * @notice Pausing, freezing and forced transfers, each with its legal basis, by the enforcement
 * agent. A freeze given an `until` lapses by itself at that second; `until` 0 means until lifted.
 */
abstract contract EnforcementAdmin is LockUps {
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
     * Emits {WalletFrozen}.
     */
    function freezeWallet(address wallet, bytes32 legalReference, uint64 until) external onlyRole(ENFORCEMENT_ROLE) {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        uint64 lapse = _lapse(until);
        _enforcementStorage().walletFrozenUntil[wallet] = lapse;
        _setFeature(FEATURE_FREEZES, true); // never cleared: transfers skip freeze reads until the first freeze
        emit WalletFrozen(wallet, lapse, legalReference, _msgSender());
    }

    /**
     * @dev Lifts the freeze of `wallet`.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; the wallet is frozen.
     *
     * Emits {WalletUnfrozen}.
     */
    function unfreezeWallet(address wallet, bytes32 legalReference) external onlyRole(ENFORCEMENT_ROLE) {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        require(isFrozen(wallet), DFAWalletNotFrozen(wallet));
        _enforcementStorage().walletFrozenUntil[wallet] = 0;
        emit WalletUnfrozen(wallet, legalReference, _msgSender());
    }

    /**
     * @dev Sets the frozen part of `account`'s balance to `amount` until `until` (0: until
     * lifted). `amount` 0 lifts a partial freeze.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; `amount` not above the balance.
     *
     * Emits {Frozen} and {TokensFrozen}.
     */
    function setFrozenTokens(address account, uint256 amount, bytes32 legalReference, uint64 until)
        external
        onlyRole(ENFORCEMENT_ROLE)
        returns (bool)
    {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        uint256 balance = balanceOf(account);
        require(amount <= balance, DFAFreezeAboveBalance(account, amount, balance));
        uint64 lapse = _lapse(until);
        _setFrozenTokens(account, amount, lapse);
        emit Frozen(account, amount);
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
     * @dev Moves `amount` from `from` to `to` by court order (ERC-7943), whatever freezes and
     * rules say; holder counts and balances per investor follow.
     *
     * Requirements: caller has ENFORCEMENT_ROLE; a legal reference; `to` is verified in the
     * registry; `from` holds `amount`.
     *
     * Emits {ForcedTransfer}, {ForcedTransferExecuted} and {IERC20-Transfer}.
     */
    function forcedTransfer(address from, address to, uint256 amount, bytes32 legalReference)
        external
        onlyRole(ENFORCEMENT_ROLE)
        returns (bool)
    {
        require(legalReference != bytes32(0), DFALegalReferenceRequired());
        require(registry().isVerified(to), DFAForcedTransferToUnverified(to));
        _forceMove(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        emit ForcedTransferExecuted(from, to, amount, legalReference, _msgSender());
        return true;
    }
}
