"""`planner validate SCENARIO`: every problem in a scenario, in one pass."""

from __future__ import annotations

from pathlib import Path

from ui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    print_json,
    print_problems,
    problem_counts,
)


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "validate",
        help="check a scenario workbook or CSV folder and list every problem",
        description=(
            "Check a scenario (an .xlsx workbook or a folder of CSV files) and list every problem "
            "found, each with its sheet, row and column. Errors must be fixed before planning; "
            "warnings are worth a look. Exit code 0 when there are no errors, 2 when there are."
        ),
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO", help="scenario workbook (.xlsx) or CSV folder"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON (for other programs)"
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from planner.io import load_scenario

    result = load_scenario(Path(args.scenario))
    if args.json:
        print_json(
            {
                "scenario": args.scenario,
                "ok": result.ok,
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "problems": [p.as_dict() for p in result.problems],
            }
        )
    else:
        print_problems(result.problems)
        verdict = "ready to plan" if result.ok else "not ready: fix the errors above"
        print(f"{args.scenario}: {problem_counts(result)}; {verdict}.")
    return EXIT_OK if result.ok else EXIT_BAD_INPUT
