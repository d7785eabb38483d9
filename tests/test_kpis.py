"""The figures a manager compares between rotas, against arithmetic done by hand."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace

import pytest

from planner.kpis import plan_kpis
from planner.model import BacklogEntry, DeadlineBasis, QueueName, StaffId
from planner.plan import Assessment, Breach, CaseDay, Costs, IntervalService
from tests.factories import MONDAY, small_scenario

TUESDAY = MONDAY + dt.timedelta(days=1)


def service(volume, service_level, asa, abandon, channel="voice", start=dt.time(9)):
    return IntervalService(MONDAY, start, channel, volume, 3, 2, service_level, asa, abandon)


def kpis_of(coverage=(), caseload=(), breaches=(), costs=None, scenario=None):
    scenario = scenario or small_scenario()
    return plan_kpis(scenario, Assessment(tuple(coverage), tuple(caseload), tuple(breaches),
                                          costs or Costs()))


def test_service_is_weighted_by_contacts_and_wait_by_contacts_answered():
    figures = kpis_of([service(10, 0.8, 30.0, 0.1), service(30, 0.4, 100.0, 0.5)])
    voice = figures["channels"]["voice"]
    assert voice["volume"] == 40
    assert voice["service_level"] == pytest.approx((10 * 0.8 + 30 * 0.4) / 40)  # 0.5
    assert voice["abandon_rate"] == pytest.approx((10 * 0.1 + 30 * 0.5) / 40)  # 0.4
    # 9 and 15 contacts answered: (9 x 30 + 15 x 100) / 24 = 73.75 s
    assert voice["asa_seconds"] == pytest.approx(73.75)


def test_interval_where_everyone_gives_up_or_waits_forever_is_not_averaged_into_the_wait():
    figures = kpis_of([service(10, 0.9, 20.0, 0.0), service(5, 0.0, math.inf, 1.0)])
    assert figures["channels"]["voice"]["asa_seconds"] == pytest.approx(20.0)
    endless = kpis_of([service(10, 0.0, math.inf, 0.0)])
    assert endless["channels"]["voice"]["asa_seconds"] is None
    assert endless["channels"]["voice"]["service_level"] == 0.0


def test_every_live_channel_is_listed_and_email_is_not():
    figures = kpis_of([])
    assert list(figures["channels"]) == ["voice"]
    assert figures["channels"]["voice"] == {"volume": 0.0, "service_level": None,
                                            "asa_seconds": None, "abandon_rate": None}


def queue_day(date, arrivals, done, backlog, overdue, queue="mutual_exchange"):
    return CaseDay(QueueName(queue), date, arrivals, done, backlog, overdue)


def test_on_time_rate_counts_late_closures_of_cases_already_overdue():
    # 4 cases already past their deadline when the plan starts (opened 50 days before it),
    # 12 not yet due (opened 20 days before).
    scenario = small_scenario(backlog=(
        BacklogEntry(QueueName("mutual_exchange"), MONDAY - dt.timedelta(days=50), 4),
        BacklogEntry(QueueName("mutual_exchange"), MONDAY - dt.timedelta(days=20), 12),
    ))
    days = [
        queue_day(MONDAY, 3, 5, 14, 0),  # the 4 overdue first (late), then 1 on time
        queue_day(TUESDAY, 0, 2, 12, 1.5),  # 2 on time; 1.5 fall overdue this evening
        queue_day(TUESDAY + dt.timedelta(days=1), 0, 1, 11, 0.5),  # 1 late, 0.5 still overdue
    ]
    queue = kpis_of(caseload=days, scenario=scenario)["queues"]["mutual_exchange"]
    # closed 8, of them late 4 + 1 = 5; open past deadline at the end 0.5
    assert queue["on_time_rate"] == pytest.approx((8 - 5) / (8 + 0.5))
    assert queue["overdue_cases"] == 0.5
    assert queue["max_backlog"] == 14
    assert queue["arrivals"] == 3
    assert queue["done"] == 8


def test_backlog_due_in_working_days_is_not_overdue_over_a_weekend():
    # Opened Friday with 2 days to answer: calendar days make it due on Sunday, before the plan
    # starts; working days make it due on Tuesday, inside the plan.
    friday = MONDAY - dt.timedelta(days=3)
    base = small_scenario(backlog=(BacklogEntry(QueueName("mutual_exchange"), friday, 6),))
    days = [queue_day(MONDAY, 0, 6, 0, 0)]
    for basis, expected in ((DeadlineBasis.CALENDAR, 0.0), (DeadlineBasis.WORKING, 1.0)):
        queue = replace(base.case_queues[0], deadline_days=2, deadline_basis=basis)
        scenario = replace(base, case_queues=(queue,))
        figures = kpis_of(caseload=days, scenario=scenario)
        assert figures["queues"]["mutual_exchange"]["on_time_rate"] == expected


def test_email_is_a_queue_and_a_queue_with_nothing_to_do_has_no_rate():
    days = [queue_day(MONDAY, 35, 30, 5, 0, queue="email"),
            queue_day(TUESDAY, 0, 5, 0, 0, queue="email")]
    queues = kpis_of(caseload=days)["queues"]
    assert list(queues) == ["mutual_exchange", "email"]
    assert queues["email"]["on_time_rate"] == 1.0
    assert queues["email"]["max_backlog"] == 5
    assert queues["mutual_exchange"]["on_time_rate"] is None


def test_costs_hours_and_breaches_are_reported_as_plain_data():
    costs = Costs(paid_hours=112.5, cover_hours=7.5, pay=1743.75, service=120.5, overdue=40.0,
                  fairness=5.0, requests=3.0, pattern_cover=2.0, breaches=2000.0)
    breach = Breach("Minimum rest between shifts", (StaffId("A2"),), (MONDAY, TUESDAY), 1.0,
                    "shift pairs", "Advisor A2 has 9 hours' rest between Mon and Tue")
    figures = kpis_of(costs=costs, breaches=[breach])
    assert figures["paid_hours"] == 112.5
    assert figures["cover_hours"] == 7.5
    assert figures["cost"]["total"] == pytest.approx(1743.75 + 120.5 + 40 + 5 + 3 + 2 + 2000)
    assert figures["cost"]["pattern_cover"] == 2.0
    assert figures["breaches"]["count"] == 1
    assert figures["breaches"]["list"] == [{
        "rule": "Minimum rest between shifts", "staff_ids": ["A2"],
        "dates": ["2027-03-01", "2027-03-02"], "size": 1.0, "unit": "shift pairs",
        "message": "Advisor A2 has 9 hours' rest between Mon and Tue"}]
    json.dumps(figures, allow_nan=False)  # plain JSON, no NaN or infinity
