"""Mending breaches a rota need not have.

A search stopped by its time limit may end on a rota that breaks a rule for one person (paid
27.5 hours against a weekly maximum of 25, say) when a small reshuffle among colleagues would
keep it. A short solve frees the shifts of the people the breaches name and of a few colleagues
who share their skills, on the days of the breaches and a day either side, together with the
breaks and activities of their skill groups on those days; everything else stays as the rota has
it. The search starts from the rota itself, so a mended rota is only kept when it costs less; a
breach no reshuffle can avoid stays, named as before.

On a large plan most of such a solve goes on CP-SAT's presolve of the whole model (about 1.4 s of
the 2.5 s that mend one breach for 300 staff over 4 weeks), so the breaches are freed together
in one solve rather than one at a time, and the other skill groups' activities are held, which
halves that presolve."""

from __future__ import annotations

import math
import random
import time

from ortools.sat.python import cp_model

from solver.neighbourhoods import Held
from solver.rota_model import BreachTerm, RotaModel
from solver.search import SolveOptions

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
         should_stop=None, wall: float = math.inf) -> cp_model.CpSolver:
    """The solver holding the cheapest rota found by freeing the neighbourhoods of the worst
    MOST_MENDS breaches together, starting from `solver`'s rota, within `seconds`; `solver`
    itself if none is cheaper.

    One solve frees them all, since most of a solve's time on a large model goes on its
    presolve; while time is left and rules are still broken, another solve frees them with
    other colleagues. A repeatable solve makes one attempt and counts its time in the solver's
    own units, so that the rota does not depend on the machine; no solve runs past `wall`
    seconds by the clock."""
    deadline = time.perf_counter() + seconds
    end = time.perf_counter() + wall
    best = solver
    rng = random.Random(options.seed)
    while True:
        left = seconds if options.repeatable else deadline - time.perf_counter()
        terms = broken(m, best)[:MOST_MENDS]
        if not terms or left < LEAST_SECONDS or (should_stop is not None and should_stop()):
            return best
        people = set().union(*(_neighbours(m, term.staff, rng) for term in terms))
        days = set().union(*(_around(m, term.days) for term in terms))
        found = _solve_around(m, best, people, days, options, left, should_stop,
                              end - time.perf_counter())
        if found is not None and found.objective_value < best.objective_value:
            best = found
        if options.repeatable:
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
                  options: SolveOptions, seconds: float, should_stop, wall: float = math.inf):
    """A solve of the model with everything outside `people` x `days` held to `solver`'s rota;
    the solver holding its rota, or None."""
    values = list(solver.response_proto.solution)
    return Held(m).solve(values, people, days, options, seconds, should_stop, wall)[0]
