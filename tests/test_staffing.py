"""Advisors needed: the fewest that meet every target, each cap binding when it should, chat
sessions, email spread over its response window, shrinkage, and the plan-wide table."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from planner.deferred import email_agents
from planner.erlang import queue_figures
from planner.model import ChannelKind, ChannelName, Settings
from planner.problems import ScenarioError
from planner.staffing import (
    TABLE_COLUMNS,
    Target,
    required_agents,
    staffing_table,
    with_shrinkage,
)
from tests.factories import email, small_scenario, voice


def meets(volume, aht, agents, target: Target, patience=None, interval=900.0):
    """The target checked directly from the queue figures at `agents`."""
    f = queue_figures(volume, interval, aht, agents, target.answer_seconds, patience)
    ok = np.ones(np.shape(f.service_level), dtype=bool)
    if patience is None:
        ok &= agents > volume * aht / interval
    if target.service_level is not None:
        ok &= f.service_level >= target.service_level - 1e-12
    for cap, value in ((target.max_asa_seconds, f.asa_seconds),
                       (target.max_abandon_rate, f.abandon_rate),
                       (target.max_occupancy, f.occupancy)):
        if cap is not None:
            ok &= value <= cap * (1 + 1e-12)
    return ok


VOLUMES = np.array([0.2, 1, 3, 7, 12, 30, 45, 80, 150, 400, 1200, 4000, 9000])
TARGETS = [
    Target(0.8, 20),
    Target(0.9, 120, max_asa_seconds=30),
    Target(0.8, 120, max_abandon_rate=0.05, max_occupancy=0.85),
    Target(None, 60, max_asa_seconds=240),
    Target(0.95, 0),
]


@pytest.mark.parametrize("patience", [None, 30.0, 2400.0])
@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_the_answer_meets_the_target_and_one_fewer_does_not(target, patience):
    for aht in (180.0, 720.0):
        agents, figures = required_agents(VOLUMES, 900, aht, target, patience)
        assert agents.dtype.kind == "i" and np.all(agents >= 1)
        assert np.all(meets(VOLUMES, aht, agents, target, patience))
        assert not np.any(meets(VOLUMES, aht, agents - 1, target, patience))
        again = queue_figures(VOLUMES, 900, aht, agents, target.answer_seconds, patience)
        assert np.array_equal(figures.service_level, again.service_level)


def test_no_contacts_need_no_advisors_and_shapes_are_kept():
    volume = np.array([[0.0, 10.0], [0.0, 0.0]])
    agents, figures = required_agents(volume, 900, 300, Target(0.8, 20), 600.0)
    assert agents.shape == (2, 2) and agents[0, 1] > 0
    assert agents[0, 0] == agents[1, 0] == agents[1, 1] == 0
    assert np.all(figures.service_level[volume == 0] == 1)


def test_erlang_c_needs_more_advisors_than_traffic():
    # 10 Erlangs with no service target at all: still 11 advisors, or the queue never clears
    agents, _ = required_agents(100, 1800, 180, Target(None, 20))
    assert int(agents) == 11


def test_asa_cap_binds():
    loose = Target(0.5, 20)
    capped = replace(loose, max_asa_seconds=5)
    n_loose, _ = required_agents(100, 1800, 180, loose)
    n, figures = required_agents(100, 1800, 180, capped)
    assert n > n_loose
    assert figures.asa_seconds <= 5
    below = queue_figures(100, 1800, 180, n - 1, 20)
    assert below.service_level >= 0.5 and below.asa_seconds > 5


def test_abandonment_cap_binds():
    loose = Target(0.5, 60)
    capped = replace(loose, max_abandon_rate=0.01)
    n_loose, _ = required_agents(30, 900, 510, loose, 300.0)
    n, figures = required_agents(30, 900, 510, capped, 300.0)
    assert n > n_loose and figures.abandon_rate <= 0.01
    below = queue_figures(30, 900, 510, n - 1, 60, 300.0)
    assert below.service_level >= 0.5 and below.abandon_rate > 0.01


def test_occupancy_cap_binds():
    loose = Target(0.5, 60)
    capped = replace(loose, max_occupancy=0.7)
    n_loose, _ = required_agents(300, 900, 300, loose)
    n, figures = required_agents(300, 900, 300, capped)
    assert n > n_loose and figures.occupancy <= 0.7
    assert int(n) == 143  # 100 Erlangs / 0.7 = 142.9
    below = queue_figures(300, 900, 300, n - 1, 60)
    assert below.service_level >= 0.5 and below.occupancy > 0.7


def test_chat_concurrency_counts_sessions_then_advisors():
    target = Target(0.8, 60)
    volume = np.array([5.0, 20.0, 37.0, 90.0])
    sessions, _ = required_agents(volume, 900, 900, target, 900.0)
    agents, figures = required_agents(volume, 900, 900, target, 900.0, concurrency=3)
    assert np.array_equal(agents, np.ceil(sessions / 3).astype(int))
    at_sessions = queue_figures(volume, 900, 900, agents * 3, 60, 900.0)
    assert np.array_equal(figures.service_level, at_sessions.service_level)
    assert np.any(agents * 3 > sessions)  # rounding up to whole advisors adds sessions


def test_with_shrinkage_rounds_up_without_float_fuzz():
    assert int(with_shrinkage(14, 0.3)) == 20
    assert list(with_shrinkage(np.array([0, 1, 7, 15]), 0.3)) == [0, 2, 10, 22]
    assert list(with_shrinkage(np.array([3, 4]), 0.0)) == [3, 4]
    with pytest.raises(ValueError):
        with_shrinkage(3, 1.0)


def test_targets_are_checked():
    with pytest.raises(ValueError):
        Target(1.5, 20)
    with pytest.raises(ValueError):
        Target(0.8, 20, max_abandon_rate=0)
    bad = small_scenario(channels=(voice(service_level_target=2.0), email()))
    with pytest.raises(ScenarioError, match="voice"):
        staffing_table(bad)


# --- email --------------------------------------------------------------------------------------


def test_email_work_is_spread_evenly_over_the_open_intervals_of_its_window():
    is_open = np.array([0, 1, 1, 0, 1, 1, 0, 0], dtype=bool)
    work = np.array([0, 900.0, 0, 0, 0, 0, 0, 0])
    out = email_agents(work, is_open, window_seconds=4 * 900, interval_seconds=900)
    # window: intervals 1..4, open ones 1, 2, 4
    assert out.done_seconds == pytest.approx([0, 300, 300, 0, 300, 0, 0, 0])
    assert list(out.agents) == [0, 1, 1, 0, 1, 0, 0, 0]
    assert out.deferred_share[1] == pytest.approx(2 / 3)
    assert out.average_delay_seconds[1] == pytest.approx((0 + 1 + 3) / 3 * 900)


def test_email_with_no_open_interval_goes_to_the_last_of_its_window_and_stops_at_plan_end():
    is_open = np.array([1, 0, 0, 0, 0, 1], dtype=bool)
    work = np.array([0, 1800.0, 0, 0, 0, 600.0])
    out = email_agents(work, is_open, window_seconds=3 * 900, interval_seconds=900)
    assert out.done_seconds == pytest.approx([0, 0, 0, 1800, 0, 600])
    assert list(out.agents) == [0, 0, 0, 2, 0, 1]
    assert out.average_delay_seconds[1] == 2 * 900


def test_email_work_is_conserved_and_respects_occupancy():
    rng = np.random.default_rng(3)
    is_open = rng.random(2000) < 0.4
    work = np.where(rng.random(2000) < 0.5, rng.exponential(3000, 2000), 0.0)
    for window in (900, 3 * 3600, 86400, 3 * 86400):
        out = email_agents(work, is_open, window, 900, max_occupancy=0.8)
        assert out.done_seconds.sum() == pytest.approx(work.sum(), rel=1e-12)
        assert np.all(out.agents * 900 * 0.8 >= out.done_seconds - 1e-6)
        assert np.all(out.agents[out.done_seconds == 0] == 0)
        # nothing is done after its window: the work done by interval j only uses arrivals from
        # the last `span` intervals
        span = max(1, window // 900)
        arrived_by = np.cumsum(work)
        done_by = np.cumsum(out.done_seconds)
        assert np.all(done_by <= arrived_by + 1e-6)
        due_by = np.concatenate([np.zeros(span - 1), arrived_by[: arrived_by.size - span + 1]])
        assert np.all(done_by >= due_by - 1e-6)


# --- the plan-wide table -----------------------------------------------------------------------


def test_staffing_table_covers_every_interval_and_meets_targets():
    scenario = small_scenario()
    table = staffing_table(scenario)
    assert tuple(table.columns) == TABLE_COLUMNS
    assert len(table) == 7 * 96 * 2
    assert table[list(TABLE_COLUMNS[4:])].notna().all().all()
    assert list(table["interval_start"].iloc[:4]) == ["00:00", "00:00", "00:15", "00:15"]
    assert table["agents_needed"].dtype.kind == "i"
    assert (table["required"] == with_shrinkage(table["agents_needed"].to_numpy(), 0.3)).all()

    live = table[table["channel"] == "voice"]
    quiet = live[live["volume"] == 0]
    assert (quiet["agents_needed"] == 0).all() and (quiet["service_level"] == 1).all()
    busy = live[live["volume"] > 0]
    channel = scenario.channel("voice")
    target = Target.for_channel(channel)
    n = busy["agents_needed"].to_numpy()
    assert np.all(meets(busy["volume"].to_numpy(), 510.0, n, target, channel.patience_seconds))
    assert not np.any(meets(busy["volume"].to_numpy(), 510.0, n - 1, target,
                            channel.patience_seconds))
    assert np.allclose(busy["abandon_rate"], queue_figures(
        busy["volume"].to_numpy(), 900, 510, n, 120, 2400).abandon_rate)

    mail = table[table["channel"] == "email"]
    assert (mail["service_level"] == 1).all() and (mail["abandon_rate"] == 0).all()
    work = (mail["volume"] * mail["aht_seconds"]).sum()
    assert (mail["occupancy"] * mail["agents_needed"] * 900).sum() == pytest.approx(work)
    # email is only worked in the hours of the shift pattern its advisors work (E, 08:00-16:00)
    worked = mail.loc[mail["agents_needed"] > 0, "interval_start"]
    assert len(worked) and worked.between("08:00", "15:45").all()


def test_staffing_table_closes_on_a_bank_holiday():
    early_may = dt.date(2027, 5, 3)  # Early May bank holiday, England and Wales
    scenario = small_scenario(settings=Settings(plan_start=early_may, plan_days=2, shrinkage=0.3))
    table = staffing_table(scenario)
    holiday = table[table["date"] == early_may]
    after = table[table["date"] == early_may + dt.timedelta(days=1)]
    assert holiday["volume"].sum() == 0 and holiday["agents_needed"].sum() == 0
    assert after["agents_needed"].sum() > 0


def test_chat_channel_in_the_table_uses_concurrency():
    chat = voice(name=ChannelName("chat"), kind=ChannelKind.CHAT, concurrency=2, aht_seconds=900.0)
    calls = tuple(r for r in small_scenario().demand if r.channel == "voice")
    chats = tuple(replace(r, channel=ChannelName("chat"), volume=r.volume * 2) for r in calls)
    scenario = small_scenario(channels=(voice(), chat), demand=calls + chats)
    table = staffing_table(scenario)
    rows = table[(table["channel"] == "chat") & (table["volume"] > 0)]
    sessions, _ = required_agents(rows["volume"].to_numpy(), 900, 900, Target.for_channel(chat),
                                  2400.0)
    assert np.array_equal(rows["agents_needed"].to_numpy(), np.ceil(sessions / 2).astype(int))
    assert isinstance(table, pd.DataFrame)
