"""``dfa node``: a local anvil that outlives the command, its state persisted in the data directory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import requests

from dfa.chain.anvil import HARDFORK, _free_port, find_anvil
from dfa.chain.network import ANVIL_CHAIN_ID, NetworkProfile, local_anvil
from dfa.cli.home import Deployments, home
from dfa.errors import NodeError


def node_dir() -> Path:
    return home() / "node"


def _record_path() -> Path:
    return node_dir() / "node.json"


def running() -> dict | None:
    """The record of the node this machine's ``dfa node start`` left running, if it still answers."""
    try:
        record = json.loads(_record_path().read_text())
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


def start(chain_id: int = ANVIL_CHAIN_ID, port: int | None = None, genesis_time: int | None = None) -> dict:
    """Start anvil in the background with its state in the data directory; idempotent.

    ``genesis_time`` pins the clock: a new chain starts at that second, and every block (of a new
    or resumed chain) comes one second after its parent unless time travel moves it.
    """
    existing = running()
    if existing is not None:
        return {**existing, "already_running": True}
    directory = node_dir()
    directory.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    state = directory / "state.json"
    command = [str(find_anvil()), "--host", "127.0.0.1", "--port", str(port), "--silent", "--chain-id",
               str(chain_id), "--hardfork", HARDFORK, "--state", str(state), "--preserve-historical-states",
               "--state-interval", "5"]
    if genesis_time is not None and not state.exists():
        command += ["--timestamp", str(genesis_time)]
    with open(directory / "anvil.log", "ab") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # outlives this command, on purpose
    record = {"pid": process.pid, "url": f"http://127.0.0.1:{port}", "chain_id": chain_id, "state": str(state)}
    _record_path().write_text(json.dumps(record))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NodeError(f"anvil exited with code {process.returncode}; see {directory / 'anvil.log'}")
        if running() is not None:
            if genesis_time is not None:
                _pin_block_time(record["url"])
            return record
        time.sleep(0.1)
    raise NodeError(f"anvil did not answer at {record['url']} within 30s; see {directory / 'anvil.log'}")


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


def forget_lost_deployments(record: dict) -> dict[str, str]:
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


def _pin_block_time(url: str) -> None:
    answer = requests.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "anvil_setBlockTimestampInterval",
                                      "params": [1]}, timeout=5).json()
    if "error" in answer:
        raise NodeError(f"anvil at {url} refused to pin its clock: {answer['error'].get('message')}")


def stop(timeout: float = 15.0) -> dict | None:
    """Stop the node (SIGINT: anvil writes its state), wait, then kill. None when none was running."""
    try:
        record = json.loads(_record_path().read_text())
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
