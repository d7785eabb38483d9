"""One account of every workbook: read in one open, written cell for cell alike by both
writers, and an edit of one sheet re-reading only that sheet."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io import is_rota_workbook, load_scenario, reading, save_scenario, workbook, xlsx
from planner.io.editing import sheet_rows, with_sheet
from planner.io.reading import load_tables
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_workbook import Styles, write_scenario_sheets
from planner.io.rota_writing import write_rota_workbook
from planner.io.schema import SHEETS
from planner.io.table import RawTable
from planner.model import StaffId
from tests.test_rota_workbook import hand_plan
from tests.test_rota_workbook import scenario as rota_scenario
from tests.test_roundtrip import full_scenario

SMALL = Path(__file__).resolve().parents[1] / "samples" / "housing-1-week.xlsx"


# --- one open ------------------------------------------------------------------------------

def counted(monkeypatch, module, name: str) -> list:
    """Calls of `module.name` from here on, each call's arguments in the list."""
    calls: list = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture
def rota_file(tmp_path) -> Path:
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, rota_scenario(), hand_plan())
    return path


def test_a_rota_workbook_is_judged_and_opened_once_when_read_back(rota_file, monkeypatch):
    opens = counted(monkeypatch, openpyxl, "load_workbook")
    judged = counted(monkeypatch, workbook, "not_a_workbook")
    unpacked = counted(monkeypatch, xlsx, "archive_refused")
    reads = counted(monkeypatch, reading, "read_workbook")

    read = read_rota_workbook(rota_file)

    assert read.ok, read.problems
    assert read.rota == hand_plan().rota and read.activities == hand_plan().activities
    assert (len(opens), len(judged), len(unpacked), len(reads)) == (1, 1, 1, 1)


def test_a_scenario_is_read_without_the_rota_tabs(rota_file, monkeypatch):
    tabs = counted(monkeypatch, workbook, "_bounded_rows")
    assert load_scenario(rota_file).scenario == rota_scenario()
    assert tabs == []


def test_a_rota_workbook_is_told_from_its_tab_names_alone(rota_file, tmp_path, monkeypatch):
    save_scenario(rota_scenario(), tmp_path / "scenario.xlsx")
    (tmp_path / "text.xlsx").write_text("staff_id,2027-03-01\nA1,E\n")
    opens = counted(monkeypatch, openpyxl, "load_workbook")

    assert is_rota_workbook(rota_file)
    assert not is_rota_workbook(tmp_path / "scenario.xlsx")
    assert not is_rota_workbook(tmp_path / "text.xlsx")
    assert not is_rota_workbook(tmp_path / "missing.xlsx")
    assert not is_rota_workbook(tmp_path)
    assert opens == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_named_like_a_rota_workbook_is_not_one_and_does_not_wait(tmp_path):
    fifo = tmp_path / "rota.xlsx"
    os.mkfifo(fifo)
    assert not is_rota_workbook(fifo)


