"""Fixtures shared by the solver's tests."""

from __future__ import annotations

from dataclasses import replace

import pytest
from ortools.sat.python import cp_model

import solver as solver_package
from solver import neighbourhoods
from tests.solver.model_view import model_watched


@pytest.fixture
def search_stops_at_its_first_rota(monkeypatch):
    """The search keeps the rota it starts from (the first one it finds), as a search stopped
    by its time limit or stalled on a plateau may, so that what comes after it (the mend, the
    polish) has something to better; no neighbourhoods are tried before it."""
    run = solver_package.run
    monkeypatch.setattr(neighbourhoods, "SMALL", 10**9)

    def first_only(model, options, *args, **kwargs):
        options = replace(options, parameters=(("fix_variables_to_their_hinted_value", True),))
        solver, _, progress = run(model, options, *args, **kwargs)
        return solver, cp_model.FEASIBLE, progress

    monkeypatch.setattr(solver_package, "run", first_only)


@pytest.fixture(autouse=True)
def model_views():
    """Every solve in these tests is watched, so that each plan can be held against the model
    that found it (tests.solver.model_view.assert_the_model_agrees)."""
    with model_watched() as views:
        yield views
