"""Every broken input is reported at its sheet, row and column, and nothing is loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planner.io import load_scenario, save_scenario
from planner.model import Absence, AbsenceKind, StaffId
from planner.problems import Severity
from planner.validate import check_scenario
from tests.broken_inputs import (
    BROKEN_INPUTS,
    BrokenInput,
    csv_rows,
    folder,
    set_cell,
    set_text,
    workbook,
    write_rows,
)
from tests.factories import MONDAY, small_scenario


def test_there_are_at_least_24_distinct_cases():
    assert len({case.name for case in BROKEN_INPUTS}) == len(BROKEN_INPUTS) >= 24


@pytest.mark.parametrize("case", BROKEN_INPUTS, ids=[case.name for case in BROKEN_INPUTS])
def test_broken_input_is_reported_where_it_is(case: BrokenInput, tmp_path):
    result = load_scenario(case.build(tmp_path))

    assert result.scenario is None
    assert not result.ok
    matches = [
        p for p in result.errors
        if (p.sheet, p.row, p.column) == (case.sheet, case.row, case.column)
    ]
    assert matches, f"no error at {case.sheet}/{case.row}/{case.column}: {result.errors}"
    message = " ".join(p.message.lower() for p in matches)
    for word in case.words:
        assert word in message, f"{word!r} not in {message!r}"
    assert all(p.file for p in result.problems)


FILE_CASES = [case for case in BROKEN_INPUTS if case.sheet == ""]


@pytest.mark.parametrize("case", FILE_CASES, ids=[case.name for case in FILE_CASES])
def test_an_unreadable_file_is_one_clear_error(case: BrokenInput, tmp_path):
    result = load_scenario(case.build(tmp_path))

    assert len(result.problems) == 1
    assert result.problems[0].severity is Severity.ERROR


def test_every_problem_in_a_workbook_is_reported_in_one_pass(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Staff", 2, "contract_hours", "thirty")
    set_cell(path, "Staff", 3, "max_days_per_week", 9)
    set_cell(path, "Channels", 3, "kind", "letter")
    set_cell(path, "ShiftPatterns", 2, "start", "25:00")
    set_cell(path, "Absences", 2, "staff_id", "Z9")
    set_cell(path, "Settings", 4, "value", 20)

    result = load_scenario(path)

    where = {(p.sheet, p.row, p.column) for p in result.errors}
    assert where >= {
        ("Staff", 2, "contract_hours"),
        ("Staff", 3, "max_days_per_week"),
        ("Channels", 3, "kind"),
        ("ShiftPatterns", 2, "start"),
        ("Absences", 2, "staff_id"),
        ("Settings", 4, "value"),
    }


def test_every_problem_in_a_csv_folder_is_reported_with_its_file(tmp_path):
    path = folder(tmp_path)
    set_text(path, "Demand", 2, "volume", "lots")
    set_text(path, "Demand", 9, "interval_start", "10:07")
    set_text(path, "CaseBacklog", 2, "count", "2.5")

    result = load_scenario(path)

    found = {(p.file, p.sheet, p.row, p.column) for p in result.errors}
    assert found == {
        ("Demand.csv", "Demand", 2, "volume"),
        ("Demand.csv", "Demand", 9, "interval_start"),
        ("CaseBacklog.csv", "CaseBacklog", 2, "count"),
    }


def test_an_unreadable_staff_row_does_not_make_its_absences_unknown(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Staff", 2, "contract_hours", "full time")  # A1, who has annual leave

    result = load_scenario(path)

    assert [(p.sheet, p.row, p.column) for p in result.errors] == [("Staff", 2, "contract_hours")]


def test_a_missing_channels_sheet_does_not_blame_every_demand_row(tmp_path):
    result = load_scenario(BROKEN_INPUTS[0].build(tmp_path))

    assert not [p for p in result.errors if p.sheet == "Demand"]


def test_unreadable_settings_do_not_hide_problems_in_other_sheets(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Settings", 2, "value", "next Monday")
    set_cell(path, "Staff", 5, "staff_id", "A1")

    result = load_scenario(path)

    where = {(p.sheet, p.row, p.column) for p in result.errors}
    assert where == {("Settings", 2, "value"), ("Staff", 5, "staff_id")}


def test_suspicious_values_are_warnings_and_the_scenario_still_loads(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Staff", 2, "contract_hours", 45)  # above max_hours 40
    set_cell(path, "Staff", 1, "hourly_cost", "Shoe size")  # unknown column
    book_rows = [("colour", "blue")]
    set_cell(path, "Settings", 7, "key", book_rows[0][0])
    set_cell(path, "Settings", 7, "value", book_rows[0][1])
    set_cell(path, "Absences", 2, "start_date", small_scenario().settings.plan_start.replace(
        year=2026))
    set_cell(path, "Absences", 2, "end_date", small_scenario().settings.plan_start.replace(
        year=2026))

    result = load_scenario(path)

    assert result.ok, result.errors
    where = {(p.sheet, p.row, p.column) for p in result.warnings}
    assert where >= {
        ("Staff", 2, "contract_hours"),
        ("Staff", 1, "Shoe size"),
        ("Settings", 7, "key"),
        ("Absences", 2, "start_date"),
    }


def test_problems_come_in_sheet_and_row_order(tmp_path):
    path = folder(tmp_path)
    set_text(path, "Staff", 4, "contract_hours", "x")
    set_text(path, "Staff", 2, "contract_hours", "y")
    set_text(path, "Channels", 2, "aht_seconds", "z")

    result = load_scenario(path)

    assert [(p.sheet, p.row) for p in result.errors] == [
        ("Channels", 2), ("Staff", 2), ("Staff", 4)]


def test_an_empty_optional_csv_file_is_an_empty_sheet_but_an_empty_demand_is_an_error(tmp_path):
    path = folder(tmp_path)
    (path / "Locks.csv").write_text("")
    (path / "Absences.csv").write_text("staff_id\n")
    (path / "Demand.csv").write_text("")

    result = load_scenario(path)

    assert [(p.file, p.sheet, p.row) for p in result.problems] == [("Demand.csv", "Demand", 1)]
    assert "demand is empty" in result.problems[0].message.lower()


def test_values_beyond_the_headings_and_unknown_files_are_warnings(tmp_path):
    path = folder(tmp_path)
    rows = csv_rows(path, "CaseQueues")
    write_rows(path, "CaseQueues", [rows[0], rows[1] + ["", "ask Sam"]])
    (path / "Holidays.csv").write_text("date\n2027-03-01\n")

    result = load_scenario(path)

    assert result.ok
    assert {(p.file, p.sheet, p.row) for p in result.warnings} == {
        ("CaseQueues.csv", "CaseQueues", 1), ("Holidays.csv", "", None)}
    beyond = len(rows[0]) + 2  # the note sits one blank cell after the last heading
    assert any(f"{beyond}th column" in p.message for p in result.warnings)


def test_a_folder_holding_only_a_workbook_says_to_give_the_workbook(tmp_path):
    save_scenario(small_scenario(), tmp_path / "march.xlsx")

    result = load_scenario(tmp_path)

    assert len(result.errors) == 1 and "march.xlsx" in result.errors[0].message


def test_many_rows_with_one_mistake_are_reported_once_with_a_count(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Settings", 4, "value", 60)  # hourly intervals, but demand is quarter-hourly
    set_cell(path, "Channels", 3, "channel", "emails")  # 10 Demand rows name "email"

    result = load_scenario(path)

    demand = [p for p in result.errors if p.sheet == "Demand"]
    assert [(p.row, p.column) for p in demand] == [(3, "interval_start"), (202, "channel")]
    assert "and on 149 more rows" in demand[0].message
    assert "and on 9 more rows" in demand[1].message


def test_part_day_absences_on_one_day_may_sit_side_by_side(tmp_path):
    morning = Absence(StaffId("A2"), MONDAY, MONDAY, AbsenceKind.TRAINING, None, dt.time(12))
    afternoon = Absence(StaffId("A2"), MONDAY, MONDAY, AbsenceKind.SICKNESS, dt.time(12),
                        dt.time(0))
    lunch = Absence(StaffId("A2"), MONDAY, MONDAY, AbsenceKind.OTHER, dt.time(11),
                    dt.time(13))
    base = small_scenario()

    fine = check_scenario(replace(base, absences=(morning, afternoon)))
    clash = check_scenario(replace(base, absences=(morning, afternoon, lunch)))

    assert not [p for p in fine if p.severity is Severity.ERROR]
    assert [(p.sheet, p.row, p.column) for p in clash] == [("Absences", 4, "start_date")]


def test_a_scenario_built_in_the_planner_is_checked_with_the_rows_it_would_be_saved_on():
    base = small_scenario()
    twin = replace(base.staff[0], name="Another Sam")

    problems = check_scenario(replace(base, staff=base.staff + (twin,)))

    assert [(p.sheet, p.row, p.column) for p in problems] == [("Staff", 6, "staff_id")]
