"""The `planner` command: one entry point, a subcommand per job a team leader or manager does.

Exit codes: 0 fine, 2 bad input (the problems are listed), 1 a bug in the planner (a short message;
the details go to a log file, never a traceback on screen).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from importlib import metadata
from pathlib import Path

from ui.commands import (
    check,
    erlang,
    forecast,
    gui,
    import_curtois,
    simulate,
    solve,
    staffing,
    template,
    validate,
)

EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2

COMMANDS = (template, validate, erlang, staffing, forecast, solve, check, simulate, import_curtois,
            gui)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description=(
            "Plan contact-centre staffing and back-office caseload from a scenario workbook: "
            "demand curves, case queues, staff, shift patterns, absences, rules and targets."
        ),
        epilog=(
            "Run 'planner COMMAND --help' for the options of one command. Exit codes: 0 done, "
            "2 bad input (every problem is listed), 1 a fault in the planner."
        ),
    )
    parser.add_argument("--version", action="version", version=f"planner {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def _version() -> str:
    try:
        return metadata.version("caseload-planner")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _report_bug(error: BaseException) -> None:
    log = Path(tempfile.gettempdir()) / "planner-error.log"
    try:
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        where = f" Details were written to {log}."
    except OSError:
        where = ""
    print(
        f"planner: something went wrong inside the planner ({type(error).__name__}: {error})."
        f"{where} Please report it with the scenario that caused it.",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("planner: stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        _report_bug(error)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
