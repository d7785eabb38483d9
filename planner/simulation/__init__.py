"""Simulate a rota contact by contact, to see what the per-interval Erlang figures cannot.

The checker's service figures (planner.checks.service) treat every interval as a queue in steady
state that starts empty. A real day is not like that: callers still waiting when the Monday peak
ends are still there at 10:00, and an advisor who goes on break finishes the call in hand first.
This package runs a discrete-event simulation (SimPy) of every live channel (voice, chat,
reception; email is deferred work and is skipped) over the whole plan and reports service level,
average wait of answered contacts and abandonment per interval, per day and overall, each with a
95% confidence interval over independent replications. Intervals where the checker's Erlang
figure lies outside the simulation's interval are flagged. The Erlang figures are always the
checker's: the simulation keeps no account of its own.

- replication: one run of the plan, and the model of each channel in it;
- runs: many runs, seeded, in several processes;
- figures: what contacts got in a period, with confidence intervals;
- comparison: where Erlang falls outside them;
- summaries: the figures per interval, day and channel beside the checker's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from planner.demand import DemandGrid
from planner.model import Scenario
from planner.plan import Activity, IntervalService, RotaCell
from planner.simulation.comparison import MIN_CONTACTS, Prediction
from planner.simulation.figures import CONFIDENCE, COUNTED, FIGURES, Estimate, Figures
from planner.simulation.replication import Channel
from planner.simulation.runs import Progress, SimulationStopped, run_replications
from planner.simulation.summaries import (
    IntervalResult,
    PeriodResult,
    SimulationResult,
    summarise,
)

__all__ = [
    "CONFIDENCE", "FIGURES", "MIN_CONTACTS", "Estimate", "Figures", "IntervalResult",
    "PeriodResult", "Prediction", "Progress", "SimulationResult", "SimulationStopped",
    "simulate", "simulate_rota",
]


def simulate(scenario: Scenario, agents_by_interval: np.ndarray, replications: int = 20,
             seed: int = 0, *, grid: DemandGrid | None = None,
             erlang: Sequence[IntervalService] | None = None, handle_cv: float | None = None,
             workers: int | None = None, progress: Progress | None = None,
             should_stop: Callable[[], bool] | None = None,
             start_method: str | None = None,
             forecast_spread: bool = True) -> SimulationResult:
    """Simulate every live channel of `scenario` with the advisors planned per interval.

    agents_by_interval[day, interval, channel]: advisors on each channel (in the scenario's
    channel order) in each interval of each plan day, as planner.checks.view.build_view gives
    them in `view.work.planned`. `grid` is the demand (planner.demand.demand_grid by default).
    `erlang` is the checker's coverage of the rota these advisors come from
    (check_rota(...).coverage); without it, the Erlang figures are what the checker's service
    figures (planner.checks.service.coverage) say of these advisors against `grid`. Either way
    they are the checker's, and a ValueError says so when `erlang` has other advisors or
    contacts.
    `handle_cv` None gives exponential handle times, a number log-normal ones with that
    coefficient of variation. Replications run in `workers` processes (default: as many as there
    are processors, at most one per replication); the result does not depend on how many.
    `progress(done, total)` is called as replications finish. `should_stop()` is asked as each
    replication finishes: when it says yes, replications not yet started are dropped and
    SimulationStopped is raised. `start_method` is how worker processes start ("spawn" from a
    program with threads of its own, such as the window; None for the platform's default).
    With `forecast_spread`, a channel with one draws each day's level from it in each
    replication (see replication); without, the forecast is taken as exact.
    """
    if replications < 2:
        raise ValueError("at least 2 replications are needed for a confidence interval")
    if handle_cv is not None and not handle_cv > 0:
        raise ValueError("the handle-time coefficient of variation must be above 0")
    if grid is None:
        from planner.demand import demand_grid

        grid = demand_grid(scenario)
    agents = np.asarray(agents_by_interval)
    days, slots, width = grid.volume.shape
    if agents.shape != (days, slots, width):
        raise ValueError(f"advisors per interval must be shaped {(days, slots, width)}, "
                         f"not {agents.shape}")
    erlang = tuple(_checked_service(scenario, grid, agents) if erlang is None else erlang)
    _same_advisors(grid, agents, erlang)
    live = [k for k, c in enumerate(grid.channels) if c.kind.is_live]
    channels = {
        k: Channel(
            volume=grid.volume[:, :, k].ravel(),
            aht_seconds=grid.aht_seconds[:, :, k].ravel(),
            servers=(agents[:, :, k] * grid.channels[k].concurrency).ravel().astype(int),
            answer_seconds=float(grid.channels[k].target_answer_seconds),
            patience_seconds=grid.channels[k].patience_seconds,
            day_spread=(grid.channels[k].forecast_spread or 0.0) if forecast_spread else 0.0,
            day_slots=slots,
        )
        for k in live
    }
    counts = run_replications(channels, width, days * slots,
                              scenario.settings.interval_minutes * 60.0, handle_cv,
                              replications, seed, workers, progress, should_stop, start_method)
    counts = counts.reshape(replications, COUNTED, days, slots, width)
    result = summarise(scenario, grid, live, counts, erlang, seed, handle_cv)
    spreads = tuple((str(grid.channels[k].name), channel.day_spread)
                    for k, channel in channels.items() if channel.day_spread > 0)
    return replace(result, forecast_spreads=spreads)


def simulate_rota(scenario: Scenario, rota: Sequence[RotaCell],
                  activities: Sequence[Activity] = (), replications: int = 20, seed: int = 0,
                  updates: Sequence[str] = (), **options) -> SimulationResult:
    """Simulate a rota as the checker reads it: advisors per interval with breaks and default
    days from planner.checks.view, demand with the avoidable contacts its backlog causes
    (`updates`: the queues getting proactive updates), and the checker's coverage of the rota
    (check_rota) as the Erlang figures, or `erlang=` the caller's when it has judged the rota
    already. Raises planner.problems.ScenarioError as check_rota does; `options` go to
    `simulate`."""
    from planner.checks import check_rota, with_chasers
    from planner.checks.view import build_view

    view, _, _ = with_chasers(build_view(scenario, rota, activities), updates)
    erlang = options.pop("erlang", None)
    if erlang is None:
        erlang = check_rota(scenario, rota, activities, updates).coverage
    return simulate(scenario, view.work.planned, replications, seed, grid=view.grid,
                    erlang=erlang, **options)


def _checked_service(scenario: Scenario, grid: DemandGrid,
                     agents: np.ndarray) -> tuple[IntervalService, ...]:
    """The checker's service figures for these advisors against this demand, with no rota:
    the scenario's view with nobody rostered, given this demand and these advisors."""
    from planner.checks.service import coverage
    from planner.checks.view import build_view
    from planner.staffing import required_grid

    view = build_view(scenario, (), ())
    if grid is not view.grid:
        view = replace(view, grid=grid, required=required_grid(scenario, grid))
    return coverage(replace(view, work=replace(view.work, planned=agents)))


def _same_advisors(grid: DemandGrid, agents: np.ndarray,
                   erlang: Sequence[IntervalService]) -> None:
    """Refuse Erlang figures worked out for other advisors or other contacts than those
    simulated (another rota, or the same one with other proactive updates)."""
    names = [str(c.name) for c in grid.channels]
    day_of = {d: i for i, d in enumerate(grid.dates)}
    slot_of = {s: i for i, s in enumerate(grid.starts)}
    for row in erlang:
        where = day_of[row.date], slot_of[row.interval_start], names.index(row.channel)
        planned, volume = int(agents[where]), float(grid.volume[where])
        if (planned, volume) != (row.planned, row.volume):
            raise ValueError(f"the Erlang figures are for another rota: {row.date} "
                             f"{row.interval_start:%H:%M} {row.channel} has {row.planned} "
                             f"advisors for {row.volume:g} contacts there, the simulation "
                             f"{planned} for {volume:g}")
