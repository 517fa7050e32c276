// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {IERC1404} from "../interfaces/IERC1404.sol";
import {ITransferChecks} from "../interfaces/ITransferChecks.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title Restricted
 * @notice The one place where a mint, transfer or burn is checked. Every rule is a small
 * extension overriding {_restriction}, a view; {_update} reverts with its code, and the
 * pre-checks return the very same code. So the answer given beforehand and the refusal
 * cannot disagree.
 */
abstract contract Restricted is ERC20Upgradeable, IERC1404, ITransferChecks {
    /// @dev A rule refused moving `value` from `from` to `to`; `code` is a {Restrictions} code.
    error DFARestricted(uint8 code, address from, address to, uint256 value);

    /// @dev The first rule that refuses the move, or {Restrictions.SUCCESS}. `from` is zero for a
    /// mint, `to` zero for a burn. Extensions check their rule, then defer to `super`.
    function _restriction(address from, address to, uint256 value) internal view virtual returns (uint8) {
        if (from != address(0) && balanceOf(from) < value) return Restrictions.INSUFFICIENT_BALANCE;
        return Restrictions.SUCCESS;
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        uint8 code = _restriction(from, to, value);
        if (code != Restrictions.SUCCESS) revert DFARestricted(code, from, to, value);
        super._update(from, to, value);
    }

    /// @inheritdoc IERC1404
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8) {
        return _restriction(from, to, value);
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) external pure returns (string memory) {
        return Restrictions.message(restrictionCode);
    }

    /// @inheritdoc ITransferChecks
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        return from != address(0) && to != address(0) && _restriction(from, to, amount) == Restrictions.SUCCESS;
    }
}
