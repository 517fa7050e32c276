"""Reading logs in bounded block ranges that shrink when the node refuses a range.

Never one unbounded ``eth_getLogs``: a long chain is read a range at a time, and a node that
limits ranges or result sizes gets smaller ranges until it answers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, cast

from hexbytes import HexBytes
from web3.exceptions import Web3Exception
from web3.types import EventData, FilterParams

from dfa._atomic_file import write_atomically
from dfa.chain.logs import EventDecoder
from dfa.errors import NetworkError

if TYPE_CHECKING:
    from dfa.chain.client import Client

DEFAULT_RANGE = 5_000
MIN_RANGE = 1


def iter_logs(
    client: Client,
    event: Any,
    from_block: int = 0,
    to_block: int | None = None,
    filters: dict[str, Any] | None = None,
    block_range: int = DEFAULT_RANGE,
) -> Iterator[EventData]:
    """Decoded logs of a web3 contract ``event`` between two blocks (inclusive), oldest first."""
    return iter_events(client, [event], from_block, to_block, filters, block_range)


def iter_events(
    client: Client,
    events: list[Any],
    from_block: int = 0,
    to_block: int | None = None,
    filters: dict[str, Any] | None = None,
    block_range: int = DEFAULT_RANGE,
) -> Iterator[EventData]:
    """Decoded logs of several events of one contract in one query per range, in chain order.

    ``filters`` apply to indexed arguments at the same position in every event (an investor id
    that each of them indexes first, say). One query instead of one per event matters where a
    log query costs the length of the chain (eth-tester).
    """
    decoders = {decoder.topic: decoder for decoder in (EventDecoder(e.address, e.abi) for e in events)}
    params = next(iter(decoders.values())).filter(filters)
    params["topics"][0] = [topic.to_0x_hex() for topic in decoders]
    last = client.w3.eth.block_number if to_block is None else to_block
    start, span = from_block, block_range
    while start <= last:
        end = min(start + span - 1, last)
        try:
            logs = client.w3.eth.get_logs(cast(FilterParams, {**params, "fromBlock": start, "toBlock": end}))
        except (Web3Exception, ValueError) as error:
            if span <= MIN_RANGE:
                raise NetworkError(f"the node refuses logs of block {start}: {error}") from None
            span = max(MIN_RANGE, span // 2)
            continue
        for log in logs:
            yield decoders[HexBytes(log["topics"][0])](log)
        start = end + 1


class Cursor:
    """Where an incremental reader stopped, saved in a file so the next run reads only what is new.

    ``cursor.read(client, event)`` yields the logs from the block after the saved one to the
    latest, and saves the position only once everything was yielded: a reader that stops
    half-way reads the same logs again next time, never skips any.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)

    def position(self, key: str) -> int:
        """The last block read for ``key``, -1 when nothing was read yet."""
        try:
            return int(json.loads(self.path.read_text()).get(key, -1))
        except FileNotFoundError:
            return -1

    def read(self, client: Client, event: Any, key: str | None = None, **filters: Any) -> Iterator[EventData]:
        key = key or f"{event.address}:{event.event_name}"
        last = client.w3.eth.block_number
        yield from iter_logs(client, event, self.position(key) + 1, last, filters or None)
        self._save(key, last)

    def _save(self, key: str, block: int) -> None:
        try:
            positions = json.loads(self.path.read_text())
        except FileNotFoundError:
            positions = {}
        positions[key] = block
        write_atomically(self.path, json.dumps(positions, indent=1, sort_keys=True))
