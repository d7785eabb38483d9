"""Runs of days: how many days in a row a person works, and how many they get off together.

A run that touches the plan's first or last day is not held to a minimum: the days outside the
plan are not known.
"""

from __future__ import annotations

from planner.checks.rules.names import (
    MAXIMUM_CONSECUTIVE_WORKING_DAYS,
    MINIMUM_CONSECUTIVE_DAYS_OFF,
    MINIMUM_CONSECUTIVE_WORKING_DAYS,
)
from solver.rota_model import RotaModel


def maximum_consecutive_working_days(m: RotaModel) -> None:
    """No more than the limit (Staff, else Rules) of days worked in a row. Each day over counts."""
    facts = m.facts
    for p, person in enumerate(facts.people):
        most = person.max_consecutive_days or facts.scenario.rules.max_consecutive_days
        for start in range(facts.days - most):
            window = range(start, start + most + 1)
            if not all((p, d) in m.works for d in window):
                continue
            over = m.breach(MAXIMUM_CONSECUTIVE_WORKING_DAYS, (p,), tuple(window), 1, "days")
            m.model.add(sum(m.works[(p, d)] for d in window) <= most + over)


def minimum_consecutive_working_days(m: RotaModel) -> None:
    """Once at work, at least the limit of days in a row. A shorter run costs the days short."""
    _short_runs(m, working=True)


def minimum_consecutive_days_off(m: RotaModel) -> None:
    """Once off, at least the limit of days off in a row. A shorter break costs the days short."""
    _short_runs(m, working=False)


def _short_runs(m: RotaModel, working: bool) -> None:
    facts, rules = m.facts, m.facts.scenario.rules
    rule = MINIMUM_CONSECUTIVE_WORKING_DAYS if working else MINIMUM_CONSECUTIVE_DAYS_OFF
    for p, person in enumerate(facts.people):
        if working:
            least = person.min_consecutive_days or rules.min_consecutive_days
        else:
            least = person.min_consecutive_days_off or rules.min_consecutive_days_off
        for start in range(1, facts.days - 1):
            for length in range(1, least):
                end = start + length  # the first day after the run
                if end > facts.days - 1:
                    break
                clause = _run_clause(m, p, start - 1, range(start, end), end, working)
                if clause is None:
                    continue
                short = m.breach(rule, (p,), tuple(range(start, end)), 1, "days",
                                 per_unit=least - length)
                m.model.add_bool_or(clause + ([short] if not isinstance(short, int) else []))


def _run_clause(m: RotaModel, p: int, before: int, run: range, after: int, working: bool):
    """Literals of which one must hold unless the run (worked or off) from `run` happens,
    bounded by the opposite on `before` and `after`; None when it cannot happen."""
    literals = []
    for d, inside in [(before, False)] + [(d, True) for d in run] + [(after, False)]:
        at_work = inside == working  # this day must be worked for the run to happen
        works = m.works.get((p, d))
        if works is None:
            if at_work:
                return None  # the day cannot be worked, so this run cannot happen
            continue
        literals.append(works.Not() if at_work else works)
    return literals
