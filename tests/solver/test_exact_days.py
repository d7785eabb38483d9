"""A rota's breaks and activities laid out exactly: as cheap as CP-SAT's proven best for the same
rota, cheaper than the first guess, and not attempted where the model cannot be read."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

import solver as solver_package
from solver.exact_days import GAP, lay_out
from solver.first_day import first_days
from solver.hint import first_rota, warm_start
from solver.search import SolveOptions, new_solver
from tests.factories import small_scenario

OPTIONS = SolveOptions(workers=2)


@pytest.fixture
def first():
    """The small scenario's model and its first rota."""
    m, service, queues, _ = solver_package.build(small_scenario())
    return m, service, queues, first_rota(m.facts, service)


def _best_for(m, rota) -> tuple[float, float]:
    """CP-SAT's best cost for the model with the rota's shifts held, and its bound."""
    fixed = m.model.clone()
    for (p, d, code), x in m.shift.items():
        fixed.add(x == int(rota.get((p, d)) == code))
    solver = new_solver(OPTIONS, 20.0)
    status = solver.solve(fixed)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return solver.objective_value, solver.best_objective_bound


@pytest.mark.slow
def test_the_days_laid_out_cost_within_the_gap_of_cp_sats_best_for_the_rota(first):
    m, service, queues, rota = first
    best, bound = _best_for(m, rota)
    days = lay_out(m, rota, 30.0)
    assert days is not None and set(days) == set(m.decision_days)
    laid = warm_start(m, rota, OPTIONS, 10.0, None, days)
    assert laid is not None
    assert laid.objective_value <= best * (1 + GAP) + 1
    assert laid.objective_value >= bound - 1  # nothing is below the bound for the rota


def test_the_days_laid_out_cost_less_than_the_first_guess(first):
    m, service, queues, rota = first
    guess = warm_start(m, rota, OPTIONS, 10.0, None, first_days(m, service, rota, queues))
    m.model.clear_hints()  # a warm start leaves its plan as the hint for the search
    laid = warm_start(m, rota, OPTIONS, 10.0, None, lay_out(m, rota, 30.0))
    assert laid.objective_value < guess.objective_value


def test_a_model_with_a_constraint_it_cannot_read_is_left_to_the_search(first):
    m, _, _, rota = first
    assert lay_out(m, rota, 30.0) is not None
    free = m.model.get_int_var_from_proto_index(next(iter(m.decision_days)))
    m.model.add_multiplication_equality(free, [free, free])
    assert lay_out(m, rota, 30.0) is None


def test_a_layout_enforced_by_a_free_variable_is_left_to_the_search(first):
    m, _, _, rota = first
    free = m.model.get_int_var_from_proto_index(next(iter(m.decision_days)))
    m.model.add(free <= 0).only_enforce_if(m.model.new_bool_var("free switch"))
    assert lay_out(m, rota, 30.0) is None


def test_no_time_no_layout(first):
    m, _, _, rota = first
    assert lay_out(m, rota, 0.1) is None


def test_a_stop_asked_for_leaves_the_days_to_the_first_guess(first):
    m, _, _, rota = first
    assert lay_out(m, rota, 30.0, should_stop=lambda: True) is None
