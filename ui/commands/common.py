"""What every subcommand shares: exit codes, listing problems, and printing JSON.

Subcommands import the planning modules inside `run`, not at the top, so that `planner --help`
and `planner COMMAND --help` answer at once instead of loading the maths and the workbook code.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.io import LoadResult
    from planner.io.outputs import Output
    from planner.problems import Problem

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def print_problems(problems: tuple[Problem, ...] | list[Problem], stream=None) -> None:
    """One line per problem, errors first, each naming file, sheet, row and column."""
    stream = stream or sys.stderr
    ordered = sorted(problems, key=lambda p: (p.severity != "error",))
    for problem in ordered:
        print(problem, file=stream)


def problem_counts(result: LoadResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def plain(value: Any) -> Any:
    """A value JSON can hold: numpy scalars become Python numbers, infinity and NaN become null."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str))


def outputs_refused(command: str, outputs: Sequence[Output], reads: Iterable[Path]) -> bool:
    """Say why any file the command would write cannot be (it is a file being read, or another
    output, or its folder is missing or cannot be written); True when one cannot, before any
    work is done."""
    from planner.io.outputs import refused_outputs

    reasons = refused_outputs(outputs, reads)
    for reason in reasons:
        print(f"planner {command}: {reason}", file=sys.stderr)
    return bool(reasons)


def json_refused(command: str, json_file: str | None, reads: Iterable[Path]) -> bool:
    """`outputs_refused` for a command whose one output is its optional --json FILE."""
    from planner.io.outputs import Output

    return bool(json_file) and outputs_refused(command, [Output("--json", Path(json_file))],
                                               reads)
