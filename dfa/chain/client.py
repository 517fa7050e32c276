"""The one client every ``dfa`` API drives: web3 over an injected backend.

The same code runs on the embedded chain and on any JSON-RPC node; only the backend differs.
The client checks the chain id on connect, fills nonce, gas and fees, waits for receipts with
a timeout, and turns every refusal into a ``dfa`` exception (see :mod:`dfa.chain.reverts`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any, Callable, Iterator, Sequence, cast

import requests
from eth_abi import encode
from eth_utils import to_checksum_address
from hexbytes import HexBytes
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import TransactionNotFound, Web3Exception
from web3.middleware import ExtraDataToPOAMiddleware
from web3.providers import JSONBaseProvider
from web3.types import RPCEndpoint, TxParams, TxReceipt

from dfa.artifacts import load_artifact
from dfa.chain.backends import Backend, EmbeddedBackend, RpcBackend
from dfa.chain.calls import encode_call
from dfa.chain.network import DEV_CHAIN_IDS, EMBEDDED, FeeMode, NetworkProfile
from dfa.chain.reverts import decode_revert, translated
from dfa.chain.signers import DevAccount, Signer
from dfa.errors import (
    ConfigError,
    NetworkError,
    NetworkMismatchError,
    SignerError,
    TransactionError,
    TransactionFailed,
    TransactionTimeout,
)

log = logging.getLogger(__name__)

# Gas is estimated once per transaction and given this much headroom (state may move between
# estimate and inclusion); estimating is what makes a refusal surface before anything is sent.
GAS_HEADROOM = 1.2
# Receipt polling: the first retry after half a millisecond (a dev node mines at once), doubling up
# to one poll a second (a production network seals a block every few seconds).
FIRST_POLL, LAST_POLL = 0.0005, 1.0


class Client:
    """A connection to one chain, checked against its :class:`NetworkProfile`."""

    def __init__(self, network: NetworkProfile = EMBEDDED, backend: Backend | None = None):
        self.network = network
        if backend is None:
            backend = EmbeddedBackend() if network.rpc_url is None else RpcBackend(network.rpc_url, network.request_timeout)
        self.backend = backend
        self.w3 = Web3(backend.provider())
        if network.poa:
            self.w3.middleware_onion.inject(ExtraDataToPOAMiddleware, layer=0)
        with self._rpc("connect"):
            chain_id = self.w3.eth.chain_id
        if chain_id != network.chain_id:
            raise NetworkMismatchError(
                f"the node at {self.where} reports chain id {chain_id}, the profile {network.name!r} "
                f"expects {network.chain_id}; check the URL or the profile"
            )
        self.chain_id = chain_id

    @classmethod
    def embedded(cls) -> Client:
        """A fresh in-process chain (eth-tester on py-evm): nothing to start, gone with the process."""
        return cls(EMBEDDED)

    @property
    def where(self) -> str:
        return self.network.rpc_url or "embedded chain"

    @property
    def is_dev_chain(self) -> bool:
        return self.network.dev and self.chain_id in DEV_CHAIN_IDS

    # -- accounts ---------------------------------------------------------------------------

    def dev_accounts(self) -> list[DevAccount]:
        """The node's unlocked development accounts; refused unless this is a local dev chain."""
        if not self.is_dev_chain:
            raise SignerError(
                f"development accounts are refused on chain {self.chain_id} ({self.network.name}): it is not a "
                "local development chain; sign with a keystore of your own"
            )
        with self._rpc("eth_accounts"):
            return [DevAccount(a) for a in self.w3.eth.accounts]

    def check_signer(self, signer: Signer) -> None:
        """Refuse a signer whose key is public knowledge unless this is a local dev chain."""
        if signer.well_known and not self.is_dev_chain:
            raise SignerError(
                f"{signer.address} is a well-known development account: anyone can sign for it, so it is "
                f"refused on chain {self.chain_id} ({self.network.name}); use a keystore of your own"
            )

    # -- contracts --------------------------------------------------------------------------

    def contract(self, name: str, address: str) -> Contract:
        """The shipped contract ``name`` at ``address``."""
        return self.w3.eth.contract(address=to_checksum_address(address), abi=load_artifact(name)["abi"])

    def deploy(self, name: str, args: Sequence[Any], signer: Signer, *, gas: int | None = None) -> Contract:
        """Deploy the shipped contract ``name`` with constructor ``args``."""
        artifact = load_artifact(name)
        constructor: dict[str, Any] = next((e for e in artifact["abi"] if e["type"] == "constructor"), {"inputs": []})
        types = [i["type"] for i in constructor["inputs"]]
        data = HexBytes(artifact["bytecode"]) + encode(types, list(args))
        receipt = self.transact(None, data, signer, gas=gas)
        log.info("deployed %s at %s", name, receipt["contractAddress"])
        address = receipt["contractAddress"]
        assert address is not None  # a creation mined with status 1 has its address
        return self.contract(name, address)

    def send(self, contract: Contract, function: str, *args: Any, signer: Signer, gas: int | None = None,
             on_sent: Callable[[str], None] | None = None) -> TxReceipt:
        """Call ``function`` of ``contract`` with ``args`` in a transaction signed by ``signer`` (keyword: the
        signer comes last in every write of ``dfa``, and after ``*args`` only a keyword can)."""
        data = encode_call(contract, function, args)
        return self.transact(contract.address, data, signer, gas=gas, on_sent=on_sent)

    def call(self, contract: Contract, function: str, *args: Any) -> Any:
        """Read ``function`` of ``contract`` at the latest block."""
        with self._rpc(function), translated():
            return contract.functions[function](*args).call()

    def transact(
        self,
        to: str | None,
        data: bytes,
        signer: Signer,
        *,
        gas: int | None = None,
        value: int = 0,
        on_sent: Callable[[str], None] | None = None,
    ) -> TxReceipt:
        """Send a transaction and wait for its receipt.

        A refusal found by the gas estimate raises before anything is sent; a transaction mined
        with status 0 raises the refusal replayed from the block before it. ``on_sent`` learns the
        hash as soon as the node accepted the transaction, before its receipt (a journal that lets
        an interrupted batch resume without sending twice).
        """
        self.check_signer(signer)
        tx: dict[str, Any] = {"from": signer.address, "data": data, "value": value, "chainId": self.chain_id}
        if to is not None:
            tx["to"] = to_checksum_address(to)
        tx.update(self._prepare(signer, tx, gas))
        tx_hash = self._send(signer, tx)
        if on_sent is not None:
            on_sent(tx_hash.to_0x_hex())
        receipt = self._wait(tx_hash)
        if receipt["status"] == 0:
            self._raise_failure(tx, receipt)
        return receipt

    # -- development chain controls ---------------------------------------------------------

    def now(self) -> int:
        """The timestamp of the latest block: the time contracts see."""
        with self._rpc("eth_getBlockByNumber"):
            return int(self.w3.eth.get_block("latest")["timestamp"])

    def travel(self, seconds: int) -> None:
        """Mine a block ``seconds`` later than the latest one (dev chains only)."""
        self._require_dev("time travel")
        self.backend.travel(self.w3, seconds)

    def snapshot(self) -> Any:
        """Remember the chain's state (dev chains only); :meth:`revert` returns to it."""
        self._require_dev("snapshots")
        return self.backend.snapshot(self.w3)

    def revert(self, snapshot: Any) -> None:
        self._require_dev("snapshots")
        self.backend.revert(self.w3, snapshot)

    # -- internals --------------------------------------------------------------------------

    def _require_dev(self, what: str) -> None:
        if not self.is_dev_chain:
            raise ConfigError(f"{what} exist only on a local development chain, not on {self.network.name!r}")

    def _prepare(self, signer: Signer, tx: dict[str, Any], gas: int | None) -> dict[str, int]:
        """Fees, gas and, for a local key, the nonce: read in one round trip where the node takes batches.

        The gas estimate runs the transaction on the latest state: a refusal surfaces here, as its
        typed exception, before anything is sent. The nonce is the node's count every time: a
        dropped transaction, a node restarted from an older state or another process using the
        same key can never leave a gap that stalls the next one.
        """
        eth, mode = self.w3.eth, self.network.fee_mode
        # name -> (the read through web3, the same read as a raw JSON-RPC request)
        reads: dict[str, tuple[Callable[[], Any], tuple[str, list[Any]]]] = {}
        if mode is FeeMode.EIP1559:
            reads["block"] = (lambda: eth.get_block("latest"), ("eth_getBlockByNumber", ["latest", False]))
        if gas is None:
            # without the chain id, which web3 would check with a read of its own
            estimated = {key: value for key, value in tx.items() if key != "chainId"}
            if mode is FeeMode.FREE:
                estimated["gasPrice"] = 0  # a free network's senders hold no ether
            reads["gas"] = (lambda: eth.estimate_gas(cast(TxParams, estimated)), ("eth_estimateGas", [_json_tx(estimated)]))
        if not isinstance(signer, DevAccount):  # a dev account's node picks the nonce itself
            reads["nonce"] = (lambda: eth.get_transaction_count(signer.address, "pending"),
                              ("eth_getTransactionCount", [signer.address, "pending"]))
        with self._rpc("estimate"), translated():
            results = None
            if self.backend.batches and len(reads) > 1:
                results = self._batch({name: request for name, (_, request) in reads.items()})
                if results is None:  # a node that takes no batches: one by one from now on
                    self.backend.batches = False
            if results is None:
                results = {name: read() for name, (read, _) in reads.items()}
        filled: dict[str, int] = {"gas": gas if gas is not None else int(_int(results["gas"]) * GAS_HEADROOM)}
        if "nonce" in results:
            filled["nonce"] = _int(results["nonce"])
        if mode is FeeMode.FREE:
            filled["gasPrice"] = 0
        elif mode is FeeMode.LEGACY:
            with self._rpc("eth_gasPrice"):
                filled["gasPrice"] = eth.gas_price
        else:
            base, tip = _int(results["block"].get("baseFeePerGas", 0)), self.network.priority_fee_wei
            filled.update(maxFeePerGas=2 * base + tip, maxPriorityFeePerGas=tip)
        return filled

    def _batch(self, requests: dict[str, tuple[str, list[Any]]]) -> dict[str, Any] | None:
        """Raw results of several JSON-RPC reads in one round trip (web3's own batching formats
        every call, which costs more than the round trip to a local node); None when the node
        refuses batches. A refused estimate raises the contract's typed error, as web3 would."""
        provider = cast(JSONBaseProvider, self.w3.provider)  # only a JSON-RPC backend takes batches
        responses = provider.make_batch_request([(RPCEndpoint(method), params) for method, params in requests.values()])
        if not isinstance(responses, list):
            log.info("the node at %s refuses batch requests: %s", self.where, responses.get("error"))
            return None
        results = {}
        for (name, (method, _)), response in zip(requests.items(), responses):
            error = response.get("error")
            if error:
                data = error.get("data")
                if isinstance(data, str) and data.startswith("0x") and len(data) > 2:
                    raise decode_revert(bytes.fromhex(data[2:]))
                raise TransactionError(f"the node at {self.where} refused {method}: {error.get('message')}")
            results[name] = response["result"]
        return results

    def _send(self, signer: Signer, tx: dict[str, Any]) -> HexBytes:
        with self._rpc("send"):
            if isinstance(signer, DevAccount):
                return self.w3.eth.send_transaction(cast(TxParams, tx))  # the node signs and picks the nonce
            raw = signer.sign(tx)
            assert raw is not None  # only a dev account leaves signing to the node
            return self.w3.eth.send_raw_transaction(raw)

    def _wait(self, tx_hash: HexBytes) -> TxReceipt:
        """The receipt, polled soon (a dev node mines within milliseconds), then less and less often."""
        deadline = time.monotonic() + self.network.receipt_timeout
        pause = FIRST_POLL
        while True:
            with self._rpc("receipt"):
                try:
                    return self.w3.eth.get_transaction_receipt(tx_hash)
                except TransactionNotFound:
                    pass
            if time.monotonic() >= deadline:
                raise TransactionTimeout(
                    f"no receipt for {tx_hash.to_0x_hex()} after {self.network.receipt_timeout:.0f}s; it may still "
                    "be mined: look it up before sending again",
                    tx_hash.to_0x_hex(),
                )
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, LAST_POLL)

    def _raise_failure(self, tx: dict[str, Any], receipt: TxReceipt) -> None:
        tx_hash = receipt["transactionHash"].to_0x_hex()
        if receipt["gasUsed"] >= tx["gas"]:
            raise TransactionFailed(
                f"transaction {tx_hash} ran out of gas (limit {tx['gas']}); send it again with more gas", tx_hash
            )
        # The receipt has no reason: replay the call on the state just before its block.
        replay = {k: tx[k] for k in ("from", "to", "data", "value", "gas") if k in tx}
        with self._rpc("replay"), translated(tx_hash):
            self.w3.eth.call(cast(TxParams, replay), receipt["blockNumber"] - 1)
        raise TransactionFailed(f"transaction {tx_hash} failed, and its replay gives no reason", tx_hash)

    @contextlib.contextmanager
    def _rpc(self, what: str) -> Iterator[None]:
        """Node unreachable or misbehaving -> NetworkError; a refused send -> TransactionError."""
        try:
            yield
        except (requests.ConnectionError, requests.Timeout) as error:
            # the library's own words: the HTTP stack's text names pools and sockets, not the problem
            why = "it did not answer in time" if isinstance(error, requests.Timeout) else "nothing answers there"
            raise NetworkError(f"cannot reach the node at {self.where} ({what}): {why}") from error
        except (TransactionError, NetworkError, SignerError, ConfigError):
            raise
        except Web3Exception as error:
            raise TransactionError(f"the node at {self.where} refused {what}: {error}") from None


def _json_tx(tx: dict[str, Any]) -> dict[str, Any]:
    """A transaction as JSON-RPC takes it: hex quantities and data."""
    return {key: (hex(value) if isinstance(value, int) else HexBytes(value).to_0x_hex() if key == "data" else value)
            for key, value in tx.items()}


def _int(value: Any) -> int:
    """A JSON-RPC quantity (hex string) or a number web3 already decoded."""
    return int(value, 16) if isinstance(value, str) else int(value)
