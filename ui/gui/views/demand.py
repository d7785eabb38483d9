"""Demand: the contacts expected on one channel, a day at a time and a week at a glance.

The Day tab charts one day: contacts arriving in each interval (bars) and, below on the same
hours, the advisors to roster for them (the staffing requirement after shrinkage, from
`planner.staffing.staffing_table`). The Week tab is a heat map of contacts per interval for the
week holding that day. The Table tab is the Demand sheet for the channel, editable as in the
workbook: an edit is one undo step and redraws the charts.

The chooser bar and the chart helpers here are shared with the Coverage view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.problems import ScenarioError
from planner.staffing import staffing_table
from ui.gui.heatmap import HeatMap
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View

BAR_BRUSH = "#6BAED6"
LINE_PEN = "#08519C"


def day_label(day: dt.date) -> str:
    """A day as the window names it: "Mon 26 Apr"."""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: dt.date) -> str:
    """A day in full: "Monday 3 May"."""
    return f"{day:%A} {day.day} {day:%B}"


def week_of(day: dt.date, dates: Sequence[dt.date]) -> list[dt.date]:
    """The plan's dates in the Monday-to-Sunday week holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return [d for d in dates if monday <= d < monday + dt.timedelta(days=7)]


def slot_labels(interval_minutes: int) -> list[str]:
    """Every interval of the day as "HH:MM"."""
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, interval_minutes)]


def shown_slots(active: np.ndarray) -> slice:
    """From the first to the last interval with anything in it (08:00 to 18:00 when none)."""
    busy = np.flatnonzero(active)
    if busy.size == 0:
        per_hour = max(len(active) // 24, 1)
        return slice(8 * per_hour, 18 * per_hour)
    return slice(int(busy[0]), int(busy[-1]) + 1)


def hour_chart(y_label: str, parent: QWidget | None = None) -> pg.PlotWidget:
    """A white chart with hours of the day along the bottom and `y_label` up the side."""
    chart = pg.PlotWidget(parent, background="w")
    chart.setMenuEnabled(False)
    chart.setMouseEnabled(x=False, y=False)
    chart.hideButtons()
    chart.showGrid(x=True, y=True, alpha=0.15)
    chart.setLabel("left", y_label)
    for side in ("left", "bottom"):
        axis = chart.getAxis(side)
        axis.setPen("#606060")
        axis.setTextPen("#1F1F1F")
    chart.getAxis("left").setWidth(60)  # the same in every chart, so stacked hours line up
    return chart


def set_hours(chart: pg.PlotWidget, first_hour: float, last_hour: float) -> None:
    """Tick every hour ("08:00"), or every two on a long day, over the hours shown."""
    step = 1 if last_hour - first_hour <= 14 else 2
    ticks = [(float(h), f"{h % 24:02d}:00")
             for h in range(int(np.floor(first_hour)), int(np.ceil(last_hour)) + 1, step)]
    chart.getAxis("bottom").setTicks([ticks, []])
    margin = (last_hour - first_hour) * 0.03  # room for the first and last labels
    chart.setXRange(first_hour - margin, last_hour + margin, padding=0)


def set_counts(chart: pg.PlotWidget, top: float, whole: bool = False) -> None:
    """Run the side from 0 to a little over `top`, so the 0 and the highest bar show; `whole`
    ticks whole numbers only (advisors come whole)."""
    top = max(top, 1.0)
    chart.setYRange(-0.06 * top, top * 1.12, padding=0)
    if whole:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**9)
                    if top / s <= 6)
        chart.getAxis("left").setTicks([[(float(v), str(v))
                                         for v in range(0, int(top) + step, step)], []])


class Choosers(QWidget):
    """A channel and a day of the plan to look at, and a line of words about them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.channel = QComboBox(self)
        self.channel.setAccessibleName("Channel")
        self.day = QComboBox(self)
        self.day.setAccessibleName("Day")
        self.day.setMaxVisibleItems(15)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, combo in (("&Channel", self.channel), ("&Day", self.day)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addStretch(1)
        self.channel.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.day.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def fill(self, channels: Sequence[str], dates: Sequence[dt.date],
             day: dt.date | None) -> None:
        """Offer these channels and dates, keeping the choices where they still exist."""
        channel = self.channel.currentText()
        day = day or self.current_day()
        for combo in (self.channel, self.day):
            combo.blockSignals(True)
            combo.clear()
        self.channel.addItems(list(channels))
        for date in dates:
            self.day.addItem(day_label(date), date)
        if channel in channels:
            self.channel.setCurrentIndex(list(channels).index(channel))
        if day in dates:
            self.day.setCurrentIndex(list(dates).index(day))
        for combo in (self.channel, self.day):
            combo.blockSignals(False)

    def current_channel(self) -> str:
        return self.channel.currentText()

    def current_day(self) -> dt.date | None:
        return self.day.currentData()

    def choose_day(self, day: dt.date) -> bool:
        """Select `day`; False when it is not a day of the plan."""
        dates = [self.day.itemData(i) for i in range(self.day.count())]
        position = dates.index(day) if day in dates else -1
        if position >= 0:
            self.day.setCurrentIndex(position)
        return position >= 0


class DemandView(View):
    key = "demand"
    title = "Demand"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.staffing: pd.DataFrame | None = None
        self._wanted_day: dt.date | None = None
        self._table_for: tuple | None = None
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
        self.staffing = None
        if scenario is None:
            self.summary.setText("Open a scenario to see its demand.")
            self.choosers.fill([], [], None)
            self._clear()
            return
        try:
            self.staffing = staffing_table(scenario)
        except (ScenarioError, ValueError) as error:
            problems = getattr(error, "problems", None)
            reason = problems[0].message if problems else str(error)
            self.summary.setText(f"The staffing requirement cannot be worked out: {reason}")
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
        self.required_line.setData(np.append(hours, hours[-1] + width), day_required)
        set_counts(self.volume_chart, float(volume.to_numpy().max()))
        set_counts(self.required_chart, float(required.to_numpy().max()), whole=True)
        set_hours(self.volume_chart, hours[0], hours[-1] + width)
        set_hours(self.required_chart, hours[0], hours[-1] + width)
        self.volume_chart.setTitle(f"Contacts per {minutes} minutes, {channel}, "
                                   f"{long_day(day)}", color="#1F1F1F", size="10pt")
        self.required_chart.setTitle("Advisors to roster (staffing requirement after "
                                     f"{scenario.settings.shrinkage:.0%} shrinkage)",
                                     color="#1F1F1F", size="10pt")
        self.summary.setText(self._words(channel, day, day_volume, day_required, hours))
        self._draw_week(channel, day, volume, required, minutes)

    def _clear_charts(self) -> None:
        self.volume_bars.setOpts(x0=[], height=[])
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
