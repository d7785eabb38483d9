"""How a scenario's values are written into cells, so that reading them gives them back exactly.

`cell_text` is a value as the text a CSV cell (or a window's table) holds; `excel_cell` is a
value as a workbook cell holds it, for both workbooks that carry the scenario's sheets.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from planner.io.schema import Column, Kind
from planner.model import WEEKDAYS

GENERAL = "General"  # Excel's own number format: a number as typed, text as text


def number_text(value: float) -> str:
    """A number written so that reading it back gives exactly the same number."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def time_text(value: dt.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def days_text(days: tuple[int, ...]) -> str:
    """Weekdays as a person writes them: runs of three or more as ranges, "Mon-Fri, Sun"."""
    runs: list[list[int]] = []
    for day in days:
        if runs and day == (runs[-1][-1] + 1) % 7 and day not in runs[-1]:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAYS[run[0]]}-{WEEKDAYS[run[-1]]}")
        else:
            parts.extend(WEEKDAYS[day] for day in run)
    return ", ".join(parts)


def cell_text(column: Column, value: object) -> str:
    """A model value as the text a CSV cell holds; read_cell gives the value back exactly."""
    if value is None:
        return ""
    if column.kind is Kind.DATE:
        return value.isoformat()
    if column.kind is Kind.TIME:
        return time_text(value)
    if column.kind in (Kind.NUMBER, Kind.FRACTION, Kind.WHOLE):
        return number_text(value)
    if column.kind is Kind.YES_NO:
        return "yes" if value else "no"
    if column.kind is Kind.LIST:
        return ", ".join(value)
    if column.kind is Kind.DAYS:
        return days_text(tuple(value))
    if column.kind is Kind.WEEKDAY:
        return WEEKDAYS[value]
    return str(value)


@dataclass(frozen=True)
class ExcelCell:
    """A scenario value as a workbook cell holds it: what Excel stores (a date, a time, a
    number, or text, which stays text even when it starts with "=") and the number format it
    is shown with."""

    value: dt.date | dt.time | int | float | str
    number_format: str = GENERAL


def excel_cell(column: Column, value: object) -> ExcelCell | None:
    """How a value of `column` is written in a workbook so that reading it gives it back
    exactly: real dates (yyyy-mm-dd) and times (hh:mm, with seconds only when they have some),
    whole numbers as whole numbers, a number that needs all 17 digits as its text, and other
    values as their text (as a CSV cell holds it) without the control characters a workbook
    cannot hold. None is an empty cell."""
    if value is None:
        return None
    if column.kind is Kind.DATE and value.year >= 1900:  # Excel has no earlier dates
        return ExcelCell(value, "yyyy-mm-dd")
    if column.kind is Kind.TIME:
        return ExcelCell(value, "hh:mm:ss" if value.second else "hh:mm")
    if column.kind is Kind.WHOLE:
        return ExcelCell(int(value))
    if column.kind in (Kind.NUMBER, Kind.FRACTION) and _kept(value):
        return ExcelCell(float(value))
    text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(column, value))
    return ExcelCell(text) if text else None


def _kept(number: float) -> bool:
    """Whether a workbook's number keeps `number` exactly: it keeps 16 significant digits,
    and no infinity."""
    return math.isfinite(number) and float(f"{number:.16g}") == number


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[tuple[Column, object]]]
                  ) -> list[int]:
    """How wide each column of a scenario sheet is shown: its longest heading or value among
    the first 200 rows, between 10 and 45 characters."""
    widths = []
    for index, column in enumerate(columns):
        longest = max([len(column.name)]
                      + [len(cell_text(*row[index])) for row in rows[:200]])
        widths.append(min(max(longest + 2, 10), 45))
    return widths
