"""A sheet as read from a workbook tab or a CSV file, before its cells are understood."""

from __future__ import annotations

from dataclasses import dataclass

from planner.io.schema import Sheet
from planner.problems import Problem, Severity


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A workbook cell holding a formula whose result was never saved (the file was not
    recalculated by Excel), so its value is unknown."""

    formula: str


@dataclass(frozen=True)
class ExcelError:
    """A workbook cell showing an Excel error such as #DIV/0! or #REF!."""

    code: str


@dataclass(frozen=True)
class RawTable:
    """One sheet's cells as read, with rows numbered as Excel or a text editor shows them.

    `source` is the tab or file name as the user wrote it; `file` is the file to name in
    problems. `decimal_comma` is set for semicolon-separated CSV, where "12,5" means 12.5.
    """

    sheet: Sheet
    source: str
    file: str
    header: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    header_row: int = 1
    decimal_comma: bool = False


# Characters that print as nothing but arrive in pasted text and stray byte-order marks.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def clean_text(text: str) -> str:
    """Text without the spaces and invisible characters around it, as a person reads it."""
    return text.strip().strip(_INVISIBLE).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def error(message: str, sheet: str = "", row: int | None = None, column: str = "") -> Problem:
    return Problem(Severity.ERROR, message, sheet=sheet, row=row, column=column)


def warning(message: str, sheet: str = "", row: int | None = None, column: str = "") -> Problem:
    return Problem(Severity.WARNING, message, sheet=sheet, row=row, column=column)
