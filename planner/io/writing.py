"""Saving a scenario as a workbook or a folder of CSV files that loads back exactly."""

from __future__ import annotations

import os
from pathlib import Path

from planner.io.atomic import atomic_write, remove
from planner.io.csvfolder import Cells, write_csv, write_folder
from planner.io.rows import TABLES, rules_values, settings_values
from planner.io.schema import SHEETS, Column, Kind, Sheet, sheet_named
from planner.io.xlsx import write_workbook
from planner.model import Scenario

SheetRows = tuple[Sheet, tuple[Column, ...], list[Cells]]
_NOT_A_FOLDER = (".csv", ".xls", ".xlsm", ".ods", ".txt", ".json")


def scenario_sheets(scenario: Scenario) -> list[SheetRows]:
    """Every sheet of the scenario (empty ones too, so their columns show), row by row."""
    return [(sheet, sheet.columns, sheet_cells(scenario, sheet)) for sheet in SHEETS]


def sheet_cells(scenario: Scenario, sheet: Sheet) -> list[Cells]:
    """One sheet of the scenario, row by row, each value with the column that describes it."""
    if sheet.keyed:
        values = settings_values(scenario.settings) if sheet.name == "Settings" else (
            rules_values(scenario.rules))
        extra = scenario.rules.extra if sheet.name == "Rules" else ()
        return keyed_rows(sheet, values, extra)
    field, _, values_of = TABLES[sheet.name]
    return [tuple((column, values_of(item)[column.name]) for column in sheet.columns)
            for item in getattr(scenario, field)]


def keyed_rows(sheet: Sheet, values: dict[str, object],
               extra: tuple[tuple[str, str], ...] = ()) -> list[Cells]:
    """Rows of a key/value sheet: each value described by its key's column."""
    key, value = sheet.columns
    rows = [((key, spec.name), (spec, values.get(spec.name))) for spec in sheet.keys]
    text = Column("value", Kind.TEXT, "", "", required=False)
    rows.extend(((key, name), (text, extra_value)) for name, extra_value in extra)
    return rows


def save_scenario(scenario: Scenario, path: str | os.PathLike) -> None:
    """Save to an .xlsx workbook, or to a folder of CSV files for any other path.

    The old file or folder is replaced only once the new one is completely written. A folder
    that holds other files besides the scenario's CSV files keeps them: each CSV file is then
    replaced one by one.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    sheets = scenario_sheets(scenario)
    if suffix == ".xlsx":
        with atomic_write(target) as temp:
            write_workbook(temp, sheets)
    elif suffix in _NOT_A_FOLDER:
        raise ValueError(f"{target.name}: save a scenario as .xlsx, or give a folder for CSV files")
    elif target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file; give a folder for the CSV files")
    elif target.is_dir() and any(not _scenario_file(p) for p in target.iterdir()):
        _replace_each_file(target, sheets)
    else:
        with atomic_write(target) as temp:
            temp.mkdir()
            write_folder(temp, sheets)


def _scenario_file(path: Path) -> bool:
    if path.name.startswith(".") and path.name.endswith((".tmp", ".old")):
        return True  # left over from an interrupted save
    return path.is_file() and path.suffix.lower() == ".csv" and sheet_named(path.stem) is not None


def _replace_each_file(folder: Path, sheets: list[SheetRows]) -> None:
    for sheet, columns, rows in sheets:
        target = folder / f"{sheet.name}.csv"
        with atomic_write(target) as temp:
            write_csv(temp, columns, rows)
        for other in folder.iterdir():
            same_sheet = other.suffix.lower() == ".csv" and sheet_named(other.stem) is sheet
            if same_sheet and other.name != target.name and not other.samefile(target):
                remove(other)  # an old spelling such as staff.csv would clash with Staff.csv
