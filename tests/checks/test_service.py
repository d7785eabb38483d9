"""Service per live channel and interval, against the queueing formulas called by hand: the
queue followed through the day (planner.queues) with the people planned in each interval."""

import datetime as dt

import numpy as np
import pytest

from planner.model import Channel, ChannelKind, ChannelName, DemandRow, Rules
from planner.queues import carried_figures
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


def by_hand(volumes: dict[str, float], people: dict[str, int], aht=510.0, answer=120.0,
            patience=2400.0, concurrency=1):
    """Monday's figures from carried_figures called on the day's intervals: HH:MM -> index."""
    volume, servers = np.zeros(96), np.zeros(96, dtype=int)
    slot = {f"{i // 4:02d}:{15 * (i % 4):02d}": i for i in range(96)}
    for at, v in volumes.items():
        volume[slot[at]] = v
    for at, n in people.items():
        servers[slot[at]] = n * concurrency
    return carried_figures(volume, 900.0, aht, servers, answer, patience), slot


def test_voice_service_follows_the_queue_at_the_people_planned():
    scenario = team(demand=weekday_demand("voice", {"09:00": 12.0, "12:00": 12.0}))
    activities = early_day("A2", day(0)) + early_day("A3", day(0))  # breaks 12:00-12:30
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY}, activities)
    channel = voice()
    at_work = {f"{h:02d}:{m:02d}": 2 for h in range(8, 16) for m in (0, 15, 30, 45)}
    at_work.update({"12:00": 0, "12:15": 0})
    expected, slot = by_hand({"09:00": 12.0, "12:00": 12.0}, at_work)
    for at, people in (("09:00", 2), ("12:00", 0)):
        got = row(assessment, "voice", at)
        needed, _ = required_agents(12.0, 900.0, 510.0, Target.for_channel(channel), 2400.0)
        assert (got.volume, got.planned, got.required) == (12.0, people, int(needed))
        assert got.service_level == pytest.approx(float(expected.service_level[slot[at]]))
        assert got.asa_seconds == pytest.approx(float(expected.asa_seconds[slot[at]]))
        assert got.abandon_rate == pytest.approx(float(expected.abandon_rate[slot[at]]))
    nobody = row(assessment, "voice", "12:00")
    # nobody on voice at 12:00: callers wait for 12:30, and none is answered within target
    assert nobody.service_level == 0.0 and 0.0 < nobody.abandon_rate < 1.0


def test_chat_serves_concurrency_sessions_per_person_planned():
    scenario = team(advisor("A2", skills=("chat",)), channels=(voice(), CHAT),
                    demand=weekday_demand("chat", {"10:00": 8.0}))
    activities = (doing("A2", day(0), "08:00", "12:00", "chat"),
                  doing("A2", day(0), "12:00", "12:30", "BREAK"),
                  doing("A2", day(0), "12:30", "16:00", "chat"))
    got = row(check(scenario, {"A2": MONDAY_ONLY}, activities), "chat", "10:00")
    at_work = {f"{h:02d}:{m:02d}": 1 for h in range(8, 16) for m in (0, 15, 30, 45)}
    at_work.update({"12:00": 0, "12:15": 0})
    expected, slot = by_hand({"10:00": 8.0}, at_work, aht=900.0, answer=60.0, patience=600.0,
                             concurrency=2)
    one_session, _ = by_hand({"10:00": 8.0}, at_work, aht=900.0, answer=60.0, patience=600.0)
    needed, _ = required_agents(8.0, 900.0, 900.0, Target.for_channel(CHAT), 600.0, 2)
    assert (got.planned, got.required) == (1, int(needed))
    assert got.service_level == pytest.approx(float(expected.service_level[slot["10:00"]]))
    assert got.abandon_rate == pytest.approx(float(expected.abandon_rate[slot["10:00"]]))
    assert got.abandon_rate < float(one_session.abandon_rate[slot["10:00"]])


def test_a_demand_rows_own_handle_time_is_used():
    rows = (DemandRow(ChannelName("voice"), dt.time(9), 12.0, weekday=0, aht_seconds=300.0),)
    assessment = check(team(demand=rows), {"A2": MONDAY_ONLY}, early_day("A2", day(0)))
    at_work = {f"{h:02d}:{m:02d}": 1 for h in range(8, 16) for m in (0, 15, 30, 45)}
    at_work.update({"12:00": 0, "12:15": 0})
    expected, slot = by_hand({"09:00": 12.0}, at_work, aht=300.0)
    usual, _ = by_hand({"09:00": 12.0}, at_work)
    got = row(assessment, "voice", "09:00").service_level
    assert got == pytest.approx(float(expected.service_level[slot["09:00"]]))
    assert got > float(usual.service_level[slot["09:00"]])


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
    at_work = {f"{h:02d}:{m:02d}": 1 for h in range(8, 16) for m in (0, 15, 30, 45)}
    at_work.update({"12:00": 0, "12:15": 0})
    figures, slot = by_hand({"09:00": 12.0, "12:00": 6.0}, at_work)
    expected = sum(
        volume * (2.0 * (1 - float(figures.service_level[slot[at]]))
                  + 4.0 * float(figures.abandon_rate[slot[at]]))
        for at, volume in (("09:00", 12.0), ("12:00", 6.0)))
    assert assessment.costs.service == pytest.approx(expected)
