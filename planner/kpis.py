"""What a rota achieves, in the few figures a manager compares: hours, cost, service, caseload.

`kpis_of` turns an assessment (the checker's account of a rota) into a `Kpis`: the paid hours,
what the rota costs (`planner.plan.Costs`, its total and parts), service on each live channel,
caseload on each queue, the avoidable contacts chasing cases, and every broken rule. The command
line, the rota workbook's KPIs sheet and the window's KPI strip all show these figures, worded
by `planner.words`; `Kpis.as_dict()` is the same as plain data, for --json.

Service on a live channel is averaged over its intervals: service level and abandonment weighted
by contacts, average wait weighted by the contacts answered (those who did not give up).

A queue's on-time rate is the share of the cases it dealt with that met their deadline: cases
closed by their deadline, over cases closed plus cases still open past their deadline when the
plan ends. It comes from the caseload days alone. Work closes the oldest cases first and a
queue's deadlines follow the order cases arrive in, so the cases closed on a day are first those
already overdue the evening before; the late closures on day d are min(done on d, overdue at the
end of d - 1). Before the first day, the overdue cases are the backlog already past its deadline
when the plan starts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from planner.avoidable import weekly_figures
from planner.calendar import due_date
from planner.model import CaseQueue, Scenario
from planner.plan import Assessment, Breach, CaseDay, Costs, IntervalService
from planner.words import COST_PARTS, to_pence

SLACK = 1e-9  # a figure this close to its target meets it


@dataclass(frozen=True)
class ChannelFigures:
    """A live channel over the plan. A figure is None when the channel had no contacts.

    The average wait is over the intervals whose queue clears; `never_answered` counts the
    intervals so overloaded, with callers who never hang up (no patience), that their queue
    never clears: they are said apart, so that one such interval does not make the whole
    channel's wait endless. It is infinite only when no interval's queue clears."""

    channel: str
    volume: float
    service_level: float | None
    asa_seconds: float | None
    abandon_rate: float | None
    target: float | None = None  # the channel's service level target
    never_answered: int = 0  # intervals whose queue never clears

    @property
    def below_target(self) -> bool:
        return (self.service_level is not None and self.target is not None
                and self.service_level + SLACK < self.target)

    def as_dict(self) -> dict:
        asa = self.asa_seconds
        return {"volume": round(self.volume, 4), "service_level": self.service_level,
                "asa_seconds": asa if asa is not None and math.isfinite(asa) else None,
                "abandon_rate": self.abandon_rate,
                "never_answered_intervals": self.never_answered}


@dataclass(frozen=True)
class QueueFigures:
    """A case queue (or email) over the plan; the on-time rate is None with nothing dealt with."""

    queue: str
    arrivals: float
    done: float
    on_time_rate: float | None
    overdue_cases: float
    max_backlog: float
    target: float | None = None  # the queue's on-time target (email has none)

    @property
    def below_target(self) -> bool:
        return (self.on_time_rate is not None and self.target is not None
                and self.on_time_rate + SLACK < self.target)

    def as_dict(self) -> dict:
        return {"arrivals": round(self.arrivals, 4), "done": round(self.done, 4),
                "on_time_rate": self.on_time_rate,
                "overdue_cases": round(self.overdue_cases, 4),
                "max_backlog": round(self.max_backlog, 4)}


@dataclass(frozen=True)
class AvoidableFigures:
    """Contacts a queue's customers make chasing open cases, and the phone time they take."""

    queue: str
    channel: str | None
    contacts: float
    contacts_per_week: float
    phone_hours: float
    phone_hours_per_week: float
    update_hours: float  # officer time spent on proactive updates
    by_day: tuple[tuple[dt.date, float], ...]

    def as_dict(self) -> dict:
        return {"channel": self.channel, "contacts": self.contacts,
                "contacts_per_week": self.contacts_per_week, "phone_hours": self.phone_hours,
                "phone_hours_per_week": self.phone_hours_per_week,
                "update_hours": self.update_hours,
                "by_day": {date.isoformat(): value for date, value in self.by_day}}


@dataclass(frozen=True)
class Kpis:
    """What a rota achieves. `cost` is what it costs: the one money figure shown for a rota."""

    paid_hours: float
    cover_hours: float
    cost: Costs
    channels: tuple[ChannelFigures, ...]
    queues: tuple[QueueFigures, ...]
    avoidable: tuple[AvoidableFigures, ...]
    breaches: tuple[Breach, ...]

    def channel(self, name: str) -> ChannelFigures | None:
        return next((f for f in self.channels if f.channel == name), None)

    def queue(self, name: str) -> QueueFigures | None:
        return next((f for f in self.queues if f.queue == name), None)

    def as_dict(self) -> dict:
        """Plain JSON-able data: hours, "cost" (its "total" and parts, in pounds), service by
        channel, caseload by queue, avoidable contacts by queue, and the broken rules."""
        return {
            "paid_hours": round(self.paid_hours, 4),
            "cover_hours": round(self.cover_hours, 4),
            "cost": cost_dict(self.cost),
            "channels": {f.channel: f.as_dict() for f in self.channels},
            "queues": {f.queue: f.as_dict() for f in self.queues},
            "avoidable": {f.queue: f.as_dict() for f in self.avoidable},
            "breaches": {"count": len(self.breaches),
                         "list": [breach_record(breach) for breach in self.breaches]},
        }


