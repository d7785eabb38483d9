"""Demand: the contacts expected on one channel, a day at a time and a week at a glance.

The Day tab charts one day: contacts arriving in each interval (bars) and, below on the same
hours, the advisors to roster for them (the staffing requirement after shrinkage, from
`planner.staffing.staffing_table`). The forecast is the scenario's own; once there is a rota,
the contacts its backlog adds from customers chasing open cases (avoidable contacts,
`planner.avoidable`) are stacked on top of the bars and counted in the words. The Week tab is
a heat map of contacts per interval for the week holding that day. The Table tab is the Demand
sheet for the channel, editable as in the workbook: an edit is one undo step and redraws the
charts.

The chooser bar, the chart helpers and the avoidable-contact helpers here are shared with the
Coverage view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.avoidable import chase_channel
from planner.model import Scenario
from planner.plan import Assessment
from planner.problems import ScenarioError
from planner.staffing import staffing_table
from ui.gui.heatmap import HeatMap
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View

BAR_BRUSH = "#6BAED6"
LINE_PEN = "#08519C"
# Avoidable contacts: orange with a dark dashed outline and their own legend entry, so the
# blue bars' colour is not the only thing telling them apart.
CHASE_BRUSH = "#FD8D3C"
CHASE_PEN = pg.mkPen("#7F2704", width=1.5, style=Qt.PenStyle.DashLine)
CHASE_LABEL = "customers chasing cases (avoidable)"


def title_legend(chart: pg.PlotWidget, items: Sequence[tuple[pg.GraphicsObject, str]]
                 ) -> pg.LegendItem:
    """A legend in one row at the right of `chart`'s title line, above the plot, so it never
    hides the bars however short the chart is (keep the title short, or justified left)."""
    legend = pg.LegendItem(labelTextColor="#1F1F1F", colCount=len(items), frame=False)
    legend.setParentItem(chart.getPlotItem())
    legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-8, 0))
    for item, label in items:
        legend.addItem(item, label)
    return legend


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


def slot_of(start: dt.time, minutes: int) -> int:
    """The interval of the day that starts at `start`."""
    return (start.hour * 60 + start.minute) // minutes


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


@dataclass(frozen=True)
class Chasing:
    """Of one live channel's contacts on one day, those from customers chasing open cases
    (avoidable contacts, from the rota's backlog): per interval of the day and per case queue."""

    by_slot: np.ndarray  # avoidable contacts in every interval of the day
    by_queue: tuple[tuple[str, float], ...]  # (case queue, contacts), most first

    @property
    def total(self) -> float:
        return float(self.by_slot.sum())


def set_chase_bars(bars: pg.BarGraphItem, hours: np.ndarray, width: float, below: np.ndarray,
                   chasing: np.ndarray) -> None:
    """Stack the avoidable contacts on `below`, only where there are some (an empty bar would
    still draw its dashed edge)."""
    some = chasing > 0
    bars.setOpts(x0=hours[some], width=width, y0=below[some], height=chasing[some])


def chasing_grid(scenario: Scenario, assessment: Assessment | None, channel: str
                 ) -> np.ndarray:
    """Avoidable contacts on `channel`, plan dates x intervals of the day (zeros without a
    rota)."""
    settings = scenario.settings
    grid = np.zeros((len(settings.dates), settings.intervals_per_day))
    if assessment is None:
        return grid
    day_of = {date: d for d, date in enumerate(settings.dates)}
    minutes = settings.interval_minutes
    for row in assessment.coverage:
        if row.channel == channel and row.avoidable > 0 and row.date in day_of:
            slot = slot_of(row.interval_start, minutes)
            grid[day_of[row.date], slot] += row.avoidable
    return grid


def chasing_on(scenario: Scenario, assessment: Assessment | None, channel: str,
               day: dt.date, grid: np.ndarray | None = None) -> Chasing:
    """The avoidable contacts the assessed rota puts on `channel` on `day` (none without one);
    `grid` is `chasing_grid` for the channel, when already worked out."""
    dates = scenario.settings.dates
    if grid is None:
        grid = chasing_grid(scenario, assessment, channel)
    by_slot = grid[dates.index(day)] if day in dates else np.zeros(grid.shape[1])
    if assessment is None or by_slot.sum() <= 0:  # none, or no contacts that day to join
        return Chasing(np.zeros(grid.shape[1]), ())
    queues = {str(q.name) for q in scenario.case_queues
              if q.chases and chase_channel(scenario, q) == channel}
    by_queue: dict[str, float] = {}
    for case_day in assessment.caseload:
        if case_day.queue in queues and case_day.date == day and case_day.avoidable > 0:
            by_queue[case_day.queue] = by_queue.get(case_day.queue, 0.0) + case_day.avoidable
    ranked = tuple(sorted(by_queue.items(), key=lambda item: (-item[1], item[0])))
    return Chasing(by_slot, ranked)


def amount(value: float) -> str:
    """A number of contacts: "1,180", "42", or "6.2" when under 10 (avoidable contacts are an
    expectation, so small ones keep a decimal)."""
    return f"{value:.1f}" if round(value, 1) < 10 else f"{value:,.0f}"


def chasing_breakdown(chasing: Chasing) -> str:
    """ "mutual_exchange 30, complaints 12" """
    return ", ".join(f"{queue} {amount(value)}" for queue, value in chasing.by_queue)


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
