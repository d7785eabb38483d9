"""Changes to what customers ask for: more or fewer contacts, longer or shorter handle times,
and a channel opening or closing on some weekdays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planner.calendar import bank_holidays
from planner.checks.words import day as day_words
from planner.checks.words import number
from planner.model import DemandRow, Scenario
from planner.whatif import fit, words
from planner.whatif.fit import WEEKDAY_NAMES, VariantError


@dataclass(frozen=True)
class VolumeChange:
    """Contacts x `factor` on one channel (None: every channel), on one weekday (0 = Monday;
    None: every day) and/or one date (None: every date).

    A date whose demand comes from the weekly profile gets dated rows of its own (the profile
    times the factor), since dated rows replace the profile for that channel and date.
    """

    factor: float
    channel: str | None = None
    weekday: int | None = None
    date: dt.date | None = None

    def apply_to(self, scenario: Scenario) -> Scenario:
        factor = fit.positive(self.factor, "the volume factor")
        channels = fit.channels(scenario, self.channel)
        if self.weekday is not None:
            fit.weekday(self.weekday, "weekday")
        if self.date is not None:
            fit.in_plan(scenario, self.date)
            if self.weekday is not None and self.date.weekday() != self.weekday:
                raise VariantError(f"{day_words(self.date)} is not a {WEEKDAY_NAMES[self.weekday]}"
                                   "; give the date or the weekday, or both matching")
            demand, scaled = _scale_date(scenario, channels, self.date, factor)
        else:
            demand, scaled = _scale_rows(scenario, channels, self.weekday, factor)
        if scaled <= 0:
            whose = f" on {self.channel}" if self.channel is not None else ""
            raise VariantError(f"there are no contacts{whose}{self._when()}, so there is "
                               "nothing to scale")
        return replace(scenario, demand=demand)

    def describe(self, base: Scenario | None = None) -> str:
        subject = (f"{words.label(self.channel)} volume" if self.channel is not None
                   else "Volume on every channel")
        return f"{subject} x {words.factor(self.factor)}{self._when()}"

    def _when(self) -> str:
        if self.date is not None:
            return f" on {day_words(self.date)}"
        if self.weekday is not None and self.weekday in range(7):
            return f" on {WEEKDAY_NAMES[self.weekday]}s"
        return ""


@dataclass(frozen=True)
class HandleTimeChange:
    """Handle time x `factor`, then + `seconds`, on one channel (None: every channel): the
    channel's own handle time and every demand row that gives its own."""

    factor: float = 1.0
    seconds: float = 0.0
    channel: str | None = None

    def apply_to(self, scenario: Scenario) -> Scenario:
        factor = fit.positive(self.factor, "the handle time factor")
        seconds = fit.finite(self.seconds, "the seconds added to handle time")
        if factor == 1 and seconds == 0:
            raise VariantError("a handle time change needs a factor other than 1 or some "
                               "seconds to add")
        names = set(fit.channels(scenario, self.channel))

        def changed(aht: float, where: str) -> float:
            value = aht * factor + seconds
            if value <= 0:
                raise VariantError(f"handle time on {where} would be {number(value)} seconds; "
                                   "it must stay above 0")
            return value

        channels = tuple(
            replace(c, aht_seconds=changed(c.aht_seconds, c.name)) if c.name in names else c
            for c in scenario.channels)
        demand = tuple(
            replace(row, aht_seconds=changed(row.aht_seconds, f"{row.channel} at "
                                             f"{row.interval_start:%H:%M}"))
            if row.channel in names and row.aht_seconds is not None else row
            for row in scenario.demand)
        return replace(scenario, channels=channels, demand=demand)

    def describe(self, base: Scenario | None = None) -> str:
        subject = (f"{words.label(self.channel)} handle time" if self.channel is not None
                   else "Handle time on every channel")
        parts = []
        if self.factor != 1:
            parts.append(f"x {words.factor(self.factor)}")
        if self.seconds:
            parts.append(f"{'+' if self.seconds > 0 else '-'}{number(abs(self.seconds))} s")
        return " ".join([subject, *parts])


