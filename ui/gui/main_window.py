"""The main window: menus, the list of views, the KPI strip, the solve bar and the problems panel.

Views are listed down the left (Ctrl+1, Ctrl+2, ... or the arrow keys reach them); the KPI strip
stays on top whatever the view; the solve bar sits at the bottom. The window owns the one
document and asks before anything unsaved is lost.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.gui.document import Document
from ui.gui.files import APP_NAME, FileActions
from ui.gui.kpi_strip import KpiStrip
from ui.gui.problems_panel import ProblemsPanel
from ui.gui.recovery import Recovery
from ui.gui.solve_panel import SolvePanel
from ui.gui.solving import SolveCoordinator
from ui.gui.views.base import View
from ui.gui.views.cases import CasesView
from ui.gui.views.checks import ChecksView
from ui.gui.views.coverage import CoverageView
from ui.gui.views.demand import DemandView
from ui.gui.views.patterns import PatternsView
from ui.gui.views.rota import RotaView
from ui.gui.views.staff import StaffView
from ui.gui.views.whatif import WhatIfView


def view_classes() -> list[type[View]]:
    """The views in the order a team leader works: inputs, then the rota and what it achieves."""
    return [DemandView, StaffView, PatternsView, CasesView, RotaView, CoverageView, ChecksView,
            WhatIfView]


class MainWindow(FileActions, QMainWindow):
    def __init__(self, document: Document | None = None, settings: QSettings | None = None,
                 recovery_folder: Path | None = None):
        super().__init__()
        self.document = document or Document(self)
        self.settings = settings or QSettings()
        # The one solve at a time: the solve bar and What-if both start theirs through it.
        self.solving = SolveCoordinator.of(self.document)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(900, 560)

        self.views: dict[str, View] = {}
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Views")
        self.stack = QStackedWidget(self)
        for number, view_class in enumerate(view_classes(), start=1):
            view = view_class(self.document, self.stack)
            self.views[view.key] = view
            self.stack.addWidget(view)
            self.nav.addItem(f"{view.title}")
            self.nav.item(number - 1).setToolTip(f"{view.title} (Ctrl+{number})")
        self.nav.setMaximumWidth(220)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.kpis = KpiStrip(self.document, self)
        self.solve_panel = SolvePanel(self.document, self)
        self.solve_panel.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.problems = ProblemsPanel(self.document, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.problems.hide()

        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1200])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.kpis)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.solve_panel)
        self.setCentralWidget(central)

        self.coverage.simulation_bar.message.connect(
            lambda text: self.statusBar().showMessage(text, 15000))
        checks = self.views.get("checks")
        if isinstance(checks, ChecksView):
            checks.go_to_cell.connect(self.show_cell)
            checks.go_to_day.connect(self.show_day)
        self._menus()
        self.document.path_changed.connect(self._title)
        self.document.problems_changed.connect(self._problems_found)
        self._title()
        self.nav.setCurrentRow(0)
        self.recovery: Recovery | None = None
        if recovery_folder is not None:
            self.recovery = Recovery(recovery_folder, self.document.write_state, parent=self,
                                     is_dirty=lambda: self.document.dirty,
                                     original=lambda: self.document.path,
                                     original_stamp=lambda: self.document.on_disk)
            self.recovery.failed.connect(
                lambda text: self.statusBar().showMessage(f"Recovery copy: {text}", 15000))

    def start_recovery(self) -> None:
        """Start the every-few-minutes recovery copy (after any earlier copy was offered)."""
        if self.recovery is not None:
            self.recovery.start()

    @property
    def coverage(self) -> CoverageView:
        view = self.views["coverage"]
        assert isinstance(view, CoverageView)
        return view

    def simulate(self, replications: int | None = None) -> bool:
        """Turn to Coverage and simulate the rota on screen in the background."""
        self.show_view("coverage")
        return self.coverage.simulation_bar.start(replications)

    # Navigation.
    def show_view(self, key: str) -> View:
        """Turn to the view `key` (KeyError for a view the window does not have)."""
        view = self.views[key]
        self.nav.setCurrentRow(self.stack.indexOf(view))
        return view

    def show_cell(self, staff_id: str, date: dt.date) -> None:
        self.show_view("rota").show_cell(staff_id, date)

    def show_day(self, key: str, date: dt.date, place: str = "") -> None:
        """Go to `date` in a view, on the channel (Coverage) or queue (Case queues) named."""
        if key in self.views:
            view = self.show_view(key)
            if place and key == "coverage":
                view.choosers.channel.setCurrentText(place)
            elif place and key == "cases":
                view.choose_queue(place)
            view.show_day(date)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Close once nothing unsaved would be lost: a failed save keeps the window open."""
        event.ignore()  # until all below has gone well: an error on the way keeps the window
        if self.solving.busy_for(self.solve_panel):  # What-if's solves are only compared
            self.solving.stop_and_wait()
        if self.solve_panel.solving:
            answer = QMessageBox.question(
                self, APP_NAME, "A solve is running. Stop it and close? The rota found so far "
                "is kept until you choose whether to save it.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.solving.stop_and_wait()
            QCoreApplication.processEvents()  # take the rota the stopped solve returned
        if not self._may_discard():
            return
        self.solving.stop_and_wait()
        self.coverage.simulation_bar.stop_and_wait()
        if self.recovery is not None:
            self.recovery.clean_exit()
        event.accept()

    def keep_for_later(self) -> None:
        """The planner is being stopped from outside (Ctrl-C in its terminal, or the stop
        signal): stop any solve or simulation, its rota kept, and save the recovery copy now,
        asking nothing. Unsaved work is then offered back at the next start."""
        self.solving.stop_and_wait()
        self.coverage.simulation_bar.stop_and_wait()
        QCoreApplication.processEvents()  # take the rota a stopped solve returned
        if self.recovery is not None:
            self.recovery.save_now()
            self.recovery.stop()

    # Menus.
    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New scenario", QKeySequence.StandardKey.New, self._new_dialog)
        self._action(file, "&Open workbook...", QKeySequence.StandardKey.Open, self._open_dialog)
        self._action(file, "Open CSV &folder...", None, self._open_folder_dialog)
        self._action(file, "Import &history...", None, self._import_history)
        self.recent_menu = file.addMenu("Open &recent")
        self._fill_recent()
        file.addSeparator()
        self._action(file, "&Save", QKeySequence.StandardKey.Save, self.save)
        self._action(file, "Save &as...", QKeySequence.StandardKey.SaveAs, self.save_as)
        self.export_menu = file.addMenu("&Export")
        self._action(self.export_menu, "Rota &workbook (Excel)...", QKeySequence("Ctrl+E"),
                     lambda: self.export_rota_workbook())
        self._action(self.export_menu, "Rota as &PDF...", QKeySequence("Ctrl+P"),
                     lambda: self.export_pdf())
        file.addSeparator()
        self._action(file, "&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit = bar.addMenu("&Edit")
        undo = self.document.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        view = bar.addMenu("&View")
        for number, key in enumerate(self.views, start=1):
            shortcut = QKeySequence(f"Ctrl+{number}") if number <= 9 else None
            self._action(view, self.views[key].title, shortcut,
                         lambda _checked=False, key=key: self.show_view(key))
        view.addSeparator()
        view.addAction(self.problems.toggleViewAction())

        plan = bar.addMenu("&Plan")
        self._action(plan, "&Solve", QKeySequence("F5"), lambda: self.solve_panel.start())
        self._action(plan, "S&top solving", QKeySequence("Shift+F5"), self.solve_panel.stop)
        plan.addSeparator()
        self._action(plan, "Si&mulate the rota", QKeySequence("F6"), lambda: self.simulate())
        self._action(plan, "Stop si&mulating", QKeySequence("Shift+F6"),
                     self.coverage.simulation_bar.stop)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About", None, self._about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _new_dialog(self) -> None:
        from planner.starter import starter_scenario

        self.new_scenario(starter_scenario())

    def _about(self) -> None:
        QMessageBox.about(self, APP_NAME, f"<b>{APP_NAME}</b><p>Plans rotas for contact "
                          "centres and the case teams behind them: demand, staff, shift "
                          "patterns, annual leave and sickness in; a rota that meets service "
                          "and caseload targets at the least cost out.</p>")

    def _title(self) -> None:
        mark = "*" if self.document.dirty else ""
        self.setWindowTitle(f"{self.document.title}{mark} - {APP_NAME}")

    def _problems_found(self) -> None:
        if self.document.problems:
            self.problems.show()
