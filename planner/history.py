"""Contact history read from a CSV file, as contacts offered, answered and abandoned per interval.

Two kinds of file are understood, told apart by their header:

- a contact log, one row per contact: `arrived_at` (a date and time), `channel`,
  `wait_seconds`, `handle_seconds`, `outcome` (answered or abandoned);
- an interval report, one row per channel and interval: `interval_start` (a date and time),
  `channel`, `offered`, `answered`, `abandoned`, `aht_seconds`.

Dates and times are read as in a scenario (planner.io.when): `2027-03-01 09:15` or
`01/03/2027 09:15` (day first), with seconds or not, ISO with an offset from UTC (turned into
UK local time) or an Excel serial number.

Commas or semicolons (with decimal commas) may separate the values, and a UTF-8 byte-order mark
is allowed. Both become one frame per channel and interval (see `INTERVAL_COLUMNS`). A contact
log also gives what callers' patience is estimated from: the total time every queued caller
waited (answered or not) and the number who gave up after waiting. A caller recorded as
abandoned with no wait at all left before joining the queue and says nothing about patience.

Every unreadable cell is a problem naming the file, row and column; blank lines are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.io.csvfolder import decode_text
from planner.io.guard import file_refused
from planner.io.table import clean_text, error
from planner.io.when import read_when_column
from planner.problems import Problem, ProblemList

CONTACT_COLUMNS = ("arrived_at", "channel", "wait_seconds", "handle_seconds", "outcome")
REPORT_COLUMNS = ("interval_start", "channel", "offered", "answered", "abandoned", "aht_seconds")
OUTCOMES = ("answered", "abandoned")

# The per-interval frame: interval_start is a datetime64 column; the rest are numbers.
# handle_seconds is the total over the answered contacts. waited_seconds (total wait of every
# caller who queued), abandoned_waiting (callers who gave up after waiting) and
# abandoned_wait_seconds (their total wait) are NaN for an interval report, which has no waits.
INTERVAL_COLUMNS = (
    "channel", "interval_start", "offered", "answered", "abandoned", "handle_seconds",
    "waited_seconds", "abandoned_waiting", "abandoned_wait_seconds",
)
CONTACT_LOG = "contact log"
INTERVAL_REPORT = "interval report"
MAX_PROBLEMS_PER_COLUMN = 20


@dataclass(frozen=True)
class History:
    """Contacts per channel and interval, with where they came from."""

    intervals: pd.DataFrame
    interval_minutes: int
    kind: str  # CONTACT_LOG or INTERVAL_REPORT
    file: str

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(sorted(self.intervals["channel"].unique()))

    @property
    def first_day(self) -> dt.date:
        return self.intervals["interval_start"].min().date()

    @property
    def last_day(self) -> dt.date:
        return self.intervals["interval_start"].max().date()

    @property
    def has_waits(self) -> bool:
        return self.kind == CONTACT_LOG

    def before(self, day: dt.date) -> History:
        """The history up to the day before `day`."""
        keep = self.intervals["interval_start"] < pd.Timestamp(day)
        return replace(self, intervals=self.intervals[keep].reset_index(drop=True))

    def between(self, first: dt.date, last: dt.date) -> History:
        """The history from `first` to `last` inclusive."""
        starts = self.intervals["interval_start"]
        end = pd.Timestamp(last) + pd.Timedelta(days=1)
        keep = (starts >= pd.Timestamp(first)) & (starts < end)
        return replace(self, intervals=self.intervals[keep].reset_index(drop=True))


@dataclass(frozen=True)
class HistoryRead(ProblemList):
    """A history, or None when any problem is an error, and every problem found."""

    history: History | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.history is not None


def read_history(path: str | os.PathLike, interval_minutes: int = 15) -> HistoryRead:
    """Read a contact log or an interval report and count its contacts per interval of
    `interval_minutes`. Never raises for a bad file: its problems are returned instead."""
    path = Path(path)
    name = path.name

    def fail(message: str) -> HistoryRead:
        return HistoryRead(None, (replace(error(message), file=name),))

    if interval_minutes <= 0 or 1440 % interval_minutes:
        return fail(f"an interval of {interval_minutes} minutes does not divide the day; use "
                    "15, 30 or 60")
    reason = file_refused(path, "contact history", "give an interval report (contacts "
                          "offered, answered and abandoned per interval) or fewer months instead")
    if reason:
        return fail(f"{name} {reason}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return fail(f"there is no file at {path}; check the name and where it was saved")
    except OSError as exc:
        return fail(f"{path} could not be opened ({exc.strerror or exc})")
    text = decode_text(data)
    if text is None:
        return fail("this is not a text file; save the contact history as CSV")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        return fail(f"this could not be read as CSV ({exc})")
    decimal_comma = _delimiter(text) == ";"
    skip = next((i for i, record in enumerate(records) if any(map(clean_text, record))),
                len(records))
    records = [[]] * skip + records[skip:]  # keep row numbers as a text editor shows them
    header = ([clean_text(cell).lower().replace(" ", "_") for cell in records[skip]]
              if skip < len(records) else [])
    if "arrived_at" in header:
        kind, wanted = CONTACT_LOG, CONTACT_COLUMNS
    elif "interval_start" in header:
        kind, wanted = INTERVAL_REPORT, REPORT_COLUMNS
    else:
        return fail("the header names neither a contact log (" + ", ".join(CONTACT_COLUMNS)
                    + ") nor an interval report (" + ", ".join(REPORT_COLUMNS) + ")")
    problems = [replace(error(f"the {kind} has no {column} column; add it (the columns are "
                              f"{', '.join(wanted)})", row=skip + 1, column=column), file=name)
                for column in wanted if column not in header]
    if problems:
        return HistoryRead(None, tuple(problems))
    table = _table(records, skip, header, wanted)
    if table.empty:
        return fail(f"the {kind} has a header but no rows")
    if decimal_comma:
        table = table.apply(lambda col: col.str.replace(",", ".", regex=False))
    cells = _Cells(table, name)
    if kind == CONTACT_LOG:
        intervals = _from_contacts(cells, interval_minutes)
    else:
        intervals = _from_report(cells, interval_minutes)
    problems = cells.problems
    if any(p.severity == "error" for p in problems):
        return HistoryRead(None, tuple(problems))
    history = History(intervals, interval_minutes, kind, name)
    return HistoryRead(history, tuple(problems))


def _delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if clean_text(line)), "")
    return ";" if header.count(";") > header.count(",") else ","


def _table(records: list[list[str]], skip: int, header: list[str],
           wanted: tuple[str, ...]) -> pd.DataFrame:
    """The wanted columns as text, indexed by the row number a text editor shows; blank lines
    left out."""
    index = {column: header.index(column) for column in wanted}
    width = len(header)
    rows, numbers = [], []
    for number, record in enumerate(records[skip + 1:], start=skip + 2):
        if not any(clean_text(cell) for cell in record):
            continue
        record = record + [""] * (width - len(record))
        rows.append([clean_text(record[index[column]]) for column in wanted])
        numbers.append(number)
    return pd.DataFrame(rows, columns=list(wanted), index=pd.Index(numbers, name="row"), dtype=str)


class _Cells:
    """Columns of a table parsed into values, with a problem for each cell that will not go."""

    def __init__(self, table: pd.DataFrame, file: str):
        self.table = table
        self.file = file
        self.problems: list[Problem] = []

    def _report(self, bad: pd.Series, column: str, message: str) -> None:
        rows = bad.index[bad.to_numpy()]
        for row in rows[:MAX_PROBLEMS_PER_COLUMN]:
            value = self.table.at[row, column]
            text = f"{message}; it says {value!r}" if value else f"{column} is empty"
            self.problems.append(replace(error(text, row=int(row), column=column), file=self.file))
        if len(rows) > MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(replace(
                error(f"{len(rows) - MAX_PROBLEMS_PER_COLUMN} more rows have the same problem",
                      column=column), file=self.file))

    def text(self, column: str) -> pd.Series:
        values = self.table[column]
        self._report(values == "", column, f"{column} is empty")
        return values

    def when(self, column: str) -> pd.Series:
        read = read_when_column(self.table[column])
        values, reasons = read.values, read.reasons
        if read.month_first is not None:  # one problem for the column, not one per row
            self.problems.append(replace(error(read.month_first.message(column),
                                               row=int(read.month_first.label), column=column),
                                         file=self.file))
            reasons = reasons.mask(reasons == read.month_first.reason, "")
        beyond = values.notna() & ((values < pd.Timestamp.min) | (values > pd.Timestamp.max))
        if beyond.any():
            reasons = reasons.mask(beyond, "is too far in the past or the future for contact "
                                   "history; check the year")
            values = values.mask(beyond)
        self._report_reasons(reasons, column)
        return values.astype("datetime64[ns]")

    def _report_reasons(self, reasons: pd.Series, column: str) -> None:
        """A problem for each row with a reason, as `_report` gives (at most
        MAX_PROBLEMS_PER_COLUMN, then how many more)."""
        bad = reasons[reasons != ""]
        for row, reason in bad.iloc[:MAX_PROBLEMS_PER_COLUMN].items():
            value = self.table.at[row, column]
            text = f"{column} {value!r} {reason}" if value else f"{column} is empty"
            self.problems.append(replace(error(text, row=int(row), column=column), file=self.file))
        if len(bad) > MAX_PROBLEMS_PER_COLUMN:
            more = len(bad) - MAX_PROBLEMS_PER_COLUMN
            said = ("have the same problem" if bad.nunique() == 1
                    else f"of {column} cannot be read either")
            self.problems.append(replace(error(f"{more} more rows {said}", column=column),
                                         file=self.file))

    def number(self, column: str, allow_blank: pd.Series | None = None) -> pd.Series:
        raw = self.table[column]
        values = pd.to_numeric(raw, errors="coerce")
        if allow_blank is not None:
            values = values.mask((raw == "") & allow_blank, 0.0)
        self._report(values.isna(), column, f"{column} is not a number")
        self._report(values < 0, column, f"{column} cannot be negative")
        return values.astype(float)

    def outcome(self, column: str) -> pd.Series:
        values = self.table[column].str.lower()
        self._report(~values.isin(OUTCOMES), column,
                     f"{column} is not one of {' or '.join(OUTCOMES)}")
        return values


def _from_contacts(cells: _Cells, minutes: int) -> pd.DataFrame:
    arrived = cells.when("arrived_at")
    channel = cells.text("channel")
    outcome = cells.outcome("outcome")
    answered = outcome == "answered"
    abandoned = outcome == "abandoned"
    wait = cells.number("wait_seconds")
    handle = cells.number("handle_seconds", allow_blank=abandoned)
    frame = pd.DataFrame({
        "channel": channel,
        "interval_start": arrived.dt.floor(f"{minutes}min"),
        "offered": 1.0,
        "answered": answered.astype(float),
        "abandoned": abandoned.astype(float),
        "handle_seconds": handle.where(answered, 0.0),
        "waited_seconds": wait,
        "abandoned_waiting": (abandoned & (wait > 0)).astype(float),
        "abandoned_wait_seconds": wait.where(abandoned, 0.0),
    }).dropna()
    return _summed(frame)


def _from_report(cells: _Cells, minutes: int) -> pd.DataFrame:
    start = cells.when("interval_start")
    channel = cells.text("channel")
    offered = cells.number("offered")
    answered = cells.number("answered")
    abandoned = cells.number("abandoned")
    aht = cells.number("aht_seconds", allow_blank=answered.fillna(0) == 0)
    over = (answered + abandoned > offered + 1e-9).fillna(False)
    cells._report(over, "offered", "offered is less than answered plus abandoned")
    frame = pd.DataFrame({
        "channel": channel,
        "interval_start": start.dt.floor(f"{minutes}min"),
        "offered": offered,
        "answered": answered,
        "abandoned": abandoned,
        "handle_seconds": answered * aht,
        "waited_seconds": np.nan,
        "abandoned_waiting": np.nan,
        "abandoned_wait_seconds": np.nan,
    })
    frame = frame.dropna(subset=["interval_start", "offered", "answered", "abandoned",
                                 "handle_seconds"])
    frame = frame[frame["channel"] != ""]
    steps = (frame.sort_values("interval_start").groupby("channel")["interval_start"].diff()
             .dropna())
    steps = steps[steps > pd.Timedelta(0)]
    if len(steps) and steps.min() > pd.Timedelta(minutes=minutes):
        report_minutes = int(steps.min().total_seconds() // 60)
        cells.problems.append(replace(error(
            f"the interval report has {report_minutes}-minute intervals, longer than the "
            f"{minutes}-minute intervals asked for; forecast with --interval {report_minutes} "
            "(or a scenario with that interval)", column="interval_start"), file=cells.file))
    return _summed(frame)


def _summed(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per channel and interval (several report rows or contacts add up)."""
    frame = frame[frame["channel"] != ""]
    summed = frame.groupby(["channel", "interval_start"], sort=True).sum(min_count=1)
    return summed.reset_index()[list(INTERVAL_COLUMNS)]
