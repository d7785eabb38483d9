"""A first rota to start the search from: each person on their usual shift, week by week.

Nothing clever: each week a person works one shift pattern they may work (the one that runs on
most of their available days, the earliest on ties), on the first of those days in the week,
until their contract hours or their days a week are reached. Locks are kept. The search then
improves on it; it only has to be a sensible place to start, which it is for most contact
centres, where most people work the same shift most of the week.
"""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

from planner.model import Staff
from solver.facts import Block, Facts
from solver.rota_model import RotaModel


def first_rota(facts: Facts) -> dict[tuple[int, int], str]:
    rota: dict[tuple[int, int], str] = {}
    for p, person in enumerate(facts.people):
        for week in facts.weeks:
            rota.update(_week(facts, p, person, week))
    for p, d in facts.locks:
        if (p, d) in facts.options:
            rota[(p, d)] = facts.options[(p, d)][0]
        else:
            rota.pop((p, d), None)
    return rota


def _week(facts: Facts, p: int, person: Staff, week: Block) -> dict[tuple[int, int], str]:
    days = [d for d in week.days if (p, d) in facts.options]
    if not days:
        return {}
    codes = {code for d in days for code in facts.options[(p, d)]}
    order = list(facts.patterns)
    best = max(codes, key=lambda c: (sum(c in facts.options[(p, d)] for d in days),
                                     -order.index(c)))
    target = person.contract_hours * week.scale * 60
    most_days = max(1, round(person.max_days_per_week * week.scale))
    chosen: dict[tuple[int, int], str] = {}
    paid = 0
    for d in days:
        if best not in facts.options[(p, d)] or paid >= target or len(chosen) >= most_days:
            continue
        chosen[(p, d)] = best
        paid += facts.patterns[best].paid_minutes
    return chosen


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = threading.current_thread() is threading.main_thread()
    return solver


def warm_start(m: RotaModel, rota: dict[tuple[int, int], str], seconds: float, workers: int,
               seed: int) -> bool:
    """Hint the search with a rota, completed with breaks, activities and every other variable
    by a short solve with the shifts held fixed, so the search starts from a whole plan rather
    than having to find one. False when no such plan was found in time."""
    for (p, d, code), x in m.shift.items():
        m.model.add_hint(x, int(rota.get((p, d)) == code))
    for (p, d), works in m.works.items():
        m.model.add_hint(works, int((p, d) in rota))
    solver = _solver(seconds, workers, seed)
    solver.parameters.fix_variables_to_their_hinted_value = True
    status = solver.solve(m.model)
    m.model.clear_hints()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    for i in range(len(m.model.proto.variables)):
        variable = m.model.get_int_var_from_proto_index(i)
        m.model.add_hint(variable, solver.value(variable))
    return True
