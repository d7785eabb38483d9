"""The queue carried from one interval to the next (planner.queues), against Erlang A where the
day settles and against the simulation where it does not."""

import numpy as np
import pytest

from planner.erlang import queue_figures
from planner.queues import carried_figures
from planner.simulation.replication import Channel, run_channel

INTERVAL = 900.0
AHT = 600.0
TARGET = 120.0
PATIENCE = 1200.0


def _carried(volume, servers, patience=PATIENCE):
    volume = np.asarray(volume, dtype=float)
    return carried_figures(volume, INTERVAL, AHT, np.asarray(servers), TARGET, patience)


def test_a_settled_day_gets_erlang_a():
    volume, servers = [12.0] * 40, [10] * 40
    carried = _carried(volume, servers)
    settled = queue_figures(12.0, INTERVAL, AHT, 10, TARGET, PATIENCE)
    # once the queue has built up from empty it stays where Erlang A says it settles
    assert carried.service_level[-1] == pytest.approx(float(settled.service_level), abs=0.01)
    assert carried.asa_seconds[-1] == pytest.approx(float(settled.asa_seconds), rel=0.05)
    assert carried.abandon_rate[-1] == pytest.approx(float(settled.abandon_rate), abs=0.005)


def test_callers_left_waiting_meet_the_next_intervals_queue():
    # a busy interval with too few advisors, then a quiet one with plenty
    volume, servers = [0.0, 40.0, 8.0, 8.0], [0, 4, 10, 10]
    carried = _carried(volume, servers)
    settled = queue_figures(8.0, INTERVAL, AHT, 10, TARGET, PATIENCE)
    assert carried.waiting_at_end[1] > 5  # the peak leaves a queue behind it
    assert carried.asa_seconds[2] > 3 * float(settled.asa_seconds)
    assert carried.service_level[2] < float(settled.service_level) - 0.2
    assert carried.asa_seconds[3] < carried.asa_seconds[2]  # and it clears


def test_callers_arriving_when_nobody_is_planned_wait_for_the_next_advisors():
    volume, servers = [10.0, 10.0, 10.0, 0.0], [8, 0, 8, 8]
    carried = _carried(volume, servers)
    assert 0.0 < carried.abandon_rate[1] < 1.0  # some wait for 10:15 and are answered
    assert INTERVAL / 2 < carried.asa_seconds[1] < 2 * INTERVAL
    assert carried.service_level[1] == 0.0  # nobody is answered within two minutes


def test_callers_who_never_give_up_keep_erlang_c_interval_by_interval():
    volume, servers = [10.0, 20.0], [9, 9]
    carried = _carried(volume, servers, patience=None)
    settled = queue_figures(np.array(volume), INTERVAL, AHT, np.array(servers), TARGET, None)
    np.testing.assert_allclose(carried.service_level, settled.service_level)
    assert np.isinf(carried.asa_seconds[1])


def _simulated(volume, servers, replications=40):
    """Mean answered within target, average wait of those answered and abandonment of the
    contacts arriving in each interval, over replications of the simulation."""
    channel = Channel(np.asarray(volume, dtype=float), np.full(len(volume), AHT),
                      np.asarray(servers), TARGET, PATIENCE)
    counts = sum(run_channel(channel, INTERVAL, None, np.random.default_rng(seed))
                 for seed in range(replications))
    arrived, in_time, answered, abandoned, waited = counts
    return in_time / arrived, waited / answered, abandoned / arrived


def test_a_morning_with_a_gap_is_close_to_the_simulation():
    # 08:00-12:00: a peak at 10:00, advisors short of it, and nobody at 09:30
    volume = [6, 10, 14, 18, 24, 30, 36, 40, 40, 36, 30, 24, 18, 14, 10, 8]
    servers = [6, 8, 10, 10, 12, 0, 14, 14, 14, 14, 14, 12, 12, 10, 10, 8]
    carried = _carried(volume, servers)
    level, asa, abandon = _simulated(volume, servers)
    settled = queue_figures(np.array(volume, dtype=float), INTERVAL, AHT, np.array(servers),
                            TARGET, PATIENCE)
    # within a few points of the simulation interval by interval, where each interval on its
    # own is far off once the queue builds; callers arriving while nobody is planned are
    # followed as a fluid, whose single wait overstates how many give up
    staffed = np.asarray(servers) > 0
    assert np.max(np.abs(carried.abandon_rate - abandon)[staffed]) < 0.06
    assert np.max(np.abs(carried.abandon_rate - abandon)[~staffed]) < 0.25
    assert np.max(np.abs(carried.service_level - level)) < 0.1
    busy = slice(6, 12)
    assert np.all(np.abs(carried.asa_seconds[busy] - asa[busy]) < 0.25 * asa[busy])
    assert np.mean(np.abs(settled.abandon_rate - abandon)) > 2 * np.mean(
        np.abs(carried.abandon_rate - abandon))
