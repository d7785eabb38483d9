"""The Demand and Coverage views and the heat map: what they chart is the scenario's and the
rota's own figures, edits go through the Demand table as undo steps, and a rota is needed."""

from __future__ import annotations

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from planner.demand import demand_grid  # noqa: E402
from planner.staffing import staffing_table  # noqa: E402
from tests.gui.conftest import SMALL  # noqa: E402
from ui.gui.charts import day_label  # noqa: E402
from ui.gui.document import Document  # noqa: E402
from ui.gui.heatmap import HeatMap  # noqa: E402
from ui.gui.views.coverage import CoverageView  # noqa: E402
from ui.gui.views.demand import DemandView  # noqa: E402


@pytest.fixture(scope="module")
def small_rota(tmp_path_factory):
    """A rota workbook for the small sample, planned by the command line (a short solve)."""
    from ui.cli import main

    out = tmp_path_factory.mktemp("rota") / "rota.xlsx"
    assert main(["solve", str(SMALL), "--out", str(out), "--time-limit", "5",
                 "--repeatable"]) == 0
    return out


def _shown(qtbot, view_class, path):
    document = Document()
    assert document.open(path)
    view = view_class(document)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    return document, view


def _choose(view, channel: str, day) -> None:
    view.choosers.channel.setCurrentText(channel)
    view.show_day(day)
    assert view.choosers.current_channel() == channel
    assert view.choosers.current_day() == day


def _slots(hours, minutes: int) -> list[int]:
    return [round(h * 60 / minutes) for h in hours]


def test_demand_chart_shows_the_days_contacts_and_requirement(qtbot):
    document, view = _shown(qtbot, DemandView, SMALL)
    scenario = document.scenario
    day = scenario.settings.dates[2]
    _choose(view, "chat", day)
    grid = demand_grid(scenario)
    k = [c.name for c in grid.channels].index("chat")
    expected = grid.volume[2, :, k]
    minutes = scenario.settings.interval_minutes
    bars = view.volume_bars.opts
    slots = _slots(bars["x0"], minutes)
    assert list(bars["height"]) == [expected[s] for s in slots]
    assert sum(bars["height"]) == pytest.approx(expected.sum()) and expected.sum() > 0
    table = staffing_table(scenario)
    required = table[(table.channel == "chat") & (table.date == day)]["required"].to_numpy()
    _x, y = view.required_line.getData()
    assert list(y) == [required[s] for s in slots]
    assert max(y) > 0

    # Another day and channel redraw the chart.
    _choose(view, "voice", scenario.settings.dates[0])
    k = [c.name for c in grid.channels].index("voice")
    bars = view.volume_bars.opts
    assert list(bars["height"]) == [grid.volume[0, s, k]
                                    for s in _slots(bars["x0"], minutes)]
    assert "voice" in view.summary.text()


def test_demand_week_heat_map_holds_the_volumes(qtbot):
    document, view = _shown(qtbot, DemandView, SMALL)
    scenario = document.scenario
    day = scenario.settings.dates[1]
    _choose(view, "voice", day)
    grid = demand_grid(scenario)
    k = [c.name for c in grid.channels].index("voice")
    slot = 10 * 60 // scenario.settings.interval_minutes
    assert float(view.heat.text_at("10:00", day_label(day))) == grid.volume[1, slot, k] > 0
    # The night (closed every day) is hidden, the working day is not.
    assert view.heat.isRowHidden(view.heat.row_of("03:00"))
    assert not view.heat.isRowHidden(view.heat.row_of("10:00"))
    # Weekend days of the plan are columns too: the whole week is shown.
    assert view.heat.grid_model.column_labels == [day_label(d) for d in scenario.settings.dates]


def _demand_cell(view, weekday: str, start: str, column: str):
    model = view.table.model
    names = [c.name for c in model.columns]
    for row in range(model.rowCount()):
        values = dict(zip(names, (model.index(row, c).data() for c in range(len(names))),
                          strict=True))
        if values["weekday"] == weekday and values["interval_start"] == start:
            return model.index(row, names.index(column))
    raise AssertionError(f"no Demand row for {weekday} {start}")


def test_editing_demand_in_the_table_changes_the_scenario_and_undo_restores(qtbot):
    document, view = _shown(qtbot, DemandView, SMALL)
    day = document.scenario.settings.dates[0]  # a Monday
    _choose(view, "chat", day)
    view.tabs.setCurrentIndex(2)
    model = view.table.model
    assert model.rowCount() > 0
    assert all(model.index(r, [c.name for c in model.columns].index("channel")).data()
               == "chat" for r in range(model.rowCount()))
    before = document.scenario
    grid = demand_grid(before)
    k = [c.name for c in grid.channels].index("chat")
    slot = 10 * 60 // before.settings.interval_minutes
    old = grid.volume[0, slot, k]
    assert old != 99

    assert model.setData(_demand_cell(view, "Mon", "10:00", "volume"), "99")
    assert demand_grid(document.scenario).volume[0, slot, k] == 99
    assert float(view.heat.text_at("10:00", day_label(day))) == 99  # redrawn
    document.undo_stack.undo()
    assert document.scenario is before
    assert demand_grid(document.scenario).volume[0, slot, k] == old
    assert float(view.heat.text_at("10:00", day_label(day))) == old


