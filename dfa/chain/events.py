"""Reading logs in bounded block ranges that shrink when the node refuses a range.

Never one unbounded ``eth_getLogs``: a long chain is read a range at a time, and a node that
limits ranges or result sizes gets smaller ranges until it answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from web3.exceptions import Web3Exception
from web3.types import EventData

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
    last = client.w3.eth.block_number if to_block is None else to_block
    start, span = from_block, block_range
    while start <= last:
        end = min(start + span - 1, last)
        try:
            logs = event.get_logs(from_block=start, to_block=end, argument_filters=filters or None)
        except (Web3Exception, ValueError) as error:
            if span <= MIN_RANGE:
                raise NetworkError(f"the node refuses logs of block {start}: {error}") from None
            span = max(MIN_RANGE, span // 2)
            continue
        yield from logs
        start = end + 1
