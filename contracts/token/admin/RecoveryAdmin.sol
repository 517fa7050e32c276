// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {EnforcementAdmin} from "./EnforcementAdmin.sol";

/**
 * @title RecoveryAdmin
 * @notice Carries out, in this token, a wallet recovery the operator's registry completed
 * (requested by a registrar with the reference of the identity re-verification case, announced
 * by event, open to cancellation by the lost wallet during a waiting period the regulator sets a
 * minimum for, approved by a second agent): the balance, each frozen tranche with its own lapse,
 * a wallet freeze and the lock-ups move from the lost wallet to its replacement. Anyone may carry
 * it out (the due process is in the registry), once per lost wallet and token.
 *
 * The tokens go to a current wallet of the investor only: the registry names the replacement
 * approved, or, when that wallet was itself recovered since, the wallet it was recovered to (the
 * registry refuses to remove a wallet a completed recovery may still have to deliver to).
 */
abstract contract RecoveryAdmin is EnforcementAdmin {
    event WalletRecovered(
        address indexed lost, address indexed replacement, uint256 amount, uint256 frozenAmount, address indexed actor
    );

    error DFANoCompletedRecovery(address lost);
    error DFARecoveryAlreadyExecuted(address lost);

    /**
     * @dev Moves everything `lost` holds in this token to the current wallet the registry recovered it to.
     *
     * Requirements: the registry completed a recovery of `lost`; this token has not carried it out yet.
     *
     * Emits {WalletRecovered}, {ForcedTransfer}, {IERC20-Transfer}, and {Frozen} for the lost wallet
     * when it had tokens frozen (before they move) and for the replacement when what it has frozen
     * changed (after they arrived, a carried wallet freeze included).
     */
    function recoverWallet(address lost) external {
        address replacement = registry().recoveredTo(lost);
        require(replacement != address(0), DFANoCompletedRecovery(lost));
        EnforcementStorage storage $ = _enforcementStorage();
        require(!$.recovered[lost], DFARecoveryAlreadyExecuted(lost)); // a retired wallet receives nothing afterwards
        $.recovered[lost] = true;
        uint256 amount = balanceOf(lost);
        uint256 replacementFrozen = getFrozenTokens(replacement);
        if (getFrozenTokens(lost) != 0) emit Frozen(lost, 0);
        uint256 frozen = _moveFrozen(lost, replacement);
        _moveLocks(lost, replacement);
        _forceMove(lost, replacement, amount);
        uint64 walletFreeze = $.walletFrozenUntil[lost];
        if (walletFreeze > $.walletFrozenUntil[replacement]) $.walletFrozenUntil[replacement] = walletFreeze;
        if (getFrozenTokens(replacement) != replacementFrozen) emit Frozen(replacement, getFrozenTokens(replacement));
        emit ForcedTransfer(lost, replacement, amount);
        emit WalletRecovered(lost, replacement, amount, frozen, _msgSender());
    }
}
