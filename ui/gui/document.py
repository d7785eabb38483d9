"""The open scenario and its rota: what every view shows, and the one place edits happen.

Everything the window holds is immutable (a `Scenario`, rota cells, activities, an assessment),
so a `State` is a cheap snapshot and every edit is one undo step that swaps one snapshot for
another. Views never change data themselves: they call a method here, and redraw when the
`scenario_changed` or `rota_changed` signal says their data moved.

After any change to the rota or the scenario the rota is judged again by the independent
checker (`planner.checks.check_rota`), so the KPIs, coverage and checks always describe the rota
on screen, whether the solver or a team leader's hand made it.
"""

from __future__ import annotations

import datetime as dt
import math
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.checks import check_rota
from planner.io import load_scenario, save_scenario
from planner.io.editing import sheet_rows, with_sheet
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_writing import write_rota_workbook
from planner.io.workbook import is_rota_workbook
from planner.model import Lock, Scenario
from planner.plan import OFF, Activity, Assessment, Plan, Progress, RotaCell, SolveStatus
from planner.problems import Problem, ScenarioError, Severity

if TYPE_CHECKING:  # the simulation (SimPy, SciPy) loads only when a rota is simulated
    from planner.simulation import SimulationResult


@dataclass(frozen=True)
class FileStamp:
    """How a file (or a folder of CSV files) stood on disk: anyone saving it changes this."""

    modified_ns: int
    size: int

    @staticmethod
    def of(path: Path | None) -> FileStamp | None:
        """The stamp of what is at `path` now; None when nothing is there."""
        if path is None:
            return None
        try:
            info = path.stat()
            if not stat.S_ISDIR(info.st_mode):
                return FileStamp(info.st_mtime_ns, info.st_size)
            files = [child.stat() for child in path.iterdir() if child.is_file()]
        except OSError:
            return None
        return FileStamp(max([info.st_mtime_ns] + [f.st_mtime_ns for f in files]),
                         sum(f.st_size for f in files))


@dataclass(frozen=True)
class SolveInfo:
    """What the solver said about the rota it returned; dropped once the rota is edited."""

    status: SolveStatus
    objective: float
    bound: float
    gap: float
    wall_seconds: float
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class State:
    """Everything one undo step can change."""

    scenario: Scenario | None = None
    rota: tuple[RotaCell, ...] = ()
    activities: tuple[Activity, ...] = ()
    assessment: Assessment | None = None
    solve_info: SolveInfo | None = None
    updates: tuple[str, ...] = ()  # case queues whose customers get proactive updates
    # Why the rota could not be judged, when it could not (e.g. it names a removed pattern).
    unjudged: tuple[Problem, ...] = field(default=())


class _Change(QUndoCommand):
    def __init__(self, document: Document, text: str, before: State, after: State):
        super().__init__(text)
        self._document, self._before, self._after = document, before, after

    def redo(self) -> None:
        self._document._restore(self._after)

    def undo(self) -> None:
        self._document._restore(self._before)


