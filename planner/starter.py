"""A small scenario to start from: what File > New opens, ready to be edited into a real one.

Four weeks from next Monday; one voice channel open 08:00 to 18:00 on weekdays with a Monday
peak; an early and a late shift pattern; six advisors on 37.5 hours. Every sheet a team leader
fills in has a row or two to copy, and the scenario passes every check, so it can be solved at
once and changed one cell at a time.
"""

from __future__ import annotations

import datetime as dt

from planner.model import (
    Channel,
    ChannelKind,
    ChannelName,
    DemandRow,
    PatternCode,
    Scenario,
    Settings,
    ShiftPattern,
    Staff,
    StaffId,
)

WEEKDAYS = (0, 1, 2, 3, 4)
# Calls in each 15 minutes from 08:00, a typical morning peak; Monday is 30% busier.
PROFILE = (6, 8, 10, 12, 13, 13, 12, 11, 10, 10, 9, 9, 9, 8, 8, 9, 10, 10, 9, 9,
           8, 8, 7, 7, 7, 6, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2)
MONDAY_PEAK = 1.3


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def starter_scenario(today: dt.date | None = None) -> Scenario:
    """The starting scenario for a plan beginning the Monday after `today`."""
    start = next_monday(today or dt.date.today())
    voice = Channel(ChannelName("voice"), ChannelKind.VOICE, aht_seconds=300,
                    target_answer_seconds=20, service_level_target=0.8,
                    max_abandon_rate=0.05, patience_seconds=120)
    demand = tuple(
        DemandRow(voice.name, (dt.datetime(2000, 1, 1, 8) + dt.timedelta(minutes=15 * i)).time(),
                  round(calls * (MONDAY_PEAK if day == 0 else 1.0), 1), weekday=day)
        for day in WEEKDAYS for i, calls in enumerate(PROFILE))
    patterns = (
        ShiftPattern(PatternCode("E"), dt.time(8), dt.time(16, 30), 30, WEEKDAYS),
        ShiftPattern(PatternCode("L"), dt.time(9, 30), dt.time(18), 30, WEEKDAYS),
    )
    staff = tuple(
        Staff(StaffId(f"A{n}"), f"Advisor {n}", "Contact centre", ("voice",),
              contract_hours=37.5, min_hours=30, max_hours=40, max_days_per_week=5,
              hourly_cost=14.0)
        for n in range(1, 7))
    return Scenario(settings=Settings(plan_start=start, plan_days=28), channels=(voice,),
                    demand=demand, staff=staff, patterns=patterns)
