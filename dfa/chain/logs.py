"""Decoding a contract's event logs with eth_abi directly.

web3 decodes an event log in about half a millisecond (it walks the ABI and re-checksums every
address through its formatter stack); a register of ten thousand holders is thirty thousand
logs. Here an event's ABI is prepared once and each log costs a few ABI decodes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from eth_abi import decode, encode
from eth_utils import event_abi_to_log_topic, to_checksum_address
from eth_typing import ABIEvent, ChecksumAddress
from hexbytes import HexBytes
from web3.types import EventData

from dfa.chain.calls import abi_type


class EventDecoder:
    """Filter parameters for, and decoded logs of, one event of one contract."""

    def __init__(self, address: str, event_abi: dict[str, Any]):
        self.address = address
        self.name = event_abi["name"]
        self.topic = HexBytes(event_abi_to_log_topic(cast(ABIEvent, event_abi)))
        inputs = event_abi["inputs"]
        self.indexed = [(i, abi_type(i)) for i in inputs if i.get("indexed")]
        self.data = [(i, abi_type(i)) for i in inputs if not i.get("indexed")]
        self.order = [i["name"] for i in inputs]

    def filter(self, filters: dict[str, Any] | None) -> dict[str, Any]:
        """``eth_getLogs`` parameters: this contract, this event, indexed arguments equal to (one of) the values."""
        topics: list[Any] = [self.topic.to_0x_hex()]
        for entry, kind in self.indexed:
            wanted = (filters or {}).get(entry["name"])
            if wanted is None:
                topics.append(None)
            else:
                values = wanted if isinstance(wanted, (list, tuple)) else [wanted]
                topics.append([HexBytes(encode([kind], [value])).to_0x_hex() for value in values])
        while topics and topics[-1] is None:
            topics.pop()
        unknown = set(filters or ()) - {entry["name"] for entry, _ in self.indexed}
        if unknown:
            raise ValueError(f"{self.name} has no indexed argument {', '.join(sorted(unknown))}")
        return {"address": self.address, "topics": topics}

    def __call__(self, log: Any) -> EventData:
        """One log as web3 would give it: ``args``, ``event``, block, index and transaction."""
        args: dict[str, Any] = {}
        for (entry, kind), topic in zip(self.indexed, log["topics"][1:]):
            # an indexed string, bytes or array is stored as its hash: keep the 32 bytes
            args[entry["name"]] = _normal(entry, decode([kind], topic)[0]) if _is_static(kind) else bytes(topic)
        if self.data:
            values = decode([kind for _, kind in self.data], bytes(log["data"]))
            for (entry, _), value in zip(self.data, values):
                args[entry["name"]] = _normal(entry, value)
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


def _normal(entry: dict[str, Any], value: Any) -> Any:
    """As web3 returns it: addresses checksummed, structs as dicts by field name, arrays as tuples."""
    kind = entry["type"]
    if kind.endswith("]"):
        inner = {**entry, "type": kind[: kind.rindex("[")]}
        return tuple(_normal(inner, item) for item in value)
    if kind == "tuple":
        return {part["name"]: _normal(part, item) for part, item in zip(entry["components"], value)}
    if kind == "address":
        return _checksum(value)
    return value


@lru_cache(maxsize=65536)
def _checksum(address: str) -> ChecksumAddress:
    return to_checksum_address(address)
