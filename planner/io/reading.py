"""Loading a scenario from a workbook or a folder of CSV files, with every problem in one pass.

Nothing a person can put in a file makes loading fail with a traceback: an unreadable file is
one clear error, and a readable one is checked cell by cell and sheet against sheet, so that
the team leader sees everything to fix at once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner.io.csvfolder import read_folder
from planner.io.records import read_keyed, read_records
from planner.io.rows import TABLES, rules_from, settings_from
from planner.io.schema import RULES, SETTINGS, SHEET_ORDER, SHEETS, Sheet
from planner.io.table import RawTable, error
from planner.io.workbook import WorkbookRead, read_workbook
from planner.io.xlsx import SAVE_AS
from planner.model import Rules, Scenario, Settings
from planner.origins import Origins
from planner.problems import Problem, ProblemList, ScenarioError, Severity
from planner.validate import check_scenario

# Stands in for unreadable settings while the other sheets are checked; never returned.
_UNKNOWN_SETTINGS = Settings(plan_start=dt.date(2000, 1, 3), plan_days=1)


@dataclass(frozen=True)
class LoadResult(ProblemList):
    """A loaded scenario, or None when any problem is an error, and every problem found."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    def require(self) -> Scenario:
        """The scenario, or ScenarioError carrying every problem when it could not be loaded."""
        if self.scenario is None:
            raise ScenarioError(self.problems)
        return self.scenario


def load_scenario(path: str | os.PathLike) -> LoadResult:
    """Read a scenario workbook (.xlsx) or a folder of CSV files named after the sheets."""
    return load_with_tabs(path)[0]


def load_with_tabs(path: str | os.PathLike, tabs: Sequence[str] = ()
                   ) -> tuple[LoadResult, WorkbookRead]:
    """The scenario at `path`, as `load_scenario` reads it, and what the same one open of the
    workbook read besides: the rows of its tabs called `tabs` (a rota workbook's Rota, say)."""
    path = Path(path)
    name = path.name or path.resolve().name or str(path)
    try:
        read, where = _read_source(path, tabs)
    except OSError as exc:
        problem = error(f"{path} could not be opened ({exc.strerror or exc})")
        return LoadResult(None, (problem,)), WorkbookRead(problems=(problem,))
    tables, problems = list(read.tables), list(read.problems)
    if not tables:
        if not any(p.severity is Severity.ERROR for p in problems):
            problems.append(error(f"{name} has none of the planner's sheets (Settings, "
                                  "Channels, Demand, ...); start from the scenario template"))
        return _result(None, problems, {}, name), read
    return _understood(tables, problems, where, _suffix(path), name), read


def load_tables(tables: list[RawTable], name: str) -> LoadResult:
    """A scenario from sheets already in memory (a window's tables being edited, say), read and
    checked exactly as a workbook's sheets are; problems name `name` as their file."""
    return _understood(tables, [], name, " sheet", name)


def _understood(tables: list[RawTable], problems: list[Problem], where: str, suffix: str,
                name: str) -> LoadResult:
    by_sheet = {table.sheet.name: table for table in tables}
    refused = {p.sheet for p in problems if p.severity is Severity.ERROR}  # said why already
    for sheet in SHEETS:
        if (sheet.required and sheet.name not in by_sheet and sheet.name not in refused
                and not _given(by_sheet, sheet.unless)):
            columns = ", ".join(c.name for c in sheet.columns)
            problems.append(error(f"{where} has no {sheet.name}{suffix}; add it with the "
                                  f"columns {columns}", sheet.name))
    scenario, origins = _parts(by_sheet, problems)
    return _checked(scenario, origins, problems, by_sheet, name)


def load_edited(scenario: Scenario, table: RawTable | None, sheet: Sheet, name: str
                ) -> LoadResult:
    """`scenario` with its sheet `sheet` read from `table` instead (None: an optional sheet
    left empty), checked as a whole exactly as `load_tables` checks every sheet of it; problems
    name `name` as their file. The other sheets are not read again: each is taken as
    `scenario` holds it, which is what reading it back gives (its rows from row 2 on, all of
    them understood)."""
    by_sheet = {} if table is None else {sheet.name: table}
    problems: list[Problem] = []
    changed, origins = _parts(by_sheet, problems, kept=scenario, edited=sheet.name)
    return _checked(changed, origins, problems, by_sheet, name)


