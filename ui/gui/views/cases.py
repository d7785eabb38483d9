"""Case queues: the back-office queues, and day by day their backlog against the deadline.

Above, the CaseQueues sheet (effort per case, deadline, on-time target) as an editable table.
Below, for the queue chosen, a chart by day of the plan. With a rota, the chart shows the cases
arriving (bars), the cases still open at the end of each day (the backlog, a line), the part of
it still within the deadline (a dashed line) and the cases open past their deadline (bars in a
warning colour), with a summary in words: on-time rate, largest backlog, cases overdue at the
end. Without a rota it shows the cases expected to arrive and the backlog open at the start.
Email is deferred work too: once a rota is judged, its emails appear as a queue of their own.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from planner.calendar import due_date
from planner.demand import case_arrivals
from planner.kpis import queue_caseload
from planner.model import DeadlineBasis, Scenario
from planner.words import count, number, share
from planner.words import day as day_words
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View

ARRIVING = "#9DC3E6"
OPEN_AT_START = "#BFBFBF"
BACKLOG = "#1F4E78"
WITHIN = "#548235"
OVERDUE = "#C00000"
HIGHLIGHT = "#7F6000"
START_X = -2.0  # where the backlog open at the start stands, left of the first day


def deadline_words(scenario: Scenario, queue: str) -> str:
    """"deadline 10 working days, target 90% on time" for a queue; the response window for
    email."""
    for case_queue in scenario.case_queues:
        if case_queue.name == queue:
            basis = "working" if case_queue.deadline_basis is DeadlineBasis.WORKING else (
                "calendar")
            return (f"deadline {case_queue.deadline_days} {basis} days, target "
                    f"{share(case_queue.target_on_time)} on time")
    for channel in scenario.channels:
        if channel.name == queue:
            days = math.ceil(channel.target_answer_seconds / 86400)
            return f"email answered within {count(days, 'day')}"
    return ""


def opening_backlog(scenario: Scenario, queue: str) -> tuple[int, int]:
    """Cases open when the plan starts, and how many of them are already past their deadline."""
    case_queue = next((q for q in scenario.case_queues if q.name == queue), None)
    entries = [entry for entry in scenario.backlog if entry.queue == queue]
    start = scenario.settings.plan_start
    late = sum(entry.count for entry in entries if case_queue is not None
               and due_date(entry.opened_date, case_queue, scenario.settings.region) < start)
    return sum(entry.count for entry in entries), late


def _cases(value: float, noun: str = "case") -> str:
    """Cases to the whole case: "1,180 cases", "1 email"."""
    return count(value, noun, 0)


class CasesView(View):
    key = "cases"
    title = "Case queues"
    follows_rota = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.table = SheetTable(document, "CaseQueues", self)
        self.queue = QComboBox(self)
        self.queue.setAccessibleName("Case queue")
        self.queue.currentIndexChanged.connect(lambda _i: self.draw())
        label = QLabel("&Queue", self)
        label.setBuddy(self.queue)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.day_text = QLabel(self)
        self.day_text.setWordWrap(True)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setAccessibleName("Case queue chart by day")
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setTextPen("#1F1F1F")
            axis.setPen("#808080")
        self.plot.setLabel("left", "Cases", color="#1F1F1F")
        self.legend = self.plot.addLegend(offset=(10, 5), labelTextColor="#1F1F1F",
                                          brush=pg.mkBrush(255, 255, 255, 220),
                                          pen=pg.mkPen("#BFBFBF"))
        self.legend.setColumnCount(2)  # two short rows, over the headroom kept above the data
        self.dates: tuple[dt.date, ...] = ()
        self.days: dict[str, list] = {}  # queue -> its CaseDay rows in date order
        self.day: dt.date | None = None
        self.backlog_curve: pg.PlotDataItem | None = None
        self.overdue_bars: pg.BarGraphItem | None = None
        self.arrival_bars: pg.BarGraphItem | None = None
        self.day_line: pg.InfiniteLine | None = None

        chooser = QHBoxLayout()
        chooser.addWidget(label)
        chooser.addWidget(self.queue)
        chooser.addWidget(self.summary, 1)
        chart = QWidget(self)
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(chooser)
        chart_layout.addWidget(self.plot, 1)
        chart_layout.addWidget(self.day_text)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(chart)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([120, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        self.table.reload()
        scenario, assessment = self.document.scenario, self.document.assessment
        self.dates = scenario.settings.dates if scenario else ()
        self.days = {}
        for case_day in assessment.caseload if assessment else ():
            self.days.setdefault(case_day.queue, []).append(case_day)
        for rows in self.days.values():
            rows.sort(key=lambda row: row.date)
        names = [q.name for q in scenario.case_queues] if scenario else []
        names += [name for name in self.days if name not in names]
        chosen = self.queue.currentText()
        self.queue.blockSignals(True)
        self.queue.clear()
        self.queue.addItems(names)
        self.queue.setCurrentIndex(max(self.queue.findText(chosen), 0))
        self.queue.blockSignals(False)
        self.queue.setEnabled(bool(names))
        self.draw()

    def choose_queue(self, name: str) -> None:
        self.bring_up_to_date()
        position = self.queue.findText(name)
        if position >= 0:
            self.queue.setCurrentIndex(position)

    def draw(self) -> None:
        """The chosen queue's chart and summary."""
        self.plot.clear()
        self.legend.clear()
        self.backlog_curve = self.overdue_bars = self.arrival_bars = self.day_line = None
        scenario, name = self.document.scenario, self.queue.currentText()
        if scenario is None or not name:
            self.summary.setText("No case queues in this scenario." if scenario else "")
            self.day_text.setText("")
            return
        if name in self.days:
            self._draw_caseload(scenario, name)
        else:
            self._draw_arrivals(scenario, name)
        self._ticks()
        self._mark_day()

    def _draw_caseload(self, scenario: Scenario, name: str) -> None:
        rows = self.days[name]
        noun = "case" if any(q.name == name for q in scenario.case_queues) else "email"
        xs = np.array([self.dates.index(row.date) for row in rows], dtype=float)
        arrivals = np.array([row.arrivals for row in rows])
        backlog = np.array([row.backlog for row in rows])
        overdue = np.array([row.overdue for row in rows])
        self.arrival_bars = pg.BarGraphItem(x=xs - 0.2, height=arrivals, width=0.38,
                                            brush=ARRIVING, pen=pg.mkPen("#2E75B6"),
                                            name="Cases arriving")
        self.overdue_bars = pg.BarGraphItem(x=xs + 0.2, height=overdue, width=0.38,
                                            brush=OVERDUE, pen=pg.mkPen("#600000"),
                                            name="Open past the deadline (overdue)")
        within = pg.PlotDataItem(xs, backlog - overdue, name="Open, still within the deadline",
                                 pen=pg.mkPen(WITHIN, width=2, style=Qt.PenStyle.DashLine))
        self.backlog_curve = pg.PlotDataItem(xs, backlog, name="Open at the end of the day "
                                             "(backlog)", pen=pg.mkPen(BACKLOG, width=2.5),
                                             symbol="o", symbolSize=6, symbolBrush=BACKLOG)
        for item in (self.arrival_bars, self.overdue_bars, within, self.backlog_curve):
            self.plot.addItem(item)
        self._headroom(max(arrivals.max(initial=0), backlog.max(initial=0)))
        figures = queue_caseload(scenario, tuple(r for rows in self.days.values() for r in rows))
        figure = next((f for f in figures if f.queue == name), None)
        rate = figure.on_time_rate if figure is not None else None
        self.summary.setText(
            f"<b>{name}</b> ({deadline_words(scenario, name)}): "
            + (f"{share(rate)} of {noun}s closed on time" if rate is not None
               else f"no {noun}s dealt with")
            + f"; largest backlog {_cases(figure.max_backlog if figure else 0.0, noun)}; "
            f"{_cases(figure.overdue_cases if figure else 0.0, noun)} overdue at the end of the "
            "plan.")

    def _draw_arrivals(self, scenario: Scenario, name: str) -> None:
        arrivals = case_arrivals(scenario).get(name, np.zeros(len(self.dates)))
        xs = np.arange(len(self.dates), dtype=float)
        self.arrival_bars = pg.BarGraphItem(x=xs, height=arrivals, width=0.7, brush=ARRIVING,
                                            pen=pg.mkPen("#2E75B6"),
                                            name="Cases expected to arrive")
        self.plot.addItem(self.arrival_bars)
        opening, late = opening_backlog(scenario, name)
        start = pg.BarGraphItem(x=[START_X], height=[opening], width=0.9, brush=OPEN_AT_START,
                                pen=pg.mkPen("#404040"), name="Open when the plan starts")
        self.plot.addItem(start)
        label = pg.TextItem(f"{opening:,}", color="#1F1F1F", anchor=(0.5, 1.0))
        label.setPos(START_X, opening)
        self.plot.addItem(label)
        self._headroom(max(arrivals.max(initial=0), opening))
        self.summary.setText(
            f"<b>{name}</b> ({deadline_words(scenario, name)}): {_cases(arrivals.sum())} "
            f"expected over the plan; {_cases(opening)} open when it starts "
            f"({number(late, 0)} already past the deadline). Solve to see the backlog projected "
            "against the deadline.")

    def _ticks(self) -> None:
        """Each Monday (and the first day) named in full, the other days by number."""
        major = [(i, day_words(day)) for i, day in enumerate(self.dates)
                 if i == 0 or day.weekday() == 0]
        named = {i for i, _ in major}
        minor = [(i, f"{day.day}") for i, day in enumerate(self.dates) if i not in named]
        if self.arrival_bars is not None and self.queue.currentText() not in self.days:
            major.insert(0, (START_X, "At start"))
        self.plot.getAxis("bottom").setTicks([major, minor])

    def _headroom(self, top: float) -> None:
        """Room above the tallest bar or point for the legend, so it hides no data."""
        self.plot.setYRange(0, max(top, 1.0) * 1.3, padding=0)

    def show_day(self, date: dt.date) -> None:
        """Point at one day; when the chosen queue has nothing overdue then, turn to the queue
        with the most overdue cases that day (the Checks view comes here for those)."""
        self.bring_up_to_date()
        self.day = date
        current = self.queue.currentText()
        overdue = {name: next((r.overdue for r in rows if r.date == date), 0.0)
                   for name, rows in self.days.items()}
        if overdue and overdue.get(current, 0.0) <= 0.5:
            worst = max(overdue, key=overdue.get)
            if overdue[worst] > 0.5:
                self.choose_queue(worst)
                return  # choosing the queue redraws, with the day marked
        self._mark_day()

    def _mark_day(self) -> None:
        if self.day is None or self.day not in self.dates:
            self.day_text.setText("")
            return
        if self.day_line is not None:
            self.plot.removeItem(self.day_line)
        self.day_line = pg.InfiniteLine(
            pos=self.dates.index(self.day), angle=90,
            pen=pg.mkPen(HIGHLIGHT, width=2, style=Qt.PenStyle.DotLine),
            label=day_words(self.day), labelOpts={"position": 0.95, "color": HIGHLIGHT,
                                                      "fill": (255, 255, 255, 200)})
        self.plot.addItem(self.day_line)
        name = self.queue.currentText()
        row = next((r for r in self.days.get(name, ()) if r.date == self.day), None)
        scenario = self.document.scenario
        noun = "email" if scenario and any(c.name == name for c in scenario.channels) else "case"
        self.day_text.setText(
            f"{self.day:%A %d %B}: {_cases(row.arrivals, noun)} arrived, "
            f"{_cases(row.done, noun)} closed, {_cases(row.backlog, noun)} open at the end of "
            f"the day ({number(row.overdue, 0)} past the deadline)." if row is not None
            else f"Marked: {self.day:%A %d %B}.")
