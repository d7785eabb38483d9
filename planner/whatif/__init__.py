"""What-if variants: a base scenario with a few changes a manager picks, and how they compare.

A manager asks "what if voice is 20% busier on Mondays?", "what if we hire two more like Asha?",
"what if chat opens on Sundays?" without editing the scenario's files. A `Variant` is a name
and a list of changes; `Variant.apply(base)` gives a new `Scenario` (the base is frozen and never
changes) and `Variant.describe()` says what each change does in one plain-English line.

Changes apply one after another, each to the scenario the previous ones left. Each checks what
it is given against that scenario and raises `VariantError` with a message a team leader can act
on (an unknown channel or person, a factor that is not above 0, closing a day already closed)
rather than build a scenario that cannot be planned. A variant whose result fails
`planner.validate.check_scenario` where the base did not is refused the same way.

The changes by kind: `demand` (volume, handle time, opening days), `people` (staff added or
removed, absences, skills, the cover pool) and `patterns` (shift patterns). `run_variants` solves
the base and each variant in turn; `compare_rows` and `compare_table` lay their KPIs side by
side; `read_variants` reads variants from a workbook's Variants sheet and
`write_comparison_workbook` writes the comparison for a manager to share.
"""

from planner.whatif.compare import ComparedRow, Unit, compare_rows, compare_table, kpis_of
from planner.whatif.demand import HandleTimeChange, OpeningDays, VolumeChange
from planner.whatif.fit import SHORT_WEEKDAYS, WEEKDAY_NAMES, VariantError
from planner.whatif.patterns import AddPattern, RemovePattern
from planner.whatif.people import (
    NEW_PERSON_ID,
    NEW_PERSON_NAME,
    Absent,
    AddSkill,
    AddStaff,
    CoverPool,
    RemoveStaff,
)
from planner.whatif.reading import VariantsRead, read_variants
from planner.whatif.runs import (
    BASE,
    Outcome,
    VariantProgress,
    VariantResult,
    run_variants,
)
from planner.whatif.variant import CHANGES, Change, Variant
from planner.whatif.workbook import write_comparison_workbook

__all__ = [
    "BASE", "CHANGES", "NEW_PERSON_ID", "NEW_PERSON_NAME", "SHORT_WEEKDAYS", "WEEKDAY_NAMES",
    "AddPattern", "AddSkill", "AddStaff", "Absent", "Change", "ComparedRow", "CoverPool",
    "HandleTimeChange", "OpeningDays", "Outcome", "RemovePattern", "RemoveStaff", "Unit",
    "Variant", "VariantError", "VariantProgress", "VariantResult", "VariantsRead",
    "VolumeChange", "compare_rows", "compare_table", "kpis_of", "read_variants", "run_variants",
    "write_comparison_workbook",
]
