"""The rota solver: one CP-SAT model of shift patterns, breaks, activities, service and caseload.

    plan = solve(scenario, SolveOptions(time_limit=60), on_progress=print, should_stop=None)

`solve` never raises for a rota that cannot keep every rule: each broken rule is priced and named
in `plan.assessment.breaches`. It reports each better rota through `on_progress` and stops early
when `should_stop()` turns true, keeping the best rota found.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from planner.avoidable import avoidable_volume, chasing_queues
from planner.demand import demand_grid
from planner.model import Scenario
from planner.plan import BANK_HOLIDAY, OFF, Assessment, Costs, Plan, RotaCell, SolveStatus
from solver import activities, polish, repair, report
from solver.aims import AIMS
from solver.caseload import Queue, queue_work
from solver.chasing import Assumed, Chasing
from solver.exact_days import relaxed
from solver.facts import Facts, gather
from solver.hint import Start, complete, first_rota
from solver.rota_model import PENCE, RotaModel
from solver.rounds import settle
from solver.rules import RULES
from solver.search import SolveOptions, new_solver, relative_gap, report_progress, run
from solver.service import Service, plan_service

__all__ = ["SolveOptions", "solve"]

TIGHTEN_SECONDS = 10.0
WARM_START_SECONDS = 30.0
FINISHING_SECONDS = 3.0
MEND_SHARE, MEND_SECONDS = 0.1, 10.0  # of the time limit, at most, kept to mend broken rules


def solve(scenario: Scenario, options: SolveOptions | None = None, on_progress=None,
          should_stop=None) -> Plan:
    """The least-cost rota for the scenario found within the options' time limit."""
    options = options or SolveOptions()
    started = time.perf_counter()
    if not chasing_queues(scenario):
        return _solve_once(scenario, options, started, on_progress, should_stop)[0]
    return settle(scenario, options, started, on_progress, should_stop, _solve_once)


def build(scenario: Scenario, strict: bool = False, assumed: Assumed | None = None
          ) -> tuple[RotaModel, Service, list[Queue], Chasing]:
    """The whole model of the scenario: every rule and aim, service on the live channels, and
    case work (with `assumed`, the avoidable contacts taken as given), with its objective."""
    m = RotaModel(gather(scenario), strict=strict)
    for rule in RULES:
        rule(m)
    for aim in AIMS:
        aim(m)
    service = plan_service(m, None if assumed is None else assumed.extra)
    chasing = Chasing()
    queues = queue_work(m, service, assumed, chasing)
    m.model.minimize(m.objective())
    return m, service, queues, chasing


def _solve_once(scenario: Scenario, options: SolveOptions, started: float, on_progress=None,
                should_stop=None, assumed: Assumed | None = None, start: Start | None = None,
                whole_limit: float | None = None) -> tuple[Plan, Start | None]:
    """One solve: the plan, and where a next solve of the scenario may start from it.

    With `assumed`, the avoidable contacts it takes as given and their price; `start`, where the
    search starts; `whole_limit`, the time limit of the whole solve when this one is a round of
    it."""
    m, service, queues, chasing = build(scenario, options.strict, assumed)
    facts = m.facts
    offset = sum(m.constant.values())
    found = _search(m, service, queues, options, offset, started, on_progress, should_stop,
                    start, whole_limit)
    if found is None:
        return _no_plan(facts, time.perf_counter() - started, (), options), None
    solver, status, progress, bound = found
    value, values = _tightened(m, solver, options)
    rota = _rota(m, value)
    timeline = activities.hand_out(facts, service, rota, value)
    updates = tuple(sorted(name for name, x in chasing.updates.items() if value(x)))
    cases = report.caseload(facts, timeline, updates)
    if assumed is not None:  # service as the rota's own backlog makes it, not as assumed
        grid = demand_grid(scenario)
        service.serve_avoidable(facts, grid, avoidable_volume(scenario, grid, cases))
    coverage = report.coverage(facts, service, timeline)

    def code_of(p: int, d: int) -> str:
        return rota.get((p, d), "")

    broken = report.breaches(m, value, code_of)
    assessment = Assessment(
        coverage=tuple(coverage),
        caseload=tuple(cases),
        breaches=tuple(broken),
        costs=report.costs(m, value, rota, report.service_cost(facts, coverage), cases, broken),
    )
    objective = sum(pence * value(expr) for _, pence, expr in m.terms) / PENCE + offset
    plan = Plan(
        status=SolveStatus.OPTIMAL if status == cp_model.OPTIMAL else SolveStatus.FEASIBLE,
        rota=_cells(facts, rota),
        activities=tuple(activities.as_blocks(facts, rota, timeline)),
        assessment=assessment,
        objective=objective,
        bound=min(bound, objective),
        gap=relative_gap(objective, min(bound, objective)),
        wall_seconds=time.perf_counter() - started,
        progress=tuple(progress),
        seed=options.seed,
        workers=options.workers,
        updates=updates,
    )
    return plan, Start.of(m, rota, values)


