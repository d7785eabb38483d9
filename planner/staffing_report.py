"""The staffing report: agents needed per interval, summed into the figures a manager quotes, and
written as a workbook people can read (or a CSV other programs can)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from planner.io.atomic import atomic_write
from planner.model import WEEKDAYS, Scenario

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
PERCENT_COLUMNS = ("waiting_probability", "service_level", "abandon_rate", "occupancy")


@dataclass(frozen=True)
class ChannelWeek:
    channel: str
    kind: str
    volume_per_week: float
    peak_agents: int
    agent_hours_per_week: float
    rostered_hours_per_week: float


@dataclass(frozen=True)
class StaffingSummary:
    plan_start: dt.date
    plan_days: int
    shrinkage: float
    channels: tuple[ChannelWeek, ...]
    contracted_hours_per_week: float

    @property
    def agent_hours_per_week(self) -> float:
        return sum(c.agent_hours_per_week for c in self.channels)

    @property
    def rostered_hours_per_week(self) -> float:
        return sum(c.rostered_hours_per_week for c in self.channels)

    def as_dict(self) -> dict:
        return {
            "plan_start": self.plan_start.isoformat(),
            "plan_days": self.plan_days,
            "shrinkage": self.shrinkage,
            "channels": [asdict(c) for c in self.channels],
            "agent_hours_per_week": self.agent_hours_per_week,
            "rostered_hours_per_week": self.rostered_hours_per_week,
            "contracted_hours_per_week": self.contracted_hours_per_week,
        }


def summarise(scenario: Scenario, table: pd.DataFrame) -> StaffingSummary:
    """Weekly figures per channel, and the contracted hours of the staff who could answer them."""
    settings = scenario.settings
    weeks = settings.plan_days / 7
    hours_per_interval = settings.interval_minutes / 60
    channels = []
    for channel in scenario.channels:
        rows = table[table["channel"] == channel.name]
        channels.append(
            ChannelWeek(
                channel=channel.name,
                kind=str(channel.kind),
                volume_per_week=float(rows["volume"].sum() / weeks),
                peak_agents=int(rows["required"].max()) if len(rows) else 0,
                agent_hours_per_week=float(
                    rows["agents_needed"].sum() * hours_per_interval / weeks
                ),
                rostered_hours_per_week=float(rows["required"].sum() * hours_per_interval / weeks),
            )
        )
    channel_names = {c.name for c in scenario.channels}
    contracted = sum(
        person.contract_hours
        for person in scenario.staff
        if not person.cover and channel_names.intersection(person.skills)
    )
    return StaffingSummary(
        plan_start=settings.plan_start,
        plan_days=settings.plan_days,
        shrinkage=settings.shrinkage,
        channels=tuple(channels),
        contracted_hours_per_week=float(contracted),
    )


def daily_figures(table: pd.DataFrame, interval_minutes: int) -> pd.DataFrame:
    """Per day and channel: contacts, peak agents, rostered hours, and volume-weighted service."""
    hours = interval_minutes / 60
    frame = table.assign(
        answered_in_target=table["volume"] * table["service_level"],
        abandoned=table["volume"] * table["abandon_rate"],
    )
    daily = frame.groupby(["date", "channel"], sort=True).agg(
        contacts=("volume", "sum"),
        peak_agents=("required", "max"),
        agents_needed_hours=("agents_needed", "sum"),
        rostered_hours=("required", "sum"),
        answered_in_target=("answered_in_target", "sum"),
        abandoned=("abandoned", "sum"),
    )
    daily["agents_needed_hours"] *= hours
    daily["rostered_hours"] *= hours
    with np.errstate(invalid="ignore", divide="ignore"):
        daily["service_level"] = np.where(
            daily["contacts"] > 0, daily["answered_in_target"] / daily["contacts"], 1.0
        )
        daily["abandon_rate"] = np.where(
            daily["contacts"] > 0, daily["abandoned"] / daily["contacts"], 0.0
        )
    daily = daily.drop(columns=["answered_in_target", "abandoned"]).reset_index()
    daily.insert(1, "weekday", [WEEKDAYS[d.weekday()] for d in daily["date"]])
    return daily


def write_staffing_report(
    scenario: Scenario, table: pd.DataFrame, summary: StaffingSummary, path: Path
) -> None:
    """Write the report atomically: a styled workbook for .xlsx, the interval table for .csv."""
    path = Path(path)
    clean = table.replace([np.inf, -np.inf], np.nan)
    if path.suffix.lower() == ".csv":
        with atomic_write(path) as tmp:
            clean.to_csv(tmp, index=False, float_format="%.6g")
        return
    workbook = Workbook()
    _summary_sheet(
        workbook.active, scenario, summary, daily_figures(clean, scenario.settings.interval_minutes)
    )
    _table_sheet(workbook.create_sheet("Intervals"), clean)
    for channel in scenario.channels:
        _heat_sheet(workbook.create_sheet(f"Needed {channel.name}"[:31]), clean, channel.name)
    with atomic_write(path) as tmp:
        workbook.save(tmp)


def _header(sheet, row: int, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=column, value=name)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(sheet, widths: dict[int, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _summary_sheet(
    sheet, scenario: Scenario, summary: StaffingSummary, daily: pd.DataFrame
) -> None:
    sheet.title = "Summary"
    settings = scenario.settings
    sheet["A1"] = "Staffing needed to meet each channel's targets"
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = (
        f"{settings.plan_days} days from {settings.plan_start:%a %d %b %Y}, "
        f"{settings.interval_minutes}-minute intervals, shrinkage {settings.shrinkage:.0%}. "
        "Agents needed: answering at once; rostered: paid, after shrinkage."
    )
    columns = [
        "channel",
        "kind",
        "contacts a week",
        "peak rostered agents",
        "agent hours a week",
        "rostered hours a week",
    ]
    _header(sheet, 4, columns)
    row = 5
    for channel in summary.channels:
        values = [
            channel.channel,
            channel.kind,
            round(channel.volume_per_week),
            channel.peak_agents,
            round(channel.agent_hours_per_week, 1),
            round(channel.rostered_hours_per_week, 1),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
        row += 1
    sheet.cell(row=row, column=1, value="all channels").font = Font(bold=True)
    sheet.cell(row=row, column=5, value=round(summary.agent_hours_per_week, 1)).font = Font(
        bold=True
    )
    sheet.cell(row=row, column=6, value=round(summary.rostered_hours_per_week, 1)).font = Font(
        bold=True
    )
    row += 1
    sheet.cell(
        row=row, column=1, value="contracted hours a week of staff who answer these channels"
    )
    sheet.cell(row=row, column=6, value=round(summary.contracted_hours_per_week, 1))
    row += 2
    day_columns = [
        "date",
        "weekday",
        "channel",
        "contacts",
        "peak rostered agents",
        "agent hours",
        "rostered hours",
        "service level",
        "abandonment",
    ]
    _header(sheet, row, day_columns)
    sheet.freeze_panes = None
    for record in daily.itertuples(index=False):
        row += 1
        values = [
            record.date,
            record.weekday,
            record.channel,
            round(record.contacts, 1),
            int(record.peak_agents),
            round(record.agents_needed_hours, 1),
            round(record.rostered_hours, 1),
            record.service_level,
            record.abandon_rate,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if column == 1:
                cell.number_format = "yyyy-mm-dd"
            elif column >= 8:
                cell.number_format = "0.0%"
    _widths(sheet, {1: 22, 2: 12, 3: 16, 4: 16, 5: 18, 6: 18, 7: 16, 8: 14, 9: 14})
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1


def _table_sheet(sheet, table: pd.DataFrame) -> None:
    names = list(table.columns)
    _header(sheet, 1, names)
    formats = {name: "0.0%" for name in PERCENT_COLUMNS}
    formats.update(date="yyyy-mm-dd", asa_seconds="0.0", volume="0.0", aht_seconds="0")
    for row_number, record in enumerate(table.itertuples(index=False), start=2):
        for column, (name, value) in enumerate(zip(names, record, strict=True), start=1):
            if isinstance(value, float) and np.isnan(value):
                value = None
            elif isinstance(value, np.generic):
                value = value.item()
            cell = sheet.cell(row=row_number, column=column, value=value)
            if name in formats:
                cell.number_format = formats[name]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _widths(sheet, {i: max(11, len(n) + 3) for i, n in enumerate(names, start=1)})


def _heat_sheet(sheet, table: pd.DataFrame, channel: str) -> None:
    """Rostered agents needed: a row per interval of the open day, a column per date."""
    rows = table[table["channel"] == channel]
    pivot = rows.pivot(index="interval_start", columns="date", values="required")
    open_rows = pivot.index[(pivot.fillna(0) > 0).any(axis=1)]
    pivot = pivot.loc[open_rows] if len(open_rows) else pivot.iloc[0:0]
    sheet["A1"] = f"{channel}: agents to roster (after shrinkage) per interval"
    sheet["A1"].font = TITLE_FONT
    dates = list(pivot.columns)
    _header(sheet, 2, ["interval"] + [f"{WEEKDAYS[d.weekday()]} {d:%d %b}" for d in dates])
    for row_number, (interval, values) in enumerate(pivot.iterrows(), start=3):
        sheet.cell(row=row_number, column=1, value=str(interval)).font = Font(bold=True)
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row_number, column=column, value=None if pd.isna(value) else int(value))
    if len(pivot):
        last = f"{get_column_letter(len(dates) + 1)}{len(pivot) + 2}"
        sheet.conditional_formatting.add(
            f"B3:{last}",
            ColorScaleRule(
                start_type="min",
                start_color="FFFFFF",
                mid_type="percentile",
                mid_value=50,
                mid_color="FFE699",
                end_type="max",
                end_color="F4B183",
            ),
        )
    sheet.freeze_panes = "B3"
    _widths(sheet, {1: 10} | {i: 9 for i in range(2, len(dates) + 2)})
    sheet.page_setup.orientation = "landscape"
