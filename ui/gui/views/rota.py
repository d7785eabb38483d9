"""The rota: people by dates, each cell a shift pattern code in its colour.

Rows are people grouped by team (as in the rota workbook), then two summary rows: people at
work and paid hours each day. The last column is each person's paid hours. A cell shows its code
as text on the pattern's colour (colour is never the only signal); a locked cell shows its code
in brackets. Enter or a double-click offers the shift patterns that person may work that day and
OFF; Ctrl+L locks or unlocks the cell, so a re-solve keeps it. Hovering shows the person's day:
the shift, its break and what they work on when.

Before any solve, the grid still shows who is away (AL, SICK, TRN) and the bank holidays, so a
team leader can see the month's gaps before planning it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from planner.calendar import bank_holidays
from planner.days import absence_span
from planner.io.rota_workbook import CODE_MEANINGS, code_fills
from planner.io.rota_writing import rota_order
from planner.model import AbsenceKind, Scenario, Staff
from planner.plan import ANNUAL_LEAVE, BANK_HOLIDAY, BREAK, OFF, SICK, TRAINING, Activity
from planner.words import hours, long_date, long_day, number
from ui.gui.views.base import View

ABSENCE_CODES = {AbsenceKind.ANNUAL_LEAVE: ANNUAL_LEAVE, AbsenceKind.SICKNESS: SICK,
                 AbsenceKind.TRAINING: TRAINING, AbsenceKind.OTHER: OFF}
SUMMARY_ROWS = ("People at work", "Paid hours")
WEEKEND = QColor("#FBE5D6")
CELL_WIDTH = 52  # pixels: a day's column
SMALLEST_POINTS = 6.0  # a long code (OOH-NIGHT) is drawn smaller to fit its cell, not cut short


def code_colours(scenario: Scenario) -> dict[str, tuple[QColor, QColor]]:
    """Fill and ink for every code: the rota workbook's colours."""
    return {code: (QColor(fill), QColor(ink)) for code, (fill, ink) in code_fills(scenario).items()}


NO_PARENT = QModelIndex()  # a table's rows and columns hang off the invisible root


