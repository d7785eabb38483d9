"""More small rotas for the solver: a case team with a cover officer, annual leave by the week,
and ways to read a plan back (each person's line of codes, who does what in each interval)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import replace

from planner.model import (
    Absence,
    AbsenceKind,
    CaseArrival,
    CaseQueue,
    DeadlineBasis,
    QueueName,
    Rules,
    Scenario,
    Settings,
    StaffId,
)
from planner.plan import BREAK, Plan
from tests.factories import MONDAY, advisor, early_pattern
from tests.solver.builders import day

CALL_BACKS = QueueName("call_backs")
EFFORT = 30.0  # minutes per call-back


def officer(staff_id: str, cover: bool = False, **changes):
    """A case officer on a full-time contract; a cover officer owes no hours."""
    base = advisor(staff_id, skills=(CALL_BACKS,), team="Customer resolution", cover=cover)
    if cover:
        base = replace(base, team="Cover pool", min_hours=0.0)
    return replace(base, **changes)


def call_backs(deadline_days: int = 1, basis: DeadlineBasis = DeadlineBasis.WORKING):
    """Call-backs promised for the next working day."""
    return CaseQueue(CALL_BACKS, EFFORT, deadline_days, basis, target_on_time=0.95)


def case_team(*officers, days: int = 14, new_cases: float = 30.0, absences=(),
              **changes) -> Scenario:
    """Officers on weekday early shifts (7.5 hours of work each: fifteen call-backs) working
    one queue whose cases arrive every weekday."""
    base = Scenario(
        settings=Settings(MONDAY, days),
        channels=(),
        demand=(),
        staff=officers,
        patterns=(early_pattern(),),
        absences=tuple(absences),
        case_queues=(call_backs(),),
        case_arrivals=tuple(CaseArrival(CALL_BACKS, new_cases, weekday=w) for w in range(5)),
        rules=Rules(),
    )
    return replace(base, **changes)


def leave(staff_id: str, first: int, last: int, kind=AbsenceKind.ANNUAL_LEAVE) -> Absence:
    """Away all day from plan day `first` to plan day `last`."""
    return Absence(StaffId(staff_id), day(first), day(last), kind)


def codes(plan: Plan) -> dict[str, list[str]]:
    """Each person's rota as a list of codes, one a day."""
    out: dict[str, list[str]] = defaultdict(list)
    for cell in sorted(plan.rota, key=lambda c: (c.staff_id, c.date)):
        out[cell.staff_id].append(cell.code)
    return dict(out)


def shifts_worked(plan: Plan, staff_id: str) -> int:
    return sum(1 for c in plan.rota if c.staff_id == staff_id and c.works)


def cases(plan: Plan, queue: str = CALL_BACKS):
    """The queue's days, in date order."""
    return sorted((r for r in plan.assessment.caseload if r.queue == queue),
                  key=lambda r: r.date)


def interval_counts(plan: Plan, interval_minutes: int = 15):
    """How many activities (BREAK included) cover each interval of each person's day:
    (staff, shift date) -> Counter of interval start -> blocks covering it."""
    step = dt.timedelta(minutes=interval_minutes)
    out: dict[tuple, Counter] = defaultdict(Counter)
    for a in plan.activities:
        t = a.start
        while t < a.end:
            out[(a.staff_id, a.date)][t] += 1
            t += step
    return out


def breaks_of(plan: Plan):
    """(staff, shift date) -> the BREAK blocks of that shift."""
    out = defaultdict(list)
    for a in plan.activities:
        if a.activity == BREAK:
            out[(a.staff_id, a.date)].append(a)
    return out


def planned(plan: Plan, channel: str, date: dt.date) -> int:
    """Agent-intervals planned on a live channel over one day."""
    return sum(r.planned for r in plan.assessment.coverage
               if r.channel == channel and r.date == date)
