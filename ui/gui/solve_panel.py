"""The solve bar: start a solve, watch it (elapsed time, gap, a live chart), stop it.

The solve runs on its own thread (`SolveThread`), started through the window's one
`SolveCoordinator`; this bar only hears its signals, so the window keeps answering while the
solver searches. While What-if solves, Solve is disabled and its tooltip says why. Stop keeps
the best rota found so far. A rota that comes back is handed to the document as one undo step.
"""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from planner.plan import Plan, Progress, SolveStatus
from planner.words import gap, search
from solver import SolveOptions
from ui.gui.document import Document
from ui.gui.solving import SolveCoordinator
from ui.gui.worker import SolveThread

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")


class SolvePanel(QWidget):
    """Solve, Stop, the time limit, a progress bar and a small chart of cost and bound."""

    # Once the solve's thread has ended: the Plan, or None when it failed or found nothing.
    finished = Signal(object)
    message = Signal(str)  # for the status bar

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.coordinator = SolveCoordinator.of(document)
        self.thread: SolveThread | None = None
        self._started = 0.0
        self._limit = 60.0
        self._points: list[Progress] = []
        self._result: Plan | None = None

        self.solve_button = QPushButton("&Solve", self)
        self._solve_tip = "Plan the rota for this scenario (F5). Locked cells are kept."
        self.solve_button.setToolTip(self._solve_tip)
        self.solve_button.clicked.connect(self.start)
        self.stop_button = QPushButton("S&top", self)
        self.stop_button.setToolTip("Stop searching and keep the best rota found so far")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.limit = QDoubleSpinBox(self)
        self.limit.setRange(1, 3600)
        self.limit.setValue(60)
        self.limit.setSuffix(" s")
        self.limit.setDecimals(0)
        self.limit.setToolTip("Search for at most this long, then keep the best rota found")
        self.limit.setAccessibleName("Time limit in seconds")
        limit_label = QLabel("&Time limit", self)
        limit_label.setBuddy(self.limit)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setValue(0)
        self.bar.setFormat("Not solving")
        self.bar.setAccessibleName("Solve progress")
        self.status = QLabel("", self)
        self.status.setMinimumWidth(260)
        self.chart = pg.PlotWidget(self)
        self.chart.setFixedHeight(70)
        self.chart.setMinimumWidth(220)
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.chart.hideAxis("left")
        self.chart.setMouseEnabled(False, False)
        self.chart.setMenuEnabled(False)
        self.chart.setLabel("bottom", "seconds")
        self.chart.setXRange(0, 60)
        self.chart.setToolTip("The search objective of the best rota so far (blue) and the "
                              "bound no rota can beat (grey dashed), over time. What the rota "
                              "costs is the Cost figure, from the checked rota.")
        self.cost_line = self.chart.plot([], [], pen=pg.mkPen("#1F4E78", width=2), name="cost")
        self.bound_line = self.chart.plot([], [], pen=pg.mkPen("#808080", width=2,
                                                               style=pg.QtCore.Qt.DashLine))
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self._tick)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.solve_button, self.stop_button, limit_label, self.limit):
            layout.addWidget(widget)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.chart, 1)
        document.scenario_changed.connect(self._enable)
        self.coordinator.busy_changed.connect(lambda _busy: self._enable())
        self._enable()

    @property
    def solving(self) -> bool:
        return self.thread is not None

    def start(self, seconds: float | None = None, options: SolveOptions | None = None) -> bool:
        """Start solving the document's scenario; False when there is nothing to solve."""
        scenario = self.document.scenario
        if self.coordinator.busy_for(self):
            self.message.emit(self.coordinator.busy_reason())
            return False
        if scenario is None or self.solving:
            return False
        self._limit = float(seconds if seconds is not None else self.limit.value())
        options = options or SolveOptions(time_limit=self._limit)
        self.thread = self.coordinator.solve(self, "the solve bar is planning the rota",
                                             scenario, options)
        self._points = []
        self.cost_line.setData([], [])
        self.bound_line.setData([], [])
        self.chart.setXRange(0, self._limit)
        self.thread.progress.connect(self._progress)
        self.thread.solved.connect(self._solved)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._ended)
        self._started = time.monotonic()
        self.solve_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.bar.setValue(0)
        self.bar.setFormat("Starting: building the model...")
        self.status.setText("")
        self.thread.start()
        self.ticker.start()
        self.message.emit(f"Solving {len(scenario.staff)} people over "
                          f"{scenario.settings.plan_days} days (up to {self._limit:g} s)...")
        return True

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.stop_button.setEnabled(False)
            self.bar.setFormat("Stopping: keeping the best rota found so far...")

    def stop_and_wait(self, milliseconds: int = 30_000) -> bool:
        """Stop this bar's solve and wait for its thread to end (closing the window); True once
        ended."""
        if self.thread is None:
            return True
        return self.coordinator.stop_and_wait(milliseconds)

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._started
        self.bar.setValue(min(1000, int(1000 * elapsed / self._limit)))
        if self.thread is not None and not self.thread.stopping:
            best = self._points[-1] if self._points else None
            self.bar.setFormat(f"{elapsed:.0f} s of {self._limit:g} s"
                               + (f"  ·  {gap(best.bound, best.gap)}" if best
                                  else "  ·  no rota yet"))

    def _progress(self, progress: Progress) -> None:
        self._points.append(progress)
        self.status.setText(f"{progress.solutions} rotas found · "
                            f"{search(progress.objective, progress.bound, progress.gap)}")
        self.cost_line.setData([p.elapsed for p in self._points],
                               [p.objective for p in self._points])
        bounded = [p for p in self._points if p.bound > 0]  # no bound yet: nothing to draw
        self.bound_line.setData([p.elapsed for p in bounded], [p.bound for p in bounded])

    def _solved(self, plan: Plan) -> None:
        if plan.status is SolveStatus.NO_PLAN:
            self.status.setText("No rota found in the time allowed; try a longer time limit.")
            self.message.emit("No rota was found in the time allowed.")
            return
        self.document.apply_plan(plan)
        proof = "proven best" if plan.status is SolveStatus.OPTIMAL else "not proven best"
        self.status.setText(f"Done in {plan.wall_seconds:.0f} s · "
                            f"{search(plan.objective, plan.bound, plan.gap)} ({proof})")
        self.message.emit(f"Rota planned in {plan.wall_seconds:.1f} s ({proof}).")
        self._result = plan

    def _failed(self, text: str) -> None:
        self.status.setText("The solve failed; see the message.")
        self.message.emit(text)

    def _ended(self) -> None:
        self.ticker.stop()
        self.thread = None  # the coordinator disposes of it
        self.bar.setValue(1000 if self._points else 0)
        self.bar.setFormat("Not solving")
        self.stop_button.setEnabled(False)
        self._enable()
        result, self._result = self._result, None
        self.finished.emit(result)

    def _enable(self) -> None:
        elsewhere = self.coordinator.busy_for(self)
        self.solve_button.setEnabled(self.document.scenario is not None and not self.solving
                                     and not elsewhere)
        self.solve_button.setToolTip(self.coordinator.busy_reason() if elsewhere
                                     else self._solve_tip)
