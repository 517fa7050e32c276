"""dfa: issuance and registry ledger for tokenized assets (digital financial assets).

The public surface: a :class:`Client` on the embedded chain or a JSON-RPC node, the
regulator's :class:`LicenseRegistry`, the operator's :class:`InvestorRegistry`, their
models, and the :class:`DFAError` tree (``dfa.errors``).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Where each public name lives; imported on first use (PEP 562), so that `import dfa.errors` or the
# command line's `--help` does not load web3 and the whole API.
_HOMES = {
    "AnvilNode": "dfa.chain.anvil",
    "Client": "dfa.chain.client",
    **dict.fromkeys(("EMBEDDED", "FeeMode", "NetworkProfile", "local_anvil"), "dfa.chain.network"),
    **dict.fromkeys(("DevAccount", "KeySigner", "Signer", "write_keystore"), "dfa.chain.signers"),
    **dict.fromkeys(("DFAError", "RevertError", "ValidationError"), "dfa.errors"),
    **dict.fromkeys(("Category", "Investor", "InvestorFlag", "InvestorProfile", "InvestorRegistry", "InvestorStatus",
                     "Kind", "NewInvestor", "investor_id"), "dfa.operator"),
    **dict.fromkeys(("License", "LicenseRegistry", "LicenseStatus", "LicenseTerms", "Scope"), "dfa.regulator"),
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value  # once found, an ordinary attribute
        return value
    raise AttributeError(f"module 'dfa' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
