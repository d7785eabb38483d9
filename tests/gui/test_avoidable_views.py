"""Avoidable contacts in the Demand and Coverage views: customers chasing open cases are shown
in the day charts and counted in the words, with the figures of the rota's own assessment, and
nothing extra shows when nobody chases."""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from planner.checks import check_rota  # noqa: E402
from planner.demand import demand_grid  # noqa: E402
from planner.io.reading import load_scenario  # noqa: E402
from planner.kpis import kpis_of  # noqa: E402
from planner.model import Scenario  # noqa: E402
from planner.plan import Assessment, Plan, RotaCell, SolveStatus  # noqa: E402
from tests.gui.conftest import SMALL  # noqa: E402
from ui.gui.document import Document  # noqa: E402
from ui.gui.views.coverage import CoverageView  # noqa: E402
from ui.gui.views.demand import DemandView, amount  # noqa: E402


def _chasing_scenario(rate: float = 0.2, overdue: float = 0.5) -> Scenario:
    """The 1-week sample with every open case chasing, and a second chasing queue
    (complaints, a copy of mutual exchange that nobody is skilled for, so its backlog grows)
    whose customers also ring the voice line."""
    scenario = load_scenario(SMALL).require()
    exchange = replace(scenario.case_queues[0], chase_rate=rate, overdue_chase_rate=overdue,
                       chase_after_days=0)
    complaints = replace(exchange, name="complaints", chase_channel=None)
    arrivals = scenario.case_arrivals + tuple(
        replace(a, queue="complaints") for a in scenario.case_arrivals)
    backlog = scenario.backlog + tuple(replace(b, queue="complaints") for b in scenario.backlog)
    return replace(scenario, case_queues=(exchange, complaints), case_arrivals=arrivals,
                   backlog=backlog)


def _weekday_rota(scenario: Scenario) -> tuple[RotaCell, ...]:
    """Everyone on their first shift pattern Monday to Friday, off at the weekend."""
    return tuple(RotaCell(person.staff_id, day,
                          person.patterns[0] if day.weekday() < 5 else "OFF")
                 for person in scenario.staff for day in scenario.settings.dates)


def _with_rota(document: Document, scenario: Scenario) -> Assessment:
    """Give the document a hand-made rota, as a solve would (one undo step)."""
    rota = _weekday_rota(scenario)
    assessment = check_rota(scenario, rota)
    document.apply_plan(Plan(SolveStatus.FEASIBLE, rota, (), assessment, assessment.objective,
                             math.nan, math.nan, 0.0), text="Hand-made rota")
    return document.assessment


def _shown(qtbot, view_class, scenario: Scenario, rota: bool = True):
    document = Document()
    document.new(scenario)
    if rota:
        _with_rota(document, scenario)
    view = view_class(document)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    return document, view


def _choose(view, channel: str, day: dt.date) -> None:
    view.choosers.channel.setCurrentText(channel)
    view.show_day(day)
    assert (view.choosers.current_channel(), view.choosers.current_day()) == (channel, day)


def _slot(time: dt.time, minutes: int) -> int:
    return (time.hour * 60 + time.minute) // minutes


