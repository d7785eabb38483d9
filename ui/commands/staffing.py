"""`planner staffing SCENARIO --out FILE`: agents needed per interval per channel, with the service
they would give."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    loaded_scenario,
    outputs_refused,
    print_json,
)

if TYPE_CHECKING:
    from planner.staffing_report import StaffingSummary

REPORT_SUFFIXES = (".xlsx", ".csv")


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "staffing",
        help="work out the agents each channel needs in every interval of the plan",
        description=(
            "Work out, for every interval of the plan and every channel, the agents needed to meet "
            "the channel's targets (service level, average wait, abandonment, occupancy), the "
            "agents to roster once shrinkage is allowed for, and the service, average wait and "
            "abandonment predicted at that staffing. Writes the table to --out (.xlsx for people, "
            ".csv for other programs) and prints a weekly summary."
        ),
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", help="scenario workbook (.xlsx) or CSV folder"
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="report to write: .xlsx or .csv"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the summary as JSON instead of text"
    )
    parser.set_defaults(run=run)


def _print_summary(summary: StaffingSummary, out: Path) -> None:
    print(
        f"Staffing for {summary.plan_days} days from {summary.plan_start} "
        f"({summary.shrinkage:.0%} shrinkage). Report written to {out}."
    )
    print()
    header = (
        f"{'channel':<22}{'contacts/week':>14}{'peak rostered':>15}"
        f"{'agent hours/week':>18}{'rostered hours/week':>21}"
    )
    print(header)
    for row in summary.channels:
        print(
            f"{row.channel:<22}{row.volume_per_week:>14,.0f}{row.peak_agents:>15}"
            f"{row.agent_hours_per_week:>18,.0f}{row.rostered_hours_per_week:>21,.0f}"
        )
    print(
        f"{'all channels':<22}{'':>14}{'':>15}{summary.agent_hours_per_week:>18,.0f}"
        f"{summary.rostered_hours_per_week:>21,.0f}"
    )
    print()
    print(
        f"Contracted hours a week of staff who answer these channels: "
        f"{summary.contracted_hours_per_week:,.0f} (cover pool not counted)."
    )
    if summary.rostered_hours_per_week > summary.contracted_hours_per_week:
        short = summary.rostered_hours_per_week - summary.contracted_hours_per_week
        print(f"The targets need about {short:,.0f} hours a week more than the contracts give.")


def run(args) -> int:
    from planner.io.outputs import Output
    from planner.staffing import staffing_table
    from planner.staffing_report import summarise
    from planner.staffing_workbook import write_staffing_report

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        print(f"planner staffing: --out {out} must end in .xlsx or .csv", file=sys.stderr)
        return EXIT_BAD_INPUT
    if outputs_refused("staffing", [Output("--out", out)], [Path(args.scenario)]):
        return EXIT_BAD_INPUT
    scenario = loaded_scenario("staffing", Path(args.scenario))
    if scenario is None:
        return EXIT_BAD_INPUT
    table = staffing_table(scenario)
    summary = summarise(scenario, table)
    write_staffing_report(scenario, table, summary, out)
    if args.json:
        print_json(summary.as_dict() | {"report": str(out)})
    else:
        _print_summary(summary, out)
    return EXIT_OK
