"""Solving the base and its variants one after another, as the window's "Solve all" and
`planner compare` both do, with the same solver and options for each.

    results = run_variants(base, variants, lambda s, **kw: solve(s, options, **kw))

The base is solved first, then each variant in the order given. A variant that does not fit
the base, or that the solver refuses, is reported with its reason and the rest go on. When
`should_stop()` turns true the solve under way stops and keeps its best rota, and the variants
not yet started are reported as not solved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.kpis import Kpis, kpis_of
from planner.model import Scenario
from planner.plan import Plan, Progress, SolveStatus
from planner.problems import ScenarioError
from planner.whatif.fit import VariantError
from planner.whatif.variant import Variant
from planner.words import gap

BASE = "Base"
BASE_CHANGES = ("the scenario as it is",)

# solve(scenario, on_progress=..., should_stop=...) -> Plan, e.g. solver.solve with options.
Solve = Callable[..., Plan]


class Outcome(StrEnum):
    """How one scenario's solve ended."""

    SOLVED = "solved"
    STOPPED = "stopped"  # stopped early, as asked: the best rota found by then
    NO_ROTA = "no rota"  # the time ran out (or the stop came) before any rota was found
    DOES_NOT_FIT = "does not fit"  # a change does not fit the base
    REFUSED = "refused"  # the solver found the scenario cannot be planned
    NOT_RUN = "not run"  # stopped before its turn came


@dataclass(frozen=True)
class VariantResult:
    """One scenario of the comparison: its name, its changes in words, and what its solve
    gave: the plan and its KPIs (None without a rota), or why there is none (`problem`)."""

    name: str
    changes: tuple[str, ...]
    outcome: Outcome
    scenario: Scenario | None = None
    plan: Plan | None = None
    kpis: Kpis | None = None
    problem: str = ""

    @property
    def solved(self) -> bool:
        """Whether there is a rota to compare."""
        return self.plan is not None

    @property
    def status(self) -> str:
        """The outcome in a few words: "solved, gap 1.2%", "solved, no bound yet", "does not
        fit the base"..."""
        if self.plan is not None:
            how = "stopped early" if self.outcome is Outcome.STOPPED else "solved"
            if self.plan.status is SolveStatus.OPTIMAL:
                return f"{how}, proven best"
            return f"{how}, {gap(self.plan.bound, self.plan.gap)}"
        return {Outcome.NO_ROTA: "no rota found", Outcome.DOES_NOT_FIT: "does not fit the base",
                Outcome.REFUSED: "cannot be planned",
                Outcome.NOT_RUN: "not solved (stopped)"}.get(self.outcome, str(self.outcome))


@dataclass(frozen=True)
class VariantProgress:
    """Where a run is: scenario `number` of `total` (1 is the base), called `name`, and its
    own solve's latest progress (None as it starts). `result` is set once it has ended."""

    number: int
    total: int
    name: str
    solve: Progress | None = None
    result: VariantResult | None = None


def run_variants(base: Scenario, variants: Sequence[Variant], solve: Solve,
                 on_progress: Callable[[VariantProgress], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> list[VariantResult]:
    """The base and every variant solved in turn with `solve`: one result each, base first."""
    stopped = should_stop or (lambda: False)
    report = on_progress or (lambda progress: None)
    scenarios: list[tuple[str, tuple[str, ...], Variant | None]] = [(BASE, BASE_CHANGES, None)]
    scenarios += [(v.name, tuple(v.describe(base)), v) for v in variants]
    total = len(scenarios)
    results: list[VariantResult] = []
    for number, (name, changes, variant) in enumerate(scenarios, start=1):
        if stopped():
            result = VariantResult(name, changes, Outcome.NOT_RUN,
                                   problem="stopped before its turn")
        else:
            report(VariantProgress(number, total, name))
            result = _solved(base, name, changes, variant, solve, stopped,
                             lambda p, n=number, s=name: report(VariantProgress(n, total, s, p)))
        results.append(result)
        report(VariantProgress(number, total, name, result=result))
    return results


def _solved(base: Scenario, name: str, changes: tuple[str, ...], variant: Variant | None,
            solve: Solve, stopped: Callable[[], bool],
            on_progress: Callable[[Progress], None]) -> VariantResult:
    try:
        scenario = base if variant is None else variant.apply(base)
    except VariantError as refused:
        return VariantResult(name, changes, Outcome.DOES_NOT_FIT, problem=str(refused))
    try:
        plan = solve(scenario, on_progress=on_progress, should_stop=stopped)
    except ScenarioError as refused:
        reasons = "; ".join(p.message for p in refused.errors[:3]) or str(refused)
        return VariantResult(name, changes, Outcome.REFUSED, scenario, problem=reasons)
    if plan.status is SolveStatus.NO_PLAN:
        why = ("it was stopped before a rota was found" if stopped()
               else f"no rota was found in {plan.wall_seconds:.0f} s; try a longer time limit")
        return VariantResult(name, changes, Outcome.NO_ROTA, scenario, problem=why)
    outcome = Outcome.STOPPED if stopped() else Outcome.SOLVED
    return VariantResult(name, changes, outcome, scenario, plan,
                         kpis_of(scenario, plan.assessment))
