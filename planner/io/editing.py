"""Editing a scenario sheet by sheet, as the window's tables do, with the loader's own checks.

A window shows each scenario sheet as a table of values. When a team leader changes a cell, adds
or removes a row, the changed sheet goes back through the very reading and checking a workbook
goes through, so an edit is accepted only when the scenario still makes sense, and otherwise
gives the same problems, naming the sheet, row and column, that the workbook would.

    columns, rows = sheet_rows(scenario, "Staff")
    rows[3] = rows[3][:5] + ("37.5",) + rows[3][6:]     # every cell is text, as typed
    result = with_sheet(scenario, "Staff", rows, "march.xlsx")
    if result.ok:
        scenario = result.scenario

Rows are numbered as in the workbook: the heading is row 1, the first row of values row 2.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.io.celltext import cell_text
from planner.io.reading import LoadResult, load_edited
from planner.io.schema import Column, Sheet, sheet_named
from planner.io.table import RawTable
from planner.io.writing import sheet_cells
from planner.model import Scenario

Row = tuple[object, ...]  # a sheet row's cells, text as typed


def sheet_rows(scenario: Scenario, sheet: str) -> tuple[tuple[Column, ...], list[Row]]:
    """The columns of one sheet and its rows as the text a person reads (and types) in them."""
    spec = _sheet(sheet)
    return spec.columns, [_texts(row) for row in sheet_cells(scenario, spec)]


def _texts(row) -> Row:
    return tuple("" if value is None else cell_text(column, value) for column, value in row)


def with_sheet(scenario: Scenario, sheet: str, rows: Sequence[Row], name: str) -> LoadResult:
    """The scenario with `sheet` holding `rows` instead, read and checked as a workbook is.

    Values are text as a person types it (or numbers and dates). `name` is the file named in
    problems. Only `sheet` is read again; the whole scenario is checked.
    """
    spec = _sheet(sheet)
    values = [tuple(row) for row in rows]
    table = None if not values and not spec.required else RawTable(
        sheet=spec, source=spec.name, file=name,
        header=tuple(column.name for column in spec.columns),
        rows=tuple((number, row) for number, row in enumerate(values, start=2)),
    )
    return load_edited(scenario, table, spec, name)


def _sheet(name: str) -> Sheet:
    spec = sheet_named(name)
    if spec is None:
        raise KeyError(f"no sheet named {name!r}")
    return spec
