"""`planner import-curtois FILE --out SCENARIO`: a shift scheduling benchmark as a scenario.

The Curtois & Qu benchmark (schedulingbenchmarks.org) publishes rota problems with proven best
objectives; imported, one can be planned and its objective compared with the published one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, outputs_refused, print_problems


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import-curtois",
        help="turn a Curtois & Qu shift scheduling benchmark instance into a scenario",
        description=(
            "Read a Curtois & Qu shift scheduling benchmark instance (the text format of "
            "schedulingbenchmarks.org: SECTION_HORIZON, SECTION_SHIFTS, SECTION_STAFF, ...) and "
            "save it as a scenario whose objective, for any rota keeping every hard rule, is the "
            "benchmark's own. Exit code 0 when saved, 2 when the file has problems (each is "
            "listed with its section, line and field)."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="benchmark instance (.txt)")
    parser.add_argument(
        "--out", metavar="SCENARIO", required=True,
        help="scenario to write: an .xlsx workbook, or a folder for CSV files",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from planner.io import save_scenario
    from planner.io.curtois import read_curtois
    from planner.io.outputs import Output
    from planner.problems import ScenarioError

    out = Path(args.out)
    folder = out.suffix.lower() != ".xlsx"
    if outputs_refused("import-curtois", [Output("--out", out, folder=folder)],
                       [Path(args.file)]):
        return EXIT_BAD_INPUT
    try:
        scenario = read_curtois(Path(args.file))
    except ScenarioError as error:
        print_problems(error.problems)
        count = len(error.errors)
        print(f"{args.file}: {count} error{'s' * (count != 1)}; nothing was saved.")
        return EXIT_BAD_INPUT
    try:
        save_scenario(scenario, Path(args.out))
    except ValueError as error:  # not a name a scenario can be saved under
        print(f"planner import-curtois: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"planner import-curtois: {args.out} could not be saved: "
              f"{error.strerror or error}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.file}: {scenario.settings.plan_days} days, {len(scenario.staff)} staff, "
          f"{len(scenario.patterns)} shift patterns, {len(scenario.pattern_cover)} cover rows, "
          f"{len(scenario.shift_requests)} shift requests; saved to {args.out}.")
    return EXIT_OK
