"""Make a what-if variant without editing files: a name and a list of changes to the scenario.

"Add a change:" picks a kind of change (more contacts, longer handle time, more people, people
away, a new skill, a new or removed shift pattern, a channel opening or closing on some weekdays,
the cover pool on or off) and shows its small form; Add puts it at the end of the list, which
says every change in words. A change is checked against the scenario as soon as it is added, and
the whole variant again on OK, so a change that does not fit is explained in the dialog (the
planner's own words from `planner.whatif`) and the dialog stays open to put it right.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.model import AbsenceKind, Scenario, ShiftPattern
from planner.whatif import (
    SHORT_WEEKDAYS,
    WEEKDAY_NAMES,
    Absent,
    AddPattern,
    AddSkill,
    AddStaff,
    CoverPool,
    HandleTimeChange,
    OpeningDays,
    RemovePattern,
    RemoveStaff,
    Variant,
    VariantError,
    VolumeChange,
)

ERROR_INK = "#9C0006"
KINDS = {AbsenceKind.ANNUAL_LEAVE: "annual leave", AbsenceKind.SICKNESS: "sickness",
         AbsenceKind.TRAINING: "training", AbsenceKind.OTHER: "other"}


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


class VolumeForm(ChangeForm):
    title = "More or fewer contacts"

    def build(self) -> None:
        self.factor = QDoubleSpinBox(self)
        self.factor.setRange(0, 20)
        self.factor.setDecimals(2)
        self.factor.setSingleStep(0.05)
        self.factor.setValue(1.2)
        self.factor.setPrefix("x ")
        self.channel = self.channels("All channels")
        self.weekday = self.weekdays("Every day")
        self.form.addRow("Contacts &factor:", self.factor)
        self.form.addRow("On c&hannel:", self.channel)
        self.form.addRow("On &weekday:", self.weekday)

    def change(self) -> VolumeChange:
        return VolumeChange(self.factor.value(), self.channel.currentData(),
                            self.weekday.currentData())


class HandleTimeForm(ChangeForm):
    title = "Longer or shorter handle time"

    def build(self) -> None:
        self.factor = QDoubleSpinBox(self)
        self.factor.setRange(0, 10)
        self.factor.setDecimals(2)
        self.factor.setSingleStep(0.05)
        self.factor.setValue(1.1)
        self.factor.setPrefix("x ")
        self.seconds = QSpinBox(self)
        self.seconds.setRange(-3600, 3600)
        self.seconds.setSuffix(" s")
        self.channel = self.channels("All channels")
        self.form.addRow("Handle time &factor:", self.factor)
        self.form.addRow("then pl&us:", self.seconds)
        self.form.addRow("On c&hannel:", self.channel)

    def change(self) -> HandleTimeChange:
        return HandleTimeChange(self.factor.value(), float(self.seconds.value()),
                                self.channel.currentData())


class AddStaffForm(ChangeForm):
    title = "More people"

    def build(self) -> None:
        self.count = QSpinBox(self)
        self.count.setRange(0, 100)
        self.count.setValue(1)
        self.like = combo(self, [(f"{p.name} ({p.staff_id}), {p.team}", str(p.staff_id))
                                 for p in self.base.staff], "Like whom")
        self.form.addRow("&How many:", self.count)
        self.form.addRow("&Like:", self.like)

    def change(self) -> AddStaff:
        return AddStaff(self.like.currentData() or "", self.count.value())


class RemoveStaffForm(ChangeForm):
    title = "People leave"

    def build(self) -> None:
        self.people = PeoplePicker(self.base, self)
        self.form.addRow("&Who leaves:", self.people)

    def change(self) -> RemoveStaff:
        return RemoveStaff(self.people.chosen())


class AbsentForm(ChangeForm):
    title = "People away"

    def build(self) -> None:
        settings = self.base.settings
        self.people = PeoplePicker(self.base, self)
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd dd MMM yyyy")
            edit.setDate(QDate(settings.plan_start))
        self.kind = combo(self, [(text, kind.value) for kind, text in KINDS.items()], "Kind")
        self.form.addRow("&Who:", self.people)
        self.form.addRow("&From:", self.start)
        self.form.addRow("&To:", self.end)
        self.form.addRow("&Kind:", self.kind)

    def change(self) -> Absent:
        return Absent(self.people.chosen(), self.start.date().toPython(),
                      self.end.date().toPython(), self.kind.currentData())


class AddSkillForm(ChangeForm):
    title = "Extra skill for a group"

    def build(self) -> None:
        names = [str(c.name) for c in self.base.channels]
        names += [str(q.name) for q in self.base.case_queues]
        self.skill = combo(self, [(name, name) for name in names], "Skill")
        teams = sorted({person.team for person in self.base.staff})
        self.team = combo(self, [("No whole team", None)] + [(t, t) for t in teams], "Team")
        self.people = PeoplePicker(self.base, self)
        self.form.addRow("&Skill:", self.skill)
        self.form.addRow("&Team:", self.team)
        self.form.addRow("and/or &people:", self.people)

    def change(self) -> AddSkill:
        return AddSkill(self.skill.currentData() or "", self.people.chosen(),
                        self.team.currentData())


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


class OpeningForm(ChangeForm):
    title = "Open or close a channel on weekdays"

    def build(self) -> None:
        self.channel = self.channels()
        self.open = combo(self, [("opens", True), ("closes", False)], "Opens or closes")
        self.days = DayPicker((), self)
        self.like = self.weekdays()
        self.open.currentIndexChanged.connect(
            lambda: self.like.setEnabled(bool(self.open.currentData())))
        self.form.addRow("C&hannel:", self.channel)
        self.form.addRow("&Opens or closes:", self.open)
        self.form.addRow("On &days:", self.days)
        self.form.addRow("with contacts &like:", self.like)

    def change(self) -> OpeningDays:
        opens = bool(self.open.currentData())
        return OpeningDays(self.channel.currentData() or "", self.days.days(), opens,
                           self.like.currentData() if opens else None)


class CoverForm(ChangeForm):
    title = "Cover pool on or off"

    def build(self) -> None:
        self.on = combo(self, [("off (cover staff leave the plan)", False), ("on", True)],
                        "Cover pool")
        self.form.addRow("Cover &pool:", self.on)

    def change(self) -> CoverPool:
        return CoverPool(bool(self.on.currentData()))


FORMS: tuple[type[ChangeForm], ...] = (
    VolumeForm, HandleTimeForm, AddStaffForm, RemoveStaffForm, AbsentForm, AddSkillForm,
    AddPatternForm, RemovePatternForm, OpeningForm, CoverForm)


class VariantDialog(QDialog):
    """A name and a list of changes; OK only once the variant applies to the base scenario."""

    def __init__(self, base: Scenario, variant: Variant | None = None,
                 taken: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.base = base
        self.taken = {name.casefold() for name in taken}
        self.changes: list = list(variant.changes) if variant is not None else []
        self.setWindowTitle("Edit variant" if variant is not None else "New variant")
        self.name = QLineEdit(variant.name if variant is not None else "", self)
        self.name.setPlaceholderText("e.g. Mondays busier")
        self.name.setAccessibleName("Variant name")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of change to add")
        self.stack = QStackedWidget(self)
        self.forms: dict[str, ChangeForm] = {}
        for form_class in FORMS:
            form = form_class(base, self.stack)
            kind = type(form.change()).__name__  # "VolumeChange", "AddStaff", ...
            self.forms[kind] = form
            self.kind.addItem(form.title, kind)
            self.stack.addWidget(form)
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.add_button = QPushButton("&Add", self)
        self.add_button.setToolTip("Add this change to the end of the list")
        self.add_button.clicked.connect(self.add_change)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Changes in this variant")
        self.remove_button = QPushButton("Re&move change", self)
        self.remove_button.clicked.connect(self.remove_change)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_INK}")
        self.message.setAccessibleName("Why the variant cannot be used")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QFormLayout()
        top.addRow("&Name:", self.name)
        top.addRow("Add a chan&ge:", self.kind)
        adding = QHBoxLayout()
        adding.addWidget(self.stack, 1)
        adding.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        listed = QLabel("Changes in this &variant (made in this order):", self)
        listed.setBuddy(self.list)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(adding)
        layout.addWidget(listed)
        layout.addWidget(self.list, 1)
        layout.addLayout(under)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 560)
        self._show_changes()

    def form(self, kind: str) -> ChangeForm:
        """Show the form for one kind of change (its class name: "VolumeChange", "AddStaff",
        ...) and return it."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        return self.forms[kind]

    def variant(self) -> Variant:
        return Variant(self.name.text().strip(), tuple(self.changes))

    def add_change(self) -> bool:
        """Add the shown form's change, once it fits after the changes already listed."""
        change = self.stack.currentWidget().change()
        trial = Variant(self.name.text().strip() or "This variant", (*self.changes, change))
        if not self._fits(trial):
            return False
        self.changes.append(change)
        self._show_changes()
        self.list.setCurrentRow(len(self.changes) - 1)
        return True

    def remove_change(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.changes):
            del self.changes[row]
            self._show_changes()
            self.list.setCurrentRow(min(row, len(self.changes) - 1))

    def accept(self) -> None:
        variant = self.variant()
        if not variant.name:
            self._say("Give the variant a name.")
            self.name.setFocus()
        elif variant.name.casefold() in self.taken:
            self._say(f"There is already a scenario called {variant.name}; pick another name.")
            self.name.setFocus()
        elif not variant.changes:
            self._say("Add at least one change: pick a kind of change, fill it in and press Add.")
        elif self._fits(variant):
            super().accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter in a change's form adds the change; elsewhere it is OK."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.stack.isAncestorOf(self.focusWidget()):
            self.add_change()
            return
        super().keyPressEvent(event)

    def _fits(self, variant: Variant) -> bool:
        try:
            variant.apply(self.base)
        except VariantError as refused:
            self._say(f"This does not fit: {refused}")
            return False
        except Exception as error:  # noqa: BLE001 - said in the dialog, never a traceback
            self._say(f"This change could not be made ({type(error).__name__}: {error}).")
            return False
        self._say("")
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _show_changes(self) -> None:
        self.list.clear()
        lines = Variant("", tuple(self.changes)).describe(self.base)
        self.list.addItems([f"{n}. {line}" for n, line in enumerate(lines, start=1)])
        self.remove_button.setEnabled(bool(self.changes))
