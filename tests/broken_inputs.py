"""Broken scenario files, each with the sheet, row and column its problem must be reported at.

BROKEN_INPUTS is a plain list: each case's `build(folder)` writes its file or folder inside
`folder` (creating it if needed) and returns the path to load. Most save the small test
scenario as a workbook or a CSV folder and then break one thing in it, as a person editing the
file might. Row and column are None/"" where the problem has no cell (a missing sheet, a file
that is not a workbook).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl

from planner.io import save_scenario
from planner.model import (
    Absence,
    AbsenceKind,
    CaseQueue,
    DeadlineBasis,
    Lock,
    PatternCode,
    QueueName,
    StaffId,
)
from tests.factories import MONDAY, early_pattern, small_scenario


@dataclass(frozen=True)
class BrokenInput:
    name: str
    build: Callable[[Path], Path]
    sheet: str
    row: int | None
    column: str
    words: tuple[str, ...] = ()


# Rows of small_scenario() as saved: header is row 1.
SETTINGS_ROW = {"plan_start": 2, "plan_days": 3, "interval_minutes": 4, "region": 5,
                "shrinkage": 6}


def fuller_scenario():
    """small_scenario() with a second shift pattern, a second queue and two locks."""
    late = early_pattern(code=PatternCode("L"), start=dt.time(10), end=dt.time(18))
    complaints = CaseQueue(QueueName("complaints"), 45.0, 10, DeadlineBasis.WORKING, 0.9)
    base = small_scenario()
    return replace(
        base,
        patterns=base.patterns + (late,),
        case_queues=base.case_queues + (complaints,),
        absences=base.absences + (
            Absence(StaffId("A1"), MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=6),
                    AbsenceKind.SICKNESS),
        ),
        locks=(Lock(StaffId("A2"), MONDAY, "E"), Lock(StaffId("A3"), MONDAY, "OFF")),
    )


def workbook(tmp: Path, scenario=None) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "scenario.xlsx"
    save_scenario(scenario or small_scenario(), path)
    return path


def folder(tmp: Path, scenario=None) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "scenario"
    save_scenario(scenario or small_scenario(), path)
    return path


def set_cell(path: Path, sheet: str, row: int, column: str, value) -> Path:
    book = openpyxl.load_workbook(path)
    tab = book[sheet]
    headers = [cell.value for cell in tab[1]]
    tab.cell(row=row, column=headers.index(column) + 1).value = value
    book.save(path)
    return path


def csv_rows(folder_path: Path, sheet: str) -> list[list[str]]:
    with (folder_path / f"{sheet}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def write_rows(folder_path: Path, sheet: str, rows: list[list[str]]) -> Path:
    with (folder_path / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return folder_path


def set_text(path: Path, sheet: str, row: int, column: str, text: str) -> Path:
    rows = csv_rows(path, sheet)
    rows[row - 1][rows[0].index(column)] = text
    return write_rows(path, sheet, rows)


def set_cell_xml(path: Path, sheet: str, coordinate: str, xml: str) -> Path:
    """Replace one cell's XML in a saved workbook, as Excel would have written it."""
    book = openpyxl.load_workbook(path, read_only=True)
    member = f"xl/worksheets/sheet{book.sheetnames.index(sheet) + 1}.xml"
    book.close()
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    text = contents[member].decode()
    cell = re.compile(rf'<c r="{coordinate}"[^>]*?(/>|>.*?</c>)')
    assert cell.search(text), coordinate
    contents[member] = cell.sub(xml, text, count=1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def _cell(kind: str, sheet: str, row: int, column: str, value) -> Callable[[Path], Path]:
    """A case that saves the small scenario and changes one cell."""
    if kind == "xlsx":
        return lambda tmp: set_cell(workbook(tmp), sheet, row, column, value)
    return lambda tmp: set_text(folder(tmp), sheet, row, column, str(value))


def _fuller(kind: str, sheet: str, row: int, column: str, value) -> Callable[[Path], Path]:
    if kind == "xlsx":
        return lambda tmp: set_cell(workbook(tmp, fuller_scenario()), sheet, row, column, value)
    return lambda tmp: set_text(folder(tmp, fuller_scenario()), sheet, row, column, str(value))


def _drop_tab(name: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = workbook(tmp)
        book = openpyxl.load_workbook(path)
        del book[name]
        book.save(path)
        return path
    return build


def _drop_file(name: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = folder(tmp)
        (path / f"{name}.csv").unlink()
        return path
    return build


def _drop_column(sheet: str, column: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = folder(tmp)
        rows = csv_rows(path, sheet)
        index = rows[0].index(column)
        return write_rows(path, sheet, [r[:index] + r[index + 1:] for r in rows])
    return build


def _edit_rows(sheet: str, change: Callable[[list[list[str]]], list[list[str]]]):
    def build(tmp: Path) -> Path:
        path = folder(tmp)
        return write_rows(path, sheet, change(csv_rows(path, sheet)))
    return build


def _zero_volumes(rows: list[list[str]]) -> list[list[str]]:
    index = rows[0].index("volume")
    return [rows[0]] + [r[:index] + ["0"] + r[index + 1:] for r in rows[1:]]


def _no_demand_rows(tmp: Path) -> Path:
    path = workbook(tmp)
    book = openpyxl.load_workbook(path)
    book["Demand"].delete_rows(2, book["Demand"].max_row)
    book.save(path)
    return path


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        tmp.mkdir(parents=True, exist_ok=True)
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _word_document(tmp: Path) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "scenario.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def _excel_error(tmp: Path) -> Path:
    path = workbook(tmp)
    return set_cell_xml(path, "Staff", "E2", '<c r="E2" t="e"><v>#DIV/0!</v></c>')


def _short_shift(tmp: Path) -> Path:
    path = set_cell(workbook(tmp), "ShiftPatterns", 2, "end", "08:30")
    return set_cell(path, "ShiftPatterns", 2, "unpaid_break_minutes", 30)


def _duplicate_header(tmp: Path) -> Path:
    path = workbook(tmp)
    return set_cell(path, "Staff", 1, "hourly_cost", "Contract Hours")


BROKEN_INPUTS: list[BrokenInput] = [
    BrokenInput("missing Channels tab", _drop_tab("Channels"), "Channels", None, "",
                ("no channels",)),
    BrokenInput("missing Demand.csv", _drop_file("Demand"), "Demand", None, "", ("demand.csv",)),
    BrokenInput("missing contract_hours column", _drop_column("Staff", "contract_hours"),
                "Staff", 1, "contract_hours", ("no contract_hours column",)),
    BrokenInput("text in a number column", _cell("xlsx", "Staff", 3, "contract_hours", "thirty"),
                "Staff", 3, "contract_hours", ("thirty", "not a number")),
    BrokenInput("time 25:00", _cell("xlsx", "ShiftPatterns", 2, "start", "25:00"),
                "ShiftPatterns", 2, "start", ("25:00", "not a time")),
    BrokenInput("time 9.75", _cell("csv", "ShiftPatterns", 2, "end", "9.75"),
                "ShiftPatterns", 2, "end", ("9.75", "hh:mm")),
    BrokenInput("date 2027-02-30", _cell("csv", "Absences", 2, "start_date", "2027-02-30"),
                "Absences", 2, "start_date", ("2027-02-30", "not a real date", "28 days")),
    BrokenInput("handle time over 4 hours", _cell("xlsx", "Channels", 2, "aht_seconds", 20000),
                "Channels", 2, "aht_seconds", ("20000", "not possible", "seconds")),
    BrokenInput("volume over 100,000", _cell("csv", "Demand", 5, "volume", "250000"),
                "Demand", 5, "volume", ("250000", "100,000")),
    BrokenInput("contract hours over 84", _cell("xlsx", "Staff", 2, "contract_hours", 90),
                "Staff", 2, "contract_hours", ("90", "between 0 and 84 hours a week")),
    BrokenInput("negative contract hours", _cell("csv", "Staff", 4, "contract_hours", "-5"),
                "Staff", 4, "contract_hours", ("-5", "not possible")),
    BrokenInput("shrinkage 0.95", _cell("xlsx", "Settings", SETTINGS_ROW["shrinkage"], "value",
                                        0.95), "Settings", 6, "value", ("shrinkage", "0.95")),
    BrokenInput("plan_days 0", _cell("csv", "Settings", 3, "value", "0"), "Settings", 3,
                "value", ("plan_days", "between 1 and 84")),
    BrokenInput("plan_days 100", _cell("xlsx", "Settings", 3, "value", 100), "Settings", 3,
                "value", ("plan_days", "100")),
    BrokenInput("interval_minutes 20", _cell("xlsx", "Settings", 4, "value", 20), "Settings", 4,
                "value", ("20", "15, 30 or 60")),
    BrokenInput("service level as a percentage number",
                _cell("csv", "Channels", 2, "service_level_target", "80"), "Channels", 2,
                "service_level_target", ("not possible", "for 80% write 0.8")),
    BrokenInput("fraction above 1", _cell("xlsx", "CaseQueues", 2, "target_on_time", 1.5),
                "CaseQueues", 2, "target_on_time", ("1.5", "between 0 and 1")),
    BrokenInput("duplicate staff id", _cell("xlsx", "Staff", 3, "staff_id", "A1"), "Staff", 3,
                "staff_id", ("a1", "already used on row 2")),
    BrokenInput("duplicate channel", _cell("csv", "Channels", 3, "channel", "voice"),
                "Channels", 3, "channel", ("voice", "already used")),
    BrokenInput("duplicate shift pattern", _fuller("xlsx", "ShiftPatterns", 3, "pattern", "E"),
                "ShiftPatterns", 3, "pattern", ("already used",)),
    BrokenInput("duplicate case queue", _fuller("csv", "CaseQueues", 3, "queue",
                                                "mutual_exchange"), "CaseQueues", 3, "queue",
                ("already used",)),
    BrokenInput("duplicate demand row", _cell("csv", "Demand", 3, "interval_start", "08:00"),
                "Demand", 3, "interval_start", ("already given on row 2",)),
    BrokenInput("absence for unknown staff", _cell("xlsx", "Absences", 2, "staff_id", "Z9"),
                "Absences", 2, "staff_id", ("z9", "not in staff")),
    BrokenInput("lock for unknown staff", _fuller("csv", "Locks", 2, "staff_id", "Z9"),
                "Locks", 2, "staff_id", ("z9", "not in staff")),
    BrokenInput("skill naming no channel or queue", _cell("csv", "Staff", 2, "skills",
                                                          "voice, phones"), "Staff", 2,
                "skills", ("phones", "neither a channel nor a case queue")),
    BrokenInput("demand on unknown channel", _cell("xlsx", "Demand", 2, "channel", "phone"),
                "Demand", 2, "channel", ("phone", "not in channels")),
    BrokenInput("arrivals for unknown queue", _cell("csv", "CaseArrivals", 2, "queue", "repairs"),
                "CaseArrivals", 2, "queue", ("repairs", "not in casequeues")),
    BrokenInput("backlog for unknown queue", _cell("xlsx", "CaseBacklog", 2, "queue", "repairs"),
                "CaseBacklog", 2, "queue", ("repairs",)),
    BrokenInput("staff pattern unknown", _cell("xlsx", "Staff", 2, "patterns", "E, X"), "Staff",
                2, "patterns", ("x", "not in shiftpatterns")),
    BrokenInput("lock pattern unknown", _fuller("csv", "Locks", 2, "pattern", "N"), "Locks", 2,
                "pattern", ("n", "neither off nor in shiftpatterns")),
    BrokenInput("demand off the interval grid", _cell("xlsx", "Demand", 2, "interval_start",
                                                      "08:10"), "Demand", 2, "interval_start",
                ("08:10", "15-minute grid", "08:00 or 08:15")),
    BrokenInput("overlapping absences", _fuller("xlsx", "Absences", 3, "start_date",
                                                MONDAY + dt.timedelta(days=3)), "Absences", 3,
                "start_date", ("overlaps", "row 2")),
    BrokenInput("absence ends before it starts", _cell("csv", "Absences", 2, "end_date",
                                                       "2027-03-01"), "Absences", 2, "end_date",
                ("before start_date",)),
    BrokenInput("all demand zero", _edit_rows("Demand", _zero_volumes), "Demand", None,
                "volume", ("nothing to plan",)),
    BrokenInput("no demand rows", _no_demand_rows, "Demand", None, "", ("no rows",)),
    BrokenInput("min_hours above max_hours", _cell("csv", "Staff", 2, "min_hours", "45"),
                "Staff", 2, "min_hours", ("45", "more than max_hours 40")),
    BrokenInput("both date and weekday", _cell("xlsx", "Demand", 2, "date", MONDAY), "Demand", 2,
                "date", ("both a date and a weekday",)),
    BrokenInput("neither date nor weekday", _cell("csv", "Demand", 2, "weekday", ""), "Demand", 2,
                "date", ("neither a date nor a weekday",)),
    BrokenInput("unknown channel kind", _cell("xlsx", "Channels", 2, "kind", "phone"),
                "Channels", 2, "kind", ("phone", "voice, chat, reception, email")),
    BrokenInput("unknown region", _cell("csv", "Settings", 5, "value", "wales"), "Settings", 5,
                "value", ("wales", "england-and-wales, scotland, northern-ireland")),
    BrokenInput("unknown deadline basis", _cell("xlsx", "CaseQueues", 2, "deadline_basis",
                                                "weekdays"), "CaseQueues", 2, "deadline_basis",
                ("weekdays", "working, calendar")),
    BrokenInput("unknown absence kind", _cell("csv", "Absences", 2, "kind", "holiday"),
                "Absences", 2, "kind", ("holiday", "annual_leave, sickness, training, other")),
    BrokenInput("yes or no that is neither", _cell("csv", "Staff", 2, "cover", "maybe"), "Staff", 2,
                "cover", ("maybe", "yes or no")),
    BrokenInput("unknown weekday", _cell("xlsx", "Demand", 2, "weekday", "Funday"), "Demand", 2,
                "weekday", ("funday", "mon, tue")),
    BrokenInput("unknown day in a range", _cell("csv", "ShiftPatterns", 2, "days", "Mon-Fry"),
                "ShiftPatterns", 2, "days", ("fry", "not a day")),
    BrokenInput("break as long as the shift", _short_shift, "ShiftPatterns", 2,
                "unpaid_break_minutes", ("at least as long as the shift",)),
    BrokenInput("plan_start missing", _edit_rows("Settings", lambda r: [r[0]] + r[2:]),
                "Settings", None, "key", ("plan_start",)),
    BrokenInput("setting given twice", _edit_rows("Settings", lambda r: r + [r[2]]), "Settings",
                7, "key", ("plan_days", "twice")),
    BrokenInput("column named twice", _duplicate_header, "Staff", 1, "contract_hours",
                ("two columns",)),
    BrokenInput("formula with no saved value", _cell("xlsx", "Staff", 2, "contract_hours",
                                                     "=30+7.5"), "Staff", 2, "contract_hours",
                ("formula", "open the workbook in excel and save it")),
    BrokenInput("cell showing an Excel error", _excel_error, "Staff", 2, "contract_hours",
                ("#div/0!",)),
    BrokenInput("text file named .xlsx", _file("scenario.xlsx", b"staff_id,name\nA1,Sam\n"), "",
                None, "", ("not an excel workbook",)),
    BrokenInput("Word document named .xlsx", _word_document, "", None, "", ("word document",)),
    BrokenInput("picture named .xlsx", _file("scenario.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64)),
                "", None, "", ("picture",)),
    BrokenInput("empty file", _file("scenario.xlsx", b""), "", None, "", ("empty",)),
    BrokenInput("old Excel format", _file("scenario.xls", b"\xd0\xcf\x11\xe0" + bytes(60)), "",
                None, "", (".xls", "save it as an excel workbook (.xlsx)")),
    BrokenInput("missing path", lambda tmp: tmp / "no-such-scenario.xlsx", "", None, "",
                ("no file or folder",)),
]
