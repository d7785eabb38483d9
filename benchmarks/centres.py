"""Generated contact centres of any size, for measuring the solver as teams grow.

A centre of N staff is the 4-week housing sample scaled: the same mix of multi-skilled and
specialist advisors, out-of-hours, mutual-exchange, complaints and cover staff, taken team by
team in proportion and repeated with new ids until N people; calls, chat, walk-ins, email and
case arrivals scaled in proportion; and a week's annual leave for about one person in eight,
spread over the plan from a fixed seed.

For centres of other shapes (other sizes, intervals, channels, opening hours, bank holidays and
loads), see the seeded family in family.py, of which a scaled sample is one case.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))

import make_samples as sample  # noqa: E402

from planner.model import (  # noqa: E402
    Absence,
    AbsenceKind,
    CaseArrival,
    DemandRow,
    Scenario,
    Settings,
    StaffId,
)


def generated_centre(staff: int, weeks: int, seed: int = 0) -> Scenario:
    base = sample.housing_4_weeks()
    scale = staff / len(base.staff)
    people = []
    copy = 0
    while len(people) < staff:
        for person in _interleaved(base.staff):
            if len(people) == staff:
                break
            suffix = f"-{copy}" if copy else ""
            people.append(replace(person, staff_id=StaffId(f"{person.staff_id}{suffix}"),
                                  name=f"{person.name}{suffix}"))
        copy += 1
    days = 7 * weeks
    start = base.settings.plan_start
    rng = random.Random(seed)
    absences = []
    for person in people:
        if rng.random() < 0.125:
            week = rng.randrange(weeks)
            first = start + dt.timedelta(days=7 * week)
            absences.append(Absence(person.staff_id, first, first + dt.timedelta(days=4),
                                    AbsenceKind.ANNUAL_LEAVE))
    return replace(
        base,
        settings=Settings(start, days, base.settings.interval_minutes, base.settings.region,
                          base.settings.shrinkage),
        demand=tuple(_scaled(row, scale) for row in base.demand),
        staff=tuple(people),
        absences=tuple(absences),
        case_arrivals=tuple(CaseArrival(a.queue, a.new_cases * scale, a.date, a.weekday)
                            for a in base.case_arrivals),
        backlog=tuple(replace(b, count=round(b.count * scale)) for b in base.backlog),
        locks=(),
    )


def _interleaved(people):
    """The sample's people with the teams mixed evenly, so any first N keep the sample's mix."""
    teams: dict[str, list] = {}
    for person in people:
        teams.setdefault((person.team, person.cover), []).append(person)
    return sorted(people, key=lambda p: (
        (teams[(p.team, p.cover)].index(p) + 0.5) / len(teams[(p.team, p.cover)]), p.staff_id))


def _scaled(row: DemandRow, scale: float) -> DemandRow:
    return replace(row, volume=round(row.volume * scale, 2))
