"""Reading a Curtois & Qu shift scheduling benchmark instance as a scenario.

The benchmark (T. Curtois and R. Qu, "Computational results on new staff scheduling benchmark
instances", 2014, schedulingbenchmarks.org) states a rota problem in plain text sections. Read
here, an instance becomes a scenario that means exactly the benchmark: for any rota that keeps
every hard rule, the scenario's objective is the benchmark's own (shift requests not granted and
cover short or over, at their weights). The benchmark's hard rules become the planner's rules,
each unit broken priced at `BREACH_COST`; pay, service and fairness are switched off.

    scenario = read_curtois("Instance1.txt")   # or ScenarioError listing every problem found
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from planner.io.guard import file_refused
from planner.model import (
    ForbiddenSequence,
    Lock,
    PatternCode,
    PatternCover,
    PatternLimit,
    RequestKind,
    Rules,
    Scenario,
    Settings,
    ShiftPattern,
    ShiftRequest,
    Staff,
    StaffId,
)
from planner.plan import NOT_WORKING, OFF
from planner.problems import Problem, ScenarioError, Severity

PLAN_START = dt.date(2027, 1, 4)  # a Monday: every benchmark instance starts on one
BREACH_COST = 100_000.0
BENCHMARK_RULES = Rules(min_rest_hours=0.0, max_weekly_hours=84.0, max_weekends_per_4_weeks=4,
                        standard_hourly_cost=0.0, cover_premium=0.0, fairness_cost=0.0,
                        breach_cost=BREACH_COST)
MOST_DAYS = 84  # the longest plan a scenario holds
_EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
_MORNING = 8 * 60  # shifts start at 08:00, or at midnight when 08:00 would cross midnight

# Each section's fields, named as the benchmark's own header comments name them.
FIELDS: dict[str, tuple[str, ...]] = {
    "SECTION_HORIZON": ("Days",),
    "SECTION_SHIFTS": ("ShiftID", "Length", "CannotFollow"),
    "SECTION_STAFF": ("ID", "MaxShifts", "MaxTotalMinutes", "MinTotalMinutes",
                      "MaxConsecutiveShifts", "MinConsecutiveShifts", "MinConsecutiveDaysOff",
                      "MaxWeekends"),
    "SECTION_DAYS_OFF": ("EmployeeID", "DayIndexes"),
    "SECTION_SHIFT_ON_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "SECTION_SHIFT_OFF_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "SECTION_COVER": ("Day", "ShiftID", "Requirement", "WeightForUnder", "WeightForOver"),
}


@dataclass(frozen=True)
class Line:
    """One data line of a section: its line number in the file and its comma-separated fields."""

    section: str
    number: int
    fields: tuple[str, ...]


def read_curtois(path: str | os.PathLike) -> Scenario:
    """The scenario an instance file describes, or ScenarioError with every problem located.

    Each problem names the file, the section (as `sheet`), the line (as `row`, counted as a text
    editor counts) and the field (as `column`).
    """
    path = Path(path)
    reader = _Reader(path.name or str(path))
    text = reader.text_of(path)
    sections = None if text is None else reader.sections_of(text)
    scenario = None if sections is None else _scenario(sections, reader)
    if scenario is None or reader.problems:
        raise ScenarioError(reader.problems)
    return scenario


def _scenario(sections: dict[str, list[Line]], reader: _Reader) -> Scenario:
    days = _horizon(sections["SECTION_HORIZON"], reader)
    patterns, sequences = _shifts(sections["SECTION_SHIFTS"], reader)
    staff, limits = _staff(sections["SECTION_STAFF"], days, reader)
    wants = _requests(sections["SECTION_SHIFT_ON_REQUESTS"], RequestKind.WANT, days, reader)
    avoids = _requests(sections["SECTION_SHIFT_OFF_REQUESTS"], RequestKind.AVOID, days, reader)
    return Scenario(
        settings=Settings(plan_start=PLAN_START, plan_days=days or 1, interval_minutes=15,
                          shrinkage=0.0),
        channels=(), demand=(), staff=staff, patterns=patterns, rules=BENCHMARK_RULES,
        locks=_days_off(sections["SECTION_DAYS_OFF"], days, reader),
        pattern_cover=_cover(sections["SECTION_COVER"], days, reader),
        forbidden_sequences=sequences, shift_requests=wants + avoids, pattern_limits=limits,
    )


def _date(day: int) -> dt.date:
    return PLAN_START + dt.timedelta(days=day)


def _horizon(lines: list[Line], reader: _Reader) -> int | None:
    """The plan's length in days, or None when the file does not say it plainly."""
    if not lines:
        reader.error("there is no SECTION_HORIZON giving the number of days to plan; add it",
                     "SECTION_HORIZON")
        return None
    for extra in lines[1:]:
        reader.error("SECTION_HORIZON holds one number, the days to plan; remove this line",
                     extra.section, extra.number)
    if not reader.count_ok(lines[0], 1, 1):
        return None
    return reader.whole(lines[0], 0, low=1, high=MOST_DAYS, unit="days")


