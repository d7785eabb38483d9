"""Rotas that staff the peaks when advisors are short all day: the shortage shared in
proportion to the need (short cover), breaks staggered, and nobody on email while the phones
have nobody on them. Every plan goes through the checker (`solved`)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import replace

import pytest

from planner.plan import BREAK
from tests.factories import advisor, small_scenario, weekday_demand
from tests.solver.builders import solved

SECONDS = 8.0


def _short_all_day():
    """Two days, eight voice-and-email advisors on 08:00-16:00 shifts against a morning peak
    they cannot meet, and a day's email to answer."""
    curve = {}
    for h in range(8, 16):
        for m in (0, 15, 30, 45):
            peak = 10 <= h < 12
            curve[f"{h:02d}:{m:02d}"] = 40.0 if peak else 16.0
    demand = (weekday_demand("voice", curve)
              + weekday_demand("email", {"09:00": 30.0, "13:00": 20.0}))
    staff = tuple(advisor(f"A{i}", skills=("voice", "email")) for i in range(1, 9))
    scenario = small_scenario(demand=demand, staff=staff, absences=(), case_queues=(),
                              case_arrivals=(), backlog=())
    return replace(scenario, settings=replace(scenario.settings, plan_days=2))


@pytest.fixture(scope="module")
def short_days():
    scenario = _short_all_day()
    return scenario, solved(scenario, seconds=SECONDS)


def test_every_interval_is_about_as_short_as_its_day(short_days):
    _, plan = short_days
    days = defaultdict(list)
    for row in plan.assessment.coverage:
        if row.channel == "voice" and row.required > 0:
            days[row.date].append(row)
    assert days
    for rows in days.values():
        overall = sum(min(r.planned, r.required) for r in rows) / sum(r.required for r in rows)
        assert overall < 0.9  # short all day, so sharing the shortage is what is tested
        smallest = min(r.planned / r.required for r in rows)
        assert smallest >= overall / 2, [(r.interval_start, r.planned, r.required) for r in rows]


def test_nobody_is_on_email_while_the_phones_have_nobody(short_days):
    scenario, plan = short_days
    on = defaultdict(Counter)
    step = dt.timedelta(minutes=scenario.settings.interval_minutes)
    for a in plan.activities:
        t = a.start
        while t < a.end:
            on[t][a.activity] += 1
            t += step
    for row in plan.assessment.coverage:
        if row.channel == "voice" and row.volume > 0 and row.planned == 0:
            at = dt.datetime.combine(row.date, row.interval_start)
            assert on[at]["email"] == 0, at


def test_breaks_are_staggered_across_their_window(short_days):
    scenario, plan = short_days
    starts = Counter((a.date, a.start) for a in plan.activities if a.activity == BREAK)
    people = Counter(c.date for c in plan.rota if c.works)
    pattern = scenario.patterns[0]
    # 8:00-16:00, breaks from 10:00 to finish by 14:00: 14 starts of a quarter of an hour
    window = (14 - 10) * 4 - 2 + 1
    for (date, _), taking in starts.items():
        assert taking <= math.ceil(people[date] / window), (date, taking)
    assert pattern.unpaid_break_minutes == 30


def test_short_cover_is_priced_by_the_square_of_the_advisors_short():
    from planner.checks import check_rota
    from planner.checks.service import advisor_value

    scenario = _short_all_day()
    nobody = check_rota(scenario, ())
    rules, channel = scenario.rules, scenario.channel("voice")
    seconds = scenario.settings.interval_minutes * 60.0
    value = float(advisor_value(channel, rules, seconds, channel.aht_seconds))
    # with nobody planned every interval is short of all it needs: the price is the need
    expected = rules.short_cover_weight * value * sum(
        r.required for r in nobody.coverage if r.channel == "voice")
    assert nobody.costs.short_cover == pytest.approx(expected)
    unpriced = replace(scenario, rules=replace(rules, short_cover_weight=0.0))
    assert check_rota(unpriced, ()).costs.short_cover == 0.0
    assert value == pytest.approx(seconds / channel.aht_seconds * 6.0)