def _checked(scenario: Scenario, origins: Origins, problems: list[Problem],
             by_sheet: dict[str, RawTable], name: str) -> LoadResult:
    """The scenario as read, checked across its sheets, or None when any problem is an error."""
    problems.extend(check_scenario(scenario, origins))
    failed = any(p.severity is Severity.ERROR for p in problems)
    files = {name: table.file for name, table in by_sheet.items()}
    return _result(None if failed else scenario, problems, files, name)


def _given(by_sheet: dict[str, RawTable], name: str) -> bool:
    """Whether the sheet `name` is there with at least one row."""
    return name in by_sheet and bool(by_sheet[name].rows)


def _suffix(path: Path) -> str:
    return ".csv" if path.is_dir() else " sheet"


def _read_source(path: Path, tabs: Sequence[str]) -> tuple[WorkbookRead, str]:
    if not path.exists():
        return WorkbookRead(problems=(error(f"There is no file or folder at {path}; check the "
                                            "name and where it was saved"),)), ""
    if path.is_dir():
        tables, problems = read_folder(path)
        folder = f"The folder {path.name or path.resolve().name}"
        return WorkbookRead(tuple(tables), tuple(problems)), folder
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return WorkbookRead(problems=(error(f"{path.name} is in the old Excel 97-2003 format "
                                            f"(.xls); {SAVE_AS}"),)), ""
    if suffix == ".csv":
        return WorkbookRead(problems=(error(
            f"{path.name} is a single CSV file; give the folder that holds all the scenario's "
            "CSV files (Settings.csv, Channels.csv, Demand.csv, ...), or a workbook"),)), ""
    return read_workbook(path, tabs), "The workbook"


def _parts(by_sheet: dict[str, RawTable], problems: list[Problem], kept: Scenario | None = None,
           edited: str = "") -> tuple[Scenario, Origins]:
    """The scenario as far as it could be read, and where each part came from. With `kept`,
    only the sheet `edited` is read; every other part is `kept`'s own, as if read back."""

    def read(name: str) -> bool:
        return kept is None or name == edited

    unusable: set[str] = set()
    incomplete: set[str] = set()
    settings, rules = (kept.settings, kept.rules) if kept is not None else (None, Rules())
    if read("Settings"):
        settings_read = read_keyed(by_sheet.get("Settings"), SETTINGS, problems,
                                   keep_unknown=False)
        settings = settings_from(settings_read.values) if settings_read.complete else None
        if not settings_read.complete:
            unusable.add("Settings")
    if read("Rules"):
        rules_read = read_keyed(by_sheet.get("Rules"), RULES, problems, keep_unknown=True)
        rules = (rules_from(rules_read.values, rules_read.extra) if rules_read.complete
                 else Rules(extra=tuple(rules_read.extra)))
        if not rules_read.complete:
            unusable.add("Rules")
    parts: dict[str, tuple] = {}
    rows: dict[str, tuple[int, ...]] = {}
    unread: dict[str, frozenset[str]] = {}
    for name, (field, build, _) in TABLES.items():
        if not read(name):
            parts[field] = getattr(kept, field)
            rows[name] = tuple(range(2, len(parts[field]) + 2))
            unread[name] = frozenset()
            continue
        sheet = next(s for s in SHEETS if s.name == name)
        table = by_sheet.get(name)
        records = read_records(table, sheet, problems)
        if table is None and sheet.required and not _given(by_sheet, sheet.unless):
            records.usable = records.complete = False
        parts[field] = tuple(build(record.values) for record in records.records)
        rows[name] = tuple(record.row for record in records.records)
        unread[name] = frozenset(records.unread_ids)
        if not records.usable:
            unusable.add(name)
        if not records.complete:
            incomplete.add(name)
    scenario = Scenario(settings=settings or _UNKNOWN_SETTINGS, rules=rules, **parts)
    origins = Origins(rows=rows, unread_ids=unread, unusable=frozenset(unusable),
                      incomplete=frozenset(incomplete | unusable))
    return scenario, origins


def _result(scenario: Scenario | None, problems: list[Problem], files: dict[str, str],
            default_file: str) -> LoadResult:
    located = [p if p.file else replace(p, file=files.get(p.sheet, default_file))
               for p in problems]
    located.sort(key=lambda p: (SHEET_ORDER.get(p.sheet, -1) if p.sheet else -2, p.row or 0))
    return LoadResult(scenario, tuple(located))
