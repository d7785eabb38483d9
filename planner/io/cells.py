"""What a single cell means for its column.

Cells arrive as text (CSV, or numbers stored as text), as numbers, or as Excel dates, times and
durations. Each is read into the column's kind or refused with a sentence saying what to write.
Dates follow the rules contact history is read by too (planner.io.when).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from openpyxl.utils.datetime import to_excel

from planner.io.celltext import number_text
from planner.io.schema import Column, Kind, normal_name
from planner.io.table import ExcelError, FormulaWithoutValue, clean_text, is_blank
from planner.io.when import DATE_FORMS, WhenProblem, read_date


class CellProblem(ValueError):
    """A cell cannot mean what its column needs; the message says why and what to write."""


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?")
_DAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_DAY_GROUPS = {
    "weekdays": (0, 1, 2, 3, 4), "weekends": (5, 6), "weekend": (5, 6),
    "everyday": (0, 1, 2, 3, 4, 5, 6), "daily": (0, 1, 2, 3, 4, 5, 6), "all": (0, 1, 2, 3, 4, 5, 6),
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_EXCEL_ONE_DAY = dt.datetime(1900, 1, 1)  # what openpyxl makes of 1 in a date or time cell


def shown(raw: object) -> str:
    """A cell's value quoted back to the person, short enough for a message."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return number_text(raw) if math.isfinite(raw) else str(raw)
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    if isinstance(raw, int):
        text = str(raw)
        return text if len(text) <= 20 else text[:17] + "..."
    text = str(raw).strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")


def read_cell(column: Column, raw: object, decimal_comma: bool = False) -> object:
    """The value a cell means for `column`: its default when blank, else CellProblem."""
    if isinstance(raw, FormulaWithoutValue):
        raise CellProblem(
            f"{column.name} holds a formula ({raw.formula}) whose result was never saved; open "
            "the workbook in Excel and save it, so the result is stored with it"
        )
    if isinstance(raw, ExcelError):
        raise CellProblem(f"{column.name} shows the Excel error {raw.code}; correct the formula "
                          "or type the value")
    if is_blank(raw):
        if column.required:
            raise CellProblem(f"{column.name} is empty; it needs {_wanted(column)}")
        return column.default
    if isinstance(raw, str):
        raw = clean_text(raw)
    value = _READERS[column.kind](column, raw, decimal_comma)
    _check_range(column, value)
    return value


def _wanted(column: Column) -> str:
    what = {
        Kind.NUMBER: f"a number of {column.unit}" if column.unit else "a number",
        Kind.WHOLE: f"a whole number of {column.unit}" if column.unit else "a whole number",
        Kind.FRACTION: "a fraction (0.8 means 80%)",
        Kind.DATE: f"a date as {DATE_FORMS}",
        Kind.TIME: "a time as HH:MM",
        Kind.YES_NO: "yes or no",
        Kind.CHOICE: "one of " + ", ".join(column.choices),
        Kind.DAYS: "days such as Mon-Fri",
        Kind.WEEKDAY: "a weekday, Mon to Sun",
    }.get(column.kind, "a value")
    return f"{what}, e.g. {column.example}"


def _text(column: Column, raw: object, decimal_comma: bool) -> str:
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0):
        return raw.date().isoformat()
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    return str(raw).strip()


def _number(column: Column, raw: object, decimal_comma: bool) -> float:
    per_unit = column.seconds_per_unit
    if isinstance(raw, bool):
        raise CellProblem(f"{column.name} {shown(raw)} is not a number; it needs "
                          f"{_wanted(column)}")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:
            value = math.inf
    elif isinstance(raw, dt.timedelta) and per_unit:
        value = raw.total_seconds() / per_unit
    elif isinstance(raw, dt.time) and per_unit:
        value = (raw.hour * 3600 + raw.minute * 60 + raw.second) / per_unit
    elif isinstance(raw, str):
        value = _number_from_text(column, raw, decimal_comma)
    else:
        raise CellProblem(f"{column.name} {shown(raw)} is a date or time, not a number; it "
                          f"needs {_wanted(column)}")
    if not math.isfinite(value):
        raise CellProblem(f"{column.name} {shown(raw)} is not a usable number; it needs "
                          f"{_wanted(column)}")
    return value


