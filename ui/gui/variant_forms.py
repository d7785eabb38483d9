"""What every page of the "New variant" dialog is made of: a small form for one kind of change,
and the pickers its forms share (people by tick box, weekdays by tick box, a combo of values)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from planner.model import Scenario
from planner.whatif import SHORT_WEEKDAYS, WEEKDAY_NAMES


def combo(parent: QWidget, items: list[tuple[str, object]], name: str) -> QComboBox:
    """A combo box of (text, value) pairs; `currentData()` gives the value."""
    box = QComboBox(parent)
    for text, value in items:
        box.addItem(text, value)
    box.setAccessibleName(name)
    return box


class PeoplePicker(QListWidget):
    """The scenario's people, each with a tick box (Space ticks the current one)."""

    def __init__(self, scenario: Scenario, parent: QWidget | None = None):
        super().__init__(parent)
        for person in scenario.staff:
            item = QListWidgetItem(f"{person.name} ({person.staff_id}), {person.team}")
            item.setData(Qt.ItemDataRole.UserRole, str(person.staff_id))
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(120)
        self.setAccessibleName("People")

    def chosen(self) -> tuple[str, ...]:
        return tuple(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def choose(self, staff_ids: set[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in staff_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)


class DayPicker(QWidget):
    """Seven tick boxes, Monday to Sunday."""

    def __init__(self, ticked: tuple[int, ...] = (), parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = []
        for day, short in enumerate(SHORT_WEEKDAYS):
            box = QCheckBox(short, self)
            box.setChecked(day in ticked)
            box.setAccessibleName(WEEKDAY_NAMES[day])
            layout.addWidget(box)
            self.boxes.append(box)
        self.setFocusProxy(self.boxes[0])

    def days(self) -> tuple[int, ...]:
        return tuple(day for day, box in enumerate(self.boxes) if box.isChecked())


class ChangeForm(QWidget):
    """One kind of change: a title for the "Add a change:" list and a small form."""

    title = ""

    def __init__(self, base: Scenario, parent: QWidget | None = None):
        super().__init__(parent)
        self.base = base
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def change(self):
        """The change as filled in (checked later, against the scenario)."""
        raise NotImplementedError

    def channels(self, every: str | None = None, live: bool = False) -> QComboBox:
        items = [(every, None)] if every else []
        items += [(str(c.name), str(c.name)) for c in self.base.channels
                  if c.kind.is_live or not live]
        return combo(self, items, "Channel")

    def weekdays(self, every: str | None = None) -> QComboBox:
        items = [(every, None)] if every else []
        return combo(self, items + [(name, day) for day, name in enumerate(WEEKDAY_NAMES)],
                     "Weekday")
