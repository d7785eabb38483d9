"""Service when callers still waiting at the end of an interval carry into the next.

Erlang's formulas (planner.erlang) describe a queue that has settled: each interval as if it ran
for ever with its own contacts and advisors. A real day does not settle. Callers still waiting
at 09:45 meet the 10:00 queue; an hour with nobody on the phones leaves a queue that the next
hour's advisors answer first. With patient callers (40 minutes, say, against 15-minute
intervals) that carried queue is most of what callers get.

This module follows the queue through the day, interval after interval, with a pointwise
stationary fluid flow approximation:

- the state is the mean number of contacts in the system (being answered or waiting), x;
- it changes at the rate contacts arrive, less those answered (mu x the mean number of advisors
  busy) and those who give up (theta x the mean number waiting);
- the mean numbers busy and waiting for a given x, and the arrival rate that would keep the
  queue at x (the load the callers meet, carried queue included), come from the settled
  M/M/s+M queue (exponential handle times and patience, as planner.erlang's Erlang A) whose mean
  number in the system is x;
- what a caller arriving then gets (answered within target, average wait, gave up) is Erlang A's
  figure at that load; a caller arriving when nobody is planned waits for the next advisors
  (giving up meanwhile at the channel's patience) and then gets what callers arriving then get.

The figures are for the contacts arriving in each interval, as the simulation
(planner.simulation) counts them. A channel whose callers never give up (no patience) keeps
Erlang C's per-interval figures: without abandonment a queue in overload grows without end and
the settled queue the method needs does not exist.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.special import logsumexp

from planner.erlang import queue_figures

LOADS = 240  # points on each table of the settled queue (offered load from 0 to the most)
LONGEST = 6.0  # patiences: the longest wait followed
STEP = 0.5  # largest share of a contact's mean handle time or patience in one step


@dataclass(frozen=True)
class Carried:
    """Per interval (flat over the plan, as given): what the contacts arriving in it get, and
    the mean number waiting at its end."""

    service_level: np.ndarray
    asa_seconds: np.ndarray
    abandon_rate: np.ndarray
    waiting_at_end: np.ndarray


def carried_figures(volume, interval_seconds: float, aht_seconds, servers,
                    answer_seconds: float, patience_seconds: float | None) -> Carried:
    """Service in each interval of one channel over consecutive intervals (flat arrays of
    contacts, mean handle times and servers: advisors x concurrency), the queue carried from
    each interval into the next (module doc)."""
    volume = np.asarray(volume, dtype=float)
    aht = np.broadcast_to(np.asarray(aht_seconds, dtype=float), volume.shape)
    servers = np.asarray(servers, dtype=int)
    if patience_seconds is None or math.isinf(patience_seconds):
        settled = queue_figures(volume, interval_seconds, aht, servers, answer_seconds, None)
        return Carried(settled.service_level, settled.asa_seconds, settled.abandon_rate,
                       np.zeros(volume.shape))
    theta = 1.0 / patience_seconds
    mu = 1.0 / np.where(aht > 0, aht, 1.0)
    steps = max(4, math.ceil(interval_seconds * max(float(mu.max(initial=0.0)), theta) / STEP))
    dt = interval_seconds / steps
    size = volume.size
    load = np.zeros((size, steps))  # arrival rate x handle time that keeps the queue where it is
    waiting = np.zeros((size, steps))  # mean number waiting as a contact arrives
    at_end = np.zeros(size)
    x = 0.0
    for t in range(size):
        lam, s, m = volume[t] / interval_seconds, int(servers[t]), float(mu[t])
        if lam == 0.0 and x < 1e-6:
            x = 0.0
            continue
        table = _Table(*_settled(s, round(1.0 / m, 3), patience_seconds,
                                 _top_load(volume, aht, t, interval_seconds, s)), s)
        for j in range(steps):
            busy = table.busy(x)
            middle = max(0.0, x + 0.5 * dt * (lam - m * busy - theta * (x - busy)))
            busy = table.busy(middle)
            load[t, j] = table.load(middle, busy, m, theta)
            waiting[t, j] = middle - busy
            x = max(0.0, x + dt * (lam - m * busy - theta * (middle - busy)))
        at_end[t] = max(0.0, x - s)
    figures = _arrivals(load, waiting, interval_seconds, aht, servers, answer_seconds,
                        patience_seconds)
    sl, asa, abandon = (np.where(volume > 0, f, d) for f, d in zip(figures, (1.0, 0.0, 0.0),
                                                                    strict=True))
    return Carried(sl, asa, abandon, at_end)


def _top_load(volume, aht, t, interval_seconds, servers) -> float:
    """A load past any the carried queue reaches near interval t (table sizes grow slowly)."""
    near = volume[max(0, t - 8):t + 1] * aht[max(0, t - 8):t + 1] / interval_seconds
    return float(2 ** math.ceil(math.log2(max(8.0, 3.0 * near.max(initial=0.0), 2.0 * servers))))


@lru_cache(maxsize=4096)
def _settled(servers: int, aht: float, patience: float, top: float):
    """The settled M/M/s+M queue along offered loads from 0 to `top`: (mean number in the
    system, mean number busy) for each load, and the loads."""
    loads = np.linspace(0.0, top, LOADS)
    r = aht / patience
    most = int(servers + max(0.0, top - servers) / r + 12 * math.sqrt(top / r + top) + 30)
    n = np.arange(1, most + 1)
    rates = np.minimum(n, servers) + r * np.maximum(n - servers, 0)
    with np.errstate(divide="ignore"):
        log_terms = np.log(loads[1:, None]) - np.log(rates[None, :])
    log_p = np.concatenate([np.zeros((LOADS - 1, 1)), np.cumsum(log_terms, axis=1)], axis=1)
    p = np.exp(log_p - logsumexp(log_p, axis=1, keepdims=True))
    everyone = np.arange(most + 1)
    mean = np.concatenate([[0.0], p @ everyone])
    busy = np.concatenate([[0.0], p @ np.minimum(everyone, servers)])
    return mean, busy, loads


class _Table:
    """The settled queue with `servers` along its loads, read at any mean number in the
    system: the mean number busy, and the load that keeps that many in it."""

    def __init__(self, mean: np.ndarray, busy: np.ndarray, loads: np.ndarray, servers: int):
        self.mean, self.busy_at, self.loads = mean.tolist(), busy.tolist(), loads.tolist()
        self.servers = servers

    def _between(self, x: float) -> tuple[int, float] | None:
        mean = self.mean
        if x >= mean[-1]:
            return None
        i = max(1, bisect.bisect_right(mean, x))
        low, high = mean[i - 1], mean[i]
        return i, (x - low) / (high - low) if high > low else 0.0

    def busy(self, x: float) -> float:
        found = self._between(x)
        if found is None:  # past the table: everyone busy, the rest waiting
            return min(float(self.servers), self.busy_at[-1] + (x - self.mean[-1]))
        i, f = found
        return self.busy_at[i - 1] + f * (self.busy_at[i] - self.busy_at[i - 1])

    def load(self, x: float, busy: float, mu: float, theta: float) -> float:
        found = self._between(x)
        if found is None:  # arrivals that balance those answered and those giving up
            return (mu * busy + theta * (x - busy)) / mu
        i, f = found
        return self.loads[i - 1] + f * (self.loads[i] - self.loads[i - 1])


def _arrivals(load, waiting, interval_seconds, aht, servers, answer_seconds, patience):
    """Per interval, the mean over its steps of what an arriving contact gets: Erlang A at the
    load it meets, corrected for the advisors planned while it waits (more advisors coming
    shorten the wait, fewer lengthen it); while nobody is planned, the fluid queue's own wait."""
    size, steps = load.shape
    aht2 = np.repeat(aht[:, None], steps, axis=1)
    planned = np.repeat(servers[:, None], steps, axis=1)
    at = queue_figures(load * interval_seconds / aht2, interval_seconds, aht2, planned,
                       answer_seconds, patience)
    theta = 1.0 / patience
    arrival = (np.arange(size)[:, None] + (np.arange(steps)[None, :] + 0.5) / steps)
    # a caller still waiting after LONGEST patiences has as good as given up (e^-6: 0.25% are
    # left), so the wait is not followed past it (past closing time into the next morning)
    longest = math.ceil(LONGEST / (theta * interval_seconds)) + 1
    later = _fluid_wait(waiting.ravel(), arrival.ravel(), servers, 1.0 / aht, theta,
                        interval_seconds, longest).reshape(size, steps)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu_s = planned / aht2
        now = np.where(planned > 0, np.log1p(theta * waiting / np.where(mu_s > 0, mu_s, 1.0))
                       / theta, np.inf)
        shift = np.where(np.isfinite(now) & np.isfinite(later), later - now, 0.0)
        kept = np.exp(-theta * later)
    sl, asa, abandon = at.service_level, at.asa_seconds + shift, at.abandon_rate
    abandon = np.where(shift != 0.0, 1.0 - (1.0 - abandon) * np.exp(-theta * shift), abandon)
    nobody = planned == 0
    sl = np.where(nobody, np.where(later <= answer_seconds, kept, 0.0), sl)
    asa = np.where(nobody, later, asa)
    abandon = np.clip(np.where(nobody, 1.0 - kept, abandon), 0.0, 1.0)
    gone = np.isinf(later) & (waiting > 0)  # not answered within LONGEST patiences: gave up
    sl, abandon = np.where(gone, 0.0, sl), np.where(gone, 1.0, abandon)
    answered = 1.0 - abandon
    weight = answered.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_wait = np.where(weight > 0, np.where(answered > 0, asa * answered, 0.0).sum(axis=1)
                             / weight, np.inf)
    return np.clip(sl, 0.0, 1.0).mean(axis=1), mean_wait, abandon.mean(axis=1)


