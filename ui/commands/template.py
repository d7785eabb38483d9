"""`planner template FILE.xlsx`: an empty scenario workbook with a note on every column."""

from __future__ import annotations

import sys
from pathlib import Path

from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, outputs_refused


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "template",
        help="write an empty scenario workbook to fill in",
        description=(
            "Write an empty scenario workbook: every sheet with its header row, a note on each "
            "column (meaning, unit, default, example), and Settings and Rules filled with defaults."
        ),
    )
    parser.add_argument("file", metavar="FILE.xlsx", help="where to write the workbook")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    parser.set_defaults(run=run)


def run(args) -> int:
    from planner.io import write_template
    from planner.io.outputs import Output

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        print(f"planner template: {path} must end in .xlsx", file=sys.stderr)
        return EXIT_BAD_INPUT
    if path.exists() and not args.force:
        print(
            f"planner template: {path} already exists; choose another name or add --force",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if outputs_refused("template", [Output("", path)], []):
        return EXIT_BAD_INPUT
    write_template(path)
    print(
        f"Wrote an empty scenario workbook to {path}. Fill it in, then run: planner validate {path}"
    )
    return EXIT_OK
