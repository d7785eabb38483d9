"""How good a rota the solver finds in how long: objective, bound, gap and time, case by case.

    .venv/bin/python benchmarks/bench_solver.py [--suite NAME[,NAME...]] [--only CASE[,CASE...]]
        [--time-limit S] [--workers N] [--seed N] [--runs N] [--family-seed N] [--stages]

Suites (`--cases` is another name for `--suite`; default: samples,centres,curtois):
- samples: the two samples, `small` (samples/housing-1-week.xlsx, 10 s) and `big`
  (samples/housing-4-weeks.xlsx, 60 s), which may also be named on their own;
- centres: the 4-week sample scaled to 30, 120 and 300 staff over 1 and 4 weeks (120 s each);
- curtois: the Curtois & Qu benchmark instances 1-16 against their best known values (60 s each,
  rules strict, as the benchmark has them);
- family: the seeded family of varied centres (benchmarks/family.py; 60 s each), drawn from
  `--family-seed`;
- all: every one of these.

For each case it prints the objective, bound, gap, breaches, seconds, the best known value
(Curtois) and the checker's verdict: every plan is run through the checker, both as solved and as
its rota workbook reads back (what `planner check` judges), and any disagreement is printed. A
case whose solve or check raises is reported with its traceback, and the suite goes on. Each
suite ends with its median and worst gap and, for Curtois, the median and worst excess of the
objective over the best known value.

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
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import family  # noqa: E402
from benchmarks.centres import generated_centre  # noqa: E402
from planner.checks import check_rota  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.io.curtois import read_curtois  # noqa: E402
from planner.io.rota_reading import read_rota_workbook  # noqa: E402
from planner.io.rota_writing import write_rota_workbook  # noqa: E402
from planner.model import Scenario  # noqa: E402
from solver import SolveOptions, solve  # noqa: E402
from tests.solver.model_view import differences, model_disagreements, model_watched  # noqa: E402

CURTOIS = ROOT / "tests" / "data" / "curtois"
CURTOIS_INSTANCES = range(1, 17)
TARGET_GAP = {"housing-1-week": 0.005, "housing-4-weeks": 0.01}
SUITES = ("samples", "centres", "curtois", "family")
SAMPLES = {"small": ("housing-1-week", 10.0), "big": ("housing-4-weeks", 60.0)}
DEFAULT = "samples,centres,curtois"


@dataclass(frozen=True)
class Case:
    suite: str
    name: str
    load: Callable[[], Scenario]
    seconds: float
    best: float | None = None  # the best known objective (benchmark instances)


def cases(suite: str, family_seed: int = 0) -> Iterator[Case]:
    """The cases of one suite (or of one sample, `small` or `big`), in order.

    The benchmark instances are solved with strict rules: the benchmark's rules are all hard.
    """
    for key, (name, seconds) in SAMPLES.items():
        if suite in (key, "samples"):
            yield Case("samples", name, lambda name=name: _sample(f"{name}.xlsx"), seconds)
    if suite == "centres":
        for staff in (30, 120, 300):
            for weeks in (1, 4):
                yield Case(suite, f"centre-{staff}-staff-{weeks}-weeks",
                           lambda s=staff, w=weeks: generated_centre(s, w), 120.0)
    if suite == "curtois":
        best = {row["instance"]: float(row["best_known_ub"]) for row in csv.DictReader(
            (CURTOIS / "best_known.tsv").open(), delimiter="\t")}
        for n in CURTOIS_INSTANCES:
            name = f"Instance{n}"
            yield Case(suite, name, lambda name=name: read_curtois(CURTOIS / f"{name}.txt"),
                       60.0, best[name])
    if suite == "family":
        for name, scenario in family.family(family_seed):
            yield Case(suite, name, lambda scenario=scenario: scenario, family.SECONDS)


def _sample(name: str) -> Scenario:
    return load_scenario(ROOT / "samples" / name).require()


def chosen_suites(text: str) -> list[str]:
    """The suites (and single samples) a comma list names, `all` for every suite, in order."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [n for n in names if n not in SUITES + tuple(SAMPLES) + ("all",)]
    if unknown:
        raise ValueError(f"unknown suite {', '.join(unknown)}; choose from "
                         f"{', '.join(SUITES + ('all',))} (or small, big)")
    found: list[str] = []
    for name in names:
        found += [suite for suite in (SUITES if name == "all" else (name,)) if suite not in found]
    return [name for name in found if name not in SAMPLES or "samples" not in found]


