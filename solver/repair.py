"""Mending breaches a rota need not have.

A search stopped by its time limit may end on a rota that breaks a rule for one person (paid
27.5 hours against a weekly maximum of 25, say) when a small reshuffle among colleagues would
keep it. For each rule still broken, a short solve frees the shifts of the people the breach
names and of a few colleagues who share their skills, on the days of the breach and a day either
side, together with everyone's breaks and activities on those days; everything else stays as the
rota has it. The search starts from the rota itself, so a mended rota is only kept when it costs
less; a breach no reshuffle can avoid stays, named as before.
"""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from solver.rota_model import BreachTerm, RotaModel
from solver.search import SolveOptions, new_solver, stoppable

COLLEAGUES = 6  # freed with the people a breach names
MOST_MENDS = 4  # breaches mended in one go, the worst first
MARGIN = 1  # days freed either side of a breach's days
LEAST_SECONDS = 0.2  # not worth a solve with less


def broken(m: RotaModel, solver: cp_model.CpSolver) -> list[BreachTerm]:
    """The rules the solver's rota breaks and the search could have kept, worst first."""
    terms = [b for b in m.breaches if not isinstance(b.variable, int)
             and solver.value(b.variable) > 0]
    return sorted(terms, key=lambda b: -solver.value(b.variable) * b.per_unit)


def mend(m: RotaModel, solver: cp_model.CpSolver, options: SolveOptions, seconds: float,
         should_stop=None) -> cp_model.CpSolver:
    """The solver holding the cheapest rota found by freeing each breach's neighbourhood in
    turn, starting from `solver`'s rota, within `seconds`; `solver` itself if none is cheaper.

    Each of the worst MOST_MENDS breaches gets an even share of the time (a repeatable solve
    counts it in the solver's own units, so that the rota does not depend on the machine)."""
    terms = broken(m, solver)[:MOST_MENDS]
    share = seconds / max(1, len(terms))
    deadline = time.perf_counter() + seconds
    best = solver
    rng = random.Random(options.seed)
    for term in terms:
        left = share if options.repeatable else min(share, deadline - time.perf_counter())
        if left < LEAST_SECONDS or (should_stop is not None and should_stop()):
            break
        if best is not solver and best.value(term.variable) == 0:
            continue  # an earlier mend has kept this rule too
        people = _neighbours(m, term.staff, rng)
        days = _around(m, term.days)
        found = _solve_around(m, best, people, days, options, left, should_stop)
        if found is not None and found.objective_value < best.objective_value:
            best = found
    return best


def _neighbours(m: RotaModel, staff: tuple[int, ...], rng: random.Random) -> set[int]:
    """The people named and up to COLLEAGUES others, those with the same skills first, then
    those who share any."""
    facts = m.facts
    named = set(staff)
    skills = [frozenset(facts.people[p].skills) for p in staff]
    same, some = [], []
    for q, person in enumerate(facts.people):
        if q in named:
            continue
        mine = frozenset(person.skills)
        if mine in skills:
            same.append(q)
        elif any(mine & s for s in skills):
            some.append(q)
    rng.shuffle(same)
    rng.shuffle(some)
    return named | set((same + some)[:COLLEAGUES])


def _around(m: RotaModel, days: tuple[int, ...]) -> set[int]:
    if not days:
        return set(range(m.facts.days))
    return set(range(max(0, min(days) - MARGIN), min(m.facts.days, max(days) + MARGIN + 1)))


def _solve_around(m: RotaModel, solver: cp_model.CpSolver, people: set[int], days: set[int],
                  options: SolveOptions, seconds: float, should_stop):
    """A solve of the model with everything outside `people` x `days` held to `solver`'s rota;
    the solver holding its rota, or None."""
    values = list(solver.response_proto.solution)
    model = m.model.clone()
    model.clear_hints()
    variables = model.proto.variables
    last = m.facts.days - 1

    def hold(index: int) -> None:
        domain = variables[index].domain
        domain.clear()
        domain.extend([values[index], values[index]])

    for (p, d), works in m.works.items():
        if p not in people or d not in days:
            hold(works.index)
    for (p, d, _), x in m.shift.items():
        if p not in people or d not in days:
            hold(x.index)
    for index, d in m.decision_days.items():
        if min(d, last) not in days:
            hold(index)
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    local = new_solver(options, seconds)
    status = stoppable(local, model, should_stop)
    return local if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
