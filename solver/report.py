"""The solver's own account of its rota: service from the real queueing curve, caseload worked
oldest first, breaches from the model's breach variables, and what it all costs."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import numpy as np

from planner.checks.caseload import caseload_days
from planner.erlang import queue_figures
from planner.plan import BREAK, Breach, CaseDay, Costs, IntervalService
from planner.staffing import channel_target, required_agents
from solver.facts import DAY, Facts
from solver.rota_model import PENCE, RotaModel
from solver.service import Service


def coverage(facts: Facts, service: Service,
             timeline: dict[int, dict[int, str]]) -> list[IntervalService]:
    counts: Counter = Counter()
    for intervals in timeline.values():
        for t, activity in intervals.items():
            counts[(t, activity)] += 1
    rows = []
    seconds = facts.interval * 60
    start = dt.datetime.combine(facts.dates[0], dt.time())
    for k, name in enumerate(service.live):
        channel = facts.scenario.channel(name)
        busy = np.flatnonzero(service.volume[:, k] > 0)
        if not busy.size:
            continue
        volume, aht = service.volume[busy, k], service.aht[busy, k]
        avoidable = (np.zeros(busy.size) if service.avoidable is None
                     else service.avoidable[busy, k])
        planned = np.array([counts[(int(t), name)] for t in busy])
        patience = channel.patience_seconds
        figures = queue_figures(volume, seconds, aht, planned * channel.concurrency,
                                channel.target_answer_seconds, patience)
        required, _ = required_agents(volume, seconds, aht, channel_target(channel),
                                      patience, channel.concurrency)
        for i, t in enumerate(busy):
            when = start + dt.timedelta(minutes=int(t) * facts.interval)
            rows.append(IntervalService(
                when.date(), when.time(), name, float(volume[i]), int(required[i]),
                int(planned[i]), float(figures.service_level[i]),
                float(figures.asa_seconds[i]), float(figures.abandon_rate[i]),
                float(avoidable[i])))
    return rows


def service_cost(facts: Facts, rows: list[IntervalService]) -> float:
    rules = facts.scenario.rules
    return sum(r.volume * (rules.missed_contact_cost * (1 - r.service_level)
                           + rules.abandoned_contact_cost * r.abandon_rate) for r in rows)


def caseload(facts: Facts, timeline: dict[int, dict[int, str]], updates: tuple[str, ...]
             ) -> tuple[CaseDay, ...]:
    """Case and email work day by day as the rota's activities do it, counted by the checker's
    own rules (planner.checks.caseload), avoidable contacts included."""
    worked: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(facts.days))
    for intervals in timeline.values():
        for t, activity in intervals.items():
            day = t * facts.interval // DAY
            if activity != BREAK and day < facts.days:
                worked[activity][day] += facts.interval
    return caseload_days(facts.scenario, worked, updates)


def breaches(m: RotaModel, value, code_of) -> list[Breach]:
    out = []
    for term in m.breaches:
        amount = value(term.variable) if not isinstance(term.variable, int) else term.variable
        if amount <= 0:
            continue
        size = amount * term.per_unit - term.slack
        out.append(Breach(
            term.rule, tuple(m.facts.people[p].staff_id for p in term.staff),
            tuple(m.facts.dates[d] for d in term.days if d < m.facts.days), round(size, 9),
            term.unit, term.describe(size, code_of)))
    return out


def costs(m: RotaModel, value, rota: dict[tuple[int, int], str], service_pounds: float,
          cases: list[CaseDay], broken: list[Breach]) -> Costs:
    facts = m.facts
    parts: dict[str, float] = dict(m.constant)
    for part, pence, expr in m.terms:
        parts[part] = parts.get(part, 0.0) + pence * value(expr) / PENCE
    paid = cover = pay = 0.0
    for (p, _), code in rota.items():
        if code in facts.patterns:
            hours = facts.patterns[code].paid_minutes / 60
            paid += hours
            cover += hours if facts.people[p].cover else 0.0
            pay += hours * facts.rate(facts.people[p])
    overdue = facts.scenario.rules.overdue_case_cost * sum(c.overdue for c in cases)
    return Costs(
        paid_hours=paid, cover_hours=cover, pay=pay, service=service_pounds,
        overdue=overdue, fairness=parts.get("fairness", 0.0),
        requests=parts.get("requests", 0.0), pattern_cover=parts.get("pattern_cover", 0.0),
        breaches=facts.scenario.rules.breach_cost * sum(b.size for b in broken))
