"""Dates and date-times as people write them in files: one set of rules for every reader.

Understood, in a scenario's cells and in contact history alike:

- ISO, year first: `2027-03-01`, `2027-03-01T09:49`, `2027-03-01 09:49:05`, with fractional
  seconds (`09:49:05.250`) and an offset from UTC (`Z`, `+01:00`, `+0100`); a time with an
  offset is turned into UK local time (GMT or BST), the time every other one is taken to be in;
- day first, as in the UK: `01/03/2027`, `1/3/2027`, `01-03-2027` or `01.03.2027`, with the year
  in full and, for a date-time, a time after a space: `1/3/2027 9:49`, `01/03/2027 09:49:05`;
- an Excel serial number, as a number or as the digits in a CSV cell: `46447` is 1 March 2027
  and `46447.75` 18:00 that day (numbers from 32874, 1 January 1990, up to 2100 only).

Refused, each with the reason and how to write it: a date or time that cannot be (`31/04/2027`:
April 2027 has 30 days; `25:00`), a two-digit year (`01/03/27` could be 1927 or 2027), and, in a
column, dates written month first (`03/13/2027`): when some cannot be day first and all of them
would be real month first, the column gets one problem rather than one per row.

`read_when` and `read_date` read one cell; `read_when_column` reads a column of text at once,
without a Python call per row for the usual forms, for contact logs of millions of rows. Both
share every rule: a cell is read as the column reader reads a column holding it alone; only a
column of several dates can be found to be month first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Excel serial numbers for 1990-01-01 and 2100-01-01: a number outside is not meant as a date.
SERIAL_RANGE = (32874, 73051)
LOCAL_ZONE = "Europe/London"
DATE_FORMS = "YYYY-MM-DD or DD/MM/YYYY"
WHEN_FORMS = "YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM"
WHEN_EXAMPLES = "2027-03-01 09:15 or 01/03/2027 09:15"
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "us")
_FIRST, _LAST = np.datetime64("0001-01-01", "us"), np.datetime64("9999-12-31T23:59:59.999999")
_US_PER_SECOND = 1_000_000

_TIME = (r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})"
         r"(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,9}))?)?")
_ISO = re.compile(
    r"\A(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    rf"(?:(?:[Tt]|\s+){_TIME}"
    r"\s*(?:(?P<zulu>[Zz])|(?P<sign>[+-])(?P<off_hour>[0-9]{2})(?::?(?P<off_minute>[0-9]{2}))?)?"
    r")?\Z")
_DMY = re.compile(
    r"\A(?P<day>[0-9]{1,2})[/.-](?P<month>[0-9]{1,2})[/.-](?P<year>[0-9]{4}|[0-9]{2})"
    rf"(?:\s+{_TIME})?\Z")
_SERIAL = re.compile(r"\A(?P<serial>[0-9]+(?:\.[0-9]+)?)\Z")

# How each text was written.
_NONE, _ISO_FORM, _DMY_FORM, _SERIAL_FORM = 0, 1, 2, 3
_PATTERNS = ((_ISO_FORM, _ISO), (_DMY_FORM, _DMY), (_SERIAL_FORM, _SERIAL))

# The usual forms at fixed width, read from the characters' codes without a regular expression.
# Y, M, D, h, m, s and f are digits of the year, month, day, hour, minute, second and fraction
# of a second, H and N of an offset's hours and minutes; "?" is T or a space, "/" any of / . -,
# "+" either sign, and other characters stand for themselves. Every shape is also matched by its
# form's pattern above, to the same parts.
_ISO_TIMES = ("hh:mm", "hh:mm:ss", "hh:mm:ss.fff", "hh:mm:ss.ffffff")
_DMY_TIMES = ("", " h:mm", " hh:mm", " h:mm:ss", " hh:mm:ss")
_SHAPES = (
    ((_ISO_FORM, "YYYY-MM-DD"),)
    + tuple((_ISO_FORM, f"YYYY-MM-DD?{time}{zone}") for time in _ISO_TIMES
            for zone in ("", "Z", "+HH:NN"))
    + tuple((_DMY_FORM, f"{day}/{month}/YYYY{time}") for day in ("DD", "D")
            for month in ("MM", "M") for time in _DMY_TIMES)
)
_STANDS_FOR = {"?": "T ", "/": "/.-", "+": "+-"}
_FIELDS = {"Y": "year", "M": "month", "D": "day", "h": "hour", "m": "minute", "s": "second",
           "f": "micro", "H": "offset_hour", "N": "offset_minute"}


@dataclass(frozen=True)
class _Shape:
    """Where a shape's digits and other characters are."""

    form: int
    text: str
    digits: np.ndarray  # positions of digits
    fields: tuple[tuple[str, int, int], ...]  # (part, first position, position after)
    others: tuple[tuple[int, tuple[int, ...]], ...]  # (position, the characters allowed)

    @classmethod
    def of(cls, form: int, text: str) -> _Shape:
        fields = []
        for at, mark in enumerate(text):
            if mark in _FIELDS and (at == 0 or text[at - 1] != mark):
                end = at
                while end < len(text) and text[end] == mark:
                    end += 1
                fields.append((_FIELDS[mark], at, end))
        others = tuple((at, tuple(map(ord, _STANDS_FOR.get(mark, mark))))
                       for at, mark in enumerate(text) if mark not in _FIELDS)
        digits = np.array([at for at, mark in enumerate(text) if mark in _FIELDS])
        return cls(form, text, digits, tuple(fields), others)


