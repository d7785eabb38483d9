"""Service on each live channel in each interval: advisors needed, advisors planned, and what
callers get from those planned (service level, average wait, abandonment).

Advisors needed are the fewest meeting the channel's targets (planner.staffing.required_agents,
without shrinkage: they are people answering, which is what the rota plans). Service follows the
queue through the day (planner.queues): callers still waiting at the end of an interval carry
into the next, with servers = people planned x concurrency. Intervals with neither contacts nor
anyone planned are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from planner.model import Channel, Rules
from planner.plan import IntervalService
from planner.queues import carried_figures

if TYPE_CHECKING:
    from planner.checks.view import View


class _Figures(NamedTuple):
    service_level: np.ndarray
    asa_seconds: np.ndarray
    abandon_rate: np.ndarray


def coverage(view: View, avoidable: np.ndarray | None = None) -> tuple[IntervalService, ...]:
    """Every live channel and interval with contacts or people, in date, time, channel order;
    `avoidable` (shaped like the demand) says how many of the contacts chase cases."""
    grid = view.grid
    interval_seconds = view.scenario.settings.interval_minutes * 60.0
    days, slots, width = grid.volume.shape
    figures = {}
    for k, channel in enumerate(grid.channels):
        if channel.kind.is_live:
            carried = carried_figures(
                grid.volume[:, :, k].reshape(-1), interval_seconds,
                grid.aht_seconds[:, :, k].reshape(-1),
                (view.work.planned[:, :, k] * channel.concurrency).reshape(-1),
                channel.target_answer_seconds, channel.patience_seconds,
            )
            figures[k] = _Figures(*(f.reshape(days, slots) for f in (
                carried.service_level, carried.asa_seconds, carried.abandon_rate)))
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


def advisor_value(channel: Channel, rules: Rules, interval_seconds: float, aht_seconds):
    """What one advisor's interval on a live channel answers, in pounds: the contacts they can
    handle in it (interval / handle time x concurrency) x (missed_contact_cost +
    abandoned_contact_cost), the price of those contacts let down."""
    return (interval_seconds / np.asarray(aht_seconds, dtype=float) * channel.concurrency
            * (rules.missed_contact_cost + rules.abandoned_contact_cost))


def short_cover_price(weight: float, value, needed, planned):
    """Short cover of intervals (numbers or arrays): weight x advisor value x (advisors short)^2
    / advisors needed, 0 where nobody is needed."""
    needed = np.asarray(needed, dtype=float)
    short = np.maximum(0.0, needed - np.asarray(planned, dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(needed > 0, weight * value * short ** 2 / needed, 0.0)


def short_cover_cost(view: View) -> float:
    """Short cover priced more the shorter the interval already is (docs/rules.md, "Short
    cover"): for each live channel and interval needing advisors, short_cover_weight x the
    channel's advisor value x (advisors short)^2 / advisors needed."""
    weight = view.rules.short_cover_weight
    if not weight:
        return 0.0
    grid = view.grid
    seconds = view.scenario.settings.interval_minutes * 60.0
    total = 0.0
    for k, channel in enumerate(grid.channels):
        if not channel.kind.is_live:
            continue
        value = advisor_value(channel, view.rules, seconds, grid.aht_seconds[:, :, k])
        total += float(short_cover_price(weight, value, view.required[:, :, k],
                                         view.work.planned[:, :, k]).sum())
    return total
