"""Staff and absences: the people who can be rostered, and the leave and sickness booked for them.

The Staff sheet and the Absences sheet are editable tables, checked as a workbook is. Beside them
a calendar lets a team leader book time away without typing dates: choose a person (or select
their row), click the first day, shift-click the last (or use the From and To boxes), choose the
kind and press Add absence. Each booking or removal is one undo step. The calendar marks the
chosen person's time away and the bank holidays with colour AND bold, underline or italic, and
the same facts are listed in words under it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.calendar import bank_holidays
from planner.io.schema import ABSENCES
from planner.model import AbsenceKind
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View

KINDS = {AbsenceKind.ANNUAL_LEAVE: "annual leave", AbsenceKind.SICKNESS: "sickness",
         AbsenceKind.TRAINING: "training", AbsenceKind.OTHER: "other time away"}
FILLS = {AbsenceKind.ANNUAL_LEAVE: "#C6E0B4", AbsenceKind.SICKNESS: "#F8CBAD",
         AbsenceKind.TRAINING: "#BDD7EE", AbsenceKind.OTHER: "#E7E6E6"}
BANK_HOLIDAY_FILL = "#D0D0D0"
CHOSEN_FILL = "#FFE699"


def span_words(start: dt.date, end: dt.date) -> str:
    """"Mon 10 May to Fri 14 May (5 days)", or one day as "Mon 10 May"."""
    if start == end:
        return f"{start:%a %d %b}"
    return f"{start:%a %d %b} to {end:%a %d %b} ({(end - start).days + 1} days)"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StaffView(View):
    key = "staff"
    title = "Staff and absences"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.staff = SheetTable(document, "Staff", self)
        self.absences = SheetTable(document, "Absences", self)
        self.marked: dict[dt.date, str] = {}  # what the calendar marks on each day, in words
        self._plan_start: dt.date | None = None

        tables = QSplitter(Qt.Orientation.Vertical, self)
        tables.addWidget(self._titled("Staff: contracts, skills and cover pool", self.staff))
        tables.addWidget(self._titled("Absences: annual leave, sickness and training",
                                      self.absences))
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(tables)
        splitter.addWidget(self._booking_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([800, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.staff.table.selectionModel().currentRowChanged.connect(self._staff_row_chosen)
        self.absences.table.selectionModel().currentRowChanged.connect(self._absence_chosen)

    def _titled(self, heading: str, table: SheetTable) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{heading}</b>", box)
        label.setBuddy(table.table)
        layout.addWidget(label)
        layout.addWidget(table, 1)
        return box

    def _booking_panel(self) -> QWidget:
        panel = QGroupBox("Book leave or sickness", self)
        self.person = QComboBox(panel)
        self.person.setAccessibleName("Person")
        self.person.currentIndexChanged.connect(lambda _i: self.mark_calendar())
        self.calendar = QCalendarWidget(panel)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName("Calendar: click the first day, shift-click the last")
        self.calendar.setToolTip("Click the first day away, then shift-click the last day")
        self.calendar.clicked.connect(self._day_clicked)
        self.calendar.activated.connect(self._day_clicked)
        self.start_edit = QDateEdit(panel)
        self.end_edit = QDateEdit(panel)
        for edit, name in ((self.start_edit, "First day away"), (self.end_edit, "Last day away")):
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _d: self.mark_calendar())
        self.kind = QComboBox(panel)
        self.kind.setAccessibleName("Kind of absence")
        for kind, words in KINDS.items():
            self.kind.addItem(words.capitalize(), kind.value)
        self.add_button = QPushButton("Add absence", panel)
        self.add_button.setToolTip("Book the chosen days for the chosen person (one undo step)")
        self.add_button.clicked.connect(self.add_absence)
        self.remove_button = QPushButton("Remove absence", panel)
        self.remove_button.setToolTip("Remove the absences selected in the Absences table")
        self.remove_button.clicked.connect(self.remove_absence)
        self.message = QLabel(panel)
        self.message.setWordWrap(True)
        self.legend = QLabel(_legend(), panel)
        self.legend.setWordWrap(True)
        self.away = QLabel(panel)
        self.away.setWordWrap(True)
        self.away.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("to", panel))
        dates.addWidget(self.end_edit)
        for text, field, buddy in (("&Person", self.person, self.person),
                                   ("&From", dates, self.start_edit),
                                   ("&Kind", self.kind, self.kind)):
            label = QLabel(text, panel)
            label.setBuddy(buddy)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(panel)
        layout.addLayout(form)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.legend)
        layout.addWidget(self.away)
        layout.addStretch(1)
        return panel

    # Drawing.
    def refresh(self) -> None:
        scenario = self.document.scenario
        self.staff.reload()
        self.absences.reload()
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for person in scenario.staff if scenario else ():
            cover = ", cover" if person.cover else ""
            self.person.addItem(f"{person.name} ({person.staff_id}{cover})", person.staff_id)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        self.person.blockSignals(False)
        for widget in (self.person, self.calendar, self.start_edit, self.end_edit, self.kind,
                       self.add_button, self.remove_button):
            widget.setEnabled(scenario is not None and bool(scenario.staff))
        if scenario is not None and scenario.settings.plan_start != self._plan_start:
            self._plan_start = scenario.settings.plan_start
            self.choose_days(self._plan_start, self._plan_start)
            self.calendar.setCurrentPage(self._plan_start.year, self._plan_start.month)
        self.mark_calendar()

    def mark_calendar(self) -> None:
        """Mark bank holidays, the chosen days and the chosen person's time away."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        self.marked = {}
        scenario = self.document.scenario
        if scenario is None:
            self.away.setText("")
            return
        plan = scenario.settings
        holidays = bank_holidays(plan.region, plan.plan_start - dt.timedelta(days=62),
                                 plan.plan_end + dt.timedelta(days=62))
        for day, name in holidays.items():
            self._mark(day, BANK_HOLIDAY_FILL, f"bank holiday: {name}", italic=True)
        start, end = self.chosen_days()
        for offset in range((end - start).days + 1):
            self._mark(start + dt.timedelta(days=offset), CHOSEN_FILL, "chosen", bold=True)
        staff_id = self.person.currentData()
        mine = sorted((a for a in scenario.absences if a.staff_id == staff_id),
                      key=lambda a: a.start_date)
        for absence in mine:
            for offset in range((absence.end_date - absence.start_date).days + 1):
                self._mark(absence.start_date + dt.timedelta(days=offset), FILLS[absence.kind],
                           KINDS[absence.kind], bold=True, underline=True)
        name = self.person.currentText().split(" (")[0]
        lines = [f"{KINDS[a.kind].capitalize()}: {span_words(a.start_date, a.end_date)}"
                 + (" (part of a day)" if a.is_part_day else "") for a in mine]
        self.away.setText(f"<b>{name}</b> is away:<br>" + "<br>".join(lines) if lines
                          else f"{name} has no time away booked." if name else "")

    def _mark(self, day: dt.date, fill: str, what: str, bold: bool = False,
              underline: bool = False, italic: bool = False) -> None:
        look = QTextCharFormat()
        look.setBackground(QBrush(QColor(fill)))
        look.setForeground(QBrush(QColor("#1F1F1F")))
        look.setFontWeight(700 if bold else 400)
        look.setFontUnderline(underline)
        look.setFontItalic(italic)
        look.setToolTip(what)
        self.calendar.setDateTextFormat(_qdate(day), look)
        self.marked[day] = what

    # Choosing.
    def chosen_days(self) -> tuple[dt.date, dt.date]:
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        return (start, end) if start <= end else (end, start)

    def choose_days(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.mark_calendar()

    def choose_person(self, staff_id: str) -> None:
        position = self.person.findData(staff_id)
        if position >= 0:
            self.person.setCurrentIndex(position)

    def _day_clicked(self, date: QDate) -> None:
        day = date.toPython()
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        start = self.start_edit.date().toPython()
        if shift:
            self.choose_days(min(start, day), max(start, day))
        else:
            self.choose_days(day, day)

    def _staff_row_chosen(self, current, _previous) -> None:
        row = self._row(self.staff, current.row())
        if row:
            self.choose_person(row["staff_id"])

    def _absence_chosen(self, current, _previous) -> None:
        row = self._row(self.absences, current.row())
        if row:
            self.choose_person(row["staff_id"])
            try:
                first = dt.date.fromisoformat(row["start_date"])
            except ValueError:
                return
            self.calendar.setCurrentPage(first.year, first.month)

    @staticmethod
    def _row(table: SheetTable, shown_row: int) -> dict[str, str]:
        model = table.model
        if not 0 <= shown_row < len(model.shown):
            return {}
        names = [column.name for column in model.columns]
        return dict(zip(names, model.rows[model.shown[shown_row]], strict=False))

    # Editing.
    def add_absence(self) -> bool:
        """Book the chosen days for the chosen person: one undo step, one Absences row."""
        scenario = self.document.scenario
        staff_id = self.person.currentData()
        if scenario is None or staff_id is None:
            return self._say("Open a scenario with staff first.", refused=True)
        start, end = self.chosen_days()
        kind = AbsenceKind(self.kind.currentData())
        name = self.person.currentText().split(" (")[0]
        clash = next((a for a in scenario.absences if a.staff_id == staff_id
                      and a.start_date <= end and start <= a.end_date), None)
        if clash is not None:
            return self._say(f"Not changed: {name} is already away then ({KINDS[clash.kind]}, "
                             f"{span_words(clash.start_date, clash.end_date)}). Remove that "
                             f"absence first.", refused=True)
        columns, rows = self.document.sheet("Absences")
        names = [column.name for column in (columns or ABSENCES.columns)]
        values = {"staff_id": staff_id, "start_date": start.isoformat(),
                  "end_date": end.isoformat(), "kind": kind.value}
        row = tuple(values.get(column, "") for column in names)
        text = f"Add {KINDS[kind]} for {name}, {span_words(start, end)}"
        problems = self.document.edit_sheet("Absences", [tuple(r) for r in rows] + [row], text)
        if problems:
            return self._say(f"Not changed: {problems[0]}", refused=True)
        return self._say(f"Added {KINDS[kind]} for {name}, {span_words(start, end)}.")

    def remove_absence(self) -> bool:
        """Remove the absences selected in the Absences table: one undo step."""
        model = self.absences.model
        chosen = sorted({index.row() for index in
                         self.absences.table.selectionModel().selectedRows()})
        if not chosen and self.absences.table.currentIndex().isValid():
            chosen = [self.absences.table.currentIndex().row()]
        if not chosen:
            return self._say("Choose an absence in the Absences table first.", refused=True)
        doomed = {model.shown[row] for row in chosen}
        if len(doomed) == 1:
            text = "Remove " + self._absence_words(self._row(self.absences, chosen[0]))
        else:
            text = f"Remove {len(doomed)} absences"
        rows = [row for number, row in enumerate(model.rows) if number not in doomed]
        problems = self.document.edit_sheet("Absences", rows, text)
        if problems:
            return self._say(f"Not changed: {problems[0]}", refused=True)
        return self._say(text.replace("Remove", "Removed", 1) + ".")

    def _absence_words(self, row: dict[str, str]) -> str:
        """"annual leave for Sam Hughes, Mon 10 May to Fri 14 May" from an Absences row."""
        scenario = self.document.scenario
        names = {p.staff_id: p.name for p in scenario.staff} if scenario else {}
        who = names.get(row.get("staff_id", ""), row.get("staff_id", ""))
        kinds = {kind.value: words for kind, words in KINDS.items()}
        try:
            when = span_words(dt.date.fromisoformat(row["start_date"]),
                              dt.date.fromisoformat(row["end_date"]))
        except (KeyError, ValueError):
            when = f"{row.get('start_date', '')} to {row.get('end_date', '')}"
        return f"{kinds.get(row.get('kind', ''), 'absence')} for {who}, {when}"

    def _say(self, text: str, refused: bool = False) -> bool:
        self.message.setStyleSheet("color: #9C0006" if refused else "color: #1F4E78")
        self.message.setText(text)
        return not refused

    def show_cell(self, staff_id: str, date: dt.date) -> None:
        self.bring_up_to_date()
        self.choose_person(staff_id)
        self.calendar.setSelectedDate(_qdate(date))


def _legend() -> str:
    """What the calendar's marks mean, in words beside each look."""
    def swatch(fill: str, text: str, style: str) -> str:
        text = text.replace(" ", "&nbsp;")
        return (f"<span style='background:{fill}; color:#1F1F1F; {style}'>&nbsp;{text}&nbsp;"
                f"</span>")
    underlined = "font-weight:bold; text-decoration:underline"
    parts = [swatch(FILLS[kind], words, underlined) for kind, words in KINDS.items()
             if kind is not AbsenceKind.OTHER]
    parts.append(swatch(CHOSEN_FILL, "chosen days", "font-weight:bold"))
    parts.append(swatch(BANK_HOLIDAY_FILL, "bank holiday", "font-style:italic"))
    return ("Bold underlined days: the person is away. " + " ".join(parts))
