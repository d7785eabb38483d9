"""Which shift patterns a person may work, and how many of each."""

from __future__ import annotations

from planner.checks.rules.names import ALLOWED_SHIFT_PATTERNS_AND_DAYS, SHIFTS_OF_A_PATTERN
from solver.rota_model import RotaModel


def allowed_shift_patterns_and_days(m: RotaModel) -> None:
    """Only patterns the person may work, on the weekdays the pattern runs. Only a lock can
    put someone on another, and then the rota reports it."""
    facts = m.facts
    for (p, d), code in facts.locks.items():
        if (p, d) not in facts.options or code not in facts.patterns:
            continue
        person, pattern = facts.people[p], facts.patterns[code]
        weekday = facts.dates[d].weekday()
        if (person.patterns and code not in person.patterns) or weekday not in pattern.days:
            m.fixed_breach(ALLOWED_SHIFT_PATTERNS_AND_DAYS, (p,), (d,), 1, "shifts")


def shifts_of_a_pattern(m: RotaModel) -> None:
    """No more shifts of a pattern over the plan than PatternLimits allows."""
    people = {s.staff_id: p for p, s in enumerate(m.facts.people)}
    for limit in m.facts.scenario.pattern_limits:
        p = people.get(limit.staff_id)
        if p is None:
            continue
        days = [d for d in range(m.facts.days) if (p, d, limit.pattern) in m.shift]
        if len(days) <= limit.max_shifts:
            continue
        over = m.breach(SHIFTS_OF_A_PATTERN, (p,), tuple(days), len(days) - limit.max_shifts,
                        "shifts")
        m.model.add(sum(m.shift[(p, d, limit.pattern)] for d in days)
                    <= limit.max_shifts + over)
