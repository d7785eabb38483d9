"""What-if's chart: one line per scenario over the plan, for one live channel's service level
or planned advisors, per interval or per day. Colour, dash style and (per day) marker all
differ from line to line, with a legend under the plot, so no line is told by colour alone."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.model import Scenario
from planner.plan import Assessment

COLOURS = ("#1F4E78", "#C55A11", "#548235", "#7030A0", "#BF8F00", "#C00000", "#2E75B6")
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
SYMBOLS = ("o", "s", "t", "d", "+", "x", "star")
# (menu text, axis label, per day)
MEASURES = (("Service level per interval", "Service level (%)", False),
            ("Planned advisors per interval", "Advisors", False),
            ("Service level per day", "Service level (%)", True),
            ("Planned advisor hours per day", "Advisor hours", True))


def figures(scenario: Scenario, assessment: Assessment, channel: str, measure: int) -> dict:
    """{(date, interval start) or date: value} for one channel; service level in percent,
    left out where there are no contacts to serve."""
    rows = [row for row in assessment.coverage if row.channel == channel]
    service = "Service" in MEASURES[measure][0]
    if not MEASURES[measure][2]:
        return {(r.date, r.interval_start): (100 * r.service_level if service else r.planned)
                for r in rows if r.volume > 0 or not service}
    days: dict = {}
    for r in rows:
        days.setdefault(r.date, []).append(r)
    hours = scenario.settings.interval_minutes / 60
    if not service:
        return {day: sum(r.planned for r in day_rows) * hours for day, day_rows in days.items()}
    return {day: 100 * sum(r.volume * r.service_level for r in day_rows)
            / sum(r.volume for r in day_rows)
            for day, day_rows in days.items() if sum(r.volume for r in day_rows) > 0}


def day_of(key):
    return key[0] if isinstance(key, tuple) else key


SMOOTH_POINTS = 200  # lines with more points are drawn without antialiasing
DAY_LABEL_ROOM = 0.05  # of the plan's width, either side, for the first and last day's names


class ScenarioChart(pg.GraphicsLayoutWidget):
    """One line per scenario over the plan, days side by side (nights left out); the legend
    sits under the plot, so it never hides a line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")
        self.plot = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.legend = pg.LegendItem(labelTextColor="#1F1F1F", colCount=3)
        self.addItem(self.legend, row=1, col=0)
        self.curves: dict[str, pg.PlotDataItem] = {}

    def draw(self, series: list[tuple[str, dict]], measure: int, target: float | None) -> None:
        """`series`: (scenario name, figures) in the order of the list."""
        plot = self.plot
        plot.clear()
        self.legend.clear()
        self.curves = {}
        text, unit, per_day = MEASURES[measure]
        plot.setLabel("left", unit)
        keys = sorted({key for _, values in series for key in values})
        place, x, last_day = {}, -1, None
        days: dict = {}
        for key in keys:
            x += 1 if day_of(key) == last_day or last_day is None else 2  # a gap between days
            place[key], last_day = x, day_of(key)
            days.setdefault(last_day, []).append(x)
        step = 1 if len(days) <= 10 else 7
        ticks = [(sum(xs) / len(xs), f"{day:%a %d %b}")
                 for number, (day, xs) in enumerate(days.items()) if number % step == 0]
        plot.getAxis("bottom").setTicks([ticks, []])
        # Day names near either end would otherwise be hidden for reaching past the axis.
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        plot.setLabel("bottom", "days of the plan" + ("" if per_day else " (open hours only)"))
        for number, (name, values) in enumerate(series):
            xs, ys = [], []
            previous = None
            for key in keys:
                if previous is not None and day_of(key) != day_of(previous) and not per_day:
                    xs.append(place[key] - 1)
                    ys.append(math.nan)  # no line across the night
                xs.append(place[key])
                ys.append(values.get(key, math.nan))
                previous = key
            colour = COLOURS[number % len(COLOURS)]
            pen = pg.mkPen(colour, width=2, style=DASHES[number % len(DASHES)])
            symbol = SYMBOLS[number % len(SYMBOLS)] if per_day else None
            # A thousand-point line drawn smooth (antialiased) takes longer than switching
            # views may; the per-day lines are short enough to smooth.
            curve = plot.plot(xs, ys, pen=pen, connect="finite", symbol=symbol, symbolSize=8,
                              symbolBrush=colour, symbolPen=colour,
                              antialias=len(xs) <= SMOOTH_POINTS)
            self.legend.addItem(curve, name)
            self.curves[name] = curve
        self.legend.setColumnCount(min(3, max(1, len(series))))
        service = "Service" in text
        if target is not None and service:
            plot.addItem(pg.InfiniteLine(
                pos=100 * target, angle=0,
                pen=pg.mkPen("#808080", width=1, style=Qt.PenStyle.DashLine),
                label=f"target {target:.0%}",
                labelOpts={"position": 0.97, "color": "#595959", "anchors": [(1, 1), (1, 1)],
                           "fill": pg.mkBrush(255, 255, 255, 220)}))
        if service:
            plot.setYRange(0, 102)
        else:
            plot.enableAutoRange(axis="y")
        if keys:  # room either side, so the first and last day keep their labels
            room = max(0.6, DAY_LABEL_ROOM * x)
            plot.setXRange(-room, x + room, padding=0)
