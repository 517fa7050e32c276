"""Where a client's chain lives: in this process (eth-tester on py-evm) or behind JSON-RPC.

Everything above a backend is the same code; a backend only makes the web3 provider and
carries out the development-chain controls (snapshots, time travel) its way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from web3 import Web3
from web3.providers import BaseProvider
from web3.types import RPCEndpoint

from dfa.errors import NetworkError

#: Where the chains that tests, benchmarks and the embedded chain start: 2026-01-01T00:00:00Z.
#: A pinned clock makes every run the same on any date (what a rule decides at a time, and the
#: gas it takes, may depend on the time).
PINNED_GENESIS_TIME = 1_767_225_600


class Backend(ABC):
    """Makes the provider of one chain and controls it when it is a development chain."""

    #: Whether the provider takes JSON-RPC batches (several reads in one round trip).
    batches: bool = False

    @abstractmethod
    def provider(self) -> BaseProvider: ...

    @abstractmethod
    def snapshot(self, w3: Web3) -> Any:
        """Remember the chain's state; :meth:`revert` returns to it."""

    @abstractmethod
    def revert(self, w3: Web3, snapshot: Any) -> None: ...

    @abstractmethod
    def travel(self, w3: Web3, seconds: int) -> None:
        """Mine a block ``seconds`` after the latest one."""


class EmbeddedBackend(Backend):
    """The in-process chain: eth-tester on py-evm, nothing to start. Its state lives in this process.

    Its clock is its own: the genesis block is at ``genesis_time`` and each block comes one second
    after its parent (or where :meth:`travel` puts it), whatever the wall clock says.
    """

    def __init__(self, genesis_time: int = PINNED_GENESIS_TIME) -> None:
        from eth_tester import EthereumTester, PyEVMBackend

        _run_py_evm_on_block_time()
        genesis = PyEVMBackend.generate_genesis_params(overrides={"timestamp": genesis_time})
        self.tester = EthereumTester(PyEVMBackend(genesis_parameters=genesis))
        # py-evm estimates gas by binary search, running the transaction 20 times and more;
        # one run at the block gas limit is enough here (the client adds headroom). The chain
        # class is made per backend, and a snapshot revert makes a new chain of the same class.
        chain = self.tester.backend.chain
        type(chain).gas_estimator = staticmethod(_single_run_estimate)
        chain.gas_estimator = _single_run_estimate

    def provider(self) -> BaseProvider:
        from web3 import EthereumTesterProvider

        return EthereumTesterProvider(self.tester)

    def snapshot(self, w3: Web3) -> Any:
        return self.tester.take_snapshot()

    def revert(self, w3: Web3, snapshot: Any) -> None:
        self.tester.revert_to_snapshot(snapshot)

    def travel(self, w3: Web3, seconds: int) -> None:
        if seconds < 1:
            raise NetworkError("time travel needs at least one second")
        # py-evm's own travel, not eth-tester's: that one refuses a target behind the pending block,
        # whose clock runs on wall time after a snapshot revert. It mines one second before the target.
        self.tester.backend.time_travel(self.tester.get_block_by_number("latest")["timestamp"] + seconds + 1)


class RpcBackend(Backend):
    """A node behind a JSON-RPC URL: anvil locally, Besu or any other client in production."""

    batches = True

    def __init__(self, url: str, request_timeout: float = 30.0) -> None:
        self.url = url
        self.request_timeout = request_timeout

    def provider(self) -> BaseProvider:
        from urllib.parse import urlparse

        import requests
        from web3 import HTTPProvider
        from web3.types import RPCEndpoint

        session = requests.Session()
        # a node on this machine needs no proxy: skip reading the proxy settings on every request
        session.trust_env = urlparse(self.url).hostname not in ("127.0.0.1", "localhost", "::1")
        # the chain id, checked on connect, cannot change under a URL: web3's own checks read it from cache
        return HTTPProvider(self.url, request_kwargs={"timeout": self.request_timeout}, session=session,
                            cache_allowed_requests=True, cacheable_requests={RPCEndpoint("eth_chainId")})

    def snapshot(self, w3: Web3) -> Any:
        return self._dev_call(w3, "evm_snapshot", [])

    def revert(self, w3: Web3, snapshot: Any) -> None:
        if not self._dev_call(w3, "evm_revert", [snapshot]):
            raise NetworkError(f"the node at {self.url} could not revert to snapshot {snapshot}")

    def travel(self, w3: Web3, seconds: int) -> None:
        latest = w3.eth.get_block("latest")["timestamp"]
        self._dev_call(w3, "evm_mine", [latest + seconds])

    def _dev_call(self, w3: Web3, method: str, params: list[Any]) -> Any:
        response = w3.provider.make_request(RPCEndpoint(method), params)
        if "error" in response:
            raise NetworkError(f"the node at {self.url} refused {method}: {response['error'].get('message')}")
        return response["result"]


