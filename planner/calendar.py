"""UK bank holidays and working days: when channels close and when case deadlines fall.

The dates come from the `holidays` package for the scenario's region (England and Wales,
Scotland or Northern Ireland), so a plan uses the real calendar, substitute days included.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

import holidays

from planner.model import CaseQueue, Channel, DeadlineBasis, Region

_SUBDIVISIONS = {
    Region.ENGLAND_AND_WALES: "ENG",
    Region.SCOTLAND: "SCT",
    Region.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=64)
def _holidays_in(region: Region, year: int) -> dict[dt.date, str]:
    calendar = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[region], years=year)
    return dict(sorted(calendar.items()))


def bank_holidays(region: Region | str, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Bank holidays from `start` to `end` inclusive, date -> name, in date order."""
    region = Region(region)
    found: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _holidays_in(region, year).items():
            if start <= day <= end:
                found[day] = name
    return found


def is_bank_holiday(day: dt.date, region: Region | str) -> bool:
    return day in _holidays_in(Region(region), day.year)


def is_working_day(day: dt.date, region: Region | str) -> bool:
    """Monday to Friday and not a bank holiday in the region."""
    return day.weekday() < 5 and not is_bank_holiday(day, region)


def add_working_days(day: dt.date, n: int, region: Region | str) -> dt.date:
    """The date `n` working days after `day` (before it when n is negative).

    A complaint received on Friday with a 2 working-day acknowledgement is due on Tuesday, or on
    Wednesday when Monday is a bank holiday. n = 0 gives `day` itself.
    """
    step = dt.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, region):
            remaining -= 1
    return day


def due_date(arrived: dt.date, queue: CaseQueue, region: Region | str) -> dt.date:
    """The day a case arriving on `arrived` must be closed by: `deadline_days` later, counted
    in calendar days or in working days (weekends and bank holidays skipped)."""
    if queue.deadline_basis is DeadlineBasis.WORKING:
        return add_working_days(arrived, queue.deadline_days, region)
    return arrived + dt.timedelta(days=queue.deadline_days)


def email_due_date(arrived: dt.date, channel: Channel) -> dt.date:
    """Email arriving on a day is due whole days later: its response window rounded up to days."""
    return arrived + dt.timedelta(days=math.ceil(channel.target_answer_seconds / 86400))
