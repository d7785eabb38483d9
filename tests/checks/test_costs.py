"""Costs against hand arithmetic: pay, fairness, shift requests, cover per shift pattern."""

import datetime as dt
from dataclasses import replace

import pytest

from planner.model import PatternCode, PatternCover, RequestKind, Rules, ShiftRequest, StaffId
from tests.checks.builders import LATE, WEEKEND, advisor, check, day, early_pattern, team
from tests.factories import weekday_demand

QUIET = weekday_demand("voice", {"09:00": 0.0})


def test_pay_counts_paid_hours_at_each_rate_and_cover_at_a_premium():
    scenario = team(advisor("A2", hourly_cost=16.0), advisor("CV", hourly_cost=0.0, cover=True),
                    demand=QUIET, rules=Rules(standard_hourly_cost=12.0, cover_premium=0.5))
    assessment = check(scenario, {"A2": "E E E E E OFF OFF", "CV": "E E OFF OFF OFF OFF OFF"})
    costs = assessment.costs
    assert (costs.paid_hours, costs.cover_hours) == (52.5, 15.0)
    assert costs.pay == pytest.approx(37.5 * 16.0 + 15.0 * 12.0 * 1.5)


def test_fairness_prices_the_spread_of_saturdays_lates_and_mondays_within_each_team():
    night = early_pattern(code=PatternCode("N"), start=dt.time(22), end=dt.time(6),
                          days=tuple(range(7)))
    scenario = team(
        advisor("A1"), advisor("A2"), advisor("A3"),
        advisor("CV", cover=True),  # cover: not counted
        advisor("M1", team="Mutual exchange"),  # a team of one: not counted
        demand=QUIET, rules=Rules(fairness_cost=5.0),
    )
    scenario = replace(scenario, patterns=(*scenario.patterns, night))
    assessment = check(scenario, {
        "A1": "E L L E E W OFF",  # Saturdays 1, lates 2, Mondays 1
        "A2": "L E E N OFF OFF OFF",  # Saturdays 0, lates 2 (N crosses midnight), Mondays 1
        "A3": "OFF E E E E W OFF",  # Saturdays 1, lates 0, Mondays 0
        "CV": "L L L L L W OFF",
        "M1": "L L L L L W OFF",
    })
    assert assessment.costs.fairness == pytest.approx(5.0 * ((1 - 0) + (2 - 0) + (1 - 0)))


def test_a_shift_ending_at_the_late_shift_end_is_not_late():
    scenario = team(demand=QUIET, rules=Rules(late_shift_end=dt.time(20), fairness_cost=5.0))
    assessment = check(scenario, {"A2": "L L OFF OFF OFF OFF OFF", "A3": "OFF OFF E E OFF OFF"})
    assert assessment.costs.fairness == pytest.approx(5.0 * 1)  # Mondays 1 against 0


def test_requests_not_granted_cost_their_weight():
    def asks(offset, pattern, kind, weight):
        return ShiftRequest(StaffId("A2"), day(offset), pattern, kind, weight)

    want, avoid = RequestKind.WANT, RequestKind.AVOID
    scenario = replace(team(demand=QUIET), shift_requests=(
        asks(0, "E", want, 1.0),  # granted (E)
        asks(1, "L", want, 2.0),  # not granted (E)
        asks(2, "", want, 4.0),  # granted (works)
        asks(3, "", want, 8.0),  # not granted (OFF)
        asks(4, "E", avoid, 16.0),  # not granted (E)
        asks(0, "L", avoid, 32.0),  # granted (E)
        asks(5, "", avoid, 64.0),  # granted (OFF)
        asks(2, "", avoid, 128.0),  # not granted (works)
        asks(30, "", avoid, 256.0),  # outside the plan: ignored
    ))
    assessment = check(scenario, {"A2": "E E E OFF E OFF OFF"})
    assert assessment.costs.requests == 2.0 + 8.0 + 16.0 + 128.0


def test_pattern_cover_prices_each_person_short_or_over():
    rows = (PatternCover(day(0), PatternCode("E"), 3, weight_under=100.0, weight_over=1.0),
            PatternCover(day(0), PatternCode("L"), 0, weight_under=100.0, weight_over=7.0),
            PatternCover(day(5), WEEKEND.code, 1, weight_under=50.0, weight_over=1.0),
            PatternCover(day(1), LATE.code, 1, weight_under=50.0, weight_over=1.0))
    scenario = replace(team(demand=QUIET), pattern_cover=rows)
    assessment = check(scenario, {"A2": "E L OFF OFF OFF W", "A3": "L L OFF OFF OFF W"})
    # E: 1 of 3 (2 short); L on day 0: 1 over; W: 2 of 1 (1 over); L on day 1: 2 of 1.
    assert assessment.costs.pattern_cover == 2 * 100.0 + 7.0 + 1.0 + 1.0


def test_breaches_cost_their_sizes_and_the_total_adds_every_part():
    scenario = team(advisor("A2", max_hours=38.0), demand=QUIET,
                    rules=Rules(breach_cost=100.0))
    assessment = check(scenario, {"A2": "E E E E E W OFF"})  # 41.5 hours, 6 days
    sizes = sorted((b.rule, b.size) for b in assessment.breaches)
    assert sizes == [("Maximum days a week", 1.0), ("Maximum weekly hours", 3.5)]
    costs = assessment.costs
    assert costs.breaches == pytest.approx(100.0 * 4.5)
    assert assessment.objective == pytest.approx(
        costs.pay + costs.service + costs.overdue + costs.fairness + costs.requests
        + costs.pattern_cover + costs.breaches)
