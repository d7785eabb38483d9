"""Solving in the background, so the window stays responsive while the solver searches.

`SolveThread` runs `solver.solve` on its own thread. Each better rota arrives as a `progress`
signal and the answer as `solved`; both are delivered on the window's thread (Qt queues signals
between threads), so nothing here touches a widget. `stop()` asks the solver to stop and keep
its best rota; the solver keeps asking until its search has really ended.
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
