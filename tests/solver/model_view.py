"""The model's own view of a rota, for tests only: held against the checker's account.

A rota's figures, wherever a person sees them, are the checker's (planner.checks.check_rota).
The model prices the rota it searches for in its own way; these helpers read that price back
from the model's variables, so a test can insist that the model and the checker see the same
rota: the same broken rules, by the same amount, for the same people; the same people on each
live channel in each interval; and the same pay, fairness, requests and cover per shift
pattern. (The model values service and overdue cases with linear stand-ins for the real
curves, so those two parts differ by design and are not compared.)

    with model_watched() as views:
        plan = solve(scenario, options)
    assert model_disagreements(scenario, plan, views) == []

The solver's and the hostile inputs' tests watch every solve (an autouse fixture in their
conftest), so `assert_the_model_agrees(scenario, plan)` needs nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from planner.model import Scenario
from planner.plan import Assessment, Costs, Plan
from solver import activities, plans
from solver.rota_model import PENCE

MONEY = 0.02  # pounds: the model keeps each priced term in whole pence
# The parts the model prices as the checker does. Breaches are held by their sizes instead: the
# model prices a breach of hours in whole minutes, up to a minute more than its size.
EXACT_PARTS = ("fairness", "requests", "pattern_cover")


@dataclass
class ModelView:
    """What the model says of one whole plan it settled."""

    rota: dict[tuple[str, dt.date], str]
    breaches: dict[tuple[str, tuple[str, ...]], float]
    parts: dict[str, float]
    planned: dict[tuple[dt.date, dt.time, str], int]
    terms: dict[str, int]  # how many priced terms each part has (for pence rounding)


class Views(list):
    """The model views of a solve's settled plans, and the plans it only sketched (the first
    rota as laid out, when the time ran out before it was completed: rota and activities)."""

    def __init__(self):
        super().__init__()
        self.sketched: list[tuple[tuple, tuple]] = []


_WATCHING: list[Views] = []


@contextmanager
def model_watched() -> Iterator[list[ModelView]]:
    """While inside, each whole plan a solve settles is read back from its model's variables
    into the list yielded (a solve with avoidable contacts settles one a round)."""
    views = Views()
    _WATCHING.append(views)
    tightened, hand_out, sketched = plans.tightened, activities.hand_out, plans.sketched
    settled: list = []

    def watched_sketched(*args, **kwargs):
        plan, start = sketched(*args, **kwargs)
        views.sketched.append((plan.rota, plan.activities))
        return plan, start

    def watched_tightened(m, *args, **kwargs):
        value, values = tightened(m, *args, **kwargs)
        settled.append((m, value))
        return value, values

    def watched_hand_out(facts, service, rota, value):
        timeline = hand_out(facts, service, rota, value)
        if settled and settled[-1][1] is value:
            views.append(_view(settled[-1][0], service, value))
        return timeline

    plans.tightened, activities.hand_out = watched_tightened, watched_hand_out
    plans.sketched = watched_sketched
    try:
        yield views
    finally:
        plans.tightened, activities.hand_out, plans.sketched = tightened, hand_out, sketched
        _WATCHING.pop()  # watches nest: the last one begun ends first


def assert_the_model_agrees(scenario: Scenario, plan: Plan) -> None:
    """Insist that the model saw the plan it returned as the checker judges it (the solve
    having run inside `model_watched`)."""
    assert _WATCHING, "solve inside model_watched() to hold the model to the checker"
    found = model_disagreements(scenario, plan, _WATCHING[-1])
    assert found == [], found


def model_disagreements(scenario: Scenario, plan: Plan, views: list[ModelView]) -> list[str]:
    """Where the model's view of the returned plan differs from the checker's account of it, in
    words; empty when they agree. A plan the search could not complete (only its first rota,
    sketched) has no model view, and has nothing to disagree with; nor has one whose rota an
    earlier round settled but a later one only sketched, with its breaks and work moved."""
    if (plan.rota, plan.activities) in getattr(views, "sketched", ()):
        return []
    patterns = {pattern.code for pattern in scenario.patterns}
    worked = {(c.staff_id, c.date): c.code for c in plan.rota if c.code in patterns}
    # Several settled plans may share the rota (avoidable-contact rounds keep the shifts and
    # move breaks and work): the plan returned is one of them, and must agree with it.
    candidates = [v for v in reversed(views) if v.rota == worked]
    if not candidates:
        return ["the model settled no plan with this rota"] if views else []
    return min((_disagreements(view, plan.assessment) for view in candidates), key=len)


def _disagreements(view: ModelView, checker: Assessment) -> list[str]:
    found = []
    for part in ("pay", *EXACT_PARTS):
        ours, theirs = view.parts.get(part, 0.0), getattr(checker.costs, part)
        allowed = MONEY + view.terms.get(part, 0) * 0.5 / PENCE + 1e-6 * abs(theirs)
        if abs(ours - theirs) > allowed:
            found.append(f"costs.{part}: model {ours:.4f}, checker {theirs:.4f}")
    found += _breaches(view, checker)
    found += _planned(view, checker)
    return found


def differences(first: Assessment, second: Assessment, money: float = MONEY) -> list[str]:
    """Where two accounts of the same rota disagree (a plan's, and the checker's of its rota
    workbook read back, say), in words; empty when they agree."""
    found = []
    for field in fields(Costs):
        ours, theirs = getattr(first.costs, field.name), getattr(second.costs, field.name)
        if abs(ours - theirs) > money + 1e-6 * abs(theirs):
            found.append(f"costs.{field.name}: {ours:.4f} against {theirs:.4f}")
    totals = [_breach_totals(first), _breach_totals(second)]
    for key in sorted(set(totals[0]) | set(totals[1])):
        a, b = totals[0].get(key, 0.0), totals[1].get(key, 0.0)
        if abs(a - b) > 1e-6:
            found.append(f"breach {key[0]} for {', '.join(key[1])}: {a:g} against {b:g}")
    rows = [{(r.date, r.interval_start, r.channel): (r.planned, r.service_level)
             for r in a.coverage if r.volume > 0} for a in (first, second)]
    for key in sorted(set(rows[0]) | set(rows[1])):
        a, b = rows[0].get(key), rows[1].get(key)
        if a is None or b is None or a[0] != b[0] or abs(a[1] - b[1]) > 1e-9:
            found.append(f"coverage {key[2]} {key[0]} {key[1]:%H:%M}: {a} against {b}")
    days = {(r.queue, r.date): r for r in second.caseload}
    for row in first.caseload:
        other = days.get((row.queue, row.date))
        for name in ("arrivals", "done", "backlog", "overdue"):
            if other is None or abs(getattr(row, name) - getattr(other, name)) > 1e-6:
                found.append(f"caseload {row.queue} {row.date} {name}")
    return found[:40]


def _view(m, service, value) -> ModelView:
    facts = m.facts
    rota = {(facts.people[p].staff_id, facts.dates[d]): code
            for (p, d, code), x in m.shift.items() if value(x)}
    breaches: dict[tuple[str, tuple[str, ...]], float] = defaultdict(float)
    for term in m.breaches:
        amount = term.variable if isinstance(term.variable, int) else value(term.variable)
        if amount > 0:
            staff = tuple(facts.people[p].staff_id for p in term.staff)
            breaches[(term.rule, staff)] += round(amount * term.per_unit - term.slack, 9)
    parts: dict[str, float] = dict(m.constant)
    terms: dict[str, int] = defaultdict(int)
    for part, pence, expr in m.terms:
        parts[part] = parts.get(part, 0.0) + pence * value(expr) / PENCE
        terms[part] += 1
    planned: dict[tuple[dt.date, dt.time, str], int] = defaultdict(int)
    start = dt.datetime.combine(facts.dates[0], dt.time())
    for group in service.groups:
        for (t, name), x in group.on_channel.items():
            when = start + dt.timedelta(minutes=t * facts.interval)
            planned[(when.date(), when.time(), name)] += int(value(x))
    return ModelView(rota, dict(breaches), parts, dict(planned), dict(terms))


def _breaches(view: ModelView, checker: Assessment) -> list[str]:
    theirs = _breach_totals(checker)
    found = []
    for key in sorted(set(view.breaches) | set(theirs)):
        a, b = view.breaches.get(key, 0.0), theirs.get(key, 0.0)
        if abs(a - b) > 1e-6:
            found.append(f"breach {key[0]} for {', '.join(key[1])}: model {a:g}, checker {b:g}")
    return found


def _breach_totals(assessment: Assessment) -> dict[tuple[str, tuple[str, ...]], float]:
    totals: dict[tuple[str, tuple[str, ...]], float] = defaultdict(float)
    for breach in assessment.breaches:
        totals[(breach.rule, breach.staff_ids)] += breach.size
    return totals


def _planned(view: ModelView, checker: Assessment) -> list[str]:
    theirs = {(r.date, r.interval_start, r.channel): r.planned for r in checker.coverage
              if r.volume > 0}
    found = []
    for key, count in sorted(theirs.items()):
        if view.planned.get(key, 0) != count:
            found.append(f"planned {key[2]} {key[0]} {key[1]:%H:%M}: model "
                         f"{view.planned.get(key, 0)}, checker {count}")
    return found[:20]
