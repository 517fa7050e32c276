"""dfa operator deploy|add-registrar|onboard|suspend|add-wallet|show"""

from __future__ import annotations

import argparse
import os

from dfa.cli.context import Context
from dfa.cli.csvfile import read_rows
from dfa.errors import ValidationError
from dfa.operator import InvestorRegistry, NewInvestor, investor_id
from dfa.operator.limits import PurchaseLimits
from dfa.regulator import LicenseRegistry

SALT_ENV = "DFA_REGISTRAR_SALT"
COLUMNS = ("reference", "wallet", "category", "kind", "country", "residency", "kyc_valid_until")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("operator", help="the operator's investor registry")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("deploy", help="deploy the registry (signer: the licensed operator)").set_defaults(func=_deploy)
    p = actions.add_parser("add-registrar", help="appoint a registrar agent")
    p.add_argument("registrar")
    p.set_defaults(func=_add_registrar)
    p = actions.add_parser("onboard", help="register investors from a CSV (all rows checked first)")
    p.add_argument("csv")
    p.set_defaults(func=_onboard)
    p = actions.add_parser("update", help="change an investor's attributes (renewed KYC, new category, ...)")
    p.add_argument("investor_id")
    for field in ("category", "kind", "country", "residency", "kyc-valid-until", "flags"):
        p.add_argument(f"--{field}")
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
    return InvestorRegistry(ctx.client, ctx.deployments.address("registry"))


def _deploy(ctx: Context, args: argparse.Namespace) -> None:
    licenses = LicenseRegistry(ctx.client, ctx.deployments.address("licenses"))
    registry = InvestorRegistry.deploy(ctx.client, licenses, ctx.signer)
    ctx.deployments.record("registry", registry.address)
    ctx.say(f"investor registry deployed at {registry.address}", registry=registry.address)


def _deploy_limits(ctx: Context, args: argparse.Namespace) -> None:
    limits = PurchaseLimits.deploy(ctx.client, ctx.deployments.address("factory"), ctx.signer)
    ctx.deployments.record("limits", limits.address)
    InvestorRegistry(ctx.client, ctx.deployments.address("registry")).set_purchase_limits(limits, ctx.signer)
    ctx.say(f"purchase limits deployed at {limits.address}", limits=limits.address)


def _add_registrar(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).add_registrar(args.registrar, ctx.signer)
    ctx.say(f"{args.registrar} is a registrar", registrar=args.registrar)


def read_investors(path: str, salt: str) -> list[NewInvestor]:
    """Every row of the CSV as a new investor; any bad row refuses the whole file, naming each line."""

    def parse(row: dict[str, str]) -> NewInvestor:
        fields = {c: row.get(c, "") for c in COLUMNS}
        return NewInvestor(investor_id=investor_id(fields.pop("reference"), salt), flags=row.get("flags") or [],
                           **fields)

    investors = [investor for _, investor in read_rows(path, parse, COLUMNS)]
    wallets = [i.wallet for i in investors]
    if len(set(wallets)) != len(wallets):
        raise ValidationError("nothing was sent: the CSV names the same wallet twice")
    return investors


def _onboard(ctx: Context, args: argparse.Namespace) -> None:
    salt = os.environ.get(SALT_ENV)
    if not salt:
        raise ValidationError(f"set {SALT_ENV} to the registrar's secret salt (16 bytes or more)")
    investors = read_investors(args.csv, salt)
    # re-running a file after a failure completes it: what is already registered is skipped
    registered, skipped = investor_registry(ctx).onboard(
        investors, ctx.signer, progress=lambda done, total: ctx.progress(done, total, "onboarding"))
    ctx.say(f"{registered} investors registered, {skipped} were already there", registered=registered, skipped=skipped)


def _update(ctx: Context, args: argparse.Namespace) -> None:
    registry = investor_registry(ctx)
    current = registry.investor(args.investor_id)
    if current is None:
        raise ValidationError(f"investor {args.investor_id} is not registered")
    changes = {field: getattr(args, field) for field in ("category", "kind", "country", "residency",
                                                        "kyc_valid_until", "flags") if getattr(args, field)}
    if not changes:
        raise ValidationError("give at least one attribute to change")
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
