"""Make a what-if variant without editing files: a name and a list of changes to the scenario.

"Add a change:" picks a kind of change (more contacts, longer handle time, more people, people
away, a new skill, a new or removed shift pattern, a channel opening or closing on some weekdays,
the cover pool on or off) and shows its small form; Add puts it at the end of the list, which
says every change in words. A change is checked against the scenario as soon as it is added, and
the whole variant again on OK, so a change that does not fit is explained in the dialog (the
planner's own words from `planner.whatif`) and the dialog stays open to put it right. The same
kinds of change can be written on the Variants sheet of a workbook for `planner compare`.

The forms, a page per kind of change, are in variant_forms_demand, variant_forms_people and
variant_forms_patterns.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.model import Scenario
from planner.whatif import Variant, VariantError
from ui.gui.variant_forms import ChangeForm
from ui.gui.variant_forms_demand import HandleTimeForm, OpeningForm, VolumeForm
from ui.gui.variant_forms_patterns import AddPatternForm, RemovePatternForm
from ui.gui.variant_forms_people import (
    AbsentForm,
    AddSkillForm,
    AddStaffForm,
    CoverForm,
    RemoveStaffForm,
)

ERROR_INK = "#9C0006"
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
