"""The window end to end: open, solve, stop, edit, lock, save, and broken files."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer

from planner.checks import check_rota
from planner.io.rota_reading import read_rota_workbook
from planner.plan import NOT_WORKING, SolveStatus
from planner.words import cost_parts, hours, money, share
from tests.gui.conftest import BIG, SMALL


def solve_and_wait(qtbot, window, seconds: float, timeout_ms: int = 90_000):
    with qtbot.waitSignal(window.solve_panel.finished, timeout=timeout_ms) as finished:
        assert window.solve_panel.start(seconds)
    return finished.args[0]


def test_open_the_big_sample_shows_its_people_and_absences(window):
    assert window.open_path(BIG)
    rota = window.show_view("rota")
    model = rota.model
    scenario = window.document.scenario
    assert len(model.people) == len(scenario.staff)
    assert len(model.dates) == scenario.settings.plan_days
    # The May Day bank holiday and a whole-plan sickness show before any solve.
    codes = {model.index(r, c).data() for r in range(len(model.people))
             for c in range(len(model.dates))}
    assert {"BH", "SICK", "AL"} <= codes
    assert window.windowTitle().startswith("housing-4-weeks.xlsx")


def test_a_broken_workbook_fills_the_problems_panel_and_keeps_the_open_scenario(
        window, tmp_path):
    assert window.open_path(SMALL)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("this is not a workbook")
    assert not window.open_path(broken)
    assert window.problems.isVisible()
    assert window.problems.count >= 1
    first = window.problems.tree.topLevelItem(0)
    assert "broken.xlsx" in first.text(1) + first.text(5)
    assert window.document.path == SMALL  # the scenario that was open stays open


def test_a_workbook_with_bad_cells_names_sheet_row_and_column(window, tmp_path):
    import openpyxl

    bad = tmp_path / "bad.xlsx"
    book = openpyxl.load_workbook(SMALL)
    book["Staff"]["E3"] = "lots"  # contract_hours of the second person
    book.save(bad)
    assert not window.open_path(bad)
    rows = [[window.problems.tree.topLevelItem(i).text(c) for c in range(6)]
            for i in range(window.problems.count)]
    assert any(r[2] == "Staff" and r[3] == "3" and r[4] == "contract_hours" for r in rows)


@pytest.mark.slow
def test_solve_in_the_background(qtbot, window):
    assert window.open_path(SMALL)
    assert "No rota yet" in window.kpis.boxes["plan"].text()
    ticks = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    plan = solve_and_wait(qtbot, window, 6)
    timer.stop()
    assert plan is not None and plan.status in (SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
    # The event loop kept turning while the solver searched on its own thread.
    assert len(ticks) >= 20
    document = window.document
    assert document.rota == plan.rota
    assert {"channel:voice", "cost", "hours"} <= set(window.kpis.boxes)
    assert "service level" in window.kpis.boxes["channel:voice"].text()
    # What the window shows is the independent checker's account of the rota.
    checked = check_rota(document.scenario, document.rota, document.activities,
                         document.state.updates)
    assert checked.costs.total == pytest.approx(document.assessment.costs.total, rel=1e-6)
    # One money figure, worded as `planner check` words it: the cost and its parts.
    cost = window.kpis.boxes["cost"]
    assert cost.text() == (f"<b>Cost {money(document.assessment.costs.total)}</b><br>"
                           f"{cost_parts(document.assessment.costs)}")
    assert "objective" not in cost.text() and "pay £" in cost.toolTip()
    rota = window.show_view("rota")
    shown = {rota.model.index(r, c).data() for r in range(len(rota.model.people))
             for c in range(len(rota.model.dates))}
    assert shown & {p.code for p in document.scenario.patterns}
    # A solve is one undo step.
    document.undo_stack.undo()
    assert document.rota == ()
    document.undo_stack.redo()
    assert document.rota == plan.rota


@pytest.mark.slow
def test_the_figures_shown_are_planner_checks_after_a_solve_an_edit_and_undo(
        qtbot, window, small_copy, tmp_path):
    from ui.cli import main

    def shown() -> dict[str, str]:
        return {key: box.text() for key, box in window.kpis.boxes.items()}

    def checked(name: str) -> dict:
        """What `planner check` says of the rota on screen, exported as the window exports."""
        out, summary = tmp_path / f"{name}.xlsx", tmp_path / f"{name}.json"
        assert window.export_rota_workbook(out)
        assert main(["check", str(out), "--json", str(summary)]) == 0
        return json.loads(summary.read_text())

    def agree(figures: dict) -> None:
        boxes = shown()
        assert boxes["cost"].startswith(f"<b>Cost {money(figures['cost']['total'])}</b>")
        assert f"paid {hours(figures['paid_hours'], 1)}" in boxes["hours"]
        for channel, service in figures["channels"].items():
            assert f"service level {share(service['service_level'])}" in boxes[
                f"channel:{channel}"]
        for queue, caseload in figures["queues"].items():
            assert f"on time {share(caseload['on_time_rate'])}" in boxes[f"queue:{queue}"]

    assert window.open_path(small_copy)
    solve_and_wait(qtbot, window, 4)
    after_solve = shown()
    agree(checked("solved"))
    model = window.show_view("rota").model
    row, column = _first_worked(model)
    assert model.setData(model.index(row, column), "OFF")
    edited = checked("edited")
    assert shown() != after_solve
    agree(edited)
    window.undo_action.trigger()
    assert shown() == after_solve
    agree(checked("undone"))


def test_the_strip_says_first_when_the_contracts_cannot_meet_the_targets(window):
    from planner.gap import structural_gap

    assert window.open_path(BIG)  # about 630 hours a week short of its targets
    gap = structural_gap(window.document.scenario)
    assert gap.short > 100
    box = window.kpis.boxes["gap"]
    assert gap.words() in box.text() and "a week short" in box.text()
    assert window.kpis._layout.getItemPosition(window.kpis._layout.indexOf(box))[:2] == (0, 0)
    assert window.open_path(SMALL)  # the 1-week sample has the hours it needs
    assert "gap" not in window.kpis.boxes


@pytest.mark.slow
def test_stop_midway_keeps_the_best_rota(qtbot, window):
    assert window.open_path(BIG)
    with qtbot.waitSignal(window.solve_panel.finished, timeout=120_000) as finished:
        window.solve_panel.start(300)
        qtbot.waitUntil(lambda: window.solve_panel.status.text().startswith(
            tuple("123456789")), timeout=90_000)  # a first rota has been found
        window.solve_panel.stop()
    plan = finished.args[0]
    assert plan is not None and plan.status is SolveStatus.FEASIBLE
    assert plan.wall_seconds < 300
    assert window.document.rota == plan.rota
    assert not window.solve_panel.solving


def test_edit_a_rota_cell_then_undo_and_redo(qtbot, window, small_copy):
    rota_file = _solved_rota(small_copy)
    assert window.open_path(rota_file)
    document = window.document
    view = window.show_view("rota")
    model = view.model
    row, column = _first_worked(model)
    person, day = model.person_day(model.index(row, column))
    before = document.code(person.staff_id, day)
    cost_before = document.assessment.costs.total
    assert model.setData(model.index(row, column), "OFF")
    assert document.code(person.staff_id, day) == "OFF"
    assert model.index(row, column).data() == "OFF"
    assert document.assessment.costs.total != cost_before  # judged again
    assert money(document.assessment.costs.total) in window.kpis.boxes["cost"].text()
    assert document.dirty and window.windowTitle().startswith("rota.xlsx*")
    window.undo_action.trigger()
    assert document.code(person.staff_id, day) == before
    assert model.index(row, column).data() == before
    assert document.assessment.costs.total == pytest.approx(cost_before)
    window.redo_action.trigger()
    assert document.code(person.staff_id, day) == "OFF"


def test_a_cell_offers_only_the_patterns_that_person_may_work_that_day(window, small_copy):
    assert window.open_path(_solved_rota(small_copy))
    model = window.show_view("rota").model
    row, column = _first_worked(model)
    person, day = model.person_day(model.index(row, column))
    choices = model.choices(model.index(row, column))
    assert choices[-1] == "OFF"
    patterns = {p.code: p for p in window.document.scenario.patterns}
    for code in choices[:-1]:
        assert day.weekday() in patterns[code].days
        assert not person.patterns or code in person.patterns


@pytest.mark.slow
def test_a_locked_cell_survives_a_re_solve(qtbot, window, small_copy):
    assert window.open_path(_solved_rota(small_copy))
    document = window.document
    view = window.show_view("rota")
    model = view.model
    # Lock someone off on a day the solver had them working.
    row, column = _first_worked(model)
    person, day = model.person_day(model.index(row, column))
    model.setData(model.index(row, column), "OFF")
    view.table.setCurrentIndex(model.index(row, column))
    view.lock_action.trigger()
    assert document.locked(person.staff_id, day).pattern == "OFF"
    assert model.index(row, column).data() == "[OFF]"
    plan = solve_and_wait(qtbot, window, 5)
    assert plan is not None
    assert document.code(person.staff_id, day) == "OFF"
    # and the lock can be undone like any edit
    document.undo_stack.undo()  # the solve
    document.undo_stack.undo()  # the lock
    assert document.locked(person.staff_id, day) is None


def test_save_writes_a_rota_workbook_that_opens_again(window, small_copy, tmp_path):
    assert window.open_path(_solved_rota(small_copy))
    model = window.show_view("rota").model
    row, column = _first_worked(model)
    person, day = model.person_day(model.index(row, column))
    model.setData(model.index(row, column), "OFF")
    out = tmp_path / "edited.xlsx"
    assert window._save_to(out)
    assert not window.document.dirty
    read = read_rota_workbook(out)
    assert read.ok
    cells = {(c.staff_id, c.date): c.code for c in read.rota}
    assert cells[(person.staff_id, day)] == "OFF"
    assert window.open_path(out)
    assert window.document.code(person.staff_id, day) == "OFF"


def test_screen_problem_names_the_missing_x_libraries():
    from ui.gui.app import screen_problem

    present = {"xcb-cursor", "xcb-image"}

    def find(name):
        return f"lib{name}.so" if name in present else None

    problem = screen_problem({"DISPLAY": ":0"}, "linux", find)
    assert "sudo apt install" in problem
    assert "libxcb-icccm4" in problem and "libxcb-keysyms1" in problem
    assert "libxcb-cursor0" not in problem
    assert screen_problem({"DISPLAY": ":0"}, "linux", lambda name: "x") == ""
    assert "DISPLAY" in screen_problem({}, "linux", find)
    assert screen_problem({}, "win32", find) == ""
    assert screen_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", find) == ""


def _solved_rota(scenario_path):
    """A rota workbook for the small sample, planned by the command line (a short solve)."""
    from ui.cli import main

    out = scenario_path.with_name("rota.xlsx")
    assert main(["solve", str(scenario_path), "--out", str(out), "--time-limit", "5",
                 "--repeatable"]) == 0
    return out


def _first_worked(model) -> tuple[int, int]:
    for row in range(len(model.people)):
        for column in range(len(model.dates)):
            if model.index(row, column).data(0x2) not in NOT_WORKING + ("",):  # EditRole
                return row, column
    raise AssertionError("nobody works in this rota")



def test_export_the_rota_workbook_and_pdf_and_reopen_the_export(window, small_copy, tmp_path):
    assert window.open_path(_solved_rota(small_copy))
    model = window.show_view("rota").model
    row, column = _first_worked(model)
    person, day = model.person_day(model.index(row, column))
    model.setData(model.index(row, column), "OFF")
    workbook, pdf = tmp_path / "export.xlsx", tmp_path / "export.pdf"
    assert window.export_rota_workbook(workbook)
    assert window.export_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.document.dirty  # exporting is not saving
    assert window.document.path != workbook
    read = read_rota_workbook(workbook)
    assert read.ok
    assert {(c.staff_id, c.date): c.code for c in read.rota}[(person.staff_id, day)] == "OFF"
    assert read.scenario == window.document.scenario
    window.document.undo_stack.setClean()
    assert window.open_path(workbook)
    assert window.document.code(person.staff_id, day) == "OFF"
    assert window.document.assessment is not None


def test_a_crash_copy_is_offered_back_as_unsaved_work(qtbot, tmp_path, small_copy, questions):
    from PySide6.QtCore import QSettings

    from ui.gui.main_window import MainWindow
    from ui.gui.recovery import Recovery

    folder = tmp_path / "recovery"
    folder.mkdir()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings, recovery_folder=folder)
    qtbot.addWidget(first)
    assert first.open_path(small_copy)
    _, rows = first.document.sheet("Settings")
    rows = [(k, "Scotland".lower() if k == "region" else v) for k, v in rows]
    assert not first.document.edit_sheet("Settings", rows, "Region")
    assert first.recovery.save_now()
    assert Recovery.found(folder) == []  # a window still open: its copy is not offered
    # The first window "crashes": its lock goes with its process, its copy stays.
    first.recovery.stop()
    first.recovery._lock.unlock()
    [copy] = Recovery.found(folder)
    assert copy.original == small_copy
    second = MainWindow(settings=settings, recovery_folder=folder)
    qtbot.addWidget(second)
    assert second.recover(copy)
    assert second.document.scenario.settings.region == "scotland"
    assert second.document.dirty and second.document.path == small_copy
    first.document.undo_stack.setClean()
    second.document.undo_stack.setClean()


@pytest.mark.slow
def test_closing_the_window_during_a_solve_stops_it(qtbot, window, questions):
    assert window.open_path(SMALL)
    assert window.solve_panel.start(300)
    thread = window.solve_panel.thread
    qtbot.waitUntil(lambda: window.solve_panel.status.text()[:1].isdigit(), timeout=90_000)
    assert window.close()
    assert any("A solve is running" in text for text in questions)
    assert thread.isFinished()  # the solve was stopped and waited for, long before 300 s


def test_a_long_shift_pattern_code_is_drawn_smaller_to_show_whole(qtbot):
    from PySide6.QtGui import QFontMetricsF

    from ui.gui.views.rota import CELL_WIDTH, fitted_font

    short, long = fitted_font("D", True), fitted_font("OOH-EVE", True)
    assert short.bold() and long.bold()
    assert long.pointSizeF() < short.pointSizeF()
    assert QFontMetricsF(long).horizontalAdvance("OOH-EVE") <= CELL_WIDTH - 8 + 0.5
    assert QFontMetricsF(short).horizontalAdvance("D") < CELL_WIDTH
