"""A plan from what a search ends with: the rota, each person's day, and the checker's account.

A whole plan gives every model variable a value: its breach and aim variables are first settled
as low as its rota allows (`tightened`, so the search objective is exact), then its breaks and
activities are handed out to people (`whole`). When the time ran out before even the first rota
could be completed into a whole plan, that rota and its breaks and activities laid out the cheap
way (`first_days`) are all there is (`sketched`). Either way what the rota achieves (service,
caseload, broken rules, costs) is the checker's verdict on the rota and activities alone
(planner.checks.check_rota): the model's own figures are its price for searching, never shown.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.checks import check_rota
from planner.model import Scenario
from planner.plan import BANK_HOLIDAY, OFF, Assessment, Costs, Plan, RotaCell, SolveStatus
from solver import activities
from solver.chasing import Chasing
from solver.facts import Facts
from solver.hint import Start
from solver.rota_model import PENCE, RotaModel
from solver.search import SolveOptions, relative_gap, solve_held
from solver.service import Service

TIGHTEN_SECONDS = 10.0
LEAST_TIGHTEN = 0.5  # seconds it is given even when the budget is spent: reported breaches
# should be exact, and this takes well under a second on most plans (30 staff over 84 days: 0.3)


@dataclass
class Found:
    """What a search ends with. `solver` holds its best whole plan, or is None when the time
    ran out before the first rota was completed: then `rota` and `days` (its breaks and
    activities, variable index -> value) are all there is. `bound`: in pounds, what no plan of
    the model costs less than (0 when nothing better is proved)."""

    solver: cp_model.CpSolver | None
    status: int
    rota: dict[tuple[int, int], str]
    days: dict[int, int]
    bound: float = 0.0
    progress: list = field(default_factory=list)


def whole(scenario: Scenario, m: RotaModel, service: Service, chasing: Chasing, found: Found,
          options: SolveOptions, started: float, seconds: float, wall: float = math.inf
          ) -> tuple[Plan, Start]:
    """The plan `found.solver` holds, its breach and aim variables settled within `seconds`
    (and `wall` seconds by the clock), judged by the checker, and where a next solve may start
    from it."""
    facts = m.facts
    began = time.perf_counter()
    value, values = tightened(m, found.solver, options, seconds, wall)
    rota = {(p, d): code for (p, d, code), x in m.shift.items() if value(x)}
    timeline = activities.hand_out(facts, service, rota, value)
    blocks = tuple(activities.as_blocks(facts, rota, timeline))
    updates = tuple(sorted(name for name, x in chasing.updates.items() if value(x)))
    assessment = check_rota(scenario, _cells(facts, rota), blocks, updates)
    objective = sum(pence * value(expr) for _, pence, expr in m.terms) / PENCE + sum(
        m.constant.values())
    status = SolveStatus.OPTIMAL if found.status == cp_model.OPTIMAL else SolveStatus.FEASIBLE
    m.stages.ran("settle", began, objective, "breaches and aims settled, each person's day "
                 "handed out and judged by the checker")
    plan = _plan(facts, status, rota, blocks, assessment, objective, found, options, started,
                 updates, m.stages.records)
    return plan, Start.of(m, rota, values)


def sketched(scenario: Scenario, m: RotaModel, service: Service, found: Found,
             options: SolveOptions, started: float) -> tuple[Plan, Start]:
    """The first rota as built, with `found.days` for its breaks and activities, judged by the
    checker (no proactive updates), and where a next solve may start from it."""
    facts = m.facts

    def value(expr) -> int:
        return expr if isinstance(expr, int) else found.days.get(expr.index, 0)

    timeline = activities.hand_out(facts, service, found.rota, value)
    blocks = tuple(activities.as_blocks(facts, found.rota, timeline))
    assessment = check_rota(scenario, _cells(facts, found.rota), blocks)
    m.stages.skipped("settle", "the time ran out before the first rota was completed: it "
                     "is kept with its days as first laid out")
    plan = _plan(facts, SolveStatus.FEASIBLE, found.rota, blocks, assessment,
                 assessment.objective, found, options, started, stages=m.stages.records)
    variables = m.model.proto.variables
    return plan, Start(found.rota, {variables[i].name: v for i, v in found.days.items()
                                    if i in m.decision_days})


def tightened(m: RotaModel, solver: cp_model.CpSolver, options: SolveOptions, seconds: float,
              wall: float = math.inf):
    """Values for the best rota with every breach and aim variable as small as that rota allows
    (as a function of a model expression, and variable by variable), settled within `seconds`
    (`wall` by the clock; LEAST_TIGHTEN at the least); the solver's own values when they were
    not settled in that time.

    A rota found part-way through a search may leave a breach variable higher than its rota
    needs; re-solving with the shifts and decisions held settles them, so reported breaches are
    exact.
    """
    held = {x.index: solver.value(x) for x in
            list(m.shift.values()) + list(m.works.values()) + m.decisions}
    best = solve_held(m.model, held, options, max(LEAST_TIGHTEN, min(seconds, TIGHTEN_SECONDS)),
                      wall=max(LEAST_TIGHTEN, wall)) or solver

    def value(expr) -> int:
        return expr if isinstance(expr, int) else int(best.value(expr))

    return value, tuple(best.response_proto.solution)


def no_plan(facts: Facts, wall: float, progress, options: SolveOptions, stages=()) -> Plan:
    return Plan(SolveStatus.NO_PLAN, _cells(facts, {}), (), Assessment((), (), (), Costs()),
                objective=float("nan"), bound=float("nan"), gap=1.0, wall_seconds=wall,
                progress=tuple(progress), seed=options.seed, workers=options.workers,
                stages=tuple(stages))


def _plan(facts: Facts, status: SolveStatus, rota: dict[tuple[int, int], str], blocks,
          assessment: Assessment, objective: float, found: Found, options: SolveOptions,
          started: float, updates: tuple[str, ...] = (), stages=()) -> Plan:
    bound = min(found.bound, objective)
    return Plan(status=status, rota=_cells(facts, rota), activities=blocks,
                assessment=assessment, objective=objective, bound=bound,
                gap=relative_gap(objective, bound), wall_seconds=time.perf_counter() - started,
                progress=tuple(found.progress), seed=options.seed, workers=options.workers,
                updates=updates, stages=tuple(stages))


def _cells(facts: Facts, rota: dict[tuple[int, int], str]) -> tuple[RotaCell, ...]:
    """Every person's every day: the shift, the absence, BH for a bank holiday off, or OFF."""
    cells = []
    for p, person in enumerate(facts.people):
        for d, date in enumerate(facts.dates):
            code = rota.get((p, d)) or facts.away_all_day.get((p, d)) or (
                BANK_HOLIDAY if d in facts.holidays else OFF)
            cells.append(RotaCell(person.staff_id, date, code))
    return tuple(cells)
