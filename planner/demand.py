"""Demand over the whole plan: contacts and handle time for every date, interval and channel.

A scenario gives demand as a weekly profile (rows with a weekday) and as dated rows. Expanding it
gives one figure per date x interval x channel, with zero where nothing arrives:
- weekday rows repeat on every such weekday of the plan;
- dated rows for a channel replace that channel's weekday profile for the whole of that date;
- on a bank holiday, a channel that is not open on bank holidays gets no weekday-profile demand
  (dated rows still count: a team leader who forecasts a bank holiday means it);
- rows that land on the same date, interval and channel add up, their handle times weighted by
  volume; the handle time is the row's own, else the channel's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.calendar import bank_holidays
from planner.model import Channel, Scenario
from planner.problems import Problem, ScenarioError, Severity


@dataclass(frozen=True, eq=False)
class DemandGrid:
    """Demand as arrays shaped (dates, intervals of the day, channels)."""

    dates: tuple[dt.date, ...]
    starts: tuple[dt.time, ...]
    channels: tuple[Channel, ...]
    volume: np.ndarray
    aht_seconds: np.ndarray


def interval_starts(interval_minutes: int) -> tuple[dt.time, ...]:
    """The start of every interval of a day, from 00:00."""
    return tuple(
        dt.time(m // 60, m % 60) for m in range(0, 24 * 60, interval_minutes)
    )


def demand_grid(scenario: Scenario) -> DemandGrid:
    """Every date x interval x channel of the plan, following the rules in this module's doc."""
    settings = scenario.settings
    dates, channels = settings.dates, scenario.channels
    days, slots, width = len(dates), settings.intervals_per_day, len(channels)
    index = {c.name: k for k, c in enumerate(channels)}
    day_index = {d: i for i, d in enumerate(dates)}
    channel_aht = np.array([c.aht_seconds for c in channels], dtype=float)

    problems = []
    dated, weekly = [], []
    for row in scenario.demand:
        k = index.get(row.channel)
        if k is None:
            problems.append(_problem("channel", f"{row.channel!r} is not one of the channels"))
            continue
        start = row.interval_start
        slot = (start.hour * 60 + start.minute) // settings.interval_minutes
        aht = channel_aht[k] if row.aht_seconds is None else row.aht_seconds
        if row.date is not None:
            if row.date in day_index:
                dated.append((day_index[row.date], slot, k, row.volume, aht))
        elif row.weekday is not None:
            weekly.append((row.weekday, slot, k, row.volume, aht))
        else:
            problems.append(_problem("date", f"a {row.channel} row at {start:%H:%M} has neither "
                                     "a date nor a weekday"))
    if problems:
        raise ScenarioError(problems)

    week_volume, week_work = _accumulate(weekly, (7, slots, width))
    weekdays = [d.weekday() for d in dates]
    volume, work = week_volume[weekdays], week_work[weekdays]

    holidays = bank_holidays(settings.region, settings.plan_start, settings.plan_end)
    on_holiday = np.array([d in holidays for d in dates], dtype=bool)
    shut = np.array([not c.open_on_bank_holidays for c in channels], dtype=bool)
    closed = (on_holiday[:, None] & shut[None, :])[:, None, :]
    volume, work = np.where(closed, 0.0, volume), np.where(closed, 0.0, work)

    day_volume, day_work = _accumulate(dated, (days, slots, width))
    has_dated = np.zeros((days, width), dtype=bool)
    if dated:
        rows = np.array([(d, k) for d, _, k, _, _ in dated], dtype=int)
        has_dated[rows[:, 0], rows[:, 1]] = True
    volume = np.where(has_dated[:, None, :], day_volume, volume)
    work = np.where(has_dated[:, None, :], day_work, work)

    default = np.broadcast_to(channel_aht, volume.shape)
    aht = np.divide(work, volume, out=default.copy(), where=volume > 0)
    return DemandGrid(
        dates=dates,
        starts=interval_starts(settings.interval_minutes),
        channels=channels,
        volume=volume,
        aht_seconds=aht,
    )


def expand_demand(scenario: Scenario) -> pd.DataFrame:
    """One row per date x interval x channel: date, interval_start, channel, volume, aht_seconds.

    Rows run in date order, then time of day, then the scenario's channel order.
    """
    grid = demand_grid(scenario)
    days, slots, width = grid.volume.shape
    return pd.DataFrame(
        {
            "date": np.repeat(np.array(grid.dates, dtype=object), slots * width),
            "interval_start": np.tile(np.repeat(np.array(grid.starts, dtype=object), width), days),
            "channel": np.tile(np.array([str(c.name) for c in grid.channels], dtype=object),
                               days * slots),
            "volume": grid.volume.ravel(),
            "aht_seconds": grid.aht_seconds.ravel(),
        }
    )


def _accumulate(rows, shape) -> tuple[np.ndarray, np.ndarray]:
    volume, work = np.zeros(shape), np.zeros(shape)
    if rows:
        table = np.array(rows, dtype=float)
        at = tuple(table[:, :3].astype(int).T)
        np.add.at(volume, at, table[:, 3])
        np.add.at(work, at, table[:, 3] * table[:, 4])
    return volume, work


def _problem(column: str, message: str) -> Problem:
    return Problem(Severity.ERROR, message, sheet="Demand", column=column)


def case_arrivals(scenario: Scenario) -> dict[str, np.ndarray]:
    """New cases per queue and plan day (a weekday row repeats; a dated row replaces
    that queue's weekday rows on its date)."""
    dates = scenario.settings.dates
    index = {d: i for i, d in enumerate(dates)}
    weekly: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(7))
    dated: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(dates)))
    has_dated: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(dates), dtype=bool))
    for row in scenario.case_arrivals:
        queue = str(row.queue)
        if row.date is not None:
            if row.date in index:
                dated[queue][index[row.date]] += row.new_cases
                has_dated[queue][index[row.date]] = True
        elif row.weekday is not None:
            weekly[queue][row.weekday] += row.new_cases
    weekdays = np.array([d.weekday() for d in dates], dtype=int)
    found = {}
    for queue in set(weekly) | set(dated):
        repeated = weekly[queue][weekdays] if queue in weekly else np.zeros(len(dates))
        found[queue] = np.where(has_dated[queue], dated[queue], repeated)
    return found
