"""Running CP-SAT: anytime, stoppable from another thread, and repeatable when asked.

Each better rota found is reported as a small progress record; the callback does nothing else,
since it holds up the search while it runs. A stop request is passed on to the solver by a
watcher thread, again and again until the solve returns, because a stop sent before the search
has started is lost.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.plan import Progress
from solver.rota_model import PENCE

MOST_WORKERS = 8
# A repeatable solve counts its searches' time in the solver's own units (about a second each
# on this machine), and lets each solve by HiGHS, which counts none, run to its end: a slower or
# busier machine takes longer for the same rota. Only past REPEATABLE_WALL times its time limit
# (and REPEATABLE_GRACE seconds) does the clock cut a repeatable solve short, and each HiGHS
# solve in it REPEATABLE_WALL times its share: the 1-week sample repeatable at 4 s takes 6.5 s.
REPEATABLE_WALL, REPEATABLE_GRACE = 4.0, 3.0


def repeatable_wall(time_limit: float) -> float:
    """Seconds by the clock after which a repeatable solve of `time_limit` is cut short."""
    return max(REPEATABLE_WALL * time_limit, time_limit + REPEATABLE_GRACE)


def cores() -> int:
    """The processor cores this process may run on, up to MOST_WORKERS."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(MOST_WORKERS, available))


@dataclass(frozen=True)
class SolveOptions:
    """How long to search, on how many threads, and from which seed.

    With `strict`, every rule is a hard constraint instead of a priced breach: the search is
    faster, but when the rules cannot all be kept no plan comes back. With `repeatable`, the
    same scenario, seed and workers give the same rota every time: the search is interleaved
    and its time limit counted in the solver's own deterministic units (about a second each on
    a typical machine), at some cost in speed; the clock cuts it short only well past its limit
    (`repeatable_wall`).
    """

    time_limit: float = 60.0
    workers: int = field(default_factory=cores)  # one search strategy per core
    seed: int = 0
    repeatable: bool = False
    strict: bool = False
    log: bool = False
    parameters: tuple[tuple[str, object], ...] = ()  # further CP-SAT parameters, for trials


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, offset: float, on_progress: Callable[[Progress], None] | None,
                 breaches=0, bound: float = -math.inf):
        super().__init__()
        self.offset = offset
        self.bound = bound  # in pounds, already known to hold
        self.on_progress = on_progress
        self.breaches = breaches
        self.broken = False  # whether the best rota so far breaks a rule
        self.started = time.perf_counter()
        self.progress: list[Progress] = []

    def on_solution_callback(self) -> None:
        self.broken = not isinstance(self.breaches, int) and self.value(self.breaches) > 0
        report_progress(self.progress, self.on_progress, time.perf_counter() - self.started,
                        self.objective_value / PENCE + self.offset,
                        max(self.bound, self.best_objective_bound / PENCE + self.offset))


def report_progress(progress: list[Progress], on_progress, elapsed: float, objective: float,
                    bound: float) -> None:
    """Record a better rota (in pounds, its bound capped at its cost) and pass it on."""
    bound = min(bound, objective)
    record = Progress(elapsed, objective, bound, relative_gap(objective, bound),
                      len(progress) + 1)
    progress.append(record)
    if on_progress is not None:
        on_progress(record)


def relative_gap(objective: float, bound: float) -> float:
    """How far the rota may be from the best possible, as a share of its objective (0 to 1)."""
    if abs(objective) < 1e-9:
        return 0.0 if abs(bound) < 1e-9 else 1.0
    return min(1.0, max(0.0, (objective - bound) / abs(objective)))


