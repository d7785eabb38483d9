"""Deferred work: email answered within its response window, in the hours it can be worked.

Email is not a queue formula. Each interval's email work (volume x handle time) must be done by the
end of the channel's response window, and can only be done while someone who answers email can be
on shift: this module decides those working intervals and spreads the work over them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from planner.calendar import bank_holidays
from planner.model import Channel, Scenario, ShiftPattern


def working_intervals(
    scenario: Scenario,
    channel: Channel,
    dates: tuple[dt.date, ...],
    slots: int,
    fallback: np.ndarray,
) -> np.ndarray:
    """Intervals (dates x slots of the day, flattened) in which `channel`'s work can be done.

    An interval counts when a shift pattern that someone skilled for the channel may work on that
    weekday covers it (shifts crossing midnight cover the early hours of the next day). On a bank
    holiday nobody works the channel unless it is open on bank holidays. A scenario with nobody
    skilled for the channel, or no shift patterns, falls back to `fallback` (the intervals in
    which any channel has demand), so staffing can be worked out before the staff are entered.
    """
    skilled = [person for person in scenario.staff if channel.name in person.skills]
    by_code = {pattern.code: pattern for pattern in scenario.patterns}
    usable: set[str] = set()
    for person in skilled:
        usable.update(person.patterns or by_code)
    patterns = [by_code[code] for code in sorted(usable) if code in by_code]
    if not patterns:
        return np.asarray(fallback, dtype=bool)
    minutes = 24 * 60 // slots
    covered = np.zeros((len(dates) + 1, slots), dtype=bool)
    for i, day in enumerate(dates):
        for pattern in patterns:
            if day.weekday() in pattern.days:
                _mark(covered, i, pattern, minutes, slots)
    covered = covered[: len(dates)]
    if not channel.open_on_bank_holidays and dates:
        closed = bank_holidays(scenario.settings.region, dates[0], dates[-1])
        for i, day in enumerate(dates):
            if day in closed:
                covered[i] = False
    return covered.ravel()


def _mark(covered: np.ndarray, day: int, pattern: ShiftPattern, minutes: int, slots: int) -> None:
    """Mark the intervals a shift starting on `day` covers, spilling past midnight into the next."""
    first = (pattern.start.hour * 60 + pattern.start.minute) // minutes
    count = -(-pattern.length_minutes // minutes)
    for slot in range(first, first + count):
        covered[day + slot // slots, slot % slots] = True


@dataclass(frozen=True, eq=False)
class EmailWork:
    """Email work over a plan's timeline of intervals (flattened date by date)."""

    agents: np.ndarray  # advisors needed on email in each interval
    done_seconds: np.ndarray  # email work done in each interval, after spreading
    deferred_share: np.ndarray  # share of each interval's arriving email worked in a later one
    average_delay_seconds: np.ndarray  # average time from arrival interval to working interval


def email_agents(
    work_seconds: np.ndarray,
    open_intervals: np.ndarray,
    window_seconds: float,
    interval_seconds: float,
    max_occupancy: float | None = None,
) -> EmailWork:
    """Advisors needed on email when each interval's email is answered within its response window.

    The rule: email arriving in an interval must be worked by the end of its response window,
    which covers that interval and the following ones, window_seconds // interval_seconds
    intervals in all (at least one), cut at the end of the plan. Its work (volume x handle time)
    is spread evenly over the open intervals of the window (see `working_intervals`). If the
    window has no open interval, all of it falls in the window's last interval, to be answered
    in time anyway.
    An interval then needs ceil(work done in it / interval seconds / (max_occupancy or 1))
    advisors. Work is conserved: the work done over the plan equals the work that arrives.
    """
    work = np.asarray(work_seconds, dtype=float)
    is_open = np.asarray(open_intervals, dtype=bool)
    size = work.size
    span = max(1, int(window_seconds // interval_seconds))
    here = np.arange(size)
    end = np.minimum(here + span, size)  # one past the window's last interval
    open_before = np.concatenate([[0], np.cumsum(is_open)])
    open_count = open_before[end] - open_before[here]
    share = np.where(open_count > 0, work / np.maximum(open_count, 1), 0.0)
    # Work done in open interval j is the shares of the arrivals whose windows cover j, which are
    # the intervals max(0, j - span + 1) .. j; prefix sums keep an idle interval exactly 0.
    share_before = np.concatenate([[0.0], np.cumsum(share)])
    first = np.maximum(here - span + 1, 0)
    done = np.where(is_open, np.maximum(share_before[here + 1] - share_before[first], 0.0), 0.0)
    nowhere = (open_count == 0) & (work > 0)
    np.add.at(done, end[nowhere] - 1, work[nowhere])

    capacity = interval_seconds * (max_occupancy or 1.0)
    agents = np.ceil(np.round(done / capacity, 9)).astype(int)

    index_before = np.concatenate([[0], np.cumsum(np.where(is_open, here, 0))])
    open_index_sum = index_before[end] - index_before[here]
    mean_index = np.where(open_count > 0, open_index_sum / np.maximum(open_count, 1), end - 1)
    arriving = work > 0
    kept = np.where(open_count > 0, is_open / np.maximum(open_count, 1), (end - 1 == here) * 1.0)
    return EmailWork(
        agents=agents,
        done_seconds=done,
        deferred_share=np.where(arriving, 1.0 - kept, 0.0),
        average_delay_seconds=np.where(arriving, (mean_index - here) * interval_seconds, 0.0),
    )
