"""dfa register extract|audit"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pathlib import Path

from dfa.cli.commands.issuer import token
from dfa.table import format_table

if TYPE_CHECKING:
    from dfa.cli.context import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("register", help="the register of holders and the audit trail")
    actions = parser.add_subparsers(dest="action", required=True)
    p = actions.add_parser("extract", help="the register of a token at a block")
    p.add_argument("token")
    p.add_argument("--block", type=int, help="the block to read the register at (default: the latest)")
    p.add_argument("--csv", help="also write the extract as CSV to this file")
    p.set_defaults(func=_extract)
    p = actions.add_parser("audit", help="the audit trail of a token, or of one investor")
    p.add_argument("token")
    p.add_argument("--investor", metavar="ID_OR_WALLET",
                   help="only what touches one investor: its id, or any of its wallets")
    p.set_defaults(func=_audit)


def _extract(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.register import register_extract

    extract = register_extract(token(ctx, args.token), args.block)
    if args.csv:
        Path(args.csv).write_text(extract.to_csv())
    if ctx.as_json:
        ctx.output.append(extract.model_dump(mode="json"))
        return
    print(extract.to_table())


def _audit(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.register import audit_trail
    from dfa.types import format_timestamp

    target = token(ctx, args.token)
    investor = args.investor
    if investor and len(investor) == 42:  # a wallet: the trail of the investor it belongs to
        from dfa.errors import NotFoundError
        from dfa.operator import InvestorRegistry

        found = InvestorRegistry(ctx.client, target.info().registry).investor_of(investor)
        if found is None:
            raise NotFoundError(f"{investor} belongs to no investor of the token's registry")
        investor = found.investor_id
    entries = audit_trail(target, investor_id=investor)
    if ctx.as_json:
        ctx.output.append([entry.model_dump(mode="json") for entry in entries])
        return
    print(format_table(("block", "time", "what", "actor"),
                       [(e.block, format_timestamp(e.time), e.kind, e.actor or "-") for e in entries], right=(0,)))
