"""Builders for small, valid scenarios used across the tests. Change a field with `replace`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.model import (
    Absence,
    AbsenceKind,
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    Channel,
    ChannelKind,
    ChannelName,
    DeadlineBasis,
    DemandRow,
    PatternCode,
    QueueName,
    Region,
    Rules,
    Scenario,
    Settings,
    ShiftPattern,
    Staff,
    StaffId,
)

MONDAY = dt.date(2027, 3, 1)  # a Monday with no bank holiday that week


def voice(**changes) -> Channel:
    base = Channel(
        name=ChannelName("voice"),
        kind=ChannelKind.VOICE,
        aht_seconds=510.0,
        target_answer_seconds=120.0,
        service_level_target=0.8,
        max_abandon_rate=0.1,
        patience_seconds=2400.0,
    )
    return replace(base, **changes)


def email(**changes) -> Channel:
    base = Channel(
        name=ChannelName("email"),
        kind=ChannelKind.EMAIL,
        aht_seconds=480.0,
        target_answer_seconds=86400.0,
        service_level_target=0.9,
    )
    return replace(base, **changes)


def weekday_demand(
    channel: str, volumes: dict[str, float], weekdays=range(5)
) -> tuple[DemandRow, ...]:
    """The same intraday curve (HH:MM -> contacts) on each given weekday."""
    rows = []
    for weekday in weekdays:
        for start, volume in volumes.items():
            hour, minute = map(int, start.split(":"))
            rows.append(
                DemandRow(
                    channel=ChannelName(channel),
                    interval_start=dt.time(hour, minute),
                    volume=volume,
                    weekday=weekday,
                )
            )
    return tuple(rows)


def advisor(staff_id: str, skills=("voice",), **changes) -> Staff:
    base = Staff(
        staff_id=StaffId(staff_id),
        name=f"Advisor {staff_id}",
        team="Contact centre",
        skills=tuple(skills),
        contract_hours=37.5,
        min_hours=30.0,
        max_hours=40.0,
        max_days_per_week=5,
        hourly_cost=15.0,
    )
    return replace(base, **changes)


def early_pattern(**changes) -> ShiftPattern:
    base = ShiftPattern(
        code=PatternCode("E"),
        start=dt.time(8, 0),
        end=dt.time(16, 0),
        unpaid_break_minutes=30,
        days=(0, 1, 2, 3, 4),
    )
    return replace(base, **changes)


def late_pattern(**changes) -> ShiftPattern:
    """L: 12:00-20:00 with a 30-minute unpaid break, Monday to Friday."""
    return early_pattern(code=PatternCode("L"), start=dt.time(12), end=dt.time(20), **changes)


def weekend_pattern(**changes) -> ShiftPattern:
    """W: 09:00-13:00, no break, Saturday and Sunday."""
    return early_pattern(code=PatternCode("W"), start=dt.time(9), end=dt.time(13),
                         unpaid_break_minutes=0, days=(5, 6), **changes)


def any_day_pattern(code: str, start: int, end: int) -> ShiftPattern:
    """A shift pattern from hour `start` to hour `end` (past midnight when it ends earlier),
    with no break, worked on any day: for tests where only the rule under test binds."""
    return ShiftPattern(PatternCode(code), dt.time(start), dt.time(end), 0, tuple(range(7)))


LATE = late_pattern()
WEEKEND = weekend_pattern()


def day(offset: int) -> dt.date:
    """The plan day `offset` days after MONDAY."""
    return MONDAY + dt.timedelta(days=offset)


def small_scenario(**changes) -> Scenario:
    """One week, 15-minute intervals, voice and email, four advisors, one case queue."""
    curve = {f"{h:02d}:{m:02d}": 10.0 for h in range(8, 18) for m in (0, 15, 30, 45)}
    base = Scenario(
        settings=Settings(
            plan_start=MONDAY,
            plan_days=7,
            interval_minutes=15,
            region=Region.ENGLAND_AND_WALES,
            shrinkage=0.3,
        ),
        channels=(voice(), email()),
        demand=weekday_demand("voice", curve)
        + weekday_demand("email", {"09:00": 20.0, "13:00": 15.0}),
        staff=tuple(advisor(f"A{i}", skills=("voice", "email")) for i in range(1, 4))
        + (advisor("M1", skills=("mutual_exchange",), team="Mutual exchange"),),
        patterns=(early_pattern(),),
        absences=(
            Absence(
                staff_id=StaffId("A1"),
                start_date=MONDAY + dt.timedelta(days=2),
                end_date=MONDAY + dt.timedelta(days=3),
                kind=AbsenceKind.ANNUAL_LEAVE,
            ),
        ),
        case_queues=(
            CaseQueue(
                name=QueueName("mutual_exchange"),
                effort_minutes=90.0,
                deadline_days=42,
                deadline_basis=DeadlineBasis.CALENDAR,
                target_on_time=0.95,
            ),
        ),
        case_arrivals=(CaseArrival(queue=QueueName("mutual_exchange"), new_cases=3.0, weekday=0),),
        backlog=(
            BacklogEntry(
                queue=QueueName("mutual_exchange"),
                opened_date=MONDAY - dt.timedelta(days=20),
                count=12,
            ),
        ),
        rules=Rules(),
    )
    return replace(base, **changes)
