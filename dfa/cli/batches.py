"""A file's rows sent in batches that survive a crash: the one resume mechanism of onboarding and allocation.

Each batch is a range of the file's lines. Before its transaction is waited for, its hash goes to
a journal in the data directory, named after the command, the contract and the file's content
(:class:`dfa.chain.journal.Journal`); a re-run of the same file skips the batches whose
transaction is on chain and succeeded, and sends again those never sent or lost with a node
restarted from an older state. Nothing twice, nothing lost; an edited file is a new journal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from dfa.cli.home import home

if TYPE_CHECKING:
    from dfa.cli.context import Context

T = TypeVar("T")
OnSent = Callable[[str], None]


class Batches:
    def __init__(self, ctx: Context, command: str, contract: str, path: str, size: int):
        from dfa.chain.journal import Journal

        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
        self.ctx, self.size = ctx, size
        self.journal = Journal(ctx.client, home() / "journal" / f"{command}-{contract}-{digest}.json")

    @property
    def resuming(self) -> bool:
        """Whether an earlier run of the same file sent something."""
        return self.journal.path.exists()

    def send(self, rows: list[tuple[int, T | None]], send: Callable[[list[T], OnSent], object],
             what: str) -> tuple[int, int]:
        """Send each batch's items (``None``: nothing to send for that line) unless its journal entry is done.

        ``(sent, skipped)``: items sent now, and items of batches an earlier run sent."""
        sent = skipped = 0
        for start in range(0, len(rows), self.size):
            chunk = rows[start:start + self.size]
            items = [item for _, item in chunk if item is not None]
            if items:
                key = f"rows {chunk[0][0]}-{chunk[-1][0]}"
                if self.journal.run(key, lambda on_sent: send(items, on_sent)):
                    sent += len(items)
                else:
                    skipped += len(items)
            self.ctx.progress(start + len(chunk), len(rows), what)
        return sent, skipped
