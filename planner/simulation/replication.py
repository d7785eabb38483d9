"""One run of the whole plan, contact by contact (SimPy): the model of each live channel.

- arrivals: Poisson, with the interval's contacts as the mean count and arrival times spread
  evenly at random over the interval (a Poisson process whose rate changes at each interval).
  A channel with a forecast spread first draws each day's level: log-normal with mean 1 and
  that spread, multiplying every interval of the day, so a replication has busy and quiet days
  as the forecast's errors do, not only the queueing noise of a known demand;
- handle times: exponential with the interval's mean handle time by default, the distribution
  Erlang A assumes, so that any gap between the two comes from the day's ups and downs (queues
  carried over, staff changes) and not from a different shape; the scenario gives only a mean,
  so there is nothing else to fit. With `handle_cv` set (from a contact log, say), handle times
  are log-normal with that coefficient of variation (standard deviation / mean), the shape
  measured in call centres;
- patience: exponential with the channel's mean patience; a channel without one (patience None)
  has callers who never give up. A caller who gives up leaves the queue at once;
- advisors: the number planned on the channel in each interval, from the rota with its breaks.
  A chat advisor with concurrency c counts as c independent slots, each taking one chat at a
  time. When fewer advisors are planned at an interval boundary, those on a contact finish it
  first and take no more until the number busy has fallen below the new number; when more are
  planned, waiting contacts are answered at once, first come first served. Contacts waiting at a
  boundary stay in the queue: that is the spill-over the per-interval figures miss.
- the plan starts at midnight on its first day with nobody waiting; contacts arriving on its
  last day are followed until they are answered or give up (a caller who never gives up and is
  never answered counts as not answered, and not as abandoned).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import simpy

from planner.simulation.figures import ABANDONED, ANSWERED, ARRIVED, COUNTED, IN_TIME, WAITED


@dataclass(frozen=True, eq=False)
class Channel:
    """What one replication of one channel needs, as flat arrays over the plan's intervals:
    contacts expected, mean handle time and advisors (or chat slots) planned in each."""

    volume: np.ndarray
    aht_seconds: np.ndarray
    servers: np.ndarray
    answer_seconds: float
    patience_seconds: float | None
    day_spread: float = 0.0  # each day's contacts drawn about the forecast with this spread
    day_slots: int = 0  # intervals in a day, for day_spread


class Advisors:
    """Advisors (or chat slots) on one channel, as many as the rota plans at the moment.

    SimPy's resources have a fixed capacity, so this one has a seat for the most advisors the
    plan ever has, and the seats nobody is planned for are held by "away" requests that go ahead
    of every contact (a PriorityResource, public API only). Fewer planned: more away requests,
    which take seats as those busy finish their contacts, so no waiting contact is answered until
    the number busy is below the new number. More planned: away requests are withdrawn (those
    still waiting first), and waiting contacts are answered at once, in order of arrival.
    """

    _AWAY, _CONTACT = 0, 1  # SimPy serves the smaller priority first

    def __init__(self, env: simpy.Environment, capacity: int, most: int | None = None):
        seats = max(capacity if most is None else most, capacity, 1)
        self._seats = simpy.PriorityResource(env, capacity=seats)
        self._away: list[simpy.resources.resource.PriorityRequest] = []
        self._planned = seats
        self.set_capacity(capacity)

    def request(self) -> simpy.resources.resource.PriorityRequest:
        """A contact asking for an advisor (a SimPy event; cancel it if the caller gives up)."""
        return self._seats.request(priority=self._CONTACT)

    def release(self, request) -> None:
        self._seats.release(request)

    def set_capacity(self, capacity: int) -> None:
        """Plan `capacity` advisors from now on."""
        if capacity < 0 or capacity > self._seats.capacity:
            raise ValueError(f"{capacity} advisors planned; there are seats for 0 to "
                             f"{self._seats.capacity}")
        for _ in range(self._planned - capacity):
            self._away.append(self._seats.request(priority=self._AWAY))
        for _ in range(capacity - self._planned):
            waiting = next((r for r in reversed(self._away) if not r.triggered), None)
            back = waiting or self._away[-1]
            self._away.remove(back)
            if waiting is not None:
                back.cancel()
            else:
                self._seats.release(back)
        self._planned = capacity


def replicate(channels: dict[int, Channel], width: int, intervals: int,
              interval_seconds: float, handle_cv: float | None,
              seed: np.random.SeedSequence) -> np.ndarray:
    """One replication of every channel: counts[counted, interval, channel], each channel drawn
    from its own child of `seed`."""
    counts = np.zeros((COUNTED, intervals, width))
    children = seed.spawn(width)
    for k, channel in channels.items():
        rng = np.random.default_rng(children[k])
        counts[:, :, k] = run_channel(channel, interval_seconds, handle_cv, rng)
    return counts


def run_channel(channel: Channel, interval_seconds: float, handle_cv: float | None,
                rng: np.random.Generator) -> np.ndarray:
    """Simulate one channel over the plan: counts[counted, interval] by arrival interval."""
    intervals = channel.volume.size
    volume = channel.volume
    if channel.day_spread > 0:
        days = intervals // channel.day_slots
        sigma = channel.day_spread
        level = rng.lognormal(-sigma**2 / 2, sigma, days)  # mean 1
        volume = volume * np.repeat(level, channel.day_slots)
    arrivals = rng.poisson(volume)
    slot = np.repeat(np.arange(intervals), arrivals)
    arrived = (slot + rng.random(slot.size)) * interval_seconds
    order = np.argsort(arrived, kind="stable")
    slot, arrived = slot[order], arrived[order]
    handle = handle_times(channel.aht_seconds[slot], handle_cv, rng)
    patience = (None if channel.patience_seconds is None
                else rng.exponential(channel.patience_seconds, slot.size))
    waits = np.zeros(slot.size)
    outcome = np.zeros(slot.size, dtype=np.int8)  # 0 never answered, 1 answered, 2 gave up

    env = simpy.Environment()
    advisors = Advisors(env, int(channel.servers[0]), int(channel.servers.max()))

    def contact(i: int):
        request = advisors.request()
        if not request.triggered:
            if patience is None:
                yield request
            else:
                yield request | env.timeout(patience[i])
                if not request.triggered:
                    request.cancel()
                    waits[i], outcome[i] = env.now - arrived[i], 2
                    return
        waits[i], outcome[i] = env.now - arrived[i], 1
        yield env.timeout(handle[i])
        advisors.release(request)

    def arrive():
        for i, at in enumerate(arrived):
            if at > env.now:
                yield env.timeout(at - env.now)
            env.process(contact(i))

    def staff():
        changes = np.flatnonzero(np.diff(channel.servers)) + 1
        for at in changes:
            yield env.timeout(at * interval_seconds - env.now)
            advisors.set_capacity(int(channel.servers[at]))

    env.process(staff())
    env.process(arrive())
    env.run()

    answered = outcome == 1
    counted = np.zeros((COUNTED, slot.size))
    counted[ARRIVED] = 1.0
    counted[IN_TIME] = answered & (waits <= channel.answer_seconds)
    counted[ANSWERED] = answered
    counted[ABANDONED] = outcome == 2
    counted[WAITED] = np.where(answered, waits, 0.0)
    return np.stack([np.bincount(slot, weights=w, minlength=intervals) for w in counted])


def handle_times(mean: np.ndarray, cv: float | None, rng: np.random.Generator) -> np.ndarray:
    """How long each contact takes: exponential around its interval's mean handle time, or
    log-normal with coefficient of variation `cv`."""
    if cv is None:
        return rng.exponential(mean)
    sigma2 = math.log1p(cv * cv)
    return rng.lognormal(np.log(mean) - sigma2 / 2.0, math.sqrt(sigma2))
