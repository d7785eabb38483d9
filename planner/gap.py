"""The structural gap: whether the contracts give the hours the targets need, before any rota.

Hours needed a week, per channel and queue:
- a live channel: the advisors needed in each interval to meet its targets (planner.staffing,
  people answering, so without shrinkage) x the interval's length;
- email: each email's handle time;
- a case queue: each new case's effort.
The sum is a floor: a rota of whole shifts cannot follow demand interval by interval, and breaks
come on top.

Hours given a week: each person's contract_hours (a cover-pool person's max_hours, the most they
can be called for), less contract_hours / max_days_per_week for each day they are away all day
or that is a bank holiday, over the plan's weeks.

Per channel, the hours of the people skilled for it say whether that channel alone cannot be
covered, whatever else they do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.days import PlanDays, away_all_day
from planner.demand import case_arrivals, demand_grid
from planner.model import Scenario, Staff
from planner.staffing import required_grid
from planner.words import hours, number

FULL_TIME_HOURS = 37.5  # a week's hours of one full-time equivalent, when no contract says


@dataclass(frozen=True)
class WorkGap:
    """One channel or queue: hours of work a week its targets need, and the contracted hours
    a week of the people skilled for it (who may also be needed elsewhere)."""

    name: str
    needed: float
    skilled: float

    @property
    def short(self) -> float:
        return max(0.0, self.needed - self.skilled)


@dataclass(frozen=True)
class StructuralGap:
    needed: float  # hours of work a week, every channel and queue
    given: float  # contracted hours a week, after absences and bank holidays
    full_time: float  # a full-time week's hours
    work: tuple[WorkGap, ...]

    @property
    def short(self) -> float:
        return max(0.0, self.needed - self.given)

    @property
    def full_time_equivalents(self) -> float:
        return self.short / self.full_time

    def words(self) -> str:
        """One sentence for the top of every account of a rota."""
        if self.short > 0.5:
            return (f"The targets need about {hours(self.needed, 0)} of work a week; the "
                    f"contracts give {hours(self.given, 0)}: about {hours(self.short, 0)} "
                    f"({number(self.full_time_equivalents, 1)} full-time equivalents of "
                    f"{number(self.full_time)} hours) a week short, before any rota.")
        return (f"The contracts give {hours(self.given, 0)} a week for the "
                f"{hours(self.needed, 0)} of work the targets need.")

    def channel_words(self) -> list[str]:
        """A sentence per channel or queue that its skilled people alone cannot cover."""
        return [f"{w.name} needs about {hours(w.needed, 0)} a week; everyone skilled for it "
                f"is contracted for {hours(w.skilled, 0)}." for w in self.work if w.short > 0.5]

    def as_dict(self) -> dict:
        return {"needed_hours_per_week": round(self.needed, 1),
                "contracted_hours_per_week": round(self.given, 1),
                "short_hours_per_week": round(self.short, 1),
                "full_time_equivalents": round(self.full_time_equivalents, 2),
                "by_work": {w.name: {"needed_hours_per_week": round(w.needed, 1),
                                     "skilled_hours_per_week": round(w.skilled, 1)}
                            for w in self.work}}


def structural_gap(scenario: Scenario) -> StructuralGap:
    """Hours a week the targets need against the hours the contracts give."""
    settings = scenario.settings
    weeks = settings.plan_days / 7
    grid = demand_grid(scenario)
    required = required_grid(scenario, grid)
    interval_hours = settings.interval_minutes / 60
    needed: dict[str, float] = {}
    for k, channel in enumerate(grid.channels):
        if channel.kind.is_live:
            needed[str(channel.name)] = float(required[:, :, k].sum()) * interval_hours / weeks
        else:
            work = grid.volume[:, :, k] * grid.aht_seconds[:, :, k]
            needed[str(channel.name)] = float(np.sum(work)) / 3600 / weeks
    arrivals = case_arrivals(scenario)
    for queue in scenario.case_queues:
        cases = float(arrivals.get(str(queue.name), np.zeros(1)).sum())
        needed[str(queue.name)] = cases * queue.effort_minutes / 60 / weeks
    given = _given(scenario)
    work = tuple(WorkGap(name, hours_needed,
                         sum(given[p.staff_id] for p in scenario.staff if name in p.skills))
                 for name, hours_needed in needed.items() if hours_needed > 0)
    contracts = [p.contract_hours for p in scenario.staff if not p.cover and p.contract_hours]
    return StructuralGap(needed=sum(needed.values()), given=sum(given.values()),
                         full_time=max(contracts, default=FULL_TIME_HOURS), work=work)


def _given(scenario: Scenario) -> dict[str, float]:
    """Each person's hours a week, after days away and bank holidays."""
    days = PlanDays.of(scenario)
    away = away_all_day(scenario, days)
    weeks = len(days.dates) / 7
    found = {}
    for person in scenario.staff:
        week = _week_hours(person)
        off = away.get(person.staff_id, frozenset()) | days.holidays
        allowance = person.contract_hours / max(person.max_days_per_week, 1)
        found[person.staff_id] = max(0.0, week * weeks - len(off) * allowance) / weeks
    return found


def _week_hours(person: Staff) -> float:
    return person.max_hours if person.cover else person.contract_hours
