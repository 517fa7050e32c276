"""dfa regulator deploy|license|suspend|reinstate|revoke|show"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dfa.times import FORMS, resolve_time

if TYPE_CHECKING:
    from dfa.regulator import LicenseRegistry
    from dfa.cli.context import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("regulator", help="the register of licensed operators")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("deploy", help="deploy the licence register (signer: the regulator)").set_defaults(func=_deploy)
    grant = actions.add_parser("license", help="license an operator")
    grant.add_argument("operator")
    grant.add_argument("--id", required=True, dest="license_id", help="licence number, e.g. CB-DFA-0001")
    grant.add_argument("--name", required=True, help="the operator's legal name (only its hash goes on chain)")
    grant.add_argument("--scopes", required=True, help="e.g. issuance,investor_registry")
    grant.add_argument("--expires", required=True, help=f"when the licence ends: {FORMS}")
    grant.set_defaults(func=_license)
    for action, help_text in (("suspend", "suspend a licence"), ("revoke", "revoke a licence")):
        p = actions.add_parser(action, help=help_text)
        p.add_argument("operator")
        p.add_argument("--reason", required=True, help="the decision's reference")
        p.set_defaults(func=_change)
    p = actions.add_parser("reinstate", help="lift a suspension")
    p.add_argument("operator")
    p.set_defaults(func=_change, reason=None)
    p = actions.add_parser("show", help="an operator's licence")
    p.add_argument("operator")
    p.set_defaults(func=_show)


def _licenses(ctx: Context) -> LicenseRegistry:
    from dfa.regulator import LicenseRegistry

    return LicenseRegistry(ctx.client, ctx.deployments.address("licenses"))


def _deploy(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.regulator import LicenseRegistry

    licenses = LicenseRegistry.deploy(ctx.client, ctx.signer)
    ctx.deployments.record("licenses", licenses.address)
    ctx.say(f"licence register deployed at {licenses.address}", licenses=licenses.address)


def _license(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.regulator import LicenseTerms

    terms = LicenseTerms(operator=args.operator, license_id=args.license_id, operator_name=args.name,
                         scopes=args.scopes, expires_at=resolve_time(args.expires, ctx.client.now))
    _licenses(ctx).grant(terms, ctx.signer)
    _show(ctx, args)


def _change(ctx: Context, args: argparse.Namespace) -> None:
    if args.action == "revoke":
        ctx.confirm(f"revoke the licence of {args.operator} for good?")
    licenses = _licenses(ctx)
    if args.action == "reinstate":
        licenses.reinstate(args.operator, ctx.signer)
    else:
        getattr(licenses, args.action)(args.operator, args.reason, ctx.signer)
    _show(ctx, args)


def _show(ctx: Context, args: argparse.Namespace) -> None:
    licence = _licenses(ctx).license(args.operator)
    if licence is None:
        ctx.say(f"{args.operator} holds no licence", operator=args.operator, licence=None)
    else:
        ctx.say(str(licence), **licence.model_dump(mode="json"))
