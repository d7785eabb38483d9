"""Everything the rules read, gathered once: each person's cell per day, their shift patterns,
the days they are away, demand, advisors needed and what everyone does interval by interval.

Rota cells are matched to people and codes here. A person-day with no cell is OFF; cells for
days outside the plan are ignored; a cell for someone not in Staff, a code that is neither a
shift pattern nor OFF, AL, SICK, TRN or BH (case and spaces aside), or two different cells for
one person and day stop the check with a ScenarioError naming the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.checks.timeline import Work, place_work
from planner.checks.words import day as day_words
from planner.days import PlanDays, away_all_day, away_spans, shift_start
from planner.demand import DemandGrid, demand_grid
from planner.model import Rules, Scenario, ShiftPattern, Staff, StaffId
from planner.plan import NOT_WORKING, OFF, Activity, RotaCell
from planner.problems import Problem, ScenarioError, Severity
from planner.staffing import required_grid

ROTA_SHEET = "Rota"


@dataclass(frozen=True, eq=False)
class View:
    """A rota laid out for checking: `codes[staff_id][day]` is that person's cell on plan day
    `day` (0 is the plan's first day)."""

    scenario: Scenario
    days: PlanDays
    people: tuple[Staff, ...]
    person: dict[StaffId, Staff]
    patterns: dict[str, ShiftPattern]
    codes: dict[StaffId, tuple[str, ...]]
    away: dict[StaffId, frozenset[int]]
    grid: DemandGrid
    required: np.ndarray  # (days, intervals, channels) live advisors needed, 0 for email
    work: Work

    @property
    def rules(self) -> Rules:
        return self.scenario.rules

    def shift(self, staff_id: StaffId, day: int) -> ShiftPattern | None:
        """The shift pattern worked that day, or None when not working."""
        return self.patterns.get(self.codes[staff_id][day])

    def shifts(self, staff_id: StaffId) -> list[tuple[int, ShiftPattern]]:
        """Every shift the person works, as (day, pattern), in date order."""
        return [(i, self.patterns[code]) for i, code in enumerate(self.codes[staff_id])
                if code in self.patterns]

    def worked(self, staff_id: StaffId) -> list[bool]:
        return [code in self.patterns for code in self.codes[staff_id]]

    def limit(self, person: Staff, name: str):
        """A person's own limit (Staff), else the Rules one."""
        own = getattr(person, name)
        return getattr(self.rules, name) if own is None else own

    def paid_minutes(self, staff_id: StaffId, day: int) -> int:
        pattern = self.shift(staff_id, day)
        return 0 if pattern is None else pattern.paid_minutes

    @staticmethod
    def start_minute(day: int, pattern: ShiftPattern) -> int:
        """When a shift worked on plan day `day` starts, in minutes from the plan's start."""
        return shift_start(pattern, day)


def build_view(scenario: Scenario, rota: Sequence[RotaCell],
               activities: Sequence[Activity]) -> View:
    days = PlanDays.of(scenario)
    patterns = {str(p.code): p for p in scenario.patterns}
    codes = rota_codes(scenario, rota, days, patterns)
    grid = demand_grid(scenario)
    required = required_grid(scenario, grid)
    work = place_work(scenario, codes, patterns, activities, grid, required,
                      away_spans(scenario))
    return View(
        scenario=scenario,
        days=days,
        people=scenario.staff,
        person={p.staff_id: p for p in scenario.staff},
        patterns=patterns,
        codes=codes,
        away=away_all_day(scenario, days),
        grid=grid,
        required=required,
        work=work,
    )


def rota_codes(scenario: Scenario, rota: Sequence[RotaCell], days: PlanDays,
               patterns: dict[str, ShiftPattern]) -> dict[StaffId, tuple[str, ...]]:
    """Each person's code per plan day, OFF where the rota has no cell."""
    known = {code.upper(): code for code in NOT_WORKING}
    folded: dict[str, str | None] = {}
    for code in patterns:
        folded[code.upper()] = None if code.upper() in folded else code
    grid = {p.staff_id: [OFF] * len(days.dates) for p in scenario.staff}
    seen: dict[tuple[StaffId, int], str] = {}
    problems = []
    for cell in rota:
        day = days.index.get(cell.date)
        if day is None:
            continue
        where = f"{cell.staff_id} on {day_words(cell.date)}"
        text = str(cell.code).strip()
        code = text if text in patterns else known.get(text.upper()) or folded.get(text.upper())
        if cell.staff_id not in grid:
            problems.append(f"{where}: {cell.staff_id!r} is not in Staff; add them there or "
                            "correct the id")
        elif code is None:
            problems.append(f"{where}: {text!r} is not a shift pattern or one of "
                            f"{', '.join(NOT_WORKING)}")
        elif seen.setdefault((cell.staff_id, day), code) != code:
            problems.append(f"{where}: the rota gives both {seen[cell.staff_id, day]} and "
                            f"{code}; keep one")
        else:
            grid[cell.staff_id][day] = code
    if problems:
        raise ScenarioError([Problem(Severity.ERROR, message, sheet=ROTA_SHEET)
                             for message in problems])
    return {person: tuple(found) for person, found in grid.items()}
