"""Gas of each dfa operation, from receipts, on the embedded chain (or ``--rpc`` a dev node).

    python scripts/gas.py            # a table for people
    python scripts/gas.py --json     # one JSON object, operation -> gas

The benchmark (issue 6) sets these beside ERC-3643/T-REX and a plain ERC-20; this script only
measures dfa, independently of the tests.
"""

from __future__ import annotations

import argparse
import json
import sys

from eth_account import Account

from dfa import Client, InvestorRegistry, LicenseRegistry, LicenseTerms, NetworkProfile, NewInvestor, investor_id
from dfa.chain.signers import KeySigner
from dfa.enforcement import Enforcement
from dfa.issuer import DecisionSpec, DenyRule, Rules, TokenFactory, TokenSpec
from dfa.operator import PurchaseLimits
from dfa.table import format_table

DAY = 24 * 3600
SALT = "gas-script-salt-0123456789"


def measure(client: Client) -> dict[str, int]:
    gas: dict[str, int] = {}
    dev = client.dev_accounts()
    regulator, operator, registrar, admin, agent, compliance = dev[:6]
    now = client.now()

    licenses = LicenseRegistry.deploy(client, regulator)
    receipt = licenses.grant(LicenseTerms(operator=operator.address, license_id="CB-1", operator_name="Op",
                                          scopes="issuance,investor_registry", expires_at=now + 365 * DAY), regulator)
    gas["licence: grant"] = receipt["gasUsed"]
    registry = InvestorRegistry.deploy(client, licenses, operator)
    registry.add_registrar(registrar.address, operator)

    holders = [KeySigner(Account.create()) for _ in range(4)]
    for holder in holders:
        client.transact(dev[9], holder.address, b"", value=10**18)

    def investor(n: int, wallet: str, **profile) -> NewInvestor:
        fields = dict(category="retail", kind="individual", country="KZ", residency="KZ",
                      kyc_valid_until=now + 365 * DAY)
        fields.update(profile)
        return NewInvestor(investor_id=investor_id(f"gas-{n}", SALT), wallet=wallet, **fields)

    gas["registry: onboard one investor"] = registry.register(investor(0, holders[0].address), registrar)["gasUsed"]
    batch = [investor(100 + n, Account.create().address) for n in range(100)]
    gas["registry: onboard, per investor in a batch of 100"] = registry.register_many(batch, registrar)["gasUsed"] // 100
    for n, holder in enumerate(holders[1:], start=1):
        registry.register(investor(n, holder.address, category="qualified"), registrar)

    factory = TokenFactory.deploy(client, licenses, regulator)
    roles = dict(admin=admin.address, issuer_agent=agent.address, compliance_agent=compliance.address,
                 enforcement_agent=dev[6].address, document_manager=dev[7].address)
    spec = TokenSpec(name="Gas Bond", symbol="GAS", decimals=2, asset_class="debt", jurisdiction="KZ", roles=roles,
                     documents=[{"name": "terms", "uri": "https://example.kz/terms", "hash": "0x" + "11" * 32}])
    receipt_block = client.w3.eth.block_number
    token = factory.create_token(spec, registry, operator)
    gas["token: create through the factory (clone + rules + 1 document)"] = _gas_of_block(client, receipt_block + 1)
    decision = DecisionSpec(decision_id="D-1", document_hash="0x" + "22" * 32, cap="1000000", price="1.00",
                            currency="USD", subscription_start=now, subscription_end=now + 30 * DAY)
    gas["token: publish a decision"] = token.publish_decision(decision, admin)["gasUsed"]
    gas["token: allocate to a new holder"] = token.allocate("D-1", holders[0].address, "1000", agent)["gasUsed"]
    gas["token: allocate to an existing holder"] = token.allocate("D-1", holders[0].address, "1000", agent)["gasUsed"]
    gas["token: transfer to a new holder (identity checks)"] = token.transfer(holders[0], holders[1].address,
                                                                              "10")["gasUsed"]
    gas["token: transfer to an existing holder (identity checks)"] = token.transfer(holders[0], holders[1].address,
                                                                                    "10")["gasUsed"]
    token.set_rules(Rules(categories=["retail", "qualified"], allowed_countries=["KZ", "DE"],
                          denied_countries=["US"], deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"],
                                                                        exempt_flags=["licensed_miner"])]),
                    compliance)
    gas["token: transfer to an existing holder (category, country, pilot rule)"] = token.transfer(
        holders[0], holders[1].address, "10")["gasUsed"]
    gas["token: redeem"] = token.redeem(holders[1].address, "5", agent)["gasUsed"]

    # the same token family with the operator's rolling fiat purchase limit active
    limits = PurchaseLimits.deploy(client, factory, operator)
    limits.set_limit("retail", "100000000", "USD", 30, operator)
    limited = factory.create_token(spec.replace(symbol="GASL"), registry, operator, purchase_limits=limits)
    limited.publish_decision(decision.replace(decision_id="D-2"), admin)
    limited.set_reference_price("1.00", "USD", agent)
    gas["limits: allocate to a limited investor"] = limited.allocate("D-2", holders[0].address, "1000", agent)["gasUsed"]
    limited.allocate("D-2", holders[1].address, "1000", agent)
    registry.update(investor_id("gas-1", SALT), registry.investor_of(holders[1].address).profile().replace(
        category="retail"), registrar)
    gas["limits: transfer to an existing limited holder"] = limited.transfer(holders[0], holders[1].address,
                                                                             "10")["gasUsed"]
    for _ in range(3):
        limited.allocate_many("D-2", [(holders[1].address, "1")] * 100, agent)
    gas["limits: the same after 300 more acquisitions"] = limited.transfer(holders[0], holders[1].address,
                                                                           "10")["gasUsed"]
    enforcement = Enforcement(limited)
    gas["enforcement: freeze a wallet"] = enforcement.freeze_wallet(holders[2].address, "Case 1",
                                                                    dev[6])["gasUsed"]
    gas["enforcement: forced transfer"] = enforcement.forced_transfer(holders[0].address, holders[1].address, "5",
                                                                      "Case 2", dev[6])["gasUsed"]
    return gas


def _gas_of_block(client: Client, number: int) -> int:
    return int(client.w3.eth.get_block(number)["gasUsed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rpc", help="JSON-RPC URL of a local dev node (default: the embedded chain)")
    parser.add_argument("--chain-id", type=int, default=31337)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    client = (Client(NetworkProfile(name="local", chain_id=args.chain_id, rpc_url=args.rpc, dev=True))
              if args.rpc else Client.embedded())
    gas = measure(client)
    if args.json:
        print(json.dumps(gas, indent=1))
    else:
        print(format_table(("operation", "gas"), [(name, f"{value:,}") for name, value in gas.items()], right=(1,)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
