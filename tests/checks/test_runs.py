"""Maximum consecutive working days, Minimum consecutive working days, Minimum consecutive
days off."""

from dataclasses import replace

from planner.model import Rules
from tests.checks.builders import alone, broken, check, day

MOST = "Maximum consecutive working days"
FEWEST = "Minimum consecutive working days"
OFF_RUN = "Minimum consecutive days off"


def test_six_days_in_a_row_keep_the_default_maximum():
    # Weekly limits are lifted so that only runs are judged.
    scenario = alone(days=14, max_days_per_week=7, max_hours=60)
    found = check(scenario, {"A2": "OFF E E E E E W OFF E E E E E OFF"})
    assert broken(found, MOST) == []


def test_a_run_over_the_maximum_breaks_it_by_the_days_over():
    scenario = alone(days=14, max_days_per_week=7, max_hours=60)
    found = broken(check(scenario, {"A2": "OFF E E E E E W W E E OFF E E E"}), MOST)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), tuple(day(i) for i in range(1, 10)), 3.0, "days"),
    ]
    assert found[0].message == ("Advisor A2 (A2) works 9 days in a row, 2 Mar to 10 Mar; "
                                "the most is 6")


def test_a_persons_own_maximum_overrides_the_rules():
    scenario = alone(days=14, max_consecutive_days=3)
    found = broken(check(scenario, {"A2": "E E E E OFF OFF OFF E E E OFF OFF OFF OFF"}), MOST)
    assert [(b.dates, b.size) for b in found] == [(tuple(day(i) for i in range(4)), 1.0)]


def test_runs_long_enough_or_touching_the_plan_ends_keep_the_minimum():
    scenario = replace(alone(), rules=Rules(min_consecutive_days=2))
    assert broken(check(scenario, {"A2": "E OFF E E OFF OFF E"}), FEWEST) == []


def test_a_lone_working_day_inside_the_plan_breaks_the_minimum_by_the_days_short():
    scenario = replace(alone(days=14), rules=Rules(min_consecutive_days=3))
    found = broken(check(scenario, {"A2": "E E E OFF E OFF OFF E E OFF OFF E E E"}), FEWEST)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(4),), 2.0, "days"),
        (("A2",), (day(7), day(8)), 1.0, "days"),
    ]
    assert "works only 1 day, Fri 5 Mar, between days off; the fewest is 3" in found[0].message


def test_days_off_long_enough_or_touching_the_plan_ends_keep_the_minimum():
    scenario = alone(min_consecutive_days_off=2)
    assert broken(check(scenario, {"A2": "OFF E E OFF AL E OFF"}), OFF_RUN) == []


def test_a_lone_day_off_breaks_the_minimum_and_leave_counts_as_a_day_off():
    scenario = alone(days=14, min_consecutive_days_off=3)
    found = broken(check(scenario, {"A2": "E E OFF E E OFF OFF E AL E E OFF OFF OFF"}), OFF_RUN)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(2),), 2.0, "days"),
        (("A2",), (day(5), day(6)), 1.0, "days"),
        (("A2",), (day(8),), 2.0, "days"),
    ]
    assert "has only 1 day off, Wed 3 Mar, between shifts" in found[0].message
