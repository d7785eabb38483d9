"""Tiny rotas for the solver: head-count cover per shift pattern, locks that force a breach, and a
solve that is always checked by the independent checker."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.model import (
    Lock,
    PatternCode,
    PatternCover,
    Rules,
    Scenario,
    Settings,
    ShiftPattern,
    StaffId,
)
from planner.plan import Plan
from solver import SolveOptions, solve
from tests.factories import MONDAY, advisor
from tests.solver.model_view import assert_the_model_agrees, model_watched

EARLY = ShiftPattern(PatternCode("E"), dt.time(8), dt.time(16), 0, tuple(range(7)))
LATE = ShiftPattern(PatternCode("L"), dt.time(14), dt.time(22), 0, tuple(range(7)))
NIGHT = ShiftPattern(PatternCode("N"), dt.time(22), dt.time(6), 0, tuple(range(7)))
FREE = Rules(min_rest_hours=0, max_consecutive_days=7, max_weekly_hours=84,
             max_weekends_per_4_weeks=4, fairness_cost=0, standard_hourly_cost=1.0)


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def person(staff_id: str = "A1", **changes):
    """Someone owing no hours and free to work any day: only the rule under test binds."""
    base = advisor(staff_id, skills=(), team="Team", min_hours=0.0, max_hours=84.0,
                   contract_hours=0.0, max_days_per_week=7, hourly_cost=0.0)
    return replace(base, **changes)


def headcount(*people, days: int = 7, rules: Rules = FREE, **changes) -> Scenario:
    """People, shift patterns E, L and N, no channels: demand only through PatternCover."""
    base = Scenario(settings=Settings(MONDAY, days), channels=(), demand=(),
                    staff=people or (person(),), patterns=(EARLY, LATE, NIGHT), rules=rules)
    return replace(base, **changes)


def locks(staff_id: str, codes: str) -> tuple[Lock, ...]:
    """Locks from a line of codes, one a day from MONDAY; "-" leaves the day to the solver."""
    return tuple(Lock(StaffId(staff_id), day(i), code)
                 for i, code in enumerate(codes.split()) if code != "-")


def cover(code: str, days, required: int = 1, under: float = 50.0, over: float = 0.0):
    return tuple(PatternCover(day(d), PatternCode(code), required, under, over) for d in days)


def solved(scenario: Scenario, seconds: float = 10.0, **options) -> Plan:
    """Solve, then insist that the model saw the rota as the checker judges it."""
    with model_watched():
        plan = solve(scenario, SolveOptions(time_limit=seconds, workers=2, **options))
        assert_the_model_agrees(scenario, plan)
    return plan


def line(plan: Plan, staff_id: str = "A1") -> str:
    """The person's rota as a line of codes."""
    return " ".join(c.code for c in plan.rota if c.staff_id == staff_id)


def breaches(plan: Plan, rule: str):
    return [b for b in plan.assessment.breaches if b.rule == rule]
