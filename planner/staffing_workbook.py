"""The staffing report as a file: a workbook for people, or a CSV for other programs.

The workbook opens on a Summary (the week per channel, then each day), then the Intervals table
(filterable), then one sheet per channel showing the agents to roster as a week-by-interval grid,
shaded from quiet to busy with the number in every cell, so colour is never the only signal.
Every sheet prints landscape, one page wide, with its headings repeated on each page.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from planner.io.atomic import atomic_write
from planner.model import WEEKDAYS, Scenario
from planner.staffing_report import StaffingSummary, daily_figures

HEADER = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#1F4E78",
    "text_wrap": True,
    "align": "center",
    "valign": "vcenter",
    "border": 1,
}
FORMATS = {
    "date": "yyyy-mm-dd",
    "percent": "0.0%",
    "one_decimal": "0.0",
    "whole": "0",
}
PERCENT_COLUMNS = ("waiting_probability", "service_level", "abandon_rate", "occupancy")
TABLE_FORMATS = {name: "percent" for name in PERCENT_COLUMNS} | {
    "date": "date",
    "asa_seconds": "one_decimal",
    "volume": "one_decimal",
    "aht_seconds": "whole",
}


def write_staffing_report(
    scenario: Scenario, table: pd.DataFrame, summary: StaffingSummary, path: Path
) -> None:
    """Write the report atomically: a styled workbook for .xlsx, the interval table for .csv.

    The workbook's Intervals sheet lists the intervals with contacts or work (a person scrolling
    it has no use for the closed hours); the CSV, for programs, has every interval.
    """
    path = Path(path)
    clean = table.replace([np.inf, -np.inf], np.nan)
    if path.suffix.lower() == ".csv":
        with atomic_write(path) as tmp:
            clean.to_csv(tmp, index=False, float_format="%.6g")
        return
    settings = scenario.settings
    daily = daily_figures(clean, settings.interval_minutes, settings.shrinkage)
    with atomic_write(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": False})
        styles = _Styles(book)
        _summary_sheet(book.add_worksheet("Summary"), styles, scenario, summary, daily)
        open_rows = clean[(clean["volume"] > 0) | (clean["agents_needed"] > 0)]
        _table_sheet(book.add_worksheet("Intervals"), styles, open_rows)
        for channel in scenario.channels:
            sheet = book.add_worksheet(f"Needed {channel.name}"[:31])
            _heat_sheet(sheet, styles, clean, channel.name)
        book.close()


class _Styles:
    """The workbook's few cell formats, made once."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format(HEADER)
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.bold_number = book.add_format({"bold": True, "num_format": "#,##0.0"})
        self.number = {name: book.add_format({"num_format": f}) for name, f in FORMATS.items()}


