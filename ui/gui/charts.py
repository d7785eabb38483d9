"""The window's hour-of-day charts, shared by Demand and Coverage: a white chart with the hours
along the bottom and counts up the side, a legend on the title line, and days and intervals
named as the window names them ("Mon 26 Apr", "09:15").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

BAR_BRUSH = "#6BAED6"
LINE_PEN = "#08519C"


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