def test_a_refused_demand_edit_leaves_the_scenario_alone(qtbot):
    document, view = _shown(qtbot, DemandView, SMALL)
    _choose(view, "voice", document.scenario.settings.dates[0])
    before = document.scenario
    index = _demand_cell(view, "Mon", "10:00", "volume")
    shown = index.data()
    assert not view.table.model.setData(index, "lots")
    assert document.scenario is before
    assert document.undo_stack.count() == 0
    assert index.data() == shown
    assert view.table.message.text().startswith("Not changed")


def test_coverage_needs_a_rota(qtbot):
    _document, view = _shown(qtbot, CoverageView, SMALL)
    assert view.summary.text() == "No rota yet: solve to see coverage."
    assert not view.tabs.isVisible()


def test_coverage_charts_the_planned_advisors_and_switches_day(qtbot, small_rota):
    document, view = _shown(qtbot, CoverageView, small_rota)
    assessment = document.assessment
    assert assessment is not None and view.tabs.isVisible()
    minutes = document.scenario.settings.interval_minutes
    for day in document.scenario.settings.dates[:2]:
        _choose(view, "voice", day)
        rows = {(r.interval_start.hour * 60 + r.interval_start.minute) // minutes: r
                for r in assessment.coverage if r.channel == "voice" and r.date == day}
        assert rows
        x, planned = view.planned_line.getData()
        slots = _slots(x[:-1], minutes)
        assert list(planned) == [rows[s].planned if s in rows else 0 for s in slots]
        assert sum(planned) == sum(r.planned for r in rows.values()) > 0
        _x, needed = view.needed_line.getData()
        assert list(needed) == [rows[s].required if s in rows else 0 for s in slots]
        assert day_label(day) == view.choosers.day.currentText()
        assert f"{day.day} {day:%B}" in view.summary.text()
    assert view.target_line.value() == pytest.approx(
        100 * next(c.service_level_target for c in document.scenario.channels
                   if c.name == "voice"))
    assert "service level" in view.summary.text()


def test_heat_map_colours_blanks_and_hides_empty_rows(qtbot):
    heat = HeatMap()
    qtbot.addWidget(heat)
    values = np.array([[np.nan, np.nan], [1.0, 10.0], [0.0, math.inf]])
    heat.set_grid(values, ["00:00", "08:00", "08:15"], ["Mon 26 Apr", "Tue 27 Apr"], ".0f",
                  "Contacts")
    model = heat.grid_model
    assert heat.isRowHidden(0) and not heat.isRowHidden(1)
    heat.show_empty_rows(True)
    assert not heat.isRowHidden(0)
    assert heat.text_at("00:00", "Mon 26 Apr") == ""
    assert heat.text_at("08:00", "Tue 27 Apr") == "10"
    assert heat.text_at("08:15", "Tue 27 Apr") == "∞"
    low = model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    high = model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole).color()
    assert low == QColor("#FFFFFF") and high.lightness() < 100
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#FFFFFF")
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole).color() != QColor("#FFFFFF")
    assert "Contacts" in heat.legend.text()


def _click_chart(qtbot, chart, hour: float) -> None:
    """A left click on `chart` at `hour` of the day, as a mouse makes it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtTest import QTest

    point = chart.mapFromScene(chart.getPlotItem().vb.mapViewToScene(QPointF(hour, 1.0)))
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point)
    qtbot.wait(10)


def test_clicking_an_interval_of_coverage_says_why_it_is_short(qtbot, small_rota):
    import datetime as dt

    from planner.explain import explain

    document, view = _shown(qtbot, CoverageView, small_rota)
    monday = document.scenario.settings.plan_start
    _choose(view, "voice", monday)
    assert "Click an interval" in view.why.toPlainText()
    _click_chart(qtbot, view.advisors_chart, 10.6)  # inside 10:30-10:45
    at = dt.datetime.combine(monday, dt.time(10, 30))
    assert view.why.shown == ("voice", at)
    found = explain(document.scenario, document.rota, document.activities, "voice", at,
                    document.state.updates)
    text = view.why.toPlainText()
    assert all(line.strip() in text for line in found.lines())
    assert "Voice at Mon 7 Jun 10:30" in text and "One more on voice then" in text
    # A click where the channel is closed says so rather than explaining nothing.
    view.why.explain_at("voice", dt.datetime.combine(monday, dt.time(10, 5)))
    assert "Nothing to explain there" in view.why.toPlainText()
