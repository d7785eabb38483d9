"""Which shift patterns a person may work, on which days, and how many of each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import breach
from planner.checks.rules.names import ALLOWED_SHIFT_PATTERNS_AND_DAYS, SHIFTS_OF_A_PATTERN
from planner.checks.words import count, day, who
from planner.model import WEEKDAYS
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View


def allowed_shift_patterns_and_days(view: View) -> list[Breach]:
    """Each shift is one of the person's own shift patterns (any, when Staff lists none), on a
    weekday that pattern is worked. One breach per shift."""
    found = []
    for person in view.people:
        for i, pattern in view.shifts(person.staff_id):
            date = view.days.dates[i]
            reasons = []
            if person.patterns and pattern.code not in person.patterns:
                reasons.append(f"which is not one of their shift patterns "
                               f"({', '.join(person.patterns)})")
            if date.weekday() not in pattern.days:
                worked = ", ".join(WEEKDAYS[d] for d in sorted(pattern.days)) or "no day"
                reasons.append(f"which is worked only on {worked}")
            if reasons:
                found.append(breach(ALLOWED_SHIFT_PATTERNS_AND_DAYS, person, [date], 1,
                                    "shifts", f"{who(person)} has shift {pattern.code} on "
                                    f"{day(date)}, " + " and ".join(reasons)))
    return found


def shifts_of_a_pattern(view: View) -> list[Breach]:
    """Nobody works more shifts of a pattern over the plan than their PatternLimits row allows.
    One breach per limit; the size is the shifts over."""
    found = []
    for limit in view.scenario.pattern_limits:
        person = view.person.get(limit.staff_id)
        if person is None:
            continue
        days = [view.days.dates[i] for i, pattern in view.shifts(person.staff_id)
                if pattern.code == limit.pattern]
        over = len(days) - limit.max_shifts
        if over > 0:
            found.append(breach(SHIFTS_OF_A_PATTERN, person, days, over, "shifts",
                                f"{who(person)} works {count(len(days), 'shift')} of "
                                f"{limit.pattern} over the plan; the most is "
                                f"{limit.max_shifts}"))
    return found