class Document(QObject):
    """One scenario, its rota and their undo history."""

    scenario_changed = Signal()
    rota_changed = Signal()
    path_changed = Signal()
    problems_changed = Signal()
    simulation_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.state = State()
        self.path: Path | None = None
        # How the file at `path` stood when it was opened or last saved here.
        self.on_disk: FileStamp | None = None
        self.problems: tuple[Problem, ...] = ()
        # The rota's codes by (person, day), for the rota the cache was made from.
        self._cell_cache: tuple[tuple[RotaCell, ...], dict[tuple[str, dt.date], str]] = ((), {})
        # The last simulation and the judged rota it simulated (not an edit: no undo step).
        self._simulation: tuple[Assessment, SimulationResult] | None = None

    # What the views read.
    @property
    def scenario(self) -> Scenario | None:
        return self.state.scenario

    @property
    def rota(self) -> tuple[RotaCell, ...]:
        return self.state.rota

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.state.activities

    @property
    def assessment(self) -> Assessment | None:
        return self.state.assessment

    @property
    def simulation(self) -> SimulationResult | None:
        """The simulation of the rota on screen, if it has been simulated as it stands (an
        undo back to a simulated rota brings its simulation back)."""
        if self._simulation is None or self.assessment is None:
            return None
        simulated, result = self._simulation
        return result if simulated is self.assessment else None

    def set_simulation(self, result: SimulationResult, assessment: Assessment) -> None:
        """Keep `result`, the simulation of the rota that `assessment` judged."""
        self._simulation = (assessment, result)
        self.simulation_changed.emit()

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def changed_on_disk(self) -> bool:
        """Whether the file has been changed (by someone else, or another window) since it
        was opened or last saved here, so that saving over it would lose their changes."""
        now = FileStamp.of(self.path)
        return self.on_disk is not None and now is not None and now != self.on_disk

    @property
    def title(self) -> str:
        return self.path.name if self.path else "Untitled scenario"

    def code(self, staff_id: str, date: dt.date) -> str:
        """The rota's code for one person and day ("" with no rota)."""
        return self._cells().get((staff_id, date), "")

    def locked(self, staff_id: str, date: dt.date) -> Lock | None:
        scenario = self.scenario
        if scenario is None:
            return None
        return next((lock for lock in scenario.locks
                     if lock.staff_id == staff_id and lock.date == date), None)

    # Files.
    def open(self, path: str | Path) -> bool:
        """Open a scenario workbook, a CSV folder or a rota workbook.

        A file that cannot be used leaves the open document as it was; its problems go to the
        problems panel. Returns whether it opened.
        """
        path = Path(path)
        stamp = FileStamp.of(path)  # before reading: a change while it is read counts
        rota: tuple[RotaCell, ...] = ()
        activities: tuple[Activity, ...] = ()
        updates: tuple[str, ...] = ()
        if is_rota_workbook(path):
            read = read_rota_workbook(path)
            problems, scenario = tuple(read.problems), read.scenario
            if read.ok:
                rota, activities, updates = read.rota, read.activities, read.updates
        else:
            load = load_scenario(path)
            problems, scenario = load.problems, load.scenario
        self.problems = problems
        if scenario is None or any(p.severity is Severity.ERROR for p in problems):
            self.problems_changed.emit()
            return False
        self.undo_stack.clear()
        self.path, self.on_disk = path, stamp
        self._restore(self._judged(State(scenario=scenario, rota=rota, activities=activities,
                                         updates=updates)))
        self.problems_changed.emit()
        self.path_changed.emit()
        return True

    def new(self, scenario: Scenario) -> None:
        """Start an unsaved document from `scenario`."""
        self.undo_stack.clear()
        self.path, self.on_disk = None, None
        self.problems = ()
        self._restore(State(scenario=scenario))
        self.undo_stack.resetClean()
        self.problems_changed.emit()
        self.path_changed.emit()

    def save(self, path: str | Path | None = None) -> None:
        """Save (atomically) to `path`, or where it came from.

        With a rota, the file is a rota workbook, which also holds the scenario; without one, a
        scenario workbook or CSV folder. Raises OSError when it cannot be written (and
        ValueError for a name the scenario cannot be saved under); the work is then unsaved.
        """
        target = Path(path) if path is not None else self.path
        if target is None or self.scenario is None:
            raise OSError("choose where to save first")
        if self.rota and target.suffix.lower() != ".xlsx":
            raise OSError(f"{target.name}: a rota is saved as an Excel workbook (.xlsx)")
        if self.rota:
            write_rota_workbook(target, self.scenario, self.plan())
        else:
            save_scenario(self.scenario, target)
        stamp = FileStamp.of(target)
        if stamp is None:
            raise OSError(f"{target}: the save wrote no file")
        self.path, self.on_disk = target, stamp
        self.undo_stack.setClean()
        self.path_changed.emit()

    def write_state(self, path: Path) -> None:
        """The document as it stands, to `path` (.xlsx), without changing where it is saved."""
        if self.scenario is None:
            return
        if self.rota:
            write_rota_workbook(path, self.scenario, self.plan())
        else:
            save_scenario(self.scenario, path)

    def plan(self) -> Plan:
        """The rota on screen as a `Plan` (for the rota workbook): the checker's account of it,
        with the search's figures of the solve that made it, if one did."""
        assessment = self.assessment
        if assessment is None:
            raise ValueError("there is no rota to write")
        info = self.state.solve_info
        if info is None:
            return Plan(SolveStatus.FEASIBLE, self.rota, self.activities, assessment,
                        objective=assessment.objective, bound=math.nan, gap=math.nan,
                        wall_seconds=0.0, updates=self.state.updates)
        return Plan(info.status, self.rota, self.activities, assessment, info.objective,
                    info.bound, info.gap, info.wall_seconds, info.progress,
                    updates=self.state.updates)

    # Edits, each one undo step.
    def edit_sheet(self, sheet: str, rows: list[tuple], text: str) -> tuple[Problem, ...]:
        """Give `sheet` these rows (text as typed). Kept only when the scenario still makes
        sense; otherwise nothing changes and the errors come back (and go to the panel)."""
        scenario = self.scenario
        if scenario is None:
            return ()
        result = with_sheet(scenario, sheet, rows, self.title)
        if not result.ok:
            self.report(result.errors)
            return result.errors
        self.change_scenario(result.require(), text)
        return ()

    def report(self, problems: tuple[Problem, ...]) -> None:
        """Put `problems` in the problems panel in place of those it showed (an edit or an
        import refused, or the warnings of one that was made)."""
        self.problems = tuple(problems)
        self.problems_changed.emit()

    def sheet(self, sheet: str):
        """The columns and text rows of one scenario sheet, for a table to show."""
        if self.scenario is None:
            return (), []
        return sheet_rows(self.scenario, sheet)

    def change_scenario(self, scenario: Scenario, text: str) -> None:
        if scenario == self.scenario:
            return
        after = self._judged(replace(self.state, scenario=scenario))
        self.undo_stack.push(_Change(self, text, self.state, after))

    def set_cell(self, staff_id: str, date: dt.date, code: str) -> None:
        """Put `code` (a shift pattern or OFF) in one rota cell; that day is re-planned by the
        checker's default day, as for a rota edited in Excel."""
        if self.code(staff_id, date) == code:
            return
        rota = tuple(replace(cell, code=code) if (cell.staff_id, cell.date) == (staff_id, date)
                     else cell for cell in self.rota)
        if all((cell.staff_id, cell.date) != (staff_id, date) for cell in rota):
            rota += (RotaCell(staff_id, date, code),)
        activities = tuple(a for a in self.activities
                           if (a.staff_id, a.date) != (staff_id, date))
        after = self._judged(replace(self.state, rota=rota, activities=activities,
                                     solve_info=None))
        self.undo_stack.push(_Change(self, f"Set {self._who(staff_id)} on {date:%a %d %b} "
                                           f"to {code}", self.state, after))

    def toggle_lock(self, staff_id: str, date: dt.date) -> None:
        """Lock the cell as it stands (a re-solve keeps it), or unlock it."""
        scenario = self.scenario
        if scenario is None:
            return
        lock = self.locked(staff_id, date)
        if lock is not None:
            locks = tuple(item for item in scenario.locks if item is not lock)
            text = f"Unlock {self._who(staff_id)} on {date:%a %d %b}"
        else:
            code = self.code(staff_id, date) or OFF
            if code not in {p.code for p in scenario.patterns}:
                code = OFF
            locks = scenario.locks + (Lock(staff_id, date, code),)
            text = f"Lock {self._who(staff_id)} on {date:%a %d %b} as {code}"
        self.change_scenario(replace(scenario, locks=locks), text)

    def apply_plan(self, plan: Plan, text: str = "Solve") -> None:
        """Take the solver's rota (one undo step, so a solve can be undone)."""
        if plan.status is SolveStatus.NO_PLAN:
            return
        info = SolveInfo(plan.status, plan.objective, plan.bound, plan.gap, plan.wall_seconds,
                         plan.progress)
        after = replace(self.state, rota=plan.rota, activities=plan.activities,
                        assessment=plan.assessment, solve_info=info, unjudged=(),
                        updates=plan.updates)
        self.undo_stack.push(_Change(self, text, self.state, after))

    # Inside.
    def _clean_changed(self, _clean: bool) -> None:
        self.path_changed.emit()  # the title's unsaved-changes mark

    def _cells(self) -> dict[tuple[str, dt.date], str]:
        rota, cells = self._cell_cache
        if rota is not self.state.rota:
            cells = {(c.staff_id, c.date): c.code for c in self.state.rota}
            self._cell_cache = (self.state.rota, cells)
        return cells

    def _who(self, staff_id: str) -> str:
        scenario = self.scenario
        names = {p.staff_id: p.name for p in scenario.staff} if scenario else {}
        return names.get(staff_id, staff_id)

    def _judged(self, state: State) -> State:
        """`state` with its rota judged afresh by the checker (no rota: nothing to judge)."""
        if state.scenario is None or not state.rota:
            return replace(state, assessment=None, unjudged=())
        try:
            assessment = check_rota(state.scenario, state.rota, state.activities,
                                    state.updates)
        except ScenarioError as refused:
            return replace(state, assessment=None, unjudged=tuple(refused.problems))
        return replace(state, assessment=assessment, unjudged=())

    def _restore(self, state: State) -> None:
        before, self.state = self.state, state
        if state.scenario is not before.scenario:
            self.scenario_changed.emit()
        if (state.rota is not before.rota or state.assessment is not before.assessment
                or state.scenario is not before.scenario):
            self.rota_changed.emit()