def _number_from_text(column: Column, raw: str, decimal_comma: bool) -> float:
    text = raw.replace("\u00a0", "").replace(" ", "")
    if column.unit.startswith("pounds"):
        text = text.removeprefix("£")
    if decimal_comma and "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if column.kind is Kind.FRACTION and text.endswith("%"):
        if _NUMBER.fullmatch(text[:-1]):
            return float(text[:-1]) / 100
    if not _NUMBER.fullmatch(text):
        raise CellProblem(f"{column.name} {shown(raw)} is not a number; it needs "
                          f"{_wanted(column)}")
    return float(text)


def _whole(column: Column, raw: object, decimal_comma: bool) -> int:
    value = _number(column, raw, decimal_comma)
    if not value.is_integer():
        raise CellProblem(f"{column.name} {shown(raw)} must be a whole number, e.g. "
                          f"{column.example}")
    return int(value)




def _check_range(column: Column, value: object) -> None:
    if column.kind not in (Kind.NUMBER, Kind.WHOLE, Kind.FRACTION) or value is None:
        return
    if column.allowed:
        if value not in column.allowed:
            raise CellProblem(f"{column.name} {number_text(value)} is not possible; it must be "
                              f"{column.rule}")
        return
    too_low = column.low is not None and (
        value <= column.low if column.low_open else value < column.low)
    too_high = column.high is not None and (
        value >= column.high if column.high_open else value > column.high)
    if too_low or too_high:
        note = ""
        if column.kind is Kind.FRACTION:
            note = " (a fraction: 0.8 means 80%)"
            if 1 < value <= 100:
                note += f"; for {number_text(value)}% write {number_text(value / 100)}"
        raise CellProblem(f"{column.name} {number_text(value)} is not possible; it must be "
                          f"{column.rule}{note}")


def _date(column: Column, raw: object, decimal_comma: bool) -> dt.date:
    try:
        return read_date(raw, column.example)
    except WhenProblem as problem:
        raise CellProblem(f"{column.name} {shown(raw)} {problem}") from None


def _time(column: Column, raw: object, decimal_comma: bool) -> dt.time:
    """A time of day. Excel keeps one as a fraction of a day and shows it through the cell's
    time format, so openpyxl gives a `time` for it; every other number is refused, as is a date
    with a time, rather than read as the time of day it happens to hold."""
    if isinstance(raw, dt.datetime):
        if not (column.midnight_end and raw == _EXCEL_ONE_DAY):
            raise _date_and_time(column, raw)
        raw = dt.time(0)  # 24:00 typed into a time cell: Excel keeps it as one whole day
    if isinstance(raw, dt.time):
        seconds = raw.hour * 3600 + raw.minute * 60 + raw.second + raw.microsecond / 1e6
    elif isinstance(raw, dt.timedelta):
        seconds = _duration(column, raw)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellProblem(f"{column.name} {shown(raw)} is a number, not a time; write the time "
                          f"as HH:MM, e.g. {column.example}{_fraction_hint(raw)}")
    elif isinstance(raw, str):
        return _time_from_text(column, raw)
    else:
        raise CellProblem(f"{column.name} {shown(raw)} is not a time; write it as HH:MM, e.g. "
                          f"{column.example}")
    whole = round(seconds) % 86400
    return dt.time(whole // 3600, whole % 3600 // 60, whole % 60)


def _date_and_time(column: Column, raw: dt.datetime) -> CellProblem:
    """What a date (with or without a time) in a time column shows, and what to write."""
    when, what = f"{raw:%Y-%m-%d %H:%M}", "a date and time, not a time of day"
    if raw.second:
        when += f":{raw:%S}"
    if raw.year < 1901:  # a number typed into a time cell: Excel counts days from 1900
        what += f" (the cell holds the number {number_text(to_excel(raw))})"
    elif raw.time() == dt.time(0):
        when, what = f"{raw:%Y-%m-%d}", "a date, not a time"
    return CellProblem(f"{column.name} shows {when}, {what}; write the time as HH:MM, e.g. "
                       f"{column.example}")


def _duration(column: Column, raw: dt.timedelta) -> float:
    """A time typed into an [h]:mm (duration) cell, as seconds since midnight."""
    seconds = raw.total_seconds()
    if column.midnight_end and seconds == 86400:
        return 0.0
    if 0 <= seconds < 86400:
        return seconds
    if seconds < 0:
        raise CellProblem(f"{column.name} {shown(raw)} is not a time; write it as HH:MM, e.g. "
                          f"{column.example}")
    hours, rest = divmod(round(seconds), 3600)
    raise CellProblem(f"{column.name} shows {hours}:{rest // 60:02d}, a length of time of a day "
                      f"or more, not a time of day; write the time as HH:MM, e.g. "
                      f"{column.example}")


def _fraction_hint(raw: float) -> str:
    if not 0 < raw < 1:
        return ""
    whole = round(raw * 86400) % 86400
    return (f" ({shown(raw)} is how Excel stores {whole // 3600:02d}:{whole % 3600 // 60:02d}: "
            "if that is meant, format the cell as a time)")


def _time_from_text(column: Column, raw: str) -> dt.time:
    clock, plain = _CLOCK.fullmatch(raw.lower()), _TIME.fullmatch(raw)
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2] or 0), 0
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if clock[3] == "p" else 0)
        else:
            hour = 99
    elif plain:
        hour, minute, second = int(plain[1]), int(plain[2]), int(plain[3] or 0)
    else:
        raise CellProblem(f"{column.name} {shown(raw)} is not a time; write it as HH:MM, e.g. "
                          f"{column.example}")
    if column.midnight_end and (hour, minute, second) == (24, 0, 0):
        return dt.time(0, 0)
    if hour > 23 or minute > 59 or second > 59:
        part = "hours run from 00 to 23" if hour > 23 else "minutes run from 00 to 59"
        raise CellProblem(f"{column.name} {shown(raw)} is not a time: {part}; write it as "
                          f"HH:MM, e.g. {column.example}")
    return dt.time(hour, minute, second)


