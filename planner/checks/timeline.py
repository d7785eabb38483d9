"""What each person does in every interval of their shifts, and the service and case work that
adds up to.

Times run in intervals from midnight at the start of the plan's first day, over the plan's days
and one more (for shifts crossing midnight on the last day). A shift holds the intervals wholly
inside it: someone on a 08:45-12:15 shift is not counted at 08:00-09:00 or 12:00-13:00 when
intervals are an hour long.

An activity holds the intervals of its shift it overlaps; where a person's activities overlap,
the one starting later counts. Activities outside a worked cell are ignored: the cell decides.

A worked cell with no activities at all (a rota edited by hand) gets a default day:
- the BREAK (for a pattern with an unpaid break) starts on the interval grid inside its
  allowed window, the breaks of those filled by default on the same pattern and day spread
  evenly over its starts (of n people, the i-th from 0 takes start (2i + 1) / 2n of the way
  along), so that no start has more than its share; one person alone starts in the middle;
- each other interval goes to the person's live skill with the largest shortfall (advisors
  needed less those planned so far) in that interval, when one is short at all (ties to the
  skill listed first); else to their first email or case queue skill, else to their first
  skill. People without skills are idle. People are filled in Staff order, then date order,
  each seeing those planned by hand and those filled before them.

A person is not present while away (a whole-day or part-day absence overlapping the interval):
their activities then count for neither service nor case work, though their plan is still
checked for skills and breaks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.days import break_intervals, break_window, shift_start
from planner.demand import DemandGrid
from planner.model import Scenario, ShiftPattern, Staff, StaffId
from planner.plan import BREAK, Activity

IDLE = -1


@dataclass(frozen=True, eq=False)
class ShiftWork:
    """One shift's activities, interval by interval (indexes into `Work.names`, IDLE for none)."""

    staff_id: StaffId
    day: int
    pattern: ShiftPattern
    first: int  # the shift's first interval on the plan's timeline
    activity: np.ndarray
    by_default: bool


@dataclass(frozen=True, eq=False)
class Work:
    """Every shift's activities (in Staff order, then date order) and what they add up to.

    planned[d, i, k]: people present on channel k in interval i of plan day d.
    minutes[name][d]: minutes people present spent on a case queue or email channel on day d.
    """

    names: tuple[str, ...]
    shifts: dict[tuple[StaffId, int], ShiftWork]
    planned: np.ndarray
    minutes: dict[str, np.ndarray]


