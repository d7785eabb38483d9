"""`planner check ROTA.xlsx`: judge a rota workbook, perhaps edited by hand, against the rules.

The rota and each person's activities are read back from the workbook and every rule, service
figure and case deadline is worked out again from them alone, so a team leader can move a
shift in Excel and see what it does.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, json_refused, print_problems


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="check a rota workbook against the rules and show what it achieves",
        description=(
            "Read a rota workbook written by 'planner solve' (and perhaps edited by hand since), "
            "then list every rule it breaks, in words, with the service level, average wait and "
            "abandonment on each channel and the on-time rate and overdue cases of each queue. "
            "Exit code 0 when the workbook could be read, even if rules are broken; 2 when it "
            "could not (every problem is listed with its sheet, row and column)."
        ),
    )
    parser.add_argument("rota", metavar="ROTA.xlsx",
                        help="rota workbook to check, as written by 'planner solve'")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the findings as JSON to FILE (for other programs)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from planner.checks import check_rota
    from planner.io.rota_reading import read_rota_workbook
    from planner.kpis import plan_kpis
    from planner.problems import ScenarioError

    if json_refused("check", args.json, [Path(args.rota)]):
        return EXIT_BAD_INPUT
    read = read_rota_workbook(Path(args.rota))
    print_problems(tuple(read.problems))
    if not read.ok:
        print(f"planner check: {args.rota} could not be read; fix the errors above and try "
              "again.", file=sys.stderr)
        return EXIT_BAD_INPUT
    scenario = read.load.require()
    try:
        assessment = check_rota(scenario, read.rota, read.activities, read.updates)
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    kpis = plan_kpis(scenario, assessment)
    print(f"{args.rota}: rota of {len(scenario.staff)} people over "
          f"{scenario.settings.plan_days} days from {scenario.settings.plan_start}.")
    print_breaches(kpis)
    print()
    print_kpis(kpis)
    if args.json:
        summary = {"rota": str(args.rota), "objective": assessment.objective} | kpis
        if not write_json(Path(args.json), summary, "check"):
            return EXIT_BAD_INPUT
    return EXIT_OK


def print_breaches(kpis: dict) -> None:
    """Every broken rule in words, or that none is."""
    breaches = kpis["breaches"]["list"]
    if not breaches:
        print("No rule is broken.")
        return
    print(f"{len(breaches)} broken rule{'s' * (len(breaches) != 1)}:")
    for breach in breaches:
        print(f"  {breach['rule']} ({breach['size']:g} {breach['unit']}): {breach['message']}")


def print_kpis(kpis: dict) -> None:
    """Hours, cost, service per channel and caseload per queue, as a short table."""
    print(f"Paid hours {kpis['paid_hours']:,.1f} (cover staff {kpis['cover_hours']:,.1f}); "
          f"cost £{kpis['cost']['total']:,.2f} of which pay £{kpis['cost']['pay']:,.2f}.")
    if kpis["channels"]:
        print(f"{'channel':<22}{'contacts':>10}{'service level':>15}{'average wait':>14}"
              f"{'abandonment':>13}")
        for name, f in kpis["channels"].items():
            print(f"{name:<22}{f['volume']:>10,.0f}{_share(f['service_level']):>15}"
                  f"{_wait(f['asa_seconds'], f['volume']):>14}{_share(f['abandon_rate']):>13}")
    if kpis["queues"]:
        print(f"{'queue':<22}{'on time':>10}{'overdue at end':>16}{'largest backlog':>17}")
        for name, f in kpis["queues"].items():
            print(f"{name:<22}{_share(f['on_time_rate']):>10}{f['overdue_cases']:>16,.1f}"
                  f"{f['max_backlog']:>17,.1f}")
    for name, f in kpis.get("avoidable", {}).items():
        updates = f", proactive updates {f['update_hours']:,.1f} hours" if f["update_hours"] else ""
        print(f"Avoidable contacts chasing {name}: {f['contacts_per_week']:,.1f} a week on "
              f"{f['channel']} ({f['phone_hours_per_week']:,.1f} advisor hours a week){updates}.")


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _wait(seconds: float | None, volume: float) -> str:
    if seconds is None:
        return "-" if volume <= 0 else "no answer"
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"


def write_json(path: Path, data: dict, command: str) -> bool:
    """Write `data` as JSON at `path`, whole or not at all; False (said why) when it cannot."""
    from planner.io import atomic_write

    try:
        with atomic_write(path) as temp:
            temp.write_text(json.dumps(_plain(data), indent=2, allow_nan=False) + "\n",
                            encoding="utf-8")
    except OSError as exc:
        print(f"planner {command}: {path} could not be written: {exc.strerror or exc}.",
              file=sys.stderr)
        return False
    return True


def _plain(value: Any) -> Any:
    """Numbers JSON can hold: NaN and infinity become null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
