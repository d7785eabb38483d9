"""Simulate a rota contact by contact, to see what the per-interval Erlang figures cannot.

The checker's service figures (planner.checks.service) treat every interval as a queue in steady
state that starts empty. A real day is not like that: callers still waiting when the Monday peak
ends are still there at 10:00, and an advisor who goes on break finishes the call in hand first.
This module runs a discrete-event simulation (SimPy) of every live channel (voice, chat,
reception; email is deferred work and is skipped) over the whole plan and reports service level,
average wait of answered contacts and abandonment per interval, per day and overall, each with a
95% confidence interval over independent replications. Intervals where the Erlang figure lies
outside the simulation's interval are flagged.

The model of each channel:
- arrivals: Poisson, with the interval's contacts as the mean count and arrival times spread
  evenly at random over the interval (a Poisson process whose rate changes at each interval);
- handle times: exponential with the interval's mean handle time by default, the distribution
  Erlang A assumes, so that any gap between the two comes from the day's ups and downs (queues
  carried over, staff changes) and not from a different shape; the scenario gives only a mean,
  so there is nothing else to fit. With `handle_cv` set (from a contact log, say), handle times
  are log-normal with that coefficient of variation (standard deviation / mean), the shape
  measured in call centres;
- patience: exponential with the channel's mean patience; a channel without one (patience None)
  has callers who never give up. A caller who gives up leaves the queue at once;
- advisors: the number planned on the channel in each interval, from the rota with its breaks
  (build the array with planner.checks.view.build_view; `simulate_rota` does it). A chat advisor
  with concurrency c counts as c independent slots, each taking one chat at a time. When fewer
  advisors are planned at an interval boundary, those on a contact finish it first and take no
  more until the number busy has fallen below the new number; when more are planned, waiting
  contacts are answered at once, first come first served. Contacts waiting at a boundary stay in
  the queue: that is the spill-over the per-interval figures miss.
- the plan starts at midnight on its first day with nobody waiting; contacts arriving on its
  last day are followed until they are answered or give up (a caller who never gives up and is
  never answered counts as not answered, and not as abandoned).

Each contact is counted in the interval it arrived in: service level is the share answered
within the channel's answer time (a contact that gives up counts as not answered in time),
average wait is over the contacts answered, abandonment is the share that gave up. Per day and
overall, each replication's figures pool all the contacts of that day or plan. Confidence
intervals use Student's t over the replications that had contacts in the period.

Seeded: replication r draws from `numpy.random.SeedSequence(seed).spawn(replications)[r]`, each
channel from its own child of that, so the result depends on the seed and the number of
replications only, not on how many processes run them (`workers`).

Erlang is judged only in intervals with at least 5 contacts on average per replication, on the
figures that have a value in at least half of the replications: with fewer, each replication's
figure rests on a contact or two and the interval says little. It is flagged when it misses the
interval by more than one contact's worth (shares) or one second (waits), since every
replication can give the same share, an interval of zero width that no formula could hit.
Intervals shown are clipped to what a figure can be (0-100%, waits from 0).
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache

import numpy as np
import simpy
from scipy.stats import t as student_t

from planner.demand import DemandGrid, demand_grid
from planner.erlang import queue_figures
from planner.kpis import channel_figures
from planner.model import Scenario
from planner.plan import Activity, IntervalService, RotaCell

CONFIDENCE = 0.95
FIGURES = ("service_level", "asa_seconds", "abandon_rate")
# Rows of the per-replication counts: per arrival interval and channel.
_ARRIVED, _IN_TIME, _ANSWERED, _ABANDONED, _WAITED = range(5)
_WAIT_RESOLUTION = 1.0  # seconds: Erlang's wait is flagged only when further off than this
MIN_CONTACTS = 5.0  # contacts per replication in an interval before Erlang is judged there

Progress = Callable[[int, int], None]


class SimulationStopped(Exception):
    """Raised by `simulate` when `should_stop` asked it to stop before every replication ran."""


@dataclass(frozen=True)
class Estimate:
    """A simulated figure: its mean over the replications and its 95% confidence interval.

    `runs` is how many replications had a value (contacts, or contacts answered for the average
    wait); the interval is NaN when fewer than two did, the mean when none did.
    """

    mean: float
    low: float
    high: float
    runs: int

    def misses(self, value: float, slack: float, runs: int = 2) -> bool:
        """True when `value` lies outside the interval by more than `slack`; never when fewer
        than `runs` replications had a value."""
        if self.runs < max(runs, 2) or math.isnan(value):
            return False
        if math.isinf(value):
            return math.isfinite(self.high)
        return value < self.low - slack or value > self.high + slack


@dataclass(frozen=True)
class Figures:
    """What contacts got in a period (an interval, a day or the plan), simulated.

    `contacts` is the mean number that arrived per replication.
    """

    contacts: float
    service_level: Estimate
    asa_seconds: Estimate
    abandon_rate: Estimate


@dataclass(frozen=True)
class Prediction:
    """Erlang's figures for a period (averaged over its intervals as planner.kpis does); None
    where there is nothing to average or the wait has no end."""

    service_level: float | None
    asa_seconds: float | None
    abandon_rate: float | None


@dataclass(frozen=True)
class IntervalResult:
    """One live channel in one interval: the plan, the simulation and the Erlang figures.

    `outside` names the figures (service_level, asa_seconds, abandon_rate) for which Erlang's
    value is outside the simulation's confidence interval.
    """

    date: dt.date
    interval_start: dt.time
    channel: str
    volume: float
    agents: int
    simulated: Figures
    erlang: IntervalService
    outside: tuple[str, ...]


@dataclass(frozen=True)
class PeriodResult:
    """One live channel over a day (`date`) or the whole plan (`date` None)."""

    date: dt.date | None
    channel: str
    volume: float
    simulated: Figures
    erlang: Prediction
    flagged: int  # intervals in the period where Erlang falls outside the simulation's interval


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Every live channel's figures per interval (with contacts or advisors), per day and over
    the plan. `counts[r, figure, day, interval, channel]` keeps each replication's raw counts
    (contacts arrived, answered in time, answered, abandoned, and total wait of those answered)
    for pooling over other periods with `pooled`."""

    replications: int
    seed: int
    handle_cv: float | None
    dates: tuple[dt.date, ...]
    starts: tuple[dt.time, ...]
    channels: tuple[str, ...]
    intervals: tuple[IntervalResult, ...]
    days: tuple[PeriodResult, ...]
    overall: tuple[PeriodResult, ...]
    counts: np.ndarray

    @property
    def flagged(self) -> tuple[IntervalResult, ...]:
        """Intervals where Erlang falls outside the simulation's confidence interval."""
        return tuple(row for row in self.intervals if row.outside)

    def pooled(self, channel: str, where: np.ndarray) -> Figures:
        """The simulated figures over the (day, interval) cells where `where` is True."""
        k = self.channels.index(channel)
        chosen = self.counts[:, :, :, :, k][:, :, np.asarray(where, dtype=bool)]
        return _figures(chosen.sum(axis=2))


