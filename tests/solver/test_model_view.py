"""The test-only comparison of the model with the checker can fail: a plan whose account does
not match what its model settled is caught, in words."""

from __future__ import annotations

from dataclasses import replace

from planner.checks import check_rota
from planner.plan import Breach
from solver import SolveOptions, solve
from tests.factories import small_scenario
from tests.solver.model_view import model_disagreements, model_watched


def test_a_plan_judged_otherwise_than_its_model_saw_it_is_caught():
    scenario = small_scenario()
    with model_watched() as views:
        plan = solve(scenario, SolveOptions(time_limit=3, workers=2))
    assert views and model_disagreements(scenario, plan, views) == []

    dearer = replace(plan.assessment, costs=replace(plan.assessment.costs,
                                                    pay=plan.assessment.costs.pay + 10))
    assert any(line.startswith("costs.pay") for line in
               model_disagreements(scenario, replace(plan, assessment=dearer), views))

    breach = Breach("Maximum weekly hours", ("A1",), (), 2.0, "hours", "made up")
    broken = replace(plan.assessment, breaches=plan.assessment.breaches + (breach,))
    assert any(line.startswith("breach Maximum weekly hours for A1") for line in
               model_disagreements(scenario, replace(plan, assessment=broken), views))

    voice = [a for a in plan.activities if a.activity == "voice"]
    moved = tuple(replace(a, activity="email") if a is voice[0] else a for a in plan.activities)
    judged = check_rota(scenario, plan.rota, moved, plan.updates)
    assert any(line.startswith("planned voice") for line in
               model_disagreements(scenario, replace(plan, assessment=judged), views))
