"""How good the forecast is: hold back the last weeks of a history, forecast them from the rest
and measure the error by day, by hour of day and overall.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from planner.forecast.profile import DEFAULT_WEEKS, Forecast, forecast
from planner.history import History
from planner.model import Region


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
             open_on_bank_holidays: Mapping[str, bool] | None = None,
             level: str | None = None,
             special: Mapping[dt.date, float] | None = None) -> Backtest:
    """Hold back the last `weeks` weeks, forecast them from the rest (the methods chosen as
    `forecast` chooses them, on the earlier history only) and measure the error."""
    first = history.last_day - dt.timedelta(days=7 * weeks - 1)
    if weeks <= 0 or first <= history.first_day:
        raise ValueError(f"holding back {weeks} week{'s' * (weeks != 1)} leaves no history to "
                         f"forecast from (the history runs {history.first_day} to "
                         f"{history.last_day})")
    made = forecast(history.before(first), first, 7 * weeks, weeks=profile_weeks, region=region,
                    open_on_bank_holidays=open_on_bank_holidays, level=level,
                    special=special)
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