class _Advisors:
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


@dataclass(frozen=True, eq=False)
class _Channel:
    """What one replication of one channel needs, as flat arrays over the plan's intervals."""

    volume: np.ndarray
    aht_seconds: np.ndarray
    servers: np.ndarray
    answer_seconds: float
    patience_seconds: float | None


def simulate(scenario: Scenario, agents_by_interval: np.ndarray, replications: int = 20,
             seed: int = 0, *, grid: DemandGrid | None = None,
             erlang: Sequence[IntervalService] | None = None, handle_cv: float | None = None,
             workers: int | None = None, progress: Progress | None = None,
             should_stop: Callable[[], bool] | None = None,
             start_method: str | None = None) -> SimulationResult:
    """Simulate every live channel of `scenario` with the advisors planned per interval.

    agents_by_interval[day, interval, channel]: advisors on each channel (in the scenario's
    channel order) in each interval of each plan day, as planner.checks.view.build_view gives
    them in `view.work.planned`. `grid` is the demand (planner.demand.demand_grid by default).
    `erlang` holds the checker's coverage rows for the same rota; without it the Erlang figures
    are worked out here the same way (planner.erlang.queue_figures with advisors x concurrency).
    `handle_cv` None gives exponential handle times, a number log-normal ones with that
    coefficient of variation. Replications run in `workers` processes (default: as many as there
    are processors, at most one per replication); the result does not depend on how many.
    `progress(done, total)` is called as replications finish. `should_stop()` is asked as each
    replication finishes: when it says yes, replications not yet started are dropped and
    SimulationStopped is raised. `start_method` is how worker processes start ("spawn" from a
    program with threads of its own, such as the window; None for the platform's default).
    """
    if replications < 2:
        raise ValueError("at least 2 replications are needed for a confidence interval")
    if handle_cv is not None and not handle_cv > 0:
        raise ValueError("the handle-time coefficient of variation must be above 0")
    grid = grid or demand_grid(scenario)
    agents = np.asarray(agents_by_interval)
    days, slots, width = grid.volume.shape
    if agents.shape != (days, slots, width):
        raise ValueError(f"advisors per interval must be shaped {(days, slots, width)}, "
                         f"not {agents.shape}")
    interval_seconds = scenario.settings.interval_minutes * 60.0
    live = [k for k, c in enumerate(grid.channels) if c.kind.is_live]
    channels = {
        k: _Channel(
            volume=grid.volume[:, :, k].ravel(),
            aht_seconds=grid.aht_seconds[:, :, k].ravel(),
            servers=(agents[:, :, k] * grid.channels[k].concurrency).ravel().astype(int),
            answer_seconds=float(grid.channels[k].target_answer_seconds),
            patience_seconds=grid.channels[k].patience_seconds,
        )
        for k in live
    }
    seeds = np.random.SeedSequence(seed).spawn(replications)
    tasks = [(channels, width, days * slots, interval_seconds, handle_cv, s) for s in seeds]
    counts = np.zeros((replications, 5, days * slots, width))
    workers = min(workers or os.cpu_count() or 1, replications)
    stop = should_stop or (lambda: False)
    if workers <= 1:
        for r, task in enumerate(tasks):
            counts[r] = _replicate(*task)
            if progress:
                progress(r + 1, replications)
            if stop() and r + 1 < replications:
                raise SimulationStopped
    else:
        context = multiprocessing.get_context(start_method) if start_method else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(_replicate, *task): r for r, task in enumerate(tasks)}
            for done, future in enumerate(as_completed(futures), start=1):
                counts[futures[future]] = future.result()
                if progress:
                    progress(done, replications)
                if stop() and done < replications:
                    for waiting in futures:
                        waiting.cancel()
                    raise SimulationStopped
    counts = counts.reshape(replications, 5, days, slots, width)
    if erlang is None:
        erlang = _erlang_rows(grid, agents, interval_seconds, live)
    return _result(scenario, grid, agents, live, counts, tuple(erlang), seed, handle_cv)


