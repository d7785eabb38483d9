"""Tiny rotas for the solver: head-count cover per shift pattern, locks that force a breach, and a
solve that is always checked by the independent checker."""

from __future__ import annotations

from dataclasses import replace

from planner.model import (
    Lock,
    PatternCode,
    PatternCover,
    Rules,
    Scenario,
    Settings,
    StaffId,
)
from planner.plan import Plan
from solver import SolveOptions, solve
from tests.factories import MONDAY, advisor, any_day_pattern, day
from tests.solver.model_view import assert_the_model_agrees, model_watched

# Eight-hour shift patterns round the clock, no break, any day (unlike factories.LATE).
AROUND_THE_CLOCK = (any_day_pattern("E", 8, 16), any_day_pattern("L", 14, 22),
                    any_day_pattern("N", 22, 6))
NIGHT = AROUND_THE_CLOCK[2]
FREE = Rules(min_rest_hours=0, max_consecutive_days=7, max_weekly_hours=84,
             max_weekends_per_4_weeks=4, fairness_cost=0, standard_hourly_cost=1.0)


def person(staff_id: str = "A1", **changes):
    """Someone owing no hours and free to work any day: only the rule under test binds."""
    base = advisor(staff_id, skills=(), team="Team", min_hours=0.0, max_hours=84.0,
                   contract_hours=0.0, max_days_per_week=7, hourly_cost=0.0)
    return replace(base, **changes)


def headcount(*people, days: int = 7, rules: Rules = FREE, **changes) -> Scenario:
    """People, shift patterns E, L and N, no channels: demand only through PatternCover."""
    base = Scenario(settings=Settings(MONDAY, days), channels=(), demand=(),
                    staff=people or (person(),), patterns=AROUND_THE_CLOCK, rules=rules)
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
