"""How good a rota the solver finds in how long: objective, bound, gap and time, case by case.

    .venv/bin/python benchmarks/bench_solver.py [--cases small,big,curtois,centres]
        [--time-limit S] [--workers N] [--seed N] [--runs N] [--only NAME]

Cases: the two samples (small: samples/housing-1-week.xlsx, 10 s; big: samples/housing-4-weeks.xlsx,
60 s), generated contact centres of 30, 120 and 300 staff over 1 and 4 weeks (120 s), and the
Curtois & Qu benchmark instances 1-8 against their best known values (60 s each). Every plan is
also run through the checker, both as solved and as its rota workbook reads back (what
`planner check` judges), and any disagreement is printed.

The search is not repeatable from run to run (its threads race), so one run says little about the
next: `--runs N` solves each case with N seeds from `--seed` on, and ends each case with the median
and worst gap and, for the samples, how many runs met their target gap.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.centres import generated_centre  # noqa: E402
from planner.checks import check_rota  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.io.curtois import read_curtois  # noqa: E402
from planner.io.rota_reading import read_rota_workbook  # noqa: E402
from planner.io.rota_writing import write_rota_workbook  # noqa: E402
from solver import SolveOptions, solve  # noqa: E402
from tests.solver.model_view import differences, model_disagreements, model_watched  # noqa: E402

CURTOIS = ROOT / "tests" / "data" / "curtois"
TARGET_GAP = {"housing-1-week": 0.005, "housing-4-weeks": 0.01}


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
    parser.add_argument("--runs", type=int, default=1, help="seeds per case, from --seed on")
    args = parser.parse_args(argv)
    print(f"{'case':32} {'objective':>12} {'bound':>12} {'gap':>8} {'seconds':>8} "
          f"{'best known':>10} {'breaches':>8}  checker")
    for name, load, seconds, best in cases(set(args.cases.split(","))):
        if args.only and name != args.only:
            continue
        scenario = load()
        limit = args.time_limit or seconds
        gaps = []
        for seed in range(args.seed, args.seed + max(1, args.runs)):
            label = name if args.runs <= 1 else f"{name} #{seed}"
            started = time.perf_counter()
            with model_watched() as views:
                plan = solve(scenario, SolveOptions(time_limit=limit, workers=args.workers,
                                                    seed=seed, strict=best is not None))
            wall = time.perf_counter() - started
            disagree = _disagreements(scenario, plan, views)
            verdict = "agrees" if not disagree else f"{len(disagree)} differences"
            known = f"{best:10.0f}" if best is not None else f"{'':>10}"
            print(f"{label:32} {plan.objective:12.2f} {plan.bound:12.2f} {plan.gap:8.2%} "
                  f"{wall:8.1f} {known} {len(plan.assessment.breaches):8d}  {verdict}",
                  flush=True)
            for line in disagree[:5]:
                print(f"    {line}")
            gaps.append(plan.gap)
        if len(gaps) > 1:
            print(_summary(name, gaps), flush=True)
    return 0


def _disagreements(scenario, plan, views) -> list[str]:
    """Where the model that found the plan saw it otherwise than the checker judges it
    (`views`, read back from the model's variables), and where `planner check` judges the rota
    workbook `planner solve` writes for it, read back, otherwise than the plan."""
    found = model_disagreements(scenario, plan, views)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rota.xlsx"
        write_rota_workbook(path, scenario, plan)
        read = read_rota_workbook(path)
        if not read.ok:
            return found + [f"the written rota reads back with {len(read.problems)} problems"]
        again = check_rota(read.load.require(), read.rota, read.activities, read.updates)
    return found + [f"read back: {line}" for line in differences(plan.assessment, again)]


def _summary(name: str, gaps: list[float]) -> str:
    """The median and worst gap of a case's runs, and how many met its target gap."""
    line = (f"{name}: {len(gaps)} runs, median gap {statistics.median(gaps):.2%}, "
            f"worst {max(gaps):.2%}")
    target = TARGET_GAP.get(name)
    if target is not None:
        met = sum(gap <= target for gap in gaps)
        line += f", at or under {target:.1%} in {met} of {len(gaps)}"
    return line


if __name__ == "__main__":
    sys.exit(main())
