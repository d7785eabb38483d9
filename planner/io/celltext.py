"""How a scenario's values are written into cells, so that reading them gives them back exactly."""

from __future__ import annotations

import datetime as dt

from planner.io.schema import Column, Kind
from planner.model import WEEKDAYS


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
