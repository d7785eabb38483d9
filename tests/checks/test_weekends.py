"""Maximum weekends."""

from dataclasses import replace

from planner.model import Rules
from tests.checks.builders import alone, broken, check, day, plan_of

RULE = "Maximum weekends"
WEEK = "E E E E OFF {sat} {sun}"


def weeks(*weekends: str) -> str:
    """A line of weeks; each weekend as "W W", "W OFF", "OFF OFF"..."""
    return " ".join(WEEK.format(sat=w.split()[0], sun=w.split()[1]) for w in weekends)


def test_a_saturday_and_sunday_are_one_weekend_within_a_persons_maximum():
    scenario = alone(days=14, max_weekends=1)
    assert broken(check(scenario, {"A2": weeks("W W", "OFF OFF")}), RULE) == []


def test_weekends_over_a_persons_maximum_break_it_once_over_the_plan():
    scenario = alone(days=21, max_weekends=1)
    found = broken(check(scenario, {"A2": weeks("W OFF", "OFF W", "W W")}), RULE)
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(5), day(13), day(19), day(20)), 2.0, "weekends"),
    ]
    assert "works 3 weekends over the plan; the most is 1" in found[0].message


def test_weekends_within_the_rules_four_weekly_maximum_keep_it():
    scenario = replace(alone(days=28), rules=Rules(max_weekends_per_4_weeks=2))
    line = weeks("W OFF", "OFF OFF", "OFF W", "OFF OFF")
    assert broken(check(scenario, {"A2": line}), RULE) == []


def test_weekends_over_the_rules_maximum_break_it_per_four_weeks():
    scenario = replace(alone(days=28), rules=Rules(max_weekends_per_4_weeks=2))
    found = broken(check(scenario, {"A2": weeks("W OFF", "OFF W", "W OFF", "W W")}), RULE)
    assert [(b.dates, b.size, b.unit) for b in found] == [
        ((day(5), day(13), day(19), day(26), day(27)), 2.0, "weekends"),
    ]
    assert "in the four weeks 1 Mar to 28 Mar; the most is 2" in found[0].message


def test_a_short_last_block_scales_the_rules_maximum_rounding_up():
    # Days 28-41 are half a block: at most ceil(3 x 14 / 28) = 2 weekends there.
    scenario = replace(alone(days=42), rules=Rules(max_weekends_per_4_weeks=3))
    keep = weeks("W OFF", "W OFF", "W OFF", "OFF OFF", "W OFF", "W OFF")
    assert broken(check(scenario, {"A2": keep}), RULE) == []
    scenario = replace(scenario, rules=Rules(max_weekends_per_4_weeks=1))
    found = broken(check(scenario, {"A2": keep}), RULE)
    assert [(b.dates, b.size) for b in found] == [
        ((day(5), day(12), day(19)), 2.0),
        ((day(33), day(40)), 1.0),
    ]


def test_a_plan_starting_on_sunday_counts_that_sundays_weekend():
    sunday = day(6)
    scenario = replace(alone(days=7, max_weekends=0), settings=plan_of(7, start=sunday))
    found = broken(check(scenario, {"A2": "W E E E E E OFF"}), RULE)
    assert [(b.dates, b.size) for b in found] == [((sunday,), 1.0)]
