"""What-if: the open scenario (the base) beside variants of it, solved one after another.

A team leader makes variants ("Mondays 20% busier", "two more like Asha") in a dialog, then
"Solve all" plans the base and each variant in turn on a background thread, each for at most the
time limit given, so the window keeps answering. The results sit side by side: a table of the
key figures (one column per scenario) and a chart of one live channel's service level or planned
advisors, one line per scenario (colour and dash style both differ, with a legend).

Until the base is solved here, its column shows the rota already open, if there is one. Variants
live in this view only and are not saved in the scenario file (the view says so).
"""

from __future__ import annotations

import math
import textwrap
import time
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.kpis import plan_kpis
from planner.model import Scenario
from planner.plan import Assessment, Plan, Progress, SolveStatus
from planner.whatif import Variant, VariantError, compare_rows
from solver import SolveOptions
from ui.gui.variant_dialog import VariantDialog
from ui.gui.views.base import View
from ui.gui.worker import SolveThread

BASE = "Base"


@dataclass(eq=False)
class Entry:
    """One scenario in the list: the base (no variant) or a variant of it, and its result."""

    name: str
    variant: Variant | None = None
    scenario: Scenario | None = None
    problem: str = ""  # why the variant cannot be applied to the base
    status: str = "not solved"
    plan: Plan | None = None

    @property
    def is_base(self) -> bool:
        return self.variant is None

    def changes(self, base: Scenario | None) -> list[str]:
        if self.variant is None:
            return ["the open scenario as it is"]
        return self.variant.describe(base)


# --- the overlay chart -----------------------------------------------------------------------

COLOURS = ("#1F4E78", "#C55A11", "#548235", "#7030A0", "#BF8F00", "#C00000", "#2E75B6")
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
SYMBOLS = ("o", "s", "t", "d", "+", "x", "star")
# (menu text, axis label, per day)
MEASURES = (("Service level per interval", "Service level (%)", False),
            ("Planned advisors per interval", "Advisors", False),
            ("Service level per day", "Service level (%)", True),
            ("Planned advisor hours per day", "Advisor hours", True))


def figures(scenario: Scenario, assessment: Assessment, channel: str, measure: int) -> dict:
    """{(date, interval start) or date: value} for one channel; service level in percent,
    left out where there are no contacts to serve."""
    rows = [row for row in assessment.coverage if row.channel == channel]
    service = "Service" in MEASURES[measure][0]
    if not MEASURES[measure][2]:
        return {(r.date, r.interval_start): (100 * r.service_level if service else r.planned)
                for r in rows if r.volume > 0 or not service}
    days: dict = {}
    for r in rows:
        days.setdefault(r.date, []).append(r)
    hours = scenario.settings.interval_minutes / 60
    if not service:
        return {day: sum(r.planned for r in day_rows) * hours for day, day_rows in days.items()}
    return {day: 100 * sum(r.volume * r.service_level for r in day_rows)
            / sum(r.volume for r in day_rows)
            for day, day_rows in days.items() if sum(r.volume for r in day_rows) > 0}


def wrapped(name: str, width: int = 16) -> str:
    """A scenario's name on up to three lines, for a narrow column heading."""
    lines = textwrap.wrap(name, width) or [""]
    return "\n".join(lines[:2] + ([" ".join(lines[2:])] if len(lines) > 2 else []))


def day_of(key):
    return key[0] if isinstance(key, tuple) else key


SMOOTH_POINTS = 200  # lines with more points are drawn without antialiasing
DAY_LABEL_ROOM = 0.05  # of the plan's width, either side, for the first and last day's names


