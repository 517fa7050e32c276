// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/**
 * @title InvestorRecords
 * @notice An investor's record packed in one word, as the registry stores it per wallet and as
 * tokens read it: one storage slot per onboarded investor, one read per party of a transfer.
 *
 * Layout (bit ranges):
 *   0-159   investor id (ids are 160-bit hashes, as strong against collisions as addresses)
 *   160-161 status: 0 none, 1 active, 2 suspended
 *   162     retired: this wallet was removed or recovered away (it reads as suspended)
 *   163     shared: the investor has several wallets; its record lives in the registry's shared slot
 *   164-165 category (1 retail, 2 qualified, 3 professional)
 *   166-167 kind (1 individual, 2 legal entity)
 *   168-177 country, 178-187 residency (ISO 3166-1 numeric, 1-999)
 *   188-223 KYC valid until (unix seconds, up to the year 4147)
 *   224-255 flags (exemptions)
 */
library InvestorRecords {
    uint256 internal constant ID_MASK = (1 << 160) - 1;
    uint256 internal constant ACTIVE = 1;
    uint256 internal constant SUSPENDED = 2;
    uint256 internal constant RETIRED = 1 << 162;
    uint256 internal constant SHARED = 1 << 163;
    uint256 internal constant MAX_KYC = (1 << 36) - 1;
    uint256 private constant STATUS_MASK = 3 << 160;
    uint256 private constant PROFILE_MASK = type(uint256).max << 164; // category and everything above it

    function pack(
        bytes32 investorId,
        uint256 status,
        uint8 category,
        uint8 kind,
        uint16 country,
        uint16 residency,
        uint40 kycValidUntil,
        uint32 flags
    ) internal pure returns (uint256) {
        return uint256(investorId) | status << 160 | uint256(category) << 164 | uint256(kind) << 166
            | uint256(country) << 168 | uint256(residency) << 178 | uint256(kycValidUntil) << 188
            | uint256(flags) << 224;
    }

    function id(uint256 record) internal pure returns (bytes32) {
        return bytes32(record & ID_MASK);
    }

    function status(uint256 record) internal pure returns (uint256) {
        return (record >> 160) & 3;
    }

    function withStatus(uint256 record, uint256 status_) internal pure returns (uint256) {
        return (record & ~STATUS_MASK) | status_ << 160;
    }

    /// @dev `record` with the profile (category and above) of `source`.
    function withProfileOf(uint256 record, uint256 source) internal pure returns (uint256) {
        return (record & ~PROFILE_MASK) | (source & PROFILE_MASK);
    }

    function retired(uint256 record) internal pure returns (bool) {
        return record & RETIRED != 0;
    }

    function shared(uint256 record) internal pure returns (bool) {
        return record & SHARED != 0;
    }

    function category(uint256 record) internal pure returns (uint8) {
        return uint8((record >> 164) & 3);
    }

    function kind(uint256 record) internal pure returns (uint8) {
        return uint8((record >> 166) & 3);
    }

    function country(uint256 record) internal pure returns (uint16) {
        return uint16((record >> 168) & 0x3ff);
    }

    function residency(uint256 record) internal pure returns (uint16) {
        return uint16((record >> 178) & 0x3ff);
    }

    function kycValidUntil(uint256 record) internal pure returns (uint40) {
        return uint40((record >> 188) & MAX_KYC);
    }

    function flags(uint256 record) internal pure returns (uint32) {
        return uint32(record >> 224);
    }
}
