"""``dfa``: the command line over the whole life cycle.

Exit codes: 0 done; 2 bad usage or input (nothing sent); 3 a rule refused before sending
(nothing sent), or would refuse (`holder check`); 4 a transaction was sent and reverted or failed;
5 the node cannot be reached; 1 anything else. Logs and progress go to stderr; --json prints one
document on stdout, a failure too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from dfa.cli.commands import enforce, holder, issuer, node, operator, regulator, register
from dfa.cli.context import Context
from dfa.cli.csvfile import RowsError, RowsRefused
from dfa.cli.home import HOME_ENV
from dfa.errors import (
    ConfigError,
    DFAError,
    NetworkError,
    NotFoundError,
    RevertError,
    SignerError,
    TransactionError,
    ValidationError,
)

__all__ = ["FAILED", "OK", "REFUSED", "REVERTED", "UNREACHABLE", "USAGE", "exit_code", "main", "parser"]

OK, FAILED, USAGE, REFUSED, REVERTED, UNREACHABLE = 0, 1, 2, 3, 4, 5


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="dfa", description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[1],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--home", metavar="DIR",
                     help=f"the data directory: the local node's state, deployment records, journals "
                          f"(default ${HOME_ENV}, else ~/.local/share/dfa)")
    top.add_argument("--network", help="'local' (the node of `dfa node start`, default), 'embedded', or a URL")
    top.add_argument("--chain-id", type=int, help="the chain id a URL's node must report")
    top.add_argument("--account", help="keystore file of the signer (passphrase in $DFA_KEYSTORE_PASSPHRASE)")
    top.add_argument("--dev-account", type=int, help="sign with the local node's development account N")
    top.add_argument("--json", action="store_true", help="one JSON document on stdout")
    top.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    top.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = top.add_subparsers(dest="command", required=True)
    for module in (node, regulator, operator, issuer, holder, enforce, register):
        module.register(sub)
    return top


def exit_code(error: DFAError) -> int:
    if isinstance(error, RowsRefused):
        return REFUSED
    if isinstance(error, RevertError):
        return REFUSED if not error.sent else REVERTED
    if isinstance(error, TransactionError):
        return REVERTED
    if isinstance(error, NetworkError):
        return UNREACHABLE
    if isinstance(error, (ValidationError, ConfigError, SignerError, NotFoundError)):
        return USAGE
    return FAILED


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.home:
        os.environ[HOME_ENV] = args.home  # this process's data directory, as if exported
    if args.verbose:
        import logging

        logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    ctx = Context(network=args.network, chain_id=args.chain_id, account=args.account,
                  dev_account=args.dev_account, as_json=args.json, yes=args.yes)
    try:
        args.func(ctx, args)
    except DFAError as error:
        code = exit_code(error)
        message = ctx.explain(error)
        kind = {REFUSED: "refused (nothing was sent)", REVERTED: "transaction failed"}.get(code, "error")
        print(f"{kind}: {message}", file=sys.stderr)
        if args.json:  # the failure as one document too, for the machine reading stdout
            failure = {"ok": False, "code": code, "error": type(error).__name__, "message": message}
            if isinstance(error, (RowsError, RowsRefused)):
                failure["lines"] = error.lines
            print(json.dumps(failure, indent=1, default=str))
        return code
    ctx.flush()
    return ctx.status
