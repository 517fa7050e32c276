// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Restricted
 * @notice The one place where a mint, transfer or burn is checked. Every rule is a small
 * extension overriding {_restriction}, a view; {_update} reverts with its code, and the
 * pre-checks ({PreChecks}) return the very same code. So the answer given beforehand and the
 * refusal cannot disagree.
 */
abstract contract Restricted is ERC20Upgradeable {
    /// @dev A rule refused moving `value` from `from` to `to`; `code` is a {Restrictions} code.
    error DFARestricted(uint8 code, address from, address to, uint256 value);

    /// @dev The first rule that refuses the move, or {Restrictions.SUCCESS}. `from` is zero for a
    /// mint, `to` zero for a burn. Extensions check their rule, then defer to `super`.
    function _restriction(address from, address to, uint256 value) internal view virtual returns (uint8) {
        if (from != address(0) && balanceOf(from) < value) return Restrictions.INSUFFICIENT_BALANCE;
        return Restrictions.SUCCESS;
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        if (!_rulesBypassed()) {
            uint8 code = _restriction(from, to, value);
            if (code != Restrictions.SUCCESS) revert DFARestricted(code, from, to, value);
        }
        super._update(from, to, value);
    }

    /// @dev True only while an enforcement action (court order, recovery) moves tokens: the
    /// rules' checks are skipped, their bookkeeping is not.
    function _rulesBypassed() internal view virtual returns (bool) {
        return false;
    }
}