def _printable(sheet, first_row: int, last_row: int) -> None:
    """Landscape A4, one page wide, with the heading rows (0-based) repeated on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(first_row, last_row)


def _header(sheet, styles: _Styles, row: int, names: list[str]) -> None:
    sheet.set_row(row, 32)
    sheet.write_row(row, 0, names, styles.header)


def _value(value):
    """A cell value xlsxwriter writes as people expect: no NaN, plain Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _summary_sheet(
    sheet, styles: _Styles, scenario: Scenario, summary: StaffingSummary, daily: pd.DataFrame
) -> None:
    settings = scenario.settings
    sheet.write(0, 0, "Staffing needed to meet each channel's targets", styles.title)
    sheet.write(
        1,
        0,
        f"{settings.plan_days} days from {settings.plan_start:%a %d %b %Y}, "
        f"{settings.interval_minutes}-minute intervals, "
        f"shrinkage {settings.shrinkage:.0%}.",
    )
    sheet.write(
        2,
        0,
        "Agents: answering at once. Rostered: paid, after shrinkage. Service level "
        "and abandonment are predicted at the agents needed.",
    )
    _header(
        sheet,
        styles,
        4,
        [
            "channel",
            "kind",
            "contacts a week",
            "peak rostered agents",
            "agent hours a week",
            "rostered hours a week",
        ],
    )
    row = 5
    for channel in summary.channels:
        sheet.write_row(
            row,
            0,
            [
                channel.channel,
                channel.kind,
                round(channel.volume_per_week),
                channel.peak_agents,
                round(channel.agent_hours_per_week, 1),
                round(channel.rostered_hours_per_week, 1),
            ],
        )
        row += 1
    sheet.write(row, 0, "all channels", styles.bold)
    sheet.write(row, 4, summary.agent_hours_per_week, styles.bold_number)
    sheet.write(row, 5, summary.rostered_hours_per_week, styles.bold_number)
    row += 1
    sheet.write(row, 0, "contracted hours a week of staff who answer these channels")
    sheet.write(row, 5, summary.contracted_hours_per_week, styles.bold_number)
    row += 2
    _header(
        sheet,
        styles,
        row,
        [
            "date",
            "weekday",
            "channel",
            "contacts",
            "peak rostered agents",
            "agent hours",
            "rostered hours",
            "service level",
            "abandonment",
        ],
    )
    for record in daily.itertuples(index=False):
        row += 1
        sheet.write_datetime(
            row, 0, dt.datetime.combine(record.date, dt.time()), styles.number["date"]
        )
        sheet.write_row(
            row,
            1,
            [
                record.weekday,
                record.channel,
                round(record.contacts, 1),
                int(record.peak_agents),
                round(record.agents_needed_hours, 1),
                round(record.rostered_hours, 1),
            ],
        )
        sheet.write(row, 7, record.service_level, styles.number["percent"])
        sheet.write(row, 8, record.abandon_rate, styles.number["percent"])
    for column, width in enumerate((22, 12, 16, 16, 18, 18, 16, 14, 14)):
        sheet.set_column(column, column, width)
    _printable(sheet, 0, 4)


def _table_sheet(sheet, styles: _Styles, table: pd.DataFrame) -> None:
    names = list(table.columns)
    _header(sheet, styles, 0, names)
    formats = [styles.number[TABLE_FORMATS[n]] if n in TABLE_FORMATS else None for n in names]
    for column, (name, cell_format) in enumerate(zip(names, formats, strict=True)):
        longest = table[name].astype(str).str.len().max() if table[name].dtype == object else 0
        width = max(11, len(name) + 3, (longest or 0) + 2)
        sheet.set_column(column, column, width, cell_format)
    dates = names.index("date")
    for row, record in enumerate(table.itertuples(index=False), start=1):
        values = [_value(v) for v in record]
        values[dates] = dt.datetime.combine(values[dates], dt.time())
        for column, value in enumerate(values):
            if value is None:
                continue
            if column == dates:
                sheet.write_datetime(row, column, value, formats[column])
            else:
                sheet.write(row, column, value, formats[column])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), len(names) - 1)
    _printable(sheet, 0, 0)


def _heat_sheet(sheet, styles: _Styles, table: pd.DataFrame, channel: str) -> None:
    """Agents to roster: a row per interval of the open day, a column per date."""
    rows = table[table["channel"] == channel]
    pivot = rows.pivot(index="interval_start", columns="date", values="required").fillna(0)
    pivot = pivot.loc[(pivot > 0).any(axis=1)]
    dates = list(pivot.columns)
    sheet.write(0, 0, f"{channel}: agents to roster (after shrinkage) per interval", styles.title)
    _header(sheet, styles, 1, ["interval"] + [f"{WEEKDAYS[d.weekday()]} {d:%d %b}" for d in dates])
    for row, (interval, values) in enumerate(pivot.iterrows(), start=2):
        sheet.write(row, 0, str(interval), styles.bold)
        sheet.write_row(row, 1, [int(v) for v in values])
    if len(pivot):
        sheet.conditional_format(
            2,
            1,
            len(pivot) + 1,
            len(dates),
            {
                "type": "3_color_scale",
                "min_color": "#FFFFFF",
                "mid_color": "#FFE699",
                "max_color": "#F4B183",
            },
        )
    sheet.freeze_panes(2, 1)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, max(1, len(dates)), 9)
    _printable(sheet, 0, 1)
