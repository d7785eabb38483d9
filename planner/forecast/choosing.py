"""Each channel's forecast method, chosen by a rolling-origin back-test on its own history.

From origins in the last `ORIGINS` days of the history, one every `horizon` days (every day
for a one-day forecast, every week for a week or more, so each day is judged once), every
candidate forecasts the next days up to the horizon from the days before the origin only, and
its errors against what arrived are added up:

- a level by its weighted absolute percentage error on the day totals (the total absolute error
  over the total contacts);
- a shape by the same error per interval, given each day's actual total, so that the shape is
  judged apart from the level it is multiplied by.

The method with the smallest error is chosen; of two that do equally well, the simpler (the
earlier in `methods.LEVELS` and `methods.shapes`). Every origin starts with at least a week of
history, and a method competes when the history leaves it at least `LEAST_ORIGINS` origins; the
origins then start where the most demanding competitor can forecast, so all candidates are
judged on the same days (four weeks of history judge seasonal naive, the 2-week average and the
fitted methods on the last week). With fewer than `MIN_TESTS` days to judge on, the level is
seasonal naive, the simplest, and the shape the same weekday blended with similar ones, the
steadiest (a single day's shape is mostly noise).

The chosen level's errors also give the day-to-day spread of the forecast: the root mean square
of log((actual + 1) / (forecast + 1)) over the days judged, less the part a Poisson count has by
chance alone (about 1 / forecast), so about the share by which a day's level differs from the
forecast beyond the chance in the contacts themselves (0.1: a typical day's level is about 10%
above or below). The simulation draws each day's level with it, and then the contacts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.forecast.methods import (
    LEVELS,
    SEASON,
    SEASONAL_NAIVE,
    Method,
    Series,
    level_method,
    shape_method,
    shapes,
)
from planner.words import share

ORIGINS = 28
LEAST_ORIGINS = 7  # a method competes when the history leaves it a week of origins
HORIZON = 7
MIN_TESTS = 3


@dataclass(frozen=True)
class Score:
    """How one candidate did in the back-test."""

    method: str
    part: str  # "level" or "shape"
    error: float  # weighted absolute percentage error: daily for a level, by interval for a shape
    days: int  # days judged


@dataclass(frozen=True)
class Choice:
    """The methods chosen for one channel, and the back-test behind the choice.

    `ahead` has one row per day judged with the day's actual total and each level method's
    forecast of it from its origin (columns date, actual, then one per method).
    """

    channel: str
    level: str
    shape: str
    scores: tuple[Score, ...]
    spread: float | None
    ahead: pd.DataFrame

    def score(self, method: str) -> Score | None:
        return next((s for s in self.scores if s.method == method), None)

    def sentence(self) -> str:
        """What was chosen and why, in a sentence."""
        level = self.score(self.level)
        if level is None:
            return (f"{self.level} chosen for {self.channel}: too little history to back-test "
                    f"(a week and {MIN_TESTS} days are needed)")
        rivals = sorted((s for s in self.scores if s.part == "level" and s.method != self.level),
                        key=lambda s: s.error)
        text = (f"{self.level} chosen for {self.channel}: {share(level.error)} daily "
                "error")
        if rivals:
            text += f" against {share(rivals[0].error)} for {rivals[0].method}"
        naive = self.score(SEASONAL_NAIVE)
        if naive is not None and rivals and rivals[0].method != SEASONAL_NAIVE \
                and self.level != SEASONAL_NAIVE:
            text += f" and {share(naive.error)} for {SEASONAL_NAIVE}"
        return text + f"; shape from {self.shape}"

    def spread_sentence(self) -> str:
        """The forecast's day-to-day spread in a sentence."""
        if self.spread is None:
            return "The history is too short to measure how far days stray from the forecast."
        if self.spread < 0.005:
            return ("Days strayed from the forecast no more than chance has them do; planner "
                    "simulate draws each day's contacts about it by chance alone.")
        return (f"A typical day's level is about {self.spread:.0%} above or below the "
                "forecast, beyond chance; planner simulate draws each day's level from that "
                "spread.")