def _fluid_wait(ahead, arrival, servers, mu, theta: float, interval_seconds: float,
                most: int = 96) -> np.ndarray:
    """How long a contact arriving at `arrival` (in intervals from the start) with `ahead`
    contacts waiting in front of it waits for an advisor in the fluid queue: those ahead are
    answered at mu x servers and give up at theta each; inf when not answered within `most`
    intervals or before the plan ends."""
    size = servers.size
    at = np.floor(arrival).astype(int)
    now = arrival.astype(float).copy()
    left = ahead.astype(float).copy()
    wait = np.full(ahead.shape, np.inf)
    open_ = np.ones(ahead.shape, dtype=bool)
    for _ in range(most):
        open_ &= at < size
        if not open_.any():
            break
        here = np.minimum(at, size - 1)
        flow = np.where(open_, mu[here] * servers[here] / theta, 0.0)  # in contacts
        span = (at + 1 - now) * interval_seconds
        with np.errstate(divide="ignore", invalid="ignore"):
            hit = np.where(flow > 0, np.log((left + flow) / np.where(flow > 0, flow, 1.0))
                           / theta, np.inf)
        done = open_ & (hit <= span)
        wait[done] = (now[done] - arrival[done]) * interval_seconds + hit[done]
        open_ &= ~done
        left = np.where(open_, (left + flow) * np.exp(-theta * span) - flow, left)
        now = np.where(open_, at + 1.0, now)
        at = at + 1
    return wait
