"""dfa node start|stop|status"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timezone

from dfa.cli import local_node as node
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
    start.add_argument("--chain-id", dest="node_chain_id", type=int, default=31337)
    start.add_argument("--pin-clock", metavar="DATE", type=_date,
                       help="start a new chain at DATE (e.g. 2026-01-01) and advance its clock one second per block, "
                            "whatever the wall clock says: the same run gives the same result on any day")
    start.set_defaults(func=_start)
    actions.add_parser("stop", help="stop it; its state is written to disk").set_defaults(func=_stop)
    actions.add_parser("status", help="is it running, and where").set_defaults(func=_status)


def _start(ctx: Context, args: argparse.Namespace) -> None:
    record = node.start(args.node_chain_id, genesis_time=args.pin_clock)
    verb = "already running" if record.get("already_running") else "started"
    ctx.say(f"node {verb} at {record['url']} (chain id {record['chain_id']}), state in {record['state']}", **record)


def _stop(ctx: Context, args: argparse.Namespace) -> None:
    record = node.stop()
    ctx.say("node stopped; its state is kept" if record else "no node was running", stopped=record is not None)


def _status(ctx: Context, args: argparse.Namespace) -> None:
    record = node.running()
    if record is None:
        ctx.say("no node is running (start one with `dfa node start`)", running=False)
    else:
        ctx.say(f"node running at {record['url']} (chain id {record['chain_id']})", running=True, **record)
