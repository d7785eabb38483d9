"""Runs of days: not too many worked in a row, and no working or days-off stretch too short.

A run that touches the plan's first or last day may carry on beyond the plan, so it is never
called too short; a long run is judged on its days inside the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import breach, runs
from planner.checks.rules.names import (
    MAXIMUM_CONSECUTIVE_WORKING_DAYS,
    MINIMUM_CONSECUTIVE_DAYS_OFF,
    MINIMUM_CONSECUTIVE_WORKING_DAYS,
)
from planner.checks.words import count, span, who
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View


def maximum_consecutive_working_days(view: View) -> list[Breach]:
    """Nobody works more days in a row than max_consecutive_days (theirs, else the Rules).
    One breach per run; the size is the days over."""
    found = []
    for person in view.people:
        most = view.limit(person, "max_consecutive_days")
        for first, last in runs(view.worked(person.staff_id)):
            length = last - first + 1
            if length > most:
                dates = view.days.dates[first: last + 1]
                found.append(breach(MAXIMUM_CONSECUTIVE_WORKING_DAYS, person, dates,
                                    length - most, "days",
                                    f"{who(person)} works {length} days in a row, "
                                    f"{span(dates[0], dates[-1])}; the most is {most}"))
    return found


def minimum_consecutive_working_days(view: View) -> list[Breach]:
    """Once working, a person works at least min_consecutive_days in a row (theirs, else the
    Rules). One breach per run; the size is the days short."""
    return _short_runs(view, True, "min_consecutive_days", MINIMUM_CONSECUTIVE_WORKING_DAYS)


def minimum_consecutive_days_off(view: View) -> list[Breach]:
    """Once off (any day not worked: OFF, annual leave, sickness, training, a bank holiday), a
    person has at least min_consecutive_days_off in a row (theirs, else the Rules). One breach
    per run; the size is the days short."""
    return _short_runs(view, False, "min_consecutive_days_off", MINIMUM_CONSECUTIVE_DAYS_OFF)


def _short_runs(view: View, working: bool, limit: str, rule: str) -> list[Breach]:
    found = []
    last_day = len(view.days.dates) - 1
    for person in view.people:
        fewest = view.limit(person, limit)
        flags = [worked is working for worked in view.worked(person.staff_id)]
        for first, last in runs(flags):
            length = last - first + 1
            if length >= fewest or first == 0 or last == last_day:
                continue
            dates = view.days.dates[first: last + 1]
            what = ("works only " + count(length, "day") + ", " if working
                    else "has only " + count(length, "day") + " off, ")
            between = "between days off" if working else "between shifts"
            found.append(breach(rule, person, dates, fewest - length, "days",
                                f"{who(person)} {what}{span(dates[0], dates[-1])}, {between}; "
                                f"the fewest is {fewest}"))
    return found
