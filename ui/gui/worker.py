"""Solving and simulating in the background, so the window stays responsive meanwhile.

`SolveThread` runs `solver.solve` on its own thread. Each better rota arrives as a `progress`
signal and the answer as `solved`; both are delivered on the window's thread (Qt queues signals
between threads), so nothing here touches a widget. `stop()` asks the solver to stop and keep
its best rota; the solver keeps asking until its search has really ended. `SimulateThread` runs
a rota's simulation (planner.simulation) the same way.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from planner.model import Scenario
from planner.problems import ScenarioError
from ui.faults import log_fault


class StoppableSolve(QThread):
    """A solve on its own thread, with `options`, that `stop()` asks to end: the best rota so
    far still arrives through `solved`. Emits progress, then solved or failed(str)."""

    progress = Signal(object)
    solved = Signal(object)
    failed = Signal(str)

    def __init__(self, options, parent=None):
        super().__init__(parent)
        self.options = options
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()


class SolveThread(StoppableSolve):
    """One solve of one scenario. Emits progress(Progress), then solved(Plan) or failed(str)."""

    def __init__(self, scenario: Scenario, options, parent=None):
        super().__init__(options, parent)
        self.scenario = scenario

    def run(self) -> None:
        from solver import solve

        done, plan = attempt(
            lambda: solve(self.scenario, self.options, on_progress=self.progress.emit,
                          should_stop=self._stop.is_set),
            self.failed, "The scenario cannot be planned", "The solver")
        if done:
            self.solved.emit(plan)


def attempt(work, failed, refused_words: str, who: str) -> tuple[bool, object]:
    """(True, work()) when it works; otherwise (False, None) with the reason sent to `failed`
    in words (a scenario the work refuses, or a fault whose details go to a log file), never a
    traceback."""
    try:
        return True, work()
    except ScenarioError as refused:
        failed.emit(f"{refused_words}: " + "; ".join(p.message for p in refused.errors[:3]))
    except Exception as error:  # noqa: BLE001 - reported in the window, never a traceback
        failed.emit(f"{who} stopped with an error ({type(error).__name__}: {error}). "
                    f"Details: {log_fault(error)}")
    return False, None


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

        def work():
            try:
                # Worker processes start afresh ("spawn"): forking a process that runs Qt's
                # threads could copy a lock some other thread holds.
                return simulate_rota(self.scenario, self.rota, self.activities,
                                     self.replications, self.seed, self.updates,
                                     start_method="spawn", progress=self.progress.emit,
                                     should_stop=self._stop.is_set)
            except SimulationStopped:
                return None

        done, result = attempt(work, self.failed, "The rota cannot be simulated",
                               "The simulation")
        if done and result is None:
            self.stopped.emit()
        elif done:
            self.simulated.emit(result)
