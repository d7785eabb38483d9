"""The back-test behind a forecast, as the Import history dialog shows it: for one channel, the
last weeks' daily contacts against what each method would have forecast for them from the days
before, the chosen method drawn bold, its error beside every other method's, and why it was
chosen in a sentence.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.forecast import SEASONAL_NAIVE, Choice, Forecast
from planner.words import share
from ui.gui.charts import LINE_PEN, day_label, hour_chart, title_legend

ACTUAL_PEN = pg.mkPen("#1F1F1F", width=1.5)
CHOSEN_PEN = pg.mkPen(LINE_PEN, width=3)
NAIVE_PEN = pg.mkPen("#D94801", width=1.5, style=Qt.PenStyle.DashLine)
OTHER_PEN = pg.mkPen("#BDBDBD", width=1)
EMPTY = "Choose a history file to see how each forecast method would have done on its last weeks."


class BacktestPanel(QWidget):
    """A channel chooser, the back-test chart, the methods' errors and the choice in words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.made: Forecast | None = None
        self.channel = QComboBox(self)
        self.channel.setAccessibleName("Channel whose back-test is shown")
        self.channel.currentIndexChanged.connect(self._show)
        self.chart = hour_chart("Contacts a day", self)
        self.chart.setMinimumHeight(190)
        self.chart.setAccessibleName("Back-test: daily contacts against each method's forecast")
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Method for the day's total", "Daily error"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Each method's error in the back-test")
        self.why = QLabel(EMPTY, self)
        self.why.setWordWrap(True)
        self.why.setAccessibleName("Which method was chosen and why")
        top = QHBoxLayout()
        top.addWidget(QLabel("Back-test of", self))
        top.addWidget(self.channel)
        top.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.chart, 3)
        body.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body)
        layout.addWidget(self.why)
        self._legend: pg.LegendItem | None = None
        self.clear()

    def clear(self, text: str = EMPTY) -> None:
        self.made = None
        self.channel.blockSignals(True)
        self.channel.clear()
        self.channel.blockSignals(False)
        self.channel.setEnabled(False)
        self.chart.clear()
        self.table.setRowCount(0)
        self.why.setText(text)

    def show_forecast(self, made: Forecast) -> None:
        """Show `made`'s back-test, the first channel first (or the one shown before)."""
        shown = self.channel.currentText()
        self.made = made
        names = [c.channel for c in made.choices]
        self.channel.blockSignals(True)
        self.channel.clear()
        self.channel.addItems(names)
        if shown in names:
            self.channel.setCurrentText(shown)
        self.channel.blockSignals(False)
        self.channel.setEnabled(len(names) > 1)
        self._show()

    def choice(self) -> Choice | None:
        if self.made is None or not self.channel.currentText():
            return None
        return self.made.choice(self.channel.currentText())

    def _show(self) -> None:
        choice = self.choice()
        self.chart.clear()
        if self._legend is not None:
            scene = self._legend.scene()
            if scene is not None:
                scene.removeItem(self._legend)
            self._legend = None
        if choice is None:
            return
        self._table(choice)
        text = choice.sentence() + "."
        text += " " + choice.spread_sentence()
        self.why.setText(text)
        ahead = choice.ahead
        if ahead.empty:
            self.chart.setTitle("Too little history to back-test", color="#1F1F1F", size="9pt")
            return
        self.chart.setTitle("")
        x = np.arange(len(ahead))
        items = []
        others = [n for n in ahead.columns[2:] if n not in (choice.level, SEASONAL_NAIVE)]
        for name in others:
            self.chart.plot(x, ahead[name].to_numpy(dtype=float), pen=OTHER_PEN)
        if choice.level != SEASONAL_NAIVE and SEASONAL_NAIVE in ahead:
            items.append((self.chart.plot(x, ahead[SEASONAL_NAIVE].to_numpy(dtype=float),
                                          pen=NAIVE_PEN), SEASONAL_NAIVE))
        if choice.level in ahead:
            items.insert(0, (self.chart.plot(x, ahead[choice.level].to_numpy(dtype=float),
                                             pen=CHOSEN_PEN), "chosen"))
        actual = self.chart.plot(x, ahead["actual"].to_numpy(dtype=float), pen=ACTUAL_PEN,
                                 symbol="o", symbolSize=5, symbolBrush="#1F1F1F")
        items.insert(0, (actual, "actual"))
        if others:
            items.append((pg.PlotDataItem(pen=OTHER_PEN), "others"))
        self._legend = title_legend(self.chart, items)
        dates = list(ahead["date"])
        weeks = max(1, math.ceil(len(dates) / 42))  # a label a week, or every few weeks
        starts = [i for i, day in enumerate(dates)
                  if i == 0 or day.isocalendar()[:2] != dates[i - 1].isocalendar()[:2]]
        ticks = [(float(i), day_label(dates[i])) for i in starts[::weeks]]
        minor = [(float(i), "") for i in range(len(dates))]
        self.chart.getAxis("bottom").setTicks([ticks, minor])
        self.chart.setXRange(-3.0, len(ahead) + 0.5, padding=0)  # room for the first label
        top = float(np.nanmax(ahead.iloc[:, 1:].to_numpy(dtype=float))) if len(ahead) else 1.0
        self.chart.setYRange(0, max(top, 1.0) * 1.25, padding=0)

    def _table(self, choice: Choice) -> None:
        levels = sorted((s for s in choice.scores if s.part == "level"), key=lambda s: s.error)
        self.table.setRowCount(len(levels))
        for row, score in enumerate(levels):
            name = score.method + ("  (chosen)" if score.method == choice.level else "")
            cells = (QTableWidgetItem(name), QTableWidgetItem(share(score.error)))
            cells[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate(cells):
                if score.method == choice.level:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

