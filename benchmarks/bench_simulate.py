"""Time the rota simulation: a rota workbook x 20 replications, the median of a few runs.

Make the four-week rota first, then time it:

    .venv/bin/planner solve samples/housing-4-weeks.xlsx --out rota4.xlsx --time-limit 30
    .venv/bin/python benchmarks/bench_simulate.py rota4.xlsx [--runs 3] [--replications 20]
        [--workers N]

The time counted is `planner.simulation.simulate_rota` (laying out the rota, every replication
of every live channel, and the summary), not reading the workbook. The target is under 30 s
for four weeks of about 30 advisors at 20 replications on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.io.rota_reading import read_rota_workbook  # noqa: E402
from planner.simulation import simulate_rota  # noqa: E402

TARGET_SECONDS = 30.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rota", type=Path, help="rota workbook written by 'planner solve'")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None,
                        help="processes (default: one per processor)")
    args = parser.parse_args(argv)

    read = read_rota_workbook(args.rota)
    if not read.ok:
        for problem in read.problems:
            print(problem, file=sys.stderr)
        return 2
    scenario = read.load.require()
    times, result = [], None
    for run in range(args.runs):
        started = time.perf_counter()
        result = simulate_rota(scenario, read.rota, read.activities, args.replications,
                               seed=run, workers=args.workers)
        times.append(time.perf_counter() - started)
    contacts = sum(p.simulated.contacts for p in result.overall)
    workers = min(args.workers or os.cpu_count() or 1, args.replications)
    median = statistics.median(times)
    print(f"{args.rota}: {scenario.settings.plan_days} days, {len(scenario.staff)} staff, "
          f"{contacts:,.0f} live contacts per replication, {args.replications} replications "
          f"on {workers} worker process{'es' * (workers != 1)} ({os.cpu_count()} processors).")
    print(f"simulate_rota: median {median:.2f} s over {args.runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}); target under {TARGET_SECONDS:.0f} s: "
          f"{'met' if median < TARGET_SECONDS else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
