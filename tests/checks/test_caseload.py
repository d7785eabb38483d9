"""Case work first in, first out, with fractional cases, against a worked example."""

import datetime as dt
from dataclasses import replace

import pytest

from planner.model import (
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    DeadlineBasis,
    QueueName,
    Region,
    Rules,
)
from tests.checks.builders import advisor, check, day, doing, early_pattern, plan_of, team
from tests.factories import email, voice, weekday_demand

THURSDAY = dt.date(2027, 4, 29)  # Monday 3 May 2027 is a bank holiday in England and Wales
COMPLAINTS = QueueName("complaints")


def on(offset: int) -> dt.date:
    return THURSDAY + dt.timedelta(days=offset)


def complaints_scenario(basis=DeadlineBasis.WORKING):
    queue = CaseQueue(COMPLAINTS, effort_minutes=60.0, deadline_days=2, deadline_basis=basis,
                      target_on_time=0.9)
    office = early_pattern(start=dt.time(9), end=dt.time(17), days=tuple(range(7)))
    return replace(
        team(advisor("O1", skills=("complaints",), team="Complaints")),
        settings=plan_of(7, start=THURSDAY, region=Region.ENGLAND_AND_WALES),
        patterns=(office,),
        demand=weekday_demand("voice", {"09:00": 1.0}),
        case_queues=(queue,),
        case_arrivals=(
            CaseArrival(COMPLAINTS, 2.0, weekday=3),
            CaseArrival(COMPLAINTS, 4.0, weekday=4),
            CaseArrival(COMPLAINTS, 5.0, weekday=0),
            CaseArrival(COMPLAINTS, 1.0, date=on(4)),  # replaces Monday's 5 on 3 May
        ),
        backlog=(BacklogEntry(COMPLAINTS, dt.date(2027, 4, 27), 3),),
        rules=Rules(overdue_case_cost=20.0),
    )


WORK = (
    doing("O1", on(0), "09:00", "11:00", "complaints"),  # 2 cases
    doing("O1", on(1), "09:00", "10:30", "complaints"),  # 1.5 cases
    doing("O1", on(5), "09:00", "09:30", "complaints"),  # 0.5 cases
)
ROTA = {"O1": "E E OFF OFF OFF E OFF"}


def test_cases_close_oldest_first_and_fall_due_in_working_days():
    # Due dates, 2 working days on: the backlog opened Tue 27 Apr is due Thu 29 Apr; Thursday's
    # 2 are due Tue 4 May (Mon 3 May is a bank holiday); Friday's 4 and the bank holiday's 1
    # are due Wed 5 May.
    # Thu: 2 closed from the backlog's 3; 1 backlog case open on its due day: 1 overdue.
    # Fri: 1.5 closed: the last backlog case, then half of Thursday's (1.5 of them left).
    # Tue: 0.5 more of Thursday's; its other 1 is overdue. Wed: everything open is overdue.
    assessment = check(complaints_scenario(), ROTA, WORK)
    days = [(c.date, c.arrivals, c.done, c.backlog, c.overdue)
            for c in assessment.caseload if c.queue == "complaints"]
    assert days == [
        (on(0), 2.0, 2.0, 3.0, 1.0),
        (on(1), 4.0, 1.5, 5.5, 0.0),
        (on(2), 0.0, 0.0, 5.5, 0.0),
        (on(3), 0.0, 0.0, 5.5, 0.0),
        (on(4), 1.0, 0.0, 6.5, 0.0),
        (on(5), 0.0, 0.5, 6.0, 1.0),
        (on(6), 0.0, 0.0, 6.0, 6.0),
    ]
    assert assessment.costs.overdue == pytest.approx(20.0 * (1 + 1 + 6))


def test_calendar_deadlines_count_weekends_and_bank_holidays():
    assessment = check(complaints_scenario(DeadlineBasis.CALENDAR), ROTA, WORK)
    overdue = [c.overdue for c in assessment.caseload if c.queue == "complaints"]
    # Thursday's 2 due Sat 1 May (1.5 still open), Friday's 4 due Sun 2 May, Monday's due Wed.
    assert overdue == [1.0, 0.0, 1.5, 5.5, 5.5, 5.0, 6.0]


def test_no_more_cases_close_than_have_arrived():
    scenario = replace(complaints_scenario(), case_arrivals=(), backlog=())
    work = (doing("O1", on(0), "09:00", "17:00", "complaints"),)
    assessment = check(scenario, {"O1": "E"}, work)
    assert [c.done for c in assessment.caseload if c.queue == "complaints"] == [0.0] * 7


def test_email_is_due_its_response_window_later_in_whole_days():
    # A 36-hour window rounds up to 2 days. 40 emails on Monday, 9 minutes each; one advisor
    # answers them for 90 minutes on Monday (10) and 180 on Tuesday (20).
    mail = email(target_answer_seconds=36 * 3600.0, aht_seconds=540.0)
    scenario = team(advisor("A2", skills=("email",)), channels=(voice(), mail),
                    demand=weekday_demand("email", {"09:00": 40.0}, weekdays=[0]))
    work = (doing("A2", day(0), "08:00", "09:30", "email"),
            doing("A2", day(1), "08:00", "11:00", "email"))
    assessment = check(scenario, {"A2": "E E OFF OFF OFF OFF OFF"}, work)
    days = [(c.arrivals, c.done, c.backlog, c.overdue) for c in assessment.caseload
            if c.queue == "email"]
    assert days[:4] == [(40.0, 10.0, 30.0, 0.0), (0.0, 20.0, 10.0, 0.0),
                        (0.0, 0.0, 10.0, 10.0), (0.0, 0.0, 10.0, 10.0)]
