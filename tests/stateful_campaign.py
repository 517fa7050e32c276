"""A long run of the stateful test: N processes in parallel, each with its own seeds and its own chain.

    python -m tests.stateful_campaign --steps 100000 --processes 2 --backend anvil

Each process runs ``tests/test_stateful.py`` in rounds (a pytest run of ``--examples`` examples
of up to ``--steps-per-example`` steps, a fresh seed each round, its own anvil node on a free
port or its own embedded chain) until its share of ``--steps`` is done. The state machine counts
every rule it executes into a JSON file per round; the campaign sums those files, never an
estimate. A round that fails (an invariant broken, or a crash) stops its process and fails the
campaign; its log and seed are named in the summary (replay: ``DFA_STATEFUL_SEED=<seed>`` with
the same examples and steps). Interrupted (Ctrl-C, SIGTERM), it stops its rounds and prints how
far it got, counting the steps of the rounds cut short too.

The summary (stdout, and ``summary.json`` in ``--out``) gives the steps, refused steps, invariant
checks, register extracts and steps per second, per process and in total. Exit status 0 only when
the steps were reached and no invariant broke.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("steps", "refused", "checks", "extracts", "examples")


class Worker(threading.Thread):
    """One process's rounds, one after the other."""

    def __init__(self, index: int, args: argparse.Namespace, out: Path, stop: threading.Event):
        super().__init__(name=f"process-{index}", daemon=True)
        self.index, self.args, self.out, self.stop = index, args, out, stop
        self.share = args.steps // args.processes + (1 if index < args.steps % args.processes else 0)
        self.done: Counter = Counter()  # summed over finished rounds
        self.rounds: list[dict] = []
        self.failure: dict | None = None
        self.child: subprocess.Popen | None = None
        self.current: Path | None = None  # counts file of the running round
        self.seconds = 0.0

    def totals(self) -> Counter:
        """Finished rounds plus what the running round has counted so far."""
        totals = Counter(self.done)
        if self.current is not None:
            totals.update(_counts(self.current))
        return totals

    def run(self) -> None:
        try:
            self._rounds()
        except Exception as error:  # a crash of the campaign itself fails it too
            self.failure = dict(seed=None, exit=None, log=f"campaign error: {error!r}")
            raise

    def _rounds(self) -> None:
        started = time.monotonic()
        round_number = 0
        while not self.stop.is_set() and self.done["steps"] < self.share:
            seed = self.args.seed + 1000 * self.index + round_number
            remaining = self.share - self.done["steps"]
            # hypothesis runs examples of up to --steps-per-example steps (most run the whole length)
            examples = max(1, min(self.args.examples, math.ceil(remaining / (0.9 * self.args.steps_per_example))))
            name = f"p{self.index}-r{round_number}-seed{seed}"
            counts, log = self.out / f"{name}.json", self.out / f"{name}.log"
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                       DFA_STATEFUL_SEED=str(seed), DFA_STATEFUL_COUNTS=str(counts),
                       DFA_STATEFUL_EXAMPLES=str(examples), DFA_STATEFUL_STEPS=str(self.args.steps_per_example),
                       DFA_STATEFUL_EXTRACT_EVERY=str(self.args.extract_every))
            command = [sys.executable, "-m", "pytest", "tests/test_stateful.py", "--backend", self.args.backend,
                       "-q", "-s", "-x", "-p", "no:cacheprovider"]
            self.current = counts
            with open(log, "w") as output:
                self.child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                              start_new_session=True)
                code = self.child.wait()
            self.current = None
            counted = _counts(counts)
            self.done.update(counted)
            self.rounds.append(dict(seed=seed, examples_asked=examples, exit=code, log=str(log),
                                    **{field: counted[field] for field in FIELDS}))
            round_number += 1
            self.seconds = time.monotonic() - started
            if self.stop.is_set():
                break
            if code != 0:
                self.failure = dict(seed=seed, examples=examples, steps_per_example=self.args.steps_per_example,
                                    exit=code, log=str(log))
                break
            _say(f"process {self.index}: round {round_number} (seed {seed}) {counted.get('steps', 0)} steps; "
                 f"{self.done['steps']}/{self.share} in {self.seconds:.0f} s")
        self.seconds = time.monotonic() - started

    def halt(self) -> None:
        """End this worker's running round (its own process group only)."""
        child = self.child
        if child is not None and child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)


