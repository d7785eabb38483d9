"""The Staff and absences, Shift patterns and rules, and Case queues views, driven as a team
leader drives them: leave booked on the calendar, cells typed, a solved rota's caseload."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QTableView  # noqa: E402

from planner.demand import case_arrivals  # noqa: E402
from planner.kpis import queue_caseload  # noqa: E402
from planner.model import Absence, AbsenceKind  # noqa: E402
from tests.gui.conftest import SMALL  # noqa: E402
from ui.gui.document import Document  # noqa: E402
from ui.gui.views.cases import CasesView  # noqa: E402
from ui.gui.views.patterns import PatternsView  # noqa: E402
from ui.gui.views.staff import FILLS, StaffView  # noqa: E402

JUNE = {day: dt.date(2027, 6, day) for day in range(1, 31)}


@pytest.fixture
def open_document(qtbot):
    """Open a workbook in a fresh document; let it go quietly after the test."""
    opened: list[Document] = []

    def open_one(path) -> Document:
        document = Document()
        assert document.open(path)
        opened.append(document)
        return document

    yield open_one
    for document in opened:
        document.undo_stack.cleanChanged.disconnect()


@pytest.fixture
def document(open_document) -> Document:
    return open_document(SMALL)


def _shown(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _click_day(qtbot, calendar, day: dt.date, shift: bool = False) -> None:
    """A real mouse click on one day of the calendar's grid (shift-click when `shift`)."""
    grid = calendar.findChild(QTableView)
    model = grid.model()
    calendar.setCurrentPage(day.year, day.month)
    cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(
        model.columnCount()) if model.index(r, c).data() == day.day]
    # The grid also shows the ends of the months either side: early numbers repeat at the
    # bottom (next month), late numbers at the top (last month).
    cell = cells[0] if day.day < 15 else cells[-1]
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, modifier,
                     grid.visualRect(cell).center())


def _column(table, name: str) -> int:
    return [column.name for column in table.model.columns].index(name)


def test_annual_leave_booked_on_the_calendar_is_one_undoable_absences_row(qtbot, document):
    view = _shown(qtbot, StaffView(document))
    before = document.scenario.absences
    view.choose_person("A01")
    _click_day(qtbot, view.calendar, JUNE[8])
    _click_day(qtbot, view.calendar, JUNE[10], shift=True)
    assert view.chosen_days() == (JUNE[8], JUNE[10])
    view.kind.setCurrentIndex(view.kind.findData(AbsenceKind.ANNUAL_LEAVE))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    after = document.scenario.absences
    assert len(after) == len(before) + 1
    assert set(after) - set(before) == {
        Absence("A01", JUNE[8], JUNE[10], AbsenceKind.ANNUAL_LEAVE)}
    assert "annual leave for Sam Hughes" in document.undo_stack.undoText()
    assert view.absences.model.rowCount() == len(after)
    for day in (8, 9, 10):
        look = view.calendar.dateTextFormat(QDate(2027, 6, day))
        assert look.fontUnderline() and look.fontWeight() >= 700
        assert look.background().color().name().upper() == FILLS[AbsenceKind.ANNUAL_LEAVE]
        assert view.marked[JUNE[day]] == "annual leave"
    assert not view.calendar.dateTextFormat(QDate(2027, 6, 11)).fontUnderline()
    assert "Annual leave: Tue 08 Jun to Thu 10 Jun (3 days)" in view.away.text()

    document.undo_stack.undo()
    assert document.scenario.absences == before
    assert not view.calendar.dateTextFormat(QDate(2027, 6, 9)).fontUnderline()
    assert JUNE[9] not in view.marked or view.marked[JUNE[9]] == "chosen"


def test_sickness_typed_in_the_date_boxes_and_a_clash_refused(qtbot, document):
    view = _shown(qtbot, StaffView(document))
    view.choose_person("A03")  # on annual leave 10 and 11 June
    view.start_edit.setDate(QDate(2027, 6, 11))
    view.end_edit.setDate(QDate(2027, 6, 12))
    view.kind.setCurrentIndex(view.kind.findData(AbsenceKind.SICKNESS))
    scenario = document.scenario
    assert not view.add_absence()
    assert document.scenario is scenario  # nothing changed
    assert "already away" in view.message.text() and "Tom Whitfield" in view.message.text()

    view.start_edit.setDate(QDate(2027, 6, 12))
    assert view.add_absence()
    assert Absence("A03", JUNE[12], JUNE[12], AbsenceKind.SICKNESS) in document.scenario.absences
    assert view.calendar.dateTextFormat(QDate(2027, 6, 12)).background().color().name().upper() \
        == FILLS[AbsenceKind.SICKNESS]


