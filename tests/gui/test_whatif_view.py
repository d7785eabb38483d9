"""The what-if dialog and view: make a variant with the dialog's controls, refuse a bad one in
words, solve the base and its variants one after another, compare them, and stop the queue;
one solve at a time in the window; and the same figures as `planner compare`."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from dataclasses import replace  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox  # noqa: E402

from planner.kpis import kpis_of  # noqa: E402
from planner.whatif import Variant, VolumeChange, compare_rows  # noqa: E402
from solver import SolveOptions  # noqa: E402
from tests.gui.conftest import SMALL  # noqa: E402
from ui.gui.document import Document  # noqa: E402
from ui.gui.variant_dialog import VariantDialog  # noqa: E402
from ui.gui.views.whatif import WhatIfView  # noqa: E402

MONDAYS = 0  # the weekday number of Mondays (a date is tests.factories.MONDAY)


def monday_voice(scenario) -> float:
    return sum(row.volume for row in scenario.demand if row.channel == "voice"
               and (row.weekday == MONDAYS if row.date is None else row.date.weekday() == MONDAYS))


@pytest.fixture
def document(qtbot):
    document = Document()
    assert document.open(SMALL)
    yield document
    document.undo_stack.setClean()  # nothing unsaved is left to announce as it goes


@pytest.fixture
def view(qtbot, document):
    view = WhatIfView(document)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    yield view
    assert view.stop_all_and_wait()


def ok(dialog: VariantDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_variant_made_with_the_dialogs_controls_scales_monday_voice(qtbot, document):
    base = document.scenario
    dialog = VariantDialog(base)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Monday voice +50%")
    form = dialog.form("VolumeChange")
    assert dialog.stack.currentWidget() is form
    form.factor.setValue(1.5)
    form.channel.setCurrentIndex(form.channel.findData("voice"))
    form.weekday.setCurrentIndex(form.weekday.findData(MONDAYS))
    dialog.add_button.click()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text() == "1. Voice volume x 1.5 on Mondays"
    ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    variant = dialog.variant()
    assert variant.name == "Monday voice +50%"
    changed = variant.apply(base)
    assert monday_voice(base) > 0
    assert monday_voice(changed) == pytest.approx(1.5 * monday_voice(base))
    tuesday = [r.volume for r in changed.demand if r.channel == "voice" and r.weekday == 1]
    assert tuesday == [r.volume for r in base.demand if r.channel == "voice" and r.weekday == 1]


def test_a_factor_of_zero_is_explained_and_keeps_the_dialog_open(qtbot, document):
    dialog = VariantDialog(document.scenario)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Nobody calls")
    form = dialog.form("VolumeChange")
    form.factor.setValue(0)
    assert not dialog.add_change()
    assert dialog.list.count() == 0
    assert "above 0" in dialog.message.text()
    # A variant already holding the bad change (e.g. being edited) is refused on OK.
    bad = VariantDialog(document.scenario, Variant("Nobody calls", (VolumeChange(0.0),)))
    qtbot.addWidget(bad)
    bad.show()
    ok(bad)
    assert bad.isVisible()
    assert bad.result() != QDialog.DialogCode.Accepted
    assert "factor must be above 0" in bad.message.text()
    assert "Traceback" not in bad.message.text()


def test_enter_in_a_form_adds_the_change_and_people_are_picked_by_ticking(qtbot, document):
    base = document.scenario
    dialog = VariantDialog(base)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form("Absent")
    first, second = base.staff[0], base.staff[1]
    form.people.choose({first.staff_id})
    form.start.setDate(QDate(base.settings.plan_start + dt.timedelta(days=1)))
    form.end.setDate(QDate(base.settings.plan_start + dt.timedelta(days=2)))
    form.kind.setCurrentIndex(form.kind.findData("sickness"))
    form.kind.setFocus()
    qtbot.keyClick(form.kind, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith(f"1. {first.name} ({first.staff_id}) off sick")
    dialog.name.setText("Sam off sick")
    changed = dialog.variant().apply(base)
    away = [a for a in changed.absences if a.staff_id == first.staff_id]
    assert [(a.start_date - base.settings.plan_start).days for a in away] == [1]
    assert [(a.end_date - base.settings.plan_start).days for a in away] == [2]
    assert not any(a.staff_id == second.staff_id for a in changed.absences
                   if a not in base.absences)


def test_every_kind_of_change_is_added_or_explained_never_raised(qtbot, document):
    dialog = VariantDialog(document.scenario)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind.count() == 10
    for index in range(dialog.kind.count()):
        dialog.kind.setCurrentIndex(index)
        before = dialog.list.count()
        if dialog.add_change():
            assert dialog.list.count() == before + 1
            assert dialog.message.text() == ""
        else:
            assert dialog.list.count() == before
            assert dialog.message.text().startswith("This does not fit:")


def test_a_name_already_used_and_a_variant_without_changes_are_refused(qtbot, document):
    dialog = VariantDialog(document.scenario, taken={"Base"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("base")
    dialog.form("CoverPool")
    assert dialog.add_change()
    ok(dialog)
    assert dialog.isVisible() and "already a scenario called base" in dialog.message.text()
    dialog.name.setText("No cover")
    dialog.list.setCurrentRow(0)
    dialog.remove_button.click()
    ok(dialog)
    assert dialog.isVisible() and "at least one change" in dialog.message.text()


def test_the_view_lists_the_base_and_a_variant_that_does_not_fit(view):
    dialog = view.new_variant()
    dialog.name.setText("Monday voice +50%")
    form = dialog.form("VolumeChange")
    form.factor.setValue(1.5)
    form.channel.setCurrentIndex(form.channel.findData("voice"))
    form.weekday.setCurrentIndex(form.weekday.findData(MONDAYS))
    assert dialog.add_change()
    ok(dialog)
    assert view.entries[1].variant == dialog.variant()
    view.add_variant(Variant("No such channel", (VolumeChange(1.5, "fax"),)))
    names = [view.list.topLevelItem(i).text(0) for i in range(view.list.topLevelItemCount())]
    assert names == ["Base", "Monday voice +50%", "No such channel"]
    assert view.list.topLevelItem(2).text(1) == "does not fit the base"
    assert "no channel 'fax'" in view.entries[2].problem
    assert view.table.columnCount() == 3
    assert {view.table.item(0, c).text() for c in range(3)} == {"-"}  # nothing solved yet


def test_a_changed_base_makes_every_variant_again(view, document):
    entry = view.add_variant(Variant("Monday voice +50%", (VolumeChange(1.5, "voice", MONDAYS),)))
    old = entry.scenario
    smaller = replace(document.scenario, staff=document.scenario.staff[:-1])
    document.change_scenario(smaller, "Remove a person")
    assert view.entries[0].scenario is document.scenario
    assert entry.scenario is not old
    assert len(entry.scenario.staff) == len(smaller.staff)
    assert monday_voice(entry.scenario) == pytest.approx(1.5 * monday_voice(smaller))


def _solve_and_wait(qtbot, view) -> None:
    assert view.solve_all()
    qtbot.waitUntil(lambda: not view.solving, timeout=180_000)


@pytest.mark.slow
def test_solve_all_compares_the_base_and_its_variant(qtbot, view):
    view.limit.setValue(4)
    view.add_variant(Variant("Monday voice +50%", (VolumeChange(1.5, "voice", MONDAYS),)))
    _solve_and_wait(qtbot, view)
    assert [e.plan is not None for e in view.entries] == [True, True]
    assert all(e.status.startswith("solved") for e in view.entries)
    assert view.table.columnCount() == 2
    labels = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    assert labels[0] == "Paid hours"
    for column, entry in enumerate(view.entries):
        expected = compare_rows([(entry.name, kpis_of(entry.scenario, entry.plan.assessment))])
        assert labels == [label for label, _ in expected]
        cells = [view.table.item(row, column).text() for row in range(len(labels))]
        assert cells == [values[0] for _, values in expected]
        assert cells[0] != "-"
    assert set(view.chart.curves) == {"Base", "Monday voice +50%"}
    assert view.channel.currentText() == "voice"
    ys = view.chart.curves["Monday voice +50%"].yData
    assert any(0 <= y <= 100 for y in ys)
    view.measure.setCurrentIndex(3)  # planned advisor hours per day: a point per day
    assert len(view.chart.curves) == 2
    assert len(view.chart.curves["Base"].yData) == 5  # the sample's voice lines open Mon-Fri
    assert "Not solving" in view.progress.text()


@pytest.mark.slow
def test_stop_leaves_the_rest_of_the_queue_unsolved_and_the_view_idle(qtbot, view):
    view.limit.setValue(4)
    view.add_variant(Variant("Monday voice +50%", (VolumeChange(1.5, "voice", MONDAYS),)))
    view.add_variant(Variant("Quiet week", (VolumeChange(0.8),)))
    assert view.solve_all()
    assert view.solving and view.current is view.entries[0]
    assert "Solving 1 of 3: Base..." in view.progress.text()
    assert [e.status for e in view.entries[1:]] == ["waiting", "waiting"]
    view.stop_button.click()
    qtbot.waitUntil(lambda: not view.solving, timeout=60_000)
    assert [e.plan for e in view.entries[1:]] == [None, None]
    assert [e.status for e in view.entries[1:]] == ["not solved (stopped)"] * 2
    assert view.solve_button.isEnabled() and not view.stop_button.isEnabled()
    assert view.running == [] and view.thread is None


# --- one solve at a time ---------------------------------------------------------------------


def test_the_solve_bar_and_what_if_never_solve_at_once(qtbot, document, view):
    from ui.gui.solve_panel import SolvePanel

    panel = SolvePanel(document)
    qtbot.addWidget(panel)
    assert panel.coordinator is view.coordinator  # one per document, so one per window
    assert panel.solve_button.isEnabled() and view.solve_button.isEnabled()

    assert view.solve_all(SolveOptions(time_limit=300, workers=1))
    assert not panel.solve_button.isEnabled()
    assert "What-if is solving" in panel.solve_button.toolTip()
    with qtbot.waitSignal(panel.message) as said:
        assert not panel.start(300)
    assert "One solve at a time" in said.args[0]
    with qtbot.waitSignal(view.coordinator.busy_changed, timeout=60_000):
        view.stop()
    assert not view.coordinator.busy
    qtbot.waitUntil(lambda: not view.solving)
    assert panel.solve_button.isEnabled()
    assert panel.solve_button.toolTip().startswith("Plan the rota for this scenario")

    with qtbot.waitSignal(panel.finished, timeout=60_000):
        assert panel.start(300)
        assert not view.solve_button.isEnabled()
        assert "the solve bar is planning the rota" in view.solve_button.toolTip()
        assert not view.solve_all()
        assert not view.solving and view.entries[0].status != "waiting"
        panel.stop()
    assert view.solve_button.isEnabled()
    assert view.solve_button.toolTip() == "Plan the base and every variant, one after another"


def test_closing_the_window_while_what_if_solves_stops_and_waits_for_it(qtbot, window):
    assert window.open_path(SMALL)
    whatif = window.show_view("whatif")
    assert whatif.solve_all(SolveOptions(time_limit=300, workers=1))
    thread = whatif.thread
    assert window.solving.thread is thread
    assert not window.solve_panel.solve_button.isEnabled()
    assert window.close()
    assert thread.isFinished()  # stopped and waited for, long before 300 s
    QApplication.processEvents()  # the thread's end is heard
    assert not window.solving.busy


# --- the window and the command line give the same figures ----------------------------------


@pytest.fixture
def solved_once(monkeypatch):
    """The real solver, each scenario solved once per options: a second solve of an equal
    scenario with equal options is given the first one's plan.

    A repeatable solve gives the same rota for the same scenario, seed and workers only while
    its clock-capped stages finish within their share of the time, which a busy machine does
    not promise; remembering each plan keeps this test about what the window and the command
    do with the solver, not about the machine's load."""
    import solver

    real, plans, calls = solver.solve, {}, []

    def solve(scenario, options=None, **kwargs):
        calls.append(options)
        key = (scenario, options)
        if key not in plans:
            plans[key] = real(scenario, options, **kwargs)
        return plans[key]

    monkeypatch.setattr(solver, "solve", solve)
    return plans, calls