def _shifts(lines: list[Line], reader: _Reader):
    """A shift pattern per benchmark shift, worked any day, and the shifts that may not follow."""
    if not lines:
        reader.error("SECTION_SHIFTS has no shifts, so there is nothing to plan; add them",
                     "SECTION_SHIFTS")
    patterns, follows = [], []
    for line in lines:
        if not reader.count_ok(line, 2, 3):
            continue
        code = reader.new_id(line, forbidden=NOT_WORKING)
        minutes = reader.whole(line, 1, low=15, high=24 * 60 - 15, unit="minutes", step=15)
        if code is None or minutes is None:
            continue
        start = _MORNING if _MORNING + minutes < 24 * 60 else 0
        patterns.append(ShiftPattern(PatternCode(code), _clock(start), _clock(start + minutes),
                                     unpaid_break_minutes=0, days=_EVERY_DAY))
        after = line.fields[2].split("|") if len(line.fields) > 2 else []
        follows.extend((code, then.strip(), line) for then in after if then.strip())
    sequences = tuple(ForbiddenSequence(PatternCode(code), PatternCode(then))
                      for code, then, line in follows if reader.known(then, line, 2))
    return tuple(patterns), sequences


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _staff(lines: list[Line], days: int | None, reader: _Reader):
    """Each person with the benchmark's limits on them, and their most shifts of each pattern."""
    if not lines:
        reader.error("SECTION_STAFF has nobody in it, so nobody can be planned; add the staff",
                     "SECTION_STAFF")
    staff, limits = [], []
    for line in lines:
        if not reader.count_ok(line, 8, 8):
            continue
        values = (reader.new_id(line), _most_shifts(line, reader),
                  reader.whole(line, 2, low=0, high=1_000_000, unit="minutes"),
                  reader.whole(line, 3, low=0, high=1_000_000, unit="minutes"),
                  reader.whole(line, 4, low=1, high=None, unit="days"),
                  reader.whole(line, 5, low=0, high=14, unit="days"),
                  reader.whole(line, 6, low=0, high=14, unit="days"),
                  reader.whole(line, 7, low=0, high=None, unit="weekends"))
        if any(value is None for value in values):
            continue
        staff_id, most, max_minutes, min_minutes, longest, shortest, off, weekends = values
        # A run can be no longer than the plan, so a longer limit is the plan's length.
        longest = min(longest, days or longest)
        if longest > 28:
            reader.error(f"MaxConsecutiveShifts {longest} is more than 28 days, the most the "
                         "planner holds below the plan's length", line.section, line.number,
                         "MaxConsecutiveShifts")
            continue
        # Limits of 0 and 1 both mean none; 60 weekends is more than any plan holds.
        staff.append(Staff(
            staff_id=StaffId(staff_id), name=staff_id, team="Benchmark", skills=(),
            contract_hours=0.0, min_hours=0.0, max_hours=84.0, max_days_per_week=7,
            cover=False, hourly_cost=0.0, patterns=(), min_paid_minutes=min_minutes,
            max_paid_minutes=max_minutes, max_consecutive_days=longest,
            min_consecutive_days=max(shortest, 1), min_consecutive_days_off=max(off, 1),
            max_weekends=min(weekends, 60)))
        limits.extend(PatternLimit(StaffId(staff_id), PatternCode(code), count)
                      for code, count in most if days is None or count < days)
    return tuple(staff), tuple(limits)


