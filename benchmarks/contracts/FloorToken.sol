// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The floor of the benchmark: a plain OpenZeppelin ERC-20 with no rules at all. Only
/// the minter, fixed at deployment (no storage read), may mint.
contract FloorToken is ERC20 {
    address private immutable _minter;

    error NotMinter(address caller);

    constructor(address minter) ERC20("Floor", "FLR") {
        _minter = minter;
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == _minter, NotMinter(msg.sender));
        _mint(to, value);
    }
}
