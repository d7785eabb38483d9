"""The rota solver: one CP-SAT model of shift patterns, breaks, activities, service and caseload.

    plan = solve(scenario, SolveOptions(time_limit=60), on_progress=print, should_stop=None)

`solve` never raises for a rota that cannot keep every rule: each broken rule is priced and named
in `plan.assessment.breaches`. It reports each better rota through `on_progress` and stops early
when `should_stop()` turns true, keeping the best rota found. It ends within its time limit (the
model's building aside, which cannot be cut short) with the best rota found by then: at the
least the first rota, as completed or, with no time even for that, as built (solver.budget).
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from planner.avoidable import chasing_queues
from planner.model import Scenario
from planner.plan import Plan
from solver import neighbourhoods, plans, polish, relayout, repair
from solver.aims import AIMS
from solver.budget import Budget, report_seconds, workbook_seconds
from solver.caseload import Queue, queue_work
from solver.chasing import Assumed, Chasing
from solver.exact_days import relaxed
from solver.facts import gather
from solver.hint import Start, completed, first_rota
from solver.plans import Found
from solver.rota_model import PENCE, RotaModel
from solver.rounds import first_round, settle
from solver.rules import RULES
from solver.search import SolveOptions, hint_all, repeatable_wall, report_progress, run
from solver.service import Service, plan_service

__all__ = ["SolveOptions", "solve"]

WARM_START_SECONDS = 30.0
RELAX_SHARE = 1.0  # of the time left, at most, for the relaxation the first rota follows
EXACT_BUILDS, COMPLETING_BUILDS = 3.0, 2.0  # times what the model took to build (_first_plan)
LEAST_SEARCH = 0.5  # seconds not worth starting the search for
MEND_SHARE, MEND_SECONDS = 0.1, 10.0  # of the time limit, at most, kept to mend broken rules
SEARCH_SHARE = 0.5  # of the search's time, for CP-SAT's own search first (on a large model)
NEIGHBOURHOOD_SHARE = 0.6  # ... of the rest, for neighbourhoods, before CP-SAT's search again


def solve(scenario: Scenario, options: SolveOptions | None = None, on_progress=None,
          should_stop=None) -> Plan:
    """The least-cost rota for the scenario found within the options' time limit."""
    options = options or SolveOptions()
    started = time.perf_counter()
    wall = repeatable_wall(options.time_limit) if options.repeatable else options.time_limit
    budget = Budget.of(wall, started).keeping(workbook_seconds(scenario))
    if not chasing_queues(scenario):
        return _solve_once(scenario, options, budget, started, on_progress, should_stop)[0]
    return settle(scenario, options, budget, started, on_progress, should_stop, _solve_once)


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


def _solve_once(scenario: Scenario, options: SolveOptions, budget: Budget, started: float,
                on_progress=None, should_stop=None, assumed: Assumed | None = None,
                start: Start | None = None, whole_limit: float | None = None,
                first: bool = False) -> tuple[Plan, Start | None, float]:
    """One solve within `budget`: the plan, where a next solve of the scenario may start from
    it, and the seconds its model took to build.

    With `assumed`, the avoidable contacts it takes as given and their price; `start`, where the
    search starts; `whole_limit`, the time limit of the whole solve when this one is a round of
    it; `first`, when it is the first of several rounds (which takes only its share of the
    budget, see solver.rounds)."""
    begun = time.perf_counter()
    m, service, queues, chasing = build(scenario, options.strict, assumed)
    built = time.perf_counter() - begun
    reporting = report_seconds(scenario)
    if first:
        budget = first_round(budget, built + reporting)
    offset = sum(m.constant.values())
    found = _search(m, service, queues, options, offset, budget.keeping(reporting), started,
                    on_progress, should_stop, start, whole_limit, built)
    if found is None:
        return plans.no_plan(m.facts, time.perf_counter() - started, (), options,
                             m.stages.records), None, built
    if found.solver is None:
        return (*plans.sketched(scenario, m, service, found, options, started), built)
    tightening = budget.keeping(reporting / 2)  # the rest of the report comes after it
    seconds = plans.TIGHTEN_SECONDS if options.repeatable else tightening.remaining()
    return (*plans.whole(scenario, m, service, chasing, found, options, started, seconds,
                         tightening.remaining()), built)


