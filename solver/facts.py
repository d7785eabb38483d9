"""What the scenario says about each person, day and shift pattern, worked out once for the model.

Times are minutes from midnight at the start of the plan's first day, so a shift that crosses
midnight, or a week, is simple arithmetic. Intervals are numbered the same way from 0. The
calendar facts (weeks, weekends, bank holidays, absences, when a shift runs and where its break
may fall) are the checker's own, from planner.days.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property

from planner.days import (
    DAY_MINUTES,
    Block,
    PlanDays,
    Weekend,
    absence_span,
    break_intervals,
    break_window,
    shift_start,
    whole_days,
)
from planner.model import AbsenceKind, Scenario, ShiftPattern, Staff
from planner.plan import ANNUAL_LEAVE, OFF, SICK, TRAINING

DAY = DAY_MINUTES
ABSENCE_CODES = {
    AbsenceKind.ANNUAL_LEAVE: ANNUAL_LEAVE,
    AbsenceKind.SICKNESS: SICK,
    AbsenceKind.TRAINING: TRAINING,
    AbsenceKind.OTHER: OFF,
}

@dataclass(frozen=True)
class Shift:
    """A shift pattern worked on one plan day: when it runs and where its break may go."""

    pattern: ShiftPattern
    day: int
    start: int  # minutes from the plan's start
    end: int
    first: int  # first interval wholly inside the shift
    last: int  # one past the last such interval
    break_length: int  # intervals
    break_starts: tuple[int, ...]  # intervals where the break may start


@dataclass
class Facts:
    scenario: Scenario
    days: int
    interval: int  # minutes
    people: tuple[Staff, ...]
    patterns: dict[str, ShiftPattern]
    holidays: frozenset[int]
    away_all_day: dict[tuple[int, int], str] = field(default_factory=dict)
    away_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    locks: dict[tuple[int, int], str] = field(default_factory=dict)
    options: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    weeks: tuple[Block, ...] = ()
    four_weeks: tuple[Block, ...] = ()
    weekends: tuple[Weekend, ...] = ()

    @cached_property
    def dates(self) -> tuple[dt.date, ...]:
        return self.scenario.settings.dates  # worked out afresh by Settings on every call

    @property
    def intervals(self) -> int:
        """Intervals of the plan and of the morning after it, where the last night shift ends."""
        return (self.days + 1) * DAY // self.interval

    def shift(self, code: str, day: int) -> Shift:
        return _shift(self.patterns[code], day, self.interval)

    def rate(self, person: Staff) -> float:
        """Pounds per paid hour, cover premium included."""
        rules = self.scenario.rules
        base = person.hourly_cost or rules.standard_hourly_cost
        return base * (1 + rules.cover_premium) if person.cover else base

    def absent_intervals(self, p: int, shift: Shift) -> list[int]:
        """Intervals of a shift the person is away for part of the day."""
        spans = self.away_spans.get(p, ())
        out = []
        for t in range(shift.first, shift.last):
            start, end = t * self.interval, (t + 1) * self.interval
            if any(a < end and start < b for a, b in spans):
                out.append(t)
        return out


def gather(scenario: Scenario) -> Facts:
    calendar = PlanDays.of(scenario)
    dates, index = calendar.dates, calendar.index
    facts = Facts(scenario, len(dates), scenario.settings.interval_minutes, scenario.staff,
                  {p.code: p for p in scenario.patterns}, calendar.holidays,
                  weeks=calendar.weeks, four_weeks=calendar.four_weeks,
                  weekends=calendar.weekends)
    people = {s.staff_id: i for i, s in enumerate(scenario.staff)}
    for absence in scenario.absences:
        p = people.get(absence.staff_id)
        if p is None:
            continue
        span = absence_span(absence, dates[0])
        for d in whole_days(span, facts.days):
            facts.away_all_day[(p, d)] = ABSENCE_CODES[absence.kind]
        facts.away_spans.setdefault(p, []).append(span)
    for lock in scenario.locks:
        if lock.staff_id in people and lock.date in index:
            facts.locks[(people[lock.staff_id], index[lock.date])] = lock.pattern
    for p, person in enumerate(scenario.staff):
        allowed = [code for code in facts.patterns if not person.patterns
                   or code in person.patterns]
        for d, date in enumerate(dates):
            if (p, d) in facts.away_all_day:
                continue
            codes = [c for c in allowed if date.weekday() in facts.patterns[c].days]
            locked = facts.locks.get((p, d))
            if locked is not None and locked != OFF and locked in facts.patterns:
                codes = [locked]
            elif locked == OFF:
                codes = []
            if codes:
                facts.options[(p, d)] = tuple(codes)
    return facts


def _shift(pattern: ShiftPattern, day: int, interval: int) -> Shift:
    start = shift_start(pattern, day)
    end = start + pattern.length_minutes
    first, last = math.ceil(start / interval), end // interval
    length = break_intervals(pattern, interval)
    if length == 0 or last - first <= length:
        return Shift(pattern, day, start, end, first, last, 0, ())
    lo, hi = break_window(pattern, start)
    low, high = math.ceil(lo / interval), hi // interval - length
    if high < low:  # no room to keep clear of both ends: the middle of the shift
        low = high = first + (last - first - length) // 2
    return Shift(pattern, day, start, end, first, last, length, tuple(range(low, high + 1)))