def _run_py_evm_on_block_time() -> None:
    """py-evm stamps a new block with the later of the wall clock and its parent + 1: with no wall
    clock, blocks advance one second each (for every embedded chain of this process)."""
    import eth._utils.headers

    eth._utils.headers.eth_now = lambda: 0


def _single_run_estimate(state: Any, transaction: Any) -> int:
    """Gas for ``transaction``, from one execution at the block gas limit in the common case.

    What a transaction needs is bounded by what it used, plus what the 63/64 rule holds back at
    each level of calls and the 2,300 gas an SSTORE wants left: :func:`_needed`. That bound
    holds while the code's path does not depend on the gas it has, i.e. while it reads the gas
    left only to forward it to a call (``GAS`` then ``CALL``). A contract may read it for itself
    and require more than it uses (``PurchaseLimits`` checks ``gasleft() >= GAS_RESERVE``): only a
    run that did so is checked by a second run at the bound, and when that fails a binary search
    finds the least limit that passes, as a node's estimate does.
    """
    from eth.vm.spoof import SpoofTransaction

    # the state is the estimate's own (a costless copy): its computations may be watched
    state.computation_class, gas_reads = _watching_gas_reads(state.computation_class)

    def run(gas: int) -> Any:
        snapshot = state.snapshot()
        try:
            return state.apply_transaction(SpoofTransaction(transaction, gas=gas, gas_price=0))
        finally:
            state.revert(snapshot)

    computation = run(state.gas_limit)
    if computation.is_error:
        raise computation.error
    estimate: int = min(state.gas_limit, transaction.intrinsic_gas + _needed(computation))
    if not gas_reads or not run(estimate).is_error:
        return estimate
    low, high = estimate, min(state.gas_limit, 2 * estimate)  # low fails
    while run(high).is_error and high < state.gas_limit:
        low, high = high, min(state.gas_limit, 2 * high)
    while high - low > 1_000:
        middle = (low + high) // 2
        low, high = (low, middle) if not run(middle).is_error else (middle, high)
    return int(high)


#: What an SSTORE requires left (EIP-2200), kept as a margin at every level.
_SSTORE_STIPEND = 2_300
_GAS, _CALLS = 0x5A, frozenset({0xF1, 0xF2, 0xF4, 0xFA})  # GAS; CALL, CALLCODE, DELEGATECALL, STATICCALL


def _needed(computation: Any) -> int:
    """Execution gas enough for ``computation``'s path, from its run with more: a frame that calls
    ``levels`` deep needs (used + stipend) * (64/63)^levels (by induction over the calls: a call
    forwards at most 63/64 of what is left, so each level keeps back 1/64 of what the callee needs)."""
    levels = _call_levels(computation)
    return int(-(-(int(computation.get_gas_used()) + _SSTORE_STIPEND) * 64**levels // 63**levels))


def _call_levels(computation: Any) -> int:
    return max((1 + _call_levels(child) for child in computation.children), default=0)


def _watching_gas_reads(computation_class: Any) -> tuple[type, list[int]]:
    """A computation class that notes each ``GAS`` not followed by a call (``gasleft()`` read for itself)."""
    reads: list[int] = []
    read_gas = computation_class.opcodes[_GAS]

    def gas(computation: Any) -> None:
        read_gas(computation=computation)
        code, after = computation.code, computation.code.program_counter
        if after >= len(code) or code[after] not in _CALLS:
            reads.append(after)

    opcodes = {**computation_class.opcodes, _GAS: gas}
    return type(computation_class.__name__, (computation_class,), {"opcodes": opcodes}), reads
