"""Every rule's name, as a team leader says it and as docs/rules.md lists it: spelt once.

The checker names each breach it finds with these, and the solver names each of its breach
variables with them too, so a broken rule reads the same wherever it is shown.
"""

ABSENCES = "Absences"
ALLOWED_SHIFT_PATTERNS_AND_DAYS = "Allowed shift patterns and days"
SKILLS = "Skills"
BREAKS = "Breaks"
MINIMUM_REST_BETWEEN_SHIFTS = "Minimum rest between shifts"
FORBIDDEN_SHIFT_SEQUENCES = "Forbidden shift sequences"
MAXIMUM_CONSECUTIVE_WORKING_DAYS = "Maximum consecutive working days"
MINIMUM_CONSECUTIVE_WORKING_DAYS = "Minimum consecutive working days"
MINIMUM_CONSECUTIVE_DAYS_OFF = "Minimum consecutive days off"
MAXIMUM_WEEKLY_HOURS = "Maximum weekly hours"
MINIMUM_WEEKLY_HOURS = "Minimum weekly hours"
MAXIMUM_DAYS_A_WEEK = "Maximum days a week"
PAID_HOURS_OVER_THE_PLAN = "Paid hours over the plan"
MAXIMUM_WEEKENDS = "Maximum weekends"
SHIFTS_OF_A_PATTERN = "Shifts of a pattern"
LOCKED_CELLS_KEPT = "Locked cells kept"
