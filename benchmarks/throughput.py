"""Python throughput through the dfa API, each against a raw-web3 baseline measured in the same run.

- transfers: ``DFAToken.transfer`` (its estimate is the pre-check; gas, nonce and fees from the
  node; the receipt) against raw web3 sending the same transfer, signed locally with preset gas,
  fees and nonce; one of each in turn, the median of each reported;
- onboarding from a CSV: ``read_investors`` + ``InvestorRegistry.onboard`` against raw web3
  sending the same ``registerInvestors`` batches with preset gas;
- the register extract after twice as many transfers as holders: ``register_extract`` against
  one raw ``eth_getLogs`` of the Transfer events summed per wallet.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from eth_account import Account
from eth_utils import keccak

from benchmarks.market import SALT, Market, funded_signers
from dfa.chain.client import Client
from dfa.cli.commands.operator import read_investors
from dfa.register import register_extract


@dataclass(frozen=True)
class Sizes:
    transfers: int  # per system, alternating one by one
    investors: int  # onboarded from the CSV (and again by the baseline)
    holders: int  # in the register extract, after 2x as many transfers
    past_acquisitions: int  # before the second purchase-limited acquisition (gas)
    embedded_share: int  # the embedded chain (py-evm, ~20x slower) runs counts / this


SHORT = Sizes(transfers=20, investors=200, holders=100, past_acquisitions=200, embedded_share=1)
FULL = Sizes(transfers=200, investors=10_000, holders=10_000, past_acquisitions=1_000, embedded_share=10)


@dataclass(frozen=True)
class TimeScenario:
    key: str
    title: str
    baseline: str


TRANSFERS = TimeScenario("transfer_api", "a compliant transfer (median seconds)", "raw web3, preset gas")
ONBOARD = TimeScenario("onboard", "onboarding investors from a CSV", "raw web3 batches, preset gas")
EXTRACT = TimeScenario("extract", "register extract of holders, after 2 transfers each", "raw eth_getLogs, summed")
TIME_SCENARIOS = (TRANSFERS, ONBOARD, EXTRACT)

TRANSFER_TOPIC = keccak(text="Transfer(address,address,uint256)")


def measure(client: Client, sizes: Sizes) -> dict[str, dict[str, float]]:
    share = sizes.embedded_share if client.network.embedded else 1
    market = Market.open(client)
    return {
        TRANSFERS.key: _transfers(market, sizes.transfers),
        ONBOARD.key: _onboarding(market, sizes.investors // share),
        EXTRACT.key: _extract(market, sizes.holders // share),
    }


def _transfers(market: Market, number: int) -> dict[str, float]:
    client = market.client
    sender, receiver = funded_signers(client, 2)
    market.registry.register_many([market.investor(sender.address), market.investor(receiver.address)],
                                  market.registrar)
    token = market.issue(market.spec("SPEED"))
    token.allocate("D-1", sender.address, "1000000", market.agent)
    token.transfer(receiver.address, "1", sender)  # both hold: every timed transfer is alike
    data = token._encode("transfer", receiver.address, 1)
    gas = int(token.transfer(receiver.address, "1", sender)["gasUsed"] * 1.2)
    nonce = client.w3.eth.get_transaction_count(sender.address)
    base_fee = client.w3.eth.get_block("latest")["baseFeePerGas"]
    fees = {"maxFeePerGas": 4 * base_fee + 10**9, "maxPriorityFeePerGas": 10**9}  # preset too

    def raw() -> None:
        nonlocal nonce
        tx = {"to": token.address, "data": data, "gas": gas, "nonce": nonce, "chainId": client.chain_id, **fees}
        tx_hash = client.w3.eth.send_raw_transaction(sender.sign(tx))
        client.w3.eth.wait_for_transaction_receipt(tx_hash, poll_latency=0.002)
        nonce += 1

    def api() -> None:
        nonlocal nonce
        token.transfer(receiver.address, "1", sender)
        nonce += 1

    # each transfer timed alone, the two kinds alternating: the medians shrug off a pause of the machine
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(number):
        for kind, run in enumerate((raw, api)):
            started = time.perf_counter()
            run()
            times[kind].append(time.perf_counter() - started)
    return {"baseline": statistics.median(times[0]), "dfa": statistics.median(times[1]), "count": number}


def _onboarding(market: Market, number: int) -> dict[str, float]:
    registry, registrar = market.registry, market.registrar
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "investors.csv"
        _write_csv(path, number, time.strftime("%Y-%m-%d", time.gmtime(market.client.now() + 365 * 24 * 3600)))
        started = time.perf_counter()
        investors = read_investors(str(path), SALT)
        registered, _ = registry.onboard(investors, registrar)
        dfa = time.perf_counter() - started
    assert registered == number, f"onboarded {registered} of {number}"

    others = [market.investor(Account.create().address) for _ in range(number)]
    batches = [others[i:i + registry.max_batch] for i in range(0, number, registry.max_batch)]
    calls = [registry._encode("registerInvestors", [bytes.fromhex(i.investor_id[2:]) for i in b],
                              [i.wallet for i in b], [i.as_tuple() for i in b]) for b in batches]
    gas = int(registry.register_many([market.investor(Account.create().address)
                                      for _ in range(registry.max_batch)], registrar)["gasUsed"] * 1.2)
    started = time.perf_counter()
    for data in calls:
        tx_hash = market.client.w3.eth.send_transaction({"from": registrar.address, "to": registry.address,
                                                          "data": data, "gas": gas})
        market.client.w3.eth.wait_for_transaction_receipt(tx_hash, poll_latency=0.002)
    baseline = time.perf_counter() - started
    return {"baseline": baseline, "dfa": dfa, "count": number}


def _extract(market: Market, holders: int) -> dict[str, float]:
    client, registry = market.client, market.registry
    distributor = funded_signers(client, 1)[0]
    wallets = [Account.create().address for _ in range(holders)]
    registry.onboard([market.investor(distributor.address)] + [market.investor(w) for w in wallets],
                     market.registrar)
    token = market.issue(market.spec("REG"))
    token.allocate("D-1", distributor.address, str(10 * holders), market.agent)
    transfers = [w for w in wallets for _ in range(2)]
    for start in range(0, len(transfers), 100):  # set-up, not timed: no pre-checks
        calls = [token._encode("transfer", w, 1) for w in transfers[start:start + 100]]
        token._send(distributor, "multicall", calls)

    started = time.perf_counter()
    extract = register_extract(token)
    dfa = time.perf_counter() - started
    assert len(extract.holders) == holders + 1, f"{len(extract.holders)} holders in the extract"

    started = time.perf_counter()
    balances: dict[bytes, int] = {}
    for log in client.w3.eth.get_logs({"address": token.address, "topics": [TRANSFER_TOPIC],
                                       "fromBlock": 0, "toBlock": "latest"}):
        value = int.from_bytes(log["data"], "big")
        balances[log["topics"][1][12:]] = balances.get(log["topics"][1][12:], 0) - value
        balances[log["topics"][2][12:]] = balances.get(log["topics"][2][12:], 0) + value
    baseline = time.perf_counter() - started
    return {"baseline": baseline, "dfa": dfa, "count": holders}


def _write_csv(path: Path, number: int, kyc_valid_until: str) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["reference", "wallet", "category", "kind", "country", "residency", "kyc_valid_until"])
        for n in range(number):
            writer.writerow([f"csv-person-{n}", Account.create().address, "retail", "individual", "KZ", "KZ",
                             kyc_valid_until])
