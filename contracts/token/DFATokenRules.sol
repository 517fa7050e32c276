// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {AmlHolds} from "./extensions/AmlHolds.sol";
import {Eligibility} from "./extensions/Eligibility.sol";
import {Enforcement} from "./extensions/Enforcement.sol";
import {Granular} from "./extensions/Granular.sol";
import {Holdings} from "./extensions/Holdings.sol";
import {LockUps} from "./extensions/LockUps.sol";
import {PurchaseLimited} from "./extensions/PurchaseLimited.sol";
import {Restricted} from "./extensions/Restricted.sol";
import {SupplyCapped} from "./extensions/SupplyCapped.sol";

/**
 * @title DFATokenRules
 * @notice The rule set of a DFA token and its order, declared once: the transfer path
 * ({DFAToken}) and the admin module ({DFATokenAdmin}) both inherit it, so a pre-check in either
 * reports the very reason a transfer would revert with. Each rule extends the core
 * ({Restricted}) alone; this list is the only place where they meet.
 *
 * Checks run in this order (the first refusal wins): pause and freezes, granularity, supply cap
 * (mints), holding caps, AML approval, purchase limit, eligibility of the parties, balance, and
 * last the lock-ups (C3 linearization: the last base listed runs first; {LockUps} checks after
 * every other rule has passed, the balance is the core's own check).
 */
abstract contract DFATokenRules is Eligibility, PurchaseLimited, AmlHolds, Holdings, SupplyCapped, Granular, Enforcement, LockUps {
    function _restriction(Move memory move)
        internal
        view
        virtual
        override(Eligibility, PurchaseLimited, AmlHolds, Holdings, SupplyCapped, Granular, Enforcement, LockUps)
        returns (uint8)
    {
        return super._restriction(move);
    }

    function _settle(Move memory move) internal virtual override(Restricted, PurchaseLimited, AmlHolds, Holdings) {
        super._settle(move);
    }

    function _frozenTokens(address account) internal view virtual override(Restricted, Enforcement) returns (uint256) {
        return super._frozenTokens(account);
    }

    function _forceMove(address from, address to, uint256 amount) internal virtual override(Restricted, Enforcement, LockUps) {
        super._forceMove(from, to, amount);
    }
}
