"""Email is worked only in the hours someone who answers it can be on shift."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from planner.deferred import working_intervals
from planner.model import PatternCode, Settings
from planner.staffing import staffing_table
from tests.factories import MONDAY, advisor, early_pattern, small_scenario

NIGHT = early_pattern(
    code=PatternCode("N"), start=dt.time(22, 0), end=dt.time(6, 0), days=tuple(range(7))
)


def hours_of(scenario, day: int) -> set[str]:
    channel = scenario.channel("email")
    slots = scenario.settings.intervals_per_day
    fallback = np.zeros(scenario.settings.plan_days * slots, dtype=bool)
    worked = working_intervals(scenario, channel, scenario.settings.dates, slots, fallback)
    day_slots = worked.reshape(-1, slots)[day]
    minutes = scenario.settings.interval_minutes
    return {
        f"{(i * minutes) // 60:02d}:{(i * minutes) % 60:02d}" for i in np.flatnonzero(day_slots)
    }


def test_email_is_worked_inside_the_shifts_of_email_advisors():
    scenario = small_scenario()
    monday = hours_of(scenario, 0)
    assert min(monday) == "08:00" and max(monday) == "15:45" and len(monday) == 32
    assert hours_of(scenario, 5) == set()  # pattern E is Monday to Friday only


def test_a_night_shift_of_a_voice_only_advisor_does_not_open_email_at_night():
    day_only = small_scenario()
    base = replace(
        day_only, staff=tuple(replace(p, patterns=(PatternCode("E"),)) for p in day_only.staff)
    )
    night_owl = advisor("N1", skills=("voice",), patterns=(PatternCode("N"),))
    scenario = replace(base, staff=base.staff + (night_owl,), patterns=base.patterns + (NIGHT,))
    assert "23:00" not in hours_of(scenario, 0)
    # give the night advisor email too: the shift that starts Monday 22:00 covers Tuesday 05:45
    emailer = replace(night_owl, skills=("voice", "email"))
    scenario = replace(base, staff=base.staff + (emailer,), patterns=base.patterns + (NIGHT,))
    assert "23:00" in hours_of(scenario, 0) and "05:45" in hours_of(scenario, 1)
    assert "06:00" not in hours_of(scenario, 6)
    # an advisor with no pattern list may work any pattern, the night one included
    free = replace(night_owl, skills=("email",), patterns=())
    scenario = replace(base, staff=base.staff + (free,), patterns=base.patterns + (NIGHT,))
    assert "23:00" in hours_of(scenario, 0)


def test_nobody_skilled_falls_back_to_the_hours_with_demand():
    scenario = small_scenario(staff=())
    table = staffing_table(scenario)
    mail = table[(table["channel"] == "email") & (table["agents_needed"] > 0)]
    voice_hours = set(
        table.loc[(table["channel"] == "voice") & (table["volume"] > 0), "interval_start"]
    )
    assert len(mail) and set(mail["interval_start"]) <= voice_hours


def test_no_email_work_on_a_bank_holiday_when_the_channel_is_closed():
    early_may = dt.date(2027, 5, 3)  # Early May bank holiday, England and Wales
    scenario = small_scenario(settings=Settings(plan_start=early_may, plan_days=2))
    assert hours_of(scenario, 0) == set()
    assert len(hours_of(scenario, 1)) == 32
    assert MONDAY.weekday() == early_may.weekday() == 0