def kpis_of(scenario: Scenario, assessment: Assessment) -> Kpis:
    """The figures of a rota, from the checker's assessment of it."""
    costs = assessment.costs
    return Kpis(paid_hours=costs.paid_hours, cover_hours=costs.cover_hours, cost=costs,
                channels=channel_service(scenario, assessment.coverage),
                queues=queue_caseload(scenario, assessment.caseload),
                avoidable=avoidable_contacts(scenario, assessment.caseload),
                breaches=tuple(assessment.breaches))


def cost_dict(costs: Costs) -> dict[str, float]:
    """What a rota costs as plain data: the total, then each part, in pounds to the penny
    (rounded as the command line and the workbook show them)."""
    return {"total": to_pence(costs.total)} | {
        name: to_pence(getattr(costs, name)) for name, _ in COST_PARTS}


def channel_service(scenario: Scenario,
                    coverage: tuple[IntervalService, ...]) -> tuple[ChannelFigures, ...]:
    """Service over the plan on each live channel, in the scenario's order, then any other
    channel the coverage names."""
    by_channel: dict[str, list[IntervalService]] = defaultdict(list)
    for row in coverage:
        by_channel[row.channel].append(row)
    live = [c.name for c in scenario.channels if c.kind.is_live]
    targets = {c.name: c.service_level_target for c in scenario.channels}
    names = live + sorted(set(by_channel) - set(live))
    return tuple(_service(name, by_channel.get(name, []), targets.get(name)) for name in names)


def service_on(scenario: Scenario, coverage: Sequence[IntervalService],
               channel: str) -> ChannelFigures | None:
    """Service on one channel over the rows given (a day, a week), or None if none are its."""
    return next((f for f in channel_service(scenario, tuple(coverage)) if f.channel == channel),
                None)


def _service(name: str, rows: list[IntervalService], target: float | None) -> ChannelFigures:
    volume = sum(row.volume for row in rows)
    if volume <= 0:
        return ChannelFigures(name, 0.0, None, None, None, target)
    answered = [(row.volume * (1.0 - row.abandon_rate), row.asa_seconds) for row in rows]
    answered = [(weight, asa) for weight, asa in answered if weight > 0]
    never = sum(1 for _, asa in answered if math.isinf(asa))
    clears = [(weight, asa) for weight, asa in answered if math.isfinite(asa)]
    weight = sum(w for w, _ in clears)
    asa = sum(w * a for w, a in clears) / weight if weight > 0 else math.inf
    return ChannelFigures(
        channel=name, volume=volume,
        service_level=sum(row.volume * row.service_level for row in rows) / volume,
        asa_seconds=asa,
        abandon_rate=sum(row.volume * row.abandon_rate for row in rows) / volume,
        target=target, never_answered=never)


def queue_caseload(scenario: Scenario, caseload: tuple[CaseDay, ...]) -> tuple[QueueFigures, ...]:
    """On-time rate, cases overdue at the end and the largest backlog, per queue and email."""
    by_queue: dict[str, list[CaseDay]] = defaultdict(list)
    for day in caseload:
        by_queue[day.queue].append(day)
    known = [q.name for q in scenario.case_queues]
    known += [c.name for c in scenario.channels if not c.kind.is_live]
    names = known + sorted(set(by_queue) - set(known))
    queues = {q.name: q for q in scenario.case_queues}
    figures = []
    for name in names:
        days = sorted(by_queue.get(name, []), key=lambda day: day.date)
        queue = queues.get(name)
        overdue_before = _overdue_at_start(scenario, queue) if queue is not None else 0.0
        figures.append(_caseload(name, days, overdue_before,
                                 queue.target_on_time if queue is not None else None))
    return tuple(figures)


def _caseload(name: str, days: list[CaseDay], overdue_before: float,
              target: float | None) -> QueueFigures:
    done = sum(day.done for day in days)
    late = 0.0
    overdue = overdue_before
    for day in days:
        late += min(day.done, overdue)
        overdue = day.overdue
    overdue_at_end = days[-1].overdue if days else overdue_before
    dealt_with = done + overdue_at_end
    return QueueFigures(
        queue=name, arrivals=sum(day.arrivals for day in days), done=done,
        on_time_rate=(done - late) / dealt_with if dealt_with > 1e-9 else None,
        overdue_cases=overdue_at_end,
        max_backlog=max((day.backlog for day in days), default=0.0), target=target)


def _overdue_at_start(scenario: Scenario, queue: CaseQueue) -> float:
    start = scenario.settings.plan_start
    return float(sum(entry.count for entry in scenario.backlog
                     if entry.queue == queue.name
                     and due_date(entry.opened_date, queue, scenario.settings.region) < start))


def avoidable_contacts(scenario: Scenario,
                       caseload: tuple[CaseDay, ...]) -> tuple[AvoidableFigures, ...]:
    """Per queue whose customers chase open cases (planner.avoidable)."""
    return tuple(
        AvoidableFigures(queue=name, channel=f["channel"], contacts=f["contacts"],
                         contacts_per_week=f["contacts_per_week"], phone_hours=f["phone_hours"],
                         phone_hours_per_week=f["phone_hours_per_week"],
                         update_hours=f["update_hours"],
                         by_day=tuple((dt.date.fromisoformat(day), value)
                                      for day, value in f["by_day"].items()))
        for name, f in weekly_figures(scenario, caseload).items())


def breach_record(breach: Breach) -> dict:
    """A broken rule as plain data: rule, who, which days, how much, and the sentence."""
    return {
        "rule": breach.rule,
        "staff_ids": list(breach.staff_ids),
        "dates": [day.isoformat() for day in breach.dates],
        "size": breach.size,
        "unit": breach.unit,
        "message": breach.message,
    }
