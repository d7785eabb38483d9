"""The working-time rules, one module per group, each rule named as a team leader says it.

Each rule adds its constraints to the rota model with a breach variable priced at the scenario's
breach cost, so a rota that cannot keep it still comes back, with the breach named.
"""

from solver.rules import hours, patterns, rest, runs, weekends

RULES = (
    patterns.allowed_shift_patterns_and_days,
    patterns.shifts_of_a_pattern,
    rest.minimum_rest_between_shifts,
    rest.forbidden_shift_sequences,
    runs.maximum_consecutive_working_days,
    runs.minimum_consecutive_working_days,
    runs.minimum_consecutive_days_off,
    hours.weekly_hours_and_days,
    hours.paid_hours_over_the_plan,
    weekends.maximum_weekends,
)
