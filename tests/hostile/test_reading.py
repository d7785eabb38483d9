"""Hostile input is refused at once, with one sentence naming the file; cells mean what they say.

Each case is something a person (or a broken program) can hand the planner: a named pipe or a
device given as a scenario, a zip bomb named .xlsx, a number typed into a time cell, a Staff
sheet without its skills column.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.history import read_history
from planner.io import guard, load_scenario, xlsx
from planner.io.curtois import read_curtois
from planner.problems import ScenarioError, Severity
from tests.broken_inputs import csv_rows, folder, workbook, write_rows
from ui.cli import main

ROOT = Path(__file__).resolve().parents[2]
posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def finishes(call, *args, seconds: float = 10.0):
    """What `call(*args)` returns, failing (not hanging) if it takes longer than `seconds`."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(_caught(call, *args)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"{call.__name__} was still reading after {seconds} s"
    return outcome[0]


def _caught(call, *args):
    try:
        return call(*args)
    except ScenarioError as problem:
        return problem


def release(fifo: Path) -> None:
    """Let a reader wrongly waiting on the pipe go, so that a failed test leaves no thread."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def only_error(result, *words: str):
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1, errors
    return first_error(result, *words)


def first_error(result, *words: str):
    """The first error, which must hold `words`."""
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    for word in words:
        assert word in errors[0].message, errors[0].message
    return errors[0]


# --- things that are not files --------------------------------------------------------------


@posix
def test_a_named_pipe_given_as_a_scenario_is_refused_at_once(tmp_path):
    fifo = tmp_path / "scenario.xlsx"
    os.mkfifo(fifo)
    try:
        done = subprocess.run([sys.executable, "-m", "ui.cli", "validate", str(fifo)], cwd=ROOT,
                              capture_output=True, text=True, timeout=20)
    finally:
        release(fifo)

    assert done.returncode == 2, done.stdout + done.stderr
    assert "scenario.xlsx is a named pipe, not a file; give the scenario workbook itself" in (
        done.stderr)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_given_as_a_scenario_is_refused(device, capsys):
    if not os.path.exists(device):
        pytest.skip(f"there is no {device} here")

    result = finishes(load_scenario, device)

    only_error(result, f"is a device ({device}), not a file")
    assert main(["validate", device]) == 2
    assert "not a file" in capsys.readouterr().err


def test_a_socket_given_as_a_scenario_is_refused(tmp_path):
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = tmp_path / "scenario.xlsx"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError:
            pytest.skip("the temporary folder's path is too long for a socket")

        result = finishes(load_scenario, path)

    only_error(result, "scenario.xlsx is a socket, not a file")


@posix
def test_a_folder_whose_demand_file_is_a_named_pipe_is_refused(tmp_path):
    path = folder(tmp_path)
    (path / "Demand.csv").unlink()
    os.mkfifo(path / "Demand.csv")
    try:
        result = finishes(load_scenario, path)
    finally:
        release(path / "Demand.csv")

    problem = first_error(result, "Demand.csv is a named pipe, not a file")
    assert (problem.file, problem.sheet) == ("Demand.csv", "Demand")
    assert [p for p in result.errors if p.sheet == "Demand"] == [problem]  # said once


@posix
def test_a_named_pipe_given_as_history_or_benchmark_is_refused(tmp_path):
    fifo = tmp_path / "contacts.csv"
    os.mkfifo(fifo)
    try:
        history = finishes(read_history, fifo)
        instance = finishes(read_curtois, fifo)
    finally:
        release(fifo)

    assert not history.ok and "contacts.csv is a named pipe" in history.problems[0].message
    assert isinstance(instance, ScenarioError)
    assert "contacts.csv is a named pipe" in instance.problems[0].message


def test_a_text_file_far_too_big_is_refused_unread(tmp_path):
    path = folder(tmp_path)
    with (path / "Demand.csv").open("r+b") as stream:
        stream.truncate(250 * guard.MB)  # sparse: takes no room on disk
    history = tmp_path / "contacts.csv"
    history.write_bytes(b"")
    os.truncate(history, 3 * guard.MOST_FILE_BYTES)

    first_error(load_scenario(path), "Demand.csv is 250 MB, more than the 200 MB the planner "
                "reads as a CSV file; a sheet of a scenario is a few MB")
    assert read_history(history).problems[0].message.startswith(
        "contacts.csv is 600 MB, more than the 200 MB the planner reads as a contact history; "
        "give an interval report")


# --- workbooks that unpack to far more than they hold ---------------------------------------


def declare_size(path: Path, member: str, size: int) -> Path:
    """The workbook with `member`'s unpacked size, as its zip directory states it, changed."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length].decode() == member:
            struct.pack_into("<L", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 46)
    path.write_bytes(bytes(data))
    return path


