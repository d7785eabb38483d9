"""Maximum weekly hours, Minimum weekly hours, Maximum days a week, Paid hours over the plan."""

import datetime as dt
from dataclasses import replace

import pytest

from planner.model import Absence, AbsenceKind, Rules, StaffId
from tests.checks.builders import FULL_WEEK, alone, broken, check, day

MOST_HOURS = "Maximum weekly hours"
FEWEST_HOURS = "Minimum weekly hours"
MOST_DAYS = "Maximum days a week"
PLAN_HOURS = "Paid hours over the plan"
WEEK_ONE = tuple(day(i) for i in range(7))


def leave(first: int, last: int) -> Absence:
    return Absence(StaffId("A2"), day(first), day(last), AbsenceKind.ANNUAL_LEAVE)


def test_a_full_week_of_earlies_keeps_the_weekly_limits():
    # 5 x 7.5 paid hours = 37.5: within 30-40 hours and 5 days.
    assessment = check(alone(), {"A2": FULL_WEEK})
    assert assessment.breaches == ()


def test_hours_over_the_lower_of_staff_and_rules_maximum_break_it_by_the_hours_over():
    scenario = alone(max_days_per_week=6)
    found = broken(check(scenario, {"A2": "E E E E E W OFF"}), MOST_HOURS)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), WEEK_ONE, 1.5, "hours"),  # 41.5 hours against Staff max_hours 40
    ]
    assert "is paid 41.5 hours in the week 1 Mar to 7 Mar; the most is 40" in found[0].message
    tighter = replace(alone(), rules=Rules(max_weekly_hours=36))
    assert [b.size for b in broken(check(tighter, {"A2": FULL_WEEK}), MOST_HOURS)] == [1.5]


def test_a_short_last_week_scales_the_maximum_hours():
    # Days 8-10 are a 3-day week: at most 40 x 3/7 hours; three earlies are 22.5.
    found = broken(check(alone(days=10), {"A2": FULL_WEEK + " E E E"}), MOST_HOURS)
    assert [(b.dates, b.size) for b in found] == [
        ((day(7), day(8), day(9)), pytest.approx(22.5 - 40 * 3 / 7)),
    ]


def test_hours_under_the_minimum_break_it_by_the_hours_short():
    found = broken(check(alone(), {"A2": "E E E OFF OFF OFF OFF"}), FEWEST_HOURS)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), WEEK_ONE, 7.5, "hours"),  # 22.5 against 30
    ]


def test_days_away_lower_the_minimum_by_a_contract_day_each():
    # A contract day is 37.5 / 5 = 7.5 hours: two days away leave 30 - 15 = 15 to work.
    scenario = replace(alone(), absences=(leave(3, 4),))
    assert broken(check(scenario, {"A2": "E E E AL AL OFF OFF"}), FEWEST_HOURS) == []
    one_away = replace(alone(), absences=(leave(4, 4),))
    found = broken(check(one_away, {"A2": "E E OFF OFF AL OFF OFF"}), FEWEST_HOURS)
    assert [b.size for b in found] == [7.5]  # 15 paid against 30 - 7.5
    assert "the fewest is 22.5 (after 1 day away)" in found[0].message


def test_a_bank_holiday_lowers_the_minimum_like_a_day_away():
    # England and Wales: Monday 3 May 2027 is a bank holiday.
    scenario = replace(alone(), settings=replace(alone().settings,
                                                 plan_start=dt.date(2027, 5, 3), plan_days=7))
    found = broken(check(scenario, {"A2": "BH E E OFF OFF OFF OFF"}), FEWEST_HOURS)
    assert [b.size for b in found] == [7.5]  # 15 paid against 30 - 7.5
    assert "(after 1 bank holiday)" in found[0].message
    assert broken(check(scenario, {"A2": "BH E E E OFF OFF OFF"}), FEWEST_HOURS) == []


def test_a_week_away_needs_no_hours():
    scenario = replace(alone(), absences=(leave(0, 6),))
    assert broken(check(scenario, {"A2": "AL AL AL AL AL AL AL"}), FEWEST_HOURS) == []


def test_days_over_the_weekly_maximum_break_it_by_the_days_over():
    scenario = alone(max_hours=48)
    assert broken(check(scenario, {"A2": FULL_WEEK}), MOST_DAYS) == []
    found = broken(check(scenario, {"A2": "E E E E E W W"}), MOST_DAYS)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), WEEK_ONE, 2.0, "days"),
    ]
    assert "works 7 days in the week 1 Mar to 7 Mar; the most is 5" in found[0].message


def test_a_short_last_week_scales_the_days_rounding_up():
    # 2 days a week over a 3-day week: ceil(2 x 3 / 7) = 1.
    scenario = alone(days=10, max_days_per_week=2, min_hours=0)
    found = broken(check(scenario, {"A2": "E E OFF OFF OFF OFF OFF E OFF E"}), MOST_DAYS)
    assert [(b.dates, b.size) for b in found] == [((day(7), day(8), day(9)), 1.0)]


def test_paid_minutes_within_the_plan_limits_keep_them():
    scenario = alone(min_paid_minutes=2250, max_paid_minutes=2250)
    assert broken(check(scenario, {"A2": FULL_WEEK}), PLAN_HOURS) == []


def test_paid_minutes_outside_the_plan_limits_break_them_by_the_hours():
    short = broken(check(alone(min_paid_minutes=2250), {"A2": "E E E E OFF OFF OFF"}),
                   PLAN_HOURS)
    assert [(b.staff_ids, b.size, b.unit) for b in short] == [(("A2",), 7.5, "hours")]
    assert "is paid 30 hours over the plan; the fewest is 37.5" in short[0].message
    over = broken(check(alone(max_paid_minutes=2000), {"A2": FULL_WEEK}), PLAN_HOURS)
    assert [(b.dates, b.size) for b in over] == [
        (tuple(day(i) for i in range(5)), pytest.approx(250 / 60)),
    ]
