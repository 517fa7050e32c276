"""Deploying and driving contracts that are not dfa's: the floor token and the T-REX suite.

Their artifacts come from ``node_modules`` (T-REX and ONCHAINID ship compiled Hardhat
artifacts) or are compiled here with dfa's own pinned compiler and settings (the floor).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from eth_abi import encode
from hexbytes import HexBytes
from web3.contract import Contract
from web3.types import TxReceipt

from dfa.build import NODE_MODULES, artifacts_from, collect_sources, compile_standard, standard_input
from dfa.chain.calls import abi_type, encode_call
from dfa.chain.client import Client
from dfa.chain.signers import Signer

FLOOR_CONTRACTS = Path(__file__).resolve().parent / "contracts"


@cache
def npm_artifact(package: str, contract: str) -> dict[str, Any]:
    """The Hardhat artifact of ``contract`` shipped by the npm ``package`` (found by contract name)."""
    root = NODE_MODULES / package / "artifacts" / "contracts"
    found = [p for p in root.rglob(f"{contract}.json") if p.parent.name == f"{contract}.sol"]
    if len(found) != 1:
        raise FileNotFoundError(f"{contract} in {package}: found {len(found)} artifacts; run `npm ci`")
    return json.loads(found[0].read_text())


@cache
def floor_artifact() -> dict[str, Any]:
    """The floor token, compiled now with dfa's pinned compiler and settings."""
    input_json = standard_input(collect_sources(FLOOR_CONTRACTS))
    long_version, output = compile_standard(input_json)
    return artifacts_from(long_version, input_json, output)["FloorToken"]


class Deployed:
    """One deployed contract: sends return receipts (gas from the receipt), calls return values."""

    def __init__(self, client: Client, contract: Contract):
        self.client = client
        self.contract = contract
        self.address = contract.address

    @classmethod
    def deploy(cls, client: Client, artifact: dict[str, Any], args: list | tuple, signer: Signer) -> tuple[Deployed, TxReceipt]:
        constructor = next((e for e in artifact["abi"] if e["type"] == "constructor"), {"inputs": []})
        data = HexBytes(artifact["bytecode"]) + encode([abi_type(i) for i in constructor["inputs"]], list(args))
        receipt = client.transact(None, data, signer)
        return cls.at(client, artifact, receipt["contractAddress"]), receipt

    @classmethod
    def at(cls, client: Client, artifact: dict[str, Any], address: str) -> Deployed:
        return cls(client, client.w3.eth.contract(address=address, abi=artifact["abi"]))

    def send(self, signer: Signer, function: str, *args: Any, gas: int | None = None) -> TxReceipt:
        return self.client.send(self.contract, function, *args, signer=signer, gas=gas)

    def call(self, function: str, *args: Any) -> Any:
        return self.client.call(self.contract, function, *args)

    def encode(self, function: str, *args: Any) -> bytes:
        return encode_call(self.contract, function, args)
