"""The one spelling of each figure a team leader reads: money, shares, waits, hours, days, gaps."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from planner import words
from planner.checks import words as checker_words
from planner.plan import Costs

NAN, INF = math.nan, math.inf


@pytest.mark.parametrize(("value", "pence", "text"), [
    (1234.56, True, "£1,234.56"), (1234.56, False, "£1,235"), (0.49, False, "£0"),
    (168635.845, True, "£168,635.85"), (0, True, "£0.00"), (-12.5, True, "-£12.50"),
    (-0.001, True, "£0.00"), (-1234.4, False, "-£1,234"), (NAN, True, "-"), (None, True, "-"),
    (INF, True, "-")])
def test_money_is_to_the_penny_unless_asked_and_a_loss_carries_a_minus(value, pence, text):
    assert words.money(value, pence=pence) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.8, "80.0%"), (0.02325, "2.3%"), (1.0, "100.0%"), (0.0, "0.0%"), (None, "-"),
    (NAN, "-")])
def test_a_share_is_a_percentage_to_one_decimal(value, text):
    assert words.share(value) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 s"), (45, "45 s"), (44.5, "45 s"), (59.4, "59 s"), (59.6, "1 min 00 s"),
    (65, "1 min 05 s"), (147.37, "2 min 27 s"), (3599.4, "59 min 59 s"),
    (3599.6, "1 h 00 min"), (3600, "1 h 00 min"), (3720, "1 h 02 min"),
    (INF, "never answered"), (None, "-"), (NAN, "-")])
def test_an_average_wait_has_one_spelling(seconds, text):
    assert words.wait(seconds) == text


def test_money_rounds_halves_up_and_the_plain_figures_round_the_same_way():
    assert words.money(115.125) == "£115.13"  # 115.125 is held exactly; halves go up
    assert words.money(2.675) == "£2.68"  # held as 2.67499999..., written as 2.675
    assert words.to_pence(115.125) == 115.13 and words.to_pence(-2.675) == -2.68
    assert words.money(0.5, pence=False) == "£1"


def test_a_simulated_figure_reads_with_its_interval():
    assert words.estimate(0.784, 0.771, 0.796) == "78.4% (77.1% to 79.6%)"
    assert words.estimate(65, 50, 80, words.wait) == "1 min 05 s (50 s to 1 min 20 s)"
    assert words.estimate(0.5, NAN, NAN) == "50.0%"
    assert words.estimate(NAN, 0.1, 0.2) == "-"


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (37.5, 2, "37.5"), (8.0, 2, "8"), (2.254, 2, "2.25"), (1180.4, 0, "1,180"),
    (30.07, 1, "30.1"), (-0.001, 2, "0"), (0.0, 1, "0")])
def test_a_number_has_at_most_its_decimals(value, decimals, text):
    assert words.number(value, decimals) == text


def test_hours_and_counts_agree_in_number_with_what_they_show():
    assert words.hours(387.5) == "387.5 hours"
    assert words.hours(1) == "1 hour"
    assert words.hours(0.999, 1) == "1 hour"
    assert words.hours(0, 1) == "0 hours"
    assert words.count(1, "day") == "1 day"
    assert words.count(3, "day") == "3 days"
    assert words.count(1180.2, "contact", 0) == "1,180 contacts"
    assert words.count(0.5, "case") == "0.5 cases"
    # A broken rule's size is named in its plural units, singular for exactly one.
    assert words.amount(1, "shift pairs") == "1 shift pair"
    assert words.amount(2, "shifts") == "2 shifts"
    assert words.amount(1.5, "hours") == "1.5 hours"


def test_days_and_dates():
    monday = dt.date(2027, 4, 26)
    assert words.day(monday) == "Mon 26 Apr"
    assert words.day(dt.date(2027, 5, 3)) == "Mon 3 May"
    assert words.long_day(dt.date(2027, 5, 3)) == "Monday 3 May"
    assert words.long_date(dt.date(2027, 5, 3)) == "3 May 2027"
    assert words.span(monday, monday) == "Mon 26 Apr"
    assert words.span(monday, dt.date(2027, 5, 2)) == "26 Apr to 2 May"
    run = [monday + dt.timedelta(days=i) for i in (0, 1, 2, 3, 4, 7, 9, 10)]
    assert words.days(run) == "26 Apr to 30 Apr, Mon 3 May, Wed 5 May, Thu 6 May"
    assert words.clock(13 * 60 + 30) == "13:30"
    assert words.clock(25 * 60) == "01:00"


def test_what_a_rota_costs_is_the_total_with_the_parts_that_are_not_nothing():
    costs = Costs(pay=68510.15, service=80000.2, overdue=10000.0, breaches=10125.5)
    assert words.cost(costs) == ("Cost £168,635.85: pay £68,510.15, service £80,000.20, "
                                 "overdue work £10,000.00, broken rules £10,125.50")
    assert words.cost(Costs()) == "Cost £0.00: pay £0.00"
    every = words.cost_parts(Costs(pay=1.0), every=True)
    assert every == ("pay £1.00, service £0.00, short cover £0.00, overdue work £0.00, "
                     "fairness £0.00, "
                     "shift requests £0.00, pattern cover £0.00, broken rules £0.00")


@pytest.mark.parametrize(("bound", "gap", "text"), [
    (5403.3, 0.0285, "gap 2.9%"), (0.0, 1.0, "no bound yet"), (NAN, NAN, "no bound yet"),
    (None, None, "no bound yet"), (-5.0, 1.0, "no bound yet"), (INF, 0.5, "no bound yet"),
    (0.0, 0.0, "gap 0.0%"), (100.0, 0.0, "gap 0.0%")])
def test_the_search_gap_is_no_bound_yet_until_there_is_a_bound(bound, gap, text):
    assert words.gap(bound, gap) == text


def test_the_search_figures_are_never_called_the_cost():
    assert words.search(5561.88, 5403.3, 0.0285) == (
        "search objective £5,561.88, gap 2.9% (bound £5,403.30)")
    assert words.search(5754.0, 0.0, 1.0) == "search objective £5,754.00, no bound yet"
    assert "cost" not in words.search(5754.0, NAN, NAN).lower()


def test_the_checker_words_breaches_with_the_same_spellings():
    for name in ("clock", "count", "day", "hours", "number", "span", "who"):
        assert getattr(checker_words, name) is getattr(words, name)
