"""A scenario as a folder of CSV files, one per sheet (Settings.csv, Channels.csv, ...).

Files are matched to sheets without regard to case, spaces or underscores. They may be saved by
Excel in any of its usual ways: UTF-8 with or without a byte order mark, Windows-1252, UTF-16,
commas, or semicolons with decimal commas (as European Excel writes them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from planner.io.celltext import cell_text
from planner.io.schema import Column, Sheet, sheet_named
from planner.io.table import RawTable, error, is_blank, warning
from planner.problems import Problem

Cells = tuple[tuple[Column, object], ...]


def csv_files(folder: Path) -> list[Path]:
    """The CSV files in a folder, hidden ones (such as half-written temporary files) left out."""
    return sorted(
        path for path in folder.iterdir()
        if path.suffix.lower() == ".csv" and not path.name.startswith(".") and path.is_file()
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
            table, problem = read_csv(path, sheet)
            if table is not None:
                tables.append(table)
            if problem is not None:
                problems.append(problem)
    return tables, problems


def read_csv(path: Path, sheet: Sheet) -> tuple[RawTable | None, Problem | None]:
    """One CSV file's cells, or the reason it cannot be read as a CSV file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error(f"{path.name} could not be opened ({exc.strerror})", sheet=sheet.name)
    text = decode_text(data)
    if text is None:
        return None, error(f"{path.name} is not a text file, so it cannot be a CSV file; save "
                           "the sheet from Excel as CSV (comma delimited)", sheet=sheet.name)
    lines = text.splitlines()
    header_row = 1
    delimiter = None
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        delimiter, header_row = lines[0][4], 2  # Excel's hint line, "sep=;"
        text = text.split("\n", 1)[1] if "\n" in text else ""
    delimiter = delimiter or _delimiter(text.split("\n", 1)[0])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return None, error(f"{path.name} could not be read as CSV ({exc}); save the sheet from "
                           "Excel as CSV (comma delimited)", sheet=sheet.name)
    rows = [
        (number, tuple(record))
        for number, record in enumerate(records[1:], start=header_row + 1)
        if not all(is_blank(value) for value in record)
    ]
    header = tuple(records[0]) if records else ()
    table = RawTable(sheet, path.name, path.name, header, tuple(rows), header_row=header_row,
                     decimal_comma=delimiter == ";")
    return table, None


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
