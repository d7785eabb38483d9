"""Time the rota checker on the four-week sample (or a generated centre) with a full rota.

By default the rota puts everyone on their first allowed shift pattern on each weekday it is
worked (OFF at weekends and on days that pattern is not worked), with no activities, so the
checker fills every person's day by default: the heaviest case for it. With `--solve S` the
rota is the solver's after S seconds, with its activities, and the time is what every solve
pays at its end for its one account of the rota (the checker's).

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--scenario FILE | --staff N]
        [--weeks 4] [--solve S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.checks import check_rota  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.model import Scenario  # noqa: E402
from planner.plan import OFF, RotaCell  # noqa: E402

SAMPLE = ROOT / "samples" / "housing-4-weeks.xlsx"
TARGET_SECONDS = 2.0


def plausible_rota(scenario: Scenario) -> tuple[RotaCell, ...]:
    """Everyone on their first allowed pattern on weekdays it is worked, OFF otherwise."""
    patterns = {p.code: p for p in scenario.patterns}
    cells = []
    for person in scenario.staff:
        pattern = patterns[(person.patterns or tuple(patterns))[0]]
        for day in scenario.settings.dates:
            works = day.weekday() < 5 and day.weekday() in pattern.days
            cells.append(RotaCell(person.staff_id, day, pattern.code if works else OFF))
    return tuple(cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is shown")
    parser.add_argument("--scenario", type=Path, default=SAMPLE, help="scenario workbook")
    parser.add_argument("--staff", type=int, help="a generated centre of this many staff "
                        "(benchmarks/centres.py) instead of --scenario")
    parser.add_argument("--weeks", type=int, default=4, help="weeks of the generated centre")
    parser.add_argument("--solve", type=float, metavar="S", help="judge the solver's rota after "
                        "S seconds, with its activities, instead of the plausible one")
    args = parser.parse_args(argv)

    if args.staff:
        from benchmarks.centres import generated_centre

        scenario, name = generated_centre(args.staff, args.weeks), f"{args.staff} staff"
    else:
        loaded = load_scenario(args.scenario)
        if not loaded.ok:
            for problem in loaded.errors:
                print(problem)
            return 2
        scenario, name = loaded.scenario, args.scenario.name
    rota, activities, updates = plausible_rota(scenario), (), ()
    if args.solve:
        from solver import SolveOptions, solve

        plan = solve(scenario, SolveOptions(time_limit=args.solve))
        rota, activities, updates = plan.rota, plan.activities, plan.updates
    settings = scenario.settings
    print(f"{name}: {len(scenario.staff)} people x {settings.plan_days} days, "
          f"{settings.intervals_per_day} intervals x {len(scenario.channels)} channels; "
          f"{sum(c.works for c in rota)} shifts, {len(activities)} activities given")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        assessment = check_rota(scenario, rota, activities, updates)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    rules = Counter(b.rule for b in assessment.breaches)
    print(f"breaches: {dict(rules) or 'none'}; objective {assessment.objective:,.0f} pounds")
    verdict = "meets" if median < TARGET_SECONDS else "MISSES"
    print(f"check_rota median of {args.runs} runs: {median:.3f} s "
          f"({verdict} the {TARGET_SECONDS} s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
