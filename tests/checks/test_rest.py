"""Minimum rest between shifts, and Forbidden shift sequences."""

import datetime as dt
from dataclasses import replace

from planner.model import ForbiddenSequence, PatternCode, Rules
from tests.checks.builders import alone, broken, check, day, early_pattern, team

REST = "Minimum rest between shifts"
NIGHT = early_pattern(code=PatternCode("N"), start=dt.time(22), end=dt.time(6),
                      days=tuple(range(7)))


def with_night(rules=None):
    scenario = alone()
    return replace(scenario, patterns=(*scenario.patterns, NIGHT), rules=rules or Rules())


def test_a_late_then_an_early_with_16_hours_rest_keeps_the_rule():
    # L ends 20:00, E starts 08:00: 12 hours.
    assert broken(check(alone(), {"A2": "L E E E E OFF OFF"}), REST) == []


def test_too_little_rest_breaks_the_rule_once_per_pair():
    # L (12:00-20:00) then E needs 12 hours; with 13 required it is short on every pair.
    scenario = replace(alone(), rules=Rules(min_rest_hours=13))
    found = broken(check(scenario, {"A2": "L E L E E OFF OFF"}), REST)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(0), day(1)), 1.0, "shift pairs"),
        (("A2",), (day(2), day(3)), 1.0, "shift pairs"),
    ]
    assert "12 hours rest" in found[0].message and "the least is 13" in found[0].message


def test_rest_after_a_night_shift_counts_from_its_end_the_next_morning():
    # N from Monday 22:00 ends Tuesday 06:00; Tuesday's E starts at 08:00.
    found = broken(check(with_night(), {"A2": "N E OFF OFF OFF OFF OFF"}), REST)
    assert [b.dates for b in found] == [(day(0), day(1))]
    assert "2 hours rest" in found[0].message
    # E ends Monday 16:00, Tuesday's N starts 22:00: 30 hours.
    assert broken(check(with_night(Rules(min_rest_hours=24)),
                        {"A2": "E N OFF OFF OFF OFF OFF"}), REST) == []


def test_a_night_shift_overlapping_the_next_days_shift_has_no_rest():
    night = replace(NIGHT, end=dt.time(10))
    scenario = replace(alone(), patterns=(*alone().patterns, night))
    found = broken(check(scenario, {"A2": "N E OFF OFF OFF OFF OFF"}), REST)
    assert len(found) == 1 and "overlapping by 2 hours" in found[0].message


def test_shifts_two_days_apart_are_not_a_pair():
    scenario = replace(alone(), rules=Rules(min_rest_hours=24))
    assert broken(check(scenario, {"A2": "E OFF E OFF E OFF OFF"}), REST) == []


SEQUENCE = "Forbidden shift sequences"


def test_allowed_sequences_keep_the_rule():
    scenario = replace(alone(), forbidden_sequences=(ForbiddenSequence("L", "E"),))
    assert broken(check(scenario, {"A2": "E L L OFF E OFF OFF"}), SEQUENCE) == []


def test_a_forbidden_sequence_breaks_the_rule_once_per_pair():
    scenario = replace(team(), forbidden_sequences=(ForbiddenSequence("L", "E"),))
    found = broken(check(scenario, {"A2": "L E L E E OFF OFF", "A3": "E L E E E OFF OFF"}),
                   SEQUENCE)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(0), day(1)), 1.0, "shift pairs"),
        (("A2",), (day(2), day(3)), 1.0, "shift pairs"),
        (("A3",), (day(1), day(2)), 1.0, "shift pairs"),
    ]
    assert "L on Mon 1 Mar then E on Tue 2 Mar" in found[0].message
