"""A search that ends on a rota breaking a rule it need not: the breach is mended by freeing the
people and days it names, and a breach no reshuffle can avoid stays."""

from __future__ import annotations

import pytest

import solver as solver_package
from solver import polish, repair
from solver.hint import complete, first_rota
from solver.search import SolveOptions
from tests.factories import small_scenario
from tests.solver.builders import breaches, cover, headcount, line, locks, person, solved

RULE = "Maximum weekly hours"
FOUR_AND_THREE = {(0, d): "E" for d in range(4)} | {(1, d): "E" for d in range(4, 7)}


def _starting_from(monkeypatch, rota: dict[tuple[int, int], str]) -> None:
    monkeypatch.setattr(solver_package, "first_rota", lambda *args: dict(rota))


def _two_people(days: int = 7, **changes):
    """Early cover wanted every day; A1 may work 3 days (24 hours) a week, A2 4 (32 hours)."""
    return headcount(person("A1", max_hours=24.0), person("A2", max_hours=32.0), days=days,
                     pattern_cover=cover("E", range(days)), **changes)


def test_a_broken_weekly_maximum_a_colleague_can_cover_is_mended(
        monkeypatch, search_stops_at_its_first_rota):
    # A1 works four days, one over the weekly maximum; A2 could work the fourth instead.
    _starting_from(monkeypatch, FOUR_AND_THREE)
    plan = solved(_two_people())
    assert breaches(plan, RULE) == []
    assert line(plan, "A1").split().count("E") == 3
    assert line(plan, "A2").split().count("E") == 4
    assert plan.progress[-1].objective == pytest.approx(plan.objective)  # reported as progress


def test_the_same_start_without_mending_keeps_the_breach(monkeypatch,
                                                         search_stops_at_its_first_rota):
    """The test above would pass for nothing if the search itself moved off its first rota.
    (The polish at the end of a search on a small model would mend it too, as would the
    neighbourhoods tried on a large one.)"""
    monkeypatch.setattr(solver_package, "MEND_SHARE", 0.0)
    monkeypatch.setattr(polish, "MOST_VARIABLES", 0)
    _starting_from(monkeypatch, FOUR_AND_THREE)
    plan = solved(_two_people())
    assert [b.size for b in breaches(plan, RULE)] == [8.0]


def test_a_breach_locks_force_is_not_mended_away(monkeypatch, search_stops_at_its_first_rota):
    scenario = _two_people(locks=locks("A1", "E E E E - - -"))
    _starting_from(monkeypatch, FOUR_AND_THREE)
    plan = solved(scenario)
    assert [b.size for b in breaches(plan, RULE)] == [8.0]
    assert line(plan, "A1").split()[:4] == ["E"] * 4


def test_breaches_in_different_weeks_are_mended_together(monkeypatch,
                                                         search_stops_at_its_first_rota):
    # A1 works a day too many in the first week and A2 a day too many in the second: one
    # mend, freeing both people over both weeks, gives each their days back within the rule.
    second_week = {(0, d): "E" for d in range(7, 9)} | {(1, d): "E" for d in range(9, 14)}
    _starting_from(monkeypatch, FOUR_AND_THREE | second_week)
    plan = solved(_two_people(days=14))
    assert breaches(plan, RULE) == []
    weeks = [line(plan, who).split() for who in ("A1", "A2")]
    assert [codes[:7].count("E") for codes in weeks] == [3, 4]
    assert [codes[7:].count("E") for codes in weeks] == [3, 4]


def test_a_mend_holds_the_activities_of_skill_groups_it_does_not_free():
    # The advisors (voice and email) are freed; the case officer's day stays as it was, though
    # the search would otherwise be free to change it too.
    m, service, queues, _ = solver_package.build(small_scenario())
    rota = first_rota(m.facts, service)
    options = SolveOptions(workers=2)
    start = complete(m, service, queues, rota, options, 5.0)
    advisors = next(set(g.members) for g in service.groups if "voice" in g.skills)
    found = repair._solve_around(m, start, advisors, set(range(m.facts.days)), options, 3.0,
                                 None)
    assert found is not None and found.objective_value <= start.objective_value
    held = [i for i, people in m.decision_people.items() if not people & advisors]
    freed = [i for i, people in m.decision_people.items() if people & advisors]
    assert held and freed

    def values(indices, solver):
        return [solver.response_proto.solution[i] for i in indices]

    assert values(held, found) == values(held, start)