@dataclass(frozen=True)
class OpeningDays:
    """A channel opens or closes on some weekdays (0 = Monday).

    Closing removes the channel's demand on those weekdays: their weekly profile and any dated
    rows falling on them. Opening a closed weekday copies the weekly profile of the weekday
    `like` (dated rows already on the opened weekday still replace it on their dates).
    """

    channel: str
    weekdays: tuple[int, ...]
    open: bool
    like: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekdays", fit.as_tuple(self.weekdays))

    def apply_to(self, scenario: Scenario) -> Scenario:
        (channel,) = fit.channels(scenario, self.channel)
        if not self.weekdays:
            raise VariantError(f"name the weekdays {channel} {self._verb()} on")
        days = {fit.weekday(d, "weekday") for d in self.weekdays}
        if self.open:
            return self._opened(scenario, channel, days)
        if self.like is not None:
            raise VariantError("a weekday being closed needs no profile to copy")
        for weekday in sorted(days):
            if not any(row.volume > 0 and _falls_on(row, weekday)
                       for row in scenario.demand if row.channel == channel):
                raise VariantError(f"{channel} is already closed on {WEEKDAY_NAMES[weekday]}s")
        demand = tuple(row for row in scenario.demand
                       if not (row.channel == channel and _weekday_of(row) in days))
        return replace(scenario, demand=demand)

    def _opened(self, scenario: Scenario, channel: str, days: set[int]) -> Scenario:
        if self.like is None:
            raise VariantError(f"say which weekday's contacts {channel} gets on the days it opens")
        like = fit.weekday(self.like, "the weekday to copy")
        rows = [r for r in scenario.demand if r.channel == channel]
        for weekday in sorted(days):
            if any(r.weekday == weekday and r.volume > 0 for r in rows):
                raise VariantError(f"{channel} is already open on {WEEKDAY_NAMES[weekday]}s")
        profile = [r for r in rows if r.weekday == like]
        if not any(r.volume > 0 for r in profile):
            raise VariantError(f"{channel} has no weekly contacts on {WEEKDAY_NAMES[like]}s to "
                               "copy; pick a weekday it is open")
        kept = tuple(r for r in scenario.demand
                     if not (r.channel == channel and r.weekday in days))
        added = tuple(replace(r, weekday=weekday) for weekday in sorted(days) for r in profile)
        return replace(scenario, demand=kept + added)

    def _verb(self) -> str:
        return "opens" if self.open else "closes"

    def describe(self, base: Scenario | None = None) -> str:
        days = words.and_([f"{WEEKDAY_NAMES[d]}s" if fit.is_weekday(d) else str(d)
                           for d in sorted(set(self.weekdays), key=str)])
        text = f"{words.label(self.channel)} {self._verb()} on {days}"
        if self.open and self.like is not None and fit.is_weekday(self.like):
            text += f" (profile of {WEEKDAY_NAMES[self.like]})"
        return text


def _weekday_of(row: DemandRow) -> int | None:
    return row.date.weekday() if row.date is not None else row.weekday


def _falls_on(row: DemandRow, weekday: int | None) -> bool:
    return weekday is None or _weekday_of(row) == weekday


def _scale_rows(scenario: Scenario, channels: Iterable[str], weekday: int | None,
                factor: float) -> tuple[tuple[DemandRow, ...], float]:
    """Rows of these channels on `weekday` (weekly and dated; None: all) times the factor,
    and the volume so scaled."""
    names, scaled = set(channels), 0.0
    demand = []
    for row in scenario.demand:
        if row.channel in names and _falls_on(row, weekday):
            scaled += row.volume
            row = replace(row, volume=row.volume * factor)
        demand.append(row)
    return tuple(demand), scaled


def _scale_date(scenario: Scenario, channels: Iterable[str], date: dt.date,
                factor: float) -> tuple[tuple[DemandRow, ...], float]:
    """Demand on one date times the factor: its dated rows where it has them, else dated rows
    made from the weekly profile (none on a bank holiday the channel is closed for)."""
    settings = scenario.settings
    holiday = date in bank_holidays(settings.region, date, date)
    demand, scaled = list(scenario.demand), 0.0
    for name in channels:
        dated = [i for i, r in enumerate(demand) if r.channel == name and r.date == date]
        for i in dated:
            scaled += demand[i].volume
            demand[i] = replace(demand[i], volume=demand[i].volume * factor)
        if dated or (holiday and not scenario.channel(name).open_on_bank_holidays):
            continue
        for row in scenario.demand:
            if row.channel == name and row.date is None and row.weekday == date.weekday():
                if row.volume > 0:
                    scaled += row.volume
                    demand.append(replace(row, volume=row.volume * factor, date=date,
                                          weekday=None))
    return tuple(demand), scaled
