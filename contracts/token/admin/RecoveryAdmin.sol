// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {LockUps} from "../extensions/LockUps.sol";

/**
 * @title RecoveryAdmin
 * @notice Carries out, in this token, a wallet recovery the operator's registry completed
 * (requested by a registrar, open to cancellation by the lost wallet during a waiting period,
 * approved by a second agent): the balance, the frozen part, a wallet freeze and the lock-ups
 * move from the lost wallet to its replacement. Anyone may carry it out: the due process is in the registry.
 */
abstract contract RecoveryAdmin is LockUps {
    event WalletRecovered(
        address indexed lost, address indexed replacement, uint256 amount, uint256 frozenAmount, address indexed actor
    );

    error DFANoCompletedRecovery(address lost);

    /**
     * @dev Moves everything `lost` holds in this token to the wallet the registry recovered it to.
     *
     * Requirements: the registry completed a recovery of `lost`.
     *
     * Emits {WalletRecovered}, {ForcedTransfer} and {IERC20-Transfer}.
     */
    function recoverWallet(address lost) external {
        address replacement = registry().recoveredTo(lost);
        require(replacement != address(0), DFANoCompletedRecovery(lost));
        EnforcementStorage storage $ = _enforcementStorage();
        uint256 frozen = _frozenTokens(lost);
        FrozenTokens memory lostFreeze = $.frozenTokens[lost];
        uint256 amount = balanceOf(lost);
        _moveLocks(lost, replacement);
        _forceMove(lost, replacement, amount);
        if (frozen != 0) {
            FrozenTokens storage target = $.frozenTokens[replacement];
            uint256 already = _frozenTokens(replacement);
            uint64 until = target.until > lostFreeze.until ? target.until : lostFreeze.until;
            $.frozenTokens[replacement] = FrozenTokens(uint192(already + frozen), until);
        }
        delete $.frozenTokens[lost];
        uint64 walletFreeze = $.walletFrozenUntil[lost];
        if (walletFreeze > $.walletFrozenUntil[replacement]) $.walletFrozenUntil[replacement] = walletFreeze;
        emit ForcedTransfer(lost, replacement, amount);
        emit WalletRecovered(lost, replacement, amount, frozen, _msgSender());
    }
}
