// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {GranularitySettings} from "../settings/GranularitySettings.sol";
import {Restrictions} from "../Restrictions.sol";

/// @title Granular: every amount moved is a multiple of the token's smallest transferable unit ({GranularitySettings}).
abstract contract Granular is Restricted, GranularitySettings {
    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.settings.features & FEATURE_GRANULARITY != 0 && move.value % _granularity() != 0) {
            return Restrictions.GRANULARITY;
        }
        return super._restriction(move);
    }
}
