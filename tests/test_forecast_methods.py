"""Forecast methods chosen by back-test (planner.forecast.methods and choosing), special days,
prediction intervals, and the forecast's spread carried into the simulation.

Histories are drawn with seeded numpy generators from known rates: a weekly pattern (busy
Monday, short Friday, closed Sunday), a morning peak within the day, an optional trend and
Poisson noise. Tolerances follow the sampling error of the methods, so a right choice passes
every seed and a wrong one fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from planner.forecast import SEASONAL_NAIVE, forecast, scenario_with_forecast
from planner.forecast.choosing import MIN_TESTS
from planner.forecast.methods import LAST_WEEK_SHAPE, Series, similar_weekdays
from planner.history import CONTACT_LOG, History
from planner.simulation import simulate
from tests.test_simulation import agents, one_day

FIRST = dt.date(2025, 1, 6)  # a Monday; no bank holidays in the eight weeks after it
SLOTS = 96
WEEK = np.array([1200.0, 1000.0, 1000.0, 950.0, 500.0, 300.0, 0.0])  # Monday .. Sunday


def shape(weekday: int) -> np.ndarray:
    """Shares per 15-minute interval: 08:00-18:00 with a morning peak (Friday to 13:00,
    Saturday 13:00-18:00)."""
    slots = np.arange(SLOTS)
    open_, close = {4: (32, 52), 5: (52, 72)}.get(weekday, (32, 72))
    raw = np.where((slots >= open_) & (slots < close),
                   1.0 + np.exp(-((slots - 40) / 4.0) ** 2), 0.0)
    return raw / raw.sum()


def rates(day: dt.date, weekly_growth: float = 0.0) -> np.ndarray:
    weeks = (day - FIRST).days / 7
    return WEEK[day.weekday()] * (1 + weekly_growth) ** weeks * shape(day.weekday())


def history(days: int, seed: int = 1, weekly_growth: float = 0.0, noise: bool = True,
            spikes: dict[dt.date, float] | None = None, day_noise: float = 0.0,
            first: dt.date = FIRST) -> History:
    """Contacts per interval; `day_noise` draws each day's level log-normal with that spread
    (mean 1) before the Poisson counts."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        mean = rates(day, weekly_growth) * (spikes or {}).get(day, 1.0)
        if day_noise:
            mean = mean * rng.lognormal(-day_noise**2 / 2, day_noise)
        offered = rng.poisson(mean).astype(float) if noise else np.round(mean)
        starts = pd.Timestamp(day) + pd.to_timedelta(np.arange(SLOTS) * 15, unit="min")
        frames.append(pd.DataFrame({
            "channel": "voice", "interval_start": starts, "offered": offered,
            "answered": offered, "abandoned": 0.0, "handle_seconds": offered * 300.0,
            "waited_seconds": 0.0, "abandoned_waiting": 0.0, "abandoned_wait_seconds": 0.0,
        }))
    intervals = pd.concat(frames, ignore_index=True)
    return History(intervals[intervals["offered"] > 0].reset_index(drop=True), 15,
                   CONTACT_LOG, "log.csv")


def daily(made) -> pd.Series:
    return made.daily()["voice"]


def test_a_pure_repeating_week_chooses_seasonal_naive():
    made = forecast(history(42, noise=False), FIRST + dt.timedelta(days=42), 7)
    choice = made.choice("voice")
    assert choice.level == SEASONAL_NAIVE
    assert choice.shape == LAST_WEEK_SHAPE
    assert choice.score(SEASONAL_NAIVE).error == 0
    assert len({s.method for s in choice.scores if s.part == "level"}) >= 4  # others competed
    expected = np.array([np.round(rates(FIRST + dt.timedelta(days=i))).sum() for i in range(7)])
    assert np.allclose(daily(made).to_numpy(), expected)
    assert "seasonal naive chosen for voice: 0.0% daily error against" in choice.sentence()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_steady_noisy_week_is_recovered_within_sampling_error(seed):
    made = forecast(history(56, seed), FIRST + dt.timedelta(days=56), 7)
    choice = made.choice("voice")
    assert choice.level != SEASONAL_NAIVE  # one week of noise loses to averaging several
    got = daily(made)
    for day, value in got.items():
        truth = WEEK[day.weekday()]
        assert abs(value - truth) <= 4 * np.sqrt(max(truth, 1.0)), (day, choice.level)
        volume = made.demand[made.demand["date"] == day]["volume"].to_numpy()
        expected = rates(day)
        open_ = expected > 0
        if truth:
            relative = np.abs(volume[open_] - expected[open_]) / expected[open_]
            assert relative.mean() < 0.15, (day, choice.shape)
        assert np.all(volume[~open_] == 0)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_rising_trend_is_followed_not_averaged_away(seed):
    # 4% more contacts each week: a plain average of the last weeks lags by weeks.
    made = forecast(history(56, seed, weekly_growth=0.04), FIRST + dt.timedelta(days=56), 7)
    choice = made.choice("voice")
    week = sum(rates(FIRST + dt.timedelta(days=56 + i), 0.04).sum() for i in range(7))
    assert abs(daily(made).sum() - week) <= 4 * np.sqrt(week) + 0.04 * week, choice.level
    averaged = forecast(history(56, seed, weekly_growth=0.04), FIRST + dt.timedelta(days=56), 7,
                        level="4-week average")
    assert choice.score(choice.level).error < choice.score("4-week average").error
    assert abs(daily(made).sum() - week) < abs(daily(averaged).sum() - week)


