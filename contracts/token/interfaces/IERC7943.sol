// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/**
 * @title ERC-7943 (uRWA), fungible variant: events and errors
 * @notice As ERC-7943 (status Final) declares them for `IERC7943Fungible`; apart from the functions
 * so that {Enforcement}, the base of both halves of a DFA token, can declare them once.
 */
interface IERC7943FungibleDeclarations {
    /// @dev `amount` tokens were moved from `from` to `to` by an enforcement act.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /// @dev The frozen amount of `account` is now `amount`.
    event Frozen(address indexed account, uint256 amount);

    /// @dev `account` may not send.
    error ERC7943CannotSend(address account);

    /// @dev `account` may not receive.
    error ERC7943CannotReceive(address account);

    /// @dev The rules refuse moving `amount` from `from` to `to`.
    error ERC7943CannotTransfer(address from, address to, uint256 amount);

    /// @dev `amount` is within the balance of `account` but above its `unfrozen` part.
    error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen);
}

/**
 * @title ERC-7943 (uRWA), fungible variant
 * @notice The functions of `IERC7943Fungible` as ERC-7943 (status Final) defines them; ERC-165 id
 * 0x3edbb4c4 (these six functions; `supportsInterface` is ERC-165's own).
 *
 * A DFA token does not inherit it: the functions are split between the token and its admin module.
 * The token advertises the id, and tests/enforcement/test_erc7943.py holds its ABI to these declarations.
 */
interface IERC7943Fungible is IERC165, IERC7943FungibleDeclarations {
    /// @dev Moves `amount` from `from` to `to` by an authority's act (restricted). Reverts on failure.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /// @dev Sets the frozen amount of `account` to `amount`, overwriting it (restricted). Reverts on failure.
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /// @dev Whether `account` may send now; account-level, whatever the amount or counterparty.
    function canSend(address account) external view returns (bool allowed);

    /// @dev Whether `account` may receive now; account-level, whatever the amount or counterparty.
    function canReceive(address account) external view returns (bool allowed);

    /// @dev The amount of `account`'s tokens frozen now.
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /// @dev Whether moving `amount` from `from` to `to` is allowed now, frozen tokens included.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
