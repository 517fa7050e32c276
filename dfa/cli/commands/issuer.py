"""dfa issuer deploy-factory|deploy|allocate|document|redeem"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from typing import TYPE_CHECKING, Any

from dfa.cli.batches import Batches
from dfa.cli.csvfile import RowsRefused, read_rows
from dfa.times import FORMS
from dfa.constants import Batchable
from dfa.errors import ValidationError

if TYPE_CHECKING:  # the domain modules load web3: each command imports what it uses, so `--help` is fast
    from dfa.cli.context import Context
    from dfa.issuer import DFAToken
    from dfa.restrictions import TransferRestricted


ROLE_NAMES = ("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager")
SPEC_HELP = f"""\
A spec file (TOML or JSON; see examples/bond.toml):
  name, symbol, decimals, asset_class (debt, equity, ...), jurisdiction (ISO country)
  [roles]      who holds each power of the token, one address each, separate people:
               admin, issuer_agent, compliance_agent, enforcement_agent, document_manager
               (and optionally pricing_agent)
  [rules]      categories, denied_countries, supply_cap, max_balance, deny_rules, ...
  [[documents]] name, uri, hash
  [decision]   published by `dfa issuer publish-decision`; times: {FORMS}
The token is recorded by its symbol: later commands say it instead of the address."""
ALLOCATE_HELP = """\
The CSV has a header row with at least the columns wallet and amount (in whole tokens, at most
the token's decimals); other columns are ignored, so the onboarding CSV can carry the amounts.
Every row is checked first, and nothing is sent if any would be refused. Safe to re-run after a
failure: a journal in the data directory remembers the batches sent."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("issuer", help="tokens: deploy, allocate, documents, redemption")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("deploy-factory", help="deploy the token factory").set_defaults(func=_deploy_factory)
    p = actions.add_parser("deploy", help="deploy a token from a spec file (signer: the licensed operator)",
                           description=SPEC_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", help="TOML or JSON token spec; its [decision] is published separately")
    p.set_defaults(func=_deploy)
    p = actions.add_parser("publish-decision", help="publish the decision of a spec file (signer: the token admin)",
                           description=f"Publish the [decision] of a spec file. Its times: {FORMS}.")
    p.add_argument("token", help="the token's symbol as deployed, or its address")
    p.add_argument("spec")
    p.set_defaults(func=_publish)
    p = actions.add_parser("allocate", help="allocate from a CSV of wallet,amount (all rows pre-checked first)",
                           description=ALLOCATE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("token", help="the token's symbol as deployed, or its address")
    p.add_argument("decision", help="the decision_id the allocations fall under")
    p.add_argument("csv", help="wallet,amount per row (other columns are ignored)")
    p.set_defaults(func=_allocate)
    p = actions.add_parser("document", help="publish a document with the hash of a file")
    p.add_argument("token")
    p.add_argument("name")
    p.add_argument("uri")
    p.add_argument("file")
    p.set_defaults(func=_document)
    p = actions.add_parser("redeem", help="redeem a holder's tokens")
    p.add_argument("token")
    p.add_argument("wallet")
    p.add_argument("amount")
    p.set_defaults(func=_redeem)


def token(ctx: Context, name: str) -> DFAToken:
    from dfa.issuer import DFAToken

    return DFAToken(ctx.client, ctx.deployments.address(name))


def _deploy_factory(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.issuer import TokenFactory
    from dfa.regulator import LicenseRegistry

    licenses = LicenseRegistry(ctx.client, ctx.deployments.address("licenses"))
    factory = TokenFactory.deploy(ctx.client, licenses, ctx.signer)
    ctx.deployments.record("factory", factory.address)
    ctx.say(f"token factory deployed at {factory.address}", factory=factory.address)


def _deploy(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.issuer import TokenFactory, TokenSpec
    from dfa.issuer.spec_file import load_spec
    from dfa.operator import InvestorRegistry

    raw = load_spec(args.spec)
    raw.pop("decision", None)
    if "roles" not in raw:
        raise ValidationError(f"{args.spec} names no roles: add a [roles] table with an address for each of "
                              f"{', '.join(ROLE_NAMES)} (see examples/bond.toml, or `dfa issuer deploy --help`)")
    spec = TokenSpec.model_validate(raw)
    factory = TokenFactory(ctx.client, ctx.deployments.address("factory"))
    registry = InvestorRegistry(ctx.client, ctx.deployments.address("registry"))
    created = factory.create_token(spec, registry, ctx.signer)  # the operator's purchase limits apply to it
    ctx.deployments.record(spec.symbol, created.address)
    ctx.say(f"{spec.symbol} deployed at {created.address}", symbol=spec.symbol, token=created.address)


def _publish(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.issuer.spec_file import load_decision_spec

    decision = load_decision_spec(args.spec, ctx.client.now())
    token(ctx, args.token).publish_decision(decision, ctx.signer)
    ctx.say(f"decision {decision.decision_id} published", decision=decision.decision_id)


CHUNK = Batchable.MAX_BATCH  # allocations per transaction


def _allocate(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.types import parse_address, to_base_units

    target = token(ctx, args.token)

    def parse(row: dict[str, str]) -> tuple[str, str]:
        wallet, amount = parse_address(row.get("wallet", "")), row.get("amount", "")
        to_base_units(amount, target.decimals)  # refuses an amount finer than the token's decimals
        return wallet, amount

    rows = [(line, wallet, amount) for line, (wallet, amount) in read_rows(args.csv, parse, ("wallet", "amount"))]
    # a re-run of the same file (after a crash, a killed node) resumes after the batches on chain
    batches = Batches(ctx, "allocate", f"{target.address}-{args.decision}", args.csv, CHUNK)
    if not batches.resuming:  # allocations already made must not be pre-checked again
        # the one check of each row, a hundred rows per read; the batches are then sent without another
        refusals = []
        for start in range(0, len(rows), CHUNK):
            ctx.progress(start, len(rows), "checking")
            chunk = rows[start:start + CHUNK]
            checks = target.check_allocations(args.decision, [(wallet, amount) for _, wallet, amount in chunk])
            refusals += [(line, check.code) for (line, _, _), check in zip(chunk, checks) if not check.allowed]
        ctx.progress(len(rows), len(rows), "checking")
        if refusals:
            raise _refused(args.csv, refusals)
    sent, skipped = batches.send(
        [(line, (wallet, amount)) for line, wallet, amount in rows],
        lambda batch, on_sent: target.allocate_many(args.decision, batch, ctx.signer, on_sent=on_sent),
        "allocating")
    ctx.say(f"{sent} allocations under {args.decision}" + (f", {skipped} were already on chain" if skipped else ""),
            allocations=sent, skipped=skipped)


def _refused(path: str, refusals: list[tuple[int, int]]) -> RowsRefused:
    """Every refused line with its reason, as the rules explain it."""
    from dfa.restrictions import explain

    return RowsRefused(path, [(line, explain(code)) for line, code in refusals],
                       "nothing was allocated; these rows would be refused")


def _document(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.issuer import DocumentSpec

    spec = DocumentSpec(name=args.name, uri=args.uri, path=args.file)
    token(ctx, args.token).set_document(spec, ctx.signer)
    ctx.say(f"document {args.name} published with hash {spec.hash}", name=args.name, hash=spec.hash)


def _redeem(ctx: Context, args: argparse.Namespace) -> None:
    token(ctx, args.token).redeem(args.wallet, args.amount, ctx.signer)
    ctx.say(f"redeemed {args.amount} from {args.wallet}", wallet=args.wallet, amount=args.amount)
