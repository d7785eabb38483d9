"""The simulation's figures per interval, per day and over the plan, beside Erlang's.

Every interval listed is one the checker reports on (a live channel with contacts or advisors),
with the checker's own row for it as the Erlang figures; days and the plan pool the simulated
contacts of their intervals and average the checker's rows as the KPIs do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.demand import DemandGrid
from planner.model import Scenario
from planner.plan import IntervalService
from planner.simulation.comparison import Prediction, outside, predicted
from planner.simulation.figures import COUNTED, Figures, pooled_figures


@dataclass(frozen=True)
class IntervalResult:
    """One live channel in one interval: the plan, the simulation and the Erlang figures (the
    checker's row for the interval).

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
    the plan. `counts[r, counted, day, interval, channel]` keeps each replication's raw counts
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
    forecast_spreads: tuple[tuple[str, float], ...] = ()  # channels whose days were drawn

    def spread_note(self) -> str:
        """What the replications drew each day's level from, in a sentence ("" for none)."""
        if not self.forecast_spreads:
            return ""
        parts = ", ".join(f"{name} {spread:.0%}" for name, spread in self.forecast_spreads)
        return ("Each day's contacts are drawn about the forecast with its day-to-day spread "
                f"({parts}), so the ranges carry the risk of the forecast being wrong.")

    @property
    def flagged(self) -> tuple[IntervalResult, ...]:
        """Intervals where Erlang falls outside the simulation's confidence interval."""
        return tuple(row for row in self.intervals if row.outside)

    def pooled(self, channel: str, where: np.ndarray) -> Figures:
        """The simulated figures over the (day, interval) cells where `where` is True."""
        k = self.channels.index(channel)
        chosen = self.counts[:, :, :, :, k][:, :, np.asarray(where, dtype=bool)]
        return pooled_figures(chosen.sum(axis=2))


def summarise(scenario: Scenario, grid: DemandGrid, live: Sequence[int], counts: np.ndarray,
              erlang: Sequence[IntervalService], seed: int,
              handle_cv: float | None) -> SimulationResult:
    """The result of replications whose counts are counts[r, counted, day, interval, channel],
    beside the checker's rows `erlang` (one per interval reported, advisors planned included)."""
    names = tuple(str(c.name) for c in grid.channels)
    day_of = {d: i for i, d in enumerate(grid.dates)}
    slot_of = {s: i for i, s in enumerate(grid.starts)}
    replications = counts.shape[0]
    rows = []
    for service in erlang:
        k = names.index(service.channel)
        d, i = day_of[service.date], slot_of[service.interval_start]
        figures = pooled_figures(counts[:, :, d, i, k])
        rows.append(IntervalResult(
            date=service.date, interval_start=service.interval_start, channel=service.channel,
            volume=service.volume, agents=service.planned, simulated=figures, erlang=service,
            outside=outside(figures, service, replications)))
    rows.sort(key=lambda r: (r.date, r.interval_start, names.index(r.channel)))

    days, overall = [], []
    for k in live:
        name = names[k]
        mine = [r for r in rows if r.channel == name]
        for d, date in enumerate(grid.dates):
            today = [r for r in mine if r.date == date]
            days.append(_period(scenario, date, name, counts[:, :, d, :, k], today))
        overall.append(_period(scenario, None, name,
                               counts[:, :, :, :, k].reshape(replications, COUNTED, -1), mine))
    return SimulationResult(
        replications=replications, seed=seed, handle_cv=handle_cv, dates=grid.dates,
        starts=grid.starts, channels=names, intervals=tuple(rows), days=tuple(days),
        overall=tuple(overall), counts=counts)


def _period(scenario: Scenario, date: dt.date | None, channel: str, counts: np.ndarray,
            rows: list[IntervalResult]) -> PeriodResult:
    return PeriodResult(
        date=date, channel=channel, volume=sum(r.volume for r in rows),
        simulated=pooled_figures(counts.sum(axis=2)),
        erlang=predicted(scenario, channel, [r.erlang for r in rows]),
        flagged=sum(1 for r in rows if r.outside))
