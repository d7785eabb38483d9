"""The dialog's pages for changes to shift patterns: a new one, or one taken away."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLineEdit, QSpinBox, QTimeEdit

from planner.model import ShiftPattern
from planner.whatif import AddPattern, RemovePattern
from ui.gui.variant_forms import ChangeForm, DayPicker, PeoplePicker, combo


class AddPatternForm(ChangeForm):
    title = "New shift pattern"

    def build(self) -> None:
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("e.g. X")
        self.start, self.end = QTimeEdit(QTime(8, 0), self), QTimeEdit(QTime(16, 0), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.unpaid = QSpinBox(self)
        self.unpaid.setRange(0, 240)
        self.unpaid.setSingleStep(15)
        self.unpaid.setValue(30)
        self.unpaid.setSuffix(" min")
        self.days = DayPicker((0, 1, 2, 3, 4), self)
        self.people = PeoplePicker(self.base, self)
        self.people.setToolTip("People with no list of shift patterns may work any, this one "
                               "too; tick people with a list to add it to theirs")
        self.form.addRow("&Code:", self.code)
        self.form.addRow("&Starts:", self.start)
        self.form.addRow("&Ends:", self.end)
        self.form.addRow("Unpaid &break:", self.unpaid)
        self.form.addRow("On &days:", self.days)
        self.form.addRow("Also &for:", self.people)

    def change(self) -> AddPattern:
        return AddPattern(ShiftPattern(self.code.text(), self.start.time().toPython(),
                                       self.end.time().toPython(), self.unpaid.value(),
                                       self.days.days()), self.people.chosen())


class RemovePatternForm(ChangeForm):
    title = "Remove a shift pattern"

    def build(self) -> None:
        self.code = combo(self, [(f"{p.code} {p.start:%H:%M}-{p.end:%H:%M}", str(p.code))
                                 for p in self.base.patterns], "Shift pattern")
        self.form.addRow("Shift &pattern:", self.code)

    def change(self) -> RemovePattern:
        return RemovePattern(self.code.currentData() or "")