def test_remove_absence_removes_the_selected_row(qtbot, document):
    view = _shown(qtbot, StaffView(document))
    before = document.scenario.absences
    target = before[0]
    view.absences.table.selectRow(0)
    assert view.person.currentData() == target.staff_id  # choosing the row chose the person
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert document.scenario.absences == before[1:]
    assert document.undo_stack.undoText().startswith("Remove annual leave for Tom Whitfield")
    document.undo_stack.undo()
    assert document.scenario.absences == before


def test_editing_a_staff_cell_changes_the_scenario_and_a_bad_one_is_refused(qtbot, document):
    view = _shown(qtbot, StaffView(document))
    model = view.staff.model
    hours = _column(view.staff, "contract_hours")
    assert model.setData(model.index(1, hours), "30")
    assert document.scenario.staff[1].contract_hours == 30
    assert model.index(1, hours).data() == "30"

    scenario = document.scenario
    assert not model.setData(model.index(1, hours), "lots")
    assert document.scenario is scenario
    message = view.staff.message.text()
    assert message.startswith("Not changed") and "contract_hours" in message
    assert model.index(1, hours).data() == "30"


def test_patterns_view_edits_a_pattern_end_and_a_rule(qtbot, document):
    view = _shown(qtbot, PatternsView(document))
    assert view.summary.item(0).text().startswith("E: 08:00 to 16:00, 7.5 paid hours")
    model = view.patterns.model
    early = [row[0] for row in model.rows].index("E")
    assert model.setData(model.index(early, _column(view.patterns, "end")), "17:00")
    pattern = next(p for p in document.scenario.patterns if p.code == "E")
    assert pattern.end == dt.time(17, 0) and pattern.paid_minutes == 8 * 60 + 30
    assert view.summary.item(early).text().startswith("E: 08:00 to 17:00, 8.5 paid hours")

    rules = view.rules.model
    rest = [row[0] for row in rules.rows].index("min_rest_hours")
    assert rules.setData(rules.index(rest, 1), "12")
    assert document.scenario.rules.min_rest_hours == 12
    assert not rules.setData(rules.index(rest, 1), "36")  # more than a day: refused
    assert document.scenario.rules.min_rest_hours == 12
    assert view.rules.message.text().startswith("Not changed")


def test_cases_before_a_solve_plot_the_expected_arrivals(qtbot, document):
    view = _shown(qtbot, CasesView(document))
    expected = case_arrivals(document.scenario)
    assert [view.queue.itemText(i) for i in range(view.queue.count())] == ["mutual_exchange"]
    heights = np.asarray(view.arrival_bars.opts["height"], dtype=float)
    assert np.allclose(heights, expected["mutual_exchange"])
    assert view.backlog_curve is None
    opening = sum(e.count for e in document.scenario.backlog if e.queue == "mutual_exchange")
    assert f"{opening:,} cases open when it starts" in view.summary.text()
    assert "solve to see the backlog" in view.summary.text().lower()


@pytest.fixture(scope="module")
def solved_rota(tmp_path_factory):
    """The small sample planned by the command line (a short, repeatable solve)."""
    from ui.cli import main

    out = tmp_path_factory.mktemp("rota") / "rota.xlsx"
    assert main(["solve", str(SMALL), "--out", str(out), "--time-limit", "5",
                 "--repeatable"]) == 0
    return out


@pytest.mark.slow
def test_cases_after_a_solve_plot_the_assessed_caseload(qtbot, open_document, solved_rota):
    document = open_document(solved_rota)
    view = _shown(qtbot, CasesView(document))
    caseload = document.assessment.caseload
    queues = [view.queue.itemText(i) for i in range(view.queue.count())]
    assert queues[0] == "mutual_exchange"
    assert "email" in queues  # deferred email is a queue of its own once judged
    figures = {f.queue: f for f in queue_caseload(document.scenario, caseload)}
    dates = document.scenario.settings.dates
    for queue in ("mutual_exchange", "email"):
        view.choose_queue(queue)
        days = sorted((d for d in caseload if d.queue == queue), key=lambda d: d.date)
        xs, backlog = view.backlog_curve.getData()
        assert list(backlog) == pytest.approx([d.backlog for d in days])
        assert list(xs) == [dates.index(d.date) for d in days]
        overdue = np.asarray(view.overdue_bars.opts["height"], dtype=float)
        assert list(overdue) == pytest.approx([d.overdue for d in days])
        rate = figures[queue].on_time_rate
        if rate is not None:
            assert f"{rate:.1%}" in view.summary.text()
    view.choose_queue("mutual_exchange")
    assert max(view.backlog_curve.getData()[1]) > 0  # a real backlog, not an empty chart
    day = sorted((d for d in caseload if d.queue == "mutual_exchange"),
                 key=lambda d: d.date)[2]
    view.show_day(day.date)
    assert view.day_line is not None and view.day_line.value() == dates.index(day.date)
    assert view.day_text.text().startswith(f"{day.date:%A %d %B}: ")
    assert f"{day.backlog:,.0f} case" in view.day_text.text()
