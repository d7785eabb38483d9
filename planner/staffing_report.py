"""The staffing report's figures: agents needed per interval, summed into what a manager quotes.

`planner.staffing_workbook` writes them for people (a workbook) or programs (a CSV).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from planner.model import WEEKDAYS, Scenario


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
    """Weekly figures per channel, and the contracted hours of the staff who could answer them.

    Rostered hours are agent hours grossed up for shrinkage, ``hours / (1 - shrinkage)``: shrinkage
    is a share of paid time, so it is applied to the hours, not rounded up interval by interval
    (which would make a one-person channel look like a two-person one).
    """
    settings = scenario.settings
    weeks = settings.plan_days / 7
    hours_per_interval = settings.interval_minutes / 60
    gross = 1 / (1 - settings.shrinkage)
    channels = []
    for channel in scenario.channels:
        rows = table[table["channel"] == channel.name]
        agent_hours = float(rows["agents_needed"].sum() * hours_per_interval / weeks)
        channels.append(
            ChannelWeek(
                channel=channel.name,
                kind=str(channel.kind),
                volume_per_week=float(rows["volume"].sum() / weeks),
                peak_agents=int(rows["required"].max()) if len(rows) else 0,
                agent_hours_per_week=agent_hours,
                rostered_hours_per_week=agent_hours * gross,
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


def daily_figures(table: pd.DataFrame, interval_minutes: int, shrinkage: float) -> pd.DataFrame:
    """Per day and channel: contacts, peak agents to roster, agent and rostered hours, and the
    service level and abandonment over the day, weighted by contacts."""
    hours = interval_minutes / 60
    frame = table.assign(
        answered_in_target=table["volume"] * table["service_level"],
        abandoned=table["volume"] * table["abandon_rate"],
    )
    daily = frame.groupby(["date", "channel"], sort=True).agg(
        contacts=("volume", "sum"),
        peak_agents=("required", "max"),
        agents_needed_hours=("agents_needed", "sum"),
        answered_in_target=("answered_in_target", "sum"),
        abandoned=("abandoned", "sum"),
    )
    daily["agents_needed_hours"] *= hours
    daily["rostered_hours"] = daily["agents_needed_hours"] / (1 - shrinkage)
    contacts = daily["contacts"].to_numpy()
    some = contacts > 0
    daily["service_level"] = np.divide(
        daily["answered_in_target"].to_numpy(), contacts, out=np.ones(len(daily)), where=some
    )
    daily["abandon_rate"] = np.divide(
        daily["abandoned"].to_numpy(), contacts, out=np.zeros(len(daily)), where=some
    )
    daily = daily.drop(columns=["answered_in_target", "abandoned"]).reset_index()
    daily.insert(1, "weekday", [WEEKDAYS[d.weekday()] for d in daily["date"]])
    return daily