def _most_shifts(line: Line, reader: _Reader) -> tuple[tuple[str, int], ...] | None:
    """MaxShifts as (shift, most) pairs, written `E=14|L=0`; None when a part is unreadable."""
    pairs, readable = [], True
    for part in (p.strip() for p in line.fields[1].split("|")):
        if not part:
            continue
        code, equals, count = (s.strip() for s in part.partition("="))
        if not equals or not count.isdigit():
            reader.error(f"MaxShifts part {part!r} should be a shift and the most of it, such "
                         "as D=14", line.section, line.number, "MaxShifts")
            readable = False
        elif reader.known(code, line, 1):
            pairs.append((code, int(count)))
    return tuple(pairs) if readable else None


def _days_off(lines: list[Line], days: int | None, reader: _Reader) -> tuple[Lock, ...]:
    """Days a person must not work, each a rota cell locked OFF."""
    locks = []
    for line in lines:
        if not reader.count_ok(line, 1, None):
            continue
        known = reader.known(line.fields[0], line, 0)
        for index in range(1, len(line.fields)):
            day = reader.day(line, index, days) if line.fields[index] else None
            if known and day is not None:
                locks.append(Lock(StaffId(line.fields[0]), _date(day), OFF))
    return tuple(locks)


def _requests(lines: list[Line], kind: RequestKind, days: int | None,
              reader: _Reader) -> tuple[ShiftRequest, ...]:
    """Shift on requests as "want" that shift, shift off requests as "avoid" it."""
    requests = []
    for line in lines:
        if not reader.count_ok(line, 4, 4):
            continue
        staff_id, code = line.fields[0], line.fields[2]
        values = (reader.known(staff_id, line, 0) or None, reader.day(line, 1, days),
                  reader.known(code, line, 2) or None, reader.number(line, 3))
        if all(value is not None for value in values):
            requests.append(ShiftRequest(StaffId(staff_id), _date(values[1]), code, kind,
                                         values[3]))
    return tuple(requests)


def _cover(lines: list[Line], days: int | None, reader: _Reader) -> tuple[PatternCover, ...]:
    """People wanted on each shift each day, and the price of each one short or over."""
    cover = []
    for line in lines:
        if not reader.count_ok(line, 5, 5):
            continue
        values = (reader.day(line, 0, days), reader.known(line.fields[1], line, 1) or None,
                  reader.whole(line, 2, low=0, high=10_000, unit="people"),
                  reader.number(line, 3), reader.number(line, 4))
        if all(value is not None for value in values):
            day, _, required, under, over = values
            cover.append(PatternCover(_date(day), PatternCode(line.fields[1]), required, under,
                                      over))
    return tuple(cover)