def _search(m: RotaModel, service, queues, options: SolveOptions, offset: float,
            budget: Budget, started: float, on_progress, should_stop,
            start: Start | None = None, whole_limit=None, built: float = 0.0) -> Found | None:
    """The best plan found within `budget`; None only when the rules cannot all be kept.

    The search starts from `start` or else the first rota, completed into a whole plan
    (`_first_plan`); if it is stopped before it finds anything better, or finds nothing, that
    plan is kept, with the whole model's relaxation (or 0: no cost is below 0) as its bound. If
    the budget is spent before the first rota is completed, the first rota and its days as laid
    out are kept. `built`: the seconds the model took to build.

    On a large model (solver.neighbourhoods.not_applied) CP-SAT's own search has SEARCH_SHARE of
    the time; neighbourhoods then improve its best rota until they stop paying, and CP-SAT
    searches again from theirs for what is left (a repeatable solve: NEIGHBOURHOOD_SHARE of it
    for the neighbourhoods). CP-SAT's search gives the bound and proves small models; its moves
    stall on large ones, where neighbourhoods keep finding cheaper rotas.
    """
    stop = budget.stop(should_stop)
    kept = _first_plan(m, service, queues, options, offset, budget, stop, start, whole_limit,
                       built)
    warm = kept.solver
    if (should_stop is not None and should_stop()) or budget.remaining() < LEAST_SEARCH:
        m.stages.skipped("search", "stopped, as asked" if should_stop is not None and
                         should_stop() else f"less than {LEAST_SEARCH} s left")
        return kept
    seconds = options.time_limit if options.repeatable else budget.remaining()
    mending = min(MEND_SECONDS, MEND_SHARE * seconds)
    polishing = polish.reserve(m, replace(options, time_limit=seconds))
    breaches = sum(b.variable for b in m.breaches)
    relaying = relayout.reserve(seconds, built, options.repeatable) if service.live else 0.0
    kept_back = polishing + relaying  # for the stages after the search
    searching = seconds - kept_back
    progress: list = []
    bound = kept.bound

    def search(name: str, limit: float, start=None, hinted=False):
        """CP-SAT's own search for `limit` seconds (or units); its solver, status and bound."""
        if hinted:
            hint_all(m.model, start.response_proto.solution)
        began = time.perf_counter()
        solver, status, _ = run(
            m.model, replace(options, time_limit=limit), offset, on_progress, stop, breaches,
            mending, wall=budget.remaining() - kept_back, bound=bound, progress=progress,
            started=started)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        m.stages.ran(name, began, m.pounds(solver.objective_value) if found else None,
                     solver.status_name(status).lower())
        return solver, status, found

    why_not = neighbourhoods.not_applied(m, options)  # empty when neighbourhoods are tried
    first = searching if why_not else SEARCH_SHARE * searching
    solver, status, found = search("search", first)
    if status == cp_model.INFEASIBLE and warm is None:
        return None
    if found:
        bound = max(bound, solver.best_objective_bound / PENCE + offset)
    best = solver if found else warm
    if best is None:
        return kept
    if found and warm is not None and warm.objective_value < solver.objective_value - 0.5:
        best = warm  # the search did not take up its start
    left = (searching - first) * NEIGHBOURHOOD_SHARE if options.repeatable else \
        budget.remaining() - kept_back
    if not why_not and status != cp_model.OPTIMAL and left >= neighbourhoods.LEAST_SECONDS \
            and not (should_stop is not None and should_stop()):
        began = time.perf_counter()
        best, outcome = neighbourhoods.improved(
            m, best, options, left, built, stop, budget.remaining() - kept_back,
            lambda better: report_progress(progress, on_progress, time.perf_counter() - started,
                                           m.pounds(better.objective_value), bound))
        m.stages.ran("neighbourhoods", began, m.pounds(best.objective_value), outcome.note())
        left = (searching - first) * (1 - NEIGHBOURHOOD_SHARE) if options.repeatable else \
            budget.remaining() - kept_back
        if left >= LEAST_SEARCH + built and not (should_stop is not None and should_stop()):
            again, status, found = search("search again", left, best, hinted=True)
            if found:
                bound = max(bound, again.best_objective_bound / PENCE + offset)
                if again.objective_value < best.objective_value - 0.5 or \
                        status == cp_model.OPTIMAL:
                    best = again
        status = cp_model.OPTIMAL if status == cp_model.OPTIMAL else cp_model.FEASIBLE
    else:
        m.stages.skipped("neighbourhoods", why_not or ("the plan is proven best"
                         if status == cp_model.OPTIMAL else "no time left for them"))
    solver = _relaid(m, service, best, options, relaying, built, budget, polishing, stop,
                     started, bound, offset, progress, on_progress)
    kept.progress = progress
    stopped = should_stop is not None and should_stop()
    if status == cp_model.FEASIBLE and repair.broken(m, solver) and not stopped:
        seconds = mending if options.repeatable else min(mending, budget.remaining())
        began = time.perf_counter()
        solver = _bettered(repair.mend(m, solver, options, seconds, should_stop,
                                       budget.remaining()),
                           solver, started, bound, offset, progress, on_progress)
        m.stages.ran("mend", began, m.pounds(solver.objective_value), "rules were broken")
    if status != cp_model.FEASIBLE or stopped or not polishing:
        m.stages.skipped("polish", "the plan is proven best" if status == cp_model.OPTIMAL
                         else "stopped, as asked" if stopped
                         else polish.not_reserved(m, replace(options, time_limit=seconds)))
    else:
        began = time.perf_counter()
        solver = _bettered(polish.polished(m, solver, options, min(polishing, budget.remaining()),
                                           should_stop, budget.remaining()),
                           solver, started, bound, offset, progress, on_progress)
        m.stages.ran("polish", began, m.pounds(solver.objective_value))
    return Found(solver, status, kept.rota, kept.days, bound, progress)