def _expected(assessment: Assessment, channel: str, day: dt.date, minutes: int):
    """From the assessment itself: avoidable and all contacts per interval, and per queue."""
    avoidable, volume = np.zeros(24 * 60 // minutes), np.zeros(24 * 60 // minutes)
    for row in assessment.coverage:
        if row.channel == channel and row.date == day:
            avoidable[_slot(row.interval_start, minutes)] = row.avoidable
            volume[_slot(row.interval_start, minutes)] = row.volume
    queues = {d.queue: d.avoidable for d in assessment.caseload
              if d.date == day and d.avoidable > 0}
    return avoidable, volume, queues


def _bar_slots(bars, minutes: int) -> list[int]:
    return [round(x * 60 / minutes) for x in bars.opts["x0"]]


def test_amount_keeps_a_decimal_only_for_small_numbers():
    assert amount(6.16) == "6.2"
    assert amount(9.94) == "9.9"
    assert amount(9.96) == "10"
    assert amount(42.4) == "42"
    assert amount(1180.2) == "1,180"


def test_coverage_shows_and_counts_the_contacts_chasing_cases(qtbot):
    scenario = _chasing_scenario()
    document, view = _shown(qtbot, CoverageView, scenario)
    day = scenario.settings.dates[3]  # by Thursday the unworked complaints chase the most
    _choose(view, "voice", day)
    minutes = scenario.settings.interval_minutes
    avoidable, volume, queues = _expected(document.assessment, "voice", day, minutes)
    total = avoidable.sum()
    assert set(queues) == {"mutual_exchange", "complaints"} and total > 1
    assert queues["complaints"] > queues["mutual_exchange"]
    # The queues' contacts that day are the ones spread over the day's intervals.
    assert sum(queues.values()) == pytest.approx(total)
    chasing = kpis_of(scenario, document.assessment).avoidable
    assert {f.queue: dict(f.by_day)[day] for f in chasing} == pytest.approx(
        queues, abs=1e-3)

    ranked = sorted(queues.items(), key=lambda item: (-item[1], item[0]))
    words = (f"{amount(total)} of the day's {volume.sum():,.0f} contacts "
             f"({total / volume.sum():.1%}) are customers chasing cases: "
             + ", ".join(f"{q} {amount(v)}" for q, v in ranked) + ".")
    assert words in view.summary.text()

    # The chart: the chasing contacts stacked on the others, together the interval's contacts.
    assert view.contacts_chart.isVisibleTo(view)
    others = _bar_slots(view.other_bars, minutes)
    assert list(view.other_bars.opts["height"]) == pytest.approx(
        volume[others] - avoidable[others])
    slots = _bar_slots(view.chase_bars, minutes)
    assert slots == list(np.flatnonzero(avoidable > 0))  # a bar wherever there are some
    assert list(view.chase_bars.opts["height"]) == pytest.approx(avoidable[slots])
    assert list(view.chase_bars.opts["y0"]) == pytest.approx(volume[slots] - avoidable[slots])
    assert sum(view.chase_bars.opts["height"]) == pytest.approx(total)


def test_coverage_shows_nothing_extra_on_a_channel_nobody_chases_on(qtbot):
    scenario = _chasing_scenario()
    document, view = _shown(qtbot, CoverageView, scenario)
    _choose(view, "chat", scenario.settings.dates[0])
    assert not any(r.avoidable for r in document.assessment.coverage if r.channel == "chat")
    assert "chasing" not in view.summary.text()
    assert "service level" in view.summary.text()
    assert not view.contacts_chart.isVisibleTo(view)
    # Back on voice the chart comes back.
    _choose(view, "voice", scenario.settings.dates[0])
    assert view.contacts_chart.isVisibleTo(view)
    assert "chasing cases" in view.summary.text()


def test_with_no_chasing_the_views_are_as_before(qtbot):
    scenario = _chasing_scenario(rate=0.0, overdue=0.0)
    assert not any(q.chases for q in scenario.case_queues)
    document, coverage = _shown(qtbot, CoverageView, scenario)
    _choose(coverage, "voice", scenario.settings.dates[0])
    assert not any(r.avoidable for r in document.assessment.coverage)
    assert "chasing" not in coverage.summary.text()
    assert not coverage.contacts_chart.isVisibleTo(coverage)
    assert len(coverage.chase_bars.opts["height"]) == 0

    demand = DemandView(document)
    qtbot.addWidget(demand)
    demand.show()
    _choose(demand, "voice", scenario.settings.dates[0])
    assert "chasing" not in demand.summary.text()
    assert not demand.legend.isVisible()
    assert len(demand.chase_bars.opts["height"]) == 0


def test_demand_adds_the_rotas_chasing_contacts_to_the_forecast(qtbot):
    scenario = _chasing_scenario()
    document, view = _shown(qtbot, DemandView, scenario, rota=False)
    day = scenario.settings.dates[1]
    _choose(view, "voice", day)
    assert "chasing" not in view.summary.text()  # no rota yet: the forecast alone
    assert not view.legend.isVisible()

    assessment = _with_rota(document, scenario)  # the view follows the rota
    minutes = scenario.settings.interval_minutes
    avoidable, _volume, queues = _expected(assessment, "voice", day, minutes)
    grid = demand_grid(scenario)
    forecast = grid.volume[1, :, [c.name for c in grid.channels].index("voice")]
    total = avoidable.sum()
    assert total > 1
    ranked = sorted(queues.items(), key=lambda item: (-item[1], item[0]))
    text = view.summary.text()
    assert (f"From the current rota's backlog, customers chasing cases add {amount(total)} "
            "contacts to this forecast ("
            + ", ".join(f"{q} {amount(v)}" for q, v in ranked) + "): "
            f"{total / (forecast.sum() + total):.1%} of the "
            f"{amount(forecast.sum() + total)} contacts the rota is judged against") in text
    assert f"{forecast.sum():,.0f} contacts expected" in text  # the forecast is unchanged
    assert view.legend.isVisible()
    forecast_slots = _bar_slots(view.volume_bars, minutes)
    assert list(view.volume_bars.opts["height"]) == pytest.approx(forecast[forecast_slots])
    slots = _bar_slots(view.chase_bars, minutes)
    assert slots == list(np.flatnonzero(avoidable > 0))
    assert list(view.chase_bars.opts["y0"]) == pytest.approx(forecast[slots])
    assert list(view.chase_bars.opts["height"]) == pytest.approx(avoidable[slots])

    document.undo_stack.undo()  # no rota again: the chasing goes
    assert document.assessment is None
    assert "chasing" not in view.summary.text()
    assert len(view.chase_bars.opts["height"]) == 0
    assert not view.legend.isVisible()
