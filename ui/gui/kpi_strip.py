"""The KPI strip, always on screen: how the rota on screen serves callers and cases, and its hours.

Per live channel: service level (against its target), average wait and abandonment; per case
queue: the share of cases dealt with on time and the largest backlog; then paid and cover hours.
A figure that misses its target is marked "below target" in words, not by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from planner.kpis import plan_kpis
from ui.gui.document import Document

MISSED = "#9C0006"


def wait_text(seconds: float | None) -> str:
    """An average wait as people say it: "45 s", "3 min 05 s"."""
    if seconds is None:
        return "-"
    seconds = round(seconds)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60:02d} s"


def share_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}" if value >= 0.1 else f"{value:.1%}"


class KpiStrip(QFrame):
    """One box per channel and queue, and one for hours; updated whenever the rota changes."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Key figures of the rota")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Live channels on the first row; case queues and hours on the second, so that every
        # figure has room to be read in full at 1366 pixels wide.
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setVerticalSpacing(2)
        self.boxes: dict[str, QLabel] = {}
        document.rota_changed.connect(self.refresh)
        document.scenario_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.boxes = {}
        scenario, assessment = self.document.scenario, self.document.assessment
        if scenario is None or assessment is None:
            self._add("plan", "No rota yet: the figures appear once a rota is solved or opened.",
                      0, 0)
            return
        kpis = plan_kpis(scenario, assessment)
        targets = {c.name: c.service_level_target for c in scenario.channels}
        for column, (name, figures) in enumerate(kpis["channels"].items()):
            level = figures["service_level"]
            below = level is not None and level + 1e-9 < targets.get(name, 0)
            text = (f"<b>{name}</b>: service level {share_text(level)}"
                    + (f" <span style='color:{MISSED}'>(below {targets[name]:.0%} target)</span>"
                       if below else "")
                    + f"<br>average wait {wait_text(figures['asa_seconds'])}"
                    + f" · abandonment {share_text(figures['abandon_rate'])}")
            self._add(f"channel:{name}", text, 0, column)
        on_time = {q.name: q.target_on_time for q in scenario.case_queues}
        column = 0
        for column, (name, figures) in enumerate(kpis["queues"].items()):
            rate = figures["on_time_rate"]
            below = rate is not None and rate + 1e-9 < on_time.get(name, 0)
            text = (f"<b>{name}</b>: on time {share_text(rate)}"
                    + (f" <span style='color:{MISSED}'>(below {on_time[name]:.0%} target)</span>"
                       if below else "")
                    + f"<br>largest backlog {figures['max_backlog']:.0f} cases")
            self._add(f"queue:{name}", text, 1, column)
        self._add("hours", f"<b>Hours</b>: paid {kpis['paid_hours']:,.0f} h<br>"
                           f"cover {kpis['cover_hours']:,.0f} h", 1, column + 1)

    def _add(self, key: str, html: str, row: int, column: int) -> None:
        label = QLabel(html, self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setContentsMargins(2, 0, 8, 0)
        label.setAccessibleName(label.text())
        self._layout.addWidget(label, row, column)
        self.boxes[key] = label