def choose(series: Series, channel: str, horizon: int = HORIZON, weeks: int = 4,
           level: str | None = None, shape: str | None = None) -> Choice:
    """Back-test every candidate on `series` and choose the best level and shape; `level` and
    `shape` name methods to use instead of the back-test's choice (the scores are still
    kept)."""
    horizon = max(1, min(horizon, HORIZON))
    first = first_origin(series.days)
    origins = range(first, series.days, horizon)
    levels = [m for m in LEVELS if m.least_days <= first]
    shape_methods = [m for m in shapes(weeks) if m.least_days <= first]
    judged = _Judged(series, origins, horizon)
    scores = [judged.level(m) for m in levels] + [judged.shape(m) for m in shape_methods]
    scores = [s for s in scores if s is not None]
    chosen_level = _best([s for s in scores if s.part == "level"], SEASONAL_NAIVE)
    chosen_shape = _best([s for s in scores if s.part == "shape"], shape_methods[-1].name)
    if level is not None:
        chosen_level = level_method(level).name
    if shape is not None:
        chosen_shape = shape_method(shape, weeks).name
    spread = judged.spread.get(chosen_level)
    return Choice(channel, chosen_level, chosen_shape, tuple(scores), spread, judged.ahead())


def _best(scores: list[Score], simplest: str) -> str:
    if not scores or scores[0].days < MIN_TESTS:
        return simplest
    best = scores[0]
    for score in scores[1:]:
        if score.error < best.error - 1e-12:
            best = score
    return best.method


class _Judged:
    """The back-test's days: for each origin, the usable days ahead within the horizon."""

    def __init__(self, series: Series, origins: range, horizon: int):
        self.series = series
        self.tests: list[tuple[int, np.ndarray]] = []
        for origin in origins:
            days = np.arange(origin, min(origin + horizon, series.days))
            known = series.upto(origin)
            # usable days whose weekday the history before the origin has seen
            days = np.array([d for d in days if series.usable[d]
                             and known.same_weekday(int(series.weekday[d])).size], dtype=int)
            if days.size:
                self.tests.append((origin, days))
        self.spread: dict[str, float] = {}
        self._ahead: dict[str, dict[int, float]] = {}

    def level(self, method: Method) -> Score | None:
        series = self.series
        errors, actuals, logs = 0.0, 0.0, []
        ahead: dict[int, float] = {}
        for origin, days in self.tests:
            known = series.upto(origin)
            made = method.function(known, days - origin + 1, series.weekday[days])
            if made is None:
                return None
            actual = series.totals[days]
            errors += float(np.abs(made - actual).sum())
            actuals += float(actual.sum())
            # a day's count is Poisson about its rate: log of it varies by about 1 / rate by
            # chance alone, which the simulation draws anyway
            some = (actual > 0) | (made > 0)  # a closed day says nothing of the spread
            logs.extend(np.log((actual[some] + 1.0) / (made[some] + 1.0)) ** 2
                        - 1.0 / (made[some] + 1.0))
            ahead.update(zip(days.tolist(), made.tolist(), strict=True))
        if not self.tests:
            return Score(method.name, "level", math.nan, 0)
        if logs:
            self.spread[method.name] = float(np.sqrt(max(0.0, float(np.mean(logs)))))
        self._ahead[method.name] = ahead
        return Score(method.name, "level", _ratio(errors, actuals), _count(self.tests))

    def shape(self, method: Method) -> Score | None:
        series = self.series
        errors, actuals = 0.0, 0.0
        for origin, days in self.tests:
            known = series.upto(origin)
            for day in days:
                shares = method.function(known, int(series.weekday[day]))
                if shares is None:
                    return None
                actual = series.counts[day]
                errors += float(np.abs(shares * actual.sum() - actual).sum())
                actuals += float(actual.sum())
        return Score(method.name, "shape", _ratio(errors, actuals), _count(self.tests))

    def ahead(self) -> pd.DataFrame:
        days = sorted({day for made in self._ahead.values() for day in made})
        frame = pd.DataFrame({
            "date": [self.series.dates[d] for d in days],
            "actual": [float(self.series.totals[d]) for d in days],
        })
        for name, made in self._ahead.items():
            frame[name] = [made.get(d, math.nan) for d in days]
        return frame


def _count(tests: list[tuple[int, np.ndarray]]) -> int:
    return len({int(d) for _, days in tests for d in days})


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole > 0 else (0.0 if part == 0 else math.inf)


def first_origin(days: int) -> int:
    """The first origin of a back-test on `days` days of history: the last `ORIGINS` days,
    moved later for the methods that need a longer history (see the module docstring)."""
    first = max(SEASON, days - ORIGINS)
    needs = [m.least_days for m in LEVELS if m.least_days <= days - LEAST_ORIGINS]
    return max([first, *needs])
