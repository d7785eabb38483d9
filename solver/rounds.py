"""Settling avoidable contacts: solve, see what backlog the rota leaves, solve again.

Customers chase cases that wait, so the phones' demand depends on the rota's case work, which
depends on the phones. Each round solves with the avoidable contacts the previous rota caused
(none at first) served like any other contact, and with the price of one more contact at that
rota's staffing (at first, at the staffing the targets need), so that case work and proactive
updates are weighed against the calls they prevent. Rounds stop when the avoidable contacts the
rota causes are within SETTLED of those it was solved with (or move by a NEGLIGIBLE share of all
the contacts on their channels), after MAX_ROUNDS, when the time is up, or when a stop is asked
for. Once settled, the time left goes on one more solve on the same footing from the rota found,
and the better of the two is kept. The plan's service counts the avoidable contacts of its own
backlog, and `Plan.avoidable_rounds` lists each round's assumption and, last, what the plan
itself causes.

The first round has about a third of the time, to learn what backlog a good rota leaves: a
third of what is left once its model is built, after setting aside what a later round spends
besides searching (building its model again, its report); it has all the time when that would
leave either round too little to search in, as on a large plan with a short limit. The next
round has all the time left (usually the rounds have settled by then), or, when the first
round has already settled, the time left goes on the one more solve from its plan. All of it
comes out of the whole solve's budget (solver.budget); a round is started only when what is
left covers what it spends besides searching and LEAST_ROUND more. Each round
starts from the previous round's rota, breaks and activities, so that it starts near where the
last left off rather than from that rota with first-guess activities. (Splitting the time into
more, shorter rounds cost more than it gained: each round builds and presolves its model
afresh. On the one-week sample in 10 s, three solves of 6.7, 1.7 and 1.7 s ended 5-7% from the
bound; two of 3.3 and 6.7 s, about 2%.)
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from planner.avoidable import (
    avoidable_volume,
    chase_channel,
    chasing_queues,
    contact_price,
    with_avoidable,
)
from planner.demand import demand_grid
from planner.model import Scenario
from planner.plan import Plan, Progress, SolveStatus
from planner.staffing import required_grid
from solver.budget import Budget, report_seconds
from solver.chasing import Assumed
from solver.search import SolveOptions, relative_gap

MAX_ROUNDS = 4
SETTLED = 0.02  # share of the avoidable contacts by which a round may still move them
NEGLIGIBLE = 0.002  # ... or share of all the contacts on their channels
FIRST_SHARE = 1 / 3  # of the time limit, for the first round
LEAST_ROUND = 1.0  # seconds (or deterministic units) of search not worth starting a round for


def settle(scenario: Scenario, options: SolveOptions, budget: Budget, started: float,
           on_progress, should_stop, solve_once) -> Plan:
    """The plan of the last round (or the better of the last two, once settled), within
    `budget`; see the module's doc for the rounds."""
    grid = demand_grid(scenario)
    assumed = Assumed(np.zeros(grid.volume.shape),
                      contact_price(scenario, grid, required_grid(scenario, grid)))
    tolerance = NEGLIGIBLE * _chased_volume(scenario, grid)
    assumptions: list[float] = []
    plan = found = None
    start = None  # the last round's plan, for the next to start from
    settled = False
    spent = 0.0
    stages: list = []  # every round's, named by its round
    fixed = 0.0  # seconds a round takes besides its search: building its model, its report
    for round_number in range(MAX_ROUNDS):
        left = options.time_limit - spent
        last = round_number == MAX_ROUNDS - 1 or settled
        share = left if last or round_number > 0 else left * FIRST_SHARE
        # A repeatable solve counts its rounds' time in the solver's units, not by the clock.
        seconds = share if options.repeatable else budget.remaining() - fixed
        # ... and even then a round is not started past the clock's deadline for the solve.
        if plan is not None and (seconds < LEAST_ROUND
                                 or budget.remaining() < fixed + LEAST_ROUND):
            break
        begun = time.perf_counter()
        progress = _shifted(on_progress, begun - started, plan.bound if settled else None)
        round_options = replace(options, time_limit=max(share, 1.0)) if options.repeatable \
            else options
        first = round_number == 0 and not options.repeatable
        found, start, built = solve_once(scenario, round_options, budget, begun, progress,
                                         should_stop, assumed, start, options.time_limit, first)
        fixed = built + report_seconds(scenario)
        spent += share if options.repeatable else time.perf_counter() - begun
        stages += [replace(stage, name=f"round {round_number + 1}: {stage.name}")
                   for stage in found.stages]
        if found.status is SolveStatus.NO_PLAN:
            break
        if settled:  # the same model again, from the last rota: the better rota, the higher
            bound = max(plan.bound, found.bound)  # bound (both hold for either)
            best = min(plan, found, key=lambda p: p.objective)
            plan = replace(best, bound=min(bound, best.objective),
                           gap=relative_gap(best.objective, min(bound, best.objective)))
            break
        plan = found
        assumptions.append(assumed.total)
        caused = _caused(plan)
        if should_stop is not None and should_stop():
            break
        moved = abs(sum(caused.values()) - assumed.total)
        if moved <= max(SETTLED * assumed.total, tolerance, 1.0):
            settled = True  # spend what time is left improving the rota on this footing
            continue
        extra = avoidable_volume(scenario, grid, plan.assessment.caseload)
        assumed = Assumed(extra, contact_price(scenario, with_avoidable(grid, extra),
                                               _planned(grid, plan)), caused)
    if plan is None:
        return replace(found, stages=tuple(stages))
    return replace(plan, wall_seconds=time.perf_counter() - started, stages=tuple(stages),
                   avoidable_rounds=tuple(assumptions) + (sum(_caused(plan).values()),))


