"""Scenario files as people and Excel really write them load into the scenario they mean."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace

import openpyxl

from planner.io import load_scenario
from planner.model import PatternCode, Rules
from tests.broken_inputs import (
    csv_rows,
    folder,
    set_cell,
    set_cell_xml,
    set_text,
    workbook,
    write_rows,
)
from tests.factories import MONDAY, small_scenario

BOM = b"\xef\xbb\xbf"


def loaded(path):
    result = load_scenario(path)
    assert result.ok, [str(p) for p in result.errors]
    return result


def test_a_saved_workbook_loads_without_problems(tmp_path):
    result = loaded(workbook(tmp_path))

    assert result.scenario == small_scenario()
    assert result.problems == ()


def test_csv_saved_with_a_byte_order_mark(tmp_path):
    path = folder(tmp_path)
    for name in ("Settings", "Staff", "Demand"):
        file = path / f"{name}.csv"
        file.write_bytes(BOM + file.read_bytes().removeprefix(BOM))

    assert loaded(path).scenario == small_scenario()


def test_csv_saved_without_a_byte_order_mark(tmp_path):
    path = folder(tmp_path)
    for file in path.glob("*.csv"):
        file.write_bytes(file.read_bytes().removeprefix(BOM))

    assert loaded(path).scenario == small_scenario()


def test_csv_with_semicolons_and_decimal_commas(tmp_path):
    path = folder(tmp_path)
    for file in path.glob("*.csv"):
        rows = csv_rows(path, file.stem)
        text = "\n".join(";".join(cell.replace(".", ",") if _is_number(cell) else cell
                                  for cell in row) for row in rows)
        file.write_text(text + "\n", encoding="utf-8")
    assert "37,5" in (path / "Staff.csv").read_text()

    assert loaded(path).scenario == small_scenario()


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_csv_from_excel_with_a_separator_line(tmp_path):
    path = folder(tmp_path)
    rows = csv_rows(path, "Staff")
    rows[2][rows[0].index("contract_hours")] = "x"  # A2
    with (path / "Staff.csv").open("w", encoding="utf-8", newline="") as stream:
        stream.write("sep=;\n")
        csv.writer(stream, delimiter=";").writerows(rows)

    result = load_scenario(path)

    # The hint line is line 1, so the header is line 2 and A2 is on line 4.
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [("Staff", 4, "contract_hours")]


def test_csv_in_windows_1252(tmp_path):
    path = folder(tmp_path)
    set_text(path, "Staff", 2, "name", "Zoë O’Neill")
    set_text(path, "Staff", 3, "team", "Lettings £")
    staff = path / "Staff.csv"
    staff.write_bytes(staff.read_text(encoding="utf-8").encode("cp1252"))

    scenario = loaded(path).scenario

    assert scenario.staff[0].name == "Zoë O’Neill"
    assert scenario.staff[1].team == "Lettings £"


def test_odd_file_names_and_headers_in_a_csv_folder(tmp_path):
    path = folder(tmp_path)
    (path / "ShiftPatterns.csv").rename(path / "shift_patterns.csv")
    (path / "Staff.csv").rename(path / "STAFF.csv")
    rows = csv_rows(path, "STAFF")
    rows[0] = ["Staff ID ", " NAME", "Team", "skills", "Contract Hours", "min-hours",
               "MAX_HOURS", "max days per week", "Cover", "Hourly_Cost", "patterns"]
    write_rows(path, "STAFF", rows)

    assert loaded(path).scenario == small_scenario()


def test_odd_tab_names_and_headers_in_a_workbook(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    renames = {"Staff": "staff ", "ShiftPatterns": "Shift Patterns", "Settings": "SETTINGS"}
    for old, new in renames.items():
        book[old].title = "renaming"  # openpyxl would add a 1 to a name differing only in case
        book["renaming"].title = new
    book["staff "]["A1"] = "Staff ID "
    book["Channels"]["C1"] = "AHT_Seconds"
    book.save(path)
    assert set(renames.values()) <= set(openpyxl.load_workbook(path, read_only=True).sheetnames)

    assert loaded(path).scenario == small_scenario()


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Staff"].insert_rows(3, amount=2)
    book.save(path)
    set_cell(path, "Staff", 7, "contract_hours", "lots")  # M1, moved down by two blank rows

    result = load_scenario(path)

    assert [(p.sheet, p.row) for p in result.errors] == [("Staff", 7)]


def test_formulas_are_read_by_their_saved_results(tmp_path):
    path = workbook(tmp_path)
    set_cell_xml(path, "Staff", "E2", '<c r="E2"><f>30+7.5</f><v>37.5</v></c>')
    set_cell_xml(path, "Settings", "B3", '<c r="B3"><f>7*1</f><v>7</v></c>')

    assert loaded(path).scenario == small_scenario()


def test_excel_dates_and_times_in_every_form(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Settings", 2, "value", 46447)  # Excel's serial number for 2027-03-01
    set_cell(path, "Absences", 2, "start_date", "03/03/2027")  # as typed in the UK
    set_cell(path, "Absences", 2, "end_date", dt.datetime(2027, 3, 4))
    set_cell(path, "ShiftPatterns", 2, "start", 1 / 3)  # a time cell shown as a number
    set_cell(path, "ShiftPatterns", 2, "end", "4pm")
    set_cell(path, "Demand", 2, "interval_start", "8:00")
    set_cell(path, "Demand", 3, "interval_start", dt.datetime(1899, 12, 30, 8, 15))

    assert loaded(path).scenario == small_scenario()


def test_numbers_stored_as_text_and_words_for_yes_and_no(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Staff", 2, "contract_hours", " 37.5 ")
    set_cell(path, "Staff", 2, "max_days_per_week", "5.0")
    set_cell(path, "Staff", 2, "cover", "N")
    set_cell(path, "Staff", 3, "cover", False)
    set_cell(path, "Staff", 4, "cover", "0")
    set_cell(path, "Channels", 2, "open_on_bank_holidays", "FALSE")
    set_cell(path, "Channels", 2, "service_level_target", "80%")
    set_cell(path, "Channels", 2, "aht_seconds", dt.time(0, 8, 30))  # 8 minutes 30 seconds
    set_cell(path, "Settings", 6, "value", "30%")

    assert loaded(path).scenario == small_scenario()


def test_yes_in_its_many_spellings(tmp_path):
    path = folder(tmp_path)
    for row, text in zip((2, 3, 4, 5), ("Yes", "y", "TRUE", "1"), strict=True):
        set_text(path, "Staff", row, "cover", text)

    assert all(person.cover for person in loaded(path).scenario.staff)


def test_day_ranges_that_wrap_and_midnight_as_24_00(tmp_path):
    path = folder(tmp_path)
    set_text(path, "ShiftPatterns", 2, "days", "Sat-Mon")
    set_text(path, "ShiftPatterns", 2, "end", "24:00")

    pattern = loaded(path).scenario.patterns[0]

    assert pattern.days == (5, 6, 0)
    assert pattern.end == dt.time(0) and pattern.crosses_midnight


def test_thousands_separators_in_a_comma_csv(tmp_path):
    path = folder(tmp_path)
    set_text(path, "CaseBacklog", 2, "count", "1,200")

    assert loaded(path).scenario.backlog[0].count == 1200


def test_optional_sheets_and_columns_may_be_left_out(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    for name in ("Absences", "CaseArrivals", "CaseBacklog", "Rules", "Locks"):
        del book[name]
    book["Channels"].delete_cols(8, 4)  # concurrency .. max_occupancy
    book["Staff"].delete_cols(9, 3)  # cover, hourly_cost, patterns
    book.save(path)

    scenario = loaded(path).scenario

    expected = small_scenario()
    assert scenario == replace(
        expected, absences=(), case_arrivals=(), backlog=(), rules=Rules(),
        staff=tuple(replace(person, hourly_cost=0.0) for person in expected.staff),
    )


def test_an_extra_tab_is_a_warning_only(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Notes")["A1"] = "Rota for March"
    book.save(path)

    result = loaded(path)

    assert [(p.sheet, str(p.severity)) for p in result.problems] == [("Notes", "warning")]


def test_an_upper_case_extension_is_still_a_workbook(tmp_path):
    path = workbook(tmp_path)
    upper = path.rename(tmp_path / "SCENARIO.XLSX")

    assert loaded(upper).scenario == small_scenario()


def test_rules_keys_the_planner_does_not_use_are_kept(tmp_path):
    path = folder(tmp_path)
    rows = csv_rows(path, "Rules") + [["late_shift_fairness", "high"], ["Night premium", "1.5"]]
    write_rows(path, "Rules", rows)

    rules = loaded(path).scenario.rules

    assert rules.extra == (("late_shift_fairness", "high"), ("Night premium", "1.5"))


def test_dated_demand_and_weekday_names_in_full(tmp_path):
    path = folder(tmp_path)
    set_text(path, "Demand", 2, "weekday", "")
    set_text(path, "Demand", 2, "date", "2027-03-01")
    set_text(path, "Demand", 3, "weekday", "Monday")

    demand = loaded(path).scenario.demand

    assert demand[0].date == MONDAY and demand[0].weekday is None
    assert demand[1].weekday == 0


def test_staff_ids_typed_as_numbers_are_text(tmp_path):
    path = workbook(tmp_path)
    set_cell(path, "Staff", 2, "staff_id", 1001)
    set_cell(path, "Absences", 2, "staff_id", "1001")
    set_cell(path, "Staff", 2, "patterns", "E")

    scenario = loaded(path).scenario

    assert scenario.staff[0].staff_id == "1001" == scenario.absences[0].staff_id
    assert scenario.staff[0].patterns == (PatternCode("E"),)


def test_invisible_characters_pasted_around_a_value_are_ignored(tmp_path):
    path = folder(tmp_path)
    set_text(path, "Staff", 2, "staff_id", "\u200bA1\ufeff")
    set_text(path, "Staff", 3, "contract_hours", "\u00a037.5\u200b")

    assert loaded(path).scenario == small_scenario()
