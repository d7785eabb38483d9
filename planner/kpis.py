"""What a rota achieves, in the few figures a manager compares: hours, cost, service, caseload.

`plan_kpis` turns an assessment (the solver's or the checker's) into plain data that prints, goes
into the rota workbook's KPIs sheet and into a JSON summary as it is.

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

import math
from collections import defaultdict

from planner.avoidable import weekly_figures
from planner.calendar import due_date
from planner.model import CaseQueue, Scenario
from planner.plan import Assessment, Breach, CaseDay, Costs, IntervalService

COST_PARTS = ("pay", "service", "overdue", "fairness", "requests", "pattern_cover", "breaches")


def plan_kpis(scenario: Scenario, assessment: Assessment) -> dict:
    """Hours, cost, service per live channel, caseload per queue and broken rules, JSON-able."""
    costs = assessment.costs
    return {
        "paid_hours": round(costs.paid_hours, 4),
        "cover_hours": round(costs.cover_hours, 4),
        "cost": cost_parts(costs),
        "channels": channel_figures(scenario, assessment.coverage),
        "queues": queue_figures(scenario, assessment.caseload),
        "avoidable": weekly_figures(scenario, assessment.caseload),
        "breaches": {
            "count": len(assessment.breaches),
            "list": [breach_record(breach) for breach in assessment.breaches],
        },
    }


def cost_parts(costs: Costs) -> dict[str, float]:
    """Each part of the objective in pounds, and their total."""
    parts = {name: round(getattr(costs, name), 2) for name in COST_PARTS}
    return parts | {"total": round(costs.total, 2)}


def channel_figures(scenario: Scenario, coverage: tuple[IntervalService, ...]) -> dict:
    """Service over the plan on each live channel; None where a channel has no contacts."""
    by_channel: dict[str, list[IntervalService]] = defaultdict(list)
    for row in coverage:
        by_channel[row.channel].append(row)
    live = [c.name for c in scenario.channels if c.kind.is_live]
    names = live + sorted(set(by_channel) - set(live))
    return {name: _service(by_channel.get(name, [])) for name in names}


def _service(rows: list[IntervalService]) -> dict:
    """None for a figure that has nothing to average, and for an average wait without end
    (callers who never give up, on a channel with too few advisors to ever catch up)."""
    volume = sum(row.volume for row in rows)
    if volume <= 0:
        return {"volume": 0.0, "service_level": None, "asa_seconds": None, "abandon_rate": None}
    answered = [(row.volume * (1.0 - row.abandon_rate), row.asa_seconds) for row in rows]
    answered = [(weight, asa) for weight, asa in answered if weight > 0]
    weight = sum(w for w, _ in answered)
    asa = sum(w * a for w, a in answered) / weight if weight > 0 else None
    return {
        "volume": round(volume, 4),
        "service_level": sum(row.volume * row.service_level for row in rows) / volume,
        "asa_seconds": asa if asa is not None and math.isfinite(asa) else None,
        "abandon_rate": sum(row.volume * row.abandon_rate for row in rows) / volume,
    }


def queue_figures(scenario: Scenario, caseload: tuple[CaseDay, ...]) -> dict:
    """On-time rate, cases overdue at the end and the largest backlog, per queue and email."""
    by_queue: dict[str, list[CaseDay]] = defaultdict(list)
    for day in caseload:
        by_queue[day.queue].append(day)
    known = [q.name for q in scenario.case_queues]
    known += [c.name for c in scenario.channels if not c.kind.is_live]
    names = known + sorted(set(by_queue) - set(known))
    queues = {q.name: q for q in scenario.case_queues}
    figures = {}
    for name in names:
        days = sorted(by_queue.get(name, []), key=lambda day: day.date)
        overdue_before = _overdue_at_start(scenario, queues[name]) if name in queues else 0.0
        figures[name] = _caseload(days, overdue_before)
    return figures


def _caseload(days: list[CaseDay], overdue_before: float) -> dict:
    done = sum(day.done for day in days)
    late = 0.0
    overdue = overdue_before
    for day in days:
        late += min(day.done, overdue)
        overdue = day.overdue
    overdue_at_end = days[-1].overdue if days else overdue_before
    dealt_with = done + overdue_at_end
    return {
        "arrivals": round(sum(day.arrivals for day in days), 4),
        "done": round(done, 4),
        "on_time_rate": (done - late) / dealt_with if dealt_with > 1e-9 else None,
        "overdue_cases": round(overdue_at_end, 4),
        "max_backlog": round(max((day.backlog for day in days), default=0.0), 4),
    }


def _overdue_at_start(scenario: Scenario, queue: CaseQueue) -> float:
    start = scenario.settings.plan_start
    return float(sum(entry.count for entry in scenario.backlog
                     if entry.queue == queue.name
                     and due_date(entry.opened_date, queue, scenario.settings.region) < start))


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
