"""Simulating the rota from the window: the bar on Coverage, the overlay, stop, and staleness."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planner.io.rota_writing import write_rota_workbook
from tests.test_simulation import rota_plan

WAIT = 120_000  # milliseconds: worker processes start afresh, which takes a moment


@pytest.fixture
def rota_window(window, tmp_path):
    path = tmp_path / "rota.xlsx"
    scenario, plan = rota_plan()
    write_rota_workbook(path, scenario, plan)
    assert window.open_path(path)
    return window


def simulate(qtbot, window, runs: int) -> None:
    assert window.simulate(runs)
    qtbot.waitUntil(lambda: not window.coverage.simulation_bar.simulating, timeout=WAIT)


def test_simulating_overlays_the_simulated_service_level(qtbot, rota_window):
    window = rota_window
    view = window.show_view("coverage")
    assert window.document.simulation is None
    assert "Simulated" not in view.summary.text()
    window.show_view("rota")

    simulate(qtbot, window, 3)
    assert window.stack.currentWidget() is view  # simulating turns to Coverage
    result = window.document.simulation
    assert result is not None and result.replications == 3
    day = view.choosers.current_day()
    rows = sorted((r for r in result.intervals if r.channel == "voice" and r.date == day),
                  key=lambda r: r.interval_start)
    assert rows, "the first day has voice contacts"
    x, y = view.simulated_line.getData()
    expected = [r.simulated.service_level.mean * 100 for r in rows
                if not math.isnan(r.simulated.service_level.mean)]
    assert np.allclose(y, expected)
    width = window.document.scenario.settings.interval_minutes / 60
    first = rows[0].interval_start
    assert x[0] == pytest.approx(first.hour + first.minute / 60 + width / 2)
    # The words give the day's simulated figures with their intervals and the flagged count.
    figures = next(p for p in result.days if p.channel == "voice" and p.date == day)
    text = view.summary.text()
    assert "Simulated over 3 runs: service level" in text
    assert f"in {figures.flagged} of the day's intervals" in text
    assert "Simulated 3 times" in view.simulation_bar.status.text()
    # Rings mark exactly the intervals where Erlang's service level is outside the interval.
    ringed = len(view.outside_points.data)
    assert ringed == sum(1 for r in rows if "service_level" in r.outside)
    # Erlang's figures, those rings and the words are judged on, are the checker's for the
    # rota on screen: the very rows Erlang's (blue) line is drawn from.
    assert [r.erlang for r in result.intervals] == list(window.document.assessment.coverage)


def test_an_edit_hides_the_simulation_and_undo_brings_it_back(qtbot, rota_window):
    window = rota_window
    document, view = window.document, window.coverage
    simulate(qtbot, window, 2)
    simulated = document.simulation
    assert simulated is not None
    worked = next(cell for cell in document.rota if cell.code == "E")
    document.set_cell(worked.staff_id, worked.date, "OFF")
    assert document.simulation is None
    assert len(view.simulated_line.getData()[0] or []) == 0
    assert "Simulated over" not in view.summary.text()
    assert "Simulate to check" in view.simulation_bar.status.text()
    document.undo_stack.undo()
    assert document.simulation is simulated
    assert "Simulated over 2 runs" in view.summary.text()


def test_stop_keeps_nothing_half_done_and_the_window_keeps_working(qtbot, rota_window):
    window = rota_window
    bar = window.coverage.simulation_bar
    progress: list[int] = []
    assert window.simulate(400)
    bar.thread.progress.connect(lambda done, _total: progress.append(done))
    ticks: list[int] = []
    qtbot.waitUntil(lambda: bool(progress), timeout=WAIT)
    # The event loop runs while the replications do.
    from PySide6.QtCore import QTimer

    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(100)
    bar.stop()
    qtbot.waitUntil(lambda: not bar.simulating, timeout=WAIT)
    timer.stop()
    assert ticks
    assert max(progress) < 400
    assert window.document.simulation is None
    assert window.statusBar().currentMessage() == "Simulation stopped."
    assert bar.button.isEnabled() and not bar.stop_button.isVisible()


def test_closing_the_window_stops_a_simulation(qtbot, rota_window):
    window = rota_window
    bar = window.coverage.simulation_bar
    assert window.simulate(400)
    thread = bar.thread
    qtbot.waitUntil(lambda: bar.bar.value() > 0, timeout=WAIT)
    window.close()
    assert thread.isFinished()


def test_no_rota_no_simulation(window, qtbot):
    from tests.gui.conftest import SMALL

    assert window.open_path(SMALL)
    assert not window.simulate(5)
    assert not window.coverage.simulation_bar.button.isEnabled()
    assert "no rota to simulate" in window.statusBar().currentMessage()


def test_a_failing_background_job_is_reported_in_words_never_raised():
    from planner.io.table import error
    from planner.problems import ScenarioError
    from ui.gui.worker import attempt

    said: list[str] = []

    class Failed:
        emit = staticmethod(said.append)

    assert attempt(lambda: 42, Failed, "The rota cannot be simulated", "The simulation") == (
        True, 42)
    assert said == []

    def refused():
        raise ScenarioError([error("the voice channel has no handle time")])

    assert attempt(refused, Failed, "The rota cannot be simulated", "The simulation") == (
        False, None)
    assert said[-1] == "The rota cannot be simulated: the voice channel has no handle time"

    def broken():
        raise ZeroDivisionError("division by zero")

    assert attempt(broken, Failed, "The rota cannot be simulated", "The simulation") == (
        False, None)
    assert said[-1].startswith("The simulation stopped with an error (ZeroDivisionError: "
                               "division by zero). Details: ")


def test_a_forecast_spread_is_drawn_and_said(qtbot, window, tmp_path):
    from dataclasses import replace

    scenario, plan = rota_plan()
    spread = replace(scenario, channels=tuple(replace(c, forecast_spread=0.2)
                                              for c in scenario.channels))
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, spread, plan)
    assert window.open_path(path)
    simulate(qtbot, window, 3)
    result = window.document.simulation
    assert dict(result.forecast_spreads) == {"voice": pytest.approx(0.2)}
    status = window.coverage.simulation_bar.status.text()
    assert "drawn about the forecast with its day-to-day spread (voice 20%)" in status
