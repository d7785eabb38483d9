"""How a solve went, stage by stage (Plan.stages): every stage that ran, in order, with its time
and what it ended at, and every stage that did not, with why not."""

from __future__ import annotations

from planner.plan import SolveStatus
from solver import SolveOptions, exact_days, solve
from tests.factories import small_scenario
from tests.solver.builders import solved


def _names(plan, ran: bool = True) -> list[str]:
    return [stage.name for stage in plan.stages if stage.ran is ran]


def test_a_solve_records_its_stages_in_order_and_ends_on_the_plan_it_returns():
    plan = solved(small_scenario(), seconds=3.0)
    ran = _names(plan)
    assert ran[0] == "relaxation" and ran[-1] == "settle", plan.stages
    order = ["relaxation", "warm start", "search", "settle"]
    assert [name for name in ran if name in order] == order, ran
    assert all(stage.seconds >= 0 for stage in plan.stages)
    assert sum(stage.seconds for stage in plan.stages) <= plan.wall_seconds
    assert plan.stages[-1].objective == plan.objective
    searched = next(stage for stage in plan.stages if stage.name == "search")
    assert searched.objective is not None and searched.objective >= plan.objective - 0.01


def test_a_stage_that_cannot_apply_says_why():
    plan = solve(small_scenario(), SolveOptions(time_limit=2.0, workers=2, repeatable=True))
    assert plan.status is not SolveStatus.NO_PLAN
    [polish] = [stage for stage in plan.stages if stage.name == "polish"]
    assert not polish.ran and "repeatable" in polish.note and polish.seconds == 0


def test_a_model_the_linear_solver_cannot_read_is_not_relaxed_and_the_plan_says_so(
        monkeypatch):
    monkeypatch.setattr(exact_days, "_program", lambda m, *args: None)
    plan = solved(small_scenario(), seconds=3.0)
    [relaxation] = [stage for stage in plan.stages if stage.name == "relaxation"]
    assert not relaxation.ran and relaxation.note == exact_days.UNREAD
    assert "first rota" in _names(plan)  # the greedy rota instead, led by the load
    assert "led by the contact load" in next(s.note for s in plan.stages
                                             if s.name == "first rota")


def test_each_round_of_a_solve_with_avoidable_contacts_names_its_stages_by_round():
    from tests.solver.test_avoidable import centre

    plan = solved(centre(), seconds=6.0)
    assert len(plan.avoidable_rounds) > 2  # two solves at least
    rounds = {stage.name.split(":")[0] for stage in plan.stages}
    assert {"round 1", "round 2"} <= rounds, plan.stages
