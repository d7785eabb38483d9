"""Paid hours and days: per week, and over the whole plan."""

from __future__ import annotations

import math

from planner.checks.rules.names import (
    MAXIMUM_DAYS_A_WEEK,
    MAXIMUM_WEEKLY_HOURS,
    MINIMUM_WEEKLY_HOURS,
    PAID_HOURS_OVER_THE_PLAN,
)
from solver.rota_model import RotaModel


def _paid(m: RotaModel, p: int, days) -> tuple[object, int]:
    """The person's paid minutes over `days` as a model expression, and the most it can be."""
    expr, most = 0, 0
    for d in days:
        shifts = m.shifts_of(p, d)
        expr += sum(m.facts.patterns[code].paid_minutes * x for code, x in shifts)
        most += max((m.facts.patterns[code].paid_minutes for code, _ in shifts), default=0)
    return expr, most


def weekly_hours_and_days(m: RotaModel) -> None:
    """Maximum weekly hours, Minimum weekly hours and Maximum days a week, each week of the plan.

    A shorter last week scales the limits. Each day away all day, and each bank holiday, takes
    contract hours / days a week off the minimum.
    """
    facts, rules = m.facts, m.facts.scenario.rules
    for p, person in enumerate(facts.people):
        for week in facts.weeks:
            paid, most = _paid(m, p, week.days)
            exact_cap = min(person.max_hours, rules.max_weekly_hours) * week.scale * 60
            cap = math.floor(exact_cap + 1e-9)  # paid minutes are whole: more than this is over
            if most > cap:
                over = m.breach(MAXIMUM_WEEKLY_HOURS, (p,), week.days, most - cap, "hours",
                                per_unit=1 / 60, slack=(exact_cap - cap) / 60)
                m.model.add(paid <= cap + over)
            away = sum((p, d) in facts.away_all_day or d in facts.holidays for d in week.days)
            per_day = person.contract_hours / person.max_days_per_week
            exact_floor = max(0.0, person.min_hours * week.scale - away * per_day) * 60
            floor = math.ceil(exact_floor - 1e-9)  # paid minutes are whole: less than this is short
            if floor > 0:
                short = m.breach(MINIMUM_WEEKLY_HOURS, (p,), week.days, floor, "hours",
                                 per_unit=1 / 60, slack=(floor - exact_floor) / 60)
                m.model.add(paid + short >= floor)
            days = [m.works[(p, d)] for d in week.days if (p, d) in m.works]
            most_days = math.ceil(person.max_days_per_week * week.scale)
            if len(days) > most_days:
                over = m.breach(MAXIMUM_DAYS_A_WEEK, (p,), week.days, len(days) - most_days,
                                "days")
                m.model.add(sum(days) <= most_days + over)


def paid_hours_over_the_plan(m: RotaModel) -> None:
    """Paid minutes over the plan between Staff `min_paid_minutes` and `max_paid_minutes`."""
    facts = m.facts
    every_day = tuple(range(facts.days))
    for p, person in enumerate(facts.people):
        if person.min_paid_minutes is None and person.max_paid_minutes is None:
            continue
        paid, most = _paid(m, p, every_day)
        low, high = person.min_paid_minutes, person.max_paid_minutes
        if high is not None and most > high:
            over = m.breach(PAID_HOURS_OVER_THE_PLAN, (p,), every_day, most - high, "hours",
                            per_unit=1 / 60)
            m.model.add(paid <= high + over)
        if low:
            short = m.breach(PAID_HOURS_OVER_THE_PLAN, (p,), every_day, low, "hours",
                             per_unit=1 / 60)
            m.model.add(paid + short >= low)
