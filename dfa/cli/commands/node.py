"""dfa node start|stop|status"""

from dfa.cli import local_node as node


def register(sub) -> None:
    parser = sub.add_parser("node", help="a local anvil node whose state persists between commands")
    actions = parser.add_subparsers(dest="action", required=True)
    start = actions.add_parser("start", help="start it in the background (state in the data directory)")
    start.add_argument("--chain-id", dest="node_chain_id", type=int, default=31337)
    start.set_defaults(func=_start)
    actions.add_parser("stop", help="stop it; its state is written to disk").set_defaults(func=_stop)
    actions.add_parser("status", help="is it running, and where").set_defaults(func=_status)


def _start(ctx, args) -> None:
    record = node.start(args.node_chain_id)
    verb = "already running" if record.get("already_running") else "started"
    ctx.say(f"node {verb} at {record['url']} (chain id {record['chain_id']}), state in {record['state']}", **record)


def _stop(ctx, args) -> None:
    record = node.stop()
    ctx.say("node stopped; its state is kept" if record else "no node was running", stopped=record is not None)


def _status(ctx, args) -> None:
    record = node.running()
    if record is None:
        ctx.say("no node is running (start one with `dfa node start`)", running=False)
    else:
        ctx.say(f"node running at {record['url']} (chain id {record['chain_id']})", running=True, **record)
