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

Avoidable contacts (planner.avoidable) are counted at the start of each working day, from the
cases still open then: those past their deadline chase at the overdue rate, those at least
chase_after_days old at the chase rate. With proactive updates on a queue, updating those cases
comes out of the day's work first, and cuts their chasing by the share of updates made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from planner.calendar import due_date, email_due_date, is_working_day
from planner.demand import DemandGrid, case_arrivals, demand_grid
from planner.model import CaseQueue, ChannelKind, Scenario
from planner.plan import CaseDay

if TYPE_CHECKING:
    from planner.checks.view import View

_NOTHING = 1e-9
WORKING_DAYS_A_WEEK = 5


@dataclass
class _Cohort:
    """Cases that arrived together and fall due together."""

    arrived: dt.date
    due: dt.date
    open: float


def caseload(view: View, updates: Collection[str] = ()) -> tuple[CaseDay, ...]:
    """Every case queue, then every email channel, day by day."""
    return caseload_days(view.scenario, view.work.minutes, updates, view.grid)


def caseload_days(scenario: Scenario, minutes: Mapping[str, np.ndarray],
                  updates: Collection[str] = (), grid: DemandGrid | None = None
                  ) -> tuple[CaseDay, ...]:
    """Every case queue, then every email channel, day by day, given the minutes worked on
    each per plan day; `updates` names the queues whose customers get proactive updates."""
    dates = scenario.settings.dates
    region = scenario.settings.region
    days: list[CaseDay] = []
    arrivals = case_arrivals(scenario)
    nothing = np.zeros(len(dates))
    for queue in scenario.case_queues:
        name = str(queue.name)
        backlog = sorted((b for b in scenario.backlog if b.queue == queue.name),
                         key=lambda b: b.opened_date)
        cohorts = [_Cohort(b.opened_date, due_date(b.opened_date, queue, region),
                           float(b.count)) for b in backlog if b.count > 0]
        per_day = arrivals.get(name, nothing)
        due = [due_date(d, queue, region) for d in dates]
        chasing = _Chasing(queue, name in updates,
                           [is_working_day(d, region) for d in dates]) if queue.chases else None
        days += _run(name, dates, per_day, due, minutes.get(name, nothing),
                     queue.effort_minutes, cohorts, chasing)
    if any(c.kind is ChannelKind.EMAIL for c in scenario.channels):
        grid = grid or demand_grid(scenario)
        for k, channel in enumerate(scenario.channels):
            if channel.kind is ChannelKind.EMAIL:
                per_day = grid.volume[:, :, k].sum(axis=1)
                due = [email_due_date(d, channel) for d in dates]
                days += _run(str(channel.name), dates, per_day, due,
                             minutes.get(channel.name, nothing), channel.aht_seconds / 60.0, [])
    return tuple(days)


def overdue_cost(view: View, days: tuple[CaseDay, ...]) -> float:
    """Cases and emails open past their deadline at the end of each day, summed over the days,
    at overdue_case_cost each."""
    return view.rules.overdue_case_cost * float(sum(day.overdue for day in days))


@dataclass(frozen=True)
class _Chasing:
    queue: CaseQueue
    updated: bool
    working: list[bool]

    def start_of_day(self, i: int, day: dt.date, cohorts: list[_Cohort]) -> tuple[float, float]:
        """(avoidable contacts that day before any update, officer minutes updates need)."""
        if not self.working[i]:
            return 0.0, 0.0
        queue = self.queue
        overdue_rate = max(queue.chase_rate, queue.overdue_chase_rate)
        contacts = chasing = 0.0
        for cohort in cohorts:
            if cohort.due < day:
                contacts += overdue_rate * cohort.open
            elif (day - cohort.arrived).days >= queue.chase_after_days:
                contacts += queue.chase_rate * cohort.open
            else:
                continue
            chasing += cohort.open
        if not self.updated:
            return contacts, 0.0
        return contacts, chasing * queue.update_effort_minutes / WORKING_DAYS_A_WEEK


def _run(name: str, dates, arrivals, due, minutes, effort: float, cohorts: list[_Cohort],
         chasing: _Chasing | None = None) -> list[CaseDay]:
    """First in, first out, day by day."""
    days = []
    for i, day in enumerate(dates):
        avoidable = updating = 0.0
        worked = float(minutes[i])
        if chasing is not None:
            avoidable, need = chasing.start_of_day(i, day, cohorts)
            if need > 0:
                updating = min(need, worked)
                worked -= updating
                avoidable *= 1.0 - chasing.queue.update_cuts_chasing * updating / need
        if arrivals[i] > 0:
            cohorts.append(_Cohort(day, due[i], float(arrivals[i])))
        left = worked / effort
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
            avoidable=avoidable,
            update_minutes=updating,
        ))
    return days
