"""Does the rota staff the peaks? Read a rota as a team leader reads its coverage.

For every day and live channel: the smallest ratio of planned to needed advisors over the open
intervals (those needing someone), against the day's overall ratio (planned over needed, summed
over the day). A rota that follows the shape of demand keeps the smallest at least half the
overall; one that starves the peaks has intervals at 0 while the day overall is at 0.3.

Then the intervals with nobody on a live channel (and contacts coming) while someone skilled
for it is at work on email or case work, and the most people on a break at once against their
share (people at work / intervals of the break window).

    .venv/bin/python benchmarks/bench_peaks.py [--scenario FILE] [--time-limit 60]
        [--rota ROTA.xlsx] [--seed 0] [--json FILE] [--out ROTA.xlsx] [--simulate 20]

With `--rota` the rota workbook's own rota is read (and checked) instead of solving. With
`--simulate N` the rota is also simulated (N replications, seed 1, as `planner simulate ROTA
--replications N --seed 1`): each channel's abandonment and average wait, and the intervals
where the checker's figure falls outside the simulation's 95% interval.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.checks import check_rota  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.io.rota_reading import read_rota_workbook  # noqa: E402
from planner.kpis import kpis_of  # noqa: E402

SAMPLE = ROOT / "samples" / "housing-4-weeks.xlsx"
BREAK = "BREAK"


def rota_of(args):
    """(scenario, rota, activities, assessment, how it was made); with --out, the solved rota
    is written there too."""
    if args.rota:
        read = read_rota_workbook(args.rota)
        if not read.ok:
            sys.exit("\n".join(str(p) for p in read.problems))
        scenario = read.scenario
        assessment = check_rota(scenario, read.rota, read.activities, read.updates)
        return scenario, read.rota, read.activities, assessment, f"read from {args.rota}"
    from solver import SolveOptions, solve

    scenario = load_scenario(args.scenario).require()
    plan = solve(scenario, SolveOptions(time_limit=args.time_limit, seed=args.seed))
    if args.out:
        from planner.io.rota_writing import write_rota_workbook

        write_rota_workbook(args.out, scenario, plan)
    how = (f"solved {plan.wall_seconds:.0f} s, {plan.status}, search objective "
           f"{plan.objective:,.0f}, gap {plan.gap:.1%}")
    return scenario, plan.rota, plan.activities, plan.assessment, how


def shape(coverage) -> list[dict]:
    """Per day and live channel: the smallest interval ratio and the day's overall ratio."""
    days: dict[tuple, list] = defaultdict(list)
    for row in coverage:
        if row.required > 0:
            days[(row.date, row.channel)].append(row)
    found = []
    for (date, channel), rows in sorted(days.items()):
        needed = sum(r.required for r in rows)
        planned = sum(min(r.planned, r.required) for r in rows)
        worst = min(rows, key=lambda r: r.planned / r.required)
        found.append({"date": date.isoformat(), "channel": channel,
                      "overall": planned / needed, "smallest": worst.planned / worst.required,
                      "at": f"{worst.interval_start:%H:%M}", "needed_then": worst.required,
                      "planned_then": worst.planned})
    return found


def doing_at(activities, interval_minutes: int) -> dict[dt.datetime, dict[str, str]]:
    """Who does what in each interval: {interval start: {staff_id: activity}}."""
    step = dt.timedelta(minutes=interval_minutes)
    found: dict[dt.datetime, dict[str, str]] = defaultdict(dict)
    for a in activities:
        at = a.start
        while at < a.end:
            found[at][a.staff_id] = a.activity
            at += step
    return found


def misplaced(scenario, coverage, activities) -> list[dict]:
    """Intervals with nobody on a live channel while someone skilled for it does deferred work."""
    live = {c.name for c in scenario.channels if c.kind.is_live}
    deferred = {c.name for c in scenario.channels if not c.kind.is_live} | {
        q.name for q in scenario.case_queues}
    skills = {s.staff_id: set(s.skills) for s in scenario.staff}
    doing = doing_at(activities, scenario.settings.interval_minutes)
    found = []
    for row in coverage:
        if row.channel not in live or row.planned > 0 or row.volume <= 0:
            continue
        at = dt.datetime.combine(row.date, row.interval_start)
        elsewhere = [who for who, what in doing.get(at, {}).items()
                     if what in deferred and row.channel in skills.get(who, ())]
        if elsewhere:
            found.append({"at": at.isoformat(timespec="minutes"), "channel": row.channel,
                          "needed": row.required, "skilled_on_deferred_work": len(elsewhere)})
    return found


