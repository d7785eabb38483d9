"""Paid hours and days worked: week by week, and over the whole plan.

Paid hours count on the day a shift starts. Weeks are 7-day blocks from the plan's first day;
a shorter last week scales its limits by its days / 7 (a count of days rounded up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import TOLERANCE, breach
from planner.checks.rules.names import (
    MAXIMUM_DAYS_A_WEEK,
    MAXIMUM_WEEKLY_HOURS,
    MINIMUM_WEEKLY_HOURS,
    PAID_HOURS_OVER_THE_PLAN,
)
from planner.checks.words import count, hours, number, span, who
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View
    from planner.days import Block
    from planner.model import Staff


def maximum_weekly_hours(view: View) -> list[Breach]:
    """Nobody is paid more hours in a week than the lower of their max_hours and the Rules'
    max_weekly_hours. One breach per week; the size is the hours over."""
    found = []
    for person in view.people:
        for week in view.days.weeks:
            paid = _paid_hours(view, person, week)
            most = min(person.max_hours, view.rules.max_weekly_hours) * week.scale
            if paid > most + TOLERANCE:
                found.append(breach(MAXIMUM_WEEKLY_HOURS, person, _dates(view, week),
                                    paid - most, "hours",
                                    f"{who(person)} is paid {hours(paid)} in {_week(view, week)}"
                                    f"; the most is {number(most)}"))
    return found


def minimum_weekly_hours(view: View) -> list[Breach]:
    """Everyone is paid at least their min_hours a week, less contract_hours /
    max_days_per_week for each day they are away all day or that is a bank holiday (never
    below 0). One breach per week; the size is the hours short."""
    found = []
    for person in view.people:
        away = view.away.get(person.staff_id, frozenset())
        allowance = person.contract_hours / person.max_days_per_week
        for week in view.days.weeks:
            paid = _paid_hours(view, person, week)
            holidays = sum(1 for i in week.indices if i not in away
                           and view.days.dates[i] in view.days.bank_holidays)
            days_away = sum(1 for i in week.indices if i in away)
            fewest = max(0.0, person.min_hours * week.scale
                         - (days_away + holidays) * allowance)
            if paid < fewest - TOLERANCE:
                reasons = [f"{count(days_away, 'day')} away"] if days_away else []
                reasons += [count(holidays, "bank holiday")] if holidays else []
                note = f" (after {' and '.join(reasons)})" if reasons else ""
                found.append(breach(MINIMUM_WEEKLY_HOURS, person, _dates(view, week),
                                    fewest - paid, "hours",
                                    f"{who(person)} is paid {hours(paid)} in {_week(view, week)}"
                                    f"; the fewest is {number(fewest)}{note}"))
    return found


def maximum_days_a_week(view: View) -> list[Breach]:
    """Nobody works more days in a week than their max_days_per_week. One breach per week; the
    size is the days over."""
    found = []
    for person in view.people:
        worked = view.worked(person.staff_id)
        for week in view.days.weeks:
            days = sum(1 for i in week.indices if worked[i])
            most = week.scaled_count(person.max_days_per_week)
            if days > most:
                found.append(breach(MAXIMUM_DAYS_A_WEEK, person, _dates(view, week),
                                    days - most, "days",
                                    f"{who(person)} works {count(days, 'day')} in "
                                    f"{_week(view, week)}; the most is {most}"))
    return found


def paid_hours_over_the_plan(view: View) -> list[Breach]:
    """Over the whole plan, a person's paid minutes stay within their min_paid_minutes and
    max_paid_minutes (where given). One breach per person; the size is the hours short or
    over."""
    found = []
    for person in view.people:
        if person.min_paid_minutes is None and person.max_paid_minutes is None:
            continue
        shifts = view.shifts(person.staff_id)
        paid = sum(pattern.paid_minutes for _, pattern in shifts)
        low, high = person.min_paid_minutes, person.max_paid_minutes
        if low is not None and paid < low:
            found.append(breach(PAID_HOURS_OVER_THE_PLAN, person, view.days.dates,
                                (low - paid) / 60, "hours",
                                f"{who(person)} is paid {hours(paid / 60)} over the plan; "
                                f"the fewest is {number(low / 60)}"))
        elif high is not None and paid > high:
            found.append(breach(PAID_HOURS_OVER_THE_PLAN, person,
                                [view.days.dates[i] for i, _ in shifts], (paid - high) / 60,
                                "hours", f"{who(person)} is paid {hours(paid / 60)} over the "
                                f"plan; the most is {number(high / 60)}"))
    return found


def _paid_hours(view: View, person: Staff, week: Block) -> float:
    return sum(view.paid_minutes(person.staff_id, i) for i in week.indices) / 60


def _dates(view: View, week: Block):
    return [view.days.dates[i] for i in week.indices]


def _week(view: View, week: Block) -> str:
    dates = _dates(view, week)
    return f"the week {span(dates[0], dates[-1])}"
