"""Demand forecasts from contact history: contacts per interval, handle time and patience.

Channel by channel:

- Contacts: each day's level (its total) times its shape (the share of the day's contacts in
  each interval), each by the method a back-test on the channel's own history chose
  (`choosing`; the candidates are in `methods`): seasonal naive, averages of the same weekday,
  exponential smoothing or a seasonal decomposition for the level; last week's shape, the same
  weekday pooled over the last `weeks` weeks, or similar weekdays pooled, for the shape.
- Special days: bank holidays (for the region) in the history, the day after each, and the days
  the user marks as special are left out of every method. A forecast day that is a bank holiday
  gets contacts only when its channel is open on bank holidays; otherwise none, and the Tuesday
  after a bank holiday Monday takes a Monday's level and shape (the week's first working day
  carries its load). A special forecast day has its level multiplied by the factor given.
- Uncertainty: `low` and `high` bound each interval's contacts with 80% probability, from the
  day-to-day spread the back-test measured (`Choice.spread`) and the Poisson noise of the
  interval's own count.
- Handle time for each weekday and interval is the mean over the answered contacts of the last
  `weeks` weeks; an interval with fewer than `MIN_ANSWERED` answered contacts takes the channel's
  mean.
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
from planner.forecast.choosing import Choice, choose
from planner.forecast.methods import Series, level_method, shape_method
from planner.history import History
from planner.io.table import warning
from planner.model import WEEKDAYS, ChannelName, DemandRow, Region
from planner.problems import Problem

DEFAULT_WEEKS = 4
MIN_ANSWERED = 30
PREDICTION_Z = 1.2816  # the 10% and 90% points of the normal distribution: an 80% interval

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

    `demand` has the columns of DEMAND_COLUMNS and `low`, `high`: date a datetime.date,
    interval_start a datetime.time, volume the expected contacts, low and high an 80%
    prediction interval, and aht_seconds the handle time (NaN when the channel has no answered
    contacts to measure it from). Every interval of every forecast day is there, closed ones
    with volume 0. `choices` says which method each channel's forecast came from and why.
    """

    demand: pd.DataFrame
    channels: tuple[ChannelEstimate, ...]
    interval_minutes: int
    weeks_used: int
    problems: tuple[Problem, ...]
    choices: tuple[Choice, ...] = ()

    def channel(self, name: str) -> ChannelEstimate:
        return next(c for c in self.channels if c.channel == name)

    def choice(self, name: str) -> Choice:
        return next(c for c in self.choices if c.channel == name)

    def daily(self) -> pd.DataFrame:
        """Contacts per day (rows) and channel (columns)."""
        return self.demand.pivot_table(index="date", columns="channel", values="volume",
                                       aggfunc="sum", fill_value=0.0)

    def daily_ranges(self) -> pd.DataFrame:
        """Each day's total with its 80% prediction interval: columns channel, date, volume,
        low, high (the day's level log-normal with the channel's spread, its count Poisson)."""
        totals = self.demand.groupby(["channel", "date"], as_index=False)["volume"].sum()
        spreads = {c.channel: c.spread or 0.0 for c in self.choices}
        low, high = [], []
        for row in totals.itertuples(index=False):
            bounds = prediction_interval(np.array([row.volume]), spreads.get(row.channel, 0.0))
            low.append(float(bounds[0][0]))
            high.append(float(bounds[1][0]))
        return totals.assign(low=low, high=high)

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
             open_on_bank_holidays: Mapping[str, bool] | None = None,
             level: str | None = None, shape: str | None = None,
             special: Mapping[dt.date, float] | None = None) -> Forecast:
    """Forecast `days` days from `start` for every channel in the history (see the module's
    docstring for the method). Channels not in `open_on_bank_holidays` are closed on them.
    `level` names a level method (`methods.LEVELS`) and `shape` a shape (`methods.shapes`)
    instead of the back-test's choice; `special` marks days: those in the history are left
    out, those forecast have their level multiplied by the factor."""
    if days <= 0:
        raise ValueError("the forecast needs at least one day")
    if weeks <= 0:
        raise ValueError("the profile needs at least one week of history")
    if start <= history.last_day:
        raise ValueError(f"the forecast starts on {start}, inside the history (which runs to "
                         f"{history.last_day}); start it on {history.last_day + dt.timedelta(1)} "
                         "or later")
    open_on = open_on_bank_holidays or {}
    special = dict(special or {})
    problems: list[Problem] = []
    grid = _Grid(history, weeks, region, special)
    targets = [start + dt.timedelta(days=i) for i in range(days)]
    target_holidays = bank_holidays(region, targets[0] - dt.timedelta(days=1), targets[-1])
    if grid.days < 7:
        problems.append(_note(history, f"the history covers only {grid.days} day"
                                       f"{'s' * (grid.days != 1)}, so weekdays it does not "
                                       "include get no contacts"))
    steps = np.array([(day - history.last_day).days for day in targets])
    frames, estimates, choices = [], [], []
    for channel in history.channels:
        series = grid.series(channel)
        choice = choose(series, channel, horizon=int(steps.max()), weeks=weeks, level=level,
                        shape=shape)
        closed = np.array([day in target_holidays and not open_on.get(channel, False)
                           for day in targets])
        weekdays = np.array([_takes_weekday(day, target_holidays, open_on.get(channel, False))
                             for day in targets])
        present = np.array([series.same_weekday(int(w)).size > 0 for w in weekdays])
        for weekday in sorted({int(w) for w in weekdays[~present]}):
            if grid.days >= 7:
                problems.append(_note(history, f"{channel} has no {WEEKDAYS[weekday]} outside "
                                               "bank holidays, so those days get no contacts"))
        wanted = ~closed & present
        totals = np.zeros(days)
        if wanted.any():
            made = level_method(choice.level).function(series, steps[wanted], weekdays[wanted])
            if made is None:
                raise ValueError(f"{choice.level} needs at least "
                                 f"{level_method(choice.level).least_days} days of history; "
                                 f"{channel} has {series.days}")
            totals[wanted] = made
        totals *= np.array([special.get(day, 1.0) for day in targets])
        shares = shape_method(choice.shape, weeks).function
        volume = np.zeros((days, grid.slots))
        for i in np.flatnonzero(wanted):
            volume[i] = totals[i] * shares(series, int(weekdays[i]))
        low, high = prediction_interval(volume, choice.spread or 0.0)
        profile = _Handling(grid, channel)
        aht = np.array([profile.aht[day.weekday()] for day in targets])
        frames.append(pd.DataFrame({
            "channel": channel,
            "date": np.repeat(np.array(targets, dtype=object), grid.slots),
            "interval_start": np.tile(np.array(grid.times, dtype=object), days),
            "volume": volume.ravel(),
            "aht_seconds": aht.ravel(),
            "low": low.ravel(),
            "high": high.ravel(),
        }))
        estimates.append(_estimate(history, channel, profile.mean_aht))
        choices.append(choice)
    for day, name in target_holidays.items():
        closed_channels = [c for c in history.channels if not open_on.get(c, False)]
        if closed_channels and day >= start:
            problems.append(_note(history, f"{day} is a bank holiday ({name}): no contacts on "
                                           f"{', '.join(closed_channels)}, closed on bank "
                                           "holidays"))
    demand = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=[*DEMAND_COLUMNS, "low", "high"])
    return Forecast(demand, tuple(estimates), history.interval_minutes, grid.weeks_used,
                    tuple(problems), tuple(choices))


