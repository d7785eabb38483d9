"""Customers chasing open cases (avoidable contacts, planner.avoidable) on the day charts of
Demand and Coverage: how many the assessed rota's backlog puts on a channel, from which case
queues, and how they are drawn (stacked on the other contacts, in their own colour and outline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.avoidable import chase_channel
from planner.model import Scenario
from planner.plan import Assessment
from ui.gui.charts import slot_of

# Avoidable contacts: orange with a dark dashed outline and their own legend entry, so the
# blue bars' colour is not the only thing telling them apart.
CHASE_BRUSH = "#FD8D3C"
CHASE_PEN = pg.mkPen("#7F2704", width=1.5, style=Qt.PenStyle.DashLine)
CHASE_LABEL = "customers chasing cases (avoidable)"


@dataclass(frozen=True)
class Chasing:
    """Of one live channel's contacts on one day, those from customers chasing open cases
    (avoidable contacts, from the rota's backlog): per interval of the day and per case queue."""

    by_slot: np.ndarray  # avoidable contacts in every interval of the day
    by_queue: tuple[tuple[str, float], ...]  # (case queue, contacts), most first

    @property
    def total(self) -> float:
        return float(self.by_slot.sum())


def set_chase_bars(bars: pg.BarGraphItem, hours: np.ndarray, width: float, below: np.ndarray,
                   chasing: np.ndarray) -> None:
    """Stack the avoidable contacts on `below`, only where there are some (an empty bar would
    still draw its dashed edge)."""
    some = chasing > 0
    bars.setOpts(x0=hours[some], width=width, y0=below[some], height=chasing[some])


def chasing_grid(scenario: Scenario, assessment: Assessment | None, channel: str
                 ) -> np.ndarray:
    """Avoidable contacts on `channel`, plan dates x intervals of the day (zeros without a
    rota)."""
    settings = scenario.settings
    grid = np.zeros((len(settings.dates), settings.intervals_per_day))
    if assessment is None:
        return grid
    day_of = {date: d for d, date in enumerate(settings.dates)}
    minutes = settings.interval_minutes
    for row in assessment.coverage:
        if row.channel == channel and row.avoidable > 0 and row.date in day_of:
            slot = slot_of(row.interval_start, minutes)
            grid[day_of[row.date], slot] += row.avoidable
    return grid


def chasing_on(scenario: Scenario, assessment: Assessment | None, channel: str,
               day: dt.date, grid: np.ndarray | None = None) -> Chasing:
    """The avoidable contacts the assessed rota puts on `channel` on `day` (none without one);
    `grid` is `chasing_grid` for the channel, when already worked out."""
    dates = scenario.settings.dates
    if grid is None:
        grid = chasing_grid(scenario, assessment, channel)
    by_slot = grid[dates.index(day)] if day in dates else np.zeros(grid.shape[1])
    if assessment is None or by_slot.sum() <= 0:  # none, or no contacts that day to join
        return Chasing(np.zeros(grid.shape[1]), ())
    queues = {str(q.name) for q in scenario.case_queues
              if q.chases and chase_channel(scenario, q) == channel}
    by_queue: dict[str, float] = {}
    for case_day in assessment.caseload:
        if case_day.queue in queues and case_day.date == day and case_day.avoidable > 0:
            by_queue[case_day.queue] = by_queue.get(case_day.queue, 0.0) + case_day.avoidable
    ranked = tuple(sorted(by_queue.items(), key=lambda item: (-item[1], item[0])))
    return Chasing(by_slot, ranked)


def amount(value: float) -> str:
    """A number of contacts: "1,180", "42", or "6.2" when under 10 (avoidable contacts are an
    expectation, so small ones keep a decimal)."""
    return f"{value:.1f}" if round(value, 1) < 10 else f"{value:,.0f}"


def chasing_breakdown(chasing: Chasing) -> str:
    """ "mutual_exchange 30, complaints 12" """
    return ", ".join(f"{queue} {amount(value)}" for queue, value in chasing.by_queue)

