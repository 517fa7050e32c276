// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Restricted} from "./Restricted.sol";
import {PricingSettings} from "../settings/PricingSettings.sol";
import {Restrictions} from "../Restrictions.sol";

/**
 * @title AmlHolds
 * @notice A transfer worth more than the threshold the compliance agent sets (valued at the
 * reference price) needs a prior approval of exactly that transfer (sender, receiver, amount).
 * An approval is used up by the transfer and lapses at its expiry. A transfer that cannot be
 * valued in the threshold's currency (no price, a zero price, another currency) needs an approval too.
 */
abstract contract AmlHolds is Restricted, PricingSettings {
    /// @custom:storage-location erc7201:dfa.storage.AmlHolds
    struct AmlHoldsStorage {
        uint256 threshold; // minor units of `currency`; 0: no threshold
        bytes3 currency;
        mapping(bytes32 transfer => uint64 expiry) approvals;
    }

    // keccak256(abi.encode(uint256(keccak256("dfa.storage.AmlHolds")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant AML_HOLDS_STORAGE = 0xd8a565cce7be1f3a9c5e5cc660b6cf9642c4bbd5fe4d02c78c1c04eefac66f00;

    event TransferApprovalUsed(address indexed from, address indexed to, uint256 value);

    function _transferKey(address from, address to, uint256 value) internal pure returns (bytes32) {
        return keccak256(abi.encode(from, to, value));
    }

    function _amlHoldsStorage() internal pure returns (AmlHoldsStorage storage $) {
        assembly {
            $.slot := AML_HOLDS_STORAGE
        }
    }

    /// @dev Whether moving `value` from `from` to `to` is above the threshold (or cannot be valued against it).
    function _needsApproval(Move memory move) private view returns (bool) {
        if (move.settings.features & FEATURE_AML == 0 || move.from == address(0) || move.to == address(0)) {
            return false;
        }
        AmlHoldsStorage storage $ = _amlHoldsStorage();
        uint256 value = move.value;
        ReferencePrice memory price = _referencePrice();
        return price.price == 0 || price.currency != $.currency || _fiatValue(value, price.price) > $.threshold;
    }

    function _restriction(Move memory move) internal view virtual override returns (uint8) {
        if (_needsApproval(move) && _amlHoldsStorage().approvals[_transferKey(move.from, move.to, move.value)] <= block.timestamp) {
            return Restrictions.AML_APPROVAL_REQUIRED;
        }
        return super._restriction(move);
    }

    // The only external write is to the operator's PurchaseLimits, which never calls back; the
    // approval must outlive the check that runs inside super._update. (Slither also reads the ERC-7201
    // storage pointers as writes.)
    // slither-disable-next-line reentrancy-no-eth
    function _settle(Move memory move) internal virtual override {
        super._settle(move);
        if (_needsApproval(move) && !_rulesBypassed()) {
            delete _amlHoldsStorage().approvals[_transferKey(move.from, move.to, move.value)]; // single use
            emit TransferApprovalUsed(move.from, move.to, move.value);
        }
    }
}
