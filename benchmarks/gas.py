"""Gas of each scenario, from receipts, for the floor, T-REX and dfa on one chain.

The three systems get the same people and the same rules: investors resident in Kazakhstan
(398), tokens admitting Kazakhstan and Germany, refusing the United States, with a maximum
balance. dfa also checks KYC expiry and category on every transfer (T-REX has no such rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from eth_account import Account

from benchmarks.onchain import Deployed, floor_artifact
from benchmarks.trex import Trex
from benchmarks.market import Market, funded_signers
from dfa import Client
from dfa.enforcement import Enforcement
from dfa.issuer import Rules
from dfa.operator import PurchaseLimits

KZ, DE, US = 398, 276, 840
MAX_BALANCE = 10**12


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str


DEPLOY = Scenario("deploy", "deploy a token with its rules")
ONBOARD_ONE = Scenario("onboard_one", "onboard one investor")
ONBOARD_BATCH = Scenario("onboard_batch", "onboard, per investor in a batch")
MINT_NEW = Scenario("mint_new", "mint to a new holder")
TRANSFER_NEW = Scenario("transfer_new", "transfer to a new holder (identity checks)")
TRANSFER_EXISTING = Scenario("transfer_existing", "transfer to an existing holder (identity checks)")
RULED_NEW = Scenario("ruled_transfer_new", "transfer to a new holder (+ country, category, max balance)")
RULED_EXISTING = Scenario("ruled_transfer_existing", "transfer to an existing holder (+ country, category, max balance)")
LIMITED = Scenario("limited_acquisition", "acquisition under the rolling purchase limit")
LIMITED_LATER = Scenario("limited_acquisition_later", "the same after many past acquisitions")
FREEZE = Scenario("freeze", "freeze a wallet")
FORCED = Scenario("forced_transfer", "forced transfer")
BATCH = Scenario("batch_transfer_10", "batch transfer to 10 existing holders")
GAS_SCENARIOS = (DEPLOY, ONBOARD_ONE, ONBOARD_BATCH, MINT_NEW, TRANSFER_NEW, TRANSFER_EXISTING, RULED_NEW,
                 RULED_EXISTING, LIMITED, LIMITED_LATER, FREEZE, FORCED, BATCH)


def measure_floor(client: Client) -> dict[str, int]:
    minter = client.dev_accounts()[0]
    a, b, c = funded_signers(client, 3)
    token, receipt = Deployed.deploy(client, floor_artifact(), (minter.address,), minter)
    gas = {DEPLOY.key: receipt["gasUsed"]}
    gas[MINT_NEW.key] = token.send(minter, "mint", a.address, 10**6)["gasUsed"]
    gas[TRANSFER_NEW.key] = token.send(a, "transfer", b.address, 10)["gasUsed"]
    gas[TRANSFER_EXISTING.key] = token.send(a, "transfer", b.address, 10)["gasUsed"]
    gas[RULED_NEW.key] = token.send(a, "transfer", c.address, 10)["gasUsed"]
    gas[RULED_EXISTING.key] = token.send(a, "transfer", c.address, 10)["gasUsed"]
    gas[LIMITED.key] = gas[LIMITED_LATER.key] = gas[TRANSFER_EXISTING.key]  # no limit to keep: a plain transfer
    return gas


def measure_trex(client: Client, batch: int) -> dict[str, int]:
    owner = client.dev_accounts()[0]
    trex = Trex(client, owner)
    holders = funded_signers(client, 3)
    receivers = [Account.create().address for _ in range(10)]
    plain = trex.deploy_token("plain")
    ruled = trex.deploy_token("ruled", allowed=(KZ, DE), denied=(US,), max_balance=MAX_BALANCE)
    gas = {DEPLOY.key: ruled.deploy_receipt["gasUsed"]}
    gas[ONBOARD_ONE.key] = _total(trex.onboard(plain, holders[0].address, KZ))
    wallets = [Account.create().address for _ in range(batch)]
    gas[ONBOARD_BATCH.key] = _total(trex.onboard_batch(plain, wallets, KZ)) // batch
    for holder in holders[1:]:
        trex.onboard(plain, holder.address, KZ)
    for wallet in receivers:
        trex.onboard(plain, wallet, KZ)
    for holder in holders:  # each suite has its own identity storage: the same identities join the ruled one
        identity = plain.identity_registry.call("identity", holder.address)
        ruled.identity_registry.send(owner, "registerIdentity", holder.address, identity, KZ)
    gas[MINT_NEW.key] = plain.token.send(owner, "mint", holders[0].address, 10**6)["gasUsed"]
    gas[TRANSFER_NEW.key] = plain.token.send(holders[0], "transfer", holders[1].address, 10)["gasUsed"]
    gas[TRANSFER_EXISTING.key] = plain.token.send(holders[0], "transfer", holders[1].address, 10)["gasUsed"]
    ruled.token.send(owner, "mint", holders[0].address, 10**6)
    gas[RULED_NEW.key] = ruled.token.send(holders[0], "transfer", holders[2].address, 10)["gasUsed"]
    gas[RULED_EXISTING.key] = ruled.token.send(holders[0], "transfer", holders[2].address, 10)["gasUsed"]
    gas[FREEZE.key] = plain.token.send(owner, "setAddressFrozen", holders[2].address, True)["gasUsed"]
    gas[FORCED.key] = plain.token.send(owner, "forcedTransfer", holders[0].address, holders[1].address, 5)["gasUsed"]
    for wallet in receivers:
        plain.token.send(owner, "mint", wallet, 1)
    gas[BATCH.key] = plain.token.send(holders[0], "batchTransfer", receivers, [1] * 10)["gasUsed"]
    return gas


def measure_dfa(client: Client, batch: int, past_acquisitions: int) -> dict[str, int]:
    market = Market.open(client)
    registry, registrar, agent = market.registry, market.registrar, market.agent
    holders = funded_signers(client, 3)
    receivers = [Account.create().address for _ in range(10)]
    gas = {ONBOARD_ONE.key: registry.register(market.investor(holders[0].address), registrar)["gasUsed"]}
    wallets = [Account.create().address for _ in range(batch)]
    gas[ONBOARD_BATCH.key] = registry.register_many([market.investor(w) for w in wallets], registrar)["gasUsed"] // batch
    registry.register_many([market.investor(h.address) for h in holders[1:]] +
                           [market.investor(w) for w in receivers], registrar)

    plain = market.issue(market.spec("PLAIN"))
    ruled_spec = market.spec("RULED", rules=Rules(categories=["retail", "qualified"], allowed_countries=["KZ", "DE"],
                                                  denied_countries=["US"], max_balance=MAX_BALANCE))
    block = client.w3.eth.block_number
    ruled = market.issue(ruled_spec)
    gas[DEPLOY.key] = int(client.w3.eth.get_block(block + 1)["gasUsed"])  # the factory's one transaction
    gas[MINT_NEW.key] = plain.allocate("D-1", holders[0].address, "1000000", agent)["gasUsed"]
    gas[TRANSFER_NEW.key] = plain.transfer(holders[1].address, "10", holders[0])["gasUsed"]
    gas[TRANSFER_EXISTING.key] = plain.transfer(holders[1].address, "10", holders[0])["gasUsed"]
    ruled.allocate("D-1", holders[0].address, "1000000", agent)
    gas[RULED_NEW.key] = ruled.transfer(holders[2].address, "10", holders[0])["gasUsed"]
    gas[RULED_EXISTING.key] = ruled.transfer(holders[2].address, "10", holders[0])["gasUsed"]

    enforcement = Enforcement(plain)
    gas[FREEZE.key] = enforcement.freeze_wallet(holders[2].address, "Case 1", market.enforcer)["gasUsed"]
    gas[FORCED.key] = enforcement.forced_transfer(holders[0].address, holders[1].address, "5", "Case 2",
                                                  market.enforcer)["gasUsed"]
    plain.allocate_many("D-1", [(wallet, "1") for wallet in receivers], agent)
    gas[BATCH.key] = plain.transfer_many([(wallet, "1") for wallet in receivers], holders[0])["gasUsed"]
    # last: once the operator names its limits, every token of the operator applies them
    limits = PurchaseLimits.deploy(client, market.factory, market.operator)
    limits.set_limit("retail", "1000000000", "USD", 30, market.operator)
    market.registry.set_purchase_limits(limits, market.operator)
    limited = market.issue(market.spec("LIMIT"))
    limits.set_price_bounds(limited, "0.50", "2.00", "USD", 30 * 86400, market.operator)
    limited.set_reference_price("1.00", "USD", client.dev_accounts()[8])
    for holder in holders[:2]:  # the receivers agree to what is pushed to them (a standing consent)
        limited.consent_to_acquire("any", holder)
    limited.allocate("D-1", holders[0].address, "1000000", agent)
    limited.allocate("D-1", holders[1].address, "1", agent)
    gas[LIMITED.key] = limited.transfer(holders[1].address, "10", holders[0])["gasUsed"]
    for start in range(0, past_acquisitions, 100):
        limited.allocate_many("D-1", [(holders[1].address, "1")] * min(100, past_acquisitions - start), agent)
    gas[LIMITED_LATER.key] = limited.transfer(holders[1].address, "10", holders[0])["gasUsed"]
    return gas


def _total(receipts) -> int:
    return sum(r["gasUsed"] for r in receipts)
