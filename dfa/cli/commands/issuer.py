"""dfa issuer deploy-factory|deploy|allocate|document|redeem"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dfa.chain.journal import Journal
from dfa.cli.csvfile import read_rows
from dfa.cli.home import home
from dfa.issuer import DFAToken, DocumentSpec, TokenFactory, TokenSpec
from dfa.issuer.spec_file import load_decision_spec, load_spec
from dfa.operator import InvestorRegistry
from dfa.regulator import LicenseRegistry
from dfa.types import parse_address, to_base_units


def register(sub) -> None:
    parser = sub.add_parser("issuer", help="tokens: deploy, allocate, documents, redemption")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("deploy-factory", help="deploy the token factory").set_defaults(func=_deploy_factory)
    p = actions.add_parser("deploy", help="deploy a token from a spec file (signer: the licensed operator)")
    p.add_argument("spec", help="TOML or JSON token spec; its decision is published separately")
    p.set_defaults(func=_deploy)
    p = actions.add_parser("publish-decision", help="publish the decision of a spec file (signer: the token admin)")
    p.add_argument("token")
    p.add_argument("spec")
    p.set_defaults(func=_publish)
    p = actions.add_parser("allocate", help="allocate from a CSV of wallet,amount (all rows pre-checked first)")
    p.add_argument("token")
    p.add_argument("decision")
    p.add_argument("csv")
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


def token(ctx, name: str) -> DFAToken:
    return DFAToken(ctx.client, ctx.deployments.address(name))


def _deploy_factory(ctx, args) -> None:
    licenses = LicenseRegistry(ctx.client, ctx.deployments.address("licenses"))
    factory = TokenFactory.deploy(ctx.client, licenses, ctx.signer)
    ctx.deployments.record("factory", factory.address)
    ctx.say(f"token factory deployed at {factory.address}", factory=factory.address)


def _deploy(ctx, args) -> None:
    raw = load_spec(args.spec)
    raw.pop("decision", None)
    spec = TokenSpec.model_validate(raw)
    factory = TokenFactory(ctx.client, ctx.deployments.address("factory"))
    registry = InvestorRegistry(ctx.client, ctx.deployments.address("registry"))
    created = factory.create_token(spec, registry, ctx.signer)  # the operator's purchase limits apply to it
    ctx.deployments.record(spec.symbol, created.address)
    ctx.say(f"{spec.symbol} deployed at {created.address}", symbol=spec.symbol, token=created.address)


def _publish(ctx, args) -> None:
    decision = load_decision_spec(args.spec, ctx.client.now())
    token(ctx, args.token).publish_decision(decision, ctx.signer)
    ctx.say(f"decision {decision.decision_id} published", decision=decision.decision_id)


def _allocate(ctx, args) -> None:
    target = token(ctx, args.token)

    def parse(row: dict[str, str]) -> tuple[str, str]:
        wallet, amount = parse_address(row.get("wallet", "")), row.get("amount", "")
        to_base_units(amount, target.decimals)  # refuses an amount finer than the token's decimals
        return wallet, amount

    rows = [(line, wallet, amount) for line, (wallet, amount) in read_rows(args.csv, parse, ("wallet", "amount"))]
    # a re-run of the same file (after a crash, a killed node) resumes: chunks already on chain are skipped
    digest = hashlib.sha256(Path(args.csv).read_bytes()).hexdigest()[:16]
    journal = Journal(ctx.client, home() / "journal" / f"allocate-{target.address}-{args.decision}-{digest}.json")
    resuming = journal.path.exists()  # allocations already made must not be pre-checked again
    refusals = []
    for line, wallet, amount in rows if not resuming else ():
        check = target.check_allocation(args.decision, wallet, amount)
        if not check.allowed:
            refusals.append((line, wallet, check))
    if refusals:
        from dfa.restrictions import restriction_error

        line, wallet, check = refusals[0]
        error = restriction_error(check.code, "0x" + "00" * 20, wallet, 0)
        error.args = (f"nothing was allocated; line {line} ({wallet}): {check.message}"
                      + (f" (and {len(refusals) - 1} more)" if len(refusals) > 1 else ""),)
        raise error
    sent = skipped = 0
    for start in range(0, len(rows), 100):
        chunk = rows[start:start + 100]
        batch = [(wallet, amount) for _, wallet, amount in chunk]
        if journal.run(f"rows {start + 2}-{start + 1 + len(chunk)}",
                       lambda on_sent: target.allocate_many(args.decision, batch, ctx.signer, on_sent=on_sent)):
            sent += len(chunk)
        else:
            skipped += len(chunk)
        ctx.progress(start + len(chunk), len(rows), "allocating")
    ctx.say(f"{sent} allocations under {args.decision}" + (f", {skipped} were already on chain" if skipped else ""),
            allocations=sent, skipped=skipped)


def _document(ctx, args) -> None:
    spec = DocumentSpec(name=args.name, uri=args.uri, path=args.file)
    token(ctx, args.token).set_document(spec, ctx.signer)
    ctx.say(f"document {args.name} published with hash {spec.hash}", name=args.name, hash=spec.hash)


def _redeem(ctx, args) -> None:
    token(ctx, args.token).redeem(args.wallet, args.amount, ctx.signer)
    ctx.say(f"redeemed {args.amount} from {args.wallet}", wallet=args.wallet, amount=args.amount)
