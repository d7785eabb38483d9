"""Facts about the plan's days that the rules count by: weeks, four-week blocks, weekends,
who is away (all day or part of it) and when a case falls due.

Days are numbered from 0 (the plan's first day). Times are counted in minutes from midnight at
the start of the plan's first day, so a shift crossing midnight simply runs past 24 x 60.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.calendar import bank_holidays
from planner.model import Absence, Region, Scenario, StaffId

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Block:
    """Plan days counted together: a week (7 days) or four weeks (28 days) from the plan's first
    day. The plan's last block may be shorter; its limits then scale by its days / full length."""

    first: int
    days: int
    full_length: int

    @property
    def indices(self) -> range:
        return range(self.first, self.first + self.days)

    @property
    def scale(self) -> float:
        return self.days / self.full_length

    def scaled_count(self, limit: int) -> int:
        """A whole-number limit (days, weekends) scaled to this block, rounded up."""
        return -(-limit * self.days // self.full_length)


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

    def block_of(self, blocks: tuple[Block, ...], day: int) -> Block:
        return blocks[day // blocks[0].full_length]


def _blocks(days: int, length: int) -> tuple[Block, ...]:
    return tuple(Block(first, min(length, days - first), length)
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
    start = (absence.start_date - plan_start).days * DAY_MINUTES + _minutes(absence.start_time)
    end = (absence.end_date - plan_start).days * DAY_MINUTES + (
        _minutes(absence.end_time) or DAY_MINUTES
    )
    return start, end


def away_all_day(scenario: Scenario, days: PlanDays) -> dict[StaffId, frozenset[int]]:
    """The plan days each person is away all day: an absence covers the whole day (on its first
    day it has no start_time, on its last no end_time; 00:00 counts as none)."""
    away: dict[StaffId, set[int]] = defaultdict(set)
    for absence in scenario.absences:
        start, end = absence_span(absence, days.dates[0])
        first, last = max(-(-start // DAY_MINUTES), 0), min(end // DAY_MINUTES, len(days.dates))
        away[absence.staff_id].update(range(first, last))
    return {person: frozenset(found) for person, found in away.items() if found}


def away_spans(scenario: Scenario) -> dict[StaffId, tuple[tuple[int, int], ...]]:
    """Every absence of each person, in minutes from the plan's start (see `absence_span`)."""
    spans: dict[StaffId, list[tuple[int, int]]] = defaultdict(list)
    for absence in scenario.absences:
        spans[absence.staff_id].append(absence_span(absence, scenario.settings.plan_start))
    return {person: tuple(found) for person, found in spans.items()}



def _minutes(time: dt.time | None) -> int:
    return 0 if time is None else time.hour * 60 + time.minute
