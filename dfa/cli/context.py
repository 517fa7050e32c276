"""What every command needs: the chain, the signer, the deployment records, and how to answer."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dfa.cli.home import Deployments, home
from dfa.errors import NetworkError, NetworkMismatchError, SignerError, ValidationError

if TYPE_CHECKING:  # imported when a command first needs them: `dfa --help` loads no web3
    from dfa.chain.client import Client
    from dfa.chain.signers import Signer


@dataclass
class Context:
    network: str | None
    chain_id: int | None
    account: str | None
    dev_account: int | None
    as_json: bool
    yes: bool
    output: list[Any] = field(default_factory=list)
    _reported: dict[str, int] = field(default_factory=dict)
    status: int = 0
    """The exit code of a command that succeeded in answering but whose answer is a refusal (3)."""

    @cached_property
    def client(self) -> Client:
        from dfa.chain.client import Client
        from dfa.chain.network import NetworkProfile
        from dfa.cli import local_node

        if self.network in (None, "local"):
            return Client(local_node.profile())
        if self.network == "embedded":
            return Client.embedded()
        profile_file = home() / "networks" / f"{self.network}.json"
        if profile_file.is_file():  # a named profile: {"name": ..., "chain_id": ..., "rpc_url": ..., "fee_mode": ...}
            return Client(NetworkProfile.model_validate(json.loads(profile_file.read_text())))
        if self.network.startswith("http"):
            if self.chain_id is None:
                raise ValidationError("give --chain-id with a network URL: it is checked on connect")
            dev = self.dev_account is not None
            return Client(NetworkProfile(name="cli", chain_id=self.chain_id, rpc_url=self.network, dev=dev))
        raise ValidationError(f"unknown network {self.network!r}: give 'local' (the default), 'embedded', a URL, "
                              f"or the name of a profile in {home() / 'networks'}")

    @cached_property
    def signer(self) -> Signer:
        from dfa.chain.signers import KeySigner

        if self.account:
            return KeySigner.from_keystore(self.account)
        if self.dev_account is not None:
            accounts = self.client.dev_accounts()
            if not 0 <= self.dev_account < len(accounts):
                raise ValidationError(f"there are {len(accounts)} development accounts; --dev-account "
                                      f"{self.dev_account} is not one of them")
            return accounts[self.dev_account]
        raise SignerError("this command sends a transaction: give --account KEYSTORE (passphrase in "
                          "$DFA_KEYSTORE_PASSPHRASE) or, on a local node, --dev-account N")

    @cached_property
    def deployments(self) -> Deployments:
        return Deployments(self.client.chain_id)

    def explain(self, error: Exception) -> str:
        """The error as a person should read it: a local node that went away is named with the fix."""
        local = self.network in (None, "local") and "client" in self.__dict__
        if local and isinstance(error, NetworkError) and not isinstance(error, NetworkMismatchError):
            return f"the node at {self.client.where} is not running: `dfa node start`, then re-run"
        return str(error)

    def say(self, text: str, **data: Any) -> None:
        """A line for people (stdout), and the same facts for machines under --json."""
        if self.as_json:
            self.output.append(data or {"message": text})
        else:
            print(text)

    def confirm(self, question: str) -> None:
        """Ask before an act that cannot be undone, unless -y was given or nobody is there to answer."""
        if self.yes or not sys.stdin.isatty():
            return
        if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
            raise ValidationError("not confirmed; nothing was sent")

    def progress(self, done: int, total: int, what: str) -> None:
        """Progress on stderr: a line redrawn on a terminal, else (CI logs) a line at the start and every 10 %."""
        if sys.stderr.isatty():
            print(f"\r\033[K{what}: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)
            return
        step = done * 10 // max(total, 1)
        if self._reported.get(what, -1) < step:
            self._reported[what] = step
            print(f"{what}: {done}/{total}", file=sys.stderr, flush=True)

    def flush(self) -> None:
        if self.as_json:
            document = self.output[0] if len(self.output) == 1 else self.output
            print(json.dumps(document, indent=1, default=str))
