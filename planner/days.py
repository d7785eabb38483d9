"""The calendar facts of a plan, worked out once for the checker, the solver and the readers.

Days are numbered from 0 (the plan's first day). Times are counted in minutes from midnight at
the start of the plan's first day, so a shift crossing midnight simply runs past 24 x 60, and
an absence, a shift and an interval are compared by plain arithmetic. Here are the plan's
weeks and four-week blocks, its weekends and bank holidays, when each absence runs and which
days it takes whole, when a shift runs, and where its break may fall.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.calendar import bank_holidays
from planner.model import Absence, Region, Scenario, ShiftPattern, StaffId

DAY_MINUTES = 24 * 60
BREAK_CLEARANCE = 120  # minutes kept free of a break at each end of a shift
SHORT_SHIFT = 5 * 60  # minutes; a shorter shift may take its break anywhere in it


def minutes(time: dt.time | None) -> int:
    """Minutes from midnight (none for a blank time)."""
    return 0 if time is None else time.hour * 60 + time.minute


@dataclass(frozen=True)
class Block:
    """Plan days counted together: a week (7 days) or four weeks (28 days) from the plan's first
    day. The plan's last block may be shorter; its limits then scale by its days / full length."""

    days: tuple[int, ...]
    full_length: int

    @property
    def first(self) -> int:
        return self.days[0]

    @property
    def indices(self) -> tuple[int, ...]:
        return self.days

    @property
    def scale(self) -> float:
        return len(self.days) / self.full_length

    def scaled_count(self, limit: int) -> int:
        """A whole-number limit (days, weekends) scaled to this block, rounded up."""
        return -(-limit * len(self.days) // self.full_length)


@dataclass(frozen=True)
class Weekend:
    """A Saturday and Sunday with at least one of them in the plan.

    `days` are the plan days among them; the weekend belongs to the four-week block holding
    the first of those days.
    """

    saturday: dt.date
    days: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class PlanDays:
    """The plan's dates and the ways the rules group them."""

    dates: tuple[dt.date, ...]
    index: dict[dt.date, int]
    weeks: tuple[Block, ...]
    four_weeks: tuple[Block, ...]
    weekends: tuple[Weekend, ...]
    bank_holidays: frozenset[dt.date]
    region: Region

    @classmethod
    def of(cls, scenario: Scenario) -> PlanDays:
        settings = scenario.settings
        dates = settings.dates
        return cls(
            dates=dates,
            index={day: i for i, day in enumerate(dates)},
            weeks=_blocks(len(dates), 7),
            four_weeks=_blocks(len(dates), 28),
            weekends=_weekends(dates),
            bank_holidays=frozenset(
                bank_holidays(settings.region, settings.plan_start, settings.plan_end)
            ),
            region=settings.region,
        )

    @property
    def holidays(self) -> frozenset[int]:
        """The plan days that are bank holidays."""
        return frozenset(self.index[d] for d in self.bank_holidays if d in self.index)

    def block_of(self, blocks: tuple[Block, ...], day: int) -> Block:
        return blocks[day // blocks[0].full_length]


def _blocks(days: int, length: int) -> tuple[Block, ...]:
    return tuple(Block(tuple(range(first, min(days, first + length))), length)
                 for first in range(0, days, length))


def _weekends(dates: tuple[dt.date, ...]) -> tuple[Weekend, ...]:
    found: dict[dt.date, list[int]] = defaultdict(list)
    for i, day in enumerate(dates):
        if day.weekday() >= 5:
            found[day - dt.timedelta(days=day.weekday() - 5)].append(i)
    return tuple(Weekend(saturday, tuple(days)) for saturday, days in sorted(found.items()))


def absence_span(absence: Absence, plan_start: dt.date) -> tuple[int, int]:
    """When an absence runs, in minutes from the plan's start: from its start_time on its first
    day (midnight when blank) to its end_time on its last day (the next midnight when blank or
    00:00)."""
    start = (absence.start_date - plan_start).days * DAY_MINUTES + minutes(absence.start_time)
    end = (absence.end_date - plan_start).days * DAY_MINUTES + (
        minutes(absence.end_time) or DAY_MINUTES
    )
    return start, end


def whole_days(span: tuple[int, int], days: int) -> range:
    """The plan days (of `days`) an absence running over `span` takes whole, midnight to
    midnight."""
    start, end = span
    return range(max(-(-start // DAY_MINUTES), 0), min(end // DAY_MINUTES, days))


def away_all_day(scenario: Scenario, days: PlanDays) -> dict[StaffId, frozenset[int]]:
    """The plan days each person is away all day: an absence covers the whole day (on its first
    day it has no start_time, on its last no end_time; 00:00 counts as none)."""
    away: dict[StaffId, set[int]] = defaultdict(set)
    for absence in scenario.absences:
        away[absence.staff_id].update(
            whole_days(absence_span(absence, days.dates[0]), len(days.dates)))
    return {person: frozenset(found) for person, found in away.items() if found}


def away_spans(scenario: Scenario) -> dict[StaffId, tuple[tuple[int, int], ...]]:
    """Every absence of each person, in minutes from the plan's start (see `absence_span`)."""
    spans: dict[StaffId, list[tuple[int, int]]] = defaultdict(list)
    for absence in scenario.absences:
        spans[absence.staff_id].append(absence_span(absence, scenario.settings.plan_start))
    return {person: tuple(found) for person, found in spans.items()}


def shift_start(pattern: ShiftPattern, day: int) -> int:
    """When a shift of `pattern` worked on plan day `day` starts, in minutes from the plan's
    start (it ends pattern.length_minutes later, past midnight for a night shift)."""
    return day * DAY_MINUTES + minutes(pattern.start)


def break_window(pattern: ShiftPattern, start: int) -> tuple[int, int]:
    """Where a shift's break may fall, in minutes: from 2 hours after the start to 2 hours
    before the end, or anywhere in a shift under 5 hours."""
    end = start + pattern.length_minutes
    if pattern.length_minutes < SHORT_SHIFT:
        return start, end
    return start + BREAK_CLEARANCE, end - BREAK_CLEARANCE


def break_intervals(pattern: ShiftPattern, width: int) -> int:
    """Intervals a pattern's unpaid break takes: its length rounded up to whole intervals."""
    return -(-pattern.unpaid_break_minutes // width)
