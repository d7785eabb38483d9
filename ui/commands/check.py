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
from typing import TYPE_CHECKING, Any

from planner.words import amount, cost, count, hours, number, share, wait
from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, json_refused, print_problems, read_rota

if TYPE_CHECKING:
    from planner.gap import StructuralGap
    from planner.kpis import Kpis


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="check a rota workbook against the rules and show what it achieves",
        description=(
            "Read a rota workbook written by 'planner solve' (and perhaps edited by hand since), "
            "then list every rule it breaks, in words, with what the rota costs and its parts, "
            "the service level, average wait and abandonment on each channel and the on-time "
            "rate and overdue cases of each queue. "
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
    from planner.gap import structural_gap
    from planner.kpis import kpis_of
    from planner.problems import ScenarioError

    if json_refused("check", args.json, [Path(args.rota)]):
        return EXIT_BAD_INPUT
    read = read_rota("check", Path(args.rota))
    if read is None:
        return EXIT_BAD_INPUT
    scenario = read.load.require()
    try:
        assessment = check_rota(scenario, read.rota, read.activities, read.updates)
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    kpis = kpis_of(scenario, assessment)
    print(f"{args.rota}: rota of {len(scenario.staff)} people over "
          f"{scenario.settings.plan_days} days from {scenario.settings.plan_start}.")
    gap = structural_gap(scenario)
    print_gap(gap)
    print_breaches(kpis)
    print()
    print_kpis(kpis)
    if args.json:
        summary = {"rota": str(args.rota)} | kpis.as_dict() | {"structural_gap": gap.as_dict()}
        if not write_json(Path(args.json), summary, "check"):
            return EXIT_BAD_INPUT
    return EXIT_OK


def print_breaches(kpis: Kpis, most: int | None = None) -> None:
    """Every broken rule in words (the first `most` of them, then how many more the Checks
    sheet lists), or that none is."""
    if not kpis.breaches:
        print("No rule is broken.")
        return
    print(f"{count(len(kpis.breaches), 'broken rule')}:")
    for breach in kpis.breaches[:most]:
        print(f"  {breach.rule} ({amount(breach.size, breach.unit)}): {breach.message}")
    if most is not None and len(kpis.breaches) > most:
        print(f"  and {len(kpis.breaches) - most} more, listed on the Checks sheet.")


def print_gap(gap: StructuralGap) -> None:
    """Whether the contracts can meet the targets at all, before any interval's figures."""
    print(gap.words())
    for line in gap.channel_words():
        print(f"  {line}")


def print_kpis(kpis: Kpis) -> None:
    """Hours, what the rota costs with its parts, service per channel and caseload per queue."""
    print(f"Paid {hours(kpis.paid_hours, 1)} (cover staff {hours(kpis.cover_hours, 1)}).")
    print(f"{cost(kpis.cost)}.")
    if kpis.channels:
        print(f"{'channel':<22}{'contacts':>10}{'service level':>15}{'average wait':>16}"
              f"{'abandonment':>13}")
        for f in kpis.channels:
            print(f"{f.channel:<22}{number(f.volume, 0):>10}{share(f.service_level):>15}"
                  f"{wait(f.asa_seconds):>16}{share(f.abandon_rate):>13}")
        for f in kpis.channels:
            if f.never_answered and f.asa_seconds is not None and math.isfinite(f.asa_seconds):
                print(f"{f.channel}: {count(f.never_answered, 'interval')} so short that its "
                      "queue never clears (callers there wait without end); the average wait is "
                      "over the other intervals.")
    if kpis.queues:
        print(f"{'queue':<22}{'on time':>10}{'overdue at end':>16}{'largest backlog':>17}")
        for f in kpis.queues:
            print(f"{f.queue:<22}{share(f.on_time_rate):>10}{number(f.overdue_cases, 1):>16}"
                  f"{number(f.max_backlog, 1):>17}")
    for f in kpis.avoidable:
        updates = (f", proactive updates {hours(f.update_hours, 1)}" if f.update_hours
                   else "")
        print(f"Avoidable contacts chasing {f.queue}: {number(f.contacts_per_week, 1)} a week "
              f"on {f.channel} ({hours(f.phone_hours_per_week, 1)} of advisors' time a week)"
              f"{updates}.")


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
