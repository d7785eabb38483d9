"""Whatever a person types into whichever cell, loading reports problems and never crashes."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.io import load_scenario, save_scenario
from planner.problems import Severity
from tests.broken_inputs import fuller_scenario

TRICKY = [
    "", " ", "25:00", "9.75", "24:00", "2027-02-30", "31/02/2027", "#DIV/0!", "=SUM(A1:A3)",
    "=", "1e400", "-1e400", "nan", "inf", "NaN", "yes", "No", "Mon-Fri", "Sat-Mon", "Mon-", "-",
    "80%", "%", "1,200", "12,5", "1.2.3", "OFF", "voice, voice", ",", "A1", "Z9", "E", "£15",
    "0x1F", "١٢", "１２", "\u00a0", "Ünïcødé", "🙂", "'quoted", '"', "\\", "00:00", "7:60",
    "12pm", "13pm", "0am", "Monday", "Funday", "sickness", "annual leave", "calendar", "email",
    "9999-12-31", "0001-01-01", "0000-00-00",
]
text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
cells = st.one_of(
    st.none(),
    text,
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.sampled_from([10**300, -(10**300), 46447, 0, 1, -1, 100_001]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 3, 1), dt.date(2200, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2200, 1, 1)),
    st.times(),
    st.timedeltas(dt.timedelta(0), dt.timedelta(days=3)),
)
edits = st.lists(
    st.tuples(st.integers(0, 10), st.integers(1, 14), st.integers(1, 13), cells),
    min_size=1, max_size=6,
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    base = tmp_path_factory.mktemp("saved")
    save_scenario(fuller_scenario(), base / "scenario.xlsx")
    save_scenario(fuller_scenario(), base / "scenario")
    return base


def check(result) -> None:
    assert result.problems or result.scenario is not None
    assert (result.scenario is None) == any(
        p.severity is Severity.ERROR for p in result.problems)
    for problem in result.problems:
        assert problem.sheet, problem
        assert problem.file, problem
        assert problem.message and "Traceback" not in problem.message
        assert problem.row is None or problem.row >= 1


@settings(max_examples=60, deadline=None)
@given(edits=edits)
def test_any_cells_in_a_workbook(saved, edits):
    book = openpyxl.load_workbook(saved / "scenario.xlsx")
    for tab, row, column, value in edits:
        sheet = book.worksheets[tab % len(book.worksheets)]
        sheet.cell(row=row, column=column).value = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.xlsx"
        book.save(path)

        check(load_scenario(path))


csv_edits = st.lists(
    st.tuples(st.integers(0, 10), st.integers(0, 13), st.integers(0, 12), text),
    min_size=1, max_size=6,
)


@settings(max_examples=80, deadline=None)
@given(edits=csv_edits, junk=st.one_of(st.none(), st.tuples(st.integers(0, 10), st.binary())))
def test_any_text_in_a_csv_folder(saved, edits, junk):
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "scenario"
        shutil.copytree(saved / "scenario", folder)
        files = sorted(folder.glob("*.csv"))
        for number, row, column, value in edits:
            path = files[number % len(files)]
            lines = path.read_text(encoding="utf-8").split("\n")
            while len(lines) <= row:
                lines.append("")
            cells = lines[row].split(",")
            while len(cells) <= column:
                cells.append("")
            cells[column] = value
            lines[row] = ",".join(cells)
            path.write_text("\n".join(lines), encoding="utf-8")
        if junk is not None:
            files[junk[0] % len(files)].write_bytes(junk[1])

        check(load_scenario(folder))