@dataclass
class Result:
    name: str
    gap: float
    excess: float | None  # over the best known value, as a fraction of it


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", "--cases", dest="suite", default=None,
                        help=f"comma list of {', '.join(SUITES)}, all, small, big "
                        f"(default: {DEFAULT}; with --only: all)")
    parser.add_argument("--only", help="run only the case with this name (or a comma list)")
    parser.add_argument("--time-limit", type=float, help="seconds per case (default: per case)")
    parser.add_argument("--workers", type=int, default=SolveOptions().workers)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=1, help="seeds per case, from --seed on")
    parser.add_argument("--family-seed", type=int, default=0,
                        help="the seed the family of centres is drawn from")
    parser.add_argument("--stages", action="store_true",
                        help="print how each solve went, stage by stage (Plan.stages)")
    args = parser.parse_args(argv)
    try:
        suites = chosen_suites(args.suite or ("all" if args.only else DEFAULT))
    except ValueError as exc:
        parser.error(str(exc))
    only = {name.strip() for name in args.only.split(",")} if args.only else None
    chosen = [case for suite in suites for case in cases(suite, args.family_seed)
              if only is None or case.name in only]
    if only is not None and only - {case.name for case in chosen}:
        parser.error(f"no case named {', '.join(sorted(only - {c.name for c in chosen}))} "
                     f"in {', '.join(suites)}")
    width = max([32] + [len(case.name) + (4 if args.runs > 1 else 0) for case in chosen])
    print(f"{'case':{width}} {'objective':>12} {'bound':>12} {'gap':>8} {'breaches':>8} "
          f"{'seconds':>8} {'best known':>10}  checker", flush=True)
    crashed = 0
    for suite in dict.fromkeys(case.suite for case in chosen):
        results: list[Result] = []
        for case in (c for c in chosen if c.suite == suite):
            found, failed = _run_case(case, args, width)
            results += found
            crashed += failed
        print(_suite_summary(suite, results), flush=True)
    if crashed:
        print(f"{crashed} runs crashed (tracebacks above)")
    return 1 if crashed else 0


def _run_case(case: Case, args, width: int) -> tuple[list[Result], int]:
    """Solve one case `--runs` times and print a line a run; the results and how many crashed."""
    try:
        scenario = case.load()
    except Exception:  # a case that cannot be built is reported, and the suite goes on
        print(f"{case.name:{width}} could not be loaded:", flush=True)
        traceback.print_exc(file=sys.stdout)
        return [], max(1, args.runs)
    limit = args.time_limit or case.seconds
    results, crashed = [], 0
    for seed in range(args.seed, args.seed + max(1, args.runs)):
        label = case.name if args.runs <= 1 else f"{case.name} #{seed}"
        started = time.perf_counter()
        try:
            with model_watched() as views:
                plan = solve(scenario, SolveOptions(time_limit=limit, workers=args.workers,
                                                    seed=seed, strict=case.best is not None))
            wall = time.perf_counter() - started
            disagree = _disagreements(scenario, plan, views)
        except Exception:  # reported with its traceback; the other cases still run
            print(f"{label:{width}} crashed after {time.perf_counter() - started:.1f} s:",
                  flush=True)
            traceback.print_exc(file=sys.stdout)
            crashed += 1
            continue
        verdict = "agrees" if not disagree else f"{len(disagree)} differences"
        known = f"{case.best:10.0f}" if case.best is not None else f"{'':>10}"
        print(f"{label:{width}} {plan.objective:12.2f} {plan.bound:12.2f} {plan.gap:8.2%} "
              f"{len(plan.assessment.breaches):8d} {wall:8.1f} {known}  {verdict}", flush=True)
        for line in disagree[:5]:
            print(f"    {line}")
        for stage in plan.stages if args.stages else ():
            print(f"    {stage.line()}")
        excess = None if case.best is None else (plan.objective - case.best) / case.best
        results.append(Result(case.name, plan.gap, excess))
    if len(results) > 1:
        print(_summary(case.name, [r.gap for r in results]), flush=True)
    return results, crashed


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


def _suite_summary(suite: str, results: list[Result]) -> str:
    """A suite's median and worst gap over all its runs, and its median and worst excess over
    the best known values where there are any."""
    if not results:
        return f"== {suite}: no run finished"
    worst = max(results, key=lambda r: r.gap)
    line = (f"== {suite}: {len(results)} runs, median gap "
            f"{statistics.median(r.gap for r in results):.2%}, worst {worst.gap:.2%} "
            f"({worst.name})")
    known = [r for r in results if r.excess is not None]
    if known:
        most = max(known, key=lambda r: r.excess)
        line += (f"; over best known: median {statistics.median(r.excess for r in known):.2%}, "
                 f"worst {most.excess:.2%} ({most.name})")
    return line


if __name__ == "__main__":
    sys.exit(main())
