"""dfa operator deploy|add-registrar|onboard|suspend|add-wallet|show"""

from __future__ import annotations

import argparse
import os
from functools import cache
from typing import TYPE_CHECKING, Callable

from dfa.cli.batches import Batches
from dfa.cli.csvfile import RowsError, read_rows
from dfa.times import FORMS, resolve_time
from dfa.errors import ValidationError

if TYPE_CHECKING:  # loaded by the commands that use them, so that `--help` is fast
    from dfa.cli.context import Context
    from dfa.operator import InvestorRegistry, NewInvestor

SALT_ENV = "DFA_REGISTRAR_SALT"
COLUMNS = ("reference", "wallet", "category", "kind", "country", "residency", "kyc_valid_until")
CSV_HELP = f"""\
The CSV has a header row and one investor a row, columns in any order:
  reference        the registrar's own key for the person (kept off chain: the id is its
                   hash salted with ${SALT_ENV})
  wallet           the investor's first wallet (0x..., checksummed or all lower case)
  category         retail, qualified or professional
  kind             individual or legal_entity
  country          ISO 3166-1 (KZ, KAZ or 398): citizenship or place of incorporation
  residency        ISO 3166-1: tax residency
  kyc_valid_until  when the KYC lapses: {FORMS}
  flags            optional: licensed_miner
Other columns (amount, ...) are ignored. See examples/investors.csv.

Safe to re-run after a failure: rows already registered as given are skipped. A row that
contradicts the registry (its wallet is another investor's, its reference has another wallet or
category) is a conflict: all are listed by line and nothing is sent (exit 2), unless
--skip-conflicts."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("operator", help="the operator's investor registry")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("deploy", help="deploy the registry (signer: the licensed operator)").set_defaults(func=_deploy)
    p = actions.add_parser("add-registrar", help="appoint a registrar agent")
    p.add_argument("registrar")
    p.set_defaults(func=_add_registrar)
    p = actions.add_parser("onboard", help="register investors from a CSV (all rows checked first)",
                           description=CSV_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("csv", help="the investors, one a row (columns above)")
    p.add_argument("--skip-conflicts", action="store_true",
                   help="register the other rows and leave out those that contradict the registry")
    p.set_defaults(func=_onboard)
    p = actions.add_parser("update", help="change an investor's attributes (renewed KYC, new category, ...)")
    p.add_argument("investor_id")
    for field in ("category", "kind", "country", "residency", "flags"):
        p.add_argument(f"--{field}")
    p.add_argument("--kyc-valid-until", help=f"the renewed KYC's end: {FORMS}")
    p.set_defaults(func=_update)
    p = actions.add_parser("suspend", help="suspend an investor")
    p.add_argument("investor_id")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=_suspend)
    p = actions.add_parser("add-wallet", help="add a wallet to an investor")
    p.add_argument("investor_id")
    p.add_argument("wallet")
    p.set_defaults(func=_add_wallet)
    p = actions.add_parser("show", help="the investor a wallet belongs to")
    p.add_argument("wallet")
    p.set_defaults(func=_show)
    p = actions.add_parser("deploy-limits", help="deploy the operator's purchase limits and name them in its "
                                                 "registry: every token of the operator applies them")
    p.set_defaults(func=_deploy_limits)


def investor_registry(ctx: Context) -> InvestorRegistry:
    from dfa.operator import InvestorRegistry

    return InvestorRegistry(ctx.client, ctx.deployments.address("registry"))


def _deploy(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.operator import InvestorRegistry
    from dfa.regulator import LicenseRegistry

    licenses = LicenseRegistry(ctx.client, ctx.deployments.address("licenses"))
    registry = InvestorRegistry.deploy(ctx.client, licenses, ctx.signer)
    ctx.deployments.record("registry", registry.address)
    ctx.say(f"investor registry deployed at {registry.address}", registry=registry.address)


def _deploy_limits(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.operator import InvestorRegistry
    from dfa.operator.limits import PurchaseLimits

    limits = PurchaseLimits.deploy(ctx.client, ctx.deployments.address("factory"), ctx.signer)
    ctx.deployments.record("limits", limits.address)
    InvestorRegistry(ctx.client, ctx.deployments.address("registry")).set_purchase_limits(limits, ctx.signer)
    ctx.say(f"purchase limits deployed at {limits.address}", limits=limits.address)


def _add_registrar(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).add_registrar(args.registrar, ctx.signer)
    ctx.say(f"{args.registrar} is a registrar", registrar=args.registrar)


def read_investors(path: str, salt: str, now: int | Callable[[], int] | None = None) -> list[NewInvestor]:
    """Every row of the CSV as a new investor; any bad row refuses the whole file, naming each line."""
    return [investor for _, investor in read_investor_rows(path, salt, now)]


def read_investor_rows(path: str, salt: str,
                       now: int | Callable[[], int] | None = None) -> list[tuple[int, NewInvestor]]:
    """``(line, investor)`` for every row; any bad row refuses the whole file, naming each line.

    ``now`` is the chain's time, for relative KYC dates (a function: asked only if one is relative;
    without it a relative date is refused).
    """
    from dfa.operator import NewInvestor, investor_id

    def parse(row: dict[str, str]) -> NewInvestor:
        fields = {c: row.get(c, "") for c in COLUMNS}
        if now is not None:
            fields["kyc_valid_until"] = resolve_time(fields["kyc_valid_until"], now)
        return NewInvestor(investor_id=investor_id(fields.pop("reference"), salt), flags=row.get("flags") or [],
                           **fields)

    rows = read_rows(path, parse, COLUMNS)
    problems = _repeated(rows, lambda i: i.wallet, "the same wallet") + \
        _repeated(rows, lambda i: i.investor_id, "the same reference")
    if problems:
        raise RowsError(path, sorted(problems))
    return rows


def _repeated(rows: list[tuple[int, NewInvestor]], key: Callable[[NewInvestor], str], what: str) -> list[tuple[int, str]]:
    first: dict[str, int] = {}
    problems = []
    for line, investor in rows:
        if key(investor) in first:
            problems.append((line, f"{what} as line {first[key(investor)]}"))
        else:
            first[key(investor)] = line
    return problems


def _onboard(ctx: Context, args: argparse.Namespace) -> None:
    salt = os.environ.get(SALT_ENV)
    if not salt:
        raise ValidationError(f"set {SALT_ENV} to the registrar's secret salt (16 bytes or more)")
    rows = read_investor_rows(args.csv, salt, cache(lambda: ctx.client.now()))
    registry = investor_registry(ctx)
    ctx.progress(0, len(rows), "checking against the registry")
    plan = registry.plan_onboarding([investor for _, investor in rows])
    conflicts = [(rows[c.position][0], c.reason) for c in plan.conflicts]
    if conflicts and not args.skip_conflicts:
        raise RowsError(args.csv, conflicts, "these rows contradict the registry (give --skip-conflicts to "
                                             "register the others and leave them out)")
    fresh = {id(investor) for investor in plan.fresh}
    batches = Batches(ctx, "onboard", registry.address, args.csv, registry.max_batch)
    registered, _ = batches.send(  # the batches of lines; a re-run resumes after those on chain
        [(line, investor if id(investor) in fresh else None) for line, investor in rows],
        lambda batch, on_sent: registry.register_many(batch, ctx.signer, on_sent=on_sent, prechecked=True),
        "onboarding")
    text = f"{registered} investors registered, {len(plan.present)} were already there"
    if conflicts:
        text += f", {len(conflicts)} conflicting rows left out (lines {', '.join(str(line) for line, _ in conflicts)})"
    ctx.say(text, registered=registered, skipped=len(plan.present),
            conflicts=[{"line": line, "problem": problem} for line, problem in conflicts])


def _update(ctx: Context, args: argparse.Namespace) -> None:
    registry = investor_registry(ctx)
    current = registry.investor(args.investor_id)
    if current is None:
        raise ValidationError(f"investor {args.investor_id} is not registered")
    changes = {field: getattr(args, field) for field in ("category", "kind", "country", "residency",
                                                        "kyc_valid_until", "flags") if getattr(args, field)}
    if not changes:
        raise ValidationError("give at least one attribute to change")
    if "kyc_valid_until" in changes:
        changes["kyc_valid_until"] = resolve_time(changes["kyc_valid_until"], ctx.client.now)
    profile = current.profile().replace(**changes)
    registry.update(args.investor_id, profile, ctx.signer)
    ctx.say(f"investor {args.investor_id} updated", investor_id=args.investor_id,
            **{k: str(v) for k, v in changes.items()})


def _suspend(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).suspend(args.investor_id, args.reason, ctx.signer)
    ctx.say(f"investor {args.investor_id} suspended", investor_id=args.investor_id)


def _add_wallet(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).add_wallet(args.investor_id, args.wallet, ctx.signer)
    ctx.say(f"wallet {args.wallet} added to {args.investor_id}", investor_id=args.investor_id, wallet=args.wallet)


def _show(ctx: Context, args: argparse.Namespace) -> None:
    investor = investor_registry(ctx).investor_of(args.wallet)
    if investor is None:
        ctx.say(f"{args.wallet} belongs to no investor", wallet=args.wallet, investor=None)
    else:
        ctx.say(str(investor), **investor.model_dump(mode="json"))
