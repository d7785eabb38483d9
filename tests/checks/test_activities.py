"""Skills and Breaks, judged on the activities given for each shift."""

import datetime as dt
from dataclasses import replace

from planner.model import PatternCode
from tests.checks.builders import (
    alone,
    broken,
    check,
    day,
    doing,
    early_day,
    early_pattern,
)

SKILLS = "Skills"
BREAKS = "Breaks"
MONDAY_ONLY = "E OFF OFF OFF OFF OFF OFF"


def test_work_on_own_skills_keeps_the_skills_rule():
    activities = (*early_day("A2", day(0), "voice")[:2], doing("A2", day(0), "12:30", "16:00",
                                                                 "email"))
    assert broken(check(alone(), {"A2": MONDAY_ONLY}, activities), SKILLS) == []


def test_work_without_the_skill_breaks_it_by_the_hours_on_it():
    activities = (
        doing("A2", day(0), "08:00", "10:00", "mutual_exchange"),
        doing("A2", day(0), "10:00", "12:00", "voice"),
        doing("A2", day(0), "12:00", "12:30", "BREAK"),
        doing("A2", day(0), "12:30", "13:15", "repairs"),
        doing("A2", day(0), "13:15", "16:00", "voice"),
    )
    found = broken(check(alone(), {"A2": MONDAY_ONLY}, activities), SKILLS)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(0),), 2.75, "hours"),
    ]
    assert "2 hours on mutual_exchange and 0.75 hours on repairs" in found[0].message


def test_idle_time_and_breaks_are_not_skilled_work():
    activities = (doing("A2", day(0), "12:00", "12:30", "BREAK"),)
    assert broken(check(alone(), {"A2": MONDAY_ONLY}, activities), SKILLS) == []


def test_a_break_inside_its_window_keeps_the_breaks_rule():
    # E is 08:00-16:00: the break may start at 10:00 and must end by 14:00.
    for start in ("10:00", "12:00", "13:30"):
        activities = early_day("A2", day(0), break_at=start)
        assert broken(check(alone(), {"A2": MONDAY_ONLY}, activities), BREAKS) == [], start


def test_a_break_too_early_too_late_too_short_or_missing_breaks_the_rule_once_per_shift():
    week = {"A2": "E E E E OFF OFF OFF"}
    activities = (
        *early_day("A2", day(0), break_at="09:45"),
        *early_day("A2", day(1), break_at="13:45"),
        doing("A2", day(2), "08:00", "12:00", "voice"),
        doing("A2", day(2), "12:00", "12:15", "BREAK"),
        doing("A2", day(2), "12:15", "16:00", "voice"),
        doing("A2", day(3), "08:00", "16:00", "voice"),
    )
    found = broken(check(alone(), week, activities), BREAKS)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(i),), 1.0, "shifts") for i in range(4)
    ]
    assert "no 30-minute break between 10:00 and 14:00 in shift E" in found[0].message


def test_a_shift_under_five_hours_may_take_its_break_anywhere():
    short = early_pattern(code=PatternCode("S"), start=dt.time(8), end=dt.time(12),
                          unpaid_break_minutes=15)
    scenario = replace(alone(), patterns=(short,))
    activities = (doing("A2", day(0), "08:00", "08:15", "BREAK"),
                  doing("A2", day(0), "08:15", "12:00", "voice"))
    assert broken(check(scenario, {"A2": "S"}, activities), BREAKS) == []
    none = (doing("A2", day(0), "08:00", "12:00", "voice"),)
    assert len(broken(check(scenario, {"A2": "S"}, none), BREAKS)) == 1


def test_shifts_without_an_unpaid_break_need_no_break():
    assert broken(check(alone(), {"A2": "OFF OFF OFF OFF OFF W OFF"}, ()), BREAKS) == []
