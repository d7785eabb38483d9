"""What every rule shares: how a breach is written down, and runs of days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from planner.model import Staff
from planner.plan import Breach

# Sizes closer to zero than this are rounding noise, not a breach.
TOLERANCE = 1e-9


def breach(rule: str, person: Staff | Iterable[Staff], dates: Iterable[dt.date], size: float,
           unit: str, message: str) -> Breach:
    people = (person,) if isinstance(person, Staff) else tuple(person)
    return Breach(
        rule=rule,
        staff_ids=tuple(p.staff_id for p in people),
        dates=tuple(sorted(set(dates))),
        size=round(float(size), 9),
        unit=unit,
        message=message,
    )


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Each run of consecutive True days, as (first, last) inclusive."""
    found, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            found.append((start, i - 1))
            start = None
    return found
