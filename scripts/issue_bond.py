"""Deploy a token from a spec file (TOML or JSON) and allocate it from a CSV of investors.

    python scripts/issue_bond.py examples/bond.toml examples/investors.csv

On the embedded chain (default) or a dev node given without ``--factory``, the script sets up a
sandbox first: a regulator's licence register, a licensed operator, its investor registry and
factory, and onboards the CSV's investors from their profile columns. Against a real network,
give ``--factory`` and ``--registry`` and the keystores of the operator, the issuer (token admin)
and the issuer agent; the investors must already be onboarded, and the spec names its roles.

Every row is checked, and every allocation pre-checked, before anything is sent: one bad row
and nothing is sent (exit code 2 for bad input, 3 for a refused allocation).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dfa import (
    Client,
    DFAError,
    InvestorRegistry,
    KeySigner,
    LicenseRegistry,
    LicenseTerms,
    NetworkProfile,
    NewInvestor,
    investor_id,
)
from dfa.cli.csvfile import read_rows as read_csv
from dfa.issuer import DFAToken, TokenFactory
from dfa.issuer.spec_file import load_token_spec
from dfa.times import resolve_time
from dfa.table import format_table
from dfa.types import format_amount, parse_address, to_base_units

DAY = 24 * 3600
SANDBOX_SALT = "sandbox-registrar-salt-not-secret"
ROLE_NAMES = ("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager")


def read_rows(path: Path, token_decimals: int, now: int) -> list[dict]:
    """Rows of the CSV, each checked; a ValidationError naming every bad line otherwise."""

    def parse(row: dict[str, str]) -> dict:
        to_base_units(row.get("amount", ""), token_decimals)  # refuses amounts finer than the token
        return {**row, "wallet": parse_address(row.get("wallet", "")),
                "kyc_valid_until": resolve_time(row.get("kyc_valid_until"), now)}

    return [{**row, "line": line} for line, row in read_csv(str(path), parse, ("wallet", "amount"))]


def sandbox(client: Client, spec_path: Path, rows: list[dict]):
    """A regulator, a licensed operator with registry and factory; the CSV's investors onboarded."""
    regulator, operator, registrar, admin, agent, compliance, enforcement, documents = client.dev_accounts()[:8]
    licenses = LicenseRegistry.deploy(client, regulator)
    licenses.grant(LicenseTerms(operator=operator.address, license_id="SANDBOX-1", operator_name="Sandbox operator",
                                scopes="issuance,investor_registry", expires_at=client.now() + 365 * DAY), regulator)
    registry = InvestorRegistry.deploy(client, licenses, operator)
    registry.add_registrar(registrar.address, operator)
    factory = TokenFactory.deploy(client, licenses, regulator)
    roles = dict(admin=admin.address, issuer_agent=agent.address, compliance_agent=compliance.address,
                 enforcement_agent=enforcement.address, document_manager=documents.address)
    new = [
        NewInvestor(investor_id=investor_id(row["reference"], SANDBOX_SALT), wallet=row["wallet"],
                    category=row["category"], kind=row["kind"], country=row["country"], residency=row["residency"],
                    kyc_valid_until=row["kyc_valid_until"], flags=row.get("flags") or [])
        for row in rows
        if registry.investor_of(row["wallet"]) is None
    ]
    for start in range(0, len(new), 100):
        registry.register_many(new[start:start + 100], registrar)
    print(f"sandbox: licence register {licenses.address}, registry {registry.address}, factory {factory.address}; "
          f"{len(new)} investors onboarded")
    return factory, registry, operator, admin, agent, roles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", type=Path, help="token spec, TOML or JSON")
    parser.add_argument("investors", type=Path, help="CSV: wallet, amount[, reference, category, kind, country, ...]")
    parser.add_argument("--rpc", help="JSON-RPC URL (default: the embedded chain)")
    parser.add_argument("--chain-id", type=int, default=31337)
    parser.add_argument("--factory", help="factory address (a real network); omit for a sandbox")
    parser.add_argument("--registry", help="the operator's investor registry address")
    parser.add_argument("--operator-keystore", type=Path)
    parser.add_argument("--admin-keystore", type=Path)
    parser.add_argument("--agent-keystore", type=Path)
    args = parser.parse_args(argv)

    try:
        if args.rpc:
            dev = args.factory is None
            client = Client(NetworkProfile(name="node", chain_id=args.chain_id, rpc_url=args.rpc, dev=dev))
        else:
            client = Client.embedded()
        now = client.now()
        # In a sandbox the roles are made later: validate with stand-ins first, so nothing is sent for a bad spec.
        stand_ins = {role: f"0x{n:040x}" for n, role in enumerate(ROLE_NAMES, start=1)}
        spec = load_token_spec(args.spec, now, roles=None if args.factory else stand_ins)
    except DFAError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"error: cannot read {args.spec}: {error}", file=sys.stderr)
        return 2

    try:
        rows = read_rows(args.investors, spec.decimals, now)
    except DFAError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        if args.factory:
            factory = TokenFactory(client, args.factory)
            registry = InvestorRegistry(client, args.registry)
            operator, admin, agent = (KeySigner.from_keystore(p) for p in
                                      (args.operator_keystore, args.admin_keystore, args.agent_keystore))
        else:
            factory, registry, operator, admin, agent, roles = sandbox(client, args.spec, rows)
            spec = load_token_spec(args.spec, client.now(), roles)
        token = factory.create_token(spec, registry, operator, admin=admin)
        print(f"deployed {spec.symbol} at {token.address}; decision {spec.decision.decision_id} published")
        decision_id = spec.decision.decision_id
        refusals = []
        for row in rows:
            check = token.check_allocation(decision_id, row["wallet"], row["amount"])
            if not check.allowed:
                refusals.append(f"line {row['line']}: {row['wallet']}: {check.message}")
        if refusals:
            print("nothing was allocated; these allocations would be refused:", file=sys.stderr)
            for refusal in refusals:
                print(f"  {refusal}", file=sys.stderr)
            return 3
        for start in range(0, len(rows), 100):
            chunk = rows[start:start + 100]
            token.allocate_many(decision_id, [(row["wallet"], row["amount"]) for row in chunk], agent)
    except DFAError as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 3
    print_register(token, rows)
    return 0


def print_register(token: DFAToken, rows: list[dict]) -> None:
    units = [(row["wallet"], token.units(token.balance_of(row["wallet"]))) for row in rows]
    print(format_table(("wallet", f"balance ({token.symbol})"),
                       [(wallet, format_amount(u, token.decimals)) for wallet, u in units], right=(1,)))
    print(f"total supply: {format_amount(token.units(token.total_supply()), token.decimals)} {token.symbol}")


if __name__ == "__main__":
    sys.exit(main())
