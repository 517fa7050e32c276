"""The markdown report: gas side by side with ratios, timings against their in-run baseline, floors."""

from __future__ import annotations

from benchmarks.floors import Floor
from benchmarks.gas import GAS_SCENARIOS
from benchmarks.startup import STARTUP
from benchmarks.throughput import TIME_SCENARIOS

SYSTEMS = (("floor", "ERC-20 floor"), ("trex", "T-REX"), ("dfa", "dfa"))


def markdown(results: dict[str, dict[str, float]], gas_checks: list[tuple[Floor, bool]],
             time_checks: list[tuple[Floor, bool]], header: str) -> str:
    lines = [header, "", "Gas (from receipts)", ""]
    lines += _table(["scenario", *(name for _, name in SYSTEMS), "dfa / floor", "dfa / T-REX"], [
        [s.title, *(_gas(results[s.key].get(k)) for k, _ in SYSTEMS),
         _ratio(results[s.key].get("dfa"), results[s.key].get("floor")),
         _ratio(results[s.key].get("dfa"), results[s.key].get("trex"))]
        for s in GAS_SCENARIOS if s.key in results])
    timed = [(s, backend) for s in TIME_SCENARIOS for backend in ("embedded", "anvil")
             if f"{s.key}/{backend}" in results]
    timed += [(STARTUP, "none")] if STARTUP.key in results else []
    if timed:
        lines += ["", "Time (seconds; the baseline is measured in the same run)", ""]
        lines += _table(["scenario", "chain", "count", "baseline", "baseline s", "dfa s", "dfa / baseline"], [
            [s.title, backend, f"{r['count']:,}", s.baseline, _seconds(r.get("baseline")), _seconds(r["dfa"]),
             _ratio(r["dfa"], r.get("baseline"))]
            for s, backend, r in ((s, b, results[s.key if b == "none" else f"{s.key}/{b}"]) for s, b in timed)])
    lines += ["", "Floors (issue 6)", ""]
    lines += [f"- {'met' if met else 'MISSED'}: {floor.text}" for floor, met in gas_checks + time_checks]
    return "\n".join(lines)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def _gas(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}"


def _ratio(value: float | None, base: float | None) -> str:
    return "n/a" if value is None or not base else f"{value / base:.2f}"