_SHAPED = tuple(_Shape.of(form, text) for form, text in _SHAPES)

# Why a text was refused, in the order they are looked for: the first that applies is given.
(_READ, _EMPTY, _NOT, _SHORT_YEAR, _NO_YEAR, _NO_MONTH, _NO_MONTH_US, _NO_DAY, _BAD_HOUR,
 _BAD_MINUTE, _BAD_SECOND, _BAD_OFFSET, _HAS_TIME, _MONTH_FIRST) = range(14)
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


class WhenProblem(ValueError):
    """A text is not a date (or date and time) that can be read. The message is the reason,
    to follow the column's name and the text, e.g. "is not a real date: there is no month 13"."""


@dataclass(frozen=True)
class MonthFirst:
    """A column whose dates are written month first. `label` is the row (the Series' index
    label) of one that cannot be day first and `text` what it says: `first/second/year`, where
    `second` is over 12."""

    label: Hashable
    text: str
    first: int
    second: int
    year: int

    @property
    def reason(self) -> str:
        """The reason given to each of the column's day/month/year rows."""
        return (f"is written month first, as the column's dates are (there is no month "
                f"{self.second} in {self.text!r}); write the dates day first, or as YYYY-MM-DD")

    def message(self, column: str) -> str:
        """One problem for the whole column."""
        return (f"the dates in {column} are written month first, as in {self.text!r} (there is "
                f"no month {self.second}); write them day first, {self._day_first} for this "
                f"one, or as YYYY-MM-DD, {self._iso}")

    @property
    def _day_first(self) -> str:
        return f"{self.second:02d}/{self.first:02d}/{self.year:04d}"

    @property
    def _iso(self) -> str:
        return f"{self.year:04d}-{self.first:02d}-{self.second:02d}"


@dataclass(frozen=True)
class WhenColumn:
    """A column read by `read_when_column`.

    `values` are naive local date-times (datetime64[us], NaT where a row was not read);
    `reasons` says, for each row not read, why (as `WhenProblem` would), and is "" for every
    row read. `month_first` is set when the column's dates are written month first: then every
    day/month/year row is refused, all with `month_first.reason`.
    """

    values: pd.Series
    reasons: pd.Series
    month_first: MonthFirst | None = None

    @property
    def bad(self) -> pd.Series:
        return self.reasons != ""


def read_when(raw: object) -> dt.datetime:
    """A date and time (a date alone is its midnight) from one cell: text, an Excel serial
    number, a `datetime` or a `date`. Raises WhenProblem with the reason when it is not one."""
    if isinstance(raw, dt.datetime):
        if raw.tzinfo is not None:
            raw = pd.Timestamp(raw).tz_convert(LOCAL_ZONE).tz_localize(None).to_pydatetime()
        return raw
    if isinstance(raw, dt.date):
        return dt.datetime.combine(raw, dt.time())
    return _read_text(_cell_text(raw), False, None)


