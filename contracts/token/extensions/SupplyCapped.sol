// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {SupplyCapSettings} from "../settings/SupplyCapSettings.sol";
import {Restrictions} from "../Restrictions.sol";

/// @title SupplyCapped: the total supply never exceeds the cap the issuer's terms allow ({SupplyCapSettings}).
abstract contract SupplyCapped is Restricted, SupplyCapSettings {
    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (move.from == address(0) && move.value > _supplyCap() - totalSupply()) {
            return Restrictions.SUPPLY_CAP_EXCEEDED;
        }
        return super._restriction(move);
    }
}
