"""dfa: issuance and registry ledger for tokenized assets (digital financial assets).

The public surface: a :class:`Client` on the embedded chain or a JSON-RPC node, the
regulator's :class:`LicenseRegistry`, the operator's :class:`InvestorRegistry`, their
models, and the :class:`DFAError` tree (``dfa.errors``).
"""

from dfa.chain.anvil import AnvilNode
from dfa.chain.client import Client
from dfa.chain.network import EMBEDDED, FeeMode, NetworkProfile, local_anvil
from dfa.chain.signers import DevAccount, KeySigner, Signer, write_keystore
from dfa.errors import DFAError, RevertError, ValidationError
from dfa.operator import (
    Category,
    Investor,
    InvestorFlag,
    InvestorProfile,
    InvestorRegistry,
    InvestorStatus,
    Kind,
    NewInvestor,
    investor_id,
)
from dfa.regulator import License, LicenseRegistry, LicenseStatus, LicenseTerms, Scope

__all__ = [
    "EMBEDDED",
    "AnvilNode",
    "Category",
    "Client",
    "DFAError",
    "DevAccount",
    "FeeMode",
    "Investor",
    "InvestorFlag",
    "InvestorProfile",
    "InvestorRegistry",
    "InvestorStatus",
    "KeySigner",
    "Kind",
    "License",
    "LicenseRegistry",
    "LicenseStatus",
    "LicenseTerms",
    "NetworkProfile",
    "NewInvestor",
    "RevertError",
    "Scope",
    "Signer",
    "ValidationError",
    "investor_id",
    "local_anvil",
    "write_keystore",
]
