"""Improving a rota a neighbourhood at a time: some people over some days freed, the rest held.

CP-SAT's own search on a large rota spends its moves on variables chosen without knowing what a
rota is. A rota improves where a few people who share skills swap their shifts, breaks and
activities over some days while everyone else stays put. Each step here frees such a
neighbourhood: a run of days (one, a few, a week or the whole plan) and the people who share the
skills of one chosen at random, as many of them as the neighbourhood's size allows; everything
else is held at the best rota's values, and CP-SAT solves what is left, starting from that rota.
A cheaper rota found becomes the best. (Three centres of the benchmark family, 60 s each, half
of it on steps after CP-SAT's search rather than all of it on that search: rotas 0.4-0.6%
cheaper, the bound unchanged.)

A neighbourhood's size (in person-days) adapts to the model: it grows by GROW when CP-SAT proves
the freed part at its best within the step's time or finds a cheaper rota in it, and shrinks by
SHRINK when neither, so steps stay near the largest size that pays on this machine.

Each step copies nothing: one copy of the model is made, and each step sets the domains of the
variables it holds and gives them back afterwards. Most of a step on a large model goes on
CP-SAT's presolve of the whole copy, so a step is given at least STEP_BUILDS times what the model
took to build. A repeatable solve counts each step in the solver's own time units and draws its
neighbourhoods from the seed, so the rota does not depend on the machine.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.rota_model import RotaModel
from solver.search import SolveOptions, new_solver, stoppable

STEP_SECONDS = 2.0  # the least a step is given
STEP_BUILDS = 2.0  # ... or this many times the model's build, when more
FIRST_SHARE = 0.1  # of all person-days, the first neighbourhood's size
LEAST_SIZE = 4  # person-days
GROW, SHRINK = 1.25, 0.8
LEAST_SECONDS = 0.5  # not worth a step with less
RUNS = (1, 2, 3, 7, 14)  # days a neighbourhood may run for (or the whole plan)
SMALL = 5000  # variables, up to which a model is left to CP-SAT's own search (not_applied)
STALLED = 12  # steps in a row without a cheaper rota, after which CP-SAT's own search takes over


def not_applied(m: RotaModel, options: SolveOptions) -> str:
    """Why no neighbourhoods are tried on this model (empty when they are): a small model is
    left to CP-SAT's own search, which proves its best rota in the time more often than not,
    and so is a repeatable solve, whose steps' presolves the solver's own time units leave out
    (a repeatable 2 s solve of 30 staff over 12 weeks ran 15 s by the clock with them)."""
    if options.repeatable:
        return "a repeatable solve is left to CP-SAT's own search"
    variables = len(m.model.proto.variables)
    if variables <= SMALL:
        return f"a small model ({variables:,} variables) is left to CP-SAT's own search"
    return ""


class Held:
    """A copy of the model in which all but some people's days can be held at a rota's values."""

    def __init__(self, m: RotaModel):
        self.m = m
        self.copy = m.model.clone()
        self.copy.clear_hints()
        self.last = m.facts.days - 1

    def solve(self, values: list[int], people: set[int], days: set[int], options: SolveOptions,
              seconds: float, should_stop=None, wall: float = math.inf
              ) -> tuple[cp_model.CpSolver | None, int]:
        """Solve the copy with everything outside `people` x `days` held at `values`, starting
        from them; the solver holding the best rota found (None if none) and its status."""
        m, variables = self.m, self.copy.proto.variables
        held = [works.index for (p, d), works in m.works.items()
                if p not in people or d not in days]
        held += [x.index for (p, d, _), x in m.shift.items() if p not in people or d not in days]
        held += [index for index, d in m.decision_days.items()
                 if min(d, self.last) not in days
                 or not m.decision_people.get(index, people) & people]
        for index in held:
            domain = variables[index].domain
            domain.clear()
            domain.extend([values[index], values[index]])
        hint = self.copy.proto.solution_hint
        hint.vars.extend(range(len(values)))
        hint.values.extend(values)
        try:
            solver = new_solver(options, seconds, wall=wall)
            status = stoppable(solver, self.copy, should_stop)
        finally:
            original = m.model.proto.variables
            for index in held:
                domain = variables[index].domain
                domain.clear()
                domain.extend(original[index].domain)
            self.copy.clear_hints()
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        return (solver if found else None), status


@dataclass
class Outcome:
    """What the steps did: how many were tried and how many gave a cheaper rota."""

    tried: int = 0
    bettered: int = 0
    size: float = 0.0  # the next neighbourhood's size, in person-days
    spent: float = 0.0  # in the solver's own units, when repeatable
    since: int = 0  # steps since the last cheaper rota
    proved: bool = False  # whether a step freed the whole rota and proved it at its best

    def note(self) -> str:
        ended = ("; the whole rota freed proved it at its best" if self.proved else
                 f"; stopped after {self.since} in a row gave nothing" if self.since >= STALLED
                 else "")
        return (f"{self.tried} neighbourhood{'s' * (self.tried != 1)} tried, "
                f"{self.bettered} gave a cheaper rota{ended}")


def improved(m: RotaModel, solver: cp_model.CpSolver, options: SolveOptions, seconds: float,
             built: float = 0.0, should_stop=None, wall: float = math.inf, on_better=None
             ) -> tuple[cp_model.CpSolver, Outcome]:
    """The solver holding the cheapest rota these steps reached from `solver`'s within
    `seconds` (`solver` itself when none is cheaper), and what the steps did. `built`: the
    seconds the model took to build; `on_better(solver)` is told of each cheaper rota; nothing
    runs past `wall` seconds by the clock."""
    began = time.perf_counter()
    end = began + wall
    cells = len(m.works)
    outcome = Outcome(size=max(LEAST_SIZE, FIRST_SHARE * cells))
    if not cells:
        return solver, outcome
    rng = random.Random(options.seed)
    held = Held(m)
    mine, values, current = solver, list(solver.response_proto.solution), solver.objective_value
    step = max(STEP_SECONDS, STEP_BUILDS * built)
    while True:
        left = seconds - (outcome.spent if options.repeatable else time.perf_counter() - began)
        if left < LEAST_SECONDS or outcome.proved or outcome.since >= STALLED or \
                (should_stop is not None and should_stop()):
            return mine, outcome
        people, days = neighbourhood(m, outcome.size, rng)
        limit = min(step, left)
        found, status = held.solve(values, people, days, options, limit, should_stop,
                                   end - time.perf_counter())
        outcome.tried += 1
        outcome.since += 1
        if options.repeatable:
            outcome.spent += limit if found is None else found.response_proto.deterministic_time
        outcome.proved = status == cp_model.OPTIMAL and all(
            p in people and d in days for p, d in m.works)
        if found is not None and found.objective_value < current - 0.5:
            outcome.since = 0
            mine, values, current = found, list(found.response_proto.solution), \
                found.objective_value
            outcome.bettered += 1
            if on_better is not None:
                on_better(mine)
        grown = outcome.size * (GROW if status == cp_model.OPTIMAL or not outcome.since
                                else SHRINK)
        outcome.size = min(cells, max(LEAST_SIZE, grown))


def neighbourhood(m: RotaModel, size: float, rng: random.Random) -> tuple[set[int], set[int]]:
    """About `size` person-days to free: a run of days and the people who share the skills of
    one drawn at random, those with the same skills first."""
    facts = m.facts
    everyone = sorted({p for p, _ in m.works})
    runs = [r for r in RUNS if r < facts.days] + [facts.days]
    run = rng.choice(runs)
    count = max(1, round(size / run))
    if count > len(everyone):
        count, run = len(everyone), min(facts.days, max(1, round(size / len(everyone))))
    first = rng.randrange(facts.days - run + 1)
    days = set(range(first, first + run))
    chosen = rng.choice(everyone)
    skills = frozenset(facts.people[chosen].skills)
    same, some, rest = [], [], []
    for p in everyone:
        if p == chosen:
            continue
        mine = frozenset(facts.people[p].skills)
        (same if mine == skills else some if mine & skills else rest).append(p)
    for group in (same, some, rest):
        rng.shuffle(group)
    return {chosen, *(same + some + rest)[:count - 1]}, days
