"""Neighbourhood steps: some people over some days freed, everything else held at the best rota,
and a cheaper rota kept."""

from __future__ import annotations

import random

import solver as solver_package
from solver import neighbourhoods
from solver.hint import complete
from solver.search import SolveOptions
from tests.factories import small_scenario
from tests.solver.builders import cover, headcount, person, solved


def _started(scenario=None, rota=None):
    """A model and a whole plan of a poor rota: by default, the small scenario with everyone on
    their first shift pattern every day they may work."""
    m, service, queues, _ = solver_package.build(scenario or small_scenario())
    if rota is None:
        rota = {(p, d): codes[0] for (p, d), codes in m.facts.options.items()}
    start = complete(m, service, queues, rota, SolveOptions(workers=1), 5.0)
    return m, start


def test_steps_find_a_cheaper_rota_than_the_one_they_start_from():
    # An early shift wanted every day and a rota with nobody on it: the steps fill the days.
    scenario = headcount(person("A1"), person("A2"), person("A3"), days=14,
                         pattern_cover=cover("E", range(14)))
    m, start = _started(scenario, rota={})
    better, outcome = neighbourhoods.improved(m, start, SolveOptions(workers=1), 4.0)
    assert outcome.bettered >= 1
    assert better.objective_value < start.objective_value
    assert all(any(better.value(m.on_pattern(p, d, "E")) for p in range(3)) for d in range(14))


def test_a_step_holds_what_it_does_not_free_and_gives_the_copy_back_as_it_was():
    m, start = _started()
    held = neighbourhoods.Held(m)
    values = list(start.response_proto.solution)
    people, days = {0}, {2, 3}
    found, _ = held.solve(values, people, days, SolveOptions(workers=1), 3.0)
    assert found is not None
    after = found.response_proto.solution
    for (p, d, _), x in m.shift.items():
        if p not in people or d not in days:
            assert after[x.index] == values[x.index], (p, d)
    assert [list(v.domain) for v in held.copy.proto.variables] == \
        [list(v.domain) for v in m.model.proto.variables]


def test_a_neighbourhood_frees_about_its_size_and_people_who_share_skills_first():
    m, _ = _started()
    rng = random.Random(3)
    for size in (4, 10, 20):
        people, days = neighbourhoods.neighbourhood(m, size, rng)
        assert days == set(range(min(days), max(days) + 1))
        assert abs(len(people) * len(days) - size) <= len(days)
    everyone = {p for p, _ in m.works}
    people, days = neighbourhoods.neighbourhood(m, 10 * len(m.works), rng)
    assert people == everyone and len(days) == m.facts.days


def test_repeatable_steps_give_the_same_rota():
    m, start = _started()
    options = SolveOptions(workers=1, repeatable=True, seed=5)
    first, a = neighbourhoods.improved(m, start, options, 2.0)
    again, b = neighbourhoods.improved(m, start, options, 2.0)
    assert (a.tried, a.bettered) == (b.tried, b.bettered)
    assert list(first.response_proto.solution) == list(again.response_proto.solution)


def test_a_solve_tries_neighbourhoods_on_a_large_model_and_records_them(monkeypatch):
    small = solved(small_scenario(), seconds=4.0)
    skipped = next(s for s in small.stages if s.name == "neighbourhoods")
    assert not skipped.ran and "small model" in skipped.note
    repeatable = solved(small_scenario(), seconds=2.0, repeatable=True)
    skipped = next(s for s in repeatable.stages if s.name == "neighbourhoods")
    assert not skipped.ran and "repeatable" in skipped.note
    monkeypatch.setattr(neighbourhoods, "SMALL", 0)
    plan = solved(small_scenario(), seconds=4.0)
    names = [s.name for s in plan.stages if s.ran]
    assert names.index("search") < names.index("neighbourhoods")
    assert "tried" in next(s for s in plan.stages if s.name == "neighbourhoods").note
    assert plan.assessment.breaches == ()