class RotaModel(QAbstractTableModel):
    """The document's rota as a table; edits go back to the document as undo steps."""

    def __init__(self, view: RotaView):
        super().__init__(view)
        self._view = view
        self.people: list[Staff] = []
        self.dates: tuple[dt.date, ...] = ()
        self._codes: dict[tuple[str, dt.date], str] = {}
        self._colours: dict[str, tuple[QColor, QColor]] = {}
        self._paid: dict[str, int] = {}
        self._holidays: dict[dt.date, str] = {}
        self._locks: set[tuple[str, dt.date]] = set()
        self._days: dict[tuple[str, dt.date], list[Activity]] = {}

    def reload(self) -> None:
        document = self._view.document
        scenario = document.scenario
        self.beginResetModel()
        if scenario is None:
            self.people, self.dates = [], ()
        else:
            self.people = rota_order(scenario)
            self.dates = scenario.settings.dates
            self._paid = {p.code: p.paid_minutes for p in scenario.patterns}
            self._colours = code_colours(scenario)
            self._holidays = bank_holidays(scenario.settings.region, self.dates[0],
                                           self.dates[-1])
            self._locks = {(lock.staff_id, lock.date) for lock in scenario.locks}
            self._codes = ({(c.staff_id, c.date): c.code for c in document.rota}
                           if document.rota else _unplanned(scenario))
            days = defaultdict(list)
            for activity in document.activities:
                days[(activity.staff_id, activity.date)].append(activity)
            self._days = days
        self.endResetModel()

    # Shape.
    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() or not self.people else len(self.people) + 2

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() or not self.dates else len(self.dates) + 1

    def is_cell(self, index: QModelIndex) -> bool:
        """Whether `index` is a person's day (not a total)."""
        return index.row() < len(self.people) and index.column() < len(self.dates)

    def person_day(self, index: QModelIndex) -> tuple[Staff, dt.date]:
        return self.people[index.row()], self.dates[index.column()]

    def position(self, staff_id: str, date: dt.date) -> QModelIndex:
        rows = [i for i, person in enumerate(self.people) if person.staff_id == staff_id]
        if not rows or date not in self.dates:
            return QModelIndex()
        return self.index(rows[0], self.dates.index(date))

    # Contents.
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.dates):
                return "Hours" if role == Qt.ItemDataRole.DisplayRole else None
            day = self.dates[section]
            holiday = self._holidays.get(day)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{day:%a}\n{day.day} {day:%b}" + ("\nBH" if holiday else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{day:%A} {long_date(day)}"
                        + (f": {holiday} (bank holiday)" if holiday else ""))
            if role == Qt.ItemDataRole.BackgroundRole and (day.weekday() >= 5 or holiday):
                return QBrush(WEEKEND)
            return None
        if section >= len(self.people):
            return SUMMARY_ROWS[section - len(self.people)] if (
                role == Qt.ItemDataRole.DisplayRole) else None
        person = self.people[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{person.name} ({person.staff_id})"
        if role == Qt.ItemDataRole.ToolTipRole:
            cover = ", cover pool" if person.cover else ""
            return (f"{person.name} ({person.staff_id}), {person.team}{cover}\n"
                    f"Skills: {', '.join(person.skills)}\n"
                    f"Contract {hours(person.contract_hours)} a week "
                    f"({number(person.min_hours)} to {hours(person.max_hours)})")
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        if row >= len(self.people):
            return self._summary(row - len(self.people), column, role)
        person = self.people[row]
        if column >= len(self.dates):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{self._person_minutes(person.staff_id) / 60:.1f}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        day = self.dates[column]
        code = self._codes.get((person.staff_id, day), "")
        locked = (person.staff_id, day) in self._locks
        if role == Qt.ItemDataRole.DisplayRole:
            return f"[{code or OFF}]" if locked else code
        if role == Qt.ItemDataRole.EditRole:
            return code
        if role == Qt.ItemDataRole.BackgroundRole and code in self._colours:
            return QBrush(self._colours[code][0])
        if role == Qt.ItemDataRole.ForegroundRole and code in self._colours:
            return QBrush(self._colours[code][1])
        if role == Qt.ItemDataRole.FontRole:
            return fitted_font(f"[{code or OFF}]" if locked else code,
                               locked or code in self._paid)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._day_text(person, day, code, locked)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_cell(index) and self._view.document.rota:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.is_cell(index) or not value:
            return False
        person, day = self.person_day(index)
        self._view.document.set_cell(person.staff_id, day, str(value))
        return True

    def choices(self, index: QModelIndex) -> list[str]:
        """What a cell may hold: the shift patterns this person may work that day, then OFF."""
        scenario = self._view.document.scenario
        person, day = self.person_day(index)
        allowed = set(person.patterns) if person.patterns else None
        codes = [p.code for p in scenario.patterns
                 if day.weekday() in p.days and (allowed is None or p.code in allowed)]
        return codes + [OFF]

    def _person_minutes(self, staff_id: str) -> int:
        return sum(self._paid.get(self._codes.get((staff_id, day), ""), 0) for day in self.dates)

    def _summary(self, which: int, column: int, role):
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#F2F2F2"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        days = self.dates if column >= len(self.dates) else (self.dates[column],)
        codes = [self._codes.get((p.staff_id, day), "") for p in self.people for day in days]
        if which == 0:
            return "" if column >= len(self.dates) else str(sum(c in self._paid for c in codes))
        return f"{sum(self._paid.get(c, 0) for c in codes) / 60:.1f}"

    def _day_text(self, person: Staff, day: dt.date, code: str, locked: bool) -> str:
        head = f"{person.name}, {long_day(day)}"
        lock = "\nLocked: a re-solve keeps this cell (Ctrl+L unlocks)" if locked else ""
        pattern = next((p for p in self._view.document.scenario.patterns if p.code == code),
                       None)
        if pattern is None:
            meaning = CODE_MEANINGS.get(code, "not planned yet" if not code else code)
            return f"{head}\n{code or '-'}: {meaning}{lock}"
        lines = [f"{head}", f"{code}: {pattern.start:%H:%M} to {pattern.end:%H:%M}, "
                            f"{number(pattern.paid_minutes / 60)} paid hours{lock}"]
        for start, end, what in _merged(self._days.get((person.staff_id, day), [])):
            label = "break" if what == BREAK else what
            lines.append(f"  {start:%H:%M}-{end:%H:%M}  {label}")
        if len(lines) == 2 and self._view.document.rota:
            lines.append("  (the day is planned when the rota is checked or solved)")
        return "\n".join(lines)


def _merged(activities: list[Activity]) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """A day's activities with back-to-back stretches of the same work joined."""
    merged: list[tuple[dt.datetime, dt.datetime, str]] = []
    for activity in sorted(activities, key=lambda a: a.start):
        if merged and merged[-1][2] == activity.activity and merged[-1][1] == activity.start:
            merged[-1] = (merged[-1][0], activity.end, activity.activity)
        else:
            merged.append((activity.start, activity.end, activity.activity))
    return merged


def _unplanned(scenario: Scenario) -> dict[tuple[str, dt.date], str]:
    """Before a solve: the whole days people are away, so the gaps show."""
    codes = {}
    dates = scenario.settings.dates
    for absence in scenario.absences:
        if absence.is_part_day:
            continue
        first, last = absence_span(absence, scenario.settings.plan_start)
        for offset in range(max(first, 0), min(last, len(dates) - 1) + 1):
            codes[(absence.staff_id, dates[offset])] = ABSENCE_CODES[absence.kind]
    holidays = bank_holidays(scenario.settings.region, dates[0], dates[-1])
    for person in scenario.staff:
        for day in holidays:
            codes.setdefault((person.staff_id, day), BANK_HOLIDAY)
    return codes


class CodeDelegate(QStyledItemDelegate):
    """Edits a rota cell with a list of the codes it may hold."""

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QComboBox(parent)
        editor.addItems(index.model().choices(index))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        code = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findText(code)
        editor.setCurrentIndex(max(position, 0))
        editor.showPopup()

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentText())


