"""What may follow a shift the next day: enough rest, and no forbidden sequence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import TOLERANCE, breach
from planner.checks.rules.names import FORBIDDEN_SHIFT_SEQUENCES, MINIMUM_REST_BETWEEN_SHIFTS
from planner.checks.words import day, hours, number, who
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View


def minimum_rest_between_shifts(view: View) -> list[Breach]:
    """From the end of one day's shift to the start of the next day's, a person rests at least
    min_rest_hours. One breach per pair of days."""
    least = view.rules.min_rest_hours
    found = []
    for person, first, then in _pairs(view):
        (i, before), (j, after) = first, then
        rest = (view.start_minute(j, after)
                - view.start_minute(i, before) - before.length_minutes) / 60
        if rest < least - TOLERANCE:
            dates = [view.days.dates[i], view.days.dates[j]]
            found.append(breach(MINIMUM_REST_BETWEEN_SHIFTS, person, dates, 1, "shift pairs",
                                f"{who(person)} has {_rest(rest)} between shift "
                                f"{before.code} on {day(dates[0])} and shift {after.code} on "
                                f"{day(dates[1])}; the least is {number(least)}"))
    return found


def forbidden_shift_sequences(view: View) -> list[Breach]:
    """A shift pattern is not followed the next day by one ForbiddenSequences lists after it
    (a late then an early). One breach per pair of days."""
    forbidden = {(s.pattern, s.next_pattern) for s in view.scenario.forbidden_sequences}
    found = []
    for person, (i, before), (j, after) in _pairs(view):
        if (before.code, after.code) in forbidden:
            dates = [view.days.dates[i], view.days.dates[j]]
            found.append(breach(FORBIDDEN_SHIFT_SEQUENCES, person, dates, 1, "shift pairs",
                                f"{who(person)} works {before.code} on {day(dates[0])} then "
                                f"{after.code} on {day(dates[1])}, which may not follow it"))
    return found


def _rest(rest: float) -> str:
    return f"{hours(rest)} rest" if rest >= 0 else f"no rest (overlapping by {hours(-rest)})"


def _pairs(view: View):
    """Every person's shifts on two days in a row."""
    for person in view.people:
        shifts = view.shifts(person.staff_id)
        for first, then in zip(shifts, shifts[1:], strict=False):
            if then[0] == first[0] + 1:
                yield person, first, then
