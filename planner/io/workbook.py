"""A workbook opened once: every tab the planner reads from it, with the problems met.

A scenario workbook holds the scenario's sheets; a rota workbook holds the rota's own tabs
(Rota, Activities, Updates...) and then the scenario's sheets. `read_workbook` judges the file
once (`not_a_workbook`, with guard.py's checks), opens it once, and reads the scenario's sheets
as RawTables and any of the rota's tabs asked for as numbered rows, each within guard.py's
bounds. Whether a file is a rota workbook at all is told from its tab names alone
(`is_rota_workbook`), without reading a sheet.
"""

from __future__ import annotations

import html
import re
import warnings
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from planner.io.guard import MOST_CELLS, MOST_ROWS, ROW_CELLS
from planner.io.schema import normal_name
from planner.io.table import RawTable, error
from planner.io.xlsx import ROTA_SHEETS, SAVE_AS, has_formulas, not_a_workbook, scenario_tables
from planner.problems import Problem

Rows = list[tuple[int, tuple[object, ...]]]  # a tab's rows, numbered as Excel shows them
# What openpyxl raises for a workbook it cannot make sense of, besides a damaged zip.
_READ_ERRORS = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                zipfile.BadZipFile, SyntaxError, InvalidFileException, zlib.error, EOFError,
                RuntimeError, NotImplementedError)
_SHEET_NAME = re.compile(rb"""<(?:\w+:)?sheet\b[^>]*?\sname=(["'])(.*?)\1""", re.S)


@dataclass(frozen=True)
class WorkbookRead:
    """What one open of a workbook gave: the scenario's sheets and the problems met reading
    them (an unreadable file is one such problem), and the rota's tabs asked for, by name,
    with the problems met reading those. A folder of CSV files gives its sheets the same way,
    with no tabs."""

    tables: tuple[RawTable, ...] = ()
    problems: tuple[Problem, ...] = ()
    tabs: Mapping[str, Rows] = field(default_factory=dict)
    tab_problems: tuple[Problem, ...] = ()


def read_workbook(path: Path, tabs: Sequence[str] = ()) -> WorkbookRead:
    """Every scenario sheet of the workbook at `path` and the rows of its tabs called `tabs`
    (in any case or spacing), read in one open of the file."""
    name = path.name
    reason = not_a_workbook(path)
    if reason:
        return WorkbookRead(problems=(error(f"{name} {reason}"),))
    with warnings.catch_warnings(), ExitStack() as opened:
        warnings.simplefilter("ignore")
        try:
            book = _opened(opened, path, data_only=True)
            # Formulas are read only where a cell's saved result is missing, so only then is
            # the workbook opened a second time, to read the formulas alongside the results.
            shadow = _opened(opened, path, data_only=False) if has_formulas(path) else None
            tables, problems = scenario_tables(book, shadow, name)
        except _READ_ERRORS as exc:
            return WorkbookRead(problems=(_unreadable(name, exc),))
        tab_problems: list[Problem] = []
        try:
            rows = _tab_rows(book, tabs, tab_problems)
        except _READ_ERRORS as exc:
            rows, tab_problems = {}, [_unreadable(name, exc)]
    return WorkbookRead(tuple(tables), tuple(problems), rows, tuple(tab_problems))


def _unreadable(name: str, exc: Exception) -> Problem:
    return error(f"{name} could not be read as an Excel workbook ({exc}); {SAVE_AS} again")


def _opened(opened: ExitStack, path: Path, data_only: bool):
    book = openpyxl.load_workbook(opened.enter_context(path.open("rb")), read_only=True,
                                  data_only=data_only)
    opened.callback(book.close)
    return book


def _tab_rows(book, names: Sequence[str], problems: list[Problem]) -> dict[str, Rows]:
    """The rows of the tabs called `names`, the first of each name, by that name; the rota's
    tabs together hold at most MOST_CELLS, as a scenario's sheets do."""
    wanted = {normal_name(name): name for name in names}
    found: dict[str, Rows] = {}
    room = MOST_CELLS
    for tab in book.worksheets if wanted else ():
        name = wanted.get(normal_name(tab.title))
        if name and name not in found:
            tab.reset_dimensions()
            found[name], room = _bounded_rows(tab, name, room, problems)
    return found


def _bounded_rows(tab, name: str, room: int, problems: list[Problem]) -> tuple[Rows, int]:
    """A tab's rows, numbered as Excel shows them, up to MOST_ROWS and `room` cells in all:
    past either, one problem and the rows before it (so no workbook takes memory without end)."""
    rows: Rows = []
    for number, values in enumerate(tab.iter_rows(values_only=True), start=1):
        room -= len(values) + ROW_CELLS
        if number > MOST_ROWS + 1 or room < 0:
            problems.append(error(f"{tab.title} goes on past row {number - 1:,}, more than a "
                                  "rota workbook holds; it may be damaged, or hold rows that "
                                  "are not the rota's: delete them", name, number))
            break
        rows.append((number, values))
    return rows, room


def is_rota_workbook(path: Path) -> bool:
    """Whether `path` is a workbook with a Rota tab (one the planner's solve wrote), told from
    its tab names alone once the file has passed the checks every workbook passes. A file that
    cannot be read as a workbook is not one: loading it as a scenario says why."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx" or not path.is_file() or not_a_workbook(path):
        return False
    rota = normal_name(ROTA_SHEETS[0])
    try:
        return any(normal_name(name) == rota for name in _tab_names(path))
    except _READ_ERRORS:
        return False


def _tab_names(path: Path) -> list[str]:
    """The workbook's tab names as its own part (xl/workbook.xml, kilobytes once the checks
    have passed) lists them."""
    with zipfile.ZipFile(path) as archive:
        listing = archive.read("xl/workbook.xml")
    return [html.unescape(found[2].decode("utf-8", "replace"))
            for found in _SHEET_NAME.finditer(listing)]
