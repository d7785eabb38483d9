"""Reading a rota workbook back after a team leader has edited it by hand in Excel.

The scenario comes from the workbook's scenario sheets; the rota from its Rota sheet (a row per
person, a column per date) and each person's day from its Activities sheet. Every cell that
cannot be understood becomes a problem naming the file, sheet, row and column; nothing raises.

Reading a hand-edited rota:
- codes are matched without regard to case ("al" is AL); a blank cell is read as OFF, with a
  warning;
- reading stops at the "people at work" row, so the key of codes below it is not read;
- a date column outside the plan is ignored, with a warning;
- the Activities sheet may be missing (then no day has activities) or out of date: a day's
  activities are kept only when they lie within the shift now in its cell and fill every minute
  of it the person is not away (a day cut short by training ends early); otherwise (the cell
  was changed by hand) they are dropped without a word, and the checker plans that day afresh
  (the rota's cell is what the team leader meant).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from planner.days import away_spans
from planner.io.cells import CellProblem, read_cell, shown
from planner.io.reading import LoadResult, load_with_tabs
from planner.io.rota_workbook import (
    ACTIVITIES,
    ACTIVITY_COLUMNS,
    AT_WORK,
    PAID_HOURS,
    ROTA,
    ROTA_COLUMNS,
    UPDATE_COLUMNS,
    UPDATES,
    cell_at,
    words,
)
from planner.io.schema import Column, Kind, normal_name
from planner.io.table import error, is_blank, warning
from planner.io.workbook import Rows
from planner.model import Scenario, ShiftPattern
from planner.plan import BREAK, NOT_WORKING, OFF, Activity, RotaCell
from planner.problems import Problem, ProblemList

_DATE = Column("date", Kind.DATE, "", "2027-04-26")
_WHEN = (_DATE, Column("start", Kind.TIME, "", "08:00"), Column("end", Kind.TIME, "", "16:00"))
ROTA_TABS = (ROTA, ACTIVITIES, UPDATES)  # the tabs read back besides the scenario's sheets


@dataclass(frozen=True)
class Problems(ProblemList):
    """Problems found reading a rota workbook, errors and warnings, in the order found."""

    problems: tuple[Problem, ...] = ()

    def __iter__(self):
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)


@dataclass(frozen=True)
class RotaRead:
    """A rota workbook as read: its scenario, its rota and activities, and every problem.

    `problems` holds the scenario sheets' problems too, so one list says all there is to fix.
    The rota can be checked when `ok`.
    """

    load: LoadResult
    rota: tuple[RotaCell, ...]
    activities: tuple[Activity, ...]
    problems: Problems
    updates: tuple[str, ...] = ()  # case queues the Updates sheet says get proactive updates

    @property
    def scenario(self) -> Scenario | None:
        return self.load.scenario

    @property
    def ok(self) -> bool:
        return self.load.ok and not self.problems.errors


def read_rota_workbook(path: str | os.PathLike) -> RotaRead:
    """Read a rota workbook written by `write_rota_workbook` and perhaps edited since."""
    path = Path(path)
    if path.is_dir():
        problem = error(f"{path.name} is a folder; give the rota workbook (.xlsx)")
        return RotaRead(LoadResult(None, (problem,)), (), (), Problems((problem,)))
    load, book = load_with_tabs(path, ROTA_TABS)
    if not load.ok:
        return RotaRead(load, (), (), Problems(load.problems))
    problems = list(book.tab_problems)
    tabs = book.tabs
    scenario = load.require()
    rota: tuple[RotaCell, ...] = ()
    activities: tuple[Activity, ...] = ()
    if ROTA not in tabs:
        problems.append(error(f"The workbook has no {ROTA} sheet; it must hold the rota, a row "
                              "per person and a column per date", ROTA))
    else:
        rota = _Rota(scenario, problems).read(tabs[ROTA])
        if ACTIVITIES in tabs:
            activities = _Activities(scenario, rota, problems).read(tabs[ACTIVITIES])
    updates = _updates(scenario, tabs.get(UPDATES, []), problems)
    located = tuple(Problem(p.severity, p.message, p.file or path.name, p.sheet, p.row, p.column)
                    for p in problems)
    return RotaRead(load, rota, activities, Problems(load.problems + located), updates)


def _updates(scenario: Scenario, rows: Rows, problems: list[Problem]) -> tuple[str, ...]:
    """The queues marked yes on the Updates sheet (none when there is no such sheet)."""
    if not rows:
        return ()
    heading = {normal_name(words(v)): i for i, v in enumerate(rows[0][1]) if words(v)}
    queue_at, answer_at = (heading.get(normal_name(c)) for c in UPDATE_COLUMNS)
    if queue_at is None or answer_at is None:
        problems.append(error(f"the heading must be {', '.join(UPDATE_COLUMNS)}", UPDATES, 1))
        return ()
    queues = {normal_name(q.name): q for q in scenario.case_queues}
    chosen = []
    for number, values in rows[1:]:
        name, answer = words(cell_at(values, queue_at)), words(cell_at(values, answer_at))
        if not name and not answer:
            continue
        queue = queues.get(normal_name(name))
        if queue is None:
            problems.append(error(f"{name!r} is not a case queue in CaseQueues", UPDATES,
                                  number, "queue"))
        elif answer.lower() not in ("yes", "no"):
            problems.append(error(f"{answer!r} should be yes or no", UPDATES, number,
                                  "proactive_updates"))
        elif answer.lower() == "yes":
            if not queue.updates_possible:
                problems.append(error(f"{queue.name} has no proactive update: give its "
                                      "update_cuts_chasing in CaseQueues, or say no",
                                      UPDATES, number, "proactive_updates"))
            else:
                chosen.append(str(queue.name))
    return tuple(chosen)


class _Rota:
    """The Rota sheet: who works which shift pattern, or why not, on each day of the plan."""

    def __init__(self, scenario: Scenario, problems: list[Problem]):
        self.scenario = scenario
        self.problems = problems
        self.codes = {code.upper(): code for code in NOT_WORKING}
        self.codes |= {p.code.upper(): p.code for p in scenario.patterns}
        self.codes |= {p.code: p.code for p in scenario.patterns}
        self.staff = {person.staff_id for person in scenario.staff}

    def report(self, message: str, row: int | None = None, column: str = "") -> None:
        self.problems.append(error(message, ROTA, row, column))

    def read(self, rows: Rows) -> tuple[RotaCell, ...]:
        if not rows:
            self.report(f"the {ROTA} sheet is empty; it needs a heading row with staff_id and "
                        "a column per date")
            return ()
        ids, dates = self._header(rows[0][1])
        if ids is None or not dates:
            return ()
        cells: dict[tuple[str, dt.date], str] = {}
        seen: dict[str, int] = {}
        for number, values in rows[1:]:
            staff_id = words(cell_at(values, ids))
            if normal_name(staff_id) == normal_name(AT_WORK):
                break
            codes = {day: cell_at(values, index) for index, day in dates.items()}
            if not staff_id:
                if any(not is_blank(value) for value in codes.values()):
                    self.report("this row has rota codes but no staff_id; write whose row it "
                                "is", number, "staff_id")
                continue
            if staff_id not in self.staff:
                self.report(f"staff_id {staff_id!r} is not in the Staff sheet; add them there "
                            "or delete this row", number, "staff_id")
                continue
            if staff_id in seen:
                self.report(f"{staff_id} has a second row (the first is row {seen[staff_id]}); "
                            "keep one", number, "staff_id")
                continue
            seen[staff_id] = number
            for day, value in codes.items():
                code = self._code(value, number, day)
                if code is not None:
                    cells[(staff_id, day)] = code
        for person in self.scenario.staff:
            if person.staff_id not in seen:
                self.report(f"{person.name} ({person.staff_id}) is in Staff but has no row here; "
                            "add their row back")
        dates = self.scenario.settings.dates
        return tuple(RotaCell(person.staff_id, day, cells[(person.staff_id, day)])
                     for person in self.scenario.staff for day in dates
                     if (person.staff_id, day) in cells)

    def _header(self, header: tuple[object, ...]) -> tuple[int | None, dict[int, dt.date]]:
        """Where the staff_id column is, and which column holds each date of the plan."""
        plan = set(self.scenario.settings.dates)
        known = {normal_name(name) for name in ROTA_COLUMNS + (PAID_HOURS,)}
        ids = None
        dates: dict[int, dt.date] = {}
        for index, value in enumerate(header):
            text = words(value)
            if not text:
                continue
            if normal_name(text) == "staffid":
                ids = index
            if normal_name(text) in known:
                continue
            try:
                day = read_cell(_DATE, value)
            except CellProblem:
                self.problems.append(warning(f"column {text!r} is neither a date nor one the "
                                             "planner reads, so it was ignored", ROTA, 1, text))
                continue
            if day not in plan:
                self.problems.append(warning(f"{day} is not a day of the plan ("
                                             f"{min(plan)} to {max(plan)}), so this column was "
                                             "ignored", ROTA, 1, text))
            elif day in dates.values():
                self.report(f"two columns are both {day}; delete one of them", 1, text)
            else:
                dates[index] = day
        if ids is None:
            self.report("there is no staff_id heading; head the column of ids staff_id", 1)
        missing = sorted(plan - set(dates.values()))
        if missing:
            self.report(f"there is no column for {', '.join(map(str, missing))}; every day of "
                        "the plan needs a column headed with its date, e.g. "
                        f"{missing[0].isoformat()}", 1)
        return ids, dates

    def _code(self, value: object, row: int, day: dt.date) -> str | None:
        text = words(value)
        if not text:
            self.problems.append(warning("the cell is empty, so it was read as OFF", ROTA, row,
                                         day.isoformat()))
            return OFF
        code = self.codes.get(text) or self.codes.get(text.upper())
        if code is None:
            patterns = ", ".join(p.code for p in self.scenario.patterns)
            self.report(f"{shown(value)} is not a rota code; write a shift pattern code "
                        f"({patterns}) or {', '.join(NOT_WORKING)}", row, day.isoformat())
        return code


class _Activities:
    """The Activities sheet, kept to the shifts the rota now holds."""

    def __init__(self, scenario: Scenario, rota: tuple[RotaCell, ...], problems: list[Problem]):
        self.scenario = scenario
        self.problems = problems
        self.patterns = {p.code: p for p in scenario.patterns}
        self.shifts = {(c.staff_id, c.date): c.code for c in rota if c.code in self.patterns}
        names = [c.name for c in scenario.channels] + [q.name for q in scenario.case_queues]
        self.names = {normal_name(name): name for name in names + [BREAK]}
        self.staff = {person.staff_id for person in scenario.staff}
        self.dates = frozenset(scenario.settings.dates)
        plan_start = dt.datetime.combine(scenario.settings.plan_start, dt.time())

        def moment(minutes: int) -> dt.datetime:
            return plan_start + dt.timedelta(minutes=minutes)

        self.away = {person: [(moment(gone), moment(back)) for gone, back in spans]
                     for person, spans in away_spans(scenario).items()}

    def report(self, message: str, row: int | None = None, column: str = "") -> None:
        self.problems.append(error(message, ACTIVITIES, row, column))

    def read(self, rows: Rows) -> tuple[Activity, ...]:
        if not rows:
            return ()
        heading = {normal_name(words(v)): i for i, v in enumerate(rows[0][1]) if words(v)}
        where = {name: heading.get(normal_name(name)) for name in ACTIVITY_COLUMNS}
        missing = [name for name, index in where.items() if index is None]
        if missing:
            self.report(f"the heading has no {', '.join(missing)}; the columns are "
                        f"{', '.join(ACTIVITY_COLUMNS)}", 1)
            return ()
        found = []
        for number, values in rows[1:]:
            cells = {name: cell_at(values, index) for name, index in where.items()}
            if all(is_blank(value) for value in cells.values()):
                continue
            activity = self._row(number, cells)
            if activity is not None:
                found.append(activity)
        by_day: dict[tuple, list[Activity]] = {}
        for activity in found:
            by_day.setdefault((activity.staff_id, activity.date), []).append(activity)
        return tuple(a for day in by_day.values() if self._same_shift(day) for a in day)

    def _same_shift(self, day: list[Activity]) -> bool:
        """Whether one person's activities of a day fit the shift now in its cell: each lies
        within it, and together they fill every minute of it the person is not away (training
        from 13:00 on an early shift, say, leaves its afternoon empty)."""
        first = day[0]
        pattern = self.patterns[self.shifts[(first.staff_id, first.date)]]
        start = dt.datetime.combine(first.date, pattern.start)
        end = start + dt.timedelta(minutes=pattern.length_minutes)
        if any(a.start < start or a.end > end for a in day):
            return False
        spans = [(a.start, a.end) for a in day] + list(self.away.get(first.staff_id, ()))
        filled = start
        for begins, ends in sorted(spans):
            if begins > filled:
                break
            filled = max(filled, ends)
        return filled >= end

    def _row(self, row: int, cells: dict[str, object]) -> Activity | None:
        staff_id, name = words(cells["staff_id"]), words(cells["activity"])
        values: dict[str, object] = {}
        for column in _WHEN:
            try:
                values[column.name] = read_cell(column, cells[column.name])
            except CellProblem as problem:
                self.report(str(problem), row, column.name)
        if staff_id not in self.staff:
            self.report(f"staff_id {staff_id or '(blank)'!r} is not in the Staff sheet", row,
                        "staff_id")
        activity = self.names.get(normal_name(name))
        if activity is None:
            self.report(f"{name or '(blank)'!r} is not an activity; write a channel, a case "
                        f"queue or {BREAK}", row, "activity")
        day = values.get("date")
        if day is not None and day not in self.dates:
            self.report(f"{day} is not a day of the plan", row, "date")
            return None
        if "start" in values and values.get("start") == values.get("end"):
            self.report(f"end {values['end']:%H:%M} is the same as start; an activity needs "
                        "some time", row, "end")
            return None
        if len(values) < 3 or staff_id not in self.staff or activity is None:
            return None
        code = self.shifts.get((staff_id, day))
        if code is None:
            return None  # the day is no longer a shift: its old activities no longer apply
        return _within(self.patterns[code], staff_id, day, values["start"], values["end"],
                       activity)


def _within(pattern: ShiftPattern, staff_id: str, day: dt.date, start: dt.time, end: dt.time,
            activity: str) -> Activity | None:
    """The activity placed in the shift worked on `day`, or None when it lies outside it."""
    shift_start = dt.datetime.combine(day, pattern.start)
    shift_end = shift_start + dt.timedelta(minutes=pattern.length_minutes)
    begin = dt.datetime.combine(day, start)
    if begin < shift_start:
        begin += dt.timedelta(days=1)  # after midnight, in a shift that crosses it
    finish = dt.datetime.combine(begin.date(), end)
    if finish <= begin:
        finish += dt.timedelta(days=1)
    if finish <= shift_start or begin >= shift_end:
        return None
    return Activity(staff_id, day, begin, finish, activity)
