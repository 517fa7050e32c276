"""Where the command line keeps what must outlive one command: the local node and deployment records."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from dfa._atomic_file import write_atomically
from dfa.errors import ConfigError, NotFoundError

HOME_ENV = "DFA_HOME"


def home() -> Path:
    """``$DFA_HOME``, else the user's data directory (``~/.local/share/dfa``)."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "dfa"


class Deployments:
    """Addresses of what was deployed on one chain, by name, so commands can say ``registry`` or ``SGB29``."""

    def __init__(self, chain_id: int, directory: Path | None = None):
        self.chain_id = chain_id
        self.path = (directory or home() / "deployments") / f"{chain_id}.json"

    def _load(self) -> dict[str, str]:
        try:
            entries: dict[str, str] = json.loads(self.path.read_text())
            return entries
        except FileNotFoundError:
            return {}
        except ValueError as error:
            raise ConfigError(f"the deployment record {self.path} is damaged: {error}") from None

    def record(self, name: str, address: str) -> None:
        entries = self._load()
        entries[name] = address
        write_atomically(self.path, json.dumps(entries, indent=1, sort_keys=True))  # never a half-written record

    def forget(self, names: Iterable[str]) -> None:
        entries = self._load()
        for name in names:
            entries.pop(name, None)
        write_atomically(self.path, json.dumps(entries, indent=1, sort_keys=True))

    def address(self, name_or_address: str) -> str:
        """The address recorded as ``name``, or the argument itself when it is an address."""
        if name_or_address.startswith("0x"):
            return name_or_address
        entries = self._load()
        if name_or_address not in entries:
            known = ", ".join(sorted(entries)) or "nothing yet"
            raise NotFoundError(f"nothing named {name_or_address!r} was deployed on chain {self.chain_id} "
                                f"(recorded: {known})")
        return entries[name_or_address]

    def all(self) -> dict[str, str]:
        return self._load()