def _yes_no(column: Column, raw: object, decimal_comma: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    text = number_text(raw) if isinstance(raw, float) else str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellProblem(f"{column.name} {shown(raw)} is not yes or no; write yes or no")


def _choice(column: Column, raw: object, decimal_comma: bool) -> str:
    wanted = normal_name(str(raw))
    for choice in column.choices:
        if normal_name(choice) == wanted:
            return choice
    raise CellProblem(f"{column.name} {shown(raw)} is not one of {', '.join(column.choices)}")


def _list(column: Column, raw: object, decimal_comma: bool) -> tuple[str, ...]:
    items = [part.strip() for part in _text(column, raw, decimal_comma).split(",")]
    return tuple(dict.fromkeys(item for item in items if item))


def _days(column: Column, raw: object, decimal_comma: bool) -> tuple[int, ...]:
    days: list[int] = []
    for part in re.split(r"[,;]", str(raw)):
        token = part.strip()
        if not token:
            continue
        group = _DAY_GROUPS.get(normal_name(token))
        ends = re.split(r"\s*(?:-|–|—|\bto\b)\s*", token)
        if group is not None:
            days.extend(group)
        elif len(ends) == 2:
            first, last = _day(column, raw, ends[0]), _day(column, raw, ends[1])
            days.extend((first + i) % 7 for i in range((last - first) % 7 + 1))
        else:
            days.append(_day(column, raw, token))
    if not days:
        raise CellProblem(f"{column.name} {shown(raw)} names no days; write e.g. Mon-Fri")
    return tuple(dict.fromkeys(days))


def _day(column: Column, raw: object, token: str) -> int:
    day = _DAY_NAMES.get(token.strip().lower().rstrip("."))
    if day is None:
        raise CellProblem(f"{column.name} {shown(raw)} is not understood: {token.strip()!r} is "
                          "not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun and ranges such as "
                          "Mon-Fri")
    return day


def _weekday(column: Column, raw: object, decimal_comma: bool) -> int:
    day = _DAY_NAMES.get(str(raw).strip().lower().rstrip("."))
    if day is None:
        raise CellProblem(f"{column.name} {shown(raw)} is not a weekday; write Mon, Tue, Wed, "
                          "Thu, Fri, Sat or Sun")
    return day


_READERS = {
    Kind.TEXT: _text, Kind.NUMBER: _number, Kind.WHOLE: _whole, Kind.FRACTION: _number,
    Kind.DATE: _date, Kind.TIME: _time, Kind.YES_NO: _yes_no, Kind.CHOICE: _choice,
    Kind.LIST: _list, Kind.DAYS: _days, Kind.WEEKDAY: _weekday,
}
