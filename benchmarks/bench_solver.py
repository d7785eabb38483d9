"""How good a rota the solver finds in how long: objective, bound, gap and time, case by case.

    .venv/bin/python benchmarks/bench_solver.py [--cases small,big,curtois,centres]
        [--time-limit S] [--workers N] [--seed N] [--only NAME]

Cases: the two samples (small: samples/housing-1-week.xlsx, 10 s; big: samples/housing-4-weeks.xlsx,
60 s), generated contact centres of 30, 120 and 300 staff over 1 and 4 weeks (120 s), and the
Curtois & Qu benchmark instances 1-8 against their best known values (60 s each). Every plan is
also run through the checker, and any disagreement is printed.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.centres import generated_centre  # noqa: E402
from planner.checks import check_rota  # noqa: E402
from planner.checks.compare import differences  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.io.curtois import read_curtois  # noqa: E402
from solver import SolveOptions, solve  # noqa: E402

CURTOIS = ROOT / "tests" / "data" / "curtois"


def cases(chosen: set[str]):
    """(name, scenario loader, seconds, best known value or None).

    The benchmark instances are solved with strict rules: the benchmark's rules are all hard.
    """
    if "small" in chosen:
        yield "housing-1-week", lambda: _sample("housing-1-week.xlsx"), 10.0, None
    if "big" in chosen:
        yield "housing-4-weeks", lambda: _sample("housing-4-weeks.xlsx"), 60.0, None
    if "centres" in chosen:
        for staff in (30, 120, 300):
            for weeks in (1, 4):
                yield (f"centre-{staff}-staff-{weeks}-weeks",
                       lambda s=staff, w=weeks: generated_centre(s, w), 120.0, None)
    if "curtois" in chosen:
        best = {row["instance"]: float(row["best_known_ub"]) for row in csv.DictReader(
            (CURTOIS / "best_known.tsv").open(), delimiter="\t")}
        for n in range(1, 9):
            name = f"Instance{n}"
            yield name, lambda name=name: read_curtois(CURTOIS / f"{name}.txt"), 60.0, best[name]


def _sample(name: str):
    return load_scenario(ROOT / "samples" / name).require()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="small,big,centres,curtois")
    parser.add_argument("--only", help="run only the case with this name")
    parser.add_argument("--time-limit", type=float, help="seconds per case (default: per case)")
    parser.add_argument("--workers", type=int, default=SolveOptions().workers)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"{'case':32} {'objective':>12} {'bound':>12} {'gap':>8} {'seconds':>8} "
          f"{'best known':>10} {'breaches':>8}  checker")
    for name, load, seconds, best in cases(set(args.cases.split(","))):
        if args.only and name != args.only:
            continue
        scenario = load()
        limit = args.time_limit or seconds
        started = time.perf_counter()
        plan = solve(scenario, SolveOptions(time_limit=limit, workers=args.workers,
                                            seed=args.seed, strict=best is not None))
        wall = time.perf_counter() - started
        checked = check_rota(scenario, plan.rota, plan.activities, plan.updates)
        disagree = differences(plan.assessment, checked)
        verdict = "agrees" if not disagree else f"{len(disagree)} differences"
        known = f"{best:10.0f}" if best is not None else f"{'':>10}"
        print(f"{name:32} {plan.objective:12.2f} {plan.bound:12.2f} {plan.gap:8.2%} "
              f"{wall:8.1f} {known} {len(plan.assessment.breaches):8d}  {verdict}", flush=True)
        for line in disagree[:5]:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
