"""Times a person types (command line, spec files, CSVs): absolute, or relative to the chain's clock.

Every date the CLI and the spec reader (:mod:`dfa.issuer.spec_file`) read may be absolute (``2027-01-31``,
``2027-01-31T12:00:00Z``) or relative: ``now``, ``+30d``, ``+12h``, ``+45m``. A relative time
counts from the latest block's timestamp, the clock the contracts judge by, never the wall
clock: a chain started with ``--pin-clock 2026-01-01`` reads ``+30d`` as 2026-01-31 on any day.
The models' parsers stay absolute: a value there has no chain to be relative to, so the readers
resolve relative times, against the time they read from the chain, before the models see them.
"""

from __future__ import annotations

import re
from typing import Any, Callable

_RELATIVE = re.compile(r"^\+(\d+)([dhm])$")
_SECONDS = {"d": 24 * 3600, "h": 3600, "m": 60}
FORMS = "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, 'now' or '+30d' / '+12h' / '+45m' from the chain's time"


def is_relative(value: Any) -> bool:
    return isinstance(value, str) and (value.strip() == "now" or bool(_RELATIVE.match(value.strip())))


def resolve_time(value: Any, now: int | Callable[[], int]) -> Any:
    """``now`` and ``+N{d,h,m}`` as Unix seconds after the chain's ``now``; anything else unchanged.

    ``now`` may be a function, asked only when a relative value needs it (no node is needed for
    absolute times).
    """
    text = value.strip() if isinstance(value, str) else None
    match = _RELATIVE.match(text) if text else None
    if text != "now" and match is None:
        return value
    base = now() if callable(now) else now
    return base if match is None else base + int(match[1]) * _SECONDS[match[2]]


def resolve_fields(raw: dict[str, Any] | None, fields: tuple[str, ...], now: int | Callable[[], int]) -> None:
    """Resolve the relative times of ``fields`` of a mapping read from a file, in place."""
    if raw is None:
        return
    for field in fields:
        if field in raw:
            raw[field] = resolve_time(raw[field], now)
