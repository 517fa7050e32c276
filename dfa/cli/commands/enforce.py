"""dfa enforce freeze|unfreeze|freeze-tokens|forced-transfer|recovery-request|recovery-approve|recover|history"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dfa.cli.commands.issuer import token
from dfa.cli.commands.operator import investor_registry
from dfa.times import FORMS, resolve_time

if TYPE_CHECKING:
    from dfa.enforcement import Enforcement
    from dfa.cli.context import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("enforce", help="freezes, court orders, lost-key recovery (each with its legal basis)")
    actions = parser.add_subparsers(dest="action", required=True)
    p = actions.add_parser("freeze", help="freeze a wallet")
    p.add_argument("token")
    p.add_argument("wallet")
    p.add_argument("--reference", required=True, help="court order or case")
    p.add_argument("--until", help=f"when the freeze lapses by itself: {FORMS}")
    p.set_defaults(func=_freeze)
    p = actions.add_parser("unfreeze", help="lift a wallet freeze")
    p.add_argument("token")
    p.add_argument("wallet")
    p.add_argument("--reference", required=True)
    p.set_defaults(func=_unfreeze)
    p = actions.add_parser("forced-transfer", help="move tokens by court order")
    p.add_argument("token")
    p.add_argument("sender")
    p.add_argument("receiver")
    p.add_argument("amount")
    p.add_argument("--reference", required=True)
    p.set_defaults(func=_forced)
    p = actions.add_parser("recovery-request", help="start recovering a lost wallet (registrar)")
    p.add_argument("lost")
    p.add_argument("replacement")
    p.add_argument("--reference", required=True, help="the identity re-verification case (number or hash)")
    p.set_defaults(func=_request)
    p = actions.add_parser("recovery-approve", help="approve a recovery after its wait (another registrar)")
    p.add_argument("lost")
    p.set_defaults(func=_approve)
    p = actions.add_parser("recover", help="move a recovered wallet's holdings in a token")
    p.add_argument("token")
    p.add_argument("lost")
    p.set_defaults(func=_recover)
    p = actions.add_parser("history", help="the enforcement history of a token")
    p.add_argument("token")
    p.set_defaults(func=_history)


def _acts(ctx: Context, name: str) -> Enforcement:
    from dfa.enforcement import Enforcement  # loaded when a command runs: `--help` stays fast

    return Enforcement(token(ctx, name))


def _freeze(ctx: Context, args: argparse.Namespace) -> None:
    _acts(ctx, args.token).freeze_wallet(args.wallet, args.reference, ctx.signer,
                                                      until=resolve_time(args.until, ctx.client.now))
    ctx.say(f"{args.wallet} frozen ({args.reference})", wallet=args.wallet)


def _unfreeze(ctx: Context, args: argparse.Namespace) -> None:
    _acts(ctx, args.token).unfreeze_wallet(args.wallet, args.reference, ctx.signer)
    ctx.say(f"{args.wallet} unfrozen ({args.reference})", wallet=args.wallet)


def _forced(ctx: Context, args: argparse.Namespace) -> None:
    ctx.confirm(f"move {args.amount} from {args.sender} to {args.receiver} by order {args.reference}?")
    _acts(ctx, args.token).forced_transfer(args.sender, args.receiver, args.amount, args.reference,
                                                        ctx.signer)
    ctx.say(f"{args.amount} moved from {args.sender} to {args.receiver} ({args.reference})")


def _request(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).request_recovery(args.lost, args.replacement, args.reference, ctx.signer)
    recovery = investor_registry(ctx).recovery(args.lost)
    assert recovery is not None  # just requested
    ctx.say(f"recovery of {args.lost} requested; it can be approved from {recovery.ready_at}",
            **recovery.model_dump(mode="json"))


def _approve(ctx: Context, args: argparse.Namespace) -> None:
    investor_registry(ctx).approve_recovery(args.lost, ctx.signer)
    ctx.say(f"recovery of {args.lost} approved", lost=args.lost)


def _recover(ctx: Context, args: argparse.Namespace) -> None:
    token(ctx, args.token).recover_wallet(args.lost, ctx.signer)
    ctx.say(f"holdings of {args.lost} moved to its replacement", lost=args.lost)


def _history(ctx: Context, args: argparse.Namespace) -> None:
    acts = _acts(ctx, args.token).history()
    if ctx.as_json:
        ctx.output.append([act.model_dump(mode="json") for act in acts])
    for act in acts if not ctx.as_json else ():
        print(f"{act.block:>8}  {act.kind:<16} {act.wallet or '-':<42} {act.legal_reference or '-'}")