def new_solver(options: SolveOptions, seconds: float, workers: int | None = None,
               wall: float = math.inf) -> cp_model.CpSolver:
    """A CP-SAT solver set up from the options, searching for at most `seconds`, and never
    for more than `wall` seconds by the clock.

    Repeatable searches count their time in the solver's own deterministic units and run
    several workers only interleaved, so that nothing depends on the machine's speed (unless
    the clock's `wall` cuts them short).
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = max(1, options.workers if workers is None else workers)
    params.random_seed = options.seed
    params.log_search_progress = options.log
    # CP-SAT traps Ctrl-C itself only on the main thread; off it, the trap aborts the process.
    params.catch_sigint_signal = threading.current_thread() is threading.main_thread()
    if options.repeatable:
        params.interleave_search = params.num_workers > 1
        params.max_deterministic_time = seconds
        params.max_time_in_seconds = max(0.0, min(seconds * 10, wall))
    else:
        params.max_time_in_seconds = max(0.0, min(seconds, wall))
    if params.num_workers == 2 and "subsolvers" not in dict(options.parameters):
        # With two workers CP-SAT runs one full search beside its neighbourhood moves; the one
        # that solves the larger linear relaxation gives the bound that the gap is measured by
        # (the 4-week sample: 150.9k against 146.9k) and better rotas too.
        params.subsolvers.append("max_lp")
    for name, value in options.parameters:
        if isinstance(value, list | tuple):
            getattr(params, name).extend(value)
        else:
            setattr(params, name, value)
    return solver


def stoppable(solver: cp_model.CpSolver, model: cp_model.CpModel, should_stop=None,
              callback=None) -> int:
    """Solve, asking the solver to stop whenever `should_stop()` turns true; the status."""
    with watched(solver, should_stop):
        return solver.solve(model, callback)


@contextmanager
def watched(solver, should_stop):
    """While inside, ask `solver` (anything with a `stop_search()`) to stop whenever
    `should_stop()` turns true."""
    finished = threading.Event()
    stopper = None
    if should_stop is not None:
        stopper = threading.Thread(target=_watch, args=(solver, should_stop, finished),
                                   daemon=True)
        stopper.start()
    try:
        yield
    finally:
        finished.set()
        if stopper is not None:
            stopper.join()


def run(model: cp_model.CpModel, options: SolveOptions, offset: float,
        on_progress=None, should_stop=None, breaches=0, mend_seconds: float = 0.0,
        wall: float = math.inf, bound: float = -math.inf, progress: list | None = None,
        started: float | None = None) -> tuple[cp_model.CpSolver, int, list[Progress]]:
    """Solve; return the solver (holding the best rota), its status and the progress made.

    With `mend_seconds`, the search stops that long before its time limit when its best rota
    breaks a rule (`breaches`, the sum of the breach variables, is above 0), leaving time to mend
    it; a repeatable search always leaves it, so that it does not depend on the machine. It
    never runs for more than `wall` seconds by the clock. Progress is reported with `bound` (in
    pounds, known to hold already) where the search's own bound is lower, added to `progress`
    (a new list when None) and timed from `started` (a time.perf_counter() reading; by default,
    the search's start).
    """
    limit = options.time_limit - mend_seconds if options.repeatable else options.time_limit
    solver = new_solver(options, limit, wall=wall)
    watcher = _Watcher(offset, on_progress, breaches, bound)
    if progress is not None:
        watcher.progress = progress
    if started is not None:
        watcher.started = started
    mend_at = time.perf_counter() + options.time_limit - mend_seconds

    def stop() -> bool:
        if should_stop is not None and should_stop():
            return True
        return (mend_seconds > 0 and not options.repeatable and watcher.broken
                and time.perf_counter() >= mend_at)

    status = stoppable(solver, model, stop, watcher)
    return solver, status, watcher.progress


def solve_held(model: cp_model.CpModel, held, options: SolveOptions, seconds: float,
               should_stop=None, wall: float = math.inf, callback=None
               ) -> cp_model.CpSolver | None:
    """The solver holding the least-cost plan of `model` with the variables `held` names
    (variable index -> value) held at their values, found within `seconds` on one worker; None
    when none was found.

    The variables are held in the domains of a copy of the model rather than by its hints:
    presolving a large model with thousands of hinted variables held took CP-SAT up to 10 s
    (300 staff over 4 weeks), against 2 s with the same variables held in their domains.
    """
    copy = model.clone()
    copy.clear_hints()
    variables = copy.proto.variables
    for index, value in held.items():
        domain = variables[index].domain
        domain.clear()
        domain.extend([int(value), int(value)])
    solver = new_solver(options, seconds, workers=1, wall=wall)
    status = stoppable(solver, copy, should_stop, callback)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def hint_all(model: cp_model.CpModel, values) -> None:
    """Hint every variable of `model` with its value in a whole plan (`values`, by index)."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(int(v) for v in values)


def _watch(solver: cp_model.CpSolver, should_stop, finished: threading.Event) -> None:
    while not finished.wait(0.05):
        if should_stop():
            solver.stop_search()
