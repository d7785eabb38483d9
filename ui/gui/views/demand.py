"""Demand: the contacts expected on one channel, a day at a time and a week at a glance.

The Day tab charts one day: contacts arriving in each interval (bars) and, below on the same
hours, the advisors to roster for them (the staffing requirement after shrinkage, from
`planner.staffing.staffing_table`). The forecast is the scenario's own; once there is a rota,
the contacts its backlog adds from customers chasing open cases (avoidable contacts,
`planner.avoidable`) are stacked on top of the bars and counted in the words. The Week tab is
a heat map of contacts per interval for the week holding that day. The Table tab is the Demand
sheet for the channel, editable as in the workbook: an edit is one undo step and redraws the
charts.

The chooser bar (ui.gui.choosers), the hour charts (ui.gui.charts) and the avoidable-contact
pieces (ui.gui.chasing) are shared with the Coverage view.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.model import Scenario
from planner.problems import ScenarioError
from planner.staffing import staffing_table
from ui.gui.charts import (
    BAR_BRUSH,
    LINE_PEN,
    day_label,
    hour_chart,
    long_day,
    set_counts,
    set_hours,
    shown_slots,
    slot_labels,
    title_legend,
    week_of,
)
from ui.gui.chasing import (
    CHASE_BRUSH,
    CHASE_LABEL,
    CHASE_PEN,
    Chasing,
    amount,
    chasing_breakdown,
    chasing_grid,
    chasing_on,
    set_chase_bars,
)
from ui.gui.choosers import Choosers
from ui.gui.heatmap import HeatMap
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View


class DemandView(View):
    key = "demand"
    title = "Demand"
    follows_rota = True  # the avoidable contacts come from the rota's backlog

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.staffing: pd.DataFrame | None = None
        self._staffing_for: Scenario | None = None
        self.chasing: Chasing | None = None  # on the channel and day shown
        self._wanted_day: dt.date | None = None
        self._table_for: tuple | None = None
        self._unworkable = ""
        self.choosers = Choosers(self)
        self.choosers.changed.connect(self._draw)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.volume_chart = hour_chart("Contacts", self)
        self.required_chart = hour_chart("Advisors to roster", self)
        self.required_chart.setXLink(self.volume_chart)
        self.volume_bars = pg.BarGraphItem(x0=[], width=0.2, height=[], brush=BAR_BRUSH,
                                           pen="#3182BD")
        self.volume_chart.addItem(self.volume_bars)
        self.chase_bars = pg.BarGraphItem(x0=[], width=0.2, y0=[], height=[],
                                          brush=CHASE_BRUSH, pen=CHASE_PEN)
        self.volume_chart.addItem(self.chase_bars)
        self.legend = title_legend(self.volume_chart, [
            (self.volume_bars, "forecast"),
            (self.chase_bars, CHASE_LABEL + ", from the current rota's backlog")])
        self.legend.setVisible(False)
        self.required_line = pg.PlotDataItem([0, 1], [0], stepMode="center",
                                             pen=pg.mkPen(LINE_PEN, width=2))
        self.required_chart.addItem(self.required_line)
        day_page = QWidget(self)
        day_layout = QVBoxLayout(day_page)
        day_layout.addWidget(self.volume_chart, 3)
        day_layout.addWidget(self.required_chart, 2)

        self.heat = HeatMap(self)
        week_page = QWidget(self)
        week_layout = QVBoxLayout(week_page)
        week_layout.addWidget(self.heat.legend)
        week_layout.addWidget(self.heat, 1)

        self.table = SheetTable(document, "Demand", self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(day_page, "Day")
        self.tabs.addTab(week_page, "Week")
        self.tabs.addTab(self.table, "Table")

        layout = QVBoxLayout(self)
        layout.addWidget(self.choosers)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        scenario = self.document.scenario
        if scenario is None:
            self.staffing, self._staffing_for = None, None
            self.summary.setText("Open a scenario to see its demand.")
            self.choosers.fill([], [], None)
            self._clear()
            return
        if scenario is not self._staffing_for:  # a rota change alone keeps the requirement
            self.staffing, self._staffing_for = None, scenario
            try:
                self.staffing = staffing_table(scenario)
            except (ScenarioError, ValueError) as error:
                problems = getattr(error, "problems", None)
                reason = problems[0].message if problems else str(error)
                self._unworkable = f"The staffing requirement cannot be worked out: {reason}"
        if self.staffing is None:
            self.summary.setText(self._unworkable)
        self.choosers.fill([str(c.name) for c in scenario.channels], scenario.settings.dates,
                           self._wanted_day)
        self._draw()

    def show_day(self, date: dt.date) -> None:
        self._wanted_day = date
        self.tabs.setCurrentIndex(0)
        self.choosers.choose_day(date)

    def _clear(self) -> None:
        self._clear_charts()
        self.table.model.keep = lambda _row: False
        self.table.reload()
        self._table_for = None

    def _draw(self) -> None:
        scenario, channel = self.document.scenario, self.choosers.current_channel()
        day = self.choosers.current_day()
        if scenario is None or day is None or not channel:
            return
        self._wanted_day = day
        if self._table_for != (scenario, channel):
            self._table_for = (scenario, channel)
            wanted = channel.strip().lower()
            self.table.model.keep = lambda row: row.get("channel", "").strip().lower() == wanted
            self.table.reload()
        if self.staffing is None:
            self._clear_charts()
            return
        minutes = scenario.settings.interval_minutes
        rows = self.staffing[self.staffing["channel"] == channel]
        volume = rows.pivot(index="interval_start", columns="date", values="volume")
        required = rows.pivot(index="interval_start", columns="date", values="required")
        shown = shown_slots((volume.to_numpy() > 0).any(axis=1)
                            | (required.to_numpy() > 0).any(axis=1))
        hours = np.arange(len(volume.index))[shown] * minutes / 60
        day_volume = volume[day].to_numpy()[shown]
        day_required = required[day].to_numpy()[shown]
        width = minutes / 60
        self.volume_bars.setOpts(x0=hours, width=width * 0.85, height=day_volume)
        chased = chasing_grid(scenario, self.document.assessment, channel)
        self.chasing = chasing_on(scenario, self.document.assessment, channel, day, chased)
        set_chase_bars(self.chase_bars, hours, width * 0.85, day_volume,
                       self.chasing.by_slot[shown])
        self.legend.setVisible(self.chasing.total > 0)
        columns = [scenario.settings.dates.index(d) for d in volume.columns]
        tallest = float((volume.to_numpy() + chased[columns].T).max())  # the tallest stack
        self.required_line.setData(np.append(hours, hours[-1] + width), day_required)
        set_counts(self.volume_chart, tallest)
        set_counts(self.required_chart, float(required.to_numpy().max()), whole=True)
        set_hours(self.volume_chart, hours[0], hours[-1] + width)
        set_hours(self.required_chart, hours[0], hours[-1] + width)
        self.volume_chart.setTitle(  # at the left when the legend is at the right
            f"Contacts per {minutes} minutes, {channel}, {long_day(day)}", color="#1F1F1F",
            size="10pt", justify="left" if self.chasing.total > 0 else "center")
        self.required_chart.setTitle("Advisors to roster (staffing requirement after "
                                     f"{scenario.settings.shrinkage:.0%} shrinkage)",
                                     color="#1F1F1F", size="10pt")
        words = self._words(channel, day, day_volume, day_required, hours)
        if self.chasing.total > 0:
            words += " " + self._chasing_words(float(day_volume.sum()))
        self.summary.setText(words)
        self._draw_week(channel, day, volume, required, minutes)

    def _clear_charts(self) -> None:
        self.chasing = None
        self.volume_bars.setOpts(x0=[], height=[])
        self.chase_bars.setOpts(x0=[], y0=[], height=[])
        self.legend.setVisible(False)
        self.required_line.setData([0, 1], [0])
        self.heat.set_grid(np.zeros((0, 0)), [], [], "g", "")

    def _draw_week(self, channel: str, day: dt.date, volume: pd.DataFrame,
                   required: pd.DataFrame, minutes: int) -> None:
        week = week_of(day, list(volume.columns))
        values = volume[week].to_numpy(dtype=float)
        needed = required[week].to_numpy()
        tips = np.array([[f"{_count(v)} contacts, {int(n)} advisors to roster"
                          for v, n in zip(vrow, nrow, strict=True)]
                         for vrow, nrow in zip(values, needed, strict=True)], dtype=object)
        values[~(values > 0).any(axis=1)] = np.nan  # closed all week: hidden
        self.heat.set_grid(
            values, slot_labels(minutes), [day_label(d) for d in week], _count,
            f"<b>Contacts per {minutes} minutes on {channel}</b>, week of "
            f"{day_label(week[0])}: paler is fewer, darker is more.",
            high_is_bad=False, tips=tips)

    def _chasing_words(self, forecast: float) -> str:
        chasing = self.chasing
        total = chasing.total
        return (f"From the current rota's backlog, customers chasing cases add "
                f"{amount(total)} contacts to this forecast ({chasing_breakdown(chasing)}): "
                f"{total / (forecast + total):.1%} of the {amount(forecast + total)} contacts "
                "the rota is judged against. The advisors to roster below are for the "
                "forecast alone.")

    @staticmethod
    def _words(channel: str, day: dt.date, volume: np.ndarray, required: np.ndarray,
               hours: np.ndarray) -> str:
        total = float(volume.sum())
        if total <= 0:
            return f"No {channel} contacts expected on {long_day(day)}."
        busiest = int(np.argmax(volume))
        hour = hours[busiest]
        return (f"{long_day(day)}, {channel}: {total:,.0f} contacts expected, the busiest "
                f"interval {int(hour):02d}:{round(hour % 1 * 60):02d} with "
                f"{_count(float(volume[busiest]))}; up to {int(required.max())} advisors to "
                "roster at once.")


def _count(value: float) -> str:
    """Contacts as a whole number, or with one decimal where the forecast has one."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
