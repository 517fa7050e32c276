"""The issue's floors, checked against one run's numbers.

Gas is deterministic, so CI checks the gas floors (``python -m benchmarks --check``). Timings
are reported beside their floor, never asserted: these machines are shared and noisy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

Results = dict[str, dict[str, float]]  # scenario -> system ("floor", "trex", "dfa", "baseline") -> number


@dataclass(frozen=True)
class Floor:
    scenarios: tuple[str, ...]  # what it needs measured
    text: str
    met: Callable[[Results], bool]
    # A floor this code misses, known and open: reported as MISSED, not failing ``--check`` (say why in ``text``).
    open_work: bool = False


def _dfa(scenario: str) -> Callable[[Results], float]:
    return lambda r: r[scenario]["dfa"]


GAS_FLOORS = (
    Floor(("ruled_transfer_existing",), "transfer to an existing holder with rules: dfa at most 2x the floor",
          lambda r: r["ruled_transfer_existing"]["dfa"] <= 2 * r["ruled_transfer_existing"]["floor"]),
    Floor(("ruled_transfer_existing",), "transfer to an existing holder with rules: dfa at most 1/4 of T-REX",
          lambda r: r["ruled_transfer_existing"]["dfa"] <= r["ruled_transfer_existing"]["trex"] / 4),
    Floor(("onboard_one",), "onboarding one investor: at most 60,000 gas", lambda r: _dfa("onboard_one")(r) <= 60_000),
    Floor(("onboard_batch",), "onboarding in a batch of 100: at most 35,000 gas per investor",
          lambda r: _dfa("onboard_batch")(r) <= 35_000),
    Floor(("deploy",), "token deployment through the factory: dfa at most 1/6 of T-REX",
          lambda r: r["deploy"]["dfa"] <= r["deploy"]["trex"] / 6),
    Floor(("limited_acquisition",), "acquisition under the purchase limit (exact window): at most 105,000 gas",
          lambda r: _dfa("limited_acquisition")(r) <= 105_000),
    Floor(("limited_acquisition", "limited_acquisition_later"),
          "acquisition under the purchase limit: at most 105,000 gas and no dearer after many past acquisitions "
          "(1,000 in the full run, 200 in the short one; open: a full queue's merge costs ~800 more)",
          lambda r: _dfa("limited_acquisition_later")(r) <= min(105_000, _dfa("limited_acquisition")(r)),
          open_work=True),
)

TIME_FLOORS = (
    Floor(("transfer_api",), "dfa API at most 1.5x raw web3 (preset gas) per transfer, on anvil",
          lambda r: r["transfer_api"]["dfa"] <= 1.5 * r["transfer_api"]["baseline"]),
    Floor(("onboard",), "onboarding 10,000 investors from a CSV on anvil: under a minute",
          lambda r: r["onboard"]["count"] >= 10_000 and r["onboard"]["dfa"] < 60),
    Floor(("extract",), "register extract of 10,000 holders after 20,000 transfers on anvil: under 10 seconds",
          lambda r: r["extract"]["count"] >= 10_000 and r["extract"]["dfa"] < 10),
)


def check(floors: tuple[Floor, ...], results: Results) -> list[tuple[Floor, bool]]:
    """Each floor whose scenarios were all measured, with whether it was met."""
    return [(f, f.met(results)) for f in floors if all(s in results for s in f.scenarios)]
