"""The dialog's pages for changes to demand: contacts, handle time, opening days."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from planner.whatif import HandleTimeChange, OpeningDays, VolumeChange
from ui.gui.variant_forms import ChangeForm, DayPicker, combo


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
