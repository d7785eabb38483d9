"""The template and the format guide describe exactly the columns the loader reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from planner.io import load_scenario, save_scenario, write_template
from planner.io.describe import END, START, format_tables
from planner.io.schema import SHEETS
from planner.problems import Severity
from tests.factories import small_scenario

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "scenario-format.md"


def test_the_template_has_every_sheet_with_its_header_row(tmp_path):
    write_template(tmp_path / "template.xlsx")
    save_scenario(small_scenario(), tmp_path / "saved.xlsx")

    template = openpyxl.load_workbook(tmp_path / "template.xlsx")
    saved = openpyxl.load_workbook(tmp_path / "saved.xlsx")

    assert template.sheetnames == [sheet.name for sheet in SHEETS]
    for sheet in SHEETS:
        header = [cell.value for cell in template[sheet.name][1]]
        assert header == [column.name for column in sheet.columns]
        assert header == [cell.value for cell in saved[sheet.name][1]]
    assert list(tmp_path.iterdir()) != [] and not list(tmp_path.glob(".*"))


def test_every_column_has_a_note_with_meaning_unit_default_and_example(tmp_path):
    write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(tmp_path / "template.xlsx")

    for sheet in SHEETS:
        for column, cell in zip(sheet.columns, book[sheet.name][1], strict=True):
            note = cell.comment.text
            assert column.meaning in note and f"Example: {column.example}" in note
            if column.unit:
                assert f"Unit: {column.unit}" in note
            if column.default_text:
                assert f"Default when blank: {column.default_text}" in note

    staff_hours = book["Staff"]["E1"].comment.text
    assert "hours a week" in staff_hours and "between 0 and 84" in staff_hours


def test_settings_and_rules_are_filled_in_with_their_keys_and_defaults(tmp_path):
    write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(tmp_path / "template.xlsx")

    settings = {row[0].value: row[1].value for row in book["Settings"].iter_rows(min_row=2)}
    rules = {row[0].value: row[1].value for row in book["Rules"].iter_rows(min_row=2)}

    assert settings == {"plan_start": None, "plan_days": 28, "interval_minutes": 15,
                        "region": "england-and-wales", "shrinkage": 0}
    assert rules == {"min_rest_hours": 11, "max_consecutive_days": 6,
                     "min_consecutive_days": 1, "min_consecutive_days_off": 1,
                     "max_weekly_hours": 48, "max_weekends_per_4_weeks": 4,
                     "late_shift_end": dt.time(18, 0), "standard_hourly_cost": 15,
                     "cover_premium": 0.25, "missed_contact_cost": 2,
                     "abandoned_contact_cost": 4, "short_cover_weight": 1,
                     "overdue_case_cost": 20, "fairness_cost": 5,
                     "breach_cost": 1000}
    assert "first day of the plan" in book["Settings"]["A2"].comment.text


def test_loading_the_empty_template_gives_only_the_expected_problems(tmp_path):
    write_template(tmp_path / "template.xlsx")

    result = load_scenario(tmp_path / "template.xlsx")

    assert result.scenario is None
    found = {(str(p.severity), p.sheet, p.row, p.column) for p in result.problems}
    assert found == {
        (Severity.ERROR, "Settings", 2, "value"),  # plan_start is left to fill in
        (Severity.ERROR, "Channels", None, ""),
        (Severity.ERROR, "Demand", None, ""),
        (Severity.WARNING, "Staff", None, ""),
    }


def test_the_format_guide_has_the_tables_the_schema_makes():
    text = GUIDE.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0]

    assert block.strip() == format_tables().strip(), (
        "docs/scenario-format.md is out of date: run planner.io.describe.update_format_guide"
    )


def test_the_format_guide_mentions_every_sheet_and_column():
    text = GUIDE.read_text(encoding="utf-8")

    for sheet in SHEETS:
        assert f"### {sheet.name}" in text
        for column in sheet.columns + sheet.keys:
            assert f"`{column.name}`" in text, (sheet.name, column.name)
