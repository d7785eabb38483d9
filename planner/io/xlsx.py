"""Reading a scenario workbook's sheets, and writing sheets as a workbook people can work in."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from planner.io.celltext import cell_text, number_text
from planner.io.schema import Column, Kind, Sheet, normal_name, sheet_named
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


def not_a_workbook(path: Path) -> str | None:
    """Why the file at `path` cannot be a workbook, judged from its first bytes, or None."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if not head:
        return "is empty: it holds no workbook"
    for signature, reason in _SIGNATURES:
        if head.startswith(signature):
            return reason
    if not head.startswith(b"PK"):
        return "is not an Excel workbook (it looks like a text file); " + SAVE_AS
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


def read_workbook(path: Path) -> tuple[list[RawTable], list[Problem]]:
    """Every tab of the workbook that is a scenario sheet, and the problems met reading it."""
    name = path.name
    reason = not_a_workbook(path)
    if reason:
        return [], [error(f"{name} {reason}")]
    with warnings.catch_warnings(), path.open("rb") as stream:
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            formulas = _unsaved_formulas(path)
            return _tables(book, formulas, name)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                zipfile.BadZipFile, SyntaxError, InvalidFileException) as exc:
            return [], [error(f"{name} could not be read as an Excel workbook ({exc}); "
                              f"{SAVE_AS} again")]


def _unsaved_formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Formula text by tab and (row, column), read only if the workbook holds any formula."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        if not any(_FORMULA_TAG.search(archive.read(n)) for n in sheets):
            return {}
    with path.open("rb") as stream:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
        found: dict[str, dict[tuple[int, int], str]] = {}
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            found[sheet.title] = {
                (cell.row, cell.column): str(getattr(cell.value, "text", cell.value))
                for row in sheet.iter_rows()
                for cell in row
                if cell.data_type == "f"
            }
        book.close()
    return found


def _tables(book, formulas, name: str) -> tuple[list[RawTable], list[Problem]]:
    tables: list[RawTable] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
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
        tab.reset_dimensions()
        rows = _rows(tab.iter_rows(), formulas.get(tab.title, {}))
        header = rows[0][1] if rows else ()
        tables.append(RawTable(sheet, tab.title, name, header, tuple(rows[1:])))
    book.close()
    return tables, problems


def _rows(cells: Iterable, formulas: dict[tuple[int, int], str]) -> list:
    rows = []
    for number, row in enumerate(cells, start=1):
        values = tuple(_value(cell, number, column, formulas)
                       for column, cell in enumerate(row, start=1))
        if number == 1 or not all(is_blank(v) for v in values):
            rows.append((number, values))
    return rows


def _value(cell, row: int, column: int, formulas: dict[tuple[int, int], str]) -> object:
    if cell.data_type == "e":
        return ExcelError(str(cell.value))
    if cell.value is None and (row, column) in formulas:
        return FormulaWithoutValue(formulas[(row, column)])
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
            tab.append([_excel_value(spec, value) for spec, value in cells])
            for column, (spec, _) in enumerate(cells, start=1):
                _format(tab.cell(row=number, column=column), spec)
        tab.freeze_panes = "A2"
        _widths(tab, columns, rows)
        for (sheet_name, label), text in (notes or {}).items():
            if sheet_name == sheet.name:
                _note(tab, columns, label, text)
    book.save(path)


def _excel_value(column: Column, value: object) -> object:
    if value is None:
        return None
    if column.kind is Kind.DATE and value.year >= 1900:
        return value
    if column.kind is Kind.TIME:
        return value
    if column.kind is Kind.WHOLE:
        return int(value)
    if column.kind in (Kind.NUMBER, Kind.FRACTION):
        # openpyxl keeps 16 significant digits; a float needing 17 is kept exactly as text.
        return float(value) if float(f"{value:.16g}") == value else number_text(value)
    return ILLEGAL_CHARACTERS_RE.sub("", cell_text(column, value))


def _format(cell, column: Column) -> None:
    if column.kind is Kind.DATE and isinstance(cell.value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif column.kind is Kind.TIME and isinstance(cell.value, dt.time):
        cell.number_format = "hh:mm:ss" if cell.value.second else "hh:mm"
    elif isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text


def _widths(tab, columns: tuple[Column, ...], rows: list[Cells]) -> None:
    for index, column in enumerate(columns):
        shown = [cell_text(*row[index]) for row in rows[:200]]
        longest = max([len(column.name)] + [len(text) for text in shown])
        tab.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 10), 45)


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