def first_round(budget: Budget, fixed: float) -> Budget:
    """The first round's part of the budget, once its model is built: FIRST_SHARE of what is
    left when a later round's `fixed` seconds (building its model, its report) are set aside;
    all of it when that part, or what it leaves a later round, is too short to search in."""
    left = budget.remaining()
    part = FIRST_SHARE * (left - fixed)
    if part < fixed + LEAST_ROUND or left - part < fixed + LEAST_ROUND:
        return budget
    return budget.part(part)


def _chased_volume(scenario: Scenario, grid) -> float:
    """All the contacts over the plan on the channels chasers use."""
    names = {chase_channel(scenario, q) for q in chasing_queues(scenario)}
    return float(sum(grid.volume[:, :, k].sum() for k, c in enumerate(grid.channels)
                     if str(c.name) in names))


def _caused(plan: Plan) -> dict[tuple[str, int], float]:
    """(queue, plan day) -> the avoidable contacts the plan's backlog causes."""
    first = min((day.date for day in plan.assessment.caseload), default=None)
    return {(day.queue, (day.date - first).days): day.avoidable
            for day in plan.assessment.caseload if day.avoidable > 0}


def _planned(grid, plan: Plan) -> np.ndarray:
    """Advisors the plan puts on each date, interval and channel."""
    planned = np.zeros(grid.volume.shape)
    day = {date: d for d, date in enumerate(grid.dates)}
    slot = {start: i for i, start in enumerate(grid.starts)}
    channel = {str(c.name): k for k, c in enumerate(grid.channels)}
    for row in plan.assessment.coverage:
        if row.date in day and row.interval_start in slot and row.channel in channel:
            planned[day[row.date], slot[row.interval_start], channel[row.channel]] = row.planned
    return planned


def _shifted(on_progress, offset: float, bound: float | None = None):
    """Progress records timed from the start of the whole solve, not of the round; `bound`, one
    that already holds (from an earlier solve of the same model), so that the gap shown does not
    jump back up while the solve's own bound is still low."""
    if on_progress is None:
        return None

    def report(record: Progress) -> None:
        if bound is not None and bound > record.bound:
            low = min(bound, record.objective)
            record = replace(record, bound=low, gap=relative_gap(record.objective, low))
        on_progress(replace(record, elapsed=record.elapsed + offset))

    return report
