"""A scenario workbook's sheets: whether a file can be one, reading its sheets from an open
workbook (see `workbook` for opening it), and writing sheets as a workbook people can work in.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.io.celltext import GENERAL, ExcelCell, column_widths, excel_cell
from planner.io.guard import (
    MOST_CELLS,
    MOST_COLUMNS,
    MOST_ROWS,
    ROW_CELLS,
    archive_refused,
    file_refused,
    too_many_cells,
)
from planner.io.schema import Column, Sheet, normal_name, sheet_named
from planner.io.table import ExcelError, FormulaWithoutValue, RawTable, error, is_blank, warning
from planner.problems import Problem

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
# The sheets a rota workbook adds beside the scenario's; loading the scenario passes over them.
ROTA_SHEETS = ("Rota", "Activities", "Coverage", "Caseload", "KPIs", "Checks", "Updates")
SAVE_AS = "open it in Excel and save it as an Excel Workbook (.xlsx)"
_FORMULA_TAG = re.compile(rb"<(\w+:)?f[ >/]")
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "is in the old Excel 97-2003 format (.xls) or is protected by a "
     "password; " + SAVE_AS + " without a password"),
    (b"\x89PNG", "is a picture (PNG), not a workbook"),
    (b"\xff\xd8\xff", "is a picture (JPEG), not a workbook"),
    (b"GIF8", "is a picture (GIF), not a workbook"),
    (b"%PDF", "is a PDF document, not a workbook"),
    (b"{\\rtf", "is a rich text document, not a workbook"),
)


def not_a_workbook(path: Path, what: str = "scenario workbook") -> str | None:
    """Why the file at `path` cannot be a workbook (a `what`), judged from what it is, its first
    bytes and its zip directory, or None. A pipe or device is refused before it is opened."""
    reason = file_refused(path, what)
    if reason:
        return reason
    with path.open("rb") as stream:
        head = stream.read(8)
    if not head:
        return "is empty: it holds no workbook"
    for signature, reason in _SIGNATURES:
        if head.startswith(signature):
            return reason
    if not head.startswith(b"PK"):
        return "is not an Excel workbook (it looks like a text file); " + SAVE_AS
    reason = archive_refused(path, what)
    if reason:
        return reason
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "is damaged or not an Excel workbook; " + SAVE_AS
    if "xl/workbook.xml" in names:
        return None
    if "word/document.xml" in names:
        return "is a Word document, not a workbook"
    if "ppt/presentation.xml" in names:
        return "is a PowerPoint presentation, not a workbook"
    if "content.xml" in names:
        return "is an OpenDocument file, not an Excel workbook; save it as .xlsx"
    return "is a zip archive, not an Excel workbook; " + SAVE_AS


def has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula, found by reading each sheet a megabyte at a time."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            with archive.open(name) as stream:
                carry = b""
                while chunk := stream.read(1 << 20):
                    if _FORMULA_TAG.search(carry + chunk):
                        return True
                    carry = chunk[-64:]  # a tag cut in two by the chunk's end
    return False


def scenario_tables(book, shadow, name: str) -> tuple[list[RawTable], list[Problem]]:
    """Every tab of an open workbook (`book`, with its formulas in `shadow` when any cell
    holds one) that is a scenario sheet, and the problems met reading them; the rota's own
    tabs are passed over, any other tab is a warning."""
    tables: list[RawTable] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    formulas = {tab.title: tab for tab in shadow.worksheets} if shadow else {}
    room = MOST_CELLS
    for tab in book.worksheets:
        sheet = sheet_named(tab.title)
        if sheet is None:
            if normal_name(tab.title) in {normal_name(name) for name in ROTA_SHEETS}:
                continue
            problems.append(warning(f"The tab {tab.title!r} is not a sheet the planner reads, "
                                    "so it was ignored", sheet=tab.title))
            continue
        if sheet.name in seen:
            problems.append(error(f"The tabs {seen[sheet.name]!r} and {tab.title!r} are both "
                                  f"the {sheet.name} sheet; keep one", sheet=sheet.name))
            continue
        seen[sheet.name] = tab.title
        rows, used = _rows(tab, formulas.get(tab.title), sheet.name, room, problems)
        room -= used
        header = rows[0][1] if rows else ()
        tables.append(RawTable(sheet, tab.title, name, header, tuple(rows[1:])))
    return tables, problems


def _rows(tab, shadow, sheet: str, room: int, problems: list[Problem]) -> tuple[list, int]:
    """The sheet's rows that hold anything (and its header row), each without the blank cells
    at its end, and how many cells they hold: at most MOST_ROWS below the header, MOST_COLUMNS
    across and `room` cells."""
    cells = _cells(tab)
    formulas = _cells(shadow) if shadow is not None else iter(())
    rows = []
    wide = False
    used = 0
    for number, row in enumerate(cells, start=1):
        written = next(formulas, ())
        if number > MOST_ROWS + 1:
            if row:  # a cell, even a blank one: stop here rather than read a million more
                problems.append(error(
                    f"{tab.title} goes on past row {MOST_ROWS + 1:,}, the last the planner "
                    f"reads: a sheet holds at most {MOST_ROWS:,} rows below its header, more "
                    "than any plan needs; delete the rows from here down", sheet, number))
                break
            continue
        if len(row) > MOST_COLUMNS:  # a row ends at its last cell, so that cell is beyond
            wide = wide or not is_blank(row[-1].value)
            row = row[:MOST_COLUMNS]
        values = [_value(cell, written[index] if index < len(written) else None)
                  for index, cell in enumerate(row)]
        while values and is_blank(values[-1]):
            values.pop()
        used += (len(values) + ROW_CELLS) if values else 0
        if used > room:
            problems.append(error(too_many_cells(f"Row {number:,} of {tab.title}"), sheet,
                                  number))
            break
        if number == 1 or values:
            rows.append((number, tuple(values)))
    if wide:
        last = get_column_letter(MOST_COLUMNS)
        problems.append(warning(f"{tab.title} has values beyond column {last}; the planner "
                                f"reads only columns A to {last}, so those were not read",
                                sheet=sheet))
    return rows, used


def _cells(tab):
    tab.reset_dimensions()
    return tab.iter_rows()


def _value(cell, written) -> object:
    if cell.data_type == "e":
        return ExcelError(str(cell.value))
    if cell.value is None and written is not None and written.data_type == "f":
        return FormulaWithoutValue(str(getattr(written.value, "text", written.value)))
    return cell.value


Cells = tuple[tuple[Column, object], ...]  # each value with the column that describes it


def write_workbook(
    path: Path,
    sheets: Iterable[tuple[Sheet, tuple[Column, ...], list[Cells]]],
    notes: dict[tuple[str, str], str] | None = None,
) -> None:
    """Write sheets as a workbook: bold, frozen header rows, real dates and times, readable
    column widths, and an optional note (comment) on a header cell or a key's cell."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet, columns, rows in sheets:
        tab = book.create_sheet(sheet.name)
        tab.append([column.name for column in columns])
        for cell in tab[1]:
            cell.font = Font(bold=True)
        for number, cells in enumerate(rows, start=2):
            for column, (spec, value) in enumerate(cells, start=1):
                _write(tab, number, column, excel_cell(spec, value))
        tab.freeze_panes = "A2"
        _widths(tab, columns, rows)
        for (sheet_name, label), text in (notes or {}).items():
            if sheet_name == sheet.name:
                _note(tab, columns, label, text)
    book.save(path)


def _write(tab, row: int, column: int, cell: ExcelCell | None) -> None:
    if cell is None:
        return
    written = tab.cell(row=row, column=column, value=cell.value)
    if cell.number_format != GENERAL:
        written.number_format = cell.number_format
    if isinstance(cell.value, str):
        written.data_type = "s"  # text that looks like a formula stays text


def _widths(tab, columns: tuple[Column, ...], rows: list[Cells]) -> None:
    for index, width in enumerate(column_widths(columns, rows), start=1):
        tab.column_dimensions[get_column_letter(index)].width = width


def _note(tab, columns: tuple[Column, ...], label: str, text: str) -> None:
    names = [column.name for column in columns]
    if label in names:
        cell = tab.cell(row=1, column=names.index(label) + 1)
    else:
        rows = [row for row in tab.iter_rows(min_row=2, max_col=1) if row[0].value == label]
        if not rows:
            return
        cell = rows[0][0]
    cell.comment = Comment(text, "Caseload planner", width=320, height=160)