def breaks(activities, interval_minutes: int) -> dict:
    """The most people on a break at once, and how many were at work then."""
    doing = doing_at(activities, interval_minutes)
    worst = max(doing.items(), key=lambda item: sum(v == BREAK for v in item[1].values()),
                default=None)
    if worst is None:
        return {}
    at, who = worst
    return {"at": at.isoformat(timespec="minutes"),
            "on_break": sum(v == BREAK for v in who.values()), "at_work": len(who)}


def simulated_figures(scenario, rota, activities, replications: int | None) -> dict | None:
    """With `replications`, each channel's simulated abandonment and average wait and the
    intervals where the checker's figure falls outside the simulation's interval, printed."""
    if not replications:
        return None
    from planner.simulation import MIN_CONTACTS, simulate_rota
    from planner.words import share, wait

    result = simulate_rota(scenario, rota, activities, replications=replications, seed=1)
    found = {"outside": len(result.flagged), "judged": sum(
        1 for row in result.intervals if row.simulated.contacts >= MIN_CONTACTS), "channels": {}}
    print(f"simulated, {replications} replications, seed 1:")
    for period in result.overall:
        figures = period.simulated
        found["channels"][period.channel] = {
            "abandon_rate": figures.abandon_rate.mean, "asa_seconds": figures.asa_seconds.mean}
        print(f"  {period.channel:<10} abandonment {share(figures.abandon_rate.mean)}, "
              f"average wait {wait(figures.asa_seconds.mean)}")
    print(f"  the checker's figure outside the simulation's 95% interval in "
          f"{found['outside']} of {found['judged']} judged intervals")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=SAMPLE)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rota", type=Path, help="a rota workbook to read instead of solving")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--out", type=Path, help="write the solved rota workbook here (for "
                        "planner simulate)")
    parser.add_argument("--simulate", type=int, metavar="N", help="simulate the rota too, "
                        "N replications")
    args = parser.parse_args(argv)

    scenario, rota, activities, assessment, how = rota_of(args)
    kpis = kpis_of(scenario, assessment)
    days = shape(assessment.coverage)
    starved = [d for d in days if d["smallest"] < 0.5 * d["overall"]]
    empty = misplaced(scenario, assessment.coverage, activities)
    most = breaks(activities, scenario.settings.interval_minutes)

    print(f"{args.rota or args.scenario}: {how}")
    print(f"cost £{kpis.cost.total:,.2f}, paid {kpis.paid_hours:,.1f} hours, "
          f"{len(kpis.breaches)} broken rules")
    for f in kpis.channels:
        print(f"  {f.channel:<10} service level {f.service_level:.1%}, abandonment "
              f"{f.abandon_rate:.1%}")
    print(f"days x live channels: {len(days)}; with an interval below half the day's ratio: "
          f"{len(starved)}")
    for d in sorted(starved, key=lambda d: d["smallest"] / max(d["overall"], 1e-9))[:12]:
        print(f"  {d['date']} {d['channel']:<10} smallest {d['smallest']:.2f} at {d['at']} "
              f"({d['planned_then']} of {d['needed_then']}), day overall {d['overall']:.2f}")
    print(f"open intervals with nobody on a live channel while someone skilled for it does "
          f"email or case work: {len(empty)}")
    for e in empty[:8]:
        print(f"  {e['at']} {e['channel']}: {e['needed']} needed, "
              f"{e['skilled_on_deferred_work']} skilled on deferred work")
    if most:
        print(f"most on a break at once: {most['on_break']} of {most['at_work']} at work, "
              f"{most['at']}")
    simulated = simulated_figures(scenario, rota, activities, args.simulate)
    if args.json:
        args.json.write_text(json.dumps({"how": how, "days": days, "starved": len(starved),
                                         "misplaced": empty, "breaks": most,
                                         "simulated": simulated}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