def test_a_zip_bomb_is_refused_from_its_directory_alone(tmp_path):
    path = declare_size(workbook(tmp_path), "xl/worksheets/sheet3.xml", 1200 * guard.MB)

    started = time.perf_counter()
    result = load_scenario(path)

    assert time.perf_counter() - started < 2
    problem = only_error(result, "scenario.xlsx would unpack to 1.2 GB when opened, far more "
                                 "than any scenario workbook; it may be damaged or not a "
                                 "scenario workbook")
    assert problem.file == "scenario.xlsx"


def test_a_small_part_made_to_unpack_a_hundredfold_is_refused(tmp_path):
    path = tmp_path / "scenario.xlsx"
    with zipfile.ZipFile(workbook(tmp_path / "made")) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            out.writestr(part.filename, source.read(part.filename))
        out.writestr("xl/media/image1.png", b"\0" * (30 * guard.MB))

    only_error(load_scenario(path), "(xl/media/image1.png) that would unpack from",
               "to 30 MB, as no scenario workbook does")


def test_a_zip_of_thousands_of_parts_is_refused(tmp_path):
    path = workbook(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(guard.MOST_PARTS + 1):
            archive.writestr(f"customXml/item{number}.xml", "")

    only_error(load_scenario(path), "holds 2,0", "parts, where a scenario workbook has a few "
               "dozen")


def test_a_sheet_of_more_rows_than_excel_allows_is_refused_before_it_is_read(tmp_path):
    path = replace_demand(workbook(tmp_path), b"<row/>" * (guard.EXCEL_ROWS + 1))

    only_error(load_scenario(path), "(xl/worksheets/sheet3.xml) with more rows or columns than "
               "Excel allows")


@pytest.mark.parametrize("part", ["xl/worksheets/sheet3.xml", "xl/styles.xml"])
def test_a_workbook_with_a_damaged_part_is_one_error(tmp_path, part):
    path = workbook(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + 20, start + min(60, info.compress_size)):
        data[at] ^= 0x55
    path.write_bytes(bytes(data))

    only_error(load_scenario(path), "scenario.xlsx")


def replace_demand(path: Path, rows: bytes) -> Path:
    """The workbook with the Demand sheet's rows replaced by `rows` (sheet XML)."""
    member = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    head, rest = parts[member].split(b"<sheetData>", 1)
    parts[member] = head + b"<sheetData>" + rows + b"</sheetData>" + rest.split(
        b"</sheetData>", 1)[1]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_sheet_is_read_no_further_than_its_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MOST_ROWS", 100)  # Demand has 210 rows

    problem = only_error(load_scenario(workbook(tmp_path)), "Demand goes on past row 101")
    assert (problem.sheet, problem.row) == ("Demand", 102)


def test_a_scenario_is_read_no_further_than_its_cell_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MOST_CELLS", 500)
    path = folder(tmp_path)
    monkeypatch.setattr("planner.io.csvfolder.MOST_CELLS", 500)

    for result in (load_scenario(workbook(tmp_path)), load_scenario(path)):
        assert any("takes the scenario past" in p.message for p in result.errors)
        assert result.scenario is None


def test_values_beyond_the_columns_read_are_not_lost_without_a_word(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Staff"].cell(row=2, column=guard.MOST_COLUMNS + 5, value="see HR")
    book.save(path)
    csv = folder(tmp_path)
    rows = csv_rows(csv, "Staff")
    rows[1] += [""] * guard.MOST_COLUMNS + ["see HR"]
    write_rows(csv, "Staff", rows)

    for result in (load_scenario(path), load_scenario(csv)):
        assert result.ok
        assert any("not read" in p.message and p.sheet == "Staff" for p in result.warnings)


def test_many_bad_cells_in_a_column_are_listed_a_hundred_at_a_time(tmp_path):
    path = folder(tmp_path)
    rows = csv_rows(path, "Demand")
    index = rows[0].index("volume")
    write_rows(path, "Demand", [rows[0]] + [r[:index] + ["lots"] + r[index + 1:]
                                            for r in rows[1:]])

    volume = [p for p in load_scenario(path).errors if p.column == "volume"]

    assert len(volume) == 101
    assert volume[-1].row == 102
    assert volume[-1].message.startswith("this row and 109 more below it also have problems in "
                                         "volume")


def test_formulas_are_still_read_when_a_workbook_has_them(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Staff"]["E2"] = "=30+7.5"  # saved by openpyxl: the result was never computed
    book.save(path)

    problem = only_error(load_scenario(path), "holds a formula (=30+7.5)")
    assert (problem.sheet, problem.row, problem.column) == ("Staff", 2, "contract_hours")


# --- numbers in time cells ------------------------------------------------------------------


def shift_cell(tmp_path: Path, column: str, value, number_format: str) -> Path:
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    tab = book["ShiftPatterns"]
    headers = [cell.value for cell in tab[1]]
    cell = tab.cell(row=2, column=headers.index(column) + 1)
    cell.value = value
    cell.number_format = number_format
    book.save(path)
    return path


@pytest.mark.parametrize("typed", [8, 8.5])
def test_a_number_typed_into_a_time_cell_is_an_error(tmp_path, typed):
    path = shift_cell(tmp_path, "start", typed, "hh:mm")

    problem = only_error(load_scenario(path), "a date and time, not a time of day")
    assert (problem.sheet, problem.row, problem.column) == ("ShiftPatterns", 2, "start")
    if typed == 8.5:
        assert problem.message == (
            "start shows 1900-01-08 12:00, a date and time, not a time of day (the cell holds "
            "the number 8.5); write the time as HH:MM, e.g. 08:00")


def test_a_fraction_in_a_general_cell_is_a_number_not_a_time(tmp_path, capsys):
    path = shift_cell(tmp_path, "start", 0.5, "General")

    problem = only_error(load_scenario(path))
    assert problem.message == (
        "start 0.5 is a number, not a time; write the time as HH:MM, e.g. 08:00 (0.5 is how "
        "Excel stores 12:00: if that is meant, format the cell as a time)")
    assert main(["validate", str(path)]) == 2
    assert "start 0.5 is a number" in capsys.readouterr().err


def test_a_time_typed_into_a_time_cell_is_read_as_excel_keeps_it(tmp_path):
    path = shift_cell(tmp_path, "start", 1 / 3, "hh:mm")  # how Excel stores a typed 08:00

    result = load_scenario(path)

    assert result.ok and result.scenario.patterns[0].start == dt.time(8)


def test_24_00_typed_into_a_shift_end_is_midnight(tmp_path):
    path = shift_cell(tmp_path, "end", 1.0, "hh:mm")  # Excel keeps 24:00 as one whole day
    book = openpyxl.load_workbook(path)
    book["ShiftPatterns"]["B2"] = dt.time(0)  # start at midnight too: a 24-hour shift
    book.save(path)

    result = load_scenario(path)

    assert result.ok and result.scenario.patterns[0].end == dt.time(0)
    assert any("24-hour shift" in p.message for p in result.warnings)
    assert "start" in only_error(load_scenario(shift_cell(tmp_path / "start", "start", 1.0,
                                                          "hh:mm"))).message


def test_text_in_a_time_cell_keeps_its_meaning(tmp_path):
    assert load_scenario(shift_cell(tmp_path / "a", "start", "8am", "@")).ok
    only_error(load_scenario(shift_cell(tmp_path / "b", "start", "8", "@")), "'8' is not a time")


# --- columns a sheet cannot go without ------------------------------------------------------


def test_a_staff_sheet_without_skills_is_an_error(tmp_path, capsys):
    path = folder(tmp_path)
    rows = csv_rows(path, "Staff")
    index = rows[0].index("skills")
    write_rows(path, "Staff", [row[:index] + row[index + 1:] for row in rows])

    problem = only_error(load_scenario(path), "Staff has no skills column; add it")
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "Staff.csv", "Staff", 1, "skills")
    assert main(["validate", str(path)]) == 2
    assert "Staff.csv, Staff, row 1, column skills" in capsys.readouterr().err


def test_a_staff_tab_without_skills_is_an_error(tmp_path):
    path = workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    tab = book["Staff"]
    tab.delete_cols([cell.value for cell in tab[1]].index("skills") + 1)
    book.save(path)

    problem = only_error(load_scenario(path), "Staff has no skills column")
    assert (problem.file, problem.sheet, problem.column) == ("scenario.xlsx", "Staff", "skills")


def test_a_staff_sheet_without_optional_columns_still_loads(tmp_path):
    path = folder(tmp_path)
    rows = csv_rows(path, "Staff")
    keep = [i for i, name in enumerate(rows[0]) if name not in ("team", "hourly_cost", "cover")]
    write_rows(path, "Staff", [[row[i] for i in keep] for row in rows])

    assert load_scenario(path).ok


def test_a_rota_workbooks_own_tabs_are_read_within_bounds(tmp_path, monkeypatch):
    from planner.io import workbook
    from planner.io.rota_reading import read_rota_workbook
    from planner.io.rota_writing import write_rota_workbook
    from tests.test_rota_workbook import hand_plan, scenario

    rota = tmp_path / "rota.xlsx"
    write_rota_workbook(rota, scenario(), hand_plan())
    assert read_rota_workbook(rota).ok
    monkeypatch.setattr(workbook, "MOST_ROWS", 10)  # the Rota tab has more rows
    read = read_rota_workbook(rota)
    assert not read.ok
    problem = first_error(read, "Rota goes on past row 11, more than a rota workbook holds")
    assert (problem.sheet, problem.row) == ("Rota", 12)
