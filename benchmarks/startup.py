"""How long ``dfa --help`` takes to answer, against starting Python itself (``python -c pass``) in the same run.

A person runs one command at a time: the start-up is what they wait for first. Both are timed
in turn, one of each, and the medians are reported (a timing: reported, never asserted).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from benchmarks.throughput import TimeScenario

STARTUP = TimeScenario("cli_startup", "`dfa --help` answers (median seconds)", "python -c pass")
COMMANDS = ([sys.executable, "-c", "pass"], [sys.executable, "-m", "dfa.cli", "--help"])


def measure(number: int) -> dict[str, float]:
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(number):
        for kind, command in enumerate(COMMANDS):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[kind].append(time.perf_counter() - started)
    return {"baseline": statistics.median(times[0]), "dfa": statistics.median(times[1]), "count": number}
