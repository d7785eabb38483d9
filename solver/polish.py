"""The search's last seconds on a small model: its best rota improved exactly where it and the
linear relaxation disagree.

CP-SAT's search on a small model can end on a plateau its own moves do not leave (the 1-week
sample's 10 s: 4 runs in 48 ended 0.50-0.62% from the bound, on rotas costing 5,428-5,438 where
the best is about 5,405). Holding every variable on which the best rota and the whole model's
linear relaxation agree, and solving the rest exactly with HiGHS (`exact_days.agreed`), leaves
such a plateau in about a second (0.5-0.8 s, and 0.2 s for the relaxation). So on a small model
the search stops POLISH_SHARE of its time early (at most POLISH_SECONDS) to leave that time to
this step. With it, the 1-week sample's 10 s runs end at or under 0.5% in 94 of 96 (median
0.19%); the other two sat on plateaus whose neighbourhood held nothing better.

A model is small when it has at most MOST_VARIABLES variables: the step frees about half of
them, and HiGHS's time grows quickly with what is freed (30 staff over a week, 4,320 variables:
14 s to prove its best; 120 staff over a week, 7,456: nothing in 20 s). A repeatable search
skips the step, since what HiGHS finds in a time limit depends on the machine.
"""

from __future__ import annotations

import math
import time

import numpy as np
from ortools.sat.python import cp_model

from solver.exact_days import agreed
from solver.rota_model import RotaModel
from solver.search import SolveOptions, solve_held

POLISH_SHARE, POLISH_SECONDS = 0.25, 1.5  # of the search's time limit, at most
LEAST_SECONDS = 1.0  # not worth polishing with less
MOST_VARIABLES = 5000
HOLD_SECONDS = 5.0  # for CP-SAT to take the polished plan, every variable held


def reserve(m: RotaModel, options: SolveOptions) -> float:
    """The seconds the search leaves at its end for polishing its best rota."""
    return 0.0 if not_reserved(m, options) else min(POLISH_SECONDS,
                                                    POLISH_SHARE * options.time_limit)


def not_reserved(m: RotaModel, options: SolveOptions) -> str:
    """Why no time is kept for polishing (empty when some is)."""
    if options.repeatable:
        return "a repeatable solve is not polished (the polish goes by the clock)"
    variables = len(m.model.proto.variables)
    if variables > MOST_VARIABLES:
        return f"the model is too large ({variables:,} variables, over {MOST_VARIABLES:,})"
    if min(POLISH_SECONDS, POLISH_SHARE * options.time_limit) < LEAST_SECONDS:
        return f"too little time (under {LEAST_SECONDS:g} s for it)"
    return ""


def polished(m: RotaModel, solver: cp_model.CpSolver, options: SolveOptions, seconds: float,
             should_stop=None, wall: float = math.inf) -> cp_model.CpSolver:
    """The solver holding a cheaper plan found from `solver`'s within `seconds`, or `solver`
    itself when none is found; CP-SAT's taking of that plan ends within `wall` seconds."""
    if seconds <= 0:
        return solver
    end = time.perf_counter() + wall
    found = agreed(m, np.array(solver.response_proto.solution), seconds, should_stop)
    if found is None:
        return solver
    held = {i: v for i, v in enumerate(found) if i not in m.prices}  # short cover priced anew
    holder = solve_held(m.model, held, options, HOLD_SECONDS, wall=end - time.perf_counter())
    if holder is None or holder.objective_value >= solver.objective_value:
        return solver
    return holder
