"""Editing a scenario sheet in memory goes through the loader's own checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.io import load_scenario
from planner.io.editing import sheet_rows, with_sheet
from planner.starter import next_monday, starter_scenario

SMALL = Path(__file__).resolve().parents[1] / "samples" / "housing-1-week.xlsx"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SMALL).require()


@pytest.mark.parametrize("sheet", ["Settings", "Rules", "Channels", "Demand", "Staff",
                                   "ShiftPatterns", "Absences", "CaseQueues", "Locks"])
def test_every_sheet_goes_round_unchanged(scenario, sheet):
    _, rows = sheet_rows(scenario, sheet)
    result = with_sheet(scenario, sheet, rows, "small.xlsx")
    assert result.ok and result.scenario == scenario


def test_a_typed_cell_changes_the_scenario(scenario):
    columns, rows = sheet_rows(scenario, "Staff")
    at = [c.name for c in columns].index("contract_hours")
    rows[1] = rows[1][:at] + ("30",) + rows[1][at + 1:]
    changed = with_sheet(scenario, "Staff", rows, "small.xlsx").require()
    assert changed.staff[1].contract_hours == 30
    assert changed.staff[0] == scenario.staff[0]
    assert changed.demand == scenario.demand


def test_a_bad_cell_is_refused_with_sheet_row_and_column(scenario):
    columns, rows = sheet_rows(scenario, "Staff")
    at = [c.name for c in columns].index("contract_hours")
    rows[1] = rows[1][:at] + ("lots",) + rows[1][at + 1:]
    result = with_sheet(scenario, "Staff", rows, "small.xlsx")
    assert not result.ok
    (problem,) = result.errors
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "small.xlsx", "Staff", 3, "contract_hours")


def test_a_row_that_breaks_another_sheet_is_refused(scenario):
    # Removing a person who has an absence leaves the absence naming nobody.
    absent = scenario.absences[0].staff_id
    columns, rows = sheet_rows(scenario, "Staff")
    rows = [row for row in rows if row[0] != absent]
    result = with_sheet(scenario, "Staff", rows, "small.xlsx")
    assert not result.ok
    assert any(p.sheet == "Absences" for p in result.errors)


def test_settings_are_edited_by_key(scenario):
    _, rows = sheet_rows(scenario, "Settings")
    rows = [(key, "14") if key == "plan_days" else (key, value) for key, value in rows]
    changed = with_sheet(scenario, "Settings", rows, "small.xlsx").require()
    assert changed.settings.plan_days == 14


def test_an_unknown_sheet_is_a_mistake_in_the_caller(scenario):
    with pytest.raises(KeyError):
        with_sheet(scenario, "Nonsense", [], "small.xlsx")


def test_the_starter_scenario_is_valid_and_starts_next_monday():
    today = dt.date(2026, 11, 25)  # a Wednesday
    starter = starter_scenario(today)
    assert starter.settings.plan_start == dt.date(2026, 11, 30) == next_monday(today)
    assert next_monday(dt.date(2026, 11, 30)) == dt.date(2026, 12, 7)
    _, rows = sheet_rows(starter, "Staff")
    result = with_sheet(starter, "Staff", rows, "new")
    assert result.ok and not result.problems
    mondays = [r.volume for r in starter.demand if r.weekday == 0]
    tuesdays = [r.volume for r in starter.demand if r.weekday == 1]
    assert sum(mondays) > sum(tuesdays)
