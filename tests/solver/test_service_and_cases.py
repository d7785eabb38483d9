"""Each person's day on live channels, email and case work: activities only on skills, one
activity (or BREAK) in every interval worked, breaks clear of both ends of the shift, more
advisors on the Monday peak, and a backlog that grows when cases arrive faster than the officers
can close them. Every plan goes through the checker (`solved`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planner.model import (
    Absence,
    AbsenceKind,
    CaseArrival,
    DeadlineBasis,
    Lock,
    QueueName,
    StaffId,
)
from planner.plan import BREAK
from tests.factories import advisor, small_scenario, weekday_demand
from tests.solver.builders import day, solved
from tests.solver.more_builders import breaks_of, cases, codes, interval_counts, planned

SECONDS = 3.0  # enough for a near-best rota of four people over a week
CLEAR = dt.timedelta(hours=2)  # no break in the first or last two hours of a shift


@pytest.fixture(scope="module")
def week():
    scenario = small_scenario()
    return scenario, solved(scenario, seconds=SECONDS)


def _shift_times(scenario, cell):
    pattern = next(p for p in scenario.patterns if p.code == cell.code)
    start = dt.datetime.combine(cell.date, pattern.start)
    return start, start + dt.timedelta(minutes=pattern.length_minutes)


def test_activities_are_only_on_skills(week):
    scenario, plan = week
    skills = {s.staff_id: set(s.skills) for s in scenario.staff}
    assert plan.activities
    for a in plan.activities:
        assert a.activity == BREAK or a.activity in skills[a.staff_id], a


def test_every_interval_worked_has_exactly_one_activity_or_break(week):
    scenario, plan = week
    counts = interval_counts(plan, scenario.settings.interval_minutes)
    step = dt.timedelta(minutes=scenario.settings.interval_minutes)
    worked = [c for c in plan.rota if c.works]
    assert worked
    assert set(counts) == {(c.staff_id, c.date) for c in worked}  # nothing on a day off
    for cell in worked:
        start, end = _shift_times(scenario, cell)
        every = {start + i * step for i in range((end - start) // step)}
        covered = counts[(cell.staff_id, cell.date)]
        assert set(covered) == every, cell
        assert set(covered.values()) == {1}, cell


def test_each_shift_has_one_break_of_its_length_two_hours_clear_of_each_end(week):
    scenario, plan = week
    found = breaks_of(plan)
    for cell in (c for c in plan.rota if c.works):
        start, end = _shift_times(scenario, cell)
        pattern = next(p for p in scenario.patterns if p.code == cell.code)
        [taken] = found[(cell.staff_id, cell.date)]
        assert taken.end - taken.start == dt.timedelta(minutes=pattern.unpaid_break_minutes)
        assert start + CLEAR <= taken.start and taken.end <= end - CLEAR, taken


def test_the_monday_peak_gets_more_advisors_than_tuesday():
    usual = {f"{h:02d}:{m:02d}": 3.0 for h in range(8, 18) for m in (0, 15, 30, 45)}
    monday = {start: 2 * volume for start, volume in usual.items()}
    demand = (weekday_demand("voice", monday, [0]) + weekday_demand("voice", usual, range(1, 5))
              + weekday_demand("email", {"09:00": 20.0, "13:00": 15.0}))
    # Six advisors working four days of five: which day each has off is the solver's choice.
    staff = tuple(advisor(f"A{i}", skills=("voice", "email"), max_days_per_week=4)
                  for i in range(1, 7))
    plan = solved(small_scenario(demand=demand, staff=staff, absences=()), seconds=SECONDS)
    assert planned(plan, "voice", day(0)) > planned(plan, "voice", day(1))
    on_monday = sum(1 for line_of_codes in codes(plan).values() if line_of_codes[0] != "OFF")
    assert on_monday == len(staff)


def test_cases_arriving_faster_than_officers_close_them_build_a_backlog_that_runs_late():
    queue = QueueName("mutual_exchange")
    base = small_scenario()
    # Ten cases a weekday at 90 minutes each, due in two working days; M1 closes five a day.
    quick = replace(base.case_queues[0], deadline_days=2, deadline_basis=DeadlineBasis.WORKING)
    arrivals = tuple(CaseArrival(queue, 10.0, weekday=w) for w in range(5))
    plan = solved(replace(base, case_queues=(quick,), case_arrivals=arrivals), seconds=SECONDS)
    days = cases(plan, queue)
    weekdays = days[:5]
    assert [r.arrivals for r in weekdays] == [10.0] * 5
    assert all(r.done <= 450 / 90 + 1e-9 for r in days)  # one officer's 7.5 hours a day
    backlogs = [r.backlog for r in weekdays]
    assert all(b < a for b, a in zip(backlogs, backlogs[1:], strict=False)), backlogs
    assert all(r.overdue > 0 for r in days)  # the backlog from before the plan is already late
    assert days[-1].overdue > days[0].overdue
    # the cost counts every queue's overdue work, email's included
    overdue = base.rules.overdue_case_cost * sum(r.overdue for r in plan.assessment.caseload)
    assert plan.assessment.costs.overdue == pytest.approx(overdue)


def _present(plan, scenario, channel: str) -> dict:
    """(date, interval start) -> advisors at work and off their break, of those whose only
    skill is `channel`."""
    only = {s.staff_id for s in scenario.staff if s.skills == (channel,)}
    present: dict = {}
    for a in plan.activities:
        if a.staff_id in only and a.activity != BREAK:
            t = a.start
            while t < a.end:
                key = (t.date(), t.time())
                present[key] = present.get(key, 0) + 1
                t += dt.timedelta(minutes=scenario.settings.interval_minutes)
    return present


def test_with_more_advisors_than_calls_need_nobody_at_work_is_idle_and_the_model_counts_them():
    # Six voice-only advisors who must work their hours, against a trickle of calls: the price
    # of one more advisor is nothing, yet each of them is on the phones and counted there.
    trickle = {f"{h:02d}:{m:02d}": 1.0 for h in range(8, 16) for m in (0, 15, 30, 45)}
    staff = tuple(advisor(f"V{i}", min_hours=37.5) for i in range(1, 7))
    scenario = small_scenario(demand=weekday_demand("voice", trickle), staff=staff,
                              channels=small_scenario().channels[:1], absences=(),
                              case_queues=())
    plan = solved(scenario, seconds=SECONDS)
    present = _present(plan, scenario, "voice")
    rows = [r for r in plan.assessment.coverage if r.volume > 0]
    assert rows and present
    for row in rows:
        assert row.planned == present.get((row.date, row.interval_start), 0), row



def test_someone_away_for_part_of_a_shift_takes_their_break_while_at_work():
    # A1 trains from 11:00 on Monday, in the middle of the early shift's break window
    # (10:00-14:00); the calls are heavy until noon, so the others' breaks go after it. A1's
    # break must still be while A1 is there, and the phones have whom the model counted.
    calls = {f"{h:02d}:{m:02d}": (12.0 if h < 12 else 2.0)
             for h in range(8, 16) for m in (0, 15, 30, 45)}
    staff = tuple(advisor(f"A{i}") for i in range(1, 5))
    training = Absence(StaffId("A1"), day(0), day(0), AbsenceKind.TRAINING,
                       dt.time(11), dt.time(16))
    scenario = small_scenario(demand=weekday_demand("voice", calls), staff=staff,
                              channels=small_scenario().channels[:1], absences=(training,),
                              case_queues=(), locks=(Lock(StaffId("A1"), day(0), "E"),))
    plan = solved(scenario, seconds=SECONDS)
    [taken] = [b for b in breaks_of(plan)[(StaffId("A1"), day(0))]]
    assert taken.end <= dt.datetime.combine(day(0), dt.time(11)), taken
    assert not [a for a in plan.activities if a.staff_id == "A1" and a.date == day(0)
                and a.end > dt.datetime.combine(day(0), dt.time(11))]


def test_someone_away_for_all_of_their_break_window_has_it_counted_as_a_broken_rule():
    # Locked to the early shift on a Monday of training from 10:00 to 14:00 (all of the break
    # window): no break can fall in it, which the model counts as the checker does.
    training = Absence(StaffId("A1"), day(0), day(0), AbsenceKind.TRAINING,
                       dt.time(10), dt.time(14))
    scenario = small_scenario(absences=(training,), locks=(Lock(StaffId("A1"), day(0), "E"),))
    plan = solved(scenario, seconds=SECONDS)
    broken = [b for b in plan.assessment.breaches if b.rule == "Breaks"]
    assert [(b.staff_ids, b.dates) for b in broken] == [(("A1",), (day(0),))], broken
