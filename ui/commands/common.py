"""What every subcommand shares: loading a scenario and telling the user what is wrong with it."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from planner.io import LoadResult, load_scenario
from planner.problems import Problem

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def print_problems(problems: tuple[Problem, ...] | list[Problem], stream=None) -> None:
    """One line per problem, errors first, each naming file, sheet, row and column."""
    stream = stream or sys.stderr
    ordered = sorted(problems, key=lambda p: (p.severity != "error",))
    for problem in ordered:
        print(problem, file=stream)


def load_or_report(path: str) -> LoadResult:
    """Load a scenario; print its problems (errors and warnings) to stderr."""
    result = load_scenario(Path(path))
    print_problems(result.problems)
    return result


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
