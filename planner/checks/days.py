"""The plan's calendar facts, as the checker's rules count by them: see planner.days."""

from planner.days import (  # noqa: F401
    DAY_MINUTES,
    Block,
    PlanDays,
    Weekend,
    absence_span,
    away_all_day,
    away_spans,
)
