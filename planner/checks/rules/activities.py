"""What people do within their shifts: only work they are skilled for, and their break."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from planner.checks.rules.base import breach, runs
from planner.checks.rules.names import BREAKS, SKILLS
from planner.checks.timeline import IDLE
from planner.checks.words import clock, day, hours, who
from planner.days import break_intervals, break_window
from planner.plan import BREAK, Breach

if TYPE_CHECKING:
    from planner.checks.view import View


def skills(view: View) -> list[Breach]:
    """Nobody spends time on a channel or case queue they are not skilled for (a break, or
    time with nothing to do, is not skilled work). One breach per shift; the size is the hours
    on work they are not skilled for."""
    width = view.scenario.settings.interval_minutes
    names = view.work.names
    found = []
    for (staff_id, i), shift in view.work.shifts.items():
        person = view.person[staff_id]
        spent = {}
        for k, intervals in zip(*np.unique(shift.activity, return_counts=True), strict=True):
            name = names[k] if k != IDLE else None
            if name is not None and name != BREAK and name not in person.skills:
                spent[name] = intervals * width / 60
        if spent:
            total = sum(spent.values())
            what = " and ".join(f"{hours(h)} on {name}" for name, h in spent.items())
            date = view.days.dates[i]
            found.append(breach(SKILLS, person, [date], total, "hours",
                                f"{who(person)} spends {what} in shift {shift.pattern.code} on "
                                f"{day(date)} without "
                                + ("the skill" if len(spent) == 1 else "those skills")))
    return found


def breaks(view: View) -> list[Breach]:
    """A shift with an unpaid break has a BREAK of that length (in whole intervals) starting
    no earlier than 2 hours into the shift and ending no later than 2 hours before its end
    (anywhere, in a shift under 5 hours). One breach per shift."""
    width = view.scenario.settings.interval_minutes
    rest = view.work.names.index(BREAK)
    found = []
    for (staff_id, i), shift in view.work.shifts.items():
        pattern = shift.pattern
        if not pattern.unpaid_break_minutes:
            continue
        need = break_intervals(pattern, width)
        lo, hi = break_window(pattern, view.start_minute(i, pattern))
        starts = (shift.first + np.arange(shift.activity.size)) * width
        usable = (shift.activity == rest) & (starts >= lo) & (starts + width <= hi)
        if any(last - first + 1 >= need for first, last in runs(usable.tolist())):
            continue
        person = view.person[staff_id]
        date = view.days.dates[i]
        found.append(breach(BREAKS, person, [date], 1, "shifts",
                            f"{who(person)} has no {pattern.unpaid_break_minutes}-minute break "
                            f"between {clock(lo)} and {clock(hi)} in shift {pattern.code} on "
                            f"{day(date)}"))
    return found
