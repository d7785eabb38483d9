"""Whether `planner solve --time-limit S` ends on time, with a rota, on large and awkward plans.

    .venv/bin/python benchmarks/bench_time_limits.py [--runs 3] [--limits 1,2,5,10]
        [--only NAME] [--planner COMMAND]

Each scenario is saved as a workbook in a temporary folder and solved by `planner solve` as a
whole process, N times for each time limit: the wall time counts Python's start-up, loading the
scenario, the solve and writing the rota workbook. It prints the median and worst wall time, the
statuses, and the median objective, bound and gap. Scenarios:

- `84-days`: a generated centre of 30 staff over 12 weeks (`centres.py`);
- `dated-demand`: the 4-week sample over 61 days with its demand written out as dated rows,
  every day and interval with contacts its own row (10,144 rows);
- `sample-4-weeks`: samples/housing-4-weeks.xlsx as it is;
- `300-staff`: a generated centre of 300 staff over 4 weeks.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.centres import generated_centre  # noqa: E402
from planner.demand import demand_grid  # noqa: E402
from planner.io import load_scenario, save_scenario  # noqa: E402
from planner.model import DemandRow, Scenario  # noqa: E402

SAMPLE = ROOT / "samples" / "housing-4-weeks.xlsx"
DATED_DAYS = 61  # the 4-week sample's demand over this many days is 10,144 dated rows


def dated_demand(days: int = DATED_DAYS) -> Scenario:
    """The 4-week sample over `days` days, its demand given as one dated row per day, interval
    and channel with contacts instead of as a weekly profile."""
    base = load_scenario(SAMPLE).scenario
    longer = replace(base, settings=replace(base.settings, plan_days=days))
    grid = demand_grid(longer)
    rows = tuple(DemandRow(channel.name, start, round(float(grid.volume[d, t, k]), 3),
                           date=date, aht_seconds=float(grid.aht_seconds[d, t, k]))
                 for d, date in enumerate(grid.dates) for t, start in enumerate(grid.starts)
                 for k, channel in enumerate(grid.channels) if grid.volume[d, t, k] > 0)
    return replace(longer, demand=rows)


def scenarios():
    """(name, a function that gives the scenario)."""
    yield "84-days", lambda: generated_centre(30, 12)
    yield "dated-demand", dated_demand
    yield "sample-4-weeks", lambda: load_scenario(SAMPLE).scenario
    yield "300-staff", lambda: generated_centre(300, 4)


def solve_once(planner: list[str], scenario: Path, folder: Path, limit: float) -> dict:
    """One `planner solve` run: its wall time and the summary it writes as JSON."""
    out, summary = folder / "rota.xlsx", folder / "summary.json"
    summary.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run([*planner, "solve", str(scenario), "--out", str(out),
                           "--time-limit", f"{limit:g}", "--json", str(summary)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    result = json.loads(summary.read_text()) if summary.exists() else {}
    if done.returncode != 0 and not result:
        result = {"status": f"exit {done.returncode}"}
    return result | {"wall": wall, "written": out.exists() and done.returncode == 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each scenario and limit")
    parser.add_argument("--limits", default="1,2,5,10", help="time limits in seconds")
    parser.add_argument("--only", help="run only the scenario with this name")
    parser.add_argument("--planner", default=str(Path(sys.executable).parent / "planner"),
                        help="the planner command (default: the one beside this Python)")
    args = parser.parse_args()
    limits = [float(s) for s in args.limits.split(",")]
    planner = args.planner.split()
    print(f"{'scenario':16s} {'limit':>5s} {'median':>7s} {'worst':>7s}  {'status':30s} "
          f"{'objective':>12s} {'bound':>12s} {'gap':>7s}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in scenarios():
            if args.only and name != args.only:
                continue
            path = folder / f"{name}.xlsx"
            save_scenario(make(), path)
            for limit in limits:
                runs = [solve_once(planner, path, folder, limit) for _ in range(args.runs)]
                _print_row(name, limit, runs)
                (folder / "rota.xlsx").unlink(missing_ok=True)
    return 0


def _print_row(name: str, limit: float, runs: list[dict]) -> None:
    walls = [r["wall"] for r in runs]
    statuses = ", ".join(f"{n} {s}" for s, n in _counted(
        r.get("status", "?") + ("" if r["written"] else " (none written)") for r in runs))
    found = [r for r in runs if isinstance(r.get("objective"), float) and r["written"]]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in found) if found else float("nan")

    print(f"{name:16s} {limit:5g} {statistics.median(walls):6.1f}s {max(walls):6.1f}s  "
          f"{statuses:30s} {median('objective'):12,.0f} {median('bound'):12,.0f} "
          f"{median('gap'):7.1%}", flush=True)


def _counted(items) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return list(counts.items())


if __name__ == "__main__":
    sys.exit(main())
