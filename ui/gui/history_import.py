"""File > Import history...: demand for the open scenario from a contact history CSV file.

The window's face of `planner forecast`: the history (a contact log or an interval report) is
read at the scenario's interval length, forecast for the days asked with the scenario's region
and the channels' bank-holiday opening, and merged by `planner.forecast.scenario_with_forecast`,
so the Demand rows of the channels in the history are replaced and their handle time and
callers' patience set. The whole import is one undo step. A history that cannot be read changes
nothing; its problems (file, row and column) go to the problems panel. Warnings go there too,
without stopping the import.

`import_history` does the work without asking anything (the tests drive it); `HistoryDialog`
asks for the file, the days and the method, and shows the back-test the method is chosen by
(`BacktestPanel`) as soon as the file reads; `ask_and_import` puts the two together for the
menu.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.forecast import DEFAULT_WEEKS, LEVELS, Forecast, forecast, scenario_with_forecast
from planner.history import History, read_history
from planner.io.table import error, warning
from planner.model import Scenario
from planner.problems import Problem
from ui.gui.backtest_panel import BacktestPanel
from ui.gui.document import Document

CSV_FILES = "CSV files (*.csv);;All files (*)"
CHOSEN = "Chosen by back-test (recommended)"
PREVIEW_DELAY_MS = 400
MAX_DAYS = 366
MAX_WEEKS = 26
ERROR_INK = "#9C0006"
NO_SCENARIO = "Open a scenario first, then import contact history into it."
HELP = (
    "The file must be a contact log, one row per contact with the columns arrived_at, "
    "channel, wait_seconds, handle_seconds and outcome (answered or abandoned); or an interval "
    "report, one row per channel and interval with interval_start, channel, offered, answered, "
    "abandoned and aht_seconds. Commas or semicolons may separate the values.\n\n"
    "Each channel's forecast is made by the method that would have done best on its own last "
    "weeks (the back-test below). For every channel found in the history, its Demand rows are "
    "replaced by the forecast for the days below, and its handle time, callers' patience and "
    "the forecast's day-to-day spread are set from the history. Other "
    "channels keep their rows; a channel the scenario lacks is added. Edit > Undo takes it all "
    "back."
)


@dataclass(frozen=True)
class ImportOutcome:
    """How an import went: whether the scenario took it, a line for the status bar, and the
    warnings (also in the problems panel)."""

    ok: bool
    message: str
    warnings: tuple[Problem, ...] = ()


def import_history(document: Document, path: str | Path, start: dt.date, days: int,
                   weeks: int = DEFAULT_WEEKS, level: str | None = None) -> ImportOutcome:
    """Forecast `days` days from `start` from the history at `path`, shapes from its last
    `weeks` weeks, each channel's level by the back-test's choice or by `level`, into the open
    scenario as one undo step."""
    path = Path(path)
    scenario = document.scenario
    if scenario is None:
        return ImportOutcome(False, NO_SCENARIO)
    settings = scenario.settings
    read = read_history(path, settings.interval_minutes)
    if not read.ok or read.history is None:
        return _refused(document, path, read.problems)
    history = read.history
    try:
        made = forecast_for(scenario, history, start, days, weeks, level)
    except ValueError as exc:
        return _refused(document, path, (replace(error(str(exc)), file=path.name),))
    merged, notes = scenario_with_forecast(scenario, made, start, days)
    warnings = (read.warnings + made.problems
                + tuple(replace(warning(note), file=path.name) for note in notes))
    document.change_scenario(merged, f"Import history from {path.name}")
    document.report(warnings)
    return ImportOutcome(True, _summary(made, history, start, days, warnings), warnings)


def forecast_for(scenario: Scenario, history: History, start: dt.date, days: int, weeks: int,
                 level: str | None = None) -> Forecast:
    """The forecast the import makes for `scenario` (its region and bank-holiday opening)."""
    open_on = {str(c.name): c.open_on_bank_holidays for c in scenario.channels}
    return forecast(history, start, days, weeks=weeks, region=scenario.settings.region,
                    open_on_bank_holidays=open_on, level=level)


def _refused(document: Document, path: Path, problems: tuple[Problem, ...]) -> ImportOutcome:
    """Nothing changes; the problems go to the panel."""
    document.report(problems)
    return ImportOutcome(False, f"{path.name} could not be read: see the problems below; "
                                "the scenario was not changed")


def _summary(made: Forecast, history: History, start: dt.date, days: int,
             warnings: tuple[Problem, ...]) -> str:
    """E.g. "Demand for voice and chat, 3 Mar to 30 Mar, from the last 4 weeks of calls.csv:
    12,345 contacts"."""
    end = start + dt.timedelta(days=days - 1)
    weeks = f"{made.weeks_used} week{'s' * (made.weeks_used != 1)}"
    total = float(made.demand["volume"].sum()) if len(made.demand) else 0.0
    text = (f"Demand for {_listed([c.channel for c in made.channels])}, {_day(start)} to "
            f"{_day(end)}, from the last {weeks} of {history.file}: {total:,.0f} contacts")
    if warnings:
        text += (f" ({len(warnings)} warning{'s' * (len(warnings) != 1)} in the problems "
                 "panel)")
    return text


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _listed(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class HistoryDialog(QDialog):
    """The history file, the first day and number of days to forecast, the weeks of history
    to pool shapes over and the method, with the back-test of the file as soon as it reads. OK
    only once a file is chosen."""

    def __init__(self, scenario: Scenario, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.scenario = scenario
        self._read: tuple[Path, float, History | None, str] | None = None
        settings = scenario.settings
        self.setWindowTitle("Import history")
        self.file = QLineEdit(self)
        self.file.setPlaceholderText("a contact log or interval report (.csv)")
        self.file.setAccessibleName("Contact history file")
        self.browse = QPushButton("&Browse...", self)
        self.browse.setAccessibleName("Choose the contact history file")
        self.browse.clicked.connect(self.choose_file)
        self.start = QDateEdit(self)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd dd MMM yyyy")
        self.start.setDate(QDate(settings.plan_start))
        self.start.setAccessibleName("First day to forecast")
        self.days = QSpinBox(self)
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(min(settings.plan_days, MAX_DAYS))
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Days to forecast")
        self.weeks = QSpinBox(self)
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(" weeks")
        self.weeks.setAccessibleName("Weeks of history to use")
        self.weeks.setToolTip("Shapes over the day pool this many recent weeks; each day's "
                              "total comes from the method")
        self.method = QComboBox(self)
        self.method.addItems([CHOSEN, *(m.name for m in LEVELS)])
        self.method.setAccessibleName("Forecast method for each day's total")
        self.method.setToolTip("Leave it to the back-test, or choose a method for every "
                               "channel's daily totals")
        self.backtest = BacktestPanel(self)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.preview)
        self.help = QLabel(HELP, self)
        self.help.setWordWrap(True)
        self.help.setAccessibleName("What the history file must hold")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_INK}")
        self.message.setAccessibleName("Why the history cannot be imported")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.file.textChanged.connect(self._file_changed)
        for changed in (self.start.dateChanged, self.days.valueChanged, self.weeks.valueChanged,
                        self.method.currentIndexChanged):
            changed.connect(self._preview_timer.start)
        self._layout()
        self._file_changed()

    def _layout(self) -> None:
        file_label = QLabel("History &file:", self)
        file_label.setBuddy(self.file)
        chooser = QHBoxLayout()
        chooser.addWidget(self.file, 1)
        chooser.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(file_label, chooser)
        form.addRow("First &day:", self.start)
        form.addRow("&Number of days:", self.days)
        form.addRow("&Weeks of history to use:", self.weeks)
        form.addRow("&Method:", self.method)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.backtest, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def path(self) -> Path:
        return Path(self.file.text().strip())

    def first_day(self) -> dt.date:
        return self.start.date().toPython()

    def level(self) -> str | None:
        """The level method asked for, or None for the back-test's choice."""
        return None if self.method.currentText() == CHOSEN else self.method.currentText()

    def preview(self) -> None:
        """Read the file (again only when it changed on disk) and show its back-test."""
        path = self.path()
        if not self.file.text().strip() or not path.is_file():
            self.backtest.clear()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            history, why = self._history(path)
            if history is None:
                self.backtest.clear(why)
                return
            try:
                made = forecast_for(self.scenario, history, self.first_day(), self.days.value(),
                                    self.weeks.value(), self.level())
            except ValueError as exc:
                self.backtest.clear(f"{path.name}: {exc}")
                return
            self.backtest.show_forecast(made)
        finally:
            QApplication.restoreOverrideCursor()

    def _history(self, path: Path) -> tuple[History | None, str]:
        stamp = path.stat().st_mtime
        if self._read is None or self._read[:2] != (path, stamp):
            read = read_history(path, self.scenario.settings.interval_minutes)
            why = ""
            if read.errors:
                first, more = read.errors[0], len(read.errors) - 1
                why = (f"{path.name} cannot be read: {first.where}: {first.message}"
                       + (f" (and {more} more problem{'s' * (more != 1)}; Import lists them "
                          "all in the problems panel)" if more else ""))
            self._read = (path, stamp, read.history, why)
        return self._read[2], self._read[3]

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a contact history file",
                                              str(self.folder), CSV_FILES)
        if name:
            self.file.setText(name)
            self._preview_timer.stop()
            self.preview()

    def accept(self) -> None:
        if not self.file.text().strip():
            return
        if not self.path().is_file():
            self.message.setText(f"There is no file at {self.path()}; check the name, or "
                                 "choose it with Browse.")
            self.file.setFocus()
            return
        super().accept()

    def _file_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.file.text().strip()))
        self.message.setText("")
        self._preview_timer.start()


def ask_and_import(parent: QWidget | None, document: Document, folder: Path) -> str | None:
    """Ask for a history file and the days to forecast, and import it; the status bar's
    message, or None when cancelled."""
    scenario = document.scenario
    if scenario is None:
        return NO_SCENARIO
    dialog = HistoryDialog(scenario, folder, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = import_history(document, dialog.path(), dialog.first_day(),
                                     dialog.days.value(), dialog.weeks.value(), dialog.level())
        finally:
            QApplication.restoreOverrideCursor()
    finally:
        dialog.deleteLater()
    return outcome.message
