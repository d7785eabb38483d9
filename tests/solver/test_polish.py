"""The search's last seconds on a small model: its best plan is polished by solving exactly what
it and the model's linear relaxation disagree on. A plan it cannot better, a large model, a
repeatable search and a stop leave the plan as it was."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model

import solver as solver_package
from planner.io import load_scenario
from solver import exact_days, polish
from solver.exact_days import agreed
from solver.hint import complete, first_rota
from solver.search import SolveOptions, new_solver
from tests.factories import small_scenario
from tests.solver.builders import cover, headcount, person, solved

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "housing-1-week.xlsx"
OPTIONS = SolveOptions(workers=2)


def _first_plan(scenario):
    """The scenario's model and the solver holding its load-led first plan."""
    m, service, queues, _ = solver_package.build(scenario)
    start = complete(m, service, queues, first_rota(m.facts, service), OPTIONS, 10.0)
    assert start is not None
    return m, start


def _held_cost(m, values) -> float:
    """CP-SAT's cost of a plan given as every variable's value, each held there; it fails
    the test if the plan breaks any of the model's constraints."""
    model = m.model.clone()
    model.clear_hints()
    for variable, value in zip(model.proto.variables, values, strict=True):
        variable.domain.clear()
        variable.domain.extend([int(value), int(value)])
    solver = new_solver(OPTIONS, 10.0, workers=1)
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value


def test_the_sample_weeks_first_plan_is_polished_to_a_cheaper_one_that_keeps_the_model():
    m, start = _first_plan(load_scenario(SAMPLE).require())
    found = agreed(m, np.array(start.response_proto.solution), 30.0)
    assert found is not None
    cost = _held_cost(m, found)
    assert cost < start.objective_value
    better = polish.polished(m, start, OPTIONS, 30.0)
    assert better is not start and better.objective_value < start.objective_value


def test_a_plan_proven_best_is_left_as_it_is():
    m, _, _, _ = solver_package.build(headcount(person("A1"), person("A2"),
                                                pattern_cover=cover("E", range(7))))
    best = new_solver(OPTIONS, 30.0)
    assert best.solve(m.model) == cp_model.OPTIMAL
    assert agreed(m, np.array(best.response_proto.solution), 30.0) is None
    assert polish.polished(m, best, OPTIONS, 30.0) is best


def test_a_stop_leaves_the_plan_as_it_was():
    m, start = _first_plan(load_scenario(SAMPLE).require())
    assert agreed(m, np.array(start.response_proto.solution), 30.0, lambda: True) is None
    assert polish.polished(m, start, OPTIONS, 30.0, lambda: True) is start


def test_time_is_kept_for_polishing_only_on_small_models_and_searches_that_need_not_repeat(
        monkeypatch):
    m, _ = _first_plan(small_scenario())
    assert polish.reserve(m, SolveOptions(time_limit=60)) == polish.POLISH_SECONDS
    assert polish.reserve(m, SolveOptions(time_limit=2)) == 0.0  # too little to be worth it
    assert polish.reserve(m, SolveOptions(time_limit=60, repeatable=True)) == 0.0
    monkeypatch.setattr(polish, "MOST_VARIABLES", len(m.model.proto.variables) - 1)
    assert polish.reserve(m, SolveOptions(time_limit=60)) == 0.0


def test_a_solve_ends_on_the_polished_plan_and_the_checker_agrees_with_it(
        monkeypatch, search_stops_at_its_first_rota):
    monkeypatch.setattr(polish, "POLISH_SECONDS", 10.0)
    monkeypatch.setattr(polish, "POLISH_SHARE", 0.5)
    # the first rota from the relaxation's shares, not its exact rounding: something to better
    monkeypatch.setattr(exact_days, "MOST_FREE", -1)
    plan = solved(small_scenario(), seconds=20.0)
    first, last = plan.progress[0].objective, plan.progress[-1].objective
    assert plan.objective == pytest.approx(last) and last < first - 0.01
