// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title Bits of an operator licence: the activities a platform operator may carry on.
library LicenseScopes {
    uint8 internal constant ISSUANCE = 1 << 0;
    uint8 internal constant INVESTOR_REGISTRY = 1 << 1;
    uint8 internal constant SETTLEMENT = 1 << 2;
    uint8 internal constant CUSTODY = 1 << 3;
    uint8 internal constant ALL = ISSUANCE | INVESTOR_REGISTRY | SETTLEMENT | CUSTODY;
}
