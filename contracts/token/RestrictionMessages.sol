// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restrictions} from "./Restrictions.sol";

/// @title RestrictionMessages: the human text of every reason code, deployed once and read by
/// every token, so the messages do not take room in the token's own 24 KB of code.
contract RestrictionMessages {
    function message(uint8 code) external pure returns (string memory) {
        return Restrictions.message(code);
    }
}
