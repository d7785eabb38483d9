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

`backtest` holds back the last weeks of a history, forecasts them from the rest and measures the
error by day and by hour of day. `scenario_with_forecast` puts a forecast into a scenario: the
Demand rows of the channels it covers, their handle time and callers' patience, and any channel
the scenario does not have yet.
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
from planner.model import (
    WEEKDAYS,
    Channel,
    ChannelKind,
    ChannelName,
    DemandRow,
    Region,
    Scenario,
    Settings,
)
from planner.problems import Problem
from planner.starter import starter_scenario

DEFAULT_WEEKS = 4
LEVEL_WEEKS = 2
MIN_ANSWERED = 30

DEMAND_COLUMNS = ("channel", "date", "interval_start", "volume", "aht_seconds")

# Defaults for a channel the scenario does not have yet, by kind: handle time, answer time
# target, service level, abandonment cap, patience, advisors' concurrent sessions.
KIND_DEFAULTS: dict[str, tuple[float, float, float, float | None, float | None, int]] = {
    "voice": (720, 240, 0.8, 0.1, 2400, 1),
    "chat": (900, 120, 0.8, 0.1, 600, 2),
    "reception": (600, 600, 0.8, 0.05, 5400, 1),
    "email": (420, 86400, 0.9, None, None, 1),
}
_KIND_WORDS = (
    ("chat", ("chat", "webchat", "messag")),
    ("email", ("email", "e-mail", "mail")),
    ("reception", ("reception", "walk-in", "walkin", "walk in", "face", "desk", "office")),
    ("voice", ("voice", "phone", "call", "line", "tel")),
)


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


def scenario_with_forecast(existing: Scenario | None, made: Forecast, start: dt.date,
                           days: int) -> tuple[Scenario, list[str]]:
    """The scenario with the forecast in it, and what to warn about.

    The Demand rows of the channels in the forecast are replaced by its dated rows (other
    channels' rows are kept); those channels take the forecast's handle time and callers'
    patience; channels the scenario lacks are added with the usual targets for their kind. With
    no scenario, the starter scenario is used, planning the forecast's days and channels only.
    """
    if existing is None:
        return _new_scenario(made, start, days), []
    notes: list[str] = []
    names = {c.channel for c in made.channels}
    channels = [_with_estimate(c, made.channel(c.name)) if c.name in names else c
                for c in existing.channels]
    have = {c.name for c in existing.channels}
    for estimate in made.channels:
        if estimate.channel not in have:
            channel, note = new_channel(estimate.channel, estimate)
            channels.append(channel)
            notes.append(note)
    demand = tuple(r for r in existing.demand if r.channel not in names) + made.demand_rows()
    plan = existing.settings
    end = start + dt.timedelta(days=days - 1)
    if start < plan.plan_start or end > plan.plan_end:
        notes.append(f"the forecast runs {start} to {end} but the scenario plans "
                     f"{plan.plan_start} to {plan.plan_end}; rows outside the plan are not used "
                     "(the plan dates were left as they are)")
    return replace(existing, channels=tuple(channels), demand=demand), notes


def kind_from_name(name: str) -> str | None:
    """The channel kind a name suggests (voice, chat, reception or email), or None."""
    lowered = name.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return None


def new_channel(name: str, estimate: ChannelEstimate) -> tuple[Channel, str]:
    """A channel for a name the scenario does not have, with the usual targets for the kind its
    name suggests and the history's handle time and patience, and a note saying so."""
    kind = kind_from_name(name)
    guessed = kind or "voice"
    aht, answer, level, abandon, patience, sessions = KIND_DEFAULTS[guessed]
    channel = Channel(ChannelName(name), ChannelKind(guessed),
                      aht_seconds=round(estimate.aht_seconds or aht, 1),
                      target_answer_seconds=answer, service_level_target=level,
                      max_abandon_rate=abandon,
                      patience_seconds=_rounded(estimate.patience_seconds) or patience,
                      concurrency=sessions)
    why = "from its name" if kind else "as its name does not say (voice, chat, reception, email)"
    return channel, (f"channel {name} was added as a {guessed} channel {why}, with the usual "
                     "targets; check its row in Channels")


def _new_scenario(made: Forecast, start: dt.date, days: int) -> Scenario:
    """The starter scenario planning the forecast's days, channels and Demand rows."""
    base = starter_scenario()
    channels = tuple(new_channel(e.channel, e)[0] for e in made.channels)
    live = tuple(c.name for c in channels)
    staff = tuple(replace(person, skills=live) for person in base.staff)
    settings = Settings(plan_start=start, plan_days=days, interval_minutes=made.interval_minutes)
    return replace(base, settings=settings, channels=channels, demand=made.demand_rows(),
                   staff=staff)


