"""The candidate forecast methods: a day's level (its total contacts) and its shape (the share
of the day's contacts in each interval). A forecast is level x shape.

Levels, simplest first (the back-test prefers the simpler of two that do equally well):

- seasonal naive: the same weekday's total last week;
- the mean of the same weekday over the last 2, 4 or 8 weeks, plain or weighted towards the
  newest week (weights k, k-1, ..., 1);
- exponential smoothing: Holt-Winters with a damped additive trend and an additive weekly
  season (statsmodels), for histories of at least three weeks;
- a seasonal decomposition: STL takes out the weekly season, damped Holt smoothing carries the
  rest forward (statsmodels), for histories of at least three weeks.

Shapes:

- the same weekday last week;
- the same weekday pooled over the last weeks (the profile's weeks, 4 by default);
- the same weekday blended with similar weekdays over those weeks: half the weekday's own
  shape, half the pooled shape of every weekday whose shares by hour correlate with its own by
  at least `SIMILAR` (a centre's Monday to Thursday often share one shape; a short Friday or an
  evening-only Saturday does not). With a short history a single day's shape is mostly noise;
  the weekdays alike smooth it, and the own half keeps what is the weekday's own. This is a
  shrinkage of the noisy own shape towards a steadier one, with the plainest weight, a half.

Each method looks only at `Series.usable` days: bank holidays, the day after one (which carries
the holiday's contacts) and the days the user marks as special are left out.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

SEASON = 7
FITTED_DAYS = 21  # exponential smoothing and the decomposition need three weekly seasons
SIMILAR = 0.8  # weekdays whose shares by hour correlate at least this well are alike
OWN_SHARE = 0.5  # a blended shape: half the weekday's own, half its and its like's pooled


@dataclass(frozen=True, eq=False)
class Series:
    """One channel's history: contacts per day (rows) and interval (columns)."""

    counts: np.ndarray
    dates: tuple[dt.date, ...]
    usable: np.ndarray  # days that show an ordinary day of their weekday
    slots_per_hour: int

    @cached_property
    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    @cached_property
    def weekday(self) -> np.ndarray:
        return np.array([d.weekday() for d in self.dates], dtype=int)

    @property
    def days(self) -> int:
        return len(self.dates)

    def upto(self, days: int) -> Series:
        """The first `days` days."""
        return replace(self, counts=self.counts[:days], dates=self.dates[:days],
                       usable=self.usable[:days])

    def same_weekday(self, weekday: int) -> np.ndarray:
        """Indexes of the usable days on `weekday`, oldest first."""
        return np.flatnonzero(self.usable & (self.weekday == weekday))


# A level method: the series, the forecast days' steps after its last day (1 = the next day)
# and their weekdays -> each day's total, or None when the history is too short for it.
LevelFunction = Callable[[Series, np.ndarray, np.ndarray], "np.ndarray | None"]
# A shape method: the series and a weekday -> shares per interval summing to 1 (zeros for a
# weekday with no contacts), or None when the history has no such weekday.
ShapeFunction = Callable[[Series, int], "np.ndarray | None"]


@dataclass(frozen=True)
class Method:
    name: str
    least_days: int  # the shortest history it forecasts from
    function: Callable


def _by_weekday(pick: Callable[[np.ndarray], float]) -> LevelFunction:
    def level(series: Series, steps: np.ndarray, weekdays: np.ndarray) -> np.ndarray | None:
        out = np.zeros(len(weekdays))
        for i, weekday in enumerate(weekdays):
            days = series.same_weekday(int(weekday))
            if days.size == 0:
                return None
            out[i] = pick(series.totals[days])
        return out
    return level


def _mean(weeks: int) -> Callable[[np.ndarray], float]:
    return lambda totals: float(totals[-weeks:].mean())


def _weighted(weeks: int) -> Callable[[np.ndarray], float]:
    def pick(totals: np.ndarray) -> float:
        last = totals[-weeks:]
        weights = np.arange(1, last.size + 1, dtype=float)
        return float((last * weights).sum() / weights.sum())
    return pick


def _filled(series: Series) -> np.ndarray:
    """Daily totals with each unusable day replaced by its weekday's nearest usable total."""
    totals = series.totals.astype(float).copy()
    for day in np.flatnonzero(~series.usable):
        same = series.same_weekday(int(series.weekday[day]))
        if same.size:
            totals[day] = series.totals[same[np.argmin(np.abs(same - day))]]
    return totals


def _closed_weekdays(series: Series) -> set[int]:
    return {w for w in range(SEASON)
            if (days := series.same_weekday(w)).size and not series.totals[days].any()}


def _fitted(fit: Callable[[np.ndarray, int], np.ndarray]) -> LevelFunction:
    def level(series: Series, steps: np.ndarray, weekdays: np.ndarray) -> np.ndarray | None:
        if series.days < FITTED_DAYS or not series.usable.any():
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence notes on short, noisy histories
            ahead = fit(_filled(series), int(steps.max()))
        out = np.clip(np.asarray(ahead, dtype=float)[steps - 1], 0.0, None)
        closed = _closed_weekdays(series)
        out[[w in closed for w in weekdays]] = 0.0
        return out
    return level