class ScenarioChart(pg.GraphicsLayoutWidget):
    """One line per scenario over the plan, days side by side (nights left out); the legend
    sits under the plot, so it never hides a line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")
        self.plot = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.legend = pg.LegendItem(labelTextColor="#1F1F1F", colCount=3)
        self.addItem(self.legend, row=1, col=0)
        self.curves: dict[str, pg.PlotDataItem] = {}

    def draw(self, series: list[tuple[str, dict]], measure: int, target: float | None) -> None:
        """`series`: (scenario name, figures) in the order of the list."""
        plot = self.plot
        plot.clear()
        self.legend.clear()
        self.curves = {}
        text, unit, per_day = MEASURES[measure]
        plot.setLabel("left", unit)
        keys = sorted({key for _, values in series for key in values})
        place, x, last_day = {}, -1, None
        days: dict = {}
        for key in keys:
            x += 1 if day_of(key) == last_day or last_day is None else 2  # a gap between days
            place[key], last_day = x, day_of(key)
            days.setdefault(last_day, []).append(x)
        step = 1 if len(days) <= 10 else 7
        ticks = [(sum(xs) / len(xs), f"{day:%a %d %b}")
                 for number, (day, xs) in enumerate(days.items()) if number % step == 0]
        plot.getAxis("bottom").setTicks([ticks, []])
        # Day names near either end would otherwise be hidden for reaching past the axis.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        plot.setLabel("bottom", "days of the plan" + ("" if per_day else " (open hours only)"))
        for number, (name, values) in enumerate(series):
            xs, ys = [], []
            previous = None
            for key in keys:
                if previous is not None and day_of(key) != day_of(previous) and not per_day:
                    xs.append(place[key] - 1)
                    ys.append(math.nan)  # no line across the night
                xs.append(place[key])
                ys.append(values.get(key, math.nan))
                previous = key
            colour = COLOURS[number % len(COLOURS)]
            pen = pg.mkPen(colour, width=2, style=DASHES[number % len(DASHES)])
            symbol = SYMBOLS[number % len(SYMBOLS)] if per_day else None
            # A thousand-point line drawn smooth (antialiased) takes longer than switching
            # views may; the per-day lines are short enough to smooth.
            curve = plot.plot(xs, ys, pen=pen, connect="finite", symbol=symbol, symbolSize=8,
                              symbolBrush=colour, symbolPen=colour,
                              antialias=len(xs) <= SMOOTH_POINTS)
            self.legend.addItem(curve, name)
            self.curves[name] = curve
        self.legend.setColumnCount(min(3, max(1, len(series))))
        service = "Service" in text
        if target is not None and service:
            plot.addItem(pg.InfiniteLine(
                pos=100 * target, angle=0,
                pen=pg.mkPen("#808080", width=1, style=Qt.PenStyle.DashLine),
                label=f"target {target:.0%}",
                labelOpts={"position": 0.97, "color": "#595959", "anchors": [(1, 1), (1, 1)],
                           "fill": pg.mkBrush(255, 255, 255, 220)}))
        if service:
            plot.setYRange(0, 102)
        else:
            plot.enableAutoRange(axis="y")
        if keys:  # room either side, so the first and last day keep their labels
            room = max(0.6, DAY_LABEL_ROOM * x)
            plot.setXRange(-room, x + room, padding=0)


# --- the view --------------------------------------------------------------------------------


class WhatIfView(View):
    key = "whatif"
    title = "What-if"
    follows_rota = True  # the base's column shows the open rota until the base is solved here

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.base: Scenario | None = None
        self.entries: list[Entry] = []
        self.thread: SolveThread | None = None
        self.current: Entry | None = None
        self.queue: list[Entry] = []
        self.dialog: VariantDialog | None = None
        self._total = 0
        self._started = 0.0
        self._best: Progress | None = None

        note = QLabel("Try changes to the open scenario without editing it. Variants are kept "
                      "while the window is open; they are not saved in the scenario file.", self)
        note.setWordWrap(True)
        self.new_button = QPushButton("&New variant...", self)
        self.new_button.clicked.connect(self.new_variant)
        self.edit_button = QPushButton("&Edit...", self)
        self.edit_button.clicked.connect(self.edit_variant)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.clicked.connect(self.remove_variant)
        self.limit = QDoubleSpinBox(self)
        self.limit.setRange(1, 3600)
        self.limit.setDecimals(0)
        self.limit.setValue(30)
        self.limit.setSuffix(" s")
        self.limit.setToolTip("Search each scenario for at most this long")
        limit_label = QLabel("&Time limit each:", self)
        limit_label.setBuddy(self.limit)
        self.solve_button = QPushButton("Sol&ve all", self)
        self.solve_button.setToolTip("Plan the base and every variant, one after another")
        self.solve_button.clicked.connect(self.solve_all)
        self.stop_button = QPushButton("St&op", self)
        self.stop_button.setToolTip("Stop this solve (keeping its best rota) and the rest")
        self.stop_button.clicked.connect(self.stop)
        self.progress = QLabel("Not solving.", self)
        self.progress.setAccessibleName("What-if solve progress")

        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Scenario", "Status", "Changes"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Scenarios: the base and its variants")
        self.list.setColumnWidth(0, 130)
        self.list.setColumnWidth(1, 220)  # room for "not solved; showing the open rota"
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.list.itemActivated.connect(lambda *_: self.edit_variant())
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Key figures of each scenario side by side")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.channel = QComboBox(self)
        self.channel.setAccessibleName("Channel to chart")
        self.measure = QComboBox(self)
        self.measure.addItems([text for text, _, _ in MEASURES])
        self.measure.setAccessibleName("Figure to chart")
        self.channel.currentIndexChanged.connect(self._draw_chart)
        self.measure.currentIndexChanged.connect(self._draw_chart)
        self.chart = ScenarioChart(self)
        self.chart.setAccessibleName("Chart: one line per scenario")
        self.ticker = QTimer(self)
        self.ticker.setInterval(500)
        self.ticker.timeout.connect(self._say_progress)

        buttons = QHBoxLayout()
        for widget in (self.new_button, self.edit_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addSpacing(24)
        for widget in (limit_label, self.limit, self.solve_button, self.stop_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.list)
        left.addWidget(self.table)
        left.setSizes([110, 420])
        right = QWidget(self)
        chart_bar = QHBoxLayout()
        for text, widget in (("C&hannel:", self.channel), ("&Show:", self.measure)):
            label = QLabel(text, right)
            label.setBuddy(widget)
            chart_bar.addWidget(label)
            chart_bar.addWidget(widget)
        chart_bar.addStretch(1)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(chart_bar)
        right_layout.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._enable()

    @property
    def solving(self) -> bool:
        return self.thread is not None

    # Reading the document.
    def refresh(self) -> None:
        scenario = self.document.scenario
        if scenario is not self.base:
            self.stop()
            self.base = scenario
            if not self.entries:
                self.entries = [Entry(BASE)]
            for entry in self.entries:
                self._apply(entry)
            channels = [str(c.name) for c in scenario.channels if c.kind.is_live] \
                if scenario is not None else []
            chosen = self.channel.currentText()
            self.channel.blockSignals(True)
            self.channel.clear()
            self.channel.addItems(channels)
            if chosen in channels:
                self.channel.setCurrentText(chosen)
            self.channel.blockSignals(False)
        self._show()

    def _apply(self, entry: Entry) -> None:
        """Make (again) the entry's scenario from the base; its old result no longer holds."""
        entry.plan, entry.problem, entry.status = None, "", "not solved"
        entry.scenario = self.base
        if self.base is None:
            entry.status = "no scenario open"
        elif entry.variant is not None:
            try:
                entry.scenario = entry.variant.apply(self.base)
            except VariantError as refused:
                entry.scenario, entry.problem = None, str(refused)
                entry.status = "does not fit the base"

    def result(self, entry: Entry) -> tuple[Scenario, Assessment] | None:
        """What the entry's column shows: its solve here, else (the base) the open rota."""
        if entry.plan is not None and entry.scenario is not None:
            return entry.scenario, entry.plan.assessment
        if entry.is_base and self.base is not None and self.document.assessment is not None:
            return self.base, self.document.assessment
        return None

    # Variants.
    def new_variant(self) -> VariantDialog | None:
        return self._open_dialog(None)

    def edit_variant(self) -> VariantDialog | None:
        entry = self._chosen()
        if entry is None or entry.is_base or self.solving:
            return None
        return self._open_dialog(entry)

    def _open_dialog(self, entry: Entry | None) -> VariantDialog | None:
        self.bring_up_to_date()
        if self.base is None:
            return None
        taken = {e.name for e in self.entries if e is not entry}
        self.dialog = VariantDialog(self.base, entry.variant if entry else None, taken, self)
        self.dialog.accepted.connect(lambda: self._dialog_done(entry))
        self.dialog.open()
        return self.dialog

    def _dialog_done(self, entry: Entry | None) -> None:
        variant = self.dialog.variant()
        if entry is None or entry not in self.entries:
            self.add_variant(variant)
            return
        entry.name, entry.variant = variant.name, variant
        self._apply(entry)
        self._show()

    def add_variant(self, variant: Variant) -> Entry:
        self.bring_up_to_date()
        entry = Entry(variant.name, variant)
        self._apply(entry)
        self.entries.append(entry)
        self._show()
        self.list.setCurrentItem(self.list.topLevelItem(len(self.entries) - 1))
        return entry

    def remove_variant(self) -> None:
        entry = self._chosen()
        if entry is not None and not entry.is_base and entry is not self.current:
            if entry in self.queue:
                self.queue.remove(entry)
                self._total -= 1
            self.entries.remove(entry)
            self._show()

    def _chosen(self) -> Entry | None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem())
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # Solving, one scenario after another.
    def solve_all(self) -> bool:
        """Queue the base and every variant that fits it; False when there is nothing to do."""
        self.bring_up_to_date()
        if self.solving or self.base is None:
            return False
        self.queue = [entry for entry in self.entries if entry.scenario is not None]
        for entry in self.queue:
            entry.plan, entry.status = None, "waiting"
        self._total = len(self.queue)
        self._show()
        self._next()
        return True

    def stop(self) -> None:
        """Stop the solve under way (its best rota is kept) and leave the rest unsolved."""
        for entry in self.queue:
            entry.status = "not solved (stopped)"
        self.queue = []
        if self.thread is not None:
            self.thread.stop()
            self.progress.setText(f"Stopping: keeping the best rota found for "
                                  f"{self.current.name if self.current else 'this scenario'}...")
        self._show()

    def stop_all_and_wait(self, milliseconds: int = 30_000) -> bool:
        """Stop the solve and the queue, and wait for the thread to end (closing the window);
        True once it has ended."""
        self.queue = []
        if self.thread is None:
            return True
        self.thread.stop()
        return bool(self.thread.wait(milliseconds))

    def _next(self) -> None:
        if not self.queue:
            self._idle()
            return
        entry = self.current = self.queue.pop(0)
        entry.status = "solving"
        self._best = None
        self.thread = SolveThread(entry.scenario, SolveOptions(time_limit=self.limit.value()),
                                  self)
        self.thread.progress.connect(self._progress)
        self.thread.solved.connect(self._solved)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._ended)
        self._started = time.monotonic()
        self.thread.start()
        self.ticker.start()
        self._say_progress()
        self._show_list()
        self._enable()

    def _ours(self) -> bool:
        """Whether the answer arriving is still wanted (the base or variant did not change)."""
        return (self.current is not None and self.thread is not None
                and self.current in self.entries and self.thread.scenario is self.current.scenario)

    def _progress(self, progress: Progress) -> None:
        if self._ours():
            self._best = progress
            self.current.status = f"solving, gap {progress.gap:.1%}"
            self._show_list()

    def _solved(self, plan: Plan) -> None:
        if not self._ours():
            return
        entry = self.current
        stopped = " (stopped)" if self.thread.stopping else ""
        if plan.status is SolveStatus.NO_PLAN:
            entry.status = f"no rota found{stopped}"
        else:
            entry.plan = plan
            proven = "best" if plan.status is SolveStatus.OPTIMAL else f"gap {plan.gap:.1%}"
            entry.status = f"done{stopped}, {proven}"
        self._show()

    def _failed(self, text: str) -> None:
        if self._ours():
            self.current.status = "failed"
            self.current.problem = text
            self._show_list()

    def _ended(self) -> None:
        self.ticker.stop()
        if self.thread is not None:
            self.thread.deleteLater()
        self.thread, self.current = None, None
        self._next()

    def _idle(self) -> None:
        self.ticker.stop()
        solved = sum(entry.plan is not None for entry in self.entries)
        self.progress.setText(f"Not solving. {solved} of {len(self.entries)} scenarios solved "
                              "here." if self._total else "Not solving.")
        self._show()

    def _say_progress(self) -> None:
        entry = self.current
        if entry is None or self.thread is None or self.thread.stopping:
            return
        number = self._total - len(self.queue)
        which = f"{number}" if entry.is_base else f"variant {number}"
        elapsed = time.monotonic() - self._started
        gap = f", gap {self._best.gap:.1%}" if self._best else ", no rota yet"
        self.progress.setText(f"Solving {which} of {self._total}: {entry.name}... "
                              f"{elapsed:.0f} s of {self.limit.value():.0f} s{gap}")

    # Showing.
    def _show(self) -> None:
        self._show_list()
        self._show_table()
        self._draw_chart()
        self._enable()

    def _show_list(self) -> None:
        row = max(0, self.list.indexOfTopLevelItem(self.list.currentItem()))
        self.list.clear()
        for entry in self.entries:
            status = entry.status
            if entry.is_base and entry.plan is None and self.result(entry) is not None \
                    and entry.status in ("not solved", "not solved (stopped)", "waiting"):
                status += "; showing the open rota"
            changes = entry.changes(self.base)
            item = QTreeWidgetItem([entry.name, status, "; ".join(changes)])
            tip = "\n".join([f"{entry.name}: {status}", *changes]
                            + ([entry.problem] if entry.problem else []))
            for column in range(3):
                item.setToolTip(column, tip)
            self.list.addTopLevelItem(item)
        if self.entries:
            self.list.setCurrentItem(self.list.topLevelItem(min(row, len(self.entries) - 1)))

    def _show_table(self) -> None:
        results = []
        for entry in self.entries:
            found = self.result(entry)
            results.append((entry.name, plan_kpis(*found) if found is not None else {}))
        rows = compare_rows(results)
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(results))
        self.table.setHorizontalHeaderLabels([wrapped(name) for name, _ in results])
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def _draw_chart(self) -> None:
        channel, measure = self.channel.currentText(), self.measure.currentIndex()
        series = []
        for entry in self.entries:
            found = self.result(entry)
            if found is not None and channel:
                series.append((entry.name, figures(*found, channel, measure)))
        target = None
        if self.base is not None and channel:
            target = self.base.channel(channel).service_level_target
        self.chart.draw(series, measure, target)

    def _enable(self) -> None:
        chosen = self._chosen()
        has_base = self.base is not None
        self.new_button.setEnabled(has_base)
        variant = chosen is not None and not chosen.is_base
        self.edit_button.setEnabled(variant and not self.solving)
        self.remove_button.setEnabled(variant and chosen is not self.current)
        self.solve_button.setEnabled(has_base and not self.solving)
        self.stop_button.setEnabled(self.solving)
        self.limit.setEnabled(not self.solving)