def _with_estimate(channel: Channel, estimate: ChannelEstimate) -> Channel:
    """The channel with the history's handle time and (not for email) patience."""
    if estimate.aht_seconds is not None:
        channel = replace(channel, aht_seconds=round(estimate.aht_seconds, 1))
    if estimate.patience_seconds is not None and channel.kind != "email":
        channel = replace(channel, patience_seconds=_rounded(estimate.patience_seconds))
    return channel


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class Backtest:
    """How a forecast from the earlier history did on the held-back weeks.

    `by_day`: channel, date, forecast, actual, error (forecast - actual), abs_error, pct_error
    (NaN when nothing arrived). `by_hour`: channel, hour, forecast, actual, abs_error (summed
    over days of each day's hourly error), wape. `overall` per channel: forecast, actual,
    day_wape, day_mape (days with contacts), hour_wape and interval_wape (weighted absolute
    percentage errors: total absolute error over total actual, at each grain).
    """

    by_day: pd.DataFrame
    by_hour: pd.DataFrame
    overall: pd.DataFrame
    first: dt.date
    last: dt.date
    forecast: Forecast


def backtest(history: History, weeks: int, *, profile_weeks: int = DEFAULT_WEEKS,
             region: Region | str = Region.ENGLAND_AND_WALES,
             open_on_bank_holidays: Mapping[str, bool] | None = None) -> Backtest:
    """Hold back the last `weeks` weeks, forecast them from the rest and measure the error."""
    first = history.last_day - dt.timedelta(days=7 * weeks - 1)
    if weeks <= 0 or first <= history.first_day:
        raise ValueError(f"holding back {weeks} week{'s' * (weeks != 1)} leaves no history to "
                         f"forecast from (the history runs {history.first_day} to "
                         f"{history.last_day})")
    made = forecast(history.before(first), first, 7 * weeks, weeks=profile_weeks, region=region,
                    open_on_bank_holidays=open_on_bank_holidays)
    actual = history.between(first, history.last_day).intervals
    actual = pd.DataFrame({
        "channel": actual["channel"],
        "date": actual["interval_start"].dt.date,
        "interval_start": actual["interval_start"].dt.time,
        "actual": actual["offered"],
    })
    cells = made.demand[["channel", "date", "interval_start", "volume"]].rename(
        columns={"volume": "forecast"}).merge(
        actual, on=["channel", "date", "interval_start"], how="outer").fillna(
        {"forecast": 0.0, "actual": 0.0})
    cells["hour"] = [t.hour for t in cells["interval_start"]]
    by_day = cells.groupby(["channel", "date"], as_index=False)[["forecast", "actual"]].sum()
    _errors(by_day)
    by_day["pct_error"] = (by_day["error"] / by_day["actual"].where(by_day["actual"] > 0))
    hourly = cells.groupby(["channel", "date", "hour"], as_index=False)[
        ["forecast", "actual"]].sum()
    _errors(hourly)
    by_hour = hourly.groupby(["channel", "hour"], as_index=False)[
        ["forecast", "actual", "abs_error"]].sum()
    by_hour["wape"] = by_hour["abs_error"] / by_hour["actual"].where(by_hour["actual"] > 0)
    _errors(cells)
    overall = []
    for channel, days in by_day.groupby("channel"):
        total = days["actual"].sum()
        with_contacts = days[days["actual"] > 0]
        overall.append({
            "channel": channel,
            "forecast": days["forecast"].sum(),
            "actual": total,
            "day_wape": _ratio(days["abs_error"].sum(), total),
            "day_mape": float((with_contacts["abs_error"] / with_contacts["actual"]).mean())
            if len(with_contacts) else math.nan,
            "hour_wape": _ratio(hourly.loc[hourly["channel"] == channel, "abs_error"].sum(),
                                total),
            "interval_wape": _ratio(cells.loc[cells["channel"] == channel, "abs_error"].sum(),
                                    total),
        })
    return Backtest(by_day, by_hour, pd.DataFrame(overall), first, history.last_day, made)


def _errors(frame: pd.DataFrame) -> None:
    frame["error"] = frame["forecast"] - frame["actual"]
    frame["abs_error"] = frame["error"].abs()


def _ratio(part: float, whole: float) -> float:
    return float(part / whole) if whole > 0 else math.nan
