"""Demand forecasts from contact history, their back-test, and writing them into a scenario.

- profile: the forecast itself (each day's level and shape, handle times, callers' patience,
  an 80% prediction interval), `forecast`;
- methods: the candidate levels (seasonal naive, averages of the same weekday, exponential
  smoothing, a seasonal decomposition) and shapes;
- choosing: each channel's methods chosen by a rolling-origin back-test, `choose`;
- backtesting: `backtest` holds back the last weeks of a history, forecasts them from the rest
  and measures the error by day and by hour of day;
- into_scenario: `scenario_with_forecast` puts a forecast into a scenario: the Demand rows of
  the channels it covers, their handle time and callers' patience, and any channel the scenario
  does not have yet.
"""

from planner.forecast.backtesting import Backtest, backtest
from planner.forecast.choosing import Choice, Score, choose
from planner.forecast.into_scenario import (
    KIND_DEFAULTS,
    kind_from_name,
    new_channel,
    scenario_with_forecast,
)
from planner.forecast.methods import LEVELS, SEASONAL_NAIVE
from planner.forecast.profile import (
    DEFAULT_WEEKS,
    DEMAND_COLUMNS,
    MIN_ANSWERED,
    ChannelEstimate,
    Forecast,
    forecast,
    patience_estimate,
)

__all__ = [
    "DEFAULT_WEEKS", "DEMAND_COLUMNS", "KIND_DEFAULTS", "LEVELS", "MIN_ANSWERED",
    "SEASONAL_NAIVE", "Backtest", "ChannelEstimate", "Choice", "Forecast", "Score", "backtest",
    "choose", "forecast", "kind_from_name",
    "new_channel", "patience_estimate", "scenario_with_forecast",
]
