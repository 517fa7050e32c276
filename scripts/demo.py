"""The regime of the study on a chain: licensed operators, verified investors, a bond under the rules.

Runs on the embedded chain by default (nothing to start); ``--rpc URL --chain-id N`` runs it on a
node, e.g. a local anvil. Every refusal the rules call for is shown with its reason, and checked:
the demo fails if a rule lets through what it must refuse.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

from eth_account import Account

from dfa import (
    Client,
    DFAError,
    InvestorRegistry,
    LicenseRegistry,
    LicenseTerms,
    NetworkProfile,
    NewInvestor,
    Scope,
    errors,
    investor_id,
)
from dfa import restrictions
from dfa.chain.signers import KeySigner
from dfa.enforcement import Enforcement
from dfa.operator import PurchaseLimits
from dfa.register import register_extract
from dfa.issuer import DecisionSpec, DenyRule, DocumentSpec, Rules, TokenFactory, TokenSpec
from dfa.models import InvalidInput
from dfa.table import format_table
from dfa.types import country_name, format_amount, format_timestamp

DAY = 24 * 3600
SALT = "demo-registrar-salt-keep-me-secret"  # a real registrar keeps its salt out of code


def step(title: str) -> None:
    print(f"\n== {title}")


def refused(what: str, expected: type[DFAError], action: Callable[[], object]) -> DFAError:
    """Run ``action``; it must be refused with ``expected``, or the demo fails."""
    try:
        action()
    except expected as refusal:
        sent = " (nothing was sent)" if not getattr(refusal, "sent", False) else ""
        # a rule's refusal in words; the exception also carries the parties and the amount in base units
        reason = restrictions.explain(refusal.code) if isinstance(refusal, restrictions.TransferRestricted) else refusal
        print(f"  refused: {what}\n    -> {type(refusal).__name__}: {reason}{sent}")
        return refusal
    raise SystemExit(f"demo failed: {what} was not refused with {expected.__name__}")


def run(client: Client, csv_dir: str | None = None) -> dict:
    regulator, operator_a, operator_b, registrar, outsider, *issuer_staff = client.dev_accounts()[:10]
    wallets = [KeySigner(Account.create()) for _ in range(8)]  # investors' own keys
    now = client.now()

    step("The regulator keeps the register of licensed operators")
    licenses = LicenseRegistry.deploy(client, regulator)
    for operator, number, name, scopes in (
        (operator_a, "CB-DFA-0001", "Alpha Digital Assets JSC", Scope.ISSUANCE | Scope.INVESTOR_REGISTRY),
        (operator_b, "CB-DFA-0002", "Beta Exchange LLC", Scope.SETTLEMENT),
    ):
        licenses.grant(LicenseTerms(operator=operator.address, license_id=number, operator_name=name,
                                    scopes=scopes, expires_at=now + 3 * 365 * DAY), regulator)
        print(f"  licensed {name}: {licenses.license(operator.address)}")

    step("Operator A keeps an investor registry; its registrar onboards investors")
    registry = InvestorRegistry.deploy(client, licenses, operator_a)
    registry.add_registrar(registrar.address, operator_a)
    people = [
        ("Retail KZ individual", "retail", "individual", "KZ", "KZ", 365, ()),
        ("Qualified KZ individual", "qualified", "individual", "KZ", "KZ", 365, ()),
        ("Non-resident retail", "retail", "individual", "DE", "DE", 180, ()),
        ("KZ company", "professional", "legal_entity", "KZ", "KZ", 365, ()),
        ("KZ licensed miner", "professional", "legal_entity", "KZ", "KZ", 365, ("licensed_miner",)),
    ]
    onboarded = []
    for n, (label, category, kind, country, residency, kyc_days, flags) in enumerate(people):
        onboarded.append((label, NewInvestor(
            investor_id=investor_id(f"client-{n + 1:04d}", SALT), wallet=wallets[n].address,
            category=category, kind=kind, country=country, residency=residency,
            kyc_valid_until=now + kyc_days * DAY, flags=list(flags))))
    receipt = registry.register_many([new for _, new in onboarded], registrar)
    print(f"  {len(onboarded)} investors registered in one batch ({receipt['gasUsed']:,} gas)")
    registry.add_wallet(onboarded[1][1].investor_id, wallets[5].address, registrar)
    print(f"  a second wallet added for the {onboarded[1][0]}")

    step("The rules refuse what they must")
    first = onboarded[0][1]
    refused("a wallet that already belongs to another investor", errors.RegistryWalletTaken,
            lambda: registry.register(first.replace(investor_id=investor_id("client-9999", SALT)),
                                      registrar))
    refused("an investor whose KYC has expired", errors.ValidationError,
            lambda: registry.register(NewInvestor(investor_id=investor_id("client-0100", SALT),
                                                  wallet=wallets[6].address, category="retail", kind="individual",
                                                  country="KZ", residency="KZ", kyc_valid_until=now - DAY),
                                      registrar))
    refused("an unknown country", InvalidInput,
            lambda: NewInvestor(investor_id=investor_id("client-0101", SALT), wallet=wallets[6].address,
                                category="retail", kind="individual", country="XX", residency="KZ",
                                kyc_valid_until=now + DAY))
    refused("an outsider writing to the registry", errors.AccessControlUnauthorizedAccount,
            lambda: registry.suspend(first.investor_id, "no authority", outsider))
    registry_b = InvestorRegistry.deploy(client, licenses, operator_b)
    registry_b.add_registrar(registrar.address, operator_b)
    refused("operator B (licensed for settlement only) keeping a registry", errors.RegistryOperatorNotLicensed,
            lambda: registry_b.register(onboarded[0][1].replace(wallet=wallets[6].address),
                                        registrar))

    step("The regulator suspends operator A: its registry is frozen until reinstated")
    licenses.suspend(operator_a.address, "Order 2026/17", regulator)
    refused("a registry write under a suspended licence", errors.RegistryOperatorNotLicensed,
            lambda: registry.suspend(first.investor_id, "AML review", registrar))
    licenses.reinstate(operator_a.address, regulator)
    registry.suspend(first.investor_id, "AML review 2026-04", registrar)
    print(f"  licence reinstated; the {onboarded[0][0]} is suspended for an AML review")

    step("200 days pass: the non-resident's 180-day KYC has expired")
    client.travel(200 * DAY)
    expired = onboarded[2][1]
    print(f"  {onboarded[2][0]} verified: {registry.is_verified(expired.wallet)}")
    if registry.is_verified(expired.wallet):
        raise SystemExit("demo failed: an expired KYC still verifies")

    step("Operator A issues a bond for an issuer, under a published decision")
    factory = TokenFactory.deploy(client, licenses, operator_a)
    admin, agent, compliance, enforcement, documents = issuer_staff
    bond = TokenSpec(
        name="Steppe Green Bond 2029", symbol="SGB29", decimals=2, asset_class="debt", jurisdiction="KZ",
        roles=dict(admin=admin.address, issuer_agent=agent.address, compliance_agent=compliance.address,
                   enforcement_agent=enforcement.address, document_manager=documents.address),
        rules=Rules(deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"], exempt_flags=["licensed_miner"])]),
        documents=[DocumentSpec(name="terms", uri="https://issuer.example.kz/sgb29/terms.pdf",
                                hash="0x" + "5a" * 32)],
        decision=DecisionSpec(decision_id="SGB29-2026-01", document_hash="0x" + "7e" * 32, cap="1000000",
                              min_subscription="100", price="1.00", currency="USD",
                              subscription_start=client.now(), subscription_end=client.now() + 30 * DAY),
    )
    token = factory.create_token(bond, registry, operator_a, admin=admin)
    print(f"  {bond.symbol} deployed at {token.address} (a clone: {factory.address} keeps the record)")
    print("  rule: resident legal entities may not hold, licensed miners excepted (the Astana pilot)")
    refused("operator B (no issuance licence) creating a token", errors.FactoryOperatorNotLicensed,
            lambda: factory.create_token(bond.replace(symbol="SGB30", decision=None), registry_b, operator_b))
    decision = "SGB29-2026-01"
    token.allocate(decision, wallets[1].address, "5000", agent)
    token.allocate(decision, wallets[4].address, "10000", agent)
    print(f"  allocated 5,000.00 to the {onboarded[1][0]} and 10,000.00 to the {onboarded[4][0]}")
    refused("an allocation to a resident company", restrictions.ReceiverDeniedByRule,
            lambda: token.allocate(decision, onboarded[3][1].wallet, "1000", agent))
    refused("an allocation to an investor whose KYC expired", restrictions.ReceiverKycExpired,
            lambda: token.allocate(decision, onboarded[2][1].wallet, "1000", agent))
    refused("an allocation to a suspended investor", restrictions.ReceiverSuspended,
            lambda: token.allocate(decision, onboarded[0][1].wallet, "1000", agent))
    refused("an allocation below the minimum subscription", restrictions.BelowMinimumSubscription,
            lambda: token.allocate(decision, wallets[1].address, "99.99", agent))
    client.transact(wallets[1].address, b"", regulator, value=10**17)  # gas money for the holder
    token.transfer(wallets[4].address, "1250.50", wallets[1])
    print(f"  the {onboarded[1][0]} transferred 1,250.50 to the {onboarded[4][0]}")
    refused("a transfer to a wallet nobody registered", restrictions.ReceiverNotRegistered,
            lambda: token.transfer(wallets[7].address, "10", wallets[1]))

    step("The retail limit of the Astana pilot: 1,000 USD per 30 days, over all of an operator's tokens")
    limits = PurchaseLimits.deploy(client, factory, operator_a)
    limits.set_limit("retail", "1000", "USD", 30, operator_a)
    registry.set_purchase_limits(limits, operator_a)
    print("  operator A names its limits once in its registry: every token of A applies them, SGB29 too")
    tower = TokenSpec(
        name="Almaty Tower Units", symbol="ATU", decimals=0, asset_class="real_estate", jurisdiction="KZ",
        roles=bond.roles, rules=Rules(denied_countries=["US"]),
        decision=DecisionSpec(decision_id="ATU-2026-01", document_hash="0x" + "3c" * 32, cap="10000",
                              price="100.00", currency="USD", subscription_start=client.now(),
                              subscription_end=client.now() + 30 * DAY),
    )
    units = factory.create_token(tower, registry, operator_a, admin=admin)
    print(f"  ATU (real estate, 100 USD a unit, US residents barred) deployed at {units.address}")
    limits.set_price_bounds(units, "50.00", "200.00", "USD", 7 * DAY, operator_a)
    print("  the operator bounds ATU's prices to 50-200 USD a unit, reference prices at most 7 days old")
    refused("a decision priced 0.00 on a limited token", errors.DFAInvalidDecisionTerms,
            lambda: units.publish_decision(tower.decision.replace(decision_id="ATU-FREE", price="0.00"), admin))
    retail, american = KeySigner(Account.create()), KeySigner(Account.create())
    registry.register_many([
        NewInvestor(investor_id=investor_id("client-0006", SALT), wallet=retail.address, category="retail",
                    kind="individual", country="KZ", residency="KZ", kyc_valid_until=client.now() + 365 * DAY),
        NewInvestor(investor_id=investor_id("client-0007", SALT), wallet=american.address, category="retail",
                    kind="individual", country="US", residency="US", kyc_valid_until=client.now() + 365 * DAY),
    ], registrar)
    for investor in (retail, american):
        client.transact(investor.address, b"", regulator, value=10**17)  # gas money
    refused("an allocation the retail investor did not ask for", restrictions.AcquisitionNotConsented,
            lambda: units.allocate("ATU-2026-01", retail.address, "7", agent))
    units.consent_to_acquire("20", retail)
    units.consent_to_acquire("1", american)
    print("  the retail investor subscribes for up to 20 units (its consent, on the token)")
    units.allocate("ATU-2026-01", retail.address, "7", agent)
    check = units.check_allocation("ATU-2026-01", retail.address, "4")
    print(f"  a second retail investor bought 7 units (700 USD); {check.remaining_allowance} "
          f"{check.allowance_currency} of the month's allowance is left")
    refused("4 more units (400 USD) within the month", restrictions.PurchaseLimitExceeded,
            lambda: units.allocate("ATU-2026-01", retail.address, "4", agent))
    units.allocate("ATU-2026-01", retail.address, "3", agent)
    print("  3 more units (300 USD) fill the allowance exactly")
    refused("a US resident buying ATU (country ban)", restrictions.ReceiverCountryNotAllowed,
            lambda: units.allocate("ATU-2026-01", american.address, "1", agent))

    step("A court freezes a wallet and orders a transfer")
    acts = Enforcement(token)
    acts.freeze_wallet(wallets[1].address, "Court 2-117/2026", enforcement)
    print(f"  {onboarded[1][0]}'s first wallet frozen (Court 2-117/2026)")
    refused("a transfer from the frozen wallet", restrictions.SenderFrozen,
            lambda: token.transfer(wallets[4].address, "1", wallets[1]))
    acts.forced_transfer(wallets[1].address, wallets[4].address, "500", "Court 2-118/2026", enforcement)
    print(f"  by court order 2-118/2026, 500.00 moved to the {onboarded[4][0]} despite the freeze")

    step("The licensed miner lost its key: recovery with due process")
    miner = onboarded[4][1]
    replacement = KeySigner(Account.create())
    second_registrar = KeySigner(Account.create())
    client.transact(second_registrar.address, b"", regulator, value=10**17)
    registry.add_registrar(second_registrar.address, operator_a)
    registry.add_wallet(miner.investor_id, replacement.address, registrar)
    registry.request_recovery(miner.wallet, replacement.address, "KYC re-verification 2026-17", registrar)
    refused("approving before the waiting period ends", errors.RecoveryTooEarly,
            lambda: registry.approve_recovery(miner.wallet, second_registrar))
    refused("the requesting agent approving its own request", errors.RecoverySameAgent,
            lambda: registry.approve_recovery(miner.wallet, registrar))
    client.travel(3 * DAY)
    registry.approve_recovery(miner.wallet, second_registrar)
    token.recover_wallet(miner.wallet, second_registrar)
    print(f"  after 3 days a second registrar approved; {token.balance_of(replacement.address):,.2f} SGB29 "
          f"moved to the new wallet, the lost one is retired")

    step("The register of investors of operator A")
    labels = {new.investor_id: label for label, new in onboarded}
    labels[investor_id("client-0006", SALT)] = "Second retail KZ individual"
    labels[investor_id("client-0007", SALT)] = "US resident"
    rows = []
    for investor in registry.investors():
        rows.append((
            labels[investor.investor_id],
            investor.category.name.lower(),
            investor.kind.name.lower().replace("_", " "),
            f"{country_name(investor.country)}/{country_name(investor.residency)}",
            ",".join(f.name.lower() for f in type(investor.flags) if f in investor.flags) or "-",
            format_timestamp(investor.kyc_valid_until)[:10],
            investor.status.name.lower(),
            "yes" if investor.verified else "no",
            len(investor.wallets),
            format_amount(sum(token.units(token.balance_of(w)) for w in investor.wallets), token.decimals),
        ))
    print(format_table(("investor", "category", "kind", "country/res.", "flags", "KYC until", "status",
                        "verified", "wallets", f"{token.symbol}"), rows, right=(8, 9)))
    print(f"  {token.symbol} total supply: {format_amount(token.units(token.total_supply()), token.decimals)}")

    step(f"Register extract of {token.symbol}")
    extract = register_extract(token)
    print(f"  {extract.title()}")
    print(format_table(
        ("investor", "wallets", "balance", "frozen wallets"),
        [(labels.get(h.investor_id, "(outside the register)"), len(h.wallets),
          f"{h.balance:,.2f} {extract.symbol}", sum(1 for w in h.wallets if w.wallet_frozen))
         for h in extract.holders], right=(1, 2, 3)))
    path = Path(csv_dir or tempfile.mkdtemp(prefix="dfa-demo-")) / f"register-{extract.symbol}-{extract.block}.csv"
    path.write_text(extract.to_csv())
    print(f"  reconciled with the total supply {extract.total_supply:,.2f}; written as CSV to {path}")
    return {"licenses": licenses.address, "registry": registry.address, "investors": len(rows), "csv": path}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rpc", help="JSON-RPC URL of a local development node (default: the embedded chain)")
    parser.add_argument("--chain-id", type=int, default=31337, help="chain id the node must report")
    parser.add_argument("--csv-dir", help="where to write the register extract (default: a new temporary folder)")
    args = parser.parse_args(argv)
    client = (Client(NetworkProfile(name="local", chain_id=args.chain_id, rpc_url=args.rpc, dev=True))
              if args.rpc else Client.embedded())
    print(f"dfa demo on {client.network.name} (chain id {client.chain_id})")
    try:
        run(client, args.csv_dir)
    except DFAError as error:
        print(f"demo failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print("\nEvery rule refused what it must and let through what it must.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