def test_a_rota_tab_is_found_in_any_case_and_spelling_of_xml(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes & sums"
    book.create_sheet("ROTA")  # case does not matter, as when the rota is read
    book.save(tmp_path / "hand-made.xlsx")
    assert is_rota_workbook(tmp_path / "hand-made.xlsx")


# --- one cell writer -----------------------------------------------------------------------

def awkward_scenario():
    """full_scenario's awkward values (0.1 + 0.2, Siân, "=not a formula", a shift ending at
    00:00, dates, times with seconds) and a name holding a control character, and whole
    numbers given as floats."""
    base = full_scenario()
    bell = replace(base.staff[0], name="Sam\x07 Patel", contract_hours=37.0)
    late = next(p for p in base.patterns if p.end == dt.time(0))
    assert late  # a time of 00:00
    return replace(base, staff=(bell,) + base.staff[1:],
                   case_queues=(replace(base.case_queues[0], deadline_days=42.0),)
                   + base.case_queues[1:])


def cells(path: Path) -> dict[tuple[str, str], tuple]:
    """Every cell of the scenario sheets: its value, the value's type, its number format and
    its data type."""
    book = openpyxl.load_workbook(path)
    found = {}
    for sheet in SHEETS:
        for row in book[sheet.name].iter_rows():
            for cell in row:
                if cell.value is not None:
                    found[(sheet.name, cell.coordinate)] = (
                        cell.value, type(cell.value), cell.number_format, cell.data_type)
    return found


def test_both_workbooks_write_the_scenario_sheets_cell_for_cell_alike(tmp_path):
    scenario = awkward_scenario()
    save_scenario(scenario, tmp_path / "scenario.xlsx")
    book = xlsxwriter.Workbook(str(tmp_path / "rota.xlsx"))
    write_scenario_sheets(book, Styles(book, scenario), scenario)
    book.close()

    scenario_cells, rota_cells = cells(tmp_path / "scenario.xlsx"), cells(tmp_path / "rota.xlsx")

    assert scenario_cells == rota_cells
    # 0.1 + 0.2 needs all 17 digits, more than a workbook's number keeps: kept as its text
    assert scenario_cells[("Settings", "B6")] == ("0.30000000000000004", str, "General", "s")
    staff = {key[1]: value for key, value in scenario_cells.items() if key[0] == "Staff"}
    assert staff["B2"][0] == "Sam Patel"  # the control character is gone
    assert staff["B3"][0] == "Siân Ó Dálaigh"
    assert staff["B4"][::3] == ("=not a formula", "s")
    assert staff["E2"][:2] == (37, int)
    patterns = {key[1]: value for key, value in scenario_cells.items()
                if key[0] == "ShiftPatterns"}
    assert (dt.time(0), dt.time, "hh:mm") in [value[:3] for value in patterns.values()]
    absences = {key[1]: value for key, value in scenario_cells.items() if key[0] == "Absences"}
    assert absences["B2"][:3] == (dt.datetime(2027, 3, 29), dt.datetime, "yyyy-mm-dd")
    assert (dt.time(17, 30, 15), dt.time, "hh:mm:ss") in [v[:3] for v in absences.values()]


def test_both_workbooks_load_back_as_the_same_scenario(tmp_path):
    scenario = full_scenario()
    save_scenario(scenario, tmp_path / "scenario.xlsx")
    book = xlsxwriter.Workbook(str(tmp_path / "rota.xlsx"))
    write_scenario_sheets(book, Styles(book, scenario), scenario)
    book.close()
    assert load_scenario(tmp_path / "rota.xlsx").scenario == scenario
    assert load_scenario(tmp_path / "scenario.xlsx").scenario == scenario


# --- an edit re-reads one sheet ------------------------------------------------------------

def every_sheet_read_again(scenario, sheet: str, rows, name: str):
    """The edit as it was made before: every sheet turned back into a table and read again."""
    tables = []
    for spec in SHEETS:
        columns, current = sheet_rows(scenario, spec.name)
        values = [tuple(row) for row in rows] if spec.name == sheet else current
        if not values and not spec.required:
            continue
        tables.append(RawTable(spec, spec.name, name, tuple(c.name for c in columns),
                               tuple(enumerate(values, start=2))))
    return load_tables(tables, name)


def same_as_before(scenario, sheet: str, rows) -> None:
    after = with_sheet(scenario, sheet, rows, "small.xlsx")
    before = every_sheet_read_again(scenario, sheet, rows, "small.xlsx")
    assert after.scenario == before.scenario
    assert after.problems == before.problems


@pytest.fixture(scope="module")
def small():
    return load_scenario(SMALL).require()


def cell(rows, columns, row: int, column: str, text: str) -> list:
    at = [c.name for c in columns].index(column)
    rows = list(rows)
    rows[row] = rows[row][:at] + (text,) + rows[row][at + 1:]
    return rows


def edits(scenario):
    """A table of edits a team leader makes, good and bad, by sheet."""
    absent = scenario.absences[0].staff_id
    for sheet in SHEETS:
        columns, rows = sheet_rows(scenario, sheet.name)
        yield sheet.name, rows  # unchanged
        yield sheet.name, []  # emptied
        if rows:
            yield sheet.name, rows[1:]  # a row deleted
            yield sheet.name, rows + [rows[0]]  # a row given twice
            yield sheet.name, rows + [("",) * len(columns)]  # a blank row
            yield sheet.name, cell(rows, columns, 0, columns[-1].name, "nonsense")
            yield sheet.name, cell(rows, columns, 0, columns[0].name, "")
    columns, rows = sheet_rows(scenario, "Staff")
    yield "Staff", cell(rows, columns, 1, "contract_hours", "30")
    yield "Staff", cell(rows, columns, 1, "contract_hours", "-5")
    yield "Staff", [row for row in rows if row[0] != absent]  # breaks Absences
    columns, rows = sheet_rows(scenario, "Demand")
    yield "Demand", cell(rows, columns, 5, "volume", "13")
    yield "Demand", cell(rows, columns, 5, "channel", "fax")
    _, rows = sheet_rows(scenario, "Settings")
    yield "Settings", [(k, "14") if k == "plan_days" else (k, v) for k, v in rows]
    yield "Settings", [(k, "2030-01-07") if k == "plan_start" else (k, v) for k, v in rows]
    yield "Settings", [(k, v) for k, v in rows if k != "plan_start"]
    _, rows = sheet_rows(scenario, "Rules")
    yield "Rules", rows + [("a_new_rule", "on")]
    columns, rows = sheet_rows(scenario, "Channels")
    yield "Channels", cell(rows, columns, 0, "channel", "telephone")  # Demand names it still
    columns, rows = sheet_rows(scenario, "ShiftPatterns")
    yield "ShiftPatterns", cell(rows, columns, 0, "start", "25:00")
    yield "Locks", [(str(StaffId("nobody")), scenario.settings.plan_start.isoformat(), "OFF")]


@pytest.mark.parametrize("base", ["small", "full"])
def test_every_edit_gives_the_scenario_and_problems_it_gave_before(small, base):
    scenario = small if base == "small" else full_scenario()
    for sheet, rows in edits(scenario):
        same_as_before(scenario, sheet, rows)


TEXTS = st.sampled_from(["", "0", "1", "-1", "2.5", "60", "x", "A1", "voice", "E", "OFF",
                         "yes", "no", "Mon-Fri", "08:00", "25:00", "2027-03-01", "2024-02-30",
                         "=1+1", "Siân"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), sheet=st.sampled_from([s.name for s in SHEETS]))
def test_any_typed_cell_gives_the_scenario_and_problems_it_gave_before(small, data, sheet):
    columns, rows = sheet_rows(small, sheet)
    if not rows:
        rows = [("",) * len(columns)]
    row = data.draw(st.integers(0, len(rows) - 1), label="row")
    column = data.draw(st.sampled_from(columns), label="column")
    same_as_before(small, sheet, cell(rows, columns, row, column.name, data.draw(TEXTS)))
