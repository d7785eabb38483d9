"""Each working-time rule in the solver: kept when it can be, broken and named when a lock forces
it, and priced at the breach cost per unit broken."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.model import PatternCode, PatternLimit, StaffId
from tests.solver.builders import (
    FREE,
    breaches,
    cover,
    day,
    headcount,
    line,
    locks,
    person,
    solved,
)

BREACH = FREE.breach_cost


def _every_day_wanted(**changes):
    """Early cover wanted every day of the week: the rule under test is what holds it back."""
    return headcount(pattern_cover=cover("E", range(7)), **changes)


@pytest.mark.parametrize(("rule", "changes", "allowed"), [
    ("Maximum consecutive working days", {"rules": replace(FREE, max_consecutive_days=3)}, 6),
    ("Maximum days a week", {"staff": (person(max_days_per_week=4),)}, 4),
    ("Maximum weekly hours", {"staff": (person(max_hours=24.0),)}, 3),
    ("Paid hours over the plan", {"staff": (person(max_paid_minutes=2 * 480),)}, 2),
    ("Maximum weekends", {"staff": (person(max_weekends=0),)}, 5),
])
def test_limits_hold_back_cover_when_they_can(rule, changes, allowed):
    plan = solved(_every_day_wanted(**changes))
    assert breaches(plan, rule) == []
    worked = line(plan).split().count("E")
    assert worked == allowed  # as many days as the rule allows, and no more


@pytest.mark.parametrize(("rule", "changes", "forced", "size"), [
    ("Maximum consecutive working days", {"rules": replace(FREE, max_consecutive_days=3)},
     "E E E E E - -", 2),
    ("Maximum days a week", {"staff": (person(max_days_per_week=4),)}, "E E OFF E E E OFF", 1),
    ("Maximum weekly hours", {"staff": (person(max_hours=20.0),)}, "E E E OFF OFF OFF OFF", 4),
    ("Paid hours over the plan", {"staff": (person(max_paid_minutes=480),)},
     "E E OFF OFF OFF OFF OFF", 8),
    ("Maximum weekends", {"staff": (person(max_weekends=0),)}, "OFF OFF OFF OFF OFF E OFF", 1),
    ("Minimum consecutive working days", {"rules": replace(FREE, min_consecutive_days=3)},
     "OFF E OFF OFF OFF OFF OFF", 2),
    ("Minimum consecutive days off", {"rules": replace(FREE, min_consecutive_days_off=2)},
     "OFF E OFF E OFF OFF OFF", 1),
    ("Allowed shift patterns and days",
     {"staff": (person(patterns=(PatternCode("L"),)),)}, "E OFF OFF OFF OFF OFF OFF", 1),
    ("Minimum rest between shifts", {"rules": replace(FREE, min_rest_hours=11)},
     "L E OFF OFF OFF OFF OFF", 1),
    ("Minimum rest between shifts", {"rules": replace(FREE, min_rest_hours=11)},
     "N E OFF OFF OFF OFF OFF", 1),  # the night shift ends at 06:00 the next morning
])
def test_a_forced_breach_is_named_and_priced_per_unit(rule, changes, forced, size):
    plan = solved(headcount(locks=locks("A1", forced), **changes))
    found = breaches(plan, rule)
    assert sum(b.size for b in found) == pytest.approx(size)
    assert {b.staff_ids for b in found} == {(StaffId("A1"),)}
    assert plan.assessment.costs.breaches == pytest.approx(BREACH * size)
    assert all(b.message for b in found)


def test_a_short_run_at_the_edge_of_the_plan_is_not_a_breach():
    rules = replace(FREE, min_consecutive_days=3, min_consecutive_days_off=3)
    plan = solved(headcount(rules=rules, locks=locks("A1", "E OFF OFF OFF E E E")))
    assert plan.assessment.breaches == ()


def test_minimum_runs_are_kept_when_cover_asks_for_single_days():
    rules = replace(FREE, min_consecutive_days=2)
    plan = solved(headcount(rules=rules, pattern_cover=cover("E", [2])))
    assert breaches(plan, "Minimum consecutive working days") == []
    assert line(plan).split()[2] == "E"


def test_forbidden_sequences_are_avoided_and_priced_when_forced():
    from planner.model import ForbiddenSequence

    banned = (ForbiddenSequence(PatternCode("L"), PatternCode("E")),)
    wanted = cover("L", [0]) + cover("E", [1])
    two = (person("A1"), person("A2"))
    plan = solved(headcount(*two, forbidden_sequences=banned, pattern_cover=wanted))
    assert breaches(plan, "Forbidden shift sequences") == []
    assert plan.assessment.costs.pattern_cover == 0
    forced = solved(headcount(forbidden_sequences=banned, locks=locks("A1", "L E")))
    assert [b.size for b in breaches(forced, "Forbidden shift sequences")] == [1]


def test_shifts_of_a_pattern_are_limited():
    limit = (PatternLimit(StaffId("A1"), PatternCode("E"), 2),)
    plan = solved(headcount(pattern_limits=limit, pattern_cover=cover("E", range(7))))
    assert line(plan).split().count("E") == 2
    assert breaches(plan, "Shifts of a pattern") == []
    forced = solved(headcount(pattern_limits=limit, locks=locks("A1", "E E E E")))
    assert sum(b.size for b in breaches(forced, "Shifts of a pattern")) == 2


def test_minimum_hours_are_worked_and_a_shortfall_is_priced_in_hours():
    weekdays_only = replace(headcount().patterns[0], days=(0, 1))
    owed = person(min_hours=30.0, max_hours=40.0, contract_hours=37.5, max_days_per_week=5)
    plan = solved(headcount(owed))
    assert breaches(plan, "Minimum weekly hours") == []
    assert line(plan).split().count("OFF") == 7 - 4  # four 8-hour shifts reach 30 hours
    short = solved(headcount(owed, patterns=(weekdays_only,)))
    assert [b.size for b in breaches(short, "Minimum weekly hours")] == [14]  # 30 - 2 x 8


def test_days_on_annual_leave_are_never_worked():
    from planner.model import Absence, AbsenceKind

    leave = (Absence(StaffId("A1"), day(1), day(3), AbsenceKind.ANNUAL_LEAVE),)
    plan = solved(_every_day_wanted(absences=leave))
    assert line(plan).split()[1:4] == ["AL", "AL", "AL"]
    assert plan.assessment.costs.pattern_cover == pytest.approx(3 * 50)


def test_a_night_shift_on_the_last_day_gets_its_break_after_the_plan_ends():
    from tests.solver.builders import NIGHT

    with_break = replace(NIGHT, unpaid_break_minutes=30)
    scenario = headcount(person(skills=("voice",)), patterns=(with_break,),
                         locks=locks("A1", "OFF OFF OFF OFF OFF OFF N"))
    plan = solved(scenario)  # the checker agrees, breaks included
    assert breaches(plan, "Breaks") == []
    assert any(a.activity == "BREAK" and a.date == day(6) for a in plan.activities)


@pytest.mark.parametrize("days", [1, 2, 10])
def test_weekly_limits_scaled_to_a_short_week_are_priced_to_the_minute_like_the_checker(days):
    from tests.factories import small_scenario

    base = small_scenario()
    # A 1- or 2-day plan (or a 10-day plan's last 3 days) scales 30-40 hours a week to
    # fractions of a minute; the solver's whole-minute model must report the exact shortfall.
    plan = solved(replace(base, settings=replace(base.settings, plan_days=days)), seconds=5)
    hours = [b for b in plan.assessment.breaches if "weekly hours" in b.rule]
    assert all(b.size > 0 for b in hours)