def place_work(scenario: Scenario, codes: dict[StaffId, tuple[str, ...]],
               patterns: dict[str, ShiftPattern], activities: Sequence[Activity],
               grid: DemandGrid, required: np.ndarray,
               away: dict[StaffId, tuple[tuple[int, int], ...]]) -> Work:
    """Each worked cell's activities, given or filled by default, on the interval grid."""
    settings = scenario.settings
    width, slots, days = settings.interval_minutes, settings.intervals_per_day, settings.plan_days
    length = (days + 1) * slots
    names = [str(c.name) for c in scenario.channels] + [str(q.name) for q in scenario.case_queues]
    names.append(BREAK)
    index = {name: i for i, name in enumerate(names)}
    origin = dt.datetime.combine(settings.plan_start, dt.time())

    given: dict[tuple[StaffId, int], list[Activity]] = defaultdict(list)
    day_of = {d: i for i, d in enumerate(settings.dates)}
    for activity in activities:
        day = day_of.get(activity.date)
        if day is not None and activity.staff_id in codes:
            given[activity.staff_id, day].append(activity)
            if activity.activity not in index:
                index[activity.activity] = len(names)
                names.append(activity.activity)

    present = {p.staff_id: _presence(away.get(p.staff_id, ()), length, width)
               for p in scenario.staff}
    live = [k for k, c in enumerate(scenario.channels) if c.kind.is_live]
    needed = np.zeros((length, len(names)))
    needed[: days * slots, : len(scenario.channels)] = required.reshape(days * slots, -1)
    planned = np.zeros((length, len(names)))

    shifts: dict[tuple[StaffId, int], ShiftWork] = {}
    to_fill = []
    for person in scenario.staff:
        for day, code in enumerate(codes[person.staff_id]):
            pattern = patterns.get(code)
            if pattern is None:
                continue
            start = shift_start(pattern, day)
            first = -(-start // width)
            count = max((start + pattern.length_minutes) // width - first, 0)
            mine = given.get((person.staff_id, day))
            if not mine:
                to_fill.append((person, day, pattern, start, first, count))
                continue
            activity = _given(mine, first, count, width, origin, index)
            shifts[person.staff_id, day] = ShiftWork(person.staff_id, day, pattern, first,
                                                     activity, by_default=False)
            _count(planned, activity, first, present[person.staff_id])

    live_skills = set(live)
    sharing = Counter((pattern.code, day) for _, day, pattern, *_ in to_fill)
    placed: Counter = Counter()
    for person, day, pattern, start, first, count in to_fill:
        turn = (placed[(pattern.code, day)], sharing[(pattern.code, day)])
        placed[(pattern.code, day)] += 1
        activity = _default_day(person, pattern, start, first, count, width, index,
                                live_skills, needed, planned, present[person.staff_id], turn)
        shifts[person.staff_id, day] = ShiftWork(person.staff_id, day, pattern, first,
                                                 activity, by_default=True)
        _count(planned, activity, first, present[person.staff_id])

    rank = {p.staff_id: i for i, p in enumerate(scenario.staff)}
    shifts = dict(sorted(shifts.items(), key=lambda item: (rank[item[0][0]], item[0][1])))
    per_day = planned[: days * slots].reshape(days, slots, -1)
    minutes = {name: per_day[:, :, index[name]].sum(axis=1) * width
               for name in names if name != BREAK and index[name] not in live_skills}
    return Work(names=tuple(names), shifts=shifts,
                planned=per_day[:, :, : len(scenario.channels)].round().astype(int),
                minutes=minutes)


def _presence(spans: tuple[tuple[int, int], ...], length: int, width: int) -> np.ndarray:
    """Intervals the person is there for: not overlapping any of their absences."""
    present = np.ones(length, dtype=bool)
    for start, end in spans:
        first, last = max(start // width, 0), min(-(-end // width), length)
        if last > first:
            present[first:last] = False
    return present


def _given(mine: list[Activity], first: int, count: int, width: int, origin: dt.datetime,
           index: dict[str, int]) -> np.ndarray:
    activity = np.full(count, IDLE)
    for item in sorted(mine, key=lambda a: a.start):
        start = (item.start - origin) / dt.timedelta(minutes=1)
        end = (item.end - origin) / dt.timedelta(minutes=1)
        lo = max(int(start // width), first) - first
        hi = min(int(-(-end // width)), first + count) - first
        if hi > lo:
            activity[lo:hi] = index[item.activity]
    return activity


def _count(planned: np.ndarray, activity: np.ndarray, first: int, present: np.ndarray) -> None:
    here = np.arange(first, first + activity.size)
    working = (activity != IDLE) & present[here]
    np.add.at(planned, (here[working], activity[working]), 1)


def _break_start(pattern: ShiftPattern, start: int, width: int, size: int,
                 turn: tuple[int, int]) -> int:
    """Where the i-th of n default breaks of a pattern and day starts, in minutes: spread
    evenly over the grid starts that keep the break inside its window; when none does, the
    middle of the window, rounded down to the grid (up, if that would start it too early)."""
    lo, hi = break_window(pattern, start)
    starts = list(range(-(-lo // width) * width, hi - size * width + 1, width))
    if starts:
        i, n = turn
        return starts[min(len(starts) - 1, (2 * i + 1) * len(starts) // (2 * n))]
    middle = (lo + hi - size * width) // 2 // width * width
    return middle if middle >= lo else -(-lo // width) * width


def _default_day(person: Staff, pattern: ShiftPattern, start: int, first: int, count: int,
                 width: int, index: dict[str, int], live: set[int], needed: np.ndarray,
                 planned: np.ndarray, present: np.ndarray,
                 turn: tuple[int, int] = (0, 1)) -> np.ndarray:
    """A default day for a worked cell with no activities (module doc); `turn`: this person's
    place among the n filled by default on the same pattern and day, (i, n)."""
    activity = np.full(count, IDLE)
    if pattern.unpaid_break_minutes:
        size = break_intervals(pattern, width)
        at = min(max(_break_start(pattern, start, width, size, turn) // width - first, 0),
                 max(count - size, 0))
        activity[at: at + size] = index[BREAK]
    skills = [index[s] for s in person.skills if s in index]
    if not skills:
        return activity
    others = [k for k in skills if k not in live]
    fallback = others[0] if others else skills[0]
    choice = np.full(count, fallback)
    mine = [k for k in skills if k in live]
    if mine:
        here = slice(first, first + count)
        shortfall = needed[here][:, mine] - planned[here][:, mine]
        best = np.asarray(mine)[shortfall.argmax(axis=1)]
        choice = np.where(shortfall.max(axis=1) > 0, best, fallback)
    free = activity == IDLE
    activity[free] = choice[free]
    return activity