def read_date(raw: object, example: str = "2027-03-01") -> dt.date:
    """A date from one cell: as `read_when`, but a time other than midnight is refused (a
    `datetime` object gives its date, and an Excel serial number its day). `example` is the
    ISO date a refusal shows; it is also shown day first."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return _read_text(_cell_text(raw), True, example).date()


def read_when_column(texts: pd.Series) -> WhenColumn:
    """Every text of a column read as a date and time (a date alone is its midnight), with
    the reason for each that is not one. Blank texts are refused as empty."""
    raw = _texts(texts)
    parts = _Parts.empty(len(raw))
    _read_shapes(raw, parts)
    left = np.flatnonzero(parts.form == _NONE)
    if len(left):  # the rest, by the patterns `read_when` uses
        rest = pd.Series(raw[left], dtype=object).str.strip()
        parts.blank[left] = (rest == "").to_numpy()
        for form, pattern in _PATTERNS:
            todo = np.flatnonzero((parts.form[left] == _NONE) & ~parts.blank[left])
            if not len(todo):
                break
            found = rest.iloc[todo].str.extract(pattern.pattern)
            matched = found.notna().any(axis=1).to_numpy()
            if matched.any():
                groups = {name: found[name].fillna("").to_numpy(dtype=object)[matched]
                          for name in found}
                parts.put(left[todo[matched]], _Parts.from_groups(form, groups))
    codes = _codes(parts, date_only=False)
    month_first = _month_first(parts, codes, texts.index, raw)
    if month_first is not None:
        codes[(parts.form == _DMY_FORM) & ~parts.short_year] = _MONTH_FIRST
    values = _read(parts, codes)
    reasons = _reasons(parts, codes, date_only=False, example=None, month_first=month_first)
    return WhenColumn(pd.Series(values, index=texts.index),
                      pd.Series(reasons, index=texts.index, dtype=object), month_first)


def _texts(texts: pd.Series) -> np.ndarray:
    """The column's cells as text, "" where blank."""
    if pd.api.types.infer_dtype(texts, skipna=False) == "string":
        return texts.to_numpy(dtype=object)
    shown = texts.astype(object).where(texts.notna(), "")
    return shown.map(lambda cell: cell if isinstance(cell, str) else _number_text(cell)
                     ).to_numpy(dtype=object)


def _number_text(cell: object) -> str:
    """A cell that is not text, as text: a number as its digits."""
    if isinstance(cell, bool) or (isinstance(cell, float) and not math.isfinite(cell)):
        return "-"  # read as nothing
    if not isinstance(cell, (int, float)):
        return str(cell)
    text = repr(cell)
    return "-" if "e" in text else text  # an exponent: far too large or small for a date


@dataclass
class _Parts:
    """The parts of texts as written, one entry per text; 0 for a part not written."""

    form: np.ndarray  # _NONE, _ISO_FORM, _DMY_FORM or _SERIAL_FORM
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    hour: np.ndarray
    minute: np.ndarray
    second: np.ndarray
    micro: np.ndarray
    timed: np.ndarray  # a time was written
    zoned: np.ndarray  # an offset from UTC was written
    offset_hour: np.ndarray  # signed, as the offset's minutes are
    offset_minute: np.ndarray
    short_year: np.ndarray  # the year was written with two digits
    serial: np.ndarray  # the Excel serial number, NaN for any other form
    blank: np.ndarray

    @classmethod
    def empty(cls, n: int) -> _Parts:
        whole = {name: np.zeros(n, dtype=np.int64) for name in (
            "year", "month", "day", "hour", "minute", "second", "micro", "offset_hour",
            "offset_minute")}
        flags = {name: np.zeros(n, dtype=bool) for name in (
            "timed", "zoned", "short_year", "blank")}
        return cls(form=np.zeros(n, dtype=np.int8), serial=np.full(n, np.nan), **whole,
                   **flags)

    @classmethod
    def from_groups(cls, form: int, groups: dict[str, np.ndarray]) -> _Parts:
        """Parts from a pattern's named groups (texts, "" where not written)."""
        n = len(next(iter(groups.values())))
        parts = cls.empty(n)
        parts.form[:] = form
        if form == _SERIAL_FORM:
            parts.serial = groups["serial"].astype(float)
            return parts
        for name in ("year", "month", "day", "hour", "minute", "second"):
            setattr(parts, name, _whole(groups[name]))
        parts.timed = groups["hour"] != ""
        fraction = groups["fraction"].astype(str)
        parts.micro = np.char.ljust(fraction, 6, "0").astype("U6").astype(np.int64)
        if form == _DMY_FORM:
            parts.short_year = np.char.str_len(groups["year"].astype(str)) == 2
        else:
            sign = np.where(groups["sign"] == "-", -1, 1)
            parts.zoned = (groups["zulu"] != "") | (groups["sign"] != "")
            parts.offset_hour = sign * _whole(groups["off_hour"])
            parts.offset_minute = sign * _whole(groups["off_minute"])
        return parts

    def put(self, where: np.ndarray, other: _Parts) -> None:
        """Set the entries at `where` to `other`'s."""
        for name, values in vars(other).items():
            getattr(self, name)[where] = values


