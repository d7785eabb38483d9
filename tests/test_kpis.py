"""The figures a manager compares between rotas, against arithmetic done by hand."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace

import pytest

from planner.avoidable import weekly_figures
from planner.kpis import ChannelFigures, Kpis, kpis_of
from planner.model import BacklogEntry, DeadlineBasis, QueueName, StaffId
from planner.plan import Assessment, Breach, CaseDay, Costs, IntervalService
from tests.factories import MONDAY, small_scenario

TUESDAY = MONDAY + dt.timedelta(days=1)


def service(volume, service_level, asa, abandon, channel="voice", start=dt.time(9)):
    return IntervalService(MONDAY, start, channel, volume, 3, 2, service_level, asa, abandon)


def figures_of(coverage=(), caseload=(), breaches=(), costs=None, scenario=None) -> Kpis:
    scenario = scenario or small_scenario()
    return kpis_of(scenario, Assessment(tuple(coverage), tuple(caseload), tuple(breaches),
                                        costs or Costs()))


def test_service_is_weighted_by_contacts_and_wait_by_contacts_answered():
    figures = figures_of([service(10, 0.8, 30.0, 0.1), service(30, 0.4, 100.0, 0.5)])
    voice = figures.channel("voice")
    assert voice.volume == 40
    assert voice.service_level == pytest.approx((10 * 0.8 + 30 * 0.4) / 40)  # 0.5
    assert voice.abandon_rate == pytest.approx((10 * 0.1 + 30 * 0.5) / 40)  # 0.4
    # 9 and 15 contacts answered: (9 x 30 + 15 x 100) / 24 = 73.75 s
    assert voice.asa_seconds == pytest.approx(73.75)
    assert voice.target == 0.8 and voice.below_target  # small_scenario's voice target


def test_interval_where_everyone_gives_up_or_waits_forever_is_not_averaged_into_the_wait():
    figures = figures_of([service(10, 0.9, 20.0, 0.0), service(5, 0.0, math.inf, 1.0)])
    assert figures.channel("voice").asa_seconds == pytest.approx(20.0)
    endless = figures_of([service(10, 0.0, math.inf, 0.0)])
    assert endless.channel("voice").asa_seconds == math.inf  # contacts, none ever answered
    assert endless.channel("voice").service_level == 0.0
    assert endless.as_dict()["channels"]["voice"]["asa_seconds"] is None  # JSON has no inf


def test_one_interval_that_never_clears_is_said_apart_not_made_the_channel_s_wait():
    # Callers without patience (Erlang C) in an interval with too few advisors: its queue never
    # clears. The channel's wait is over the other intervals, and that one is counted apart.
    figures = figures_of([service(10, 0.9, 20.0, 0.0), service(30, 0.5, 60.0, 0.0),
                          service(8, 0.0, math.inf, 0.0, start=dt.time(10))])
    voice = figures.channel("voice")
    assert voice.asa_seconds == pytest.approx((10 * 20 + 30 * 60) / 40)
    assert voice.never_answered == 1
    assert voice.as_dict()["never_answered_intervals"] == 1
    from planner.words import channel_wait
    assert channel_wait(voice.asa_seconds, voice.never_answered) == (
        "50 s (1 interval never answered)")


def test_every_live_channel_is_listed_and_email_is_not():
    figures = figures_of([])
    assert [f.channel for f in figures.channels] == ["voice"]
    assert figures.channel("voice") == ChannelFigures("voice", 0.0, None, None, None, 0.8)
    assert figures.as_dict()["channels"]["voice"] == {
        "volume": 0.0, "service_level": None, "asa_seconds": None, "abandon_rate": None,
        "never_answered_intervals": 0}
    assert not figures.channel("voice").below_target  # no contacts: nothing missed


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
    queue = figures_of(caseload=days, scenario=scenario).queue("mutual_exchange")
    # closed 8, of them late 4 + 1 = 5; open past deadline at the end 0.5
    assert queue.on_time_rate == pytest.approx((8 - 5) / (8 + 0.5))
    assert queue.overdue_cases == 0.5
    assert queue.max_backlog == 14
    assert queue.arrivals == 3
    assert queue.done == 8


def test_backlog_due_in_working_days_is_not_overdue_over_a_weekend():
    # Opened Friday with 2 days to answer: calendar days make it due on Sunday, before the plan
    # starts; working days make it due on Tuesday, inside the plan.
    friday = MONDAY - dt.timedelta(days=3)
    base = small_scenario(backlog=(BacklogEntry(QueueName("mutual_exchange"), friday, 6),))
    days = [queue_day(MONDAY, 0, 6, 0, 0)]
    for basis, expected in ((DeadlineBasis.CALENDAR, 0.0), (DeadlineBasis.WORKING, 1.0)):
        queue = replace(base.case_queues[0], deadline_days=2, deadline_basis=basis)
        scenario = replace(base, case_queues=(queue,))
        figures = figures_of(caseload=days, scenario=scenario)
        assert figures.queue("mutual_exchange").on_time_rate == expected


def test_email_is_a_queue_and_a_queue_with_nothing_to_do_has_no_rate():
    days = [queue_day(MONDAY, 35, 30, 5, 0, queue="email"),
            queue_day(TUESDAY, 0, 5, 0, 0, queue="email")]
    figures = figures_of(caseload=days)
    assert [f.queue for f in figures.queues] == ["mutual_exchange", "email"]
    assert figures.queue("email").on_time_rate == 1.0
    assert figures.queue("email").max_backlog == 5
    assert figures.queue("email").target is None  # email has a response window, no target
    assert figures.queue("mutual_exchange").on_time_rate is None
    assert not figures.queue("mutual_exchange").below_target


def test_costs_hours_and_breaches_are_the_assessments_own():
    costs = Costs(paid_hours=112.5, cover_hours=7.5, pay=1743.75, service=120.5, overdue=40.0,
                  fairness=5.0, requests=3.0, pattern_cover=2.0, breaches=2000.0)
    breach = Breach("Minimum rest between shifts", (StaffId("A2"),), (MONDAY, TUESDAY), 1.0,
                    "shift pairs", "Advisor A2 has 9 hours' rest between Mon and Tue")
    figures = figures_of(costs=costs, breaches=[breach])
    assert (figures.paid_hours, figures.cover_hours) == (112.5, 7.5)
    assert figures.cost is costs  # the one money figure: what the checker says the rota costs
    assert figures.cost.total == pytest.approx(1743.75 + 120.5 + 40 + 5 + 3 + 2 + 2000)
    assert figures.breaches == (breach,)


def test_as_dict_is_plain_json_with_the_cost_total_and_its_parts():
    costs = Costs(paid_hours=112.5, cover_hours=7.5, pay=1743.754, service=120.5, overdue=40.0,
                  fairness=5.0, requests=3.0, pattern_cover=2.0, breaches=2000.0)
    breach = Breach("Minimum rest between shifts", (StaffId("A2"),), (MONDAY, TUESDAY), 1.0,
                    "shift pairs", "Advisor A2 has 9 hours' rest between Mon and Tue")
    scenario = small_scenario()
    assessment = Assessment((service(10, 0.9, 20.0, 0.0),), (), (breach,), costs)
    figures = kpis_of(scenario, assessment).as_dict()
    assert set(figures) == {"paid_hours", "cover_hours", "cost", "channels", "queues",
                            "avoidable", "breaches"}
    assert figures["paid_hours"] == 112.5 and figures["cover_hours"] == 7.5
    assert figures["cost"] == {"total": 3914.25, "pay": 1743.75, "service": 120.5,
                               "short_cover": 0.0, "overdue": 40.0, "fairness": 5.0,
                               "requests": 3.0,
                               "pattern_cover": 2.0, "breaches": 2000.0}
    assert figures["breaches"]["count"] == 1
    assert figures["breaches"]["list"] == [{
        "rule": "Minimum rest between shifts", "staff_ids": ["A2"],
        "dates": ["2027-03-01", "2027-03-02"], "size": 1.0, "unit": "shift pairs",
        "message": "Advisor A2 has 9 hours' rest between Mon and Tue"}]
    json.dumps(figures, allow_nan=False)  # plain JSON, no NaN or infinity


def test_avoidable_contacts_are_the_chasers_weekly_figures():
    base = small_scenario()
    scenario = replace(base, case_queues=(replace(base.case_queues[0], chase_rate=0.1),))
    days = [CaseDay(QueueName("mutual_exchange"), MONDAY, 3, 2, 5, 1, avoidable=2.5,
                    update_minutes=30),
            CaseDay(QueueName("mutual_exchange"), TUESDAY, 0, 2, 3, 0, avoidable=1.5)]
    figures = figures_of(caseload=days, scenario=scenario)
    (chasing,) = figures.avoidable
    assert (chasing.queue, chasing.channel) == ("mutual_exchange", "voice")
    assert chasing.contacts == 4.0 and chasing.update_hours == 0.5
    assert chasing.by_day == ((MONDAY, 2.5), (TUESDAY, 1.5))
    assert figures.as_dict()["avoidable"] == weekly_figures(scenario, days)
