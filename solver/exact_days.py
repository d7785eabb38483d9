"""A rota's breaks and activities at their least cost, solved exactly as a mixed-integer program;
and the first rota, from the whole model's linear relaxation.

Once the shifts are fixed, what is left of the model (breaks, who is on which channel in each
interval, time for email and cases, the price of service, the caseload) is linear with small
whole numbers, and its linear relaxation is nearly whole already. CP-SAT's search is slow at it:
for the 4-week sample's first rota, 20 s of CP-SAT left the days £4.2k (2.7%) above what they can
be, while HiGHS (shipped with OR-Tools) solves the same days to optimality in under 3 s. So the
first rota's days are laid out here, and the search starts from the best days for that rota
rather than a first guess at them. (Laying out the search's best rota again at its end gained
nothing measurable: the search keeps the days near their best once it starts there.)

The same reading of the model, with nothing held, gives its linear relaxation (`relaxed`),
which the first rota follows, and which small models round exactly into the first rota itself;
at the end of a search on a small model, what the relaxation and the best plan disagree on is
solved exactly for a cheaper plan (`agreed`, which `polish` calls).

The CP-SAT model is read as it stands (linear constraints, clauses, at-most-one), with the
shifts held to the rota; nothing is written twice. A model with any other kind of constraint on
what is left free is not laid out (None), and the caller keeps its own way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver.python import model_builder as mb
from scipy import sparse

from solver.rota_model import RotaModel
from solver.search import REPEATABLE_WALL, watched

LEAST_SECONDS = 0.5  # not worth a solve with less
WHOLE = 1e-6  # a relaxed value this close to a whole number is whole
GAP = 0.001  # of the cost, within which a layout is taken as the best: the 1-week sample's first
# rota is laid out within it in 0.3 s; closing the last 0.1% took HiGHS another 2 s
LP_METHOD = "ipm"  # HiGHS's interior point method, then crossover, for the whole relaxation: a
# 114-staff 4-week centre of the benchmark family relaxed in 7.5 s, against 58 s by simplex
# (the 4-week sample: 8.4 s against 6.0 s). Run side by side, the loser did not stop when told.
# A repeatable solve keeps to simplex, as its tests' rotas and times were measured with it.
BOUND_TOLERANCE = 1e-6  # of the relaxation's cost, which HiGHS's tolerances may overstate
MOST_FREE = 2000  # variables the whole relaxation may leave between whole numbers for its exact
# rounding to be tried: 1-week models with 821, 1,452 and 1,933 were rounded in 0.5, 1.2 and
# 4.6 s; ones with 2,303 (300 staff over a week), 3,458 (30 staff over 4 weeks) and 6,351 (the
# 4-week sample) were not in 20-30 s


def lay_out(m: RotaModel, rota: dict[tuple[int, int], str], seconds: float,
            should_stop=None, repeatable: bool = False) -> dict[int, int] | None:
    """The least-cost breaks and activities of `rota` (variable index -> value, for the
    variables `m.decision_days` names), within GAP of the best, found within `seconds`; None
    when there are none to lay out, the model has constraints this cannot read, or they were
    not found in time.

    Only a layout within GAP of the best is taken: one cut short by the time limit can be far
    worse than a first guess (300 staff over 4 weeks: HiGHS's first rounding cost five times the
    best, found 16 s in), and taking only those makes the answer not depend on the machine
    (with `repeatable`, not even on its speed: each HiGHS solve then has REPEATABLE_WALL
    times `seconds` by the clock, since HiGHS counts no steps of its own and only a solve that
    ends on its own gives the same answer on any machine)."""
    stage, began = "day layout", time.perf_counter()
    if not m.decision_days:
        return None  # nothing to lay out: no stage
    if seconds < LEAST_SECONDS or _stopped(should_stop):
        m.stages.skipped(stage, _no_time(seconds, should_stop))
        return None
    left = _clock(seconds, repeatable)
    fixed = {x.index: int(rota.get((p, d)) == code) for (p, d, code), x in m.shift.items()}
    fixed.update({w.index: int((p, d) in rota) for (p, d), w in m.works.items()})
    program = _program(m, fixed)
    if program is None:
        m.stages.skipped(stage, UNREAD)
        return None
    values = _solve(program, left, should_stop)
    if values is None:
        m.stages.ran(stage, began, note=f"not within {GAP:.1%} of the best in the time")
        return None
    m.stages.ran(stage, began, m.pounds(_cost(m, values)), f"within {GAP:.1%} of the best")
    return {i: int(round(values[i])) for i in m.decision_days}


Shares = dict[tuple[int, int, str], float]  # (person, day, pattern) -> share of the shift worked


@dataclass(frozen=True)
class Relaxed:
    """What the whole model's linear relaxation says of a first rota.

    `shares`: how much of each shift (person, day, pattern) it works, 0 to 1. `bound`: its
    cost, in the model's units, which no plan of the model is below. `rota` and `days`: when it
    leaves few variables between whole numbers, the rota and its breaks and activities
    (variable index -> value) found with every variable it leaves whole held there, within GAP
    of the best so held; else None."""

    shares: Shares
    bound: float
    rota: dict[tuple[int, int], str] | None = None
    days: dict[int, int] | None = None


def relaxed(m: RotaModel, seconds: float, should_stop=None, repeatable: bool = False
            ) -> Relaxed | None:
    """The whole model's linear relaxation, and the rota it rounds to when it is small enough,
    within `seconds`; None when there are no shifts, the model has constraints this cannot read,
    or the relaxation was not solved in time.

    The relaxation weighs every rule, the price of service and the caseload at once, so its
    shares say which shifts a good rota is made of better than the contact load alone does (the
    4-week sample: a first rota that follows them costs 152.9k once laid out, against 154.2k for
    one that follows the load, for 1.9 s more). Rounding it exactly, with what it leaves whole
    held, is quick only while few variables are left free (see MOST_FREE); the 1-week sample's
    first plan then costs 5,449 in 1.2 s, against 5,505 for one that follows the shares. With
    `repeatable`, each HiGHS solve in it may run REPEATABLE_WALL times `seconds`."""
    stage, began = "relaxation", time.perf_counter()
    if not m.shift:
        m.stages.skipped(stage, "nobody can work a shift")
        return None
    if seconds < LEAST_SECONDS or _stopped(should_stop):
        m.stages.skipped(stage, _no_time(seconds, should_stop))
        return None
    left = _clock(seconds, repeatable)
    # how each day is laid out (staggered breaks, live channels first) hardly moves the shift
    # shares, and leaving it out makes the relaxation quicker (the 4-week sample: 5 s against
    # 11 s); the rounded rota's days are then laid out again with it. Short cover is left out
    # of the rounding too, which only picks the shifts: with it the 1-week sample's rounding
    # took 15 s against 2 s, and with its prices held where the relaxation had them whole, no
    # whole plan was left.
    program = _program(m, {}, m.day_layout)
    if program is None:
        m.stages.skipped(stage, UNREAD)
        return None
    x = _run(_relaxed(program), left(), should_stop, method="" if repeatable else LP_METHOD)
    if x is None:
        m.stages.ran(stage, began, note="not solved in the time")
        return None
    shares = {key: float(x[v.index]) for key, v in m.shift.items()}
    cost = _cost(m, x)
    bound = cost - BOUND_TOLERANCE * abs(cost)
    free = int(np.count_nonzero(np.abs(x - np.round(x)) >= WHOLE))
    if free > MOST_FREE:
        m.stages.ran(stage, began, note=f"bound {m.pounds(bound):,.2f}; {free:,} variables "
                     f"between whole numbers, more than {MOST_FREE:,} to round: its shares "
                     "lead the first rota")
        return Relaxed(shares, bound)
    rounding = program if not m.prices else _program(m, {}, m.day_layout | m.price_rows)
    held = np.abs(x - np.round(x)) < WHOLE
    held[list(m.prices)] = False
    values = _run(_held(rounding, x, held), left(), should_stop, GAP)
    if values is None:
        m.stages.ran(stage, began, note=f"bound {m.pounds(bound):,.2f}; not rounded in the "
                     "time: its shares lead the first rota")
        return Relaxed(shares, bound)
    rota = {(p, d): code for (p, d, code), v in m.shift.items() if values[v.index] > 0.5}
    m.stages.ran(stage, began, note=f"bound {m.pounds(bound):,.2f}; rounded into the first "
                 f"rota ({free:,} variables between whole numbers)")
    if not m.day_layout and not m.prices:
        return Relaxed(shares, bound, rota, {i: int(round(values[i])) for i in m.decision_days})
    days = lay_out(m, rota, seconds if repeatable else left(), should_stop, repeatable)
    return Relaxed(shares, bound, rota, days) if days is not None else Relaxed(shares, bound)


def agreed(m: RotaModel, values: np.ndarray, seconds: float, should_stop=None
           ) -> np.ndarray | None:
    """A plan cheaper than `values` (every variable's value in a plan of `m`) found by holding
    every variable where it agrees with the whole model's linear relaxation and solving what is
    left exactly (a RINS step), within `seconds`; every variable's value in it, or None when
    none was found in the time.

    The search's best rota on a small model can sit on a plateau that its own moves do not
    leave: the 1-week sample's stalled 10 s searches ended at 5,430-5,436, where this found
    5,416-5,421 in 0.5-0.8 s (the relaxation, 0.2 s more)."""
    deadline = time.perf_counter() + seconds
    program = _program(m, {})
    if program is None:
        return None
    x = _run(_relaxed(program), seconds, should_stop)
    if x is None:
        return None
    agree = np.abs(x - values) < WHOLE
    agree[list(m.prices)] = False  # a price held where they agree would hold what it prices
    tries = [(program, agree)]
    if m.prices:  # first with short cover held at its price in `values` and its rows left out,
        # as in the rounding (the 1-week sample's first plan was so bettered in 1.2 s, where
        # with them HiGHS took 18-23 s), and priced anew after
        tries.insert(0, (_program(m, {}, m.price_rows), agree | np.isin(
            np.arange(len(agree)), list(m.prices))))
    for program, holding in tries:
        found = _run(_held(program, values, holding), deadline - time.perf_counter(),
                     should_stop, GAP, proved=False)
        if found is not None:
            found = _priced(m, np.round(found))
            if _cost(m, found) < _cost(m, values):
                return found.astype(int)
    return None


def _priced(m: RotaModel, values: np.ndarray) -> np.ndarray:
    """`values` with each short cover price the least its rows allow (as the search prices it)."""
    proto = m.model.proto
    least = {i: 0.0 for i in m.prices}
    for row in m.price_rows:
        linear = proto.constraints[row].linear
        variables, coefficients = np.asarray(linear.vars), np.asarray(linear.coeffs, float)
        [at] = [j for j, v in enumerate(variables) if v in least]
        rest = values[variables] @ coefficients - coefficients[at] * values[variables[at]]
        least[variables[at]] = max(least[variables[at]],
                                   (_bound(linear.domain[0]) - rest) / coefficients[at])
    priced = values.copy()
    for i, low in least.items():
        priced[i] = max(0, np.ceil(low - WHOLE))
    return priced


def _cost(m: RotaModel, values: np.ndarray) -> float:
    """The model's objective at `values` (every variable's value, by index)."""
    objective = m.model.proto.objective
    variables, coefficients = np.asarray(objective.vars), np.asarray(objective.coeffs)
    return float(values[variables] @ coefficients) + objective.offset


def _program(m: RotaModel, fixed: dict[int, int], leave_out: Collection[int] = ()
             ) -> mb.Model | None:
    """The CP-SAT model as a mixed-integer program with the `fixed` variables held, without the
    constraints `leave_out` names (by index); None when it has a constraint this cannot read."""
    proto = m.model.proto
    count = len(proto.variables)
    low, high = np.empty(count), np.empty(count)
    for i, variable in enumerate(proto.variables):
        domain = variable.domain
        low[i], high[i] = domain[0], domain[len(domain) - 1]
    for i, value in fixed.items():
        low[i] = high[i] = value
    rows = _Rows()
    for index, constraint in enumerate(proto.constraints):
        if index in leave_out:
            continue
        enforced = [_fixed_literal(literal, fixed) for literal in constraint.enforcement_literal]
        if 0 in enforced:
            continue  # never enforced
        if None in enforced:
            return None  # enforced by a free variable: not linear
        if not _add(rows, constraint, low, high):
            return None
    objective = np.zeros(count)
    for i, coefficient in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        objective[i] += coefficient
    program = mb.Model()
    helper = program.helper
    helper.fill_model_from_sparse_data(low, high, objective, np.array(rows.low),
                                       np.array(rows.high), rows.matrix(count))
    for i in range(count):
        helper.set_var_integrality(i, True)
    return program


class _Rows:
    """Linear rows low <= sum(coefficient * variable) <= high, built up as a sparse matrix."""

    def __init__(self):
        self.low: list[float] = []
        self.high: list[float] = []
        self.columns: list[int] = []
        self.values: list[float] = []
        self.starts = [0]

    def add(self, low: float, high: float, columns, values) -> None:
        self.low.append(low)
        self.high.append(high)
        self.columns.extend(columns)
        self.values.extend(values)
        self.starts.append(len(self.columns))

    def matrix(self, count: int) -> sparse.csr_matrix:
        return sparse.csr_matrix((np.array(self.values, dtype=float), self.columns, self.starts),
                                 shape=(len(self.low), count))


def _add(rows: _Rows, constraint, low: np.ndarray, high: np.ndarray) -> bool:
    """Add the constraint's rows; False when it is of a kind this cannot read and has a free
    variable."""
    if constraint.has_linear():
        linear = constraint.linear
        domain = linear.domain
        if len(domain) != 2:
            return False
        rows.add(_bound(domain[0]), _bound(domain[1]), list(linear.vars), list(linear.coeffs))
        return True
    for kind, least, most in (("bool_or", 1, np.inf), ("at_most_one", -np.inf, 1),
                              ("exactly_one", 1, 1)):
        if getattr(constraint, f"has_{kind}")():
            columns, values, shift = _literals(getattr(constraint, kind).literals)
            rows.add(least - shift, most - shift, columns, values)
            return True
    variables = _variables_of(constraint)
    return variables is not None and all(low[i] == high[i] for i in variables)


def _literals(literals) -> tuple[list[int], list[float], int]:
    """A sum of literals as (columns, coefficients, constant): not x is 1 - x."""
    columns, values, constant = [], [], 0
    for literal in literals:
        if literal >= 0:
            columns.append(literal)
            values.append(1.0)
        else:
            columns.append(-literal - 1)
            values.append(-1.0)
            constant += 1
    return columns, values, constant


def _variables_of(constraint) -> list[int] | None:
    """The variables of a constraint with no linear reading; None when not known."""
    if constraint.has_bool_and():
        return [literal if literal >= 0 else -literal - 1
                for literal in constraint.bool_and.literals]
    return None


def _fixed_literal(literal: int, fixed: dict[int, int]) -> int | None:
    value = fixed.get(literal if literal >= 0 else -literal - 1)
    if value is None:
        return None
    return value if literal >= 0 else 1 - value


def _bound(value: int) -> float:
    """A CP-SAT bound as a float, its +-2^63 meaning none."""
    return value if abs(value) < 2**62 else float(np.sign(value)) * np.inf


def _stopped(should_stop) -> bool:
    return should_stop is not None and should_stop()


UNREAD = "the model has a constraint the linear solver cannot read"


def _no_time(seconds: float, should_stop) -> str:
    """Why a stage given `seconds` did not start."""
    if _stopped(should_stop):
        return "the time was up or a stop was asked for"
    return f"{seconds:.1f} s left for it, less than the {LEAST_SECONDS} s it needs"


def _clock(seconds: float, repeatable: bool) -> Callable[[], float]:
    """The seconds left, when asked, of a stage given `seconds`: by the clock, or for a
    repeatable solve REPEATABLE_WALL times `seconds` for each HiGHS solve in it."""
    if repeatable:
        return lambda: REPEATABLE_WALL * seconds
    deadline = time.perf_counter() + seconds
    return lambda: deadline - time.perf_counter()


def _solve(program: mb.Model, left: Callable[[], float], should_stop) -> np.ndarray | None:
    """Every variable's value in a solution within GAP of the best, or None.

    The linear relaxation is solved first and every variable it leaves whole is held there;
    what is left is a much smaller program (300 staff over a week: 1.0 s, against 10 s for the
    whole). Should that find nothing, the whole program has the time `left`."""
    x = _run(_relaxed(program), left(), should_stop)
    if x is not None:
        found = _run(_held(program, x), left(), should_stop, GAP)
        if found is not None:
            return found
    return _run(program, left(), should_stop, GAP)


def _held(program: mb.Model, x: np.ndarray, where: np.ndarray | None = None) -> mb.Model:
    """The program with the variables `where` says (by default, every variable the relaxed
    solution `x` leaves whole) held at their values in `x`."""
    held = program.clone()
    if where is None:
        where = np.abs(x - np.round(x)) < WHOLE
    for i in np.flatnonzero(where):
        held.helper.set_var_lower_bound(int(i), round(x[i]))
        held.helper.set_var_upper_bound(int(i), round(x[i]))
    return held


def _relaxed(program: mb.Model) -> mb.Model:
    """The program with no variable held to whole numbers."""
    relaxed = program.clone()
    for i in range(relaxed.num_variables):
        relaxed.helper.set_var_integrality(i, False)
    return relaxed


def _run(program: mb.Model, seconds: float, should_stop, gap: float | None = None,
         proved: bool = True, method: str = "") -> np.ndarray | None:
    """Solve with HiGHS, stoppable from another thread: every variable's value when it proved
    its answer (within `gap` for a mixed-integer program), or, unless `proved` is asked for,
    the best it found in the time; else None."""
    if seconds < LEAST_SECONDS or _stopped(should_stop):
        return None
    solver = mb.Solver("highs")
    solver.set_time_limit_in_seconds(seconds)
    solver.set_solver_specific_parameters(
        "output_flag=false" + ("" if gap is None else f"\nmip_rel_gap={gap}")
        + (f"\nsolver={method}" if method else ""))
    with watched(solver, should_stop):
        status = solver.solve(program)
    if status != mb.SolveStatus.OPTIMAL and (proved or status != mb.SolveStatus.FEASIBLE):
        return None
    return solver.values(program.get_variables()).to_numpy()