def _whole(group: np.ndarray) -> np.ndarray:
    """Digits as whole numbers, 0 where not written."""
    return np.where(group == "", "0", group).astype(np.int64)


def _cell_text(raw: object) -> str:
    return (raw if isinstance(raw, str) else _number_text(raw)).strip()


def _read_text(text: str, date_only: bool, example: str | None) -> dt.datetime:
    """One cell's text read by the same patterns and rules as `read_when_column` (a workbook
    repeats its dates, so each text is read once)."""
    value, reason = _read_once(text, date_only, example)
    if reason:
        raise WhenProblem(reason)
    return value


@functools.lru_cache(maxsize=4096)
def _read_once(text: str, date_only: bool, example: str | None) -> tuple[dt.datetime, str]:
    parts = _Parts.empty(1)
    parts.blank[0] = text == ""
    for form, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            parts = _Parts.from_groups(form, {name: np.array([value], dtype=object)
                                              for name, value in match.groupdict("").items()})
            break
    codes = _codes(parts, date_only)
    value = _read(parts, codes)[0]
    if codes[0] == _READ:
        return value.item(), ""
    return dt.datetime.min, str(_reasons(parts, codes, date_only, example)[0])


def _read_shapes(raw: np.ndarray, parts: _Parts) -> None:
    """Parts of the texts written in one of `_SHAPES`, from their characters' codes."""
    lengths = pd.Series(raw, dtype=object).str.len().to_numpy()
    for length in sorted({len(shape.text) for shape in _SHAPED}):
        rows = np.flatnonzero(lengths == length)
        if not len(rows):
            continue
        codes = raw[rows].astype(f"U{length}").view(np.uint32).reshape(len(rows), length)
        for shape in _SHAPED:
            if len(shape.text) == length:
                _read_shape(shape, codes, rows, parts)


def _read_shape(shape: _Shape, codes: np.ndarray, rows: np.ndarray, parts: _Parts) -> None:
    fits = parts.form[rows] == _NONE
    for at, allowed in shape.others:
        fits &= np.isin(codes[:, at], allowed)
    for at in shape.digits:
        fits &= (codes[:, at] - np.uint32(ord("0"))) < 10
    if not fits.any():
        return
    codes = codes if fits.all() else codes[fits]
    found = _Parts.empty(len(codes))
    found.form[:] = shape.form
    for name, start, end in shape.fields:
        digits = codes[:, start:end].astype(np.int64) - ord("0")
        setattr(found, name, digits @ 10 ** np.arange(end - start - 1, -1, -1))
    if "f" in shape.text:
        found.micro *= 10 ** (6 - shape.text.count("f"))
    if "+" in shape.text:
        negative = codes[:, shape.text.index("+")] == ord("-")
        found.offset_hour[negative] *= -1
        found.offset_minute[negative] *= -1
    found.timed[:] = "h" in shape.text
    found.zoned[:] = shape.text.endswith("Z") or "H" in shape.text
    parts.put(rows[fits], found)


