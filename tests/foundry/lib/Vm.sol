// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/**
 * @title The few cheatcodes and invariant-testing conventions of Foundry these tests use.
 * @notice forge-std is not a dependency here (its npm package is unofficial and old, and forge cannot
 * fetch it offline); forge reads the same ABI from this: the cheatcode address, `IS_TEST`, and the
 * `targetContracts()` / `targetSelectors()` getters of forge-std's `StdInvariant`.
 */
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function load(address target, bytes32 slot) external view returns (bytes32);
    function label(address account, string calldata name) external;
    /// @dev Deploys `artifactPath` ("File.sol:Contract") from forge's build output.
    function deployCode(string calldata artifactPath, bytes calldata constructorArgs) external returns (address);
}

abstract contract InvariantTest {
    /// @dev The selectors of one target contract the fuzzer may call (forge-std's `StdInvariant.FuzzSelector`).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    function IS_TEST() external pure returns (bool) {
        return true;
    }

    function targetContracts() external view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() external view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selection) internal {
        _targetSelectors.push(selection);
    }
}
