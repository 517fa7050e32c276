"""A journal of sent transactions, so that a batch interrupted anywhere resumes without sending twice.

Each step of a batch has a key. Before its transaction is waited for, its hash is written down;
on the next run, a step whose transaction is on chain and succeeded is skipped, and any other
(never sent, lost with a restarted node, or failed) is sent again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from eth_typing import HexStr
from web3.exceptions import TransactionNotFound

from dfa._atomic_file import write_atomically
from dfa.chain.client import Client


class Journal:
    def __init__(self, client: Client, path: str | os.PathLike[str]):
        self.client = client
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            entries: dict[str, str] = json.loads(self.path.read_text())
            return entries
        except FileNotFoundError:
            return {}

    def _write(self, key: str, tx_hash: str) -> None:
        entries = self._load()
        entries[key] = tx_hash
        write_atomically(self.path, json.dumps(entries, indent=1))

    def done(self, key: str) -> bool:
        """Whether the step's transaction is on chain and succeeded."""
        tx_hash = self._load().get(key)
        if tx_hash is None:
            return False
        try:
            receipt = self.client.w3.eth.get_transaction_receipt(HexStr(tx_hash))
        except TransactionNotFound:
            return False  # never mined, or lost with a node restarted from an older state
        return receipt is not None and receipt["status"] == 1

    def run(self, key: str, step: Callable[[Callable[[str], None]], object]) -> bool:
        """Run ``step(on_sent)`` unless already done; True when it ran now."""
        if self.done(key):
            return False
        step(lambda tx_hash: self._write(key, tx_hash))
        return True
