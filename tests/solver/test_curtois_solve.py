"""The solver on the Curtois & Qu shift scheduling benchmark: the small instances reach their
proven optimum, and the benchmark's own objective, computed independently from the rota, agrees."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planner.io.curtois import read_curtois
from solver import SolveOptions, solve
from tests import curtois_objective as benchmark
from tests.solver.builders import line

DATA = Path(__file__).resolve().parent.parent / "data" / "curtois"
BEST = {row["instance"]: float(row["best_known_ub"])
        for row in csv.DictReader((DATA / "best_known.tsv").open(), delimiter="\t")}


@pytest.mark.parametrize("name", ["Instance1"])
def test_a_small_instance_reaches_its_proven_optimum(name):
    from tests.solver.builders import solved

    scenario = read_curtois(DATA / f"{name}.txt")
    plan = solved(scenario, seconds=30, strict=True)
    assert plan.objective == pytest.approx(BEST[name])
    assert plan.assessment.objective == pytest.approx(BEST[name])
    instance = benchmark.parse(DATA / f"{name}.txt")
    assignment = {}
    for who in instance.staff:
        for day, code in enumerate(line(plan, who).split()):
            assignment[(who, day)] = code if code in instance.minutes else None
    assert benchmark.violations(instance, assignment) == []
    assert benchmark.objective(instance, assignment) == BEST[name]


def test_rules_that_cannot_all_hold_give_no_plan_when_strict_and_named_breaches_when_not():
    from dataclasses import replace

    from planner.model import Lock
    from planner.plan import SolveStatus

    scenario = read_curtois(DATA / "Instance1.txt")
    first = scenario.staff[0]
    every_day = tuple(Lock(first.staff_id, date, "D") for date in scenario.settings.dates)
    impossible = replace(scenario, locks=every_day)  # far past the most days in a row
    strict = solve(impossible, SolveOptions(time_limit=10, workers=2, strict=True))
    assert strict.status is SolveStatus.NO_PLAN
    elastic = solve(impossible, SolveOptions(time_limit=10, workers=2))
    assert elastic.status is not SolveStatus.NO_PLAN
    rules = {b.rule for b in elastic.assessment.breaches if b.staff_ids == (first.staff_id,)}
    assert "Maximum consecutive working days" in rules
