"""The chain layer: one :class:`Client` over injected backends (the embedded chain, a JSON-RPC
node), signers, network profiles, a local anvil node, and the base of every contract API.

The names below are the package's public surface; the rest of its modules serve them. They load
on first use (PEP 562), so a command that needs only a network profile does not load web3.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dfa.chain.anvil import AnvilNode
    from dfa.chain.backends import Backend, EmbeddedBackend, RpcBackend
    from dfa.chain.client import Client
    from dfa.chain.contract import DEFAULT_ADMIN_ROLE, ContractAPI, role_id
    from dfa.chain.events import Cursor
    from dfa.chain.journal import Journal
    from dfa.chain.network import EMBEDDED, FeeMode, NetworkProfile, local_anvil
    from dfa.chain.signers import DevAccount, KeySigner, Signer, write_keystore

# public name -> the module that defines it
_HOMES = {
    "AnvilNode": "anvil",
    "Backend": "backends",
    "EmbeddedBackend": "backends",
    "RpcBackend": "backends",
    "Client": "client",
    "DEFAULT_ADMIN_ROLE": "contract",
    "ContractAPI": "contract",
    "role_id": "contract",
    "Cursor": "events",
    "Journal": "journal",
    "EMBEDDED": "network",
    "FeeMode": "network",
    "NetworkProfile": "network",
    "local_anvil": "network",
    "DevAccount": "signers",
    "KeySigner": "signers",
    "Signer": "signers",
    "write_keystore": "signers",
}

__all__ = [
    "DEFAULT_ADMIN_ROLE",
    "EMBEDDED",
    "AnvilNode",
    "Backend",
    "Client",
    "ContractAPI",
    "Cursor",
    "DevAccount",
    "EmbeddedBackend",
    "FeeMode",
    "Journal",
    "KeySigner",
    "NetworkProfile",
    "RpcBackend",
    "Signer",
    "local_anvil",
    "role_id",
    "write_keystore",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