@pytest.mark.slow
def test_what_if_shows_the_figures_planner_compare_writes(qtbot, view, tmp_path, solved_once):
    import json

    import openpyxl

    from planner.whatif import AddStaff, HandleTimeChange, compare_table
    from ui.cli import main

    variants = tmp_path / "variants.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Variants"
    sheet.append(["variant", "change", "channel", "seconds", "staff_ids"])
    sheet.append(["Handle time 8.5 min", "handle_time", "voice", -210, None])
    sheet.append(["One more advisor", "more_people", None, None, "A01"])
    book.save(variants)
    out, summary = tmp_path / "comparison.xlsx", tmp_path / "comparison.json"
    assert main(["compare", str(SMALL), str(variants), "--out", str(out), "--time-limit", "2",
                 "--repeatable", "--seed", "0", "--workers", "2", "--json", str(summary)]) == 0
    plans, calls = solved_once
    assert len(plans) == 3

    # The same two variants made as the dialog makes them, solved with the same options.
    view.add_variant(Variant("Handle time 8.5 min", (HandleTimeChange(seconds=-210.0,
                                                                       channel="voice"),)))
    view.add_variant(Variant("One more advisor", (AddStaff("A01"),)))
    assert view.solve_all(SolveOptions(time_limit=2, seed=0, repeatable=True, workers=2))
    qtbot.waitUntil(lambda: not view.solving, timeout=180_000)
    assert calls[3:] == calls[:3]  # the same options for each scenario
    assert len(plans) == 3  # the same three scenarios: none was solved again

    written = json.loads(summary.read_text())["scenarios"]
    assert [s["name"] for s in written] == [e.name for e in view.entries]
    assert all(e.plan is not None for e in view.entries)
    results = [(e.name, kpis_of(e.scenario, e.plan.assessment)) for e in view.entries]
    # The figures --json wrote are the window's: the same plans, judged by the same checker.
    assert [s["kpis"] for s in written] == [json.loads(json.dumps(k.as_dict()))
                                           for _, k in results]
    labels = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    assert labels == [label for label, _ in compare_rows(results)]
    for row, (label, cells) in enumerate(compare_rows(results)):
        assert [view.table.item(row, column).text() for column in range(3)] == cells, label
    # ... and the workbook holds the same numbers.
    tab = openpyxl.load_workbook(out)["Comparison"]
    rows = compare_table(results)
    first = 7  # the header row is row 4, then Changes and Result
    assert [tab.cell(first + i, 1).value for i in range(len(rows))] == [r.label for r in rows]
    paid = rows[0]
    assert [tab.cell(first, 2 + c).value for c in range(3)] == pytest.approx(list(paid.values))
