"""Every rule of docs/rules.md, one small function each, in the order of its table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules import activities, hours, patterns, rest, runs, time_off, weekends
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View

RULES = (
    (time_off.ABSENCES, time_off.absences),
    (patterns.ALLOWED_SHIFT_PATTERNS_AND_DAYS, patterns.allowed_shift_patterns_and_days),
    (activities.SKILLS, activities.skills),
    (activities.BREAKS, activities.breaks),
    (rest.MINIMUM_REST_BETWEEN_SHIFTS, rest.minimum_rest_between_shifts),
    (rest.FORBIDDEN_SHIFT_SEQUENCES, rest.forbidden_shift_sequences),
    (runs.MAXIMUM_CONSECUTIVE_WORKING_DAYS, runs.maximum_consecutive_working_days),
    (runs.MINIMUM_CONSECUTIVE_WORKING_DAYS, runs.minimum_consecutive_working_days),
    (runs.MINIMUM_CONSECUTIVE_DAYS_OFF, runs.minimum_consecutive_days_off),
    (hours.MAXIMUM_WEEKLY_HOURS, hours.maximum_weekly_hours),
    (hours.MINIMUM_WEEKLY_HOURS, hours.minimum_weekly_hours),
    (hours.MAXIMUM_DAYS_A_WEEK, hours.maximum_days_a_week),
    (hours.PAID_HOURS_OVER_THE_PLAN, hours.paid_hours_over_the_plan),
    (weekends.MAXIMUM_WEEKENDS, weekends.maximum_weekends),
    (patterns.SHIFTS_OF_A_PATTERN, patterns.shifts_of_a_pattern),
    (time_off.LOCKED_CELLS_KEPT, time_off.locked_cells_kept),
)
RULE_NAMES = tuple(name for name, _ in RULES)


def all_breaches(view: View) -> list[Breach]:
    """Every breach of every rule, rule by rule in the table's order."""
    return [found for _, rule in RULES for found in rule(view)]