class RotaView(View):
    key = "rota"
    title = "Rota"
    follows_rota = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.model = RotaModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(CodeDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(False)
        self.table.setAccessibleName("Rota: people by dates")
        self.lock_action = QAction("Lock or unlock cell", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.lock_action.triggered.connect(self.toggle_lock)
        self.table.addAction(self.lock_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        current = self.table.currentIndex()
        self.model.reload()
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        if self.document.scenario is None:
            self.hint.setText("No scenario is open: File > Open workbook (Ctrl+O), or File > "
                              "New scenario (Ctrl+N) to start from a small example.")
        elif self.document.rota:
            self.hint.setText("Double-click or press F2 to change a cell; Ctrl+L locks it so "
                              "a re-solve keeps it. Codes in [brackets] are locked. Hover over "
                              "a cell for that person's day.")
        else:
            self.hint.setText("No rota yet: solve to plan one (Solve in the bar below). Annual "
                              "leave (AL), sickness (SICK), training (TRN) and bank holidays "
                              "(BH) already show.")
        self.table.resizeColumnToContents(len(self.model.dates))

    def toggle_lock(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and self.model.is_cell(index) and self.document.scenario:
            person, day = self.model.person_day(index)
            self.document.toggle_lock(person.staff_id, day)

    def show_cell(self, staff_id: str, date: dt.date) -> None:
        self.bring_up_to_date()
        index = self.model.position(staff_id, date)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.table.setFocus()


_FONTS: dict[tuple[str, bool], QFont] = {}


def fitted_font(text: str, bold: bool) -> QFont:
    """The cell font for `text` (bold for worked shifts and locks), made smaller when the text
    would not fit a day's column, so the whole code always shows."""
    key = (text, bold)
    if key not in _FONTS:
        font = QFont()
        font.setBold(bold)
        room = CELL_WIDTH - 8.0
        size = font.pointSizeF()
        # Text does not shrink quite in proportion (hinting), so step down until it fits.
        while size > SMALLEST_POINTS and QFontMetricsF(font).horizontalAdvance(text) > room:
            size = max(size - 0.25, SMALLEST_POINTS)
            font.setPointSizeF(size)
        _FONTS[key] = font
    return _FONTS[key]

