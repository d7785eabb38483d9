"""What every subcommand shares: exit codes, listing problems, and printing JSON.

Subcommands import the planning modules inside `run`, not at the top, so that `planner --help`
and `planner COMMAND --help` answer at once instead of loading the maths and the workbook code.
"""

from __future__ import annotations

import argparse
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


def seconds(text: str) -> float:
    """An option's number of seconds, above 0 and at most a week."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def at_least(low: int):
    """An option's whole number, `low` or more."""
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {low} or more")
        return value

    return whole


def loaded_scenario(command: str, path: Path):
    """The scenario at `path`, its problems printed first; None, once said, when it has errors
    (the command then exits 2)."""
    from planner.io import load_scenario

    result = load_scenario(path)
    print_problems(result.problems)
    if not result.ok:
        print(f"planner {command}: {path} has errors; fix them and try again.", file=sys.stderr)
        return None
    return result.require()


def workbook_refused(command: str, out: Path, json_file: str | None,
                     reads: Iterable[Path]) -> bool:
    """Whether a command writing the workbook `out` (and perhaps --json FILE) must not start:
    `out` is not an .xlsx, or a path is refused (`outputs_refused`); said on stderr if so."""
    from planner.io.outputs import Output

    if out.suffix.lower() != ".xlsx":
        print(f"planner {command}: --out {out} must end in .xlsx", file=sys.stderr)
        return True
    outputs = [Output("--out", out)]
    if json_file:
        outputs.append(Output("--json", Path(json_file)))
    return outputs_refused(command, outputs, reads)


def read_rota(command: str, path: Path):
    """The rota workbook at `path` as read (planner.io.rota_reading.RotaRead), its problems
    printed first; None, once said, when it cannot be read (the command then exits 2)."""
    from planner.io.rota_reading import read_rota_workbook

    read = read_rota_workbook(path)
    print_problems(tuple(read.problems))
    if not read.ok:
        print(f"planner {command}: {path} could not be read; fix the errors above and try "
              "again.", file=sys.stderr)
        return None
    return read

