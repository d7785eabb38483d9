"""Solving and simulating in the background, so the window stays responsive meanwhile.

`SolveThread` runs `solver.solve` on its own thread. Each better rota arrives as a `progress`
signal and the answer as `solved`; both are delivered on the window's thread (Qt queues signals
between threads), so nothing here touches a widget. `stop()` asks the solver to stop and keep
its best rota; the solver keeps asking until its search has really ended. `SimulateThread` runs
a rota's simulation (planner.simulation) the same way.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QThread, Signal

from planner.model import Scenario
from planner.problems import ScenarioError


class SolveThread(QThread):
    """One solve of one scenario. Emits progress(Progress), then solved(Plan) or failed(str)."""

    progress = Signal(object)
    solved = Signal(object)
    failed = Signal(str)

    def __init__(self, scenario: Scenario, options, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.options = options
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the search to stop; the best rota so far still arrives through `solved`."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        from solver import solve

        try:
            plan = solve(self.scenario, self.options, on_progress=self.progress.emit,
                         should_stop=self._stop.is_set)
        except ScenarioError as refused:
            self.failed.emit("The scenario cannot be planned: "
                             + "; ".join(p.message for p in refused.errors[:3]))
        except Exception as error:  # noqa: BLE001 - reported in the window, never a traceback
            self.failed.emit(f"The solver stopped with an error ({type(error).__name__}: "
                             f"{error}). Details: {log_fault(error)}")
        else:
            self.solved.emit(plan)


def log_fault(error: BaseException) -> str:
    """Write the details of a fault to a log file; returns where (or that it could not)."""
    import tempfile
    from pathlib import Path

    log = Path(tempfile.gettempdir()) / "planner-error.log"
    try:
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    except OSError:
        return "not written"
    return str(log)


class SimulateThread(QThread):
    """One simulation of one rota (planner.simulation). Emits progress(done, total), then
    simulated(SimulationResult), stopped() or failed(str)."""

    progress = Signal(int, int)
    simulated = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(self, scenario: Scenario, rota, activities, updates, replications: int,
                 seed: int = 0, parent=None):
        super().__init__(parent)
        self.scenario, self.rota, self.activities = scenario, rota, activities
        self.updates, self.replications, self.seed = updates, replications, seed
        self._stop = threading.Event()

    def stop(self) -> None:
        """Drop the replications not yet started; `stopped` follows once the running ones end."""
        self._stop.set()

    def run(self) -> None:
        from planner.simulation import SimulationStopped, simulate_rota

        try:
            # Worker processes start afresh ("spawn"): forking a process that runs Qt's threads
            # could copy a lock some other thread holds.
            result = simulate_rota(self.scenario, self.rota, self.activities, self.replications,
                                   self.seed, self.updates, start_method="spawn",
                                   progress=self.progress.emit, should_stop=self._stop.is_set)
        except SimulationStopped:
            self.stopped.emit()
        except ScenarioError as refused:
            self.failed.emit("The rota cannot be simulated: "
                             + "; ".join(p.message for p in refused.errors[:3]))
        except Exception as error:  # noqa: BLE001 - reported in the window, never a traceback
            self.failed.emit(f"The simulation stopped with an error ({type(error).__name__}: "
                             f"{error}). Details: {log_fault(error)}")
        else:
            self.simulated.emit(result)
