"""The simulation bar on the Coverage view: simulate the rota on screen, contact by contact.

The planned figures the Coverage view shows are the checker's (Erlang A with the queue carried
from one interval to the next, planner.queues). Simulating follows every contact through the
whole plan, several times over (planner.simulation), to check them contact by contact. The
simulation runs on its own thread (`SimulateThread`, its replications in worker processes) with
a progress bar and Stop; its result is kept by the document for the rota it simulated, and the
Coverage view overlays it.
An edit to the rota makes the figures out of date: the view then hides them until the rota is
simulated again (or the edit is undone).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from planner.plan import Assessment
from ui.gui.document import Document
from ui.gui.worker import SimulateThread

DEFAULT_REPLICATIONS = 20


class SimulationBar(QWidget):
    """Simulate, the number of runs, a progress bar, Stop and a line saying what is shown."""

    message = Signal(str)  # for the status bar
    finished = Signal()  # once a simulation's thread has ended, however it ended

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.thread: SimulateThread | None = None
        self._simulated: Assessment | None = None  # the judged rota being simulated

        self.button = QPushButton("Si&mulate", self)
        self.button.setToolTip(
            "Follow every contact through this rota, several times over with random arrivals, "
            "handle times and patience (F6), to check the planned figures contact by contact.")
        self.button.clicked.connect(lambda: self.start())
        self.runs = QSpinBox(self)
        self.runs.setRange(2, 500)
        self.runs.setValue(DEFAULT_REPLICATIONS)
        self.runs.setSuffix(" runs")
        self.runs.setAccessibleName("Simulation runs")
        self.runs.setToolTip("How many times to simulate the whole plan: more runs give "
                             "narrower 95% intervals and take longer")
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.setToolTip("Stop simulating (nothing is kept from an unfinished "
                                    "simulation)")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setVisible(False)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Simulation progress")
        self.bar.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.button, self.runs, self.stop_button, self.bar):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        document.rota_changed.connect(self.update_status)
        document.simulation_changed.connect(self.update_status)
        self.update_status()

    @property
    def simulating(self) -> bool:
        return self.thread is not None

    def start(self, replications: int | None = None) -> bool:
        """Simulate the rota on screen in the background; False when there is none to
        simulate or a simulation is already running."""
        document = self.document
        if self.simulating or document.assessment is None or document.scenario is None:
            if document.assessment is None:
                self.message.emit("There is no rota to simulate yet: solve first.")
            return False
        runs = replications or self.runs.value()
        self._simulated = document.assessment
        self.thread = SimulateThread(document.scenario, document.rota, document.activities,
                                     document.state.updates, runs, parent=self)
        self.thread.progress.connect(self._progress)
        self.thread.simulated.connect(self._simulated_now)
        self.thread.stopped.connect(lambda: self.message.emit("Simulation stopped."))
        self.thread.failed.connect(self.message.emit)
        self.thread.finished.connect(self._ended)
        self.bar.setRange(0, runs)
        self.bar.setValue(0)
        self.bar.setFormat(f"Starting {runs} runs...")
        self._busy(True)
        self.thread.start()
        return True

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.stop_button.setEnabled(False)
            self.bar.setFormat("Stopping...")

    def stop_and_wait(self, milliseconds: int = 60_000) -> bool:
        """Stop a simulation and wait for its thread to end (closing the window)."""
        if self.thread is None:
            return True
        self.thread.stop()
        return bool(self.thread.wait(milliseconds))

    def update_status(self) -> None:
        document = self.document
        self.button.setEnabled(document.assessment is not None and not self.simulating)
        if self.simulating:
            return
        result = document.simulation
        if document.assessment is None:
            text = ""
        elif result is not None:
            text = (f"Simulated {result.replications} times: the service chart shows the "
                    "simulated service level (orange) with its 95% interval beside the planned one "
                    "(blue).")
            if result.spread_note():
                text += " " + result.spread_note()
        else:
            text = ("Simulate to check the planned figures contact by contact, several "
                    "times over.")
        self.status.setText(text)

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy)
        self.runs.setEnabled(not busy)
        self.button.setEnabled(not busy and self.document.assessment is not None)
        if busy:
            self.status.setText("Simulating every contact of the plan...")

    def _progress(self, done: int, total: int) -> None:
        self.bar.setValue(done)
        self.bar.setFormat(f"{done} of {total} runs")

    def _simulated_now(self, result) -> None:
        simulated = self._simulated
        if simulated is None:
            return
        self.document.set_simulation(result, simulated)
        if self.document.assessment is simulated:
            self.message.emit(f"Rota simulated {result.replications} times.")
        else:
            self.message.emit("The rota changed while it was being simulated: simulate again "
                              "to see the figures for the rota as it is now.")

    def _ended(self) -> None:
        if self.thread is not None:
            self.thread.deleteLater()
        self.thread = None
        self._simulated = None
        self._busy(False)
        self.update_status()
        self.finished.emit()
