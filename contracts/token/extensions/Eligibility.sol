// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {EligibilitySettings} from "../settings/EligibilitySettings.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Eligibility
 * @notice Who may hold the token: both parties of a transfer (the receiver of a mint) are
 * verified investors of the operator's registry (registered, active, KYC in force); the
 * acquirer is also one whose category, kind and countries the token admits, and whom no deny
 * rule catches ({EligibilitySettings}). A holder who no longer qualifies under those rules may
 * still sell to one who does (freezes, lock-ups, suspension and expired KYC still stop it).
 * The parties' records come with the move (one registry call for both).
 */
abstract contract Eligibility is Restricted, EligibilitySettings {
    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.from != address(0)) {
            // a burn (redemption) is allowed whatever the holder's standing
            if (move.to == address(0)) return super._restriction(move);
            uint8 code = _partyRestriction(move.settings, move.sender, 0);
            if (code != Restrictions.SUCCESS) return code;
        }
        uint8 receiverCode = _partyRestriction(move.settings, move.receiver, 1);
        if (receiverCode != Restrictions.SUCCESS) return receiverCode;
        return super._restriction(move);
    }
}
