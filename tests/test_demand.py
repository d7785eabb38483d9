"""Demand over the plan (weekday profiles, dated overrides, bank holidays, zero fill) and the UK
calendar behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.calendar import add_working_days, bank_holidays, is_working_day
from planner.demand import expand_demand
from planner.model import ChannelName, DemandRow, Region, Settings
from planner.problems import ScenarioError
from tests.factories import MONDAY, email, small_scenario, voice

EARLY_MAY = dt.date(2027, 5, 3)  # Early May bank holiday in England and Wales, a Monday


def day_of(frame, day, channel):
    return frame[(frame["date"] == day) & (frame["channel"] == channel)]


def at(frame, day, channel, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    rows = day_of(frame, day, channel)
    return rows[rows["interval_start"] == dt.time(hour, minute)].iloc[0]


def test_full_grid_with_zero_fill():
    frame = expand_demand(small_scenario())
    assert list(frame.columns) == ["date", "interval_start", "channel", "volume", "aht_seconds"]
    assert len(frame) == 7 * 96 * 2
    assert frame[["date", "interval_start", "channel"]].drop_duplicates().shape[0] == len(frame)
    assert at(frame, MONDAY, "voice", "03:00")["volume"] == 0
    assert at(frame, MONDAY, "voice", "08:00")["volume"] == 10
    assert at(frame, MONDAY, "voice", "03:00")["aht_seconds"] == 510  # the channel's
    assert frame["volume"].sum() == 5 * (40 * 10 + 35)
    # rows run date, then time of day, then channel
    assert list(frame["channel"].iloc[:4]) == ["voice", "email", "voice", "email"]
    assert frame["interval_start"].iloc[2] == dt.time(0, 15)


def test_weekday_rows_repeat_on_every_such_weekday():
    scenario = small_scenario(settings=Settings(plan_start=MONDAY, plan_days=14))
    frame = expand_demand(scenario)
    week_one, week_two = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=9)
    assert list(day_of(frame, week_one, "voice")["volume"]) == list(
        day_of(frame, week_two, "voice")["volume"])
    assert day_of(frame, MONDAY + dt.timedelta(days=5), "voice")["volume"].sum() == 0  # Saturday
    assert day_of(frame, week_two, "email")["volume"].sum() == 35


def test_dated_rows_replace_the_weekday_profile_of_that_channel_on_that_date():
    wednesday = MONDAY + dt.timedelta(days=2)
    dated = (
        DemandRow(ChannelName("voice"), dt.time(12, 0), 99.0, date=wednesday, aht_seconds=600.0),
        DemandRow(ChannelName("voice"), dt.time(12, 0), 1.0, date=wednesday),
        DemandRow(ChannelName("voice"), dt.time(9, 0), 5.0, date=dt.date(2030, 1, 1)),  # outside
    )
    scenario = small_scenario(demand=small_scenario().demand + dated)
    frame = expand_demand(scenario)
    voice_wednesday = day_of(frame, wednesday, "voice")
    assert voice_wednesday["volume"].sum() == 100
    noon = at(frame, wednesday, "voice", "12:00")
    assert noon["aht_seconds"] == pytest.approx((99 * 600 + 1 * 510) / 100)
    assert day_of(frame, wednesday, "email")["volume"].sum() == 35  # email keeps its profile
    assert day_of(frame, MONDAY + dt.timedelta(days=3), "voice")["volume"].sum() == 400


def test_bank_holiday_closes_channels_that_are_not_open_on_bank_holidays():
    dated = (DemandRow(ChannelName("email"), dt.time(10, 0), 7.0, date=EARLY_MAY),)
    scenario = small_scenario(
        settings=Settings(plan_start=EARLY_MAY, plan_days=7),
        channels=(voice(open_on_bank_holidays=True), email()),
    )
    frame = expand_demand(scenario)
    assert day_of(frame, EARLY_MAY, "voice")["volume"].sum() == 400  # open that day
    assert day_of(frame, EARLY_MAY, "email")["volume"].sum() == 0  # closed
    with_dated = expand_demand(small_scenario(settings=scenario.settings,
                                              demand=scenario.demand + dated))
    assert day_of(with_dated, EARLY_MAY, "voice")["volume"].sum() == 0
    assert day_of(with_dated, EARLY_MAY, "email")["volume"].sum() == 7  # dated rows still count
    assert day_of(with_dated, EARLY_MAY + dt.timedelta(days=1), "voice")["volume"].sum() == 400


def test_bank_holidays_follow_the_region():
    scotland = small_scenario(settings=Settings(plan_start=EARLY_MAY, plan_days=7,
                                                region=Region.SCOTLAND))
    assert day_of(expand_demand(scotland), EARLY_MAY, "voice")["volume"].sum() == 0
    august = dt.date(2027, 8, 2)  # Summer bank holiday in Scotland only
    scenario = small_scenario(settings=Settings(plan_start=august, plan_days=1))
    assert day_of(expand_demand(scenario), august, "voice")["volume"].sum() == 400


def test_unknown_channel_is_a_scenario_problem():
    stray = (DemandRow(ChannelName("fax"), dt.time(9, 0), 1.0, weekday=0),)
    with pytest.raises(ScenarioError, match="fax"):
        expand_demand(small_scenario(demand=small_scenario().demand + stray))


def test_bank_holiday_calendars():
    england = bank_holidays(Region.ENGLAND_AND_WALES, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert EARLY_MAY in england and dt.date(2027, 3, 26) in england  # Good Friday
    assert dt.date(2027, 8, 30) in england and dt.date(2027, 8, 2) not in england
    scotland = bank_holidays("scotland", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert dt.date(2027, 8, 2) in scotland and dt.date(2027, 11, 30) in scotland
    ulster = bank_holidays(Region.NORTHERN_IRELAND, dt.date(2027, 3, 1), dt.date(2027, 7, 31))
    assert dt.date(2027, 3, 17) in ulster and dt.date(2027, 7, 12) in ulster
    across = bank_holidays(Region.ENGLAND_AND_WALES, dt.date(2026, 12, 20), dt.date(2027, 1, 5))
    assert dt.date(2026, 12, 25) in across and dt.date(2027, 1, 1) in across
    assert list(across) == sorted(across)


def test_working_days_skip_weekends_and_bank_holidays():
    region = Region.ENGLAND_AND_WALES
    assert is_working_day(dt.date(2027, 5, 4), region)
    assert not is_working_day(EARLY_MAY, region) and not is_working_day(dt.date(2027, 5, 1), region)
    friday = dt.date(2027, 4, 30)
    assert add_working_days(friday, 1, region) == dt.date(2027, 5, 4)
    assert add_working_days(friday, 0, region) == friday
    assert add_working_days(dt.date(2027, 5, 4), -1, region) == friday
    # a stage 1 complaint received Friday 30 April 2027: 10 working days
    assert add_working_days(friday, 10, region) == dt.date(2027, 5, 17)
