"""``dfa node``: a local anvil that outlives the command, its state persisted in the data directory."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import requests

from dfa._atomic_file import write_atomically
from dfa.chain.anvil import AnvilNode
from dfa.chain.network import ANVIL_CHAIN_ID, NetworkProfile, local_anvil
from dfa.cli.home import Deployments, home
from dfa.errors import NodeError


def node_dir() -> Path:
    return home() / "node"


def _record_path() -> Path:
    return node_dir() / "node.json"


def running() -> dict[str, Any] | None:
    """The record of the node this machine's ``dfa node start`` left running, if it still answers."""
    try:
        record: dict[str, Any] = json.loads(_record_path().read_text())
    except (FileNotFoundError, ValueError):
        return None
    try:
        requests.post(record["url"], json={"jsonrpc": "2.0", "id": 1, "method": "web3_clientVersion", "params": []},
                      timeout=2).raise_for_status()
    except requests.RequestException:
        return None
    return record


def profile() -> NetworkProfile:
    record = running()
    if record is None:
        try:
            url = json.loads(_record_path().read_text())["url"]
        except (FileNotFoundError, ValueError, KeyError):
            raise NodeError("no local node is running: start one with `dfa node start` "
                            "(or give --network embedded for a throw-away chain, or --network URL)") from None
        raise NodeError(f"the node at {url} is not running: `dfa node start`, then re-run")
    return local_anvil(record["url"], record["chain_id"])


def start(chain_id: int = ANVIL_CHAIN_ID, port: int | None = None, genesis_time: int | None = None) -> dict[str, Any]:
    """Start anvil in the background with its state in the data directory; idempotent.

    ``genesis_time`` pins the clock: a new chain starts at that second, and every block (of a new
    or resumed chain) comes one second after its parent unless time travel moves it.
    """
    existing = running()
    if existing is not None:
        return {**existing, "already_running": True}
    directory = node_dir()
    state = directory / "state.json"
    node = AnvilNode(state=state, chain_id=chain_id, port=port, log_dir=directory, log_name="anvil.log",
                     genesis_time=genesis_time, extra_args=("--state-interval", "5"), detached=True).start()
    assert node.process is not None and node.url is not None
    record: dict[str, Any] = {"pid": node.process.pid, "url": node.url, "chain_id": chain_id, "state": str(state)}
    write_atomically(_record_path(), json.dumps(record))
    return record


REDO = {  # what a deployment record's name was made by, in the order of the life cycle
    "licenses": "dfa regulator deploy (and its licences: dfa regulator license ...)",
    "registry": "dfa operator deploy (and dfa operator add-registrar ...)",
    "factory": "dfa issuer deploy-factory",
    "limits": "dfa operator deploy-limits",
}


def redo_command(name: str) -> str:
    return REDO.get(name, f"dfa issuer deploy SPEC (the spec of {name}), then dfa issuer publish-decision {name} SPEC")


def redo_order(name: str) -> tuple[int, str]:
    return (list(REDO).index(name) if name in REDO else len(REDO), name)


def forget_lost_deployments(record: dict[str, Any]) -> dict[str, str]:
    """Deployment records of this node's chain that point at no contract (blocks lost with a killed node).

    They are removed from the record, so that a later command says the name is unknown instead of
    reading nothing at the address; the names and addresses are returned to be reported.
    """
    deployments = Deployments(record["chain_id"])
    entries = deployments.all()
    if not entries:
        return {}
    addresses = sorted(set(entries.values()))
    batch: list[dict[str, Any]] = [{"jsonrpc": "2.0", "id": n, "method": "eth_getCode", "params": [address, "latest"]}
             for n, address in enumerate(addresses)]
    answers = {a["id"]: a.get("result") for a in requests.post(record["url"], json=batch, timeout=10).json()}
    empty = {address for n, address in enumerate(addresses) if answers.get(n) in (None, "0x", "0x0")}
    lost = {name: address for name, address in entries.items() if address in empty}
    if lost:
        deployments.forget(lost)
    return lost


def stop(timeout: float = 15.0) -> dict[str, Any] | None:
    """Stop the node (SIGINT: anvil writes its state), wait, then kill. None when none was running."""
    try:
        record: dict[str, Any] = json.loads(_record_path().read_text())
    except (FileNotFoundError, ValueError):
        return None
    pid = record["pid"]
    try:
        os.kill(pid, signal.SIGINT)
    except ProcessLookupError:
        _record_path().unlink(missing_ok=True)
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    _record_path().unlink(missing_ok=True)
    return record


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our child
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
