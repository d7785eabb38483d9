"""Service on each live channel in each interval: advisors needed, advisors planned, and what
callers get from those planned (service level, average wait, abandonment).

Advisors needed are the fewest meeting the channel's targets (planner.staffing.required_agents,
without shrinkage: they are people answering, which is what the rota plans). Service comes from
the queueing curve (planner.erlang.queue_figures) with servers = people planned x concurrency.
Intervals with neither contacts nor anyone planned are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from planner.erlang import queue_figures
from planner.plan import IntervalService

if TYPE_CHECKING:
    from planner.checks.view import View


def coverage(view: View, avoidable: np.ndarray | None = None) -> tuple[IntervalService, ...]:
    """Every live channel and interval with contacts or people, in date, time, channel order;
    `avoidable` (shaped like the demand) says how many of the contacts chase cases."""
    grid = view.grid
    interval_seconds = view.scenario.settings.interval_minutes * 60.0
    days, slots, width = grid.volume.shape
    figures = {}
    for k, channel in enumerate(grid.channels):
        if channel.kind.is_live:
            figures[k] = queue_figures(
                grid.volume[:, :, k], interval_seconds, grid.aht_seconds[:, :, k],
                view.work.planned[:, :, k] * channel.concurrency,
                channel.target_answer_seconds, channel.patience_seconds,
            )
    shown = np.zeros(grid.volume.shape, dtype=bool)
    for k in figures:
        shown[:, :, k] = (grid.volume[:, :, k] > 0) | (view.work.planned[:, :, k] > 0)
    rows = []
    for d, i, k in zip(*np.nonzero(shown), strict=True):
        queue = figures[k]
        rows.append(IntervalService(
            date=grid.dates[d],
            interval_start=grid.starts[i],
            channel=str(grid.channels[k].name),
            volume=float(grid.volume[d, i, k]),
            required=int(view.required[d, i, k]),
            planned=int(view.work.planned[d, i, k]),
            service_level=float(queue.service_level[d, i]),
            asa_seconds=float(queue.asa_seconds[d, i]),
            abandon_rate=float(queue.abandon_rate[d, i]),
            avoidable=0.0 if avoidable is None else float(avoidable[d, i, k]),
        ))
    return tuple(rows)


def service_cost(view: View, rows: tuple[IntervalService, ...]) -> float:
    """Contacts let down, in pounds: each not answered within its target answer time costs
    missed_contact_cost, and each abandoned a further abandoned_contact_cost."""
    rules = view.rules
    return float(sum(
        rules.missed_contact_cost * row.volume * (1.0 - row.service_level)
        + rules.abandoned_contact_cost * row.volume * row.abandon_rate
        for row in rows
    ))
