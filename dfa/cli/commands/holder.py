"""dfa holder transfer|check|balance"""

from __future__ import annotations

import argparse

from dfa.cli.commands.issuer import token
from dfa.cli.context import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("holder", help="holders: transfer, pre-check, balance")
    actions = parser.add_subparsers(dest="action", required=True)
    p = actions.add_parser("transfer", help="transfer from the signer's wallet (pre-checked)")
    p.add_argument("token")
    p.add_argument("to")
    p.add_argument("amount")
    p.set_defaults(func=_transfer)
    p = actions.add_parser("check", help="would a transfer pass now? with the reason when not (exit 3)")
    p.add_argument("token")
    p.add_argument("sender")
    p.add_argument("receiver")
    p.add_argument("amount")
    p.set_defaults(func=_check)
    p = actions.add_parser("balance", help="a wallet's balance")
    p.add_argument("token")
    p.add_argument("wallet")
    p.set_defaults(func=_balance)


def _transfer(ctx: Context, args: argparse.Namespace) -> None:
    receipt = token(ctx, args.token).transfer(args.to, args.amount, ctx.signer)
    ctx.say(f"transferred {args.amount} to {args.to}", tx=receipt["transactionHash"].to_0x_hex())


def _check(ctx: Context, args: argparse.Namespace) -> None:
    check = token(ctx, args.token).check_transfer(args.sender, args.receiver, args.amount)
    text = "allowed" if check.allowed else f"refused (code {check.code}): {check.message}"
    ctx.say(text, **check.model_dump(mode="json"), allowed=check.allowed)
    if not check.allowed:
        ctx.status = 3  # refused by a rule, as a refused command would exit


def _balance(ctx: Context, args: argparse.Namespace) -> None:
    target = token(ctx, args.token)
    balance = target.balance_of(args.wallet)
    ctx.say(f"{balance} {target.symbol}", wallet=args.wallet, balance=str(balance), symbol=target.symbol)