def _search(m: RotaModel, service, queues, options: SolveOptions, offset: float,
            started: float, on_progress, should_stop, start: Start | None = None,
            whole_limit=None):
    """(solver holding the best plan, status, progress, bound), or None when there is none.

    The search starts from `start` or else the first rota, completed into a whole plan; if it is
    stopped before it finds anything better, or finds nothing, that plan is kept, with 0 as its
    bound (no cost is below 0).
    """
    # Completing the first rota takes as long in a round as in a whole solve (14 s for 300
    # people over 4 weeks): its budget comes from the whole solve's limit, within the round's.
    whole = options.time_limit if whole_limit is None else whole_limit
    budget = min(WARM_START_SECONDS, whole / 4, options.time_limit / 2)
    if start is not None:
        rota, days = start.rota, start.days(m)
    else:  # the relaxation leads only advisors' shifts (300 staff over 4 weeks: 19 s of it)
        relaxation = relaxed(m, budget, should_stop) if service.live else None
        if relaxation is not None and relaxation.rota is not None:
            rota, days = relaxation.rota, relaxation.days
        else:
            rota = first_rota(m.facts, service, relaxation and relaxation.shares)
            days = None
    warm = complete(m, service, queues, rota, options, budget, should_stop, days)
    if should_stop is not None and should_stop():
        return (warm, cp_model.FEASIBLE, [], 0.0) if warm is not None else None
    if not options.repeatable:  # a repeatable search counts the solver's own time instead
        used = time.perf_counter() - started
        finish = min(FINISHING_SECONDS, options.time_limit * 0.05)  # for the report after it
        options = replace(options, time_limit=max(1.0, options.time_limit - used - finish))
    mending = min(MEND_SECONDS, MEND_SHARE * options.time_limit)
    polishing = polish.reserve(m, options)
    breaches = sum(b.variable for b in m.breaches)
    solver, status, progress = run(
        m.model, replace(options, time_limit=options.time_limit - polishing), offset,
        on_progress, should_stop, breaches, mending)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = solver.best_objective_bound / PENCE + offset
        stopped = should_stop is not None and should_stop()
        if status == cp_model.FEASIBLE and repair.broken(m, solver) and not stopped:
            solver = _bettered(repair.mend(m, solver, options, mending, should_stop), solver,
                               started, bound, offset, progress, on_progress)
        if status == cp_model.FEASIBLE and polishing and not stopped:
            solver = _bettered(polish.polished(m, solver, options, polishing, should_stop),
                               solver, started, bound, offset, progress, on_progress)
        return solver, status, progress, bound
    return (warm, cp_model.FEASIBLE, progress, 0.0) if warm is not None else None


def _bettered(better, solver, started: float, bound: float, offset: float, progress: list,
              on_progress):
    """`better`, the solver holding a rota improved from `solver`'s (mended or polished), or
    `solver` itself; a cheaper rota is reported as progress."""
    if better is not solver:
        report_progress(progress, on_progress, time.perf_counter() - started,
                        better.objective_value / PENCE + offset, bound)
    return better


def _tightened(m: RotaModel, solver: cp_model.CpSolver, options: SolveOptions):
    """Values for the best rota with every breach and aim variable as small as that rota allows
    (as a function of a model expression, and variable by variable).

    A rota found part-way through a search may leave a breach variable higher than its rota
    needs; re-solving with the shifts fixed settles them, so reported breaches are exact.
    """
    for x in list(m.shift.values()) + list(m.works.values()) + m.decisions:
        m.model.add(x == solver.value(x))
    m.model.clear_hints()
    polish = new_solver(options, TIGHTEN_SECONDS, workers=1)
    status = polish.solve(m.model)
    best = polish if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver

    def value(expr) -> int:
        return expr if isinstance(expr, int) else int(best.value(expr))

    return value, tuple(best.response_proto.solution)


def _rota(m: RotaModel, value) -> dict[tuple[int, int], str]:
    """(person, day) -> the shift pattern worked, for the days worked."""
    return {(p, d): code for (p, d, code), x in m.shift.items() if value(x)}


def _cells(facts: Facts, rota: dict[tuple[int, int], str]) -> tuple[RotaCell, ...]:
    """Every person's every day: the shift, the absence, BH for a bank holiday off, or OFF."""
    cells = []
    for p, person in enumerate(facts.people):
        for d, date in enumerate(facts.dates):
            code = rota.get((p, d)) or facts.away_all_day.get((p, d)) or (
                BANK_HOLIDAY if d in facts.holidays else OFF)
            cells.append(RotaCell(person.staff_id, date, code))
    return tuple(cells)


def _no_plan(facts: Facts, wall: float, progress, options: SolveOptions) -> Plan:
    return Plan(SolveStatus.NO_PLAN, _cells(facts, {}), (), Assessment((), (), (), Costs()),
                objective=float("nan"), bound=float("nan"), gap=1.0, wall_seconds=wall,
                progress=tuple(progress), seed=options.seed, workers=options.workers)
