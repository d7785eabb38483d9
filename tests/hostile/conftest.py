"""Fixtures shared by the tests of hostile inputs."""

from __future__ import annotations

import pytest

from tests.solver.model_view import model_watched


@pytest.fixture(autouse=True)
def model_views():
    """Every solve in these tests is watched, so that each plan can be held against the model
    that found it (tests.solver.model_view.assert_the_model_agrees)."""
    with model_watched() as views:
        yield views
