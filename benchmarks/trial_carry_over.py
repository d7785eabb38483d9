"""Trial: would carrying the queue from one interval to the next bring the checker's figures
closer to the simulation's? Counts the intervals outside the simulation's 95% interval, as
`planner simulate` counts them, for the checker's Erlang figures and for a fluid carry-over.

    .venv/bin/planner simulate ROTA.xlsx --replications 20 --seed 1 --json SIM.json
    .venv/bin/python benchmarks/trial_carry_over.py ROTA.xlsx SIM.json

The fluid model, per live channel, interval after interval (reset when the channel closes):
x contacts in the system change at rate arrivals - served - abandoned, with served at
min(x, servers) / handle time and abandoned at (x - servers)+ / patience, in 30 steps an
interval. Where its queue builds (over half a contact), a contact arriving when the queue is
q waits w = ln(1 + q / (servers x patience / handle time)) x patience (the queue ahead thins
as callers give up), gives up with probability 1 - exp(-w / patience), and is answered within
target only if w is within it; elsewhere the interval keeps Erlang's figures.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.demand import demand_grid  # noqa: E402
from planner.io.rota_reading import read_rota_workbook  # noqa: E402

STEPS = 30
MIN_CONTACTS = 5.0
FIGURES = ("service_level", "asa_seconds", "abandon_rate")


def misses(simulated: dict, value, slack: float, runs: int) -> bool:
    """As planner.simulation.figures.Estimate.misses, on the JSON `planner simulate` writes."""
    if simulated["replications"] < max(runs, 2) or value is None or simulated["mean"] is None:
        return False
    if math.isinf(value):
        return math.isfinite(simulated["high"])
    return value < simulated["low"] - slack or value > simulated["high"] + slack


def fluid_figures(row: dict, x: float, channel, aht: float, seconds: float):
    """(figures or None where the queue does not build, contacts in the system at the end)."""
    theta = 0.0 if channel.patience_seconds is None else 1.0 / channel.patience_seconds
    arrivals, servers = row["volume"] / seconds, row["agents"] * channel.concurrency
    rate = 1.0 / aht if aht > 0 else 0.0
    step, waits, builds = seconds / STEPS, [], False
    for _ in range(STEPS):
        queue = max(x - servers, 0.0)
        if servers > 0 and rate > 0:
            clearing = servers * rate
            waits.append(math.log1p(theta * queue / clearing) / theta if theta > 0
                         else queue / clearing)
        else:
            waits.append(math.inf if arrivals > 0 else 0.0)
        builds = builds or queue > 0.5
        x = max(0.0, x + (arrivals - rate * min(x, servers) - theta * queue) * step)
    if not builds or row["volume"] <= 0:
        return None, x
    kept = [math.exp(-theta * w) if math.isfinite(w) else float(theta == 0) for w in waits]
    answered = sum(kept)
    target = channel.target_answer_seconds
    in_time = sum(k for k, w in zip(kept, waits, strict=True) if w <= target)
    return {"service_level": in_time / STEPS,
            "asa_seconds": (sum(w * k for w, k in zip(waits, kept, strict=True)) / answered
                            if answered > 0 else math.inf),
            "abandon_rate": 1.0 - answered / STEPS}, x


def main(rota_path: str, simulation_path: str) -> int:
    scenario = read_rota_workbook(rota_path).scenario
    grid = demand_grid(scenario)
    channels = {str(c.name): c for c in scenario.channels}
    seconds = scenario.settings.interval_minutes * 60.0
    days = {d: i for i, d in enumerate(grid.dates)}
    starts = {t: i for i, t in enumerate(grid.starts)}
    columns = {str(c.name): k for k, c in enumerate(grid.channels)}
    simulation = json.loads(Path(simulation_path).read_text())
    runs = -(-simulation["replications"] // 2)
    by_channel = defaultdict(list)
    for row in simulation["intervals"]:
        by_channel[row["channel"]].append(row)
    counted = {"erlang": defaultdict(int), "carried": defaultdict(int)}
    judged = 0
    for name, rows in by_channel.items():
        channel, x, last = channels[name], 0.0, None
        for row in sorted(rows, key=lambda r: (r["date"], r["interval_start"])):
            date = dt.date.fromisoformat(row["date"])
            start = dt.time.fromisoformat(row["interval_start"])
            when = dt.datetime.combine(date, start)
            if last is None or (when - last).total_seconds() > seconds + 1:
                x = 0.0  # the channel was closed: nobody waiting
            last = when
            aht = (float(grid.aht_seconds[days[date], starts[start], columns[name]])
                   if date in days else channel.aht_seconds)
            carried, x = fluid_figures(row, x, channel, aht, seconds)
            simulated = row["simulated"]
            if simulated["contacts"] < MIN_CONTACTS:
                continue
            judged += 1
            one = 1.0 / simulated["contacts"]
            for label, figures in (("erlang", row["erlang"]), ("carried",
                                                               carried or row["erlang"])):
                off = [f for f in FIGURES if misses(simulated[f], _value(figures, f),
                                                    1.0 if f == "asa_seconds" else one, runs)]
                for f in off:
                    counted[label][f] += 1
                counted[label]["intervals"] += bool(off)
    print(f"{rota_path}: {judged} intervals judged (at least {MIN_CONTACTS:g} contacts)")
    for label, found in counted.items():
        print(f"  {label:<8} outside in {found['intervals']} intervals; by figure: "
              + ", ".join(f"{f} {found[f]}" for f in FIGURES))
    return 0


def _value(figures: dict, name: str):
    value = figures[name]
    if value is None and name == "asa_seconds" and figures.get("service_level") == 0 and (
            figures.get("abandon_rate") or 0.0) < 1.0:
        return math.inf  # contacts came and none was ever answered
    return value


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
