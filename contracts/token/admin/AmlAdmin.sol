// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {DFATokenRules} from "../DFATokenRules.sol";

/// @title AmlAdmin: the compliance agent sets the AML threshold and approves single large transfers.
abstract contract AmlAdmin is DFATokenRules {
    event AmlThresholdSet(uint256 threshold, bytes3 currency, address indexed actor);
    event TransferApproved(address indexed from, address indexed to, uint256 value, uint64 expiry, address indexed actor);

    error DFAApprovalExpiryNotInFuture(uint64 expiry);

    /// @dev The threshold above which a transfer needs an approval, and its currency.
    function amlThreshold() public view returns (uint256 threshold, bytes3 currency) {
        AmlHoldsStorage storage $ = _amlHoldsStorage();
        return ($.threshold, $.currency);
    }

    /// @dev When the approval of moving `value` from `from` to `to` lapses (0: none).
    function transferApproval(address from, address to, uint256 value) public view returns (uint64) {
        return _amlHoldsStorage().approvals[_transferKey(from, to, value)];
    }

    /**
     * @dev Transfers worth more than `threshold` minor units of `currency` need an approval (0: none do).
     *
     * Requirements: caller has COMPLIANCE_ROLE.
     *
     * Emits {AmlThresholdSet}.
     */
    function setAmlThreshold(uint256 threshold, bytes3 currency) external onlyRole(COMPLIANCE_ROLE) {
        AmlHoldsStorage storage $ = _amlHoldsStorage();
        ($.threshold, $.currency) = (threshold, currency);
        _setFeature(FEATURE_AML, threshold != 0);
        emit AmlThresholdSet(threshold, currency, _msgSender());
    }

    /**
     * @dev Approves exactly one transfer of `value` from `from` to `to`, until `expiry`.
     *
     * Requirements: caller has COMPLIANCE_ROLE; `expiry` in the future.
     *
     * Emits {TransferApproved}.
     */
    function approveTransfer(address from, address to, uint256 value, uint64 expiry) external onlyRole(COMPLIANCE_ROLE) {
        require(expiry > block.timestamp, DFAApprovalExpiryNotInFuture(expiry));
        _amlHoldsStorage().approvals[_transferKey(from, to, value)] = expiry;
        emit TransferApproved(from, to, value, expiry, _msgSender());
    }
}
