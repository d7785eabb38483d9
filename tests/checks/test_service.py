"""Service per live channel and interval, against the queueing formulas called by hand."""

import datetime as dt

import pytest

from planner.erlang import queue_figures
from planner.model import Channel, ChannelKind, ChannelName, DemandRow, Rules
from planner.staffing import Target, required_agents
from tests.checks.builders import advisor, check, day, doing, early_day, team
from tests.factories import voice, weekday_demand

MONDAY_ONLY = "E OFF OFF OFF OFF OFF OFF"
CHAT = Channel(ChannelName("chat"), ChannelKind.CHAT, aht_seconds=900.0,
               target_answer_seconds=60.0, service_level_target=0.8, patience_seconds=600.0,
               concurrency=2)


def row(assessment, channel: str, at: str):
    found = [r for r in assessment.coverage if r.channel == channel and r.date == day(0)
             and r.interval_start == dt.time.fromisoformat(at)]
    assert len(found) == 1
    return found[0]


def test_voice_service_is_the_erlang_a_curve_at_the_people_planned():
    scenario = team(demand=weekday_demand("voice", {"09:00": 12.0, "12:00": 12.0}))
    activities = early_day("A2", day(0)) + early_day("A3", day(0))  # breaks 12:00-12:30
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY}, activities)
    channel = voice()
    for at, people in (("09:00", 2), ("12:00", 0)):
        got = row(assessment, "voice", at)
        expected = queue_figures(12.0, 900.0, 510.0, people, 120.0, 2400.0)
        needed, _ = required_agents(12.0, 900.0, 510.0, Target.for_channel(channel), 2400.0)
        assert (got.volume, got.planned, got.required) == (12.0, people, int(needed))
        assert got.service_level == pytest.approx(float(expected.service_level))
        assert got.asa_seconds == pytest.approx(float(expected.asa_seconds))
        assert got.abandon_rate == pytest.approx(float(expected.abandon_rate))
    nobody = row(assessment, "voice", "12:00")
    assert (nobody.service_level, nobody.abandon_rate) == (0.0, 1.0)


def test_chat_serves_concurrency_sessions_per_person_planned():
    scenario = team(advisor("A2", skills=("chat",)), channels=(voice(), CHAT),
                    demand=weekday_demand("chat", {"10:00": 8.0}))
    activities = (doing("A2", day(0), "08:00", "12:00", "chat"),
                  doing("A2", day(0), "12:00", "12:30", "BREAK"),
                  doing("A2", day(0), "12:30", "16:00", "chat"))
    got = row(check(scenario, {"A2": MONDAY_ONLY}, activities), "chat", "10:00")
    expected = queue_figures(8.0, 900.0, 900.0, 2, 60.0, 600.0)
    needed, _ = required_agents(8.0, 900.0, 900.0, Target.for_channel(CHAT), 600.0, 2)
    assert (got.planned, got.required) == (1, int(needed))
    assert got.service_level == pytest.approx(float(expected.service_level))
    assert got.abandon_rate == pytest.approx(float(expected.abandon_rate))


def test_a_demand_rows_own_handle_time_is_used():
    rows = (DemandRow(ChannelName("voice"), dt.time(9), 12.0, weekday=0, aht_seconds=300.0),)
    assessment = check(team(demand=rows), {"A2": MONDAY_ONLY}, early_day("A2", day(0)))
    expected = queue_figures(12.0, 900.0, 300.0, 1, 120.0, 2400.0)
    assert row(assessment, "voice", "09:00").service_level == pytest.approx(
        float(expected.service_level))


def test_quiet_intervals_and_email_are_left_out():
    scenario = team(demand=weekday_demand("voice", {"09:00": 12.0})
                    + weekday_demand("email", {"09:00": 20.0}))
    assessment = check(scenario, {"A2": "OFF OFF OFF OFF OFF OFF OFF"})
    assert [(r.date, r.interval_start, r.channel) for r in assessment.coverage] == [
        (day(i), dt.time(9), "voice") for i in range(5)
    ]


def test_service_cost_prices_missed_and_abandoned_contacts():
    scenario = team(demand=weekday_demand("voice", {"09:00": 12.0, "12:00": 6.0}, weekdays=[0]),
                    rules=Rules(missed_contact_cost=2.0, abandoned_contact_cost=4.0))
    activities = early_day("A2", day(0))  # on voice at 09:00, on a break at 12:00
    assessment = check(scenario, {"A2": MONDAY_ONLY}, activities)
    nine = queue_figures(12.0, 900.0, 510.0, 1, 120.0, 2400.0)
    twelve_missed, twelve_abandoned = 6.0, 6.0  # nobody there: every call missed and abandoned
    expected = (2.0 * 12.0 * (1 - float(nine.service_level))
                + 4.0 * 12.0 * float(nine.abandon_rate)
                + 2.0 * twelve_missed + 4.0 * twelve_abandoned)
    assert assessment.costs.service == pytest.approx(expected)
