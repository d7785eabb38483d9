"""Allowed shift patterns and days, and Shifts of a pattern."""

from dataclasses import replace

from planner.model import PatternCode, PatternLimit, StaffId
from tests.checks.builders import alone, broken, check, day

ALLOWED = "Allowed shift patterns and days"


def test_own_patterns_on_their_days_keep_the_rule():
    scenario = alone(patterns=(PatternCode("E"), PatternCode("W")))
    assert broken(check(scenario, {"A2": "E E E E OFF W OFF"}), ALLOWED) == []


def test_blank_patterns_allow_any_pattern():
    assert broken(check(alone(), {"A2": "L E L E L OFF OFF"}), ALLOWED) == []


def test_a_pattern_not_theirs_or_on_a_day_it_is_not_worked_breaks_the_rule_once_per_shift():
    scenario = alone(patterns=(PatternCode("E"), PatternCode("W")))
    found = broken(check(scenario, {"A2": "E L E E OFF E OFF"}), ALLOWED)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(1),), 1.0, "shifts"),
        (("A2",), (day(5),), 1.0, "shifts"),
    ]
    assert "not one of their shift patterns (E, W)" in found[0].message
    assert "worked only on Mon, Tue, Wed, Thu, Fri" in found[1].message


def test_both_faults_in_one_shift_are_one_breach():
    scenario = alone(patterns=(PatternCode("E"),))
    found = broken(check(scenario, {"A2": "E E E E OFF L OFF"}), ALLOWED)
    assert len(found) == 1 and found[0].size == 1.0


LIMIT = "Shifts of a pattern"


def test_shifts_within_a_pattern_limit_keep_it():
    scenario = replace(alone(), pattern_limits=(PatternLimit(StaffId("A2"), PatternCode("L"), 2),))
    assert broken(check(scenario, {"A2": "L E L E E OFF OFF"}), LIMIT) == []


def test_shifts_over_a_pattern_limit_break_it_by_the_shifts_over():
    scenario = replace(alone(), pattern_limits=(PatternLimit(StaffId("A2"), PatternCode("L"), 1),))
    found = broken(check(scenario, {"A2": "L L E L E OFF OFF"}), LIMIT)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(0), day(1), day(3)), 2.0, "shifts"),
    ]
    assert "3 shifts of L" in found[0].message and "the most is 1" in found[0].message