def _relaid(m: RotaModel, service, best, options: SolveOptions, seconds: float, built: float,
            budget: Budget, polishing: float, stop, started: float, bound: float, offset: float,
            progress: list, on_progress):
    """`best` with each day laid out again (solver.relayout) when that costs less, within
    `seconds` and what the budget leaves before the polish; `built`: the seconds the model
    took to build."""
    if best is None or not seconds or stop():
        why = relayout.NO_LIVE if not service.live else \
            relayout.too_short(built, options.repeatable) if not seconds else \
            "no time left for it" if budget.spent() else "stopped, as asked"
        m.stages.skipped("relayout", why)
        return best
    began = time.perf_counter()
    limit = seconds if options.repeatable else min(seconds, budget.remaining() - polishing)
    again = relayout.relaid(m, service, best, options, limit, stop,
                            budget.remaining() - polishing)
    m.stages.ran("relayout", began, m.pounds((again or best).objective_value),
                 "a cheaper layout of the days" if again else "no cheaper layout of the days")
    return best if again is None else _bettered(again, best, started, bound, offset, progress,
                                                on_progress)


def _first_plan(m: RotaModel, service, queues, options: SolveOptions, offset: float,
                budget: Budget, stop, start: Start | None, whole_limit, built: float) -> Found:
    """The plan the search starts from: `start`'s rota and days, or else the first rota, led by
    the whole model's relaxation when it is solved in time; completed into a whole plan when
    there is time, else with its days as first laid out (`Found.solver` None).

    What the model took to build measures what the rest will take, on this machine and this
    model: the relaxation, and laying out a rota's days exactly, each take 4 to 6 times as
    long (30 staff over 84 days: 1.3 s to build, 6.7 s to relax, 6.4 s to lay out), and the
    first rota with its first days and warm start about twice as long. So neither is tried with
    less than EXACT_BUILDS builds' time, and both leave COMPLETING_BUILDS for what follows. A
    repeatable solve does not go by the clock here: each has the allowance as always, and may
    run past it (see solver.search.REPEATABLE_WALL).
    """
    # Completing the first rota takes as long in a round as in a whole solve (2 s for 300
    # people over 4 weeks): its allowance comes from the whole solve's limit, within the round's.
    whole = options.time_limit if whole_limit is None else whole_limit
    limit = options.time_limit if options.repeatable else budget.remaining()  # this solve's
    allowance = min(WARM_START_SECONDS, whole / 4, limit / 2)
    least = 0.0 if options.repeatable else EXACT_BUILDS * built
    completing = 0.0 if options.repeatable else COMPLETING_BUILDS * built
    bound = 0.0
    if start is not None:
        rota, days = start.rota, start.days(m)
        m.stages.skipped("relaxation", "the search starts from the last round's rota")
    else:  # the relaxation leads only advisors' shifts (300 staff over 4 weeks: 10 s of it)
        seconds = allowance if options.repeatable else \
            budget.keeping(completing).share(RELAX_SHARE, allowance)
        relaxation = None
        if not service.live:
            m.stages.skipped("relaxation", "no live channel: the first rota follows contracts")
        elif seconds < least:
            m.stages.skipped("relaxation", f"{seconds:.1f} s left for it, less than the "
                             f"{least:.1f} s ({EXACT_BUILDS:g} times the model's build) it needs")
        else:
            relaxation = relaxed(m, seconds, stop, options.repeatable)
        if relaxation is not None:
            bound = relaxation.bound / PENCE + offset
        if relaxation is not None and relaxation.rota is not None:
            rota, days = relaxation.rota, relaxation.days
        else:
            began = time.perf_counter()
            rota = first_rota(m.facts, service, relaxation and relaxation.shares)
            m.stages.ran("first rota", began, note="led by the relaxation's shares"
                         if relaxation is not None else "led by the contact load")
            days = None
    laying = allowance if options.repeatable else budget.keeping(completing).share(1.0, allowance)
    warm, days = completed(m, service, queues, rota, options, allowance, stop, days, budget,
                           laying if laying >= least else 0.0)
    return Found(warm, cp_model.FEASIBLE, rota, days, bound)


def _bettered(better, solver, started: float, bound: float, offset: float, progress: list,
              on_progress):
    """`better`, the solver holding a rota improved from `solver`'s (mended or polished), or
    `solver` itself; a cheaper rota is reported as progress."""
    if better is not solver:
        report_progress(progress, on_progress, time.perf_counter() - started,
                        better.objective_value / PENCE + offset, bound)
    return better
