"""Demand forecasts from contact history, their back-test, and writing them into a scenario.

- profile: the forecast itself (each weekday's shape and level, handle times, callers'
  patience), `forecast`;
- backtesting: `backtest` holds back the last weeks of a history, forecasts them from the rest
  and measures the error by day and by hour of day;
- into_scenario: `scenario_with_forecast` puts a forecast into a scenario: the Demand rows of
  the channels it covers, their handle time and callers' patience, and any channel the scenario
  does not have yet.
"""

from planner.forecast.backtesting import Backtest, backtest
from planner.forecast.into_scenario import (
    KIND_DEFAULTS,
    kind_from_name,
    new_channel,
    scenario_with_forecast,
)
from planner.forecast.profile import (
    DEFAULT_WEEKS,
    DEMAND_COLUMNS,
    LEVEL_WEEKS,
    MIN_ANSWERED,
    ChannelEstimate,
    Forecast,
    forecast,
    patience_estimate,
)

__all__ = [
    "DEFAULT_WEEKS", "DEMAND_COLUMNS", "KIND_DEFAULTS", "LEVEL_WEEKS", "MIN_ANSWERED",
    "Backtest", "ChannelEstimate", "Forecast", "backtest", "forecast", "kind_from_name",
    "new_channel", "patience_estimate", "scenario_with_forecast",
]
