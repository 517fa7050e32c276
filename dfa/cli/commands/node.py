"""dfa node start|stop|status"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING
from datetime import date, datetime, timezone

if TYPE_CHECKING:
    from dfa.cli.context import Context



def _date(text: str) -> int:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("node", help="a local anvil node whose state persists between commands")
    actions = parser.add_subparsers(dest="action", required=True)
    start = actions.add_parser("start", help="start it in the background (state in the data directory)")
    start.add_argument("--chain-id", dest="node_chain_id", type=int, default=31337,
                       help="the chain id of a new chain (default 31337)")
    start.add_argument("--port", type=int,
                       help="the loopback port to listen on (default: a free one; later commands find it)")
    start.add_argument("--pin-clock", metavar="DATE", type=_date,
                       help="start a new chain at DATE (e.g. 2026-01-01) and advance its clock one second per block, "
                            "whatever the wall clock says: the same run gives the same result on any day")
    start.set_defaults(func=_start)
    actions.add_parser("stop", help="stop it; its state is written to disk").set_defaults(func=_stop)
    actions.add_parser("status", help="is it running, and where").set_defaults(func=_status)


def _start(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.cli import local_node as node

    record = node.start(args.node_chain_id, port=args.port, genesis_time=args.pin_clock)
    verb = "already running" if record.get("already_running") else "started"
    lost = {} if record.get("already_running") else node.forget_lost_deployments(record)
    text = f"node {verb} at {record['url']} (chain id {record['chain_id']}), state in {record['state']}"
    if lost:
        text += ("\nthe node lost its last blocks when it stopped (it saves its state every few seconds): "
                 "nothing is left at the address recorded for " + ", ".join(sorted(lost)) + ". Redo:\n  "
                 + "\n  ".join(node.redo_command(name) for name in sorted(lost, key=node.redo_order))
                 + "\nthen re-run what came after them (onboarding and allocations resume where the chain is)")
    ctx.say(text, **record, lost_deployments=lost)


def _stop(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.cli import local_node as node

    record = node.stop()
    ctx.say("node stopped; its state is kept" if record else "no node was running", stopped=record is not None)


def _status(ctx: Context, args: argparse.Namespace) -> None:
    from dfa.cli import local_node as node

    record = node.running()
    if record is None:
        ctx.say("no node is running (start one with `dfa node start`)", running=False)
    else:
        ctx.say(f"node running at {record['url']} (chain id {record['chain_id']})", running=True, **record)
