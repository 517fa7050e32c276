"""dfa register extract|audit"""

from __future__ import annotations

import argparse
from pathlib import Path

from dfa.cli.commands.issuer import token
from dfa.cli.context import Context
from dfa.register import audit_trail, register_extract
from dfa.table import format_table
from dfa.types import format_timestamp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("register", help="the register of holders and the audit trail")
    actions = parser.add_subparsers(dest="action", required=True)
    p = actions.add_parser("extract", help="the register of a token at a block")
    p.add_argument("token")
    p.add_argument("--block", type=int)
    p.add_argument("--csv", help="also write the extract as CSV to this file")
    p.set_defaults(func=_extract)
    p = actions.add_parser("audit", help="the audit trail of a token, or of one investor")
    p.add_argument("token")
    p.add_argument("--investor")
    p.set_defaults(func=_audit)


def _extract(ctx: Context, args: argparse.Namespace) -> None:
    extract = register_extract(token(ctx, args.token), args.block)
    if args.csv:
        Path(args.csv).write_text(extract.to_csv())
    if ctx.as_json:
        ctx.output.append(extract.model_dump(mode="json"))
        return
    print(extract.to_table())


def _audit(ctx: Context, args: argparse.Namespace) -> None:
    entries = audit_trail(token(ctx, args.token), investor_id=args.investor)
    if ctx.as_json:
        ctx.output.append([entry.model_dump(mode="json") for entry in entries])
        return
    print(format_table(("block", "time", "what", "actor"),
                       [(e.block, format_timestamp(e.time), e.kind, e.actor or "-") for e in entries], right=(0,)))
