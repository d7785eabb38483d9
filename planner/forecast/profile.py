"""Demand forecasts from contact history: contacts per interval, handle time and patience.

The method, channel by channel, is one a team leader can check by hand:

- Shape: for each weekday, the share of the day's contacts that arrive in each interval, pooled
  over that weekday in the last `weeks` weeks of history (4 by default, or all there are). Each
  interval holds only a few contacts a week, so pooling several weeks steadies the shape.
- Level: each weekday's total is the mean of its last `LEVEL_WEEKS` (2) totals. A day's total
  is large, so two weeks are enough to measure it, and short enough to follow a recent rise or
  fall without guessing at a trend that a handful of weeks cannot show.
- Forecast: level x share for every interval of every forecast day. A day of the history with no
  contacts at all counts as a day with none (the channel was closed), not as missing.
- Bank holidays (for the region) in the history are left out of shape and level. A forecast day
  that is a bank holiday gets contacts only when its channel is open on bank holidays (its
  weekday's forecast); otherwise none.
- Handle time for each weekday and interval is the mean over the answered contacts of those
  weeks; an interval with fewer than `MIN_ANSWERED` answered contacts takes the channel's mean.
- Patience (how long callers wait before they give up, taken as exponential): every queued
  caller's wait is either their patience running out (abandoned) or a lower bound on it
  (answered first: a censored observation). The maximum-likelihood estimate of the mean patience
  is then the total time all queued callers waited divided by the number who gave up. The mean
  wait of abandoned callers alone is far too short, because impatient callers are the ones who
  abandon; it is reported only for contrast. With no caller giving up, or no waits in the history
  (an interval report), patience is not estimated.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from planner.calendar import bank_holidays
from planner.history import History
from planner.io.table import warning
from planner.model import WEEKDAYS, ChannelName, DemandRow, Region
from planner.problems import Problem

DEFAULT_WEEKS = 4
LEVEL_WEEKS = 2
MIN_ANSWERED = 30

DEMAND_COLUMNS = ("channel", "date", "interval_start", "volume", "aht_seconds")

@dataclass(frozen=True)
class ChannelEstimate:
    """What the history says about one channel as a whole."""

    channel: str
    aht_seconds: float | None
    patience_seconds: float | None
    naive_patience_seconds: float | None  # mean wait of abandoned callers: for contrast only
    abandoned_waiting: int  # callers who gave up after waiting
    queued_hours: float  # total time all queued callers waited
    note: str = ""


@dataclass(frozen=True)
class Forecast:
    """Contacts per channel, date and interval, with the channel estimates behind them.

    `demand` has the columns of DEMAND_COLUMNS: date a datetime.date, interval_start a
    datetime.time, volume the expected contacts and aht_seconds the handle time (NaN when the
    channel has no answered contacts to measure it from). Every interval of every forecast day
    is there, closed ones with volume 0.
    """

    demand: pd.DataFrame
    channels: tuple[ChannelEstimate, ...]
    interval_minutes: int
    weeks_used: int
    problems: tuple[Problem, ...]

    def channel(self, name: str) -> ChannelEstimate:
        return next(c for c in self.channels if c.channel == name)

    def daily(self) -> pd.DataFrame:
        """Contacts per day (rows) and channel (columns)."""
        return self.demand.pivot_table(index="date", columns="channel", values="volume",
                                       aggfunc="sum", fill_value=0.0)

    def demand_rows(self) -> tuple[DemandRow, ...]:
        """Dated Demand rows for the intervals with contacts, volumes to 0.001 of a contact."""
        rows = []
        for row in self.demand.itertuples(index=False):
            volume = round(float(row.volume), 3)
            if volume <= 0:
                continue
            aht = None if math.isnan(row.aht_seconds) else round(float(row.aht_seconds), 1)
            rows.append(DemandRow(ChannelName(row.channel), row.interval_start, volume,
                                  date=row.date, aht_seconds=aht))
        return tuple(rows)


def forecast(history: History, start: dt.date, days: int, *, weeks: int = DEFAULT_WEEKS,
             region: Region | str = Region.ENGLAND_AND_WALES,
             open_on_bank_holidays: Mapping[str, bool] | None = None) -> Forecast:
    """Forecast `days` days from `start` for every channel in the history (see the module's
    docstring for the method). Channels not in `open_on_bank_holidays` are closed on them."""
    if days <= 0:
        raise ValueError("the forecast needs at least one day")
    if weeks <= 0:
        raise ValueError("the profile needs at least one week of history")
    open_on = open_on_bank_holidays or {}
    problems: list[Problem] = []
    grid = _Grid(history, weeks, region)
    targets = [start + dt.timedelta(days=i) for i in range(days)]
    target_holidays = bank_holidays(region, targets[0], targets[-1])
    if grid.days < 7:
        problems.append(_note(history, f"the history covers only {grid.days} day"
                                       f"{'s' * (grid.days != 1)}, so weekdays it does not "
                                       "include get no contacts"))
    frames, estimates = [], []
    for channel in history.channels:
        profile = _Profile(grid, channel)
        for weekday in profile.missing:
            if grid.days >= 7:
                problems.append(_note(history, f"{channel} has no {WEEKDAYS[weekday]} outside "
                                               "bank holidays, so those days get no contacts"))
        volume = np.array([
            np.zeros(grid.slots) if day in target_holidays and not open_on.get(channel, False)
            else profile.level[day.weekday()] * profile.share[day.weekday()]
            for day in targets])
        aht = np.array([profile.aht[day.weekday()] for day in targets])
        frames.append(pd.DataFrame({
            "channel": channel,
            "date": np.repeat(np.array(targets, dtype=object), grid.slots),
            "interval_start": np.tile(np.array(grid.times, dtype=object), days),
            "volume": volume.ravel(),
            "aht_seconds": aht.ravel(),
        }))
        estimates.append(_estimate(history, channel, profile.mean_aht))
    for day, name in target_holidays.items():
        closed = [c for c in history.channels if not open_on.get(c, False)]
        if closed:
            problems.append(_note(history, f"{day} is a bank holiday ({name}): no contacts on "
                                           f"{', '.join(closed)}, closed on bank holidays"))
    demand = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=list(DEMAND_COLUMNS))
    return Forecast(demand, tuple(estimates), history.interval_minutes, grid.weeks_used,
                    tuple(problems))


def _note(history: History, message: str) -> Problem:
    return replace(warning(message), file=history.file)


class _Grid:
    """The history's days and intervals, which days the profile uses, and which are holidays."""

    def __init__(self, history: History, weeks: int, region: Region | str):
        self.history = history
        self.minutes = history.interval_minutes
        self.slots = 1440 // self.minutes
        self.times = [dt.time(s * self.minutes // 60, s * self.minutes % 60)
                      for s in range(self.slots)]
        first, last = history.first_day, history.last_day
        self.dates = pd.date_range(first, last, freq="D")
        self.days = len(self.dates)
        holidays = bank_holidays(region, first, last)
        self.holiday = np.array([d.date() in holidays for d in self.dates])
        self.weekday = np.asarray(self.dates.weekday)
        self.in_window = np.asarray(self.dates > pd.Timestamp(last) - pd.Timedelta(days=7 * weeks))
        self.weeks_used = min(weeks, math.ceil(self.days / 7))

    def matrix(self, channel: str, column: str) -> np.ndarray:
        """`column` of one channel as days x intervals, 0 where nothing arrived."""
        frame = self.history.intervals
        frame = frame[frame["channel"] == channel]
        starts = frame["interval_start"]
        day = ((starts.dt.normalize() - self.dates[0]).dt.days).to_numpy()
        slot = ((starts.dt.hour * 60 + starts.dt.minute) // self.minutes).to_numpy()
        out = np.zeros((self.days, self.slots))
        np.add.at(out, (day, slot), frame[column].fillna(0.0).to_numpy())
        return out


class _Profile:
    """One channel's share per weekday and interval, level per weekday, and handle times."""

    def __init__(self, grid: _Grid, channel: str):
        offered = grid.matrix(channel, "offered")
        answered = grid.matrix(channel, "answered")
        handle = grid.matrix(channel, "handle_seconds")
        usable = ~grid.holiday
        used = usable & grid.in_window
        total_answered = answered[used].sum()
        if total_answered == 0:
            total_answered, used_for_mean = answered[usable].sum(), usable
        else:
            used_for_mean = used
        self.mean_aht = (handle[used_for_mean].sum() / total_answered if total_answered > 0
                         else math.nan)
        self.share = np.zeros((7, grid.slots))
        self.level = np.zeros(7)
        self.aht = np.full((7, grid.slots), self.mean_aht)
        self.missing: list[int] = []
        for weekday in range(7):
            days = used & (grid.weekday == weekday)
            if not days.any():
                days = usable & (grid.weekday == weekday)
            if not days.any():
                self.missing.append(weekday)
                continue
            counts = offered[days]
            pooled = counts.sum(axis=0)
            if pooled.sum() > 0:
                self.share[weekday] = pooled / pooled.sum()
            self.level[weekday] = counts.sum(axis=1)[-LEVEL_WEEKS:].mean()
            n = answered[days].sum(axis=0)
            h = handle[days].sum(axis=0)
            enough = n >= MIN_ANSWERED
            self.aht[weekday, enough] = h[enough] / n[enough]


def _estimate(history: History, channel: str, mean_aht: float) -> ChannelEstimate:
    frame = history.intervals[history.intervals["channel"] == channel]
    aht = None if math.isnan(mean_aht) else float(mean_aht)
    if not history.has_waits:
        return ChannelEstimate(channel, aht, None, None, 0, 0.0,
                               "an interval report has no waits, so patience is not estimated")
    waited = float(frame["waited_seconds"].sum())
    gave_up = int(frame["abandoned_waiting"].sum())
    if gave_up == 0:
        return ChannelEstimate(channel, aht, None, None, 0, waited / 3600,
                               "no caller gave up after waiting, so patience is not estimated "
                               "(it is longer than the waits seen)")
    patience = waited / gave_up
    naive = float(frame["abandoned_wait_seconds"].sum()) / gave_up
    return ChannelEstimate(channel, aht, patience, naive, gave_up, waited / 3600)


def patience_estimate(waits: np.ndarray, abandoned: np.ndarray) -> float | None:
    """Mean patience (seconds) from each queued caller's wait and whether they gave up:
    total wait over the number who gave up (exponential patience, answered waits censored)."""
    gave_up = int(np.count_nonzero(abandoned & (waits > 0)))
    return float(np.sum(waits)) / gave_up if gave_up else None