def test_similar_weekdays_are_monday_to_thursday():
    series = Series(np.vstack([rates(FIRST + dt.timedelta(days=i)) for i in range(14)]),
                    tuple(FIRST + dt.timedelta(days=i) for i in range(14)),
                    np.ones(14, dtype=bool), 4)
    assert similar_weekdays(series, 0, 4) == (0, 1, 2, 3)
    assert similar_weekdays(series, 4, 4) == (4,)


def test_too_short_a_history_keeps_the_simplest_level():
    made = forecast(history(7 + MIN_TESTS - 1), FIRST + dt.timedelta(days=9), 1)
    choice = made.choice("voice")
    assert choice.level == SEASONAL_NAIVE
    assert choice.score(SEASONAL_NAIVE).days < MIN_TESTS


def test_special_days_are_left_out_and_scaled():
    storm = FIRST + dt.timedelta(days=49)  # the last Monday: three times the calls
    spiked = history(56, spikes={storm: 3.0})
    next_monday = FIRST + dt.timedelta(days=56)
    marked = forecast(spiked, next_monday, 1, level=SEASONAL_NAIVE, special={storm: 1.0})
    unmarked = forecast(spiked, next_monday, 1, level=SEASONAL_NAIVE)
    assert daily(unmarked).sum() > 2.5 * WEEK[0]
    assert abs(daily(marked).sum() - WEEK[0]) <= 4 * np.sqrt(WEEK[0])
    letter = forecast(spiked, next_monday, 1, level=SEASONAL_NAIVE,
                      special={storm: 1.0, next_monday: 1.3})
    assert daily(letter).sum() == pytest.approx(1.3 * daily(marked).sum())


def test_the_tuesday_after_a_bank_holiday_monday_takes_a_mondays_level_and_shape():
    # 2025-05-05 (Early May bank holiday) is a Monday.
    made = forecast(history(112), dt.date(2025, 5, 5), 2, level="4-week average")
    got = daily(made)
    assert got[dt.date(2025, 5, 5)] == 0
    assert abs(got[dt.date(2025, 5, 6)] - WEEK[0]) <= 4 * np.sqrt(WEEK[0] / 4)
    assert any("2025-05-05 is a bank holiday" in p.message for p in made.problems)


def test_prediction_intervals_cover_about_four_in_five_intervals():
    made = forecast(history(56, 4), FIRST + dt.timedelta(days=56), 7)
    actual = history(63, 4).intervals  # the same draws, and a week more
    actual = actual[actual["interval_start"] >= pd.Timestamp(FIRST + dt.timedelta(days=56))]
    cells = made.demand.assign(interval_start=[pd.Timestamp.combine(d, t) for d, t in zip(
        made.demand["date"], made.demand["interval_start"], strict=True)])
    cells = cells[cells["volume"] > 0].merge(actual[["interval_start", "offered"]],
                                             on="interval_start", how="left").fillna(0)
    assert (cells["low"] <= cells["volume"]).all() and (cells["volume"] <= cells["high"]).all()
    inside = ((cells["offered"] >= cells["low"]) & (cells["offered"] <= cells["high"])).mean()
    assert 0.7 <= inside <= 0.92, inside


def test_the_spread_measures_how_far_days_stray_and_goes_into_the_scenario():
    steady = forecast(history(56, 5), FIRST + dt.timedelta(days=56), 7).choice("voice")
    assert steady.spread < 0.05  # Poisson counts alone: only the method's own error
    made = forecast(history(84, 5, day_noise=0.15), FIRST + dt.timedelta(days=84), 7)
    spread = made.choice("voice").spread
    # days drawn 15% about their rate: the spread over 24 days judged is within a quarter of
    # that (its own sampling error is about 15% / sqrt(48), 2 points)
    assert 0.11 < spread < 0.2
    scenario, _ = scenario_with_forecast(None, made, FIRST + dt.timedelta(days=56), 7)
    assert scenario.channels[0].forecast_spread == pytest.approx(spread, abs=1e-3)


def test_simulated_service_is_wider_with_the_forecasts_spread():
    base = one_day([0.0] * 32 + [20.0] * 32, 15, aht=300.0, patience=900.0)
    staff = agents(base, [0] * 32 + [7] * 32)
    exact = simulate(base, staff, replications=30, seed=3, workers=1)
    spread = replace(base, channels=(replace(base.channels[0], forecast_spread=0.25),))
    uncertain = simulate(spread, staff, replications=30, seed=3, workers=1)
    ignored = simulate(spread, staff, replications=30, seed=3, workers=1, forecast_spread=False)
    assert np.array_equal(ignored.counts, exact.counts)
    assert exact.spread_note() == "" and "voice 25%" in uncertain.spread_note()

    def width(result, name):
        figure = getattr(result.days[0].simulated, name)
        return figure.high - figure.low

    for name in ("service_level", "abandon_rate"):
        assert width(uncertain, name) > 1.5 * width(exact, name), name


def test_a_history_starting_on_a_bank_holiday_is_still_back_tested():
    easter_monday = dt.date(2025, 4, 21)  # left out, so the first week has no Monday to go on
    made = forecast(history(35, first=easter_monday), dt.date(2025, 5, 26) + dt.timedelta(1), 6)
    choice = made.choice("voice")
    naive = choice.score(SEASONAL_NAIVE)
    assert naive is not None and naive.days >= MIN_TESTS
    assert {s.method for s in choice.scores if s.part == "level"} >= {SEASONAL_NAIVE,
                                                                      "2-week average"}