def _holt_winters(totals: np.ndarray, steps: int) -> np.ndarray:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    model = ExponentialSmoothing(totals, trend="add", damped_trend=True, seasonal="add",
                                 seasonal_periods=SEASON, initialization_method="estimated")
    return model.fit().forecast(steps)


def _decomposed(totals: np.ndarray, steps: int) -> np.ndarray:
    from statsmodels.tsa.forecasting.stl import STLForecast
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    model = STLForecast(totals, ExponentialSmoothing, period=SEASON, robust=True,
                        model_kwargs={"trend": "add", "damped_trend": True,
                                      "initialization_method": "estimated"})
    return model.fit().forecast(steps)


SEASONAL_NAIVE = "seasonal naive"

LEVELS: tuple[Method, ...] = (
    Method(SEASONAL_NAIVE, 7, _by_weekday(lambda totals: float(totals[-1]))),
    Method("2-week average", 14, _by_weekday(_mean(2))),
    Method("4-week average", 28, _by_weekday(_mean(4))),
    Method("4-week weighted average", 28, _by_weekday(_weighted(4))),
    Method("8-week average", 56, _by_weekday(_mean(8))),
    Method("8-week weighted average", 56, _by_weekday(_weighted(8))),
    Method("exponential smoothing", FITTED_DAYS, _fitted(_holt_winters)),
    Method("seasonal decomposition", FITTED_DAYS, _fitted(_decomposed)),
)


def _shares(counts: np.ndarray) -> np.ndarray:
    pooled = counts.sum(axis=0) if counts.ndim == 2 else counts
    total = pooled.sum()
    return pooled / total if total > 0 else np.zeros(pooled.shape[-1])


def _last_week(series: Series, weekday: int) -> np.ndarray | None:
    days = series.same_weekday(weekday)
    return None if days.size == 0 else _shares(series.counts[days[-1]])


def _pooled(weeks: int) -> ShapeFunction:
    def shape(series: Series, weekday: int) -> np.ndarray | None:
        days = series.same_weekday(weekday)
        return None if days.size == 0 else _shares(series.counts[days[-weeks:]])
    return shape


def _hourly(series: Series, days: np.ndarray) -> np.ndarray:
    """Each day's shares by hour of day (days x 24)."""
    counts = series.counts[days].reshape(len(days), -1, series.slots_per_hour).sum(axis=2)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)


def similar_weekdays(series: Series, weekday: int, weeks: int) -> tuple[int, ...]:
    """The weekdays (with `weekday` itself) whose shares by hour over the last `weeks` of each
    correlate with `weekday`'s by at least SIMILAR."""
    def hourly(w: int) -> np.ndarray:
        days = series.same_weekday(w)[-weeks:]
        return _hourly(series, days).mean(axis=0) if days.size else np.zeros(24)

    own = hourly(weekday)
    alike = [weekday]
    if not own.any():
        return tuple(alike)
    for other in range(SEASON):
        theirs = hourly(other)
        if other != weekday and theirs.any() and np.corrcoef(own, theirs)[0, 1] >= SIMILAR:
            alike.append(other)
    return tuple(sorted(alike))


def _blended(weeks: int) -> ShapeFunction:
    own_shape = _pooled(weeks)

    def shape(series: Series, weekday: int) -> np.ndarray | None:
        own = own_shape(series, weekday)
        if own is None:
            return None
        days = np.concatenate([series.same_weekday(w)[-weeks:]
                               for w in similar_weekdays(series, weekday, weeks)])
        # each day counts by its shares, so a busy Monday does not outweigh a quiet Thursday
        alike = _shares(np.array([_shares(series.counts[d]) for d in days]))
        return OWN_SHARE * own + (1 - OWN_SHARE) * alike
    return shape


LAST_WEEK_SHAPE = "the same weekday last week"


def shapes(weeks: int) -> tuple[Method, ...]:
    """The candidate shapes, pooling over the last `weeks` weeks."""
    plural = "s" * (weeks != 1)
    return (
        Method(LAST_WEEK_SHAPE, 7, _last_week),
        Method(f"the same weekday over {weeks} week{plural}", 7, _pooled(weeks)),
        Method(f"the same weekday and similar ones over {weeks} week{plural}", 7,
               _blended(weeks)),
    )


def level_method(name: str) -> Method:
    """The level method called `name` (see LEVELS)."""
    for method in LEVELS:
        if method.name == name:
            return method
    raise ValueError(f"there is no forecast method {name!r}; the methods are "
                     + ", ".join(m.name for m in LEVELS))


def shape_method(name: str, weeks: int) -> Method:
    """The shape method called `name` (see `shapes`)."""
    for method in shapes(weeks):
        if method.name == name:
            return method
    raise ValueError(f"there is no shape {name!r}; the shapes are "
                     + ", ".join(m.name for m in shapes(weeks)))
