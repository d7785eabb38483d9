"""Avoidable contacts counted from a backlog, spread over the day, priced, checked and saved.

The counts are worked by hand here: which open cases chase on each day, at which rate, and how
proactive updates take officer time first and cut the chasing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from planner.avoidable import avoidable_volume, chase_channel, contact_price, weekly_figures
from planner.checks import check_rota
from planner.checks.caseload import caseload_days
from planner.demand import demand_grid
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_writing import write_rota_workbook
from planner.model import (
    BacklogEntry,
    CaseQueue,
    ChannelName,
    DeadlineBasis,
    QueueName,
    Scenario,
    Settings,
)
from planner.plan import OFF, Plan, RotaCell, SolveStatus
from planner.validate import check_scenario
from tests.factories import MONDAY, advisor, early_pattern, email, voice, weekday_demand

QUEUE = QueueName("mutual_exchange")


def queue(**changes) -> CaseQueue:
    base = CaseQueue(QUEUE, 60.0, 10, DeadlineBasis.CALENDAR, 0.95, chase_after_days=3,
                     chase_rate=0.1, overdue_chase_rate=0.5)
    return replace(base, **changes)


def scenario(days: int = 7, **changes) -> Scenario:
    """Voice open 09:00-10:00 on weekdays (4 contacts at 09:00, 12 at 09:15), one queue with a
    backlog opened 12 and 2 days before the plan and no new cases."""
    base = Scenario(
        settings=Settings(MONDAY, days),
        channels=(voice(), email()),
        demand=weekday_demand("voice", {"09:00": 4.0, "09:15": 12.0}),
        staff=(advisor("A1"), advisor("M1", skills=(QUEUE,))),
        patterns=(early_pattern(),),
        case_queues=(queue(),),
        backlog=(BacklogEntry(QUEUE, MONDAY - dt.timedelta(12), 10),
                 BacklogEntry(QUEUE, MONDAY - dt.timedelta(2), 20)),
    )
    return replace(base, **changes)


def days_of(s: Scenario, minutes=None, updates=()):
    worked = {QUEUE: np.array(minutes if minutes is not None else [0.0] * 7)}
    return [d for d in caseload_days(s, worked, updates) if d.queue == QUEUE]


def test_overdue_cases_chase_at_the_overdue_rate_and_old_enough_ones_at_the_chase_rate():
    found = [round(d.avoidable, 6) for d in days_of(scenario())]

    # The 10 opened 12 days before are overdue from the start (10-day deadline): 10 x 0.5.
    # The 20 opened 2 days before are 3 days old on Tuesday: 20 x 0.1 from then on.
    # Saturday and Sunday are not working days: nobody rings.
    assert found == [5.0, 7.0, 7.0, 7.0, 7.0, 0.0, 0.0]


def test_closing_the_oldest_cases_first_stops_their_chasing():
    # 600 minutes on Monday closes ten 60-minute cases: the ten overdue ones.
    found = [round(d.avoidable, 6) for d in days_of(scenario(), [600.0] + [0.0] * 6)]

    assert found == [5.0, 2.0, 2.0, 2.0, 2.0, 0.0, 0.0]


def test_a_proactive_update_takes_officer_time_first_and_cuts_the_chasing():
    s = scenario(case_queues=(queue(update_effort_minutes=10.0, update_cuts_chasing=0.6),))
    found = days_of(s, [60.0] * 7, updates=(QUEUE,))

    monday = found[0]
    # Ten chasing cases at 10 minutes a week: 2 minutes each a working day, 20 minutes.
    assert monday.update_minutes == pytest.approx(20.0)
    assert monday.avoidable == pytest.approx(5.0 * 0.4)
    assert monday.done == pytest.approx(40.0 / 60.0)  # what is left closes cases
    # Updates only where there is time for them: a day with 10 minutes updates half the cases.
    short = days_of(s, [10.0] * 7, updates=(QUEUE,))[0]
    assert short.update_minutes == pytest.approx(10.0)
    assert short.avoidable == pytest.approx(5.0 * (1 - 0.6 * 0.5))
    # Without the decision, the same minutes all close cases and nobody is updated.
    plain = days_of(s, [60.0] * 7)[0]
    assert plain.update_minutes == 0 and plain.avoidable == pytest.approx(5.0)


def test_avoidable_contacts_follow_the_chase_channels_own_day():
    s = scenario()
    grid = demand_grid(s)
    extra = avoidable_volume(s, grid, days_of(s))

    k = [c.name for c in grid.channels].index("voice")
    monday = extra[0, :, k]
    slots = [t.strftime("%H:%M") for t in grid.starts]
    assert monday[slots.index("09:00")] == pytest.approx(5.0 * 4 / 16)
    assert monday[slots.index("09:15")] == pytest.approx(5.0 * 12 / 16)
    assert extra.sum() == pytest.approx(5.0 + 4 * 7.0)
    assert extra[:, :, 1 - k].sum() == 0  # nothing lands on email


def test_the_chase_channel_defaults_to_the_first_voice_channel():
    s = scenario(channels=(email(), voice(name=ChannelName("phones"))))
    assert chase_channel(s, queue()) == "phones"
    assert chase_channel(s, queue(chase_channel=ChannelName("chat"))) == "chat"


def test_one_more_contact_costs_more_where_fewer_advisors_answer():
    s = scenario()
    grid = demand_grid(s)
    k = [c.name for c in grid.channels].index("voice")
    few, many = np.zeros(grid.volume.shape), np.zeros(grid.volume.shape)
    few[:, :, k], many[:, :, k] = 1, 14  # 12 calls a quarter-hour of 8.5 minutes: 6.8 Erlangs

    scarce, plenty = contact_price(s, grid, few), contact_price(s, grid, many)

    assert scarce[0, k] > plenty[0, k] > 0
    assert scarce[5, k] == 0  # Saturday: no contacts to price
    # One advisor cannot keep up: the contact is let down and makes others wait longer too.
    assert scarce[0, k] > s.rules.missed_contact_cost
    assert plenty[0, k] < s.rules.missed_contact_cost


def test_chasers_must_land_on_a_live_channel():
    for name, column in (("email", "chase_channel"), ("nowhere", "chase_channel")):
        s = scenario(case_queues=(queue(chase_channel=ChannelName(name)),))
        problems = [p for p in check_scenario(s) if p.sheet == "CaseQueues"]
        assert [(p.column, p.row) for p in problems] == [(column, 2)], problems


def test_the_rota_workbook_keeps_the_update_decision_and_the_avoidable_figures(tmp_path):
    s = scenario(case_queues=(queue(update_effort_minutes=10.0, update_cuts_chasing=0.6),))
    rota = tuple(RotaCell(p.staff_id, day, "E" if day.weekday() < 5 else OFF)
                 for p in s.staff for day in s.settings.dates)
    assessment = check_rota(s, rota, (), updates=(QUEUE,))
    plan = Plan(SolveStatus.FEASIBLE, rota, (), assessment, assessment.objective, 0.0, 1.0, 0.0,
                updates=(QUEUE,))
    path = tmp_path / "rota.xlsx"

    write_rota_workbook(path, s, plan)
    read = read_rota_workbook(path)

    assert read.ok, list(read.problems)
    assert read.updates == (QUEUE,)
    again = check_rota(read.scenario, read.rota, read.activities, read.updates)
    chasing = weekly_figures(s, again.caseload)[QUEUE]
    assert chasing["update_hours"] > 0
    contacts = sum(d.avoidable for d in assessment.caseload if d.queue == QUEUE)
    assert contacts > 0
    assert chasing["contacts"] == pytest.approx(contacts, abs=0.01)  # rounded to 2 places
    assert sum(r.avoidable for r in again.coverage) == pytest.approx(contacts)
