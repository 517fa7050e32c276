"""Decoding a contract's event logs with eth_abi directly.

web3 decodes an event log in about half a millisecond (it walks the ABI and re-checksums every
address through its formatter stack); a register of ten thousand holders is thirty thousand
logs. Here an event's ABI is prepared once and each log costs a few ABI decodes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eth_abi import decode, encode
from eth_utils import event_abi_to_log_topic, to_checksum_address
from hexbytes import HexBytes

from dfa.chain.calls import abi_type


class EventDecoder:
    """Filter parameters for, and decoded logs of, one event of one contract."""

    def __init__(self, address: str, event_abi: dict[str, Any]):
        self.address = address
        self.name = event_abi["name"]
        self.topic = HexBytes(event_abi_to_log_topic(event_abi))
        inputs = event_abi["inputs"]
        self.indexed = [(i["name"], abi_type(i)) for i in inputs if i.get("indexed")]
        self.data = [(i["name"], abi_type(i)) for i in inputs if not i.get("indexed")]
        self.order = [i["name"] for i in inputs]

    def filter(self, filters: dict[str, Any] | None) -> dict[str, Any]:
        """``eth_getLogs`` parameters: this contract, this event, indexed arguments equal to (one of) the values."""
        topics: list[Any] = [self.topic.to_0x_hex()]
        for name, kind in self.indexed:
            wanted = (filters or {}).get(name)
            if wanted is None:
                topics.append(None)
            else:
                values = wanted if isinstance(wanted, (list, tuple)) else [wanted]
                topics.append([HexBytes(encode([kind], [value])).to_0x_hex() for value in values])
        while topics and topics[-1] is None:
            topics.pop()
        unknown = set(filters or ()) - {name for name, _ in self.indexed}
        if unknown:
            raise ValueError(f"{self.name} has no indexed argument {', '.join(sorted(unknown))}")
        return {"address": self.address, "topics": topics}

    def __call__(self, log: Any) -> dict[str, Any]:
        """One log as web3 would give it: ``args``, ``event``, block, index and transaction."""
        args: dict[str, Any] = {}
        for (name, kind), topic in zip(self.indexed, log["topics"][1:]):
            # an indexed string, bytes or array is stored as its hash: keep the 32 bytes
            args[name] = _normal(kind, decode([kind], topic)[0]) if _is_static(kind) else bytes(topic)
        if self.data:
            values = decode([kind for _, kind in self.data], bytes(log["data"]))
            for (name, kind), value in zip(self.data, values):
                args[name] = _normal(kind, value)
        return {
            "args": {name: args[name] for name in self.order},
            "event": self.name,
            "address": _checksum(log["address"]),
            "blockNumber": log["blockNumber"],
            "blockHash": log["blockHash"],
            "logIndex": log["logIndex"],
            "transactionIndex": log["transactionIndex"],
            "transactionHash": log["transactionHash"],
        }


def _is_static(kind: str) -> bool:
    return kind not in ("string", "bytes") and not kind.endswith("]") and not kind.startswith("(")


def _normal(kind: str, value: Any) -> Any:
    """Addresses checksummed, as web3 returns them (recursively in arrays and tuples)."""
    if kind == "address":
        return _checksum(value)
    if kind.endswith("]"):
        inner = kind[: kind.rindex("[")]
        return tuple(_normal(inner, v) for v in value)
    if kind.startswith("("):
        return tuple(_normal(k, v) for k, v in zip(_split(kind[1:-1]), value))
    return value


def _split(types: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in types:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    return parts + ([current] if current else [])


@lru_cache(maxsize=65536)
def _checksum(address: str) -> str:
    return to_checksum_address(address)