def _counts(path: Path) -> Counter:
    """A round's counts; rules are keyed ``rule:<name>``."""
    try:
        document = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return Counter()
    counts = Counter({field: document.get(field, 0) for field in FIELDS})
    counts.update({f"rule:{name}": runs for name, runs in document.get("by_rule", {}).items()})
    return counts


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.stateful_campaign", description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=100_000, help="steps to run in all (default 100000)")
    parser.add_argument("--processes", type=int, default=2, help="processes in parallel (default 2)")
    parser.add_argument("--backend", choices=("anvil", "embedded"), default="anvil")
    parser.add_argument("--steps-per-example", type=int, default=50, help="longest example (default 50)")
    parser.add_argument("--examples", type=int, default=100, help="examples per round (default 100)")
    parser.add_argument("--extract-every", type=int, default=10,
                        help="rebuild the register from events every this many steps (and after each example)")
    parser.add_argument("--seed", type=int, default=1, help="first seed (process i, round r: seed + 1000 i + r)")
    parser.add_argument("--out", type=Path, help="directory for logs, counts and summary.json (default: a new temp dir)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="dfa-stateful-"))
    out.mkdir(parents=True, exist_ok=True)
    _say(f"stateful campaign: {args.steps} steps, {args.processes} processes on {args.backend}; logs in {out}")

    stop = threading.Event()
    workers = [Worker(i, args, out, stop) for i in range(args.processes)]

    def interrupt(signum, frame):
        _say(f"stopping (signal {signum}): counting the steps run so far")
        stop.set()
        for worker in workers:
            worker.halt()

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    started = time.monotonic()
    for worker in workers:
        worker.start()
    while any(worker.is_alive() for worker in workers):
        for worker in workers:
            worker.join(timeout=1)
        if any(worker.failure for worker in workers) and not stop.is_set():
            stop.set()  # one broken invariant is the answer: stop the others after their round
    wall = time.monotonic() - started

    per_process = []
    for worker in workers:
        totals = worker.totals()
        per_process.append(dict(process=worker.index, share=worker.share, seconds=round(worker.seconds, 1),
                                steps_per_second=round(totals["steps"] / worker.seconds, 2) if worker.seconds else 0,
                                rounds=worker.rounds, **{field: totals[field] for field in FIELDS}))
    total = Counter()
    for worker in workers:
        total.update(worker.totals())
    by_rule = {key.removeprefix("rule:"): runs for key, runs in sorted(total.items()) if key.startswith("rule:")}
    failures = [dict(process=w.index, **w.failure) for w in workers if w.failure]
    complete = total["steps"] >= args.steps and not failures
    summary = dict(backend=args.backend, processes=args.processes, target_steps=args.steps,
                   steps_per_example=args.steps_per_example, extract_every=args.extract_every,
                   wall_seconds=round(wall, 1), **{field: total[field] for field in FIELDS},
                   steps_per_second=round(total["steps"] / wall, 2) if wall else 0,
                   by_rule=by_rule, invariants_broken=len(failures), failures=failures, complete=complete,
                   interrupted=stop.is_set() and not failures, per_process=per_process)
    (out / "summary.json").write_text(json.dumps(summary, indent=1))

    print(f"stateful campaign on {args.backend}: {total['steps']} steps ({total['refused']} refused) in "
          f"{total['examples']} examples of up to {args.steps_per_example} steps, {args.processes} processes, "
          f"{wall:.0f} s wall ({summary['steps_per_second']} steps/s)")
    print(f"  checks after every step: {total['checks']}; register rebuilt from events: {total['extracts']} times")
    print("  steps by rule: " + ", ".join(f"{name} {runs}" for name, runs in by_rule.items()))
    for entry in per_process:
        print(f"  process {entry['process']}: {entry['steps']} steps, {entry['refused']} refused, "
              f"{entry['examples']} examples, {len(entry['rounds'])} rounds, {entry['steps_per_second']} steps/s")
    if failures:
        for failure in failures:
            print(f"  INVARIANT BROKEN in process {failure['process']} (seed {failure['seed']}, exit {failure['exit']}): "
                  f"see {failure['log']}")
    elif total["steps"] < args.steps:
        print(f"  incomplete: {total['steps']} of {args.steps} steps (stopped early); no invariant broken")
    else:
        print("  no invariant broken")
    print(f"  details: {out / 'summary.json'}")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
