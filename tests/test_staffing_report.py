"""The staffing report adds up the interval table, and reads as people expect."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from planner.staffing import staffing_table
from planner.staffing_report import daily_figures, summarise
from planner.staffing_workbook import write_staffing_report
from tests.factories import MONDAY, small_scenario


def test_daily_figures_add_up_the_table():
    scenario = small_scenario()
    table = staffing_table(scenario)
    daily = daily_figures(table, 15, shrinkage=0.3)
    monday = daily[(daily["date"] == MONDAY) & (daily["channel"] == "voice")].iloc[0]
    rows = table[(table["date"] == MONDAY) & (table["channel"] == "voice")]
    assert monday["weekday"] == "Mon"
    assert monday["contacts"] == rows["volume"].sum() == 400
    assert monday["peak_agents"] == rows["required"].max()
    assert monday["agents_needed_hours"] == pytest.approx(rows["agents_needed"].sum() / 4)
    assert monday["rostered_hours"] == pytest.approx(monday["agents_needed_hours"] / 0.7)
    weighted = (rows["volume"] * rows["service_level"]).sum() / rows["volume"].sum()
    assert monday["service_level"] == pytest.approx(weighted)
    sunday = daily[(daily["weekday"] == "Sun") & (daily["channel"] == "voice")].iloc[0]
    assert sunday["contacts"] == 0 and sunday["service_level"] == 1
    assert len(daily) == 7 * 2


def test_summary_grosses_hours_up_for_shrinkage_not_interval_by_interval():
    scenario = small_scenario()
    table = staffing_table(scenario)
    summary = summarise(scenario, table)
    voice = next(c for c in summary.channels if c.channel == "voice")
    assert voice.volume_per_week == pytest.approx(
        table.loc[table.channel == "voice", "volume"].sum()
    )
    assert voice.rostered_hours_per_week == pytest.approx(voice.agent_hours_per_week / 0.7)
    # three advisors answer voice or email; the mutual-exchange officer does not
    assert summary.contracted_hours_per_week == pytest.approx(3 * 37.5)
    assert summary.as_dict()["channels"][0]["channel"] == "voice"


def test_workbook_has_a_summary_the_table_and_a_heat_map_per_channel(tmp_path):
    scenario = small_scenario()
    table = staffing_table(scenario)
    path = tmp_path / "report.xlsx"
    write_staffing_report(scenario, table, summarise(scenario, table), path)
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Intervals", "Needed voice", "Needed email"]
    heat = book["Needed voice"]
    assert heat.freeze_panes == "B3"
    assert heat["B2"].value == "Mon 01 Mar"
    # the heat map lists the open intervals only, each cell holding the number (not colour alone)
    assert heat["A3"].value == "08:00" and isinstance(heat["B3"].value, int)
    first = table[(table.channel == "voice") & (table.date == MONDAY)].set_index("interval_start")
    assert heat["B3"].value == first.loc["08:00", "required"]
    assert book["Intervals"].freeze_panes == "A2"
    assert not list(tmp_path.glob("*.tmp*"))
