"""python -m benchmarks: dfa beside T-REX and a plain ERC-20, in one run, on one chain.

    python -m benchmarks                    # full: both backends, 10,000 investors and holders
    python -m benchmarks --short            # CI: small counts, the embedded chain
    python -m benchmarks --json             # one JSON object keyed by scenario
    python -m benchmarks --check            # exit 1 when a gas floor is missed

Gas is the same on both backends (py-evm and anvil both run Prague); it is measured on the first
backend chosen. Timings are measured on every backend, each against its own in-run baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from benchmarks import startup, throughput
from benchmarks.floors import GAS_FLOORS, TIME_FLOORS, check
from benchmarks.gas import GAS_SCENARIOS, measure_dfa, measure_floor, measure_trex
from benchmarks.report import markdown
from dfa.chain.anvil import AnvilNode
from dfa.chain.backends import PINNED_GENESIS_TIME
from dfa.chain.client import Client

BACKENDS = ("embedded", "anvil")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="small counts and the embedded chain only (CI)")
    parser.add_argument("--backend", action="append", choices=BACKENDS, help="only this backend (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    parser.add_argument("--check", action="store_true", help="exit 1 when a gas floor is missed")
    args = parser.parse_args(argv)
    backends = args.backend or (["embedded"] if args.short else list(BACKENDS))
    sizes = throughput.SHORT if args.short else throughput.FULL

    results: dict[str, dict[str, float]] = {}
    started = time.monotonic()
    for n, backend in enumerate(backends):
        if n == 0:
            gas = {}
            for system, measure in (("floor", measure_floor),
                                    ("trex", lambda c: measure_trex(c, batch=100)),
                                    ("dfa", lambda c: measure_dfa(c, batch=100,
                                                                  past_acquisitions=sizes.past_acquisitions))):
                with fresh_chain(backend) as client:
                    gas[system] = measure(client)
            for scenario in GAS_SCENARIOS:
                results[scenario.key] = {system: g[scenario.key] for system, g in gas.items() if scenario.key in g}
        with fresh_chain(backend) as client:
            for key, numbers in throughput.measure(client, sizes).items():
                results[f"{key}/{backend}"] = numbers

    results[startup.STARTUP.key] = startup.measure(5 if args.short else 20)

    gas_checks = check(GAS_FLOORS, results)
    time_checks = check(TIME_FLOORS, {k.removesuffix("/anvil"): v for k, v in results.items() if k.endswith("/anvil")})
    if args.json:
        print(json.dumps(results, indent=1, sort_keys=True))
    else:
        print(markdown(results, gas_checks, time_checks, header=_header(backends, args.short,
                                                                        time.monotonic() - started)))
    missed = [floor for floor, met in gas_checks if not met and not floor.open_work]
    return 1 if args.check and missed else 0


@contextmanager
def fresh_chain(backend: str) -> Iterator[Client]:
    """A new chain for one system: nothing left from another, and no idle node left running."""
    if backend == "embedded":
        yield Client.embedded()
        return
    with AnvilNode(genesis_time=PINNED_GENESIS_TIME) as node:
        yield Client(node.profile)


def _header(backends: list[str], short: bool, seconds: float) -> str:
    machine = f"{_cpu()} x{os.cpu_count()}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"
    mode = "short" if short else "full"
    return (f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} ({mode} mode, {', '.join(backends)}, "
            f"{seconds:.0f} s) on {machine}")


def _cpu() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
