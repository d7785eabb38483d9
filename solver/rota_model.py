"""The CP-SAT model of a rota: who works which shift pattern on which day, and what it costs.

Rules and aims add to it through `penalise` (a priced term of the objective) and `breach` (a
variable that counts how far a rule is broken, priced at the scenario's breach cost and named
by the checker's name for the rule, planner.checks.rules.names). What a rota breaks is told by
the checker alone, in its own words: the model only prices it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.facts import Facts
from solver.stages import Stages

PENCE = 100  # the objective is kept in whole pence


@dataclass(frozen=True)
class BreachTerm:
    """A model variable that measures how far one rule is broken, for whom and on which days."""

    rule: str
    staff: tuple[int, ...]
    days: tuple[int, ...]
    variable: cp_model.IntVar | int
    unit: str
    per_unit: float  # size of the breach per unit of the variable (minutes -> hours: 1/60)
    slack: float = 0.0  # what the whole-number variable overstates the size by, when broken


class RotaModel:
    def __init__(self, facts: Facts, strict: bool = False):
        self.facts = facts
        self.strict = strict
        self.model = cp_model.CpModel()
        self.shift: dict[tuple[int, int, str], cp_model.IntVar] = {}
        self.works: dict[tuple[int, int], cp_model.IntVar] = {}
        self.terms: list[tuple[str, int, object]] = []  # (part of the objective, pence, expr)
        self.constant: dict[str, float] = {}
        self.breaches: list[BreachTerm] = []
        self.decisions: list[cp_model.IntVar] = []  # what a rota is, besides its shifts
        self.decision_days: dict[int, int] = {}  # variable index -> the plan day it decides
        self.decision_people: dict[int, frozenset[int]] = {}  # ... -> the people it concerns
        self.day_layout: set[int] = set()  # constraints on how a day is laid out, not on shifts
        self.prices: set[int] = set()  # short cover's prices: left out when rounding shifts
        self.price_rows: set[int] = set()  # ... and the constraints that hold them
        self.stages = Stages()  # what each stage of the solve did
        self._make_shifts()

    def pounds(self, objective_value: float) -> float:
        """The model's objective value (whole pence, less the constant parts) in pounds."""
        return objective_value / PENCE + sum(self.constant.values())

    def _make_shifts(self) -> None:
        for (p, d), codes in self.facts.options.items():
            variables = []
            for code in codes:
                x = self.model.new_bool_var(f"shift[{p},{d},{code}]")
                self.shift[(p, d, code)] = x
                variables.append(x)
            works = self.model.new_bool_var(f"works[{p},{d}]")
            self.model.add(sum(variables) == works)
            if self.facts.locks.get((p, d)) in codes:
                self.model.add(works == 1)
            self.works[(p, d)] = works

    def decide(self, variable: cp_model.IntVar, day: int | None = None,
               people: frozenset[int] | None = None) -> None:
        """Record a variable that, with the shifts, makes up the rota, the plan day it belongs
        to when it belongs to one (a break, an interval's activities), and the people whose
        time it shares out when it concerns only some (a skill group's)."""
        self.decisions.append(variable)
        if day is not None:
            self.decision_days[variable.index] = day
        if people is not None:
            self.decision_people[variable.index] = people

    def add_to_layout(self, constraint) -> None:
        """Add a linear constraint that only lays out a day (when breaks fall, who is on what),
        which the relaxation leading the first rota's shifts may leave out."""
        self.day_layout.add(len(self.model.proto.constraints))
        self.model.add(constraint)

    def works_on(self, p: int, d: int):
        """1 when the person works that day (a constant 0 when they cannot)."""
        return self.works.get((p, d), 0)

    def on_pattern(self, p: int, d: int, code: str):
        return self.shift.get((p, d, code), 0)

    def shifts_of(self, p: int, d: int) -> list[tuple[str, cp_model.IntVar]]:
        return [(code, self.shift[(p, d, code)]) for code in self.facts.options.get((p, d), ())]

    def penalise(self, part: str, pounds: float, expr) -> None:
        """Add `pounds` x `expr` to the objective, under one of the Costs parts."""
        pence = round(pounds * PENCE)
        if pence:
            self.terms.append((part, pence, expr))

    def add_constant(self, part: str, pounds: float) -> None:
        self.constant[part] = self.constant.get(part, 0.0) + pounds

    def breach(self, rule: str, staff: tuple[int, ...], days: tuple[int, ...], upper: int,
               unit: str, per_unit: float = 1.0, slack: float = 0.0) -> cp_model.IntVar | int:
        """A new variable counting how far `rule` is broken (0 .. upper units), priced; the
        constant 0 when rules are strict, which makes the rule a hard constraint."""
        if self.strict:
            return 0
        variable = self.model.new_int_var(0, upper, f"breach[{rule},{staff},{days}]")
        self.breaches.append(BreachTerm(rule, staff, days, variable, unit, per_unit, slack))
        self.penalise("breaches", self.facts.scenario.rules.breach_cost * per_unit, variable)
        return variable

    def fixed_breach(self, rule: str, staff: tuple[int, ...], days: tuple[int, ...],
                     size: float, unit: str) -> None:
        """A breach no rota can avoid (a lock on a day of annual leave, say)."""
        self.breaches.append(BreachTerm(rule, staff, days, 1, unit, size))
        self.add_constant("breaches", self.facts.scenario.rules.breach_cost * size)

    def objective(self):
        return sum(pence * expr for _, pence, expr in self.terms)
