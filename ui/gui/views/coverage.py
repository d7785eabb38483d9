"""Coverage: whether the rota puts enough advisors on a live channel, and what callers get.

For one channel and day, the Day tab charts the advisors needed against the advisors the rota
plans in each interval (the gap where it is short shaded red), and below, the service level
predicted in each interval against the channel's target (dashed). A line of words gives the
day's service level, average wait and abandonment, weighted by contacts as the KPIs are
(`planner.kpis`), and how many intervals are short. When the rota's backlog has customers
chasing cases on the channel (avoidable contacts, `planner.avoidable`), a contacts chart on top
shows them stacked on the other contacts, and the words say how many there are and from which
case queues; with none, neither shows. The Week tab is a heat map of the average
wait callers can expect in each interval of the week holding that day: the figure a team leader
hears about when callers complain, and where extra cover would help most.

Above the charts the simulation bar (`SimulationBar`) simulates the rota contact by contact.
Once simulated, the service chart overlays the simulated service level in each interval with its
95% interval (error bars), rings the intervals where the planned figure falls outside it, the words
give the day's simulated figures with their intervals, and the heat map's tooltips add the
simulated average wait.

Clicking an interval of the advisors chart says why it has the advisors it has, under the
charts (`ui.gui.explaining`, the words of `planner explain`).

Everything comes from the document's assessment (the checker's judgement of the rota on
screen), so a hand-edited rota shows its own coverage.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.kpis import service_on
from planner.plan import IntervalService
from planner.words import count, estimate, number, share, wait
from ui.gui.charts import (
    BAR_BRUSH,
    day_label,
    hour_chart,
    long_day,
    set_counts,
    set_hours,
    shown_slots,
    slot_labels,
    slot_of,
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
from ui.gui.explaining import ExplainPanel
from ui.gui.heatmap import HeatMap
from ui.gui.simulation_bar import SimulationBar
from ui.gui.views.base import View

NEEDED_PEN = pg.mkPen("#1F1F1F", width=2, style=Qt.PenStyle.DashLine)
PLANNED_PEN = pg.mkPen("#08519C", width=2)
SHORT_BRUSH = pg.mkBrush(227, 74, 51, 110)
SERVICE_PEN = pg.mkPen("#08519C", width=2)
TARGET_PEN = pg.mkPen("#B30000", width=1.5, style=Qt.PenStyle.DashLine)
SIMULATED = "#D95F02"
SIMULATED_PEN = pg.mkPen(SIMULATED, width=2)
OUTSIDE_PEN = pg.mkPen("#B30000", width=2)


class CoverageView(View):
    key = "coverage"
    title = "Coverage"
    follows_rota = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self._wanted_day: dt.date | None = None
        self._rows: dict[tuple[str, dt.date], list[IntervalService]] = {}
        self.chasing: Chasing | None = None  # on the channel and day shown
        self.choosers = Choosers(self)
        self.choosers.changed.connect(self._draw)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.simulation_bar = SimulationBar(document, self)
        document.simulation_changed.connect(self.mark_stale)
        # The simulation's intervals by (channel, day) and slot, for the result they came from.
        self._simulated: tuple[object, dict[tuple[str, dt.date], dict[int, object]]] = (None, {})

        # Contacts, shown only when some of them are customers chasing cases.
        self.contacts_chart = hour_chart("Contacts", self)
        self.other_bars = pg.BarGraphItem(x0=[], width=0.2, height=[], brush=BAR_BRUSH,
                                          pen="#3182BD")
        self.chase_bars = pg.BarGraphItem(x0=[], width=0.2, y0=[], height=[],
                                          brush=CHASE_BRUSH, pen=CHASE_PEN)
        for item in (self.other_bars, self.chase_bars):
            self.contacts_chart.addItem(item)
        title_legend(self.contacts_chart, [(self.other_bars, "other contacts"),
                                             (self.chase_bars, CHASE_LABEL)])
        self.contacts_chart.setVisible(False)
        self.advisors_chart = hour_chart("Advisors", self)
        self.service_chart = hour_chart("Service level %", self)
        self.service_chart.setXLink(self.advisors_chart)
        self.short_bars = pg.BarGraphItem(x0=[], width=0.2, y0=[], height=[],
                                          brush=SHORT_BRUSH, pen=None)
        self.needed_line = pg.PlotDataItem([0, 1], [0], stepMode="center", pen=NEEDED_PEN,
                                           name="Needed")
        self.planned_line = pg.PlotDataItem([0, 1], [0], stepMode="center", pen=PLANNED_PEN,
                                            name="Planned")
        legend = self.advisors_chart.addLegend(offset=(-10, 5), labelTextColor="#1F1F1F",
                                               brush=pg.mkBrush(255, 255, 255, 220))
        for item in (self.short_bars, self.needed_line, self.planned_line):
            self.advisors_chart.addItem(item)
        legend.addItem(self.short_bars, "Short")
        self.service_line = pg.PlotDataItem([], [], pen=SERVICE_PEN, symbol="o", symbolSize=4,
                                            symbolBrush="#08519C", connect="finite")
        self.service_chart.addItem(self.service_line)
        # The simulation: its service level, its 95% intervals, and where Erlang is outside.
        self.simulated_line = pg.PlotDataItem([], [], pen=SIMULATED_PEN, symbol="s",
                                              symbolSize=5, symbolBrush=SIMULATED,
                                              symbolPen=SIMULATED, connect="finite")
        self.simulated_bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), top=np.zeros(0),
                                              bottom=np.zeros(0), beam=0.08,
                                              pen=pg.mkPen(SIMULATED, width=1.5))
        self.outside_points = pg.ScatterPlotItem([], [], symbol="o", size=11, pen=OUTSIDE_PEN,
                                                 brush=None)
        for item in (self.simulated_bars, self.simulated_line, self.outside_points):
            self.service_chart.addItem(item)
        # The target is named in the chart's title: a label on the line had no room above it.
        self.target_line = pg.InfiniteLine(pos=80, angle=0, pen=TARGET_PEN)
        self.service_chart.addItem(self.target_line)
        self.service_chart.setYRange(-8, 106, padding=0)
        self.service_chart.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)],
                                                     []])
        self.charts = QWidget(self)
        chart_layout = QVBoxLayout(self.charts)
        chart_layout.addWidget(self.contacts_chart, 2)
        chart_layout.addWidget(self.advisors_chart, 3)
        chart_layout.addWidget(self.service_chart, 2)

        self.heat = HeatMap(self)
        week_page = QWidget(self)
        week_layout = QVBoxLayout(week_page)
        week_layout.addWidget(self.heat.legend)
        week_layout.addWidget(self.heat, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.charts, "Day")
        self.tabs.addTab(week_page, "Week")

        self.why = ExplainPanel(document, self)
        self.why.follow(self.advisors_chart, lambda: (
            self.choosers.current_channel(), self.choosers.current_day(),
            document.scenario.settings.interval_minutes))
        chart_layout.addWidget(self.why, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.choosers)
        layout.addWidget(self.simulation_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        scenario, assessment = self.document.scenario, self.document.assessment
        self._rows = {}
        if scenario is None or assessment is None:
            unjudged = self.document.state.unjudged
            self.summary.setText(
                "Open a scenario to see its coverage." if scenario is None
                else "The rota could not be checked: " + "; ".join(p.message for p in unjudged)
                if unjudged else "No rota yet: solve to see coverage.")
            self.choosers.setVisible(False)
            self.tabs.setVisible(False)
            return
        rows: dict[tuple[str, dt.date], list[IntervalService]] = defaultdict(list)
        for row in assessment.coverage:
            rows[(row.channel, row.date)].append(row)
        self._rows = dict(rows)
        live = [str(c.name) for c in scenario.channels if c.kind.is_live]
        self.choosers.fill(live, scenario.settings.dates, self._wanted_day)
        self.choosers.setVisible(True)
        self.tabs.setVisible(True)
        self._draw()

    def show_day(self, date: dt.date) -> None:
        self._wanted_day = date
        self.tabs.setCurrentIndex(0)
        self.choosers.choose_day(date)

    def day_figures(self, channel: str, day: dt.date) -> dict[str, np.ndarray]:
        """Needed, planned, service level and average wait in every interval of the day
        (NaN service and wait where the channel has neither contacts nor anyone planned)."""
        slots = self.document.scenario.settings.intervals_per_day
        minutes = self.document.scenario.settings.interval_minutes
        figures = {"needed": np.zeros(slots), "planned": np.zeros(slots),
                   "volume": np.zeros(slots), "avoidable": np.zeros(slots),
                   "service_level": np.full(slots, np.nan),
                   "asa_seconds": np.full(slots, np.nan)}
        for row in self._rows.get((channel, day), []):
            slot = slot_of(row.interval_start, minutes)
            figures["needed"][slot], figures["planned"][slot] = row.required, row.planned
            figures["volume"][slot], figures["avoidable"][slot] = row.volume, row.avoidable
            figures["service_level"][slot] = row.service_level
            figures["asa_seconds"][slot] = row.asa_seconds
        return figures

    def _draw(self) -> None:
        scenario, channel = self.document.scenario, self.choosers.current_channel()
        day = self.choosers.current_day()
        if scenario is None or day is None or not channel or not self.tabs.isVisibleTo(self):
            return
        self._wanted_day = day
        settings = scenario.settings
        minutes = settings.interval_minutes
        active = np.zeros(settings.intervals_per_day, dtype=bool)
        for date in settings.dates:
            active |= ~np.isnan(self.day_figures(channel, date)["service_level"])
        shown = shown_slots(active)
        hours = np.arange(settings.intervals_per_day)[shown] * minutes / 60
        width = minutes / 60
        edges = np.append(hours, hours[-1] + width)
        figures = {name: values[shown] for name, values in self.day_figures(channel, day).items()}
        needed, planned = figures["needed"], figures["planned"]
        short = np.maximum(needed - planned, 0)
        self.needed_line.setData(edges, needed)
        self.planned_line.setData(edges, planned)
        self.short_bars.setOpts(x0=hours, width=width, y0=planned, height=short)
        level = figures["service_level"] * 100
        if np.isnan(level).all():  # nothing to chart (and pyqtgraph warns on all-NaN data)
            self.service_line.setData([], [])
        else:
            self.service_line.setData(hours + width / 2, level)
        target = next(c.service_level_target for c in scenario.channels if c.name == channel)
        answer = next(c.target_answer_seconds for c in scenario.channels if c.name == channel)
        self.target_line.setPos(target * 100)
        set_counts(self.advisors_chart, float(np.append(needed, planned).max()), whole=True)
        for chart in (self.advisors_chart, self.service_chart):
            set_hours(chart, edges[0], edges[-1])
        self.advisors_chart.setTitle(
            f"Advisors needed (dashed) and planned (solid), {channel}, {long_day(day)}",
            color="#1F1F1F", size="10pt")
        goal = f"target {share(target)} within {wait(answer)} dashed"
        self.service_chart.setTitle(
            "Service level in each interval: planned (blue), simulated with its 95% interval "
            f"(orange), ringed where the planned figure is outside it; {goal}"
            if self.document.simulation is not None else
            f"Predicted service level in each interval ({goal})", color="#1F1F1F", size="10pt")
        words = self._words(scenario, channel, day, target, needed, planned)
        self._draw_contacts(scenario, channel, day, hours, width, figures)
        if self.chasing.total > 0:
            words += " " + self._chasing_words(float(figures["volume"].sum()))
        words += self._draw_simulated(channel, day, shown, width)
        self.summary.setText(words)
        self._draw_week(channel, day, settings)

    def _draw_contacts(self, scenario, channel: str, day: dt.date, hours: np.ndarray,
                       width: float, figures: dict[str, np.ndarray]) -> None:
        """The contacts chart, on screen only when the channel has avoidable contacts on some
        day of the plan (its side runs to the plan's busiest interval, so days compare)."""
        assessment = self.document.assessment
        chased = chasing_grid(scenario, assessment, channel)
        self.chasing = chasing_on(scenario, assessment, channel, day, chased)
        self.contacts_chart.setVisible(bool(chased.sum() > 0))
        volume, avoidable = figures["volume"], figures["avoidable"]
        self.other_bars.setOpts(x0=hours, width=width * 0.85, height=volume - avoidable)
        set_chase_bars(self.chase_bars, hours, width * 0.85, volume - avoidable, avoidable)
        busiest = max((row.volume for (name, _date), rows in self._rows.items()
                       if name == channel for row in rows), default=1.0)
        set_counts(self.contacts_chart, float(busiest))
        set_hours(self.contacts_chart, hours[0], hours[-1] + width)
        self.contacts_chart.setTitle(
            f"Contacts per {scenario.settings.interval_minutes} minutes, {channel}, "
            f"{long_day(day)}, customers chasing cases on top", color="#1F1F1F", size="10pt",
            justify="left")

    def simulated_intervals(self, channel: str, day: dt.date) -> dict[int, object]:
        """The simulation's IntervalResults for one channel and day, by slot ({} when the rota
        on screen has not been simulated)."""
        result = self.document.simulation
        if result is None:
            return {}
        made_from, found = self._simulated
        if made_from is not result:
            minutes = self.document.scenario.settings.interval_minutes
            found = defaultdict(dict)
            for row in result.intervals:
                found[(row.channel, row.date)][slot_of(row.interval_start, minutes)] = row
            self._simulated = (result, found)
        return found.get((channel, day), {})

    def _draw_simulated(self, channel: str, day: dt.date, shown: slice, width: float) -> str:
        """The simulated service level and its intervals on the service chart, in the intervals
        `shown`; returns the words about the day's simulated figures ("" when not simulated)."""
        rows = self.simulated_intervals(channel, day)
        x, level, low, high, outside_x, outside_y = [], [], [], [], [], []
        for slot, row in sorted(rows.items()):
            if not shown.start <= slot < shown.stop:
                continue
            estimate = row.simulated.service_level
            if math.isnan(estimate.mean):
                continue
            x.append(slot * width + width / 2)
            level.append(estimate.mean * 100)
            low.append(estimate.low * 100 if math.isfinite(estimate.low) else level[-1])
            high.append(estimate.high * 100 if math.isfinite(estimate.high) else level[-1])
            if "service_level" in row.outside:
                outside_x.append(x[-1])
                outside_y.append(row.erlang.service_level * 100)
        x, level = np.array(x), np.array(level)
        self.simulated_line.setData(x, level)
        self.simulated_bars.setData(x=x, y=level, top=np.array(high) - level,
                                    bottom=level - np.array(low))
        self.outside_points.setData(outside_x, outside_y)
        result = self.document.simulation
        if result is None:
            return ""
        day_result = next((p for p in result.days if p.channel == channel and p.date == day),
                          None)
        if day_result is None or day_result.simulated.contacts == 0:
            return ""
        sim = day_result.simulated
        return (f" Simulated over {result.replications} runs: service level "
                f"{_interval(sim.service_level, share)}, average wait "
                f"{_interval(sim.asa_seconds, wait)}, abandonment "
                f"{_interval(sim.abandon_rate, share)}; the planned figure falls outside the "
                f"simulation's interval in {day_result.flagged} of the day's intervals.")

    def _chasing_words(self, volume: float) -> str:
        chasing = self.chasing
        return (f"{amount(chasing.total)} of the day's {amount(volume)} contacts "
                f"({share(chasing.total / volume)}) are customers chasing cases: "
                f"{chasing_breakdown(chasing)}.")

    def _words(self, scenario, channel: str, day: dt.date, target: float,
               needed: np.ndarray, planned: np.ndarray) -> str:
        rows = self._rows.get((channel, day), [])
        figures = service_on(scenario, rows, channel)
        if not rows or figures is None or figures.service_level is None:
            return f"{long_day(day)}, {channel}: no contacts expected."
        level = figures.service_level
        verdict = "meets" if level >= target - 1e-9 else "is below"
        short = int((planned < needed).sum())
        gaps = (f"Fewer advisors than needed in {short} of {int((needed > 0).sum())} "
                f"intervals (up to {int((needed - planned).max())} short)." if short
                else "Enough advisors planned in every interval.")
        return (f"{long_day(day)}, {channel}: {count(figures.volume, 'contact', 0)}; "
                f"service level {share(level)}, which {verdict} the {share(target)} target; "
                f"average wait {wait(figures.asa_seconds)}; abandonment "
                f"{share(figures.abandon_rate)}. {gaps}")

    def _draw_week(self, channel: str, day: dt.date, settings) -> None:
        week = week_of(day, settings.dates)
        days = [self.day_figures(channel, date) for date in week]
        waits = np.column_stack([d["asa_seconds"] for d in days])
        tips = np.empty(waits.shape, dtype=object)
        for column, d in enumerate(days):
            simulated = self.simulated_intervals(channel, week[column])
            for slot in np.flatnonzero(~np.isnan(d["asa_seconds"])):
                tips[slot, column] = (
                    f"average wait {wait(d['asa_seconds'][slot])}, service level "
                    f"{share(d['service_level'][slot])}; "
                    f"{count(d['volume'][slot], 'contact', 0)}, "
                    f"{count(d['planned'][slot], 'advisor', 0)} planned, "
                    f"{number(d['needed'][slot], 0)} needed")
                if slot in simulated:
                    tips[slot, column] += (
                        "; simulated average wait "
                        f"{_interval(simulated[slot].simulated.asa_seconds, wait)}")
        self.heat.set_grid(
            waits, slot_labels(settings.interval_minutes), [day_label(d) for d in week],
            minutes_seconds,
            f"<b>Average wait (minutes:seconds) for callers on {channel}</b>, week of "
            f"{day_label(week[0])}: darker is a longer wait; ∞ means the queue never clears.",
            high_is_bad=True, tips=tips)


def minutes_seconds(seconds: float) -> str:
    """A wait as "m:ss": "0:45", "15:55"."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _interval(simulated, words) -> str:
    """A simulated figure with its 95% interval: "78.4% (77.1% to 79.6%)"."""
    return estimate(simulated.mean, simulated.low, simulated.high, words)