def _takes_weekday(day: dt.date, holidays: Mapping[dt.date, str], open_on: bool) -> int:
    """The weekday whose level and shape `day` takes: a Monday's for the Tuesday after a bank
    holiday Monday the channel is closed on; otherwise its own."""
    before = day - dt.timedelta(days=1)
    if not open_on and day.weekday() == 1 and before in holidays and day not in holidays:
        return 0
    return day.weekday()


def prediction_interval(volume: np.ndarray, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """An 80% prediction interval per interval: the day's level log-normal with `spread`,
    the interval's count Poisson about it (variance mean + mean^2 (e^(spread^2) - 1))."""
    sd = np.sqrt(volume + volume**2 * math.expm1(spread**2))
    return np.clip(volume - PREDICTION_Z * sd, 0.0, None), volume + PREDICTION_Z * sd


def _note(history: History, message: str) -> Problem:
    return replace(warning(message), file=history.file)


class _Grid:
    """The history's days and intervals, which days the profile uses, and which are holidays,
    days after them or marked special."""

    def __init__(self, history: History, weeks: int, region: Region | str,
                 special: Mapping[dt.date, float]):
        self.history = history
        self.minutes = history.interval_minutes
        self.slots = 1440 // self.minutes
        self.times = [dt.time(s * self.minutes // 60, s * self.minutes % 60)
                      for s in range(self.slots)]
        first, last = history.first_day, history.last_day
        self.dates = pd.date_range(first, last, freq="D")
        self.days = len(self.dates)
        holidays = bank_holidays(region, first - dt.timedelta(days=1), last)
        days = [d.date() for d in self.dates]
        self.holiday = np.array([d in holidays for d in days])
        after = np.array([(d - dt.timedelta(days=1)) in holidays and d not in holidays
                          and d.weekday() < 5 for d in days])
        self.usable = ~self.holiday & ~after & ~np.array([d in special for d in days])
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

    def series(self, channel: str) -> Series:
        return Series(self.matrix(channel, "offered"),
                      tuple(d.date() for d in self.dates), self.usable,
                      max(1, 60 // self.minutes))


class _Handling:
    """One channel's handle times per weekday and interval."""

    def __init__(self, grid: _Grid, channel: str):
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
        self.aht = np.full((7, grid.slots), self.mean_aht)
        for weekday in range(7):
            days = used & (grid.weekday == weekday)
            if not days.any():
                days = usable & (grid.weekday == weekday)
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

