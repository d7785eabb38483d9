"""The KPI strip, always on screen: how the rota on screen serves callers and cases, what it
costs, and its hours.

First, when the contracts cannot give the hours the targets need (planner.gap), that, in
words. Per live channel: service level (against its target), average wait and abandonment; then what
the rota costs, with its parts (the same figure `planner check` prints). Per case queue: the
share of cases dealt with on time and the largest backlog; then paid and cover hours. A figure
that misses its target is marked "below target" in words, not by colour alone. Every figure is
worded by planner.words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from planner.gap import StructuralGap, structural_gap
from planner.kpis import kpis_of
from planner.words import channel_wait, cost_parts, count, hours, money, share
from ui.gui.document import Document

MISSED = "#9C0006"


class KpiStrip(QFrame):
    """One box per channel and queue, and one for hours; updated whenever the rota changes."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Key figures of the rota")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Live channels and the cost on the first row; case queues and hours on the second, so
        # that every figure has room to be read in full at 1366 pixels wide.
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setVerticalSpacing(2)
        self.boxes: dict[str, QLabel] = {}
        self._gap: tuple[object, StructuralGap] | None = None
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
        kpis = None if scenario is None or assessment is None else kpis_of(scenario, assessment)
        columns = 1 if kpis is None else max(len(kpis.channels), len(kpis.queues)) + 1
        top = 0
        if scenario is not None:
            gap = self._structural_gap(scenario)
            if gap.short > 0.5:  # said first: no rota of these contracts meets the targets
                box = self._add("gap", f"<span style='color:{MISSED}'>{gap.words()}</span>",
                                0, 0, columns)
                box.setToolTip("\n".join(gap.channel_words()) or gap.words())
                top = 1
        if kpis is None:
            self._add("plan", "No rota yet: the figures appear once a rota is solved or opened.",
                      top, 0)
            return
        for column, f in enumerate(kpis.channels):
            text = (f"<b>{f.channel}</b>: service level {share(f.service_level)}"
                    + (_missed(f.target) if f.below_target else "")
                    + f"<br>average wait {channel_wait(f.asa_seconds, f.never_answered)}"
                    + f" · abandonment {share(f.abandon_rate)}")
            self._add(f"channel:{f.channel}", text, top, column)
        cost = self._add("cost", f"<b>Cost {money(kpis.cost.total)}</b><br>"
                                 f"{cost_parts(kpis.cost)}", top, len(kpis.channels),
                         columns - len(kpis.channels))
        cost.setToolTip(f"What the rota costs: {cost_parts(kpis.cost, every=True)} "
                        "(docs/rules.md)")
        for column, f in enumerate(kpis.queues):
            text = (f"<b>{f.queue}</b>: on time {share(f.on_time_rate)}"
                    + (_missed(f.target) if f.below_target else "")
                    + f"<br>largest backlog {count(f.max_backlog, 'case', 0)}")
            self._add(f"queue:{f.queue}", text, top + 1, column)
        self._add("hours", f"<b>Hours</b>: paid {hours(kpis.paid_hours, 1)}<br>"
                           f"cover staff {hours(kpis.cover_hours, 1)}", top + 1, len(kpis.queues),
                  columns - len(kpis.queues))

    def _structural_gap(self, scenario) -> StructuralGap:
        """planner.gap's figures for the scenario, worked out once per scenario (an edit of
        the rota leaves them as they are)."""
        if self._gap is None or self._gap[0] is not scenario:
            self._gap = (scenario, structural_gap(scenario))
        return self._gap[1]

    def _add(self, key: str, html: str, row: int, column: int, span: int = 1) -> QLabel:
        label = QLabel(html, self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setContentsMargins(2, 0, 8, 0)
        label.setAccessibleName(label.text())
        self._layout.addWidget(label, row, column, 1, span)
        self.boxes[key] = label
        return label


def _missed(target: float) -> str:
    return f" <span style='color:{MISSED}'>(below {share(target)} target)</span>"