def _days_in(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    month = np.clip(month, 1, 12)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return _DAYS_IN_MONTH[month - 1] + ((month == 2) & leap)


def _codes(parts: _Parts, date_only: bool) -> np.ndarray:
    """Why each text is refused (the first reason that applies), or _READ."""
    codes = np.full(len(parts.form), _READ, dtype=np.int8)
    dated = (parts.form == _ISO_FORM) | (parts.form == _DMY_FORM)
    month_first_real = ((parts.form == _DMY_FORM) & (parts.day >= 1) & (parts.day <= 12)
                        & (parts.month >= 1) & (parts.month <= _days_in(parts.year, parts.day)))
    serial_ok = (parts.serial >= SERIAL_RANGE[0]) & (parts.serial < SERIAL_RANGE[1])
    midnight = ((parts.hour == 0) & (parts.minute == 0) & (parts.second == 0)
                & (parts.micro == 0) & ~parts.zoned)
    checks = (
        (_EMPTY, parts.blank),
        (_NOT, (parts.form == _NONE) | ((parts.form == _SERIAL_FORM) & ~serial_ok)),
        (_SHORT_YEAR, dated & parts.short_year),
        (_NO_YEAR, dated & (parts.year == 0)),
        (_NO_MONTH_US, dated & (parts.month > 12) & month_first_real),
        (_NO_MONTH, dated & ((parts.month < 1) | (parts.month > 12))),
        (_NO_DAY, dated & ((parts.day < 1) | (parts.day > _days_in(parts.year, parts.month)))),
        (_BAD_HOUR, parts.hour > 23),
        (_BAD_MINUTE, parts.minute > 59),
        (_BAD_SECOND, parts.second > 59),
        (_BAD_OFFSET, (np.abs(parts.offset_hour) > 23) | (np.abs(parts.offset_minute) > 59)),
    )
    if date_only:
        checks += ((_HAS_TIME, dated & parts.timed & ~midnight),)
    for code, applies in reversed(checks):
        codes[applies] = code
    return codes


def _month_first(parts: _Parts, codes: np.ndarray, index: pd.Index,
                 raw: np.ndarray) -> MonthFirst | None:
    """The column's evidence that its dates are month first: some day/month/year dates with a
    month over 12, and every one of them a real date read month first."""
    dmy = (parts.form == _DMY_FORM) & ~parts.short_year
    impossible = np.flatnonzero(codes == _NO_MONTH_US)
    if not len(impossible) or dmy.sum() < 2:
        return None  # one date alone: its own reason says how it is read
    swapped_real = ((parts.day >= 1) & (parts.day <= 12) & (parts.month >= 1)
                    & (parts.month <= _days_in(parts.year, parts.day)) & (parts.year > 0))
    if not swapped_real[dmy].all():
        return None
    at = impossible[0]
    label = index[at]
    return MonthFirst(label.item() if isinstance(label, np.generic) else label,
                      str(raw[at]).strip(), int(parts.day[at]), int(parts.month[at]),
                      int(parts.year[at]))


def _values(parts: _Parts, read: np.ndarray) -> np.ndarray:
    """The naive local date-time of each text read; NaT for the rest."""
    dated = read & (parts.form != _SERIAL_FORM)
    year = np.where(dated, parts.year, 1970)
    month = np.where(dated, parts.month, 1)
    day = np.where(dated, parts.day, 1)
    days = (((year - 1970) * 12 + month - 1).astype("datetime64[M]").astype("datetime64[D]")
            + (day - 1).astype("timedelta64[D]"))
    seconds = parts.hour * 3600 + parts.minute * 60 + parts.second
    values = days.astype("datetime64[us]") + (seconds * _US_PER_SECOND + parts.micro).astype(
        "timedelta64[us]")
    serial = read & (parts.form == _SERIAL_FORM)
    if serial.any():
        whole_seconds = np.round(np.where(serial, parts.serial, 0.0) * 86400).astype(np.int64)
        values = np.where(serial, _EXCEL_EPOCH + (whole_seconds * _US_PER_SECOND).astype(
            "timedelta64[us]"), values)
    zoned = read & parts.zoned
    if zoned.any():
        offset = (parts.offset_hour * 60 + parts.offset_minute)[zoned] * 60 * _US_PER_SECOND
        utc = values[zoned] - offset.astype("timedelta64[us]")
        local = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(LOCAL_ZONE)
        values[zoned] = local.tz_localize(None).to_numpy().astype("datetime64[us]")
    return np.where(read, values, np.datetime64("NaT", "us"))


def _read(parts: _Parts, codes: np.ndarray) -> np.ndarray:
    """The values of the texts `codes` says are read; a time turned into local time beyond the
    years 1 to 9999 is then not read after all (its code becomes _NOT)."""
    values = _values(parts, codes == _READ)
    beyond = (codes == _READ) & ((values < _FIRST) | (values > _LAST))
    if beyond.any():
        codes[beyond] = _NOT
        values[beyond] = np.datetime64("NaT", "us")
    return values


def _reasons(parts: _Parts, codes: np.ndarray, date_only: bool, example: str | None,
             month_first: MonthFirst | None = None) -> np.ndarray:
    """The reason for each refused text, "" for each read, worded for the whole column at once
    (a pandas operation per kind of reason, not a Python call per row)."""
    reasons = np.full(len(codes), "", dtype=object)
    for code in np.unique(codes):
        if code == _READ:
            continue
        at = np.flatnonzero(codes == code)
        reasons[at] = _worded(int(code), _Slice(parts, at), date_only, example, month_first)
    return reasons


class _Slice:
    """Some entries of the parts, as text Series for wording."""

    def __init__(self, parts: _Parts, at: np.ndarray):
        self.parts, self.at = parts, at

    def number(self, name: str, width: int = 1) -> pd.Series:
        return pd.Series(getattr(self.parts, name)[self.at]).astype(str).str.zfill(width)

    def array(self, name: str) -> np.ndarray:
        return getattr(self.parts, name)[self.at]


def _worded(code: int, rows: _Slice, date_only: bool, example: str | None,
            month_first: MonthFirst | None) -> np.ndarray | str:
    real_date, real_time = "is not a real date: ", "is not a real time of day: "
    if code == _EMPTY:
        return "is empty"
    if code == _NOT:
        if date_only:
            iso = example or "2027-03-01"
            return (f"is not a date; write it as {DATE_FORMS}, e.g. {iso} or "
                    f"{_day_first(iso)}")
        return f"is not a date and time; write it as {WHEN_FORMS}, e.g. {WHEN_EXAMPLES}"
    if code == _SHORT_YEAR:
        day, month, year = rows.number("day", 2), rows.number("month", 2), rows.number("year", 2)
        written = day + "/" + month + "/" + year
        return ("has a two-digit year; write the year in full, e.g. " + day + "/" + month
                + "/20" + year + ", since " + written + " could be 19" + year + " or 20"
                + year).to_numpy()
    if code == _NO_YEAR:
        return real_date + "there is no year 0"
    if code in (_NO_MONTH, _NO_MONTH_US):
        said = real_date + "there is no month " + rows.number("month")
        if code == _NO_MONTH_US:
            names = pd.Series(np.array(calendar.month_name, dtype=object)[rows.array("day")])
            said += (" (dates are read day first: for " + rows.number("month") + " " + names
                     + " " + rows.number("year") + " write " + rows.number("month", 2) + "/"
                     + rows.number("day", 2) + "/" + rows.number("year", 4) + " or "
                     + rows.number("year", 4) + "-" + rows.number("day", 2) + "-"
                     + rows.number("month", 2) + ")")
        return said.to_numpy()
    if code == _NO_DAY:
        days = pd.Series(_days_in(rows.array("year"), rows.array("month"))).astype(str)
        names = pd.Series(np.array(calendar.month_name, dtype=object)[rows.array("month")])
        said = real_date + names + " " + rows.number("year") + " has " + days + " days"
        return np.where(rows.array("day") == 0, real_date + "there is no day 0",
                        said.to_numpy())
    if code == _BAD_HOUR:
        return real_time + "hours run from 00 to 23"
    if code == _BAD_MINUTE:
        return real_time + "minutes run from 00 to 59"
    if code == _BAD_SECOND:
        return real_time + "seconds run from 00 to 59"
    if code == _BAD_OFFSET:
        return "has an offset from UTC that cannot be; write it as Z or e.g. +01:00"
    if code == _HAS_TIME:
        iso = example or "2027-03-01"
        return f"is a date and time; write the date alone, e.g. {iso} or {_day_first(iso)}"
    if code == _MONTH_FIRST and month_first is not None:
        return month_first.reason
    raise AssertionError(f"no wording for reason {code}")


def _day_first(iso: str) -> str:
    """2027-03-01 written day first: 01/03/2027."""
    match = _ISO.search(iso)
    if not match:
        return iso
    return f"{int(match['day']):02d}/{int(match['month']):02d}/{match['year']}"
