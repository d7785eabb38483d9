"""Case work day by day: cases (and emails) arriving, closed, still open and open past their
deadline, for every case queue and every email channel (named by the channel).

Each day, the day's arrivals join the queue, then the minutes people present spend on it in
that day's intervals close minutes / effort_minutes cases (email: minutes x 60 / the channel's
aht_seconds), oldest first, never more than are open; cases may be closed in part. Cases
arriving on d are due deadline_days later (calendar or working days, see planner.calendar.due_date);
email is due its response window later, rounded up to whole days. The backlog is open when the
plan starts, ahead of new arrivals, and falls due counted from its opened_date. At the end of
each day, the cases due that day or earlier and not yet closed are overdue.

Arrivals follow CaseArrivals: a weekday row repeats on every such day of the plan; dated rows
for a queue replace its weekday rows on that date; rows for one queue and day add up. An email
channel's arrivals are its Demand volume for the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from planner.calendar import due_date, email_due_date
from planner.demand import case_arrivals
from planner.model import ChannelKind
from planner.plan import CaseDay

if TYPE_CHECKING:
    from planner.checks.view import View

_NOTHING = 1e-9


@dataclass
class _Cohort:
    """Cases that arrived together and fall due together."""

    due: dt.date
    open: float


def caseload(view: View) -> tuple[CaseDay, ...]:
    """Every case queue, then every email channel, day by day."""
    scenario, dates = view.scenario, view.days.dates
    region = view.days.region
    days: list[CaseDay] = []
    arrivals = case_arrivals(scenario)
    for queue in scenario.case_queues:
        name = str(queue.name)
        backlog = sorted((b for b in scenario.backlog if b.queue == queue.name),
                         key=lambda b: b.opened_date)
        cohorts = [_Cohort(due_date(b.opened_date, queue, region), float(b.count))
                   for b in backlog if b.count > 0]
        per_day = arrivals.get(name, np.zeros(len(dates)))
        due = [due_date(d, queue, region) for d in dates]
        capacity = _minutes(view, name) / queue.effort_minutes
        days += _run(name, dates, per_day, due, capacity, cohorts)
    for k, channel in enumerate(scenario.channels):
        if channel.kind is ChannelKind.EMAIL:
            name = str(channel.name)
            per_day = view.grid.volume[:, :, k].sum(axis=1)
            due = [email_due_date(d, channel) for d in dates]
            capacity = _minutes(view, name) * 60.0 / channel.aht_seconds
            days += _run(name, dates, per_day, due, capacity, [])
    return tuple(days)


def overdue_cost(view: View, days: tuple[CaseDay, ...]) -> float:
    """Cases and emails open past their deadline at the end of each day, summed over the days,
    at overdue_case_cost each."""
    return view.rules.overdue_case_cost * float(sum(day.overdue for day in days))


def _minutes(view: View, name: str) -> np.ndarray:
    return view.work.minutes.get(name, np.zeros(len(view.days.dates)))


def _run(name: str, dates, arrivals, due, capacity, cohorts: list[_Cohort]) -> list[CaseDay]:
    """First in, first out, day by day."""
    days = []
    for i, day in enumerate(dates):
        if arrivals[i] > 0:
            cohorts.append(_Cohort(due[i], float(arrivals[i])))
        left = float(capacity[i])
        done = 0.0
        for cohort in cohorts:
            if left <= _NOTHING:
                break
            closed = min(left, cohort.open)
            cohort.open -= closed
            left -= closed
            done += closed
        cohorts[:] = [c for c in cohorts if c.open > _NOTHING]
        days.append(CaseDay(
            queue=name,
            date=day,
            arrivals=float(arrivals[i]),
            done=done,
            backlog=sum((c.open for c in cohorts), 0.0),
            overdue=sum((c.open for c in cohorts if c.due <= day), 0.0),
        ))
    return days
