"""What-if: the open scenario (the base) beside variants of it, solved one after another.

A team leader makes variants ("Mondays 20% busier", "two more like Asha") in a dialog, then
"Solve all" plans the base and each variant in turn (`planner.whatif.run_variants`, as
`planner compare` does) on the window's one solve thread, each for at most the time limit
given, so the window keeps answering. While the solve bar solves, Solve all waits, and the other
way round. The results sit side by side: a table of the key figures (one column per scenario)
and a chart of one live channel's service level or planned advisors, one line per scenario
(colour and dash style both differ, with a legend).

Until the base is solved here, its column shows the rota already open, if there is one. Variants
live in this view only and are not saved in the scenario file (the view says so).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.kpis import Kpis
from planner.model import Scenario
from planner.plan import Assessment, Progress
from planner.whatif import BASE, Variant, VariantError, VariantProgress, VariantResult, kpis_of
from solver import SolveOptions
from ui.gui.solving import SolveCoordinator, VariantsThread
from ui.gui.variant_dialog import VariantDialog
from ui.gui.views.base import View
from ui.gui.views.whatif_chart import MEASURES, ScenarioChart, figures
from ui.gui.views.whatif_table import ComparisonTable, Entry, ScenarioList

SOLVE_TIP = "Plan the base and every variant, one after another"


class WhatIfView(View):
    key = "whatif"
    title = "What-if"
    follows_rota = True  # the base's column shows the open rota until the base is solved here

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.coordinator = SolveCoordinator.of(document)
        self.base: Scenario | None = None
        self.entries: list[Entry] = []
        self.thread: VariantsThread | None = None
        self.running: list[Entry] = []  # those being solved, base first, in run_variants' order
        self.current: Entry | None = None
        self.dialog: VariantDialog | None = None
        self._limit = 0.0
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
        self.solve_button.setToolTip(SOLVE_TIP)
        self.solve_button.clicked.connect(lambda: self.solve_all())
        self.stop_button = QPushButton("St&op", self)
        self.stop_button.setToolTip("Stop this solve (keeping its best rota) and the rest")
        self.stop_button.clicked.connect(self.stop)
        self.progress = QLabel("Not solving.", self)
        self.progress.setAccessibleName("What-if solve progress")

        self.list = ScenarioList(self)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.list.itemActivated.connect(lambda *_: self.edit_variant())
        self.table = ComparisonTable(self)
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
        self.coordinator.busy_changed.connect(lambda _busy: self._enable())
        self._lay_out(note, limit_label)
        self._enable()

    def _lay_out(self, note: QLabel, limit_label: QLabel) -> None:
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
        split.setSizes([760, 500])  # room for three scenarios side by side
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

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
        entry.result, entry.problem, entry.status = None, "", "not solved"
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
        if entry.result is not None and entry.result.plan is not None:
            return entry.result.scenario, entry.result.plan.assessment
        if entry.is_base and self.base is not None and self.document.assessment is not None:
            return self.base, self.document.assessment
        return None

    def kpis(self, entry: Entry) -> Kpis | None:
        """The entry's figures, as `planner compare` counts them; {} with nothing to show."""
        if entry.result is not None and entry.result.kpis is not None:
            return entry.result.kpis
        found = self.result(entry)
        return kpis_of(*found) if found is not None else None

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
            self.entries.remove(entry)  # a result still to come for it is not wanted
            self._show()

    def _chosen(self) -> Entry | None:
        row = self.list.chosen_row()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # Solving, one scenario after another, on the window's one solve thread.
    def solve_all(self, options: SolveOptions | None = None) -> bool:
        """Plan the base and every variant in turn (with `options`, else the time limit shown);
        False when there is nothing to do or another solve is running."""
        self.bring_up_to_date()
        if self.solving or self.base is None or self.coordinator.busy:
            return False
        options = options or SolveOptions(time_limit=self.limit.value())
        self.running = list(self.entries)
        variants = [entry.variant for entry in self.running[1:]]
        thread = self.coordinator.solve_variants(self, "What-if is solving its scenarios",
                                                 self.base, variants, options)
        if thread is None:
            return False
        self.thread, self._limit = thread, options.time_limit
        thread.progress.connect(self._progress)
        thread.failed.connect(self._failed)
        thread.finished.connect(self._ended)
        for entry in self.running:
            entry.result, entry.status = None, "waiting"
        self._begin(self.running[0])
        thread.start()
        self.ticker.start()
        self._show()
        return True

    def stop(self) -> None:
        """Stop the solve under way (its best rota is kept) and leave the rest unsolved."""
        if self.thread is not None:
            self.thread.stop()
            self.progress.setText(f"Stopping: keeping the best rota found for "
                                  f"{self.current.name if self.current else 'this scenario'}...")
            self._enable()

    def stop_all_and_wait(self, milliseconds: int = 30_000) -> bool:
        """Stop the solve and the rest, and wait for the thread to end (closing the window);
        True once it has ended."""
        if self.thread is None:
            return True
        return self.coordinator.stop_and_wait(milliseconds)

    def _ours(self) -> bool:
        """Whether the answer arriving is still wanted (the base did not change meanwhile)."""
        return self.thread is not None and self.thread.base is self.base

    def _begin(self, entry: Entry) -> None:
        self.current, self._best, self._started = entry, None, time.monotonic()
        entry.status = "solving"
        self._say_progress()

    def _progress(self, progress: VariantProgress) -> None:
        if not self._ours() or not 0 < progress.number <= len(self.running):
            return
        entry = self.running[progress.number - 1]
        if progress.result is not None:
            self._take(entry, progress.result)
        elif progress.solve is None:
            self._begin(entry)
            self.list.show_entries(self.entries, self.base, self._showing_open_rota())
        else:
            self._best = progress.solve
            entry.status = f"solving, gap {progress.solve.gap:.1%}"
            self.list.show_entries(self.entries, self.base, self._showing_open_rota())

    def _take(self, entry: Entry, result: VariantResult) -> None:
        if entry not in self.entries:
            return
        entry.result = result if result.plan is not None else None
        entry.status = result.status
        entry.problem = result.problem
        self._show()

    def _failed(self, text: str) -> None:
        if self._ours() and self.current is not None:
            self.current.status = "failed"
            self.current.problem = text
            self.list.show_entries(self.entries, self.base, self._showing_open_rota())

    def _ended(self) -> None:
        self.ticker.stop()
        self.thread, self.current, self.running = None, None, []  # the coordinator disposes of it
        for entry in self.entries:
            if entry.status in ("waiting", "solving") or entry.status.startswith("solving,"):
                entry.status = "not solved (stopped)"
        solved = sum(entry.plan is not None for entry in self.entries)
        self.progress.setText(f"Not solving. {solved} of {len(self.entries)} scenarios solved "
                              "here.")
        self._show()

    def _say_progress(self) -> None:
        entry = self.current
        if entry is None or self.thread is None or self.thread.stopping:
            return
        number, total = self.running.index(entry) + 1, len(self.running)
        which = f"{number}" if entry.is_base else f"variant {number}"
        elapsed = time.monotonic() - self._started
        gap = f", gap {self._best.gap:.1%}" if self._best else ", no rota yet"
        self.progress.setText(f"Solving {which} of {total}: {entry.name}... "
                              f"{elapsed:.0f} s of {self._limit:.0f} s{gap}")

    # Showing.
    def _showing_open_rota(self) -> bool:
        return bool(self.entries) and self.result(self.entries[0]) is not None

    def _show(self) -> None:
        self.list.show_entries(self.entries, self.base, self._showing_open_rota())
        self.table.show_figures([(entry.name, self.kpis(entry)) for entry in self.entries])
        self._draw_chart()
        self._enable()

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
        variant = chosen is not None and not chosen.is_base
        elsewhere = self.coordinator.busy_for(self)
        self.new_button.setEnabled(has_base)
        self.edit_button.setEnabled(variant and not self.solving)
        self.remove_button.setEnabled(variant and chosen is not self.current)
        self.solve_button.setEnabled(has_base and not self.solving and not elsewhere)
        self.solve_button.setToolTip(self.coordinator.busy_reason() if elsewhere else SOLVE_TIP)
        self.stop_button.setEnabled(self.solving and not self.thread.stopping)
        self.limit.setEnabled(not self.solving)
