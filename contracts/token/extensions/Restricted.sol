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
    /// @custom:storage-location erc7201:dfa.storage.Decimals
    struct DecimalsStorage {
        uint8 decimals;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.Decimals")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant DECIMALS_STORAGE = 0xebf51d09024ce3c1528ce9da139299853d6e37a270dfb8a4ac7d6f28e4c97900;

    /// @dev A rule refused moving `value` from `from` to `to`; `code` is a {Restrictions} code.
    error DFARestricted(uint8 code, address from, address to, uint256 value);

    /// @dev Set per token (0 for shares); kept here so that every module of the token values amounts alike.
    function decimals() public view virtual override returns (uint8) {
        return _decimalsStorage().decimals;
    }

    function _setDecimals(uint8 decimals_) internal {
        _decimalsStorage().decimals = decimals_;
    }

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

    function _decimalsStorage() private pure returns (DecimalsStorage storage $) {
        assembly {
            $.slot := DECIMALS_STORAGE
        }
    }
}