def simulate_rota(scenario: Scenario, rota: Sequence[RotaCell],
                  activities: Sequence[Activity] = (), replications: int = 20, seed: int = 0,
                  updates: Sequence[str] = (), **options) -> SimulationResult:
    """Simulate a rota as the checker reads it: advisors per interval with breaks and default
    days from planner.checks.view, demand with the avoidable contacts its backlog causes
    (`updates`: the queues getting proactive updates), Erlang figures from the checker's
    coverage. Raises planner.problems.ScenarioError as check_rota does; `options` go to
    `simulate`."""
    from planner.checks import with_chasers
    from planner.checks.service import coverage
    from planner.checks.view import build_view

    view, _, extra = with_chasers(build_view(scenario, rota, activities), updates)
    return simulate(scenario, view.work.planned, replications, seed, grid=view.grid,
                    erlang=coverage(view, extra), **options)


def _replicate(channels: dict[int, _Channel], width: int, intervals: int,
               interval_seconds: float, handle_cv: float | None,
               seed: np.random.SeedSequence) -> np.ndarray:
    """One replication of every channel: counts[figure, interval, channel]."""
    counts = np.zeros((5, intervals, width))
    children = seed.spawn(width)
    for k, channel in channels.items():
        rng = np.random.default_rng(children[k])
        counts[:, :, k] = _run_channel(channel, interval_seconds, handle_cv, rng)
    return counts


def _run_channel(channel: _Channel, interval_seconds: float, handle_cv: float | None,
                 rng: np.random.Generator) -> np.ndarray:
    """Simulate one channel over the plan: counts[figure, interval] by arrival interval."""
    intervals = channel.volume.size
    arrivals = rng.poisson(channel.volume)
    slot = np.repeat(np.arange(intervals), arrivals)
    arrived = (slot + rng.random(slot.size)) * interval_seconds
    order = np.argsort(arrived, kind="stable")
    slot, arrived = slot[order], arrived[order]
    handle = _handle_times(channel.aht_seconds[slot], handle_cv, rng)
    patience = (None if channel.patience_seconds is None
                else rng.exponential(channel.patience_seconds, slot.size))
    waits = np.zeros(slot.size)
    outcome = np.zeros(slot.size, dtype=np.int8)  # 0 never answered, 1 answered, 2 gave up

    env = simpy.Environment()
    advisors = _Advisors(env, int(channel.servers[0]), int(channel.servers.max()))

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
    in_time = answered & (waits <= channel.answer_seconds)
    count = [np.ones(slot.size), in_time, answered, outcome == 2, np.where(answered, waits, 0.0)]
    return np.stack([np.bincount(slot, weights=w, minlength=intervals) for w in count])


def _handle_times(mean: np.ndarray, cv: float | None, rng: np.random.Generator) -> np.ndarray:
    if cv is None:
        return rng.exponential(mean)
    sigma2 = math.log1p(cv * cv)
    return rng.lognormal(np.log(mean) - sigma2 / 2.0, math.sqrt(sigma2))


