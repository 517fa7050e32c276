// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IOperatorLicenseRegistry} from "../regulator/IOperatorLicenseRegistry.sol";
import {IPurchaseLimits} from "./IPurchaseLimits.sol";

/// @title An operator's register of verified investors, as tokens see it.
interface IInvestorRegistry {
    enum Status {
        None,
        Active,
        Suspended
    }

    /// @dev What the rules need to know of an investor. Fits one storage slot.
    struct Investor {
        uint8 category; // 1 retail (unqualified), 2 qualified, 3 professional
        uint8 kind; // 1 individual, 2 legal entity
        uint16 country; // ISO 3166-1 numeric: citizenship or place of incorporation
        uint16 residency; // ISO 3166-1 numeric: country of residence
        uint40 kycValidUntil; // unix time; the investor is unverified from this second on
        uint32 flags; // exemption bits, e.g. licensed miner
        Status status;
        uint16 walletCount;
    }

    /// @dev The licensed operator that keeps this registry.
    function operator() external view returns (address);

    /// @dev The regulator's licence registry in which this registry checks its operator's licence.
    function licenses() external view returns (IOperatorLicenseRegistry);

    /// @dev True when `wallet` belongs to an active investor whose KYC has not expired.
    function isVerified(address wallet) external view returns (bool);

    /// @dev The investor id `wallet` belongs to, zero when none.
    function investorIdOf(address wallet) external view returns (bytes32);

    /// @dev The current wallet a token delivers the completed recovery of `lost` to (the replacement
    /// approved, or where that one was recovered to in turn); zero when none.
    function recoveredTo(address lost) external view returns (address);

    /// @dev The investor id of `wallet` (zero when unknown) and the investor's record.
    function identityOf(address wallet) external view returns (bytes32 investorId, Investor memory investor);

    /// @dev The operator's purchase limits, which every token of the operator applies (zero: none set yet).
    function purchaseLimits() external view returns (IPurchaseLimits);

    /// @dev The packed records ({InvestorRecords}) of two wallets, as the rules read them (a
    /// retired wallet's as suspended); zero for an unknown wallet or the zero address. One call
    /// serves both parties of a transfer.
    function recordsOf(address a, address b) external view returns (uint256, uint256);
}
