"""A local anvil node: started from the npm package, or attached to when already running.

The one place that launches anvil (tests, benchmarks, ``dfa node start``). The node this module
starts is its own to stop: SIGINT (anvil then writes its ``--state`` file), a wait, then a kill.
It is stopped when Python exits, and told by the kernel to stop if this process dies first,
unless it is started ``detached`` (``dfa node start``: a node that outlives the command). A node
that was attached to is never stopped from here.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from dfa.chain.network import ANVIL_CHAIN_ID, NetworkProfile, local_anvil
from dfa.errors import NodeError

ANVIL_ENV = "DFA_ANVIL"
HARDFORK = "prague"  # the fork py-evm runs, so gas matches between the two backends
_running: set[AnvilNode] = set()


def find_anvil() -> Path:
    """The anvil binary: ``$DFA_ANVIL``, the npm package's platform binary, or ``anvil`` on PATH."""
    if os.environ.get(ANVIL_ENV):
        chosen = Path(os.environ[ANVIL_ENV])
        if not os.access(chosen, os.X_OK):
            raise NodeError(f"anvil not found: {ANVIL_ENV} names {chosen}, which is not an executable")
        return chosen
    roots = [Path.cwd(), *Path.cwd().parents, Path(__file__).resolve().parents[2]]
    for root in roots:
        # The platform package's binary itself, not the node wrapper in .bin: signals reach anvil.
        for candidate in sorted((root / "node_modules" / "@foundry-rs").glob("anvil-*/bin/anvil")):
            if os.access(candidate, os.X_OK):
                return candidate
    found = shutil.which("anvil")
    if found:
        return Path(found)
    raise NodeError(f"anvil not found: run `npm ci` in the dfa checkout, or set {ANVIL_ENV} to the binary")


class AnvilNode:
    """One anvil process on a loopback port, or an attachment to a running node.

    ``genesis_time`` pins a new chain's clock: the genesis block at that second, and each block
    one second after its parent (or where time travel puts it), whatever the wall clock says.
    ``detached``: the node outlives this process (neither stopped at exit nor with the parent).
    The log is ``log_dir/log_name`` (default ``anvil-<port>.log``).

    Use as a context manager, or call :meth:`start` and :meth:`stop`::

        with AnvilNode(state=Path("chain.json")) as node:
            client = Client(node.profile)
    """

    def __init__(
        self,
        *,
        state: str | os.PathLike[str] | None = None,
        chain_id: int = ANVIL_CHAIN_ID,
        port: int | None = None,
        log_dir: str | os.PathLike[str] | None = None,
        ready_timeout: float = 30.0,
        extra_args: tuple[str, ...] = (),
        genesis_time: int | None = None,
        detached: bool = False,
        log_name: str | None = None,
    ):
        self.state = Path(state) if state is not None else None
        self.chain_id = chain_id
        self.port = port
        self.log_dir = Path(log_dir) if log_dir is not None else None
        self.ready_timeout = ready_timeout
        self.extra_args = extra_args
        self.genesis_time = genesis_time
        self.detached = detached
        self.log_name = log_name
        self.url: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None

    @classmethod
    def attach(cls, url: str, chain_id: int = ANVIL_CHAIN_ID, timeout: float = 5.0) -> AnvilNode:
        """A node already running at ``url``; it must answer as anvil. :meth:`stop` leaves it running."""
        node = cls(chain_id=chain_id, ready_timeout=timeout)
        node.url = url
        node._wait_ready()
        return node

    @property
    def profile(self) -> NetworkProfile:
        if self.url is None:
            raise NodeError("the node is not started")
        return local_anvil(self.url, self.chain_id)

    def _url(self) -> str:
        if self.url is None:
            raise NodeError("the node is not started")
        return self.url

    @property
    def owned(self) -> bool:
        return self.process is not None

    def start(self) -> AnvilNode:
        """Start anvil and wait until it answers. Retries on another port if the chosen one was taken."""
        if self.process is not None:
            raise NodeError(f"anvil is already running at {self.url}")
        binary = find_anvil()
        log_dir = self.log_dir or Path(tempfile.mkdtemp(prefix="dfa-anvil-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        for attempt in range(3):
            port = self.port or free_port()
            command = [str(binary), "--host", "127.0.0.1", "--port", str(port), "--silent"]
            command += ["--chain-id", str(self.chain_id), "--hardfork", HARDFORK]
            if self.genesis_time is not None and not (self.state is not None and self.state.exists()):
                command += ["--timestamp", str(self.genesis_time)]  # a resumed chain keeps its own time
            if self.state is not None:
                self.state.parent.mkdir(parents=True, exist_ok=True)
                command += ["--state", str(self.state), "--preserve-historical-states"]
            command += list(self.extra_args)
            self.log_path = log_dir / (self.log_name or f"anvil-{port}.log")
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # a Ctrl-C in the terminal is ours to handle, not anvil's
                    preexec_fn=None if self.detached else _die_with_parent,
                )
            self.url = f"http://127.0.0.1:{port}"
            if not self.detached:
                _running.add(self)
            try:
                self._wait_ready()
                if self.genesis_time is not None:
                    self._call("anvil_setBlockTimestampInterval", [1])
                return self
            except NodeError:
                exited = self.process.poll() is not None
                self.stop()
                if not exited or self.port is not None or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a node this object started: SIGINT, wait, then kill. A no-op for an attached node."""
        process, self.process = self.process, None
        _running.discard(self)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> AnvilNode:
        return self if self.url is not None else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _call(self, method: str, params: list[Any]) -> object:
        response = requests.post(self._url(), json={"jsonrpc": "2.0", "id": 1, "method": method, "params": params},
                                 timeout=self.ready_timeout).json()
        if "error" in response:
            raise NodeError(f"anvil at {self.url} refused {method}: {response['error'].get('message')}")
        return response["result"]

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise NodeError(f"anvil exited with code {self.process.returncode}; see {self.log_path}")
            try:
                response = requests.post(
                    self._url(), json={"jsonrpc": "2.0", "id": 1, "method": "web3_clientVersion", "params": []}, timeout=2
                )
                version = response.json()["result"]
            except (requests.RequestException, ValueError, KeyError) as error:
                last_error = error
                time.sleep(0.05)
                continue
            if not str(version).lower().startswith("anvil/"):
                raise NodeError(f"the node at {self.url} is {version}, not anvil")
            return
        raise NodeError(f"anvil at {self.url} did not answer within {self.ready_timeout:.0f}s: {last_error}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:
    # Linux: the kernel sends SIGINT to anvil if this Python process dies without cleaning up.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG
    except OSError:
        pass


@atexit.register
def _stop_all() -> None:
    for node in list(_running):
        node.stop()
