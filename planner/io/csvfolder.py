"""A scenario as a folder of CSV files, one per sheet (Settings.csv, Channels.csv, ...).

Files are matched to sheets without regard to case, spaces or underscores. They may be saved by
Excel in any of its usual ways: UTF-8 with or without a byte order mark, Windows-1252, UTF-16,
commas, or semicolons with decimal commas (as European Excel writes them).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path

from planner.io.celltext import cell_text
from planner.io.guard import (
    MOST_CELLS,
    MOST_COLUMNS,
    MOST_ROWS,
    ROW_CELLS,
    file_refused,
    too_many_cells,
)
from planner.io.schema import Column, Sheet, sheet_named
from planner.io.table import RawTable, error, is_blank, warning
from planner.problems import Problem

Cells = tuple[tuple[Column, object], ...]
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def csv_files(folder: Path) -> list[Path]:
    """The CSV files in a folder, hidden ones (such as half-written temporary files) left out.
    A pipe or device named like one is kept, so that reading it is refused, not skipped."""
    return sorted(
        path for path in folder.iterdir()
        if path.suffix.lower() == ".csv" and not path.name.startswith(".") and not path.is_dir()
    )


def read_folder(folder: Path) -> tuple[list[RawTable], list[Problem]]:
    """Every CSV file in the folder that is a scenario sheet, and the problems met reading them."""
    files = csv_files(folder)
    if not files:
        workbooks = sorted(p.name for p in folder.glob("*.xlsx") if not p.name.startswith("."))
        hint = f" (it holds {workbooks[0]}: give that file instead)" if workbooks else ""
        return [], [error(f"The folder {folder.resolve().name} holds no CSV files{hint}; it "
                          "needs at least Settings.csv, Channels.csv and Demand.csv")]
    tables: list[RawTable] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    room = MOST_CELLS
    for path in files:
        sheet = sheet_named(path.stem)
        if sheet is None:
            problems.append(replace(warning(f"{path.name} is not a sheet the planner reads, so "
                                            "it was ignored"), file=path.name))
        elif sheet.name in seen:
            problems.append(replace(error(f"{seen[sheet.name]} and {path.name} are both the "
                                          f"{sheet.name} sheet; keep one", sheet=sheet.name),
                                    file=path.name))
        else:
            seen[sheet.name] = path.name
            table, problem = read_csv(path, sheet, room)
            if table is not None:
                tables.append(table)
                room -= sum(len(values) + ROW_CELLS for _, values in table.rows)
            if problem is not None:
                problems.append(replace(problem, file=path.name))
    return tables, problems


def read_csv(path: Path, sheet: Sheet, room: int = MOST_CELLS
             ) -> tuple[RawTable | None, Problem | None]:
    """One CSV file's cells, or the reason it cannot be read as a CSV file; at most `room`
    of them."""
    reason = file_refused(path, "CSV file", "a sheet of a scenario is a few MB, so it may be "
                          "damaged or hold something else")
    if reason:
        return None, error(f"{path.name} {reason}", sheet=sheet.name)
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        return None, error(f"{path.name} could not be opened ({exc.strerror})", sheet=sheet.name)
    if text is None:
        return None, error(f"{path.name} is not a text file, so it cannot be a CSV file; save "
                           "the sheet from Excel as CSV (comma delimited)", sheet=sheet.name)
    lines = _lines(text)
    first = next(lines, "")
    header_row = 1
    delimiter = None
    if first.lower().startswith("sep=") and len(first.rstrip("\r\n")) == 5:
        delimiter, header_row = first[4], 2  # Excel's hint line, "sep=;"
        first = next(lines, "")
    delimiter = delimiter or _delimiter(first.rstrip("\r\n"))
    try:
        header, rows, wide = _records(chain((first,), lines), delimiter, header_row, room)
    except csv.Error as exc:
        return None, error(f"{path.name} could not be read as CSV ({exc}); save the sheet from "
                           "Excel as CSV (comma delimited)", sheet=sheet.name)
    except _TooLong as exc:
        if exc.cells:
            return None, error(too_many_cells(f"Row {exc.row:,} of {path.name}"),
                               sheet=sheet.name, row=exc.row)
        last = header_row + MOST_ROWS
        return None, error(f"{path.name} goes on past row {last:,}, the last the planner "
                           f"reads: a sheet holds at most {MOST_ROWS:,} rows below its header, "
                           "more than any plan needs; delete the rows from here down",
                           sheet=sheet.name, row=exc.row)
    table = RawTable(sheet, path.name, path.name, header, tuple(rows), header_row=header_row,
                     decimal_comma=delimiter == ";")
    if wide:
        return table, warning(f"{path.name} has values after its {MOST_COLUMNS}th column; the "
                              f"planner reads only the first {MOST_COLUMNS}, so those were not "
                              "read", sheet=sheet.name)
    return table, None


class _TooLong(Exception):
    """A sheet with a row past MOST_ROWS, or past the cells left to read (`cells`)."""

    def __init__(self, row: int, cells: bool = False):
        self.row, self.cells = row, cells


def _lines(text: str) -> Iterator[str]:
    """The text's lines one at a time, each with its line end, as a CSV reader wants them."""
    for line in _LINE.finditer(text):
        if line.group():
            yield line.group()


def _records(lines: Iterable[str], delimiter: str, header_row: int, room: int):
    """The header and the numbered rows that hold anything, at most MOST_ROWS of them,
    MOST_COLUMNS across and `room` cells, read a line at a time; and whether any row went on
    past MOST_COLUMNS."""
    header: tuple[str, ...] = ()
    rows = []
    wide = False
    reader = csv.reader(lines, delimiter=delimiter)
    for number, record in enumerate(reader, start=header_row):
        if len(record) > MOST_COLUMNS:
            wide = wide or not all(is_blank(value) for value in record[MOST_COLUMNS:])
            record = record[:MOST_COLUMNS]
        if number == header_row:
            header = tuple(record)
        elif not all(is_blank(value) for value in record):
            if number > header_row + MOST_ROWS:
                raise _TooLong(number)
            room -= len(record) + ROW_CELLS
            if room < 0:
                raise _TooLong(number, cells=True)
            rows.append((number, tuple(record)))
    return header, rows, wide


def decode_text(data: bytes) -> str | None:
    """A text file's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with one,
    else Windows-1252; None for a file that is not text at all."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    counts = {mark: header.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] > counts[","] else ","


def write_folder(folder: Path, sheets: Iterable[tuple[Sheet, tuple[Column, ...], list[Cells]]]):
    """Write each sheet as NAME.csv in `folder`: UTF-8 with a byte-order mark, so that Excel
    shows names such as Siân correctly when the file is opened by double-clicking; comma
    separated."""
    for sheet, columns, rows in sheets:
        write_csv(folder / f"{sheet.name}.csv", columns, rows)


def write_csv(path: Path, columns: tuple[Column, ...], rows: list[Cells]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column.name for column in columns])
        for cells in rows:
            writer.writerow([cell_text(spec, value) for spec, value in cells])
