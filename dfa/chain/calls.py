"""Call data from a contract's ABI, with the ABI searched once per function, not on every call.

web3 finds a function by scanning and hashing the whole ABI each time it encodes a call; for a
token whose ABI has hundreds of entries that costs more than the round trip to a local node.
"""

from __future__ import annotations

from typing import Any, Sequence

from eth_abi import encode
from eth_utils import function_abi_to_4byte_selector
from hexbytes import HexBytes
from web3.contract import Contract

# id(abi) -> (the abi, kept alive so that its id is never reused; function name -> (selector, input types))
_CODECS: dict[int, tuple[Sequence[Any], dict[str, tuple[bytes, list[str]] | None]]] = {}


def encode_call(contract: Contract, function: str, args: Sequence[Any]) -> HexBytes:
    """``contract.encode_abi(function, args)``, faster; web3's own path for overloaded names and struct dicts."""
    codec = _codec(contract.abi, function)
    if codec is not None and not any(isinstance(arg, dict) for arg in args):
        selector, types = codec
        return HexBytes(selector + encode(types, list(args)))
    return HexBytes(contract.encode_abi(function, args=list(args)))


def _codec(abi: Sequence[Any], function: str) -> tuple[bytes, list[str]] | None:
    entry = _CODECS.get(id(abi))
    if entry is None or entry[0] is not abi:
        entry = _CODECS[id(abi)] = (abi, {})
    codecs = entry[1]
    if function not in codecs:
        matches = [e for e in abi if e.get("type") == "function" and e.get("name") == function]
        codecs[function] = (function_abi_to_4byte_selector(matches[0]), [abi_type(i) for i in matches[0]["inputs"]]) \
            if len(matches) == 1 else None
    return codecs[function]


def abi_type(entry: dict[str, Any]) -> str:
    """The canonical type of an ABI input or output: structs as tuples."""
    if entry["type"].startswith("tuple"):
        return "(" + ",".join(abi_type(c) for c in entry["components"]) + ")" + str(entry["type"])[len("tuple"):]
    return str(entry["type"])
