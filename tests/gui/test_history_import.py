"""File > Import history...: a generated contact history forecast into the small sample's voice
channel, one undo step, broken histories refused with their rows and columns, and the dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from planner.forecast import forecast  # noqa: E402
from planner.history import read_history  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.problems import Severity  # noqa: E402
from tests.gui.conftest import SMALL  # noqa: E402
from tests.test_forecast import contact_log, write_log  # noqa: E402
from ui.gui.history_import import (  # noqa: E402
    NO_SCENARIO,
    HistoryDialog,
    ask_and_import,
    import_history,
)

VOICE = "voice"  # the small sample's voice channel


@pytest.fixture(scope="module")
def sample():
    return load_scenario(SMALL).scenario


@pytest.fixture(scope="module")
def history_file(sample, tmp_path_factory) -> Path:
    """Four weeks of voice calls (a third of the test module's rates) before the plan starts."""
    start = sample.settings.plan_start
    frame = contact_log(start - dt.timedelta(days=28), 28, scale=lambda day: 0.3)
    assert set(frame["channel"]) == {VOICE}
    return write_log(frame, tmp_path_factory.mktemp("history") / "calls.csv")


@pytest.fixture
def opened(window, small_copy):
    assert window.document.open(small_copy)
    return window


def expected_forecast(scenario, path: Path, days: int, weeks: int = 4):
    settings = scenario.settings
    history = read_history(path, settings.interval_minutes).history
    return forecast(history, settings.plan_start, days, weeks=weeks, region=settings.region,
                    open_on_bank_holidays={c.name: c.open_on_bank_holidays
                                           for c in scenario.channels})


def per_day(scenario, channel: str) -> dict[dt.date, float]:
    totals: dict[dt.date, float] = {}
    for row in scenario.demand:
        if row.channel == channel:
            assert row.date is not None, "an undated row was left behind"
            totals[row.date] = totals.get(row.date, 0.0) + row.volume
    return totals


def voice_of(scenario):
    return next(c for c in scenario.channels if c.name == VOICE)


def test_import_replaces_the_voice_demand_and_keeps_the_rest(opened, history_file):
    document = opened.document
    before = document.scenario
    start, days = before.settings.plan_start, before.settings.plan_days
    outcome = import_history(document, history_file, start, days)
    assert outcome.ok, document.problems
    after = document.scenario
    made = expected_forecast(before, history_file, days)
    daily = made.daily()[VOICE]
    got = per_day(after, VOICE)
    assert set(got) == {day for day, total in daily.items() if total > 0}
    for day, total in got.items():
        assert total == pytest.approx(daily[day], abs=0.05), day
    assert sum(got.values()) > 0
    estimate = made.channel(VOICE)
    assert voice_of(after).aht_seconds == pytest.approx(estimate.aht_seconds, abs=0.05)
    assert voice_of(after).patience_seconds == pytest.approx(estimate.patience_seconds, abs=0.05)
    assert voice_of(after).patience_seconds != voice_of(before).patience_seconds
    kept = [r for r in before.demand if r.channel != VOICE]
    assert kept and [r for r in after.demand if r.channel != VOICE] == kept
    assert [c for c in after.channels if c.name != VOICE] == \
        [c for c in before.channels if c.name != VOICE]
    assert after.settings == before.settings
    assert VOICE in outcome.message and history_file.name in outcome.message
    assert f"{made.daily()[VOICE].sum():,.0f} contacts" in outcome.message


def test_one_undo_step_gives_back_the_scenario_before(opened, history_file):
    document = opened.document
    before = document.scenario
    steps = document.undo_stack.count()
    assert import_history(document, history_file, before.settings.plan_start, 7).ok
    imported = document.scenario
    assert imported != before
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == f"Import history from {history_file.name}"
    document.undo_stack.undo()
    assert document.scenario == before
    document.undo_stack.redo()
    assert document.scenario == imported


BAD_DATE = ("arrived_at,channel,wait_seconds,handle_seconds,outcome\n"
            "2027-05-10T09:00:00,voice,10,300,answered\n"
            "Monday morning,voice,10,300,answered\n")
NO_HANDLE = ("arrived_at,channel,wait_seconds,outcome\n"
             "2027-05-10T09:00:00,voice,10,answered\n")


@pytest.mark.parametrize(("text", "row", "column"), [
    (BAD_DATE, 3, "arrived_at"),
    (NO_HANDLE, 1, "handle_seconds"),
])
def test_broken_history_changes_nothing_and_says_where(opened, tmp_path, text, row, column):
    document = opened.document
    path = tmp_path / "broken calls.csv"
    path.write_text(text)
    before = document.scenario
    steps = document.undo_stack.count()
    outcome = import_history(document, path, before.settings.plan_start, 7)
    assert not outcome.ok
    assert path.name in outcome.message
    assert document.scenario is before
    assert document.undo_stack.count() == steps
    assert any(p.severity is Severity.ERROR and (p.file, p.row, p.column)
               == (path.name, row, column) for p in document.problems), document.problems
    assert opened.problems.isVisible()
    assert opened.problems.count == len(document.problems)


def test_no_days_to_forecast_is_refused_in_the_panel(opened, history_file):
    document = opened.document
    before = document.scenario
    outcome = import_history(document, history_file, before.settings.plan_start, 0)
    assert not outcome.ok
    assert document.scenario is before
    assert any("at least one day" in p.message for p in document.problems)


def test_forecast_notes_are_warnings_that_do_not_block(opened, history_file):
    document = opened.document
    before = document.scenario
    late = before.settings.plan_end  # runs past the plan's last day
    outcome = import_history(document, history_file, late, 3)
    assert outcome.ok
    assert document.scenario != before
    assert outcome.warnings
    assert all(p.severity is Severity.WARNING for p in outcome.warnings)
    assert any("rows outside the plan are not used" in p.message for p in outcome.warnings)
    assert document.problems == outcome.warnings
    assert "warning" in outcome.message


def test_dialog_defaults_and_ok_waits_for_a_file(opened, history_file):
    scenario = opened.document.scenario
    dialog = HistoryDialog(scenario, history_file.parent, opened)
    assert dialog.first_day() == scenario.settings.plan_start
    assert dialog.days.value() == scenario.settings.plan_days
    assert dialog.weeks.value() == 4
    assert (dialog.weeks.minimum(), dialog.weeks.maximum()) == (1, 26)
    assert not dialog.ok_button.isEnabled()
    dialog.file.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.file.setText(str(history_file.parent / "nowhere.csv"))
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "no file" in dialog.message.text()
    dialog.deleteLater()


def test_dialog_filled_in_imports(opened, history_file, monkeypatch):
    def fill_in(dialog: HistoryDialog) -> int:
        dialog.file.setText(str(history_file))
        dialog.days.setValue(3)
        dialog.weeks.setValue(2)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(HistoryDialog, "exec", fill_in)
    document = opened.document
    before = document.scenario
    message = ask_and_import(opened, document, history_file.parent)
    assert message is not None and history_file.name in message
    assert "last 2 weeks" in message
    made = expected_forecast(before, history_file, 3, weeks=2)
    got = per_day(document.scenario, VOICE)
    start = before.settings.plan_start
    assert sorted(got) == [start + dt.timedelta(days=i) for i in range(3)]
    for day, total in got.items():
        assert total == pytest.approx(made.daily()[VOICE][day], abs=0.05), day


def test_dialog_cancelled_changes_nothing(opened, history_file, monkeypatch):
    monkeypatch.setattr(HistoryDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    before = opened.document.scenario
    assert ask_and_import(opened, opened.document, history_file.parent) is None
    assert opened.document.scenario is before


def test_no_scenario_open_says_to_open_one(window, history_file):
    assert window.document.scenario is None
    assert ask_and_import(window, window.document, history_file.parent) == NO_SCENARIO
    outcome = import_history(window.document, history_file, dt.date(2027, 6, 7), 7)
    assert not outcome.ok and outcome.message == NO_SCENARIO


def test_the_file_menu_imports_and_says_so(opened, history_file, monkeypatch):
    def fill_in(dialog: HistoryDialog) -> int:
        dialog.file.setText(str(history_file))
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(HistoryDialog, "exec", fill_in)
    file_menu = next(action.menu() for action in opened.menuBar().actions()
                     if action.text() == "&File")
    action = next(a for a in file_menu.actions() if a.text() == "Import &history...")
    before = opened.document.scenario
    action.trigger()
    assert opened.document.scenario is not before
    assert opened.document.undo_stack.undoText() == f"Import history from {history_file.name}"
    assert history_file.name in opened.statusBar().currentMessage()


def test_dialog_shows_the_backtest_and_imports_the_method_asked_for(opened, history_file,
                                                                     monkeypatch):
    scenario = opened.document.scenario
    dialog = HistoryDialog(scenario, history_file.parent, opened)
    assert dialog.backtest.choice() is None
    dialog.file.setText(str(history_file))
    dialog.preview()
    choice = dialog.backtest.choice()
    made = expected_forecast(scenario, history_file, scenario.settings.plan_days)
    assert choice is not None and choice.level == made.choice(VOICE).level
    assert dialog.backtest.why.text().startswith(f"{choice.level} chosen for voice:")
    levels = [s for s in choice.scores if s.part == "level"]
    assert dialog.backtest.table.rowCount() == len(levels) >= 2
    assert "(chosen)" in dialog.backtest.table.item(0, 0).text()  # the best comes first
    drawn = dialog.backtest.chart.getPlotItem().listDataItems()
    assert len(drawn) == len(choice.ahead.columns) - 1  # actual and every method
    dialog.file.setText(str(history_file.parent / "nowhere.csv"))
    dialog.preview()
    assert dialog.backtest.choice() is None
    dialog.deleteLater()

    def fill_in(dialog: HistoryDialog) -> int:
        dialog.file.setText(str(history_file))
        dialog.days.setValue(3)
        dialog.method.setCurrentText("seasonal naive")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(HistoryDialog, "exec", fill_in)
    ask_and_import(opened, opened.document, history_file.parent)
    naive = forecast(read_history(history_file, scenario.settings.interval_minutes).history,
                     scenario.settings.plan_start, 3, region=scenario.settings.region,
                     level="seasonal naive")
    got = per_day(opened.document.scenario, VOICE)
    for day, total in got.items():
        assert total == pytest.approx(naive.daily()[VOICE][day], abs=0.05), day


def test_a_broken_history_says_why_in_the_backtest_panel(opened, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("arrived_at,channel,wait_seconds,handle_seconds,outcome\n"
                    "yesterday,voice,1,2,answered\n")
    dialog = HistoryDialog(opened.document.scenario, tmp_path, opened)
    dialog.file.setText(str(path))
    dialog.preview()
    assert dialog.backtest.choice() is None
    assert "row 2" in dialog.backtest.why.text() and "arrived_at" in dialog.backtest.why.text()
    dialog.deleteLater()
