"""One solve at a time in the window: the solve bar and What-if both start, stop and wait for
their solves here.

Two solves at once would halve each one's share of the processor and leave two threads to stop
when the window closes, so while one runs the other's Solve buttons are disabled, their
tooltips saying who is solving (`busy_reason`). The coordinator belongs to the document (one
per open window), so every part of the window that asks for it gets the same one; closing the
window stops and waits for whichever solve runs.

A solve runs on a worker thread (`SolveThread` for the rota, `VariantsThread` for What-if's base
and variants, which runs `planner.whatif.run_variants`); the part that started it hears the
thread's signals, and the coordinator hears it end.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from planner.model import Scenario
from planner.whatif import Variant
from ui.gui.worker import SolveThread, StoppableSolve, attempt


class VariantsThread(StoppableSolve):
    """The base and its variants solved one after another (planner.whatif.run_variants).
    Emits progress(VariantProgress) as each starts, improves and ends, then
    solved(list of VariantResult) or failed(str); `stop()` ends the solve under way (its best
    rota is kept) and starts no more."""

    def __init__(self, base: Scenario, variants: Sequence[Variant], options, parent=None):
        super().__init__(options, parent)
        self.base = base
        self.variants = tuple(variants)

    def run(self) -> None:
        from planner.whatif import run_variants
        from solver import solve

        options = self.options

        def each(scenario, **kwargs):
            return solve(scenario, options, **kwargs)

        done, results = attempt(
            lambda: run_variants(self.base, self.variants, each, on_progress=self.progress.emit,
                                 should_stop=self._stop.is_set),
            self.failed, "The scenario cannot be planned", "The solver")
        if done:
            self.solved.emit(results)


class SolveCoordinator(QObject):
    """The window's one solve at a time. `busy_changed(bool)` says when a solve starts and
    once its thread has ended."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.thread: SolveThread | VariantsThread | None = None
        self.owner: QObject | None = None
        self.doing = ""  # what the solve running does, in words

    @staticmethod
    def of(document: QObject) -> SolveCoordinator:
        """The document's coordinator, made the first time it is asked for."""
        found = document.findChild(SolveCoordinator)
        return found if found is not None else SolveCoordinator(document)

    @property
    def busy(self) -> bool:
        return self.thread is not None

    def busy_for(self, asker: QObject) -> bool:
        """Whether a solve that `asker` did not start is running."""
        return self.busy and self.owner is not asker

    def busy_reason(self) -> str:
        """Why a Solve button is disabled, for its tooltip."""
        return f"One solve at a time: {self.doing}. Stop it there, or wait for it to end."

    def solve(self, owner: QObject, doing: str, scenario: Scenario, options
              ) -> SolveThread | None:
        """Start one solve of `scenario` for `owner` (`doing` says what in words, "the solve
        bar is planning the rota"); None while a solve is already running. The owner connects
        to the thread's signals."""
        if self.busy:
            return None
        return self._started(SolveThread(scenario, options, self), owner, doing)

    def solve_variants(self, owner: QObject, doing: str, base: Scenario,
                       variants: Sequence[Variant], options) -> VariantsThread | None:
        """Start solving the base and each variant in turn for `owner`; None while a solve is
        already running."""
        if self.busy:
            return None
        return self._started(VariantsThread(base, variants, options, self), owner, doing)

    def stop(self) -> None:
        """Ask the solve under way to stop; its best rota still arrives."""
        if self.thread is not None:
            self.thread.stop()

    def stop_and_wait(self, milliseconds: int = 30_000) -> bool:
        """Stop the solve under way and wait for its thread to end (closing the window); True
        once it has ended (or none was running)."""
        if self.thread is None:
            return True
        self.thread.stop()
        return bool(self.thread.wait(milliseconds))

    def _started(self, thread, owner: QObject, doing: str):
        self.thread, self.owner, self.doing = thread, owner, doing
        # Connected before the owner's own slots, so the coordinator is idle when they run.
        thread.finished.connect(self._ended)
        self.busy_changed.emit(True)
        return thread

    def _ended(self) -> None:
        thread, self.thread, self.owner, self.doing = self.thread, None, None, ""
        if thread is not None:
            thread.deleteLater()
        self.busy_changed.emit(False)