def _erlang_rows(grid: DemandGrid, agents: np.ndarray, interval_seconds: float,
                 live: list[int]) -> list[IntervalService]:
    """The checker's per-interval Erlang figures for these advisors (as in planner.checks)."""
    rows = []
    for k in live:
        channel = grid.channels[k]
        queue = queue_figures(grid.volume[:, :, k], interval_seconds, grid.aht_seconds[:, :, k],
                              agents[:, :, k] * channel.concurrency,
                              channel.target_answer_seconds, channel.patience_seconds)
        shown = (grid.volume[:, :, k] > 0) | (agents[:, :, k] > 0)
        for d, i in zip(*np.nonzero(shown), strict=True):
            rows.append(IntervalService(
                date=grid.dates[d], interval_start=grid.starts[i], channel=str(channel.name),
                volume=float(grid.volume[d, i, k]), required=0, planned=int(agents[d, i, k]),
                service_level=float(queue.service_level[d, i]),
                asa_seconds=float(queue.asa_seconds[d, i]),
                abandon_rate=float(queue.abandon_rate[d, i])))
    return rows


def _result(scenario: Scenario, grid: DemandGrid, agents: np.ndarray, live: list[int],
            counts: np.ndarray, erlang: tuple[IntervalService, ...], seed: int,
            handle_cv: float | None) -> SimulationResult:
    names = tuple(str(c.name) for c in grid.channels)
    day_of = {d: i for i, d in enumerate(grid.dates)}
    slot_of = {s: i for i, s in enumerate(grid.starts)}
    rows = []
    for service in erlang:
        k = names.index(service.channel)
        d, i = day_of[service.date], slot_of[service.interval_start]
        figures = _figures(counts[:, :, d, i, k])
        rows.append(IntervalResult(
            date=service.date, interval_start=service.interval_start, channel=service.channel,
            volume=service.volume, agents=int(agents[d, i, k]), simulated=figures,
            erlang=service, outside=_outside(figures, service, counts.shape[0])))
    rows.sort(key=lambda r: (r.date, r.interval_start, names.index(r.channel)))

    days, overall = [], []
    for k in live:
        name = names[k]
        mine = [r for r in rows if r.channel == name]
        for d, date in enumerate(grid.dates):
            today = [r for r in mine if r.date == date]
            days.append(_period(scenario, date, name, counts[:, :, d, :, k], today))
        overall.append(_period(scenario, None, name,
                               counts[:, :, :, :, k].reshape(counts.shape[0], 5, -1), mine))
    return SimulationResult(
        replications=counts.shape[0], seed=seed, handle_cv=handle_cv, dates=grid.dates,
        starts=grid.starts, channels=names, intervals=tuple(rows), days=tuple(days),
        overall=tuple(overall), counts=counts)


def _period(scenario: Scenario, date: dt.date | None, channel: str, counts: np.ndarray,
            rows: list[IntervalResult]) -> PeriodResult:
    predicted = channel_figures(scenario, tuple(r.erlang for r in rows)).get(channel, {})
    return PeriodResult(
        date=date, channel=channel, volume=sum(r.volume for r in rows),
        simulated=_figures(counts.sum(axis=2)),
        erlang=Prediction(*(predicted.get(name) for name in FIGURES)),
        flagged=sum(1 for r in rows if r.outside))


def _figures(counts: np.ndarray) -> Figures:
    """Figures from per-replication counts shaped (replications, 5)."""
    arrived, answered = counts[:, _ARRIVED], counts[:, _ANSWERED]
    with np.errstate(invalid="ignore", divide="ignore"):
        return Figures(
            contacts=float(arrived.mean()),
            service_level=_estimate(counts[:, _IN_TIME] / arrived, 1.0),
            asa_seconds=_estimate(counts[:, _WAITED] / answered, math.inf),
            abandon_rate=_estimate(counts[:, _ABANDONED] / arrived, 1.0),
        )


def _estimate(values: np.ndarray, most: float) -> Estimate:
    """Mean and Student t interval over the replications with a value, clipped to 0..most."""
    values = values[np.isfinite(values)]
    runs = values.size
    if runs == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(values.mean())
    if runs < 2:
        return Estimate(mean, math.nan, math.nan, runs)
    half = _t_factor(runs) * float(values.std(ddof=1)) / math.sqrt(runs)
    return Estimate(mean, max(mean - half, 0.0), min(mean + half, most), runs)


@cache
def _t_factor(runs: int) -> float:
    return float(student_t.ppf(0.5 + CONFIDENCE / 2, runs - 1))


def _outside(figures: Figures, erlang: IntervalService, replications: int) -> tuple[str, ...]:
    """The figures for which Erlang lies outside the simulation's interval (module doc)."""
    if figures.contacts < MIN_CONTACTS:
        return ()
    one_contact = 1.0 / figures.contacts
    found = []
    for name in FIGURES:
        slack = _WAIT_RESOLUTION if name == "asa_seconds" else one_contact
        if getattr(figures, name).misses(getattr(erlang, name), slack, -(-replications // 2)):
            found.append(name)
    return tuple(found)
