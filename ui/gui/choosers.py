"""The bar above the Demand and Coverage charts: which channel and which day of the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ui.gui.charts import day_label


class Choosers(QWidget):
    """A channel and a day of the plan to look at, and a line of words about them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.channel = QComboBox(self)
        self.channel.setAccessibleName("Channel")
        self.day = QComboBox(self)
        self.day.setAccessibleName("Day")
        self.day.setMaxVisibleItems(15)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, combo in (("&Channel", self.channel), ("&Day", self.day)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addStretch(1)
        self.channel.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.day.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def fill(self, channels: Sequence[str], dates: Sequence[dt.date],
             day: dt.date | None) -> None:
        """Offer these channels and dates, keeping the choices where they still exist."""
        channel = self.channel.currentText()
        day = day or self.current_day()
        for combo in (self.channel, self.day):
            combo.blockSignals(True)
            combo.clear()
        self.channel.addItems(list(channels))
        for date in dates:
            self.day.addItem(day_label(date), date)
        if channel in channels:
            self.channel.setCurrentIndex(list(channels).index(channel))
        if day in dates:
            self.day.setCurrentIndex(list(dates).index(day))
        for combo in (self.channel, self.day):
            combo.blockSignals(False)

    def current_channel(self) -> str:
        return self.channel.currentText()

    def current_day(self) -> dt.date | None:
        return self.day.currentData()

    def choose_day(self, day: dt.date) -> bool:
        """Select `day`; False when it is not a day of the plan."""
        dates = [self.day.itemData(i) for i in range(self.day.count())]
        position = dates.index(day) if day in dates else -1
        if position >= 0:
            self.day.setCurrentIndex(position)
        return position >= 0

