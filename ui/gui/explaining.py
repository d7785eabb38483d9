"""Why is this interval short? Click an interval of a Coverage chart to read why, under it.

The words are `planner explain`'s (planner.explain): everyone skilled for the channel and what
each is doing then, the rule or limit that keeps each of those off, and what one more person
there would gain and cost.
"""

from __future__ import annotations

import datetime as dt
import html
import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from planner.explain import explain, interval_problem

HINT = "Click an interval of the chart above to see who is skilled for it and why it is short."


class ExplainPanel(QTextBrowser):
    """The explanation of the interval last clicked (or how to get one)."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Why this interval has the advisors it has")
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(6 * lines)  # the heading, the one-more line and a few people
        self.setMaximumHeight(16 * lines)
        self.setOpenLinks(False)
        self.setPlainText(HINT)
        self.shown: tuple[str, dt.datetime] | None = None

    def follow(self, chart: pg.PlotWidget, where) -> None:
        """Explain the interval under a click on `chart`; `where()` gives (channel, day,
        interval minutes) as the chart shows them."""
        def clicked(event) -> None:
            if event.button() != Qt.MouseButton.LeftButton:
                return
            point = chart.getPlotItem().vb.mapSceneToView(event.scenePos())
            channel, day, minutes = where()
            if channel and day is not None and math.isfinite(point.x()):
                slot = int(point.x() * 60 // minutes)
                self.explain_at(channel, dt.datetime.combine(day, dt.time()) +
                                dt.timedelta(minutes=slot * minutes))

        chart.scene().sigMouseClicked.connect(clicked)

    def explain_at(self, channel: str, at: dt.datetime) -> None:
        document = self.document
        scenario = document.scenario
        if scenario is None or not document.rota:
            self.setPlainText("There is no rota yet: solve or open one, then click an "
                              "interval.")
            return
        problem = interval_problem(scenario, channel, at)
        if problem:
            self.setPlainText(f"Nothing to explain there: {problem}.")
            return
        found = explain(scenario, document.rota, document.activities, channel, at,
                        document.state.updates)
        self.shown = (channel, at)
        lines = found.lines()
        self.setHtml("<b>" + html.escape(lines[0]) + "</b><br>"
                     + "<br>".join(html.escape(line).replace("  ", "&nbsp;&nbsp;")
                                   for line in lines[1:]))