class _Reader:
    """Reads the file's text and its fields, keeping every problem found with where it is."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        # Shift and staff ids -> the line first defining them, readable or not, so that a line
        # naming an id whose own line has a problem is not reported as well.
        self.defined: dict[str, dict[str, int]] = {"SECTION_SHIFTS": {}, "SECTION_STAFF": {}}

    def error(self, message: str, sheet: str = "", row: int | None = None, column: str = ""):
        self.problems.append(Problem(Severity.ERROR, message, self.file, sheet, row, column))

    def text_of(self, path: Path) -> str | None:
        reason = file_refused(path, "benchmark instance")
        if reason:
            self.error(f"{path.name} {reason}")
            return None
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.error(f"{path} could not be opened ({exc.strerror or exc}); check the name and "
                       "where it was saved")
            return None
        if b"\0" in data:
            self.error("this is not a text file; give a benchmark instance (.txt)")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("latin-1")

    def sections_of(self, text: str) -> dict[str, list[Line]] | None:
        """Each section's data lines; comments (#) and blank lines skipped."""
        sections: dict[str, list[Line]] = {name: [] for name in FIELDS}
        started: dict[str, int] = {}
        current = None
        for number, raw in enumerate(text.splitlines(), start=1):
            text_line = raw.strip()
            if not text_line or text_line.startswith("#"):
                continue
            if text_line.startswith("SECTION_"):
                current = text_line if text_line in FIELDS else ""
                if not current:
                    self.error(f"{text_line} is not a benchmark section ({', '.join(FIELDS)}); "
                               "correct or remove it", text_line, number)
                elif current in started:
                    self.error(f"{current} already started on line {started[current]}; give "
                               "each section once", current, number)
                started.setdefault(current or text_line, number)
            elif current is None:
                self.error("this line comes before any SECTION_ line; start with "
                           "SECTION_HORIZON", "", number)
            elif current:
                fields = tuple(field.strip() for field in text_line.split(","))
                sections[current].append(Line(current, number, fields))
        if not started:
            self.problems[:] = [Problem(Severity.ERROR, "there are no benchmark sections "
                                        "(SECTION_HORIZON, SECTION_SHIFTS, ...) in this file; "
                                        "give a benchmark instance", self.file)]
            return None
        return sections

    def count_ok(self, line: Line, low: int, high: int | None) -> bool:
        """Whether the line has as many fields as its section needs; reported when not."""
        if line.section in self.defined and line.fields[0]:
            self.defined[line.section].setdefault(line.fields[0], line.number)
        count, names = len(line.fields), FIELDS[line.section]
        if count >= low and (high is None or count <= high):
            return True
        need = f"{low}" if low == high else f"{low} to {high}" if high else f"at least {low}"
        self.error(f"this line has {count} field{'s' * (count != 1)} but needs {need} "
                   f"({', '.join(names)})", line.section, line.number,
                   names[count] if count < len(names) else "")
        return False

    @staticmethod
    def column(line: Line, index: int) -> str:
        names = FIELDS[line.section]
        return names[min(index, len(names) - 1)]

    def new_id(self, line: Line, forbidden: tuple[str, ...] = ()) -> str | None:
        """The id a line defines, unless it is blank, already defined, or a rota code."""
        value, column = line.fields[0], self.column(line, 0)
        first = self.defined[line.section].get(value, line.number)
        if not value:
            self.error(f"{column} is blank; give an id", line.section, line.number, column)
        elif first != line.number:
            self.error(f"{column} {value} is already used on line {first}; give each its own "
                       "id", line.section, line.number, column)
        elif value in forbidden:
            self.error(f"{column} {value} is a rota code ({', '.join(forbidden)}); rename it",
                       line.section, line.number, column)
        else:
            return value
        return None

    def known(self, value: str, line: Line, index: int) -> bool:
        """Whether a shift or staff id named on the line is defined; reported when not."""
        column = self.column(line, index)
        where = "SECTION_STAFF" if column == "EmployeeID" else "SECTION_SHIFTS"
        if value in self.defined[where] or not self.defined[where]:
            return True  # with no ids at all, the missing section is the one problem
        what = "staff id" if where == "SECTION_STAFF" else "shift"
        self.error(f"{what} {value!r} is not in {where}; add it there or correct the id",
                   line.section, line.number, column)
        return False

    def whole(self, line: Line, index: int, low: int, high: int | None, unit: str = "",
              step: int = 1) -> int | None:
        """A whole number from low to high (and a multiple of step), or None, reported."""
        text, column = line.fields[index], self.column(line, index)
        unit = f" {unit}" if unit else ""
        try:
            value = int(text)
        except ValueError:
            self.error(f"{column} {text!r} is not a whole number", line.section, line.number,
                       column)
            return None
        if value < low or (high is not None and value > high):
            allowed = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.error(f"{column} {value} must be {allowed}{unit}", line.section, line.number,
                       column)
            return None
        if value % step:
            self.error(f"{column} {value} must be a multiple of {step}{unit}: the planner "
                       f"plans in {step}-minute intervals", line.section, line.number, column)
            return None
        return value

    def number(self, line: Line, index: int) -> float | None:
        """A weight: a number from 0 to 1,000,000, or None, reported."""
        text, column = line.fields[index], self.column(line, index)
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not 0 <= value <= 1_000_000:
            self.error(f"{column} {text!r} must be a number from 0 to 1,000,000",
                       line.section, line.number, column)
            return None
        return value

    def day(self, line: Line, index: int, days: int | None) -> int | None:
        """A day index counted from 0, inside the horizon when the horizon is known."""
        day = self.whole(line, index, low=0, high=None)
        if day is not None and days is not None and day >= days:
            column = self.column(line, index)
            self.error(f"{column} {day} is outside the horizon of {days} days (0 to {days - 1})",
                       line.section, line.number, column)
            return None
        return day
