"""The rota workbook: what it shows, that it loads back, and what a hand edit reads back as."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from planner.io import load_scenario, save_scenario
from planner.io import rota_writing as writing
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_writing import write_rota_workbook
from planner.io.schema import SHEETS
from planner.model import Absence, AbsenceKind, PatternCode, Scenario, ShiftPattern, StaffId
from planner.plan import (
    BREAK,
    Activity,
    Assessment,
    Breach,
    CaseDay,
    Costs,
    IntervalService,
    Plan,
    RotaCell,
    SolveStatus,
)
from planner.problems import Severity
from tests.factories import MONDAY, advisor, early_pattern, small_scenario
from tests.test_roundtrip import full_scenario

DATES = tuple(MONDAY + dt.timedelta(days=i) for i in range(7))
HEADER = ["staff_id", "name", "team"] + [d.isoformat() for d in DATES] + ["paid_hours"]
NIGHT = ShiftPattern(PatternCode("N"), dt.time(22), dt.time(6), 30, tuple(range(7)))
# Rota codes Monday to Sunday; A1's Wednesday and Thursday are the annual leave in small_scenario.
CODES = {
    "A1": ("E", "E", "AL", "AL", "E", "OFF", "OFF"),
    "A2": ("E", "E", "E", "E", "E", "OFF", "OFF"),
    "A3": ("E", "E", "OFF", "E", "E", "OFF", "OFF"),
    "M1": ("N", "N", "OFF", "OFF", "TRN", "OFF", "OFF"),
}
BREACH = Breach("Maximum weekly hours", (StaffId("A2"),), DATES[:3], 2.5, "hours",
                "Advisor A2 is paid 42.5 hours in the week of Mon 01 Mar; the most is 40")


def scenario() -> Scenario:
    return small_scenario(patterns=(early_pattern(), NIGHT))


def shift_blocks(person: str, day: dt.date, code: str) -> list[Activity]:
    """Work, a half-hour break in the middle, work: as a solver would hand them out."""
    start = dt.datetime.combine(day, dt.time(8) if code == "E" else dt.time(22))
    work = "voice" if person.startswith("A") else "mutual_exchange"
    hours = dt.timedelta(hours=4)
    half = dt.timedelta(minutes=30)
    return [Activity(StaffId(person), day, start, start + hours, work),
            Activity(StaffId(person), day, start + hours, start + hours + half, BREAK),
            Activity(StaffId(person), day, start + hours + half, start + 2 * hours,
                     "email" if code == "E" else work)]


def hand_plan(breaches=(BREACH,)) -> Plan:
    rota = tuple(RotaCell(StaffId(p), day, code) for p, codes in CODES.items()
                 for day, code in zip(DATES, codes, strict=True))
    activities = tuple(block for cell in rota if cell.code in ("E", "N")
                       for block in shift_blocks(cell.staff_id, cell.date, cell.code))
    coverage = (IntervalService(MONDAY, dt.time(8), "voice", 10.0, 3, 2, 0.55, 95.5, 0.08),
                IntervalService(MONDAY, dt.time(8, 15), "voice", 12.0, 3, 3, 0.81, 20.0, 0.02))
    caseload = (CaseDay("mutual_exchange", MONDAY, 3.0, 5.3, 9.7, 0.0),
                CaseDay("email", MONDAY, 35.0, 30.0, 5.0, 0.0))
    costs = Costs(paid_hours=127.5, pay=1912.5, service=12.0, breaches=2500.0)
    assessment = Assessment(coverage, caseload, tuple(breaches), costs)
    return Plan(SolveStatus.FEASIBLE, rota, activities, assessment, objective=4424.5,
                bound=4000.0, gap=0.0959, wall_seconds=3.25)


@pytest.fixture
def written(tmp_path) -> Path:
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, scenario(), hand_plan())
    return path


def rows(path: Path, sheet: str) -> list[list]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_the_workbook_holds_the_rota_sheets_then_every_scenario_sheet(written):
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["Rota", "Activities", "Coverage", "Caseload", "KPIs",
                               "Checks"] + [sheet.name for sheet in SHEETS]
    assert rows(written, "Activities")[0] == ["staff_id", "date", "start", "end", "activity"]
    assert rows(written, "Coverage")[0] == [
        "date", "interval_start", "channel", "volume", "required", "planned", "service_level",
        "asa_seconds", "abandon_rate", "avoidable"]
    assert rows(written, "Caseload")[0] == ["queue", "date", "arrivals", "done", "backlog",
                                            "overdue", "avoidable", "update_minutes"]
    assert rows(written, "Checks")[0] == ["rule", "who", "dates", "size", "unit", "message"]
    assert rows(written, "KPIs")[0][:2] == ["What the rota costs", "£"]


def kpi_blocks(path: Path) -> dict[str, dict]:
    """The KPIs sheet's blocks of (label, value) rows, by heading; a block ends at a blank row."""
    sheet = openpyxl.load_workbook(path)["KPIs"]
    blocks: dict[str, dict] = {}
    current = None
    for row in sheet.iter_rows():
        label, value = row[0].value, row[1].value
        if label is None:
            current = None
        elif current is None:
            current = blocks.setdefault(label, {"unit": value})
        else:
            current[label] = value
    return blocks


def test_the_kpis_sheet_shows_the_cost_with_its_parts_and_the_search_apart(written):
    blocks = kpi_blocks(written)
    assert list(blocks)[0] == "What the rota costs"
    cost = blocks["What the rota costs"]
    assert cost == {"unit": "£", "Cost": 4424.5, "pay": 1912.5, "service": 12.0,
                    "short cover": 0, "overdue work": 0, "fairness": 0, "shift requests": 0,
                    "pattern cover": 0,
                    "broken rules": 2500.0}
    assert list(blocks)[-1] == "Search"
    assert blocks["Search"] == {"unit": "value", "status": "feasible",
                                "search objective": 4424.5, "bound": 4000.0,
                                "gap": pytest.approx(0.0959), "search seconds": 3.25}
    sheet = openpyxl.load_workbook(written)["KPIs"]
    notes = [cell.value for row in sheet.iter_rows() for cell in row[2:3] if cell.value]
    assert any("not what the rota costs" in str(note) for note in notes)
    assert not any("objective" in str(label).lower() for block, rows_ in blocks.items()
                    if block != "Search" for label in rows_)


def test_a_search_without_a_bound_says_no_bound_yet_in_the_kpis_sheet(tmp_path):
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, scenario(), replace(hand_plan(), bound=0.0, gap=1.0))
    search = kpi_blocks(path)["Search"]
    assert search["bound"] == search["gap"] == "no bound yet"


def test_a_channel_that_never_answers_says_so_in_the_kpis_sheet(tmp_path):
    path = tmp_path / "rota.xlsx"
    endless = (IntervalService(MONDAY, dt.time(8), "voice", 10.0, 3, 0, 0.0, float("inf"), 0.0),)
    plan = hand_plan()
    plan = replace(plan, assessment=replace(plan.assessment, coverage=endless))
    write_rota_workbook(path, scenario(), plan)
    table = rows(path, "KPIs")
    service = next(i for i, row in enumerate(table) if row[0] == "channel")  # its heading
    voice = table[service + 1]
    assert voice[:6] == ["voice", 10, 0, 0.8, "never answered", 0]


def test_rota_shows_a_code_per_person_and_day_with_paid_hours_and_people_at_work(written):
    table = rows(written, "Rota")
    assert table[0][:len(HEADER)] == HEADER
    by_id = {row[0]: row for row in table[1:5]}
    assert by_id["A1"][3:10] == list(CODES["A1"])
    assert by_id["M1"][1:3] == ["Advisor M1", "Mutual exchange"]
    assert by_id["A1"][10] == pytest.approx(3 * 7.5)
    assert by_id["M1"][10] == pytest.approx(2 * 7.5)  # TRN is not a paid shift here
    assert table[5][0] == "people at work"
    assert table[5][3:10] == [4, 4, 1, 2, 3, 0, 0]


def test_rota_is_grouped_by_team_with_a_page_break_between_teams(tmp_path):
    mixed = replace(scenario(), staff=(advisor("A1"), advisor("M1", skills=("mutual_exchange",),
                                                                team="Mutual exchange"),
                                       advisor("A2")))
    path = tmp_path / "mixed.xlsx"
    write_rota_workbook(path, mixed, replace(hand_plan(), rota=(), activities=()))
    book = openpyxl.load_workbook(path)
    sheet = book["Rota"]
    assert [sheet.cell(row, 1).value for row in (2, 3, 4)] == ["A1", "A2", "M1"]
    assert [brk.id for brk in sheet.row_breaks.brk] == [3]  # after A2, the last of its team
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "D2"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.cell(2, 4).value == "OFF"  # a day the plan does not mention is a day off


def test_codes_are_coloured_and_weekends_shaded(written):
    sheet = openpyxl.load_workbook(written)["Rota"]
    monday, saturday = sheet.cell(1, 4), sheet.cell(1, 9)
    assert monday.fill.fgColor.rgb != saturday.fill.fgColor.rgb
    early, night, leave = sheet.cell(2, 4), sheet.cell(5, 4), sheet.cell(2, 6)
    assert (early.value, night.value, leave.value) == ("E", "N", "AL")
    assert len({early.fill.fgColor.rgb, night.fill.fgColor.rgb, leave.fill.fgColor.rgb}) == 3


def test_activities_coverage_caseload_kpis_and_checks_hold_the_plan(written):
    activities = rows(written, "Activities")
    assert activities[1] == ["A1", dt.datetime(2027, 3, 1), dt.time(8), dt.time(12), "voice"]
    night = [row for row in activities if row[0] == "M1"]
    assert night[1] == ["M1", dt.datetime(2027, 3, 1), dt.time(2), dt.time(2, 30), BREAK]
    assert rows(written, "Coverage")[1] == [dt.datetime(2027, 3, 1), dt.time(8), "voice", 10, 3,
                                            2, 0.55, 95.5, 0.08, 0]
    assert rows(written, "Caseload")[1] == ["mutual_exchange", dt.datetime(2027, 3, 1), 3, 5.3,
                                            9.7, 0, 0, 0]
    kpis = {row[0]: row[1] for row in rows(written, "KPIs") if row[0]}
    assert kpis["Cost"] == 4424.5
    assert kpis["paid hours"] == 127.5
    assert kpis["broken rules (see Checks)"] == 1
    assert kpis["voice"] == 22  # the channel table: contacts over the plan
    checks = rows(written, "Checks")
    assert checks[1] == ["Maximum weekly hours", "Advisor A2 (A2)", "2027-03-01 to 2027-03-03",
                         2.5, "hours", BREACH.message]


def test_checks_says_so_when_no_rule_is_broken(tmp_path):
    path = tmp_path / "clean.xlsx"
    write_rota_workbook(path, scenario(), hand_plan(breaches=()))
    assert rows(path, "Checks")[1][0] == "No rule is broken."


@pytest.mark.parametrize("make", [scenario, full_scenario])
def test_scenario_sheets_load_back_as_the_same_scenario_with_no_more_warnings(tmp_path, make):
    original = make()
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, original, replace(hand_plan(), rota=(), activities=()))
    save_scenario(original, tmp_path / "plain.xlsx")
    loaded, plain = load_scenario(path), load_scenario(tmp_path / "plain.xlsx")
    assert loaded.scenario == original
    # the same warnings as the scenario saved on its own: none about the rota's sheets
    assert [replace(p, file="") for p in loaded.problems] == [
        replace(p, file="") for p in plain.problems]


def test_rota_and_activities_read_back_as_written(written):
    read = read_rota_workbook(written)
    plan = hand_plan()
    assert read.ok and len(read.problems) == 0
    assert read.scenario == scenario()
    assert read.rota == plan.rota
    assert set(read.activities) == set(plan.activities)  # night shifts cross midnight


def edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    book = openpyxl.load_workbook(path)
    for (sheet, cell), value in changes.items():
        book[sheet][cell] = value
    book.save(path)


def test_a_hand_edited_rota_reads_back_and_old_activities_of_changed_days_go(written):
    # A2 (row 3) takes Tuesday (column E) as annual leave; A3 (row 4) works Wednesday (F);
    # M1 (row 5) swaps Monday's night for an early shift. Excel made Monday's heading a date.
    edit(written, {("Rota", "E3"): "al", ("Rota", "F4"): "E", ("Rota", "D5"): "E",
                   ("Rota", "D1"): dt.datetime(2027, 3, 1)})
    read = read_rota_workbook(written)
    assert read.ok and len(read.problems) == 0
    cells = {(c.staff_id, c.date): c.code for c in read.rota}
    assert cells[("A2", DATES[1])] == "AL"
    assert cells[("A3", DATES[2])] == "E"
    assert cells[("M1", DATES[0])] == "E"
    days = {(a.staff_id, a.date) for a in read.activities}
    assert ("A2", DATES[1]) not in days  # no longer a shift
    assert ("A3", DATES[2]) not in days  # a new shift, nothing planned for it yet
    assert ("M1", DATES[0]) not in days  # the night's activities lie outside the early shift
    assert ("M1", DATES[1]) in days
    assert len(read.activities) == len(hand_plan().activities) - 6


def test_broken_edits_are_problems_naming_file_sheet_row_and_column(written):
    edit(written, {
        ("Rota", "D3"): "X9",  # not a code
        ("Rota", "A4"): "Z9",  # not in Staff
        ("Rota", "H1"): "2027-02-01",  # Friday's column renamed to a date outside the plan
        ("Activities", "C2"): "noon",  # not a time
        ("Activities", "E3"): "lunch",  # not an activity
    })
    read = read_rota_workbook(written)
    assert not read.ok
    found = {(p.severity, p.sheet, p.row, p.column) for p in read.problems}
    assert {p.file for p in read.problems} == {"rota.xlsx"}
    assert (Severity.ERROR, "Rota", 3, "2027-03-01") in found
    assert (Severity.ERROR, "Rota", 4, "staff_id") in found
    assert (Severity.WARNING, "Rota", 1, "2027-02-01") in found
    assert (Severity.ERROR, "Activities", 2, "start") in found
    assert (Severity.ERROR, "Activities", 3, "activity") in found
    messages = " / ".join(p.message for p in read.problems)
    assert "'X9' is not a rota code" in messages
    assert "Advisor A3 (A3) is in Staff but has no row" in messages
    assert "no column for 2027-03-05" in messages
    assert "'noon' is not a time" in messages


def test_a_blank_cell_is_a_day_off_with_a_warning(written):
    edit(written, {("Rota", "D2"): None})
    read = read_rota_workbook(written)
    assert read.ok
    assert [(p.severity, p.row, p.column) for p in read.problems] == [
        (Severity.WARNING, 2, "2027-03-01")]
    assert read.rota[0] == RotaCell(StaffId("A1"), MONDAY, "OFF")


def remove_sheet(path: Path, sheet: str) -> None:
    book = openpyxl.load_workbook(path)
    del book[sheet]
    book.save(path)


def test_a_missing_rota_sheet_is_named(written):
    remove_sheet(written, "Rota")
    read = read_rota_workbook(written)
    assert not read.ok
    assert [(p.severity, p.sheet, p.file) for p in read.problems] == [
        (Severity.ERROR, "Rota", "rota.xlsx")]


def test_a_missing_activities_sheet_leaves_the_rota_without_activities(written):
    remove_sheet(written, "Activities")
    read = read_rota_workbook(written)
    assert read.ok and len(read.problems) == 0
    assert read.rota == hand_plan().rota
    assert read.activities == ()


def test_a_file_that_is_not_a_workbook_is_one_clear_error(tmp_path):
    path = tmp_path / "rota.xlsx"
    path.write_text("staff_id,2027-03-01\nA1,E\n")
    read = read_rota_workbook(path)
    assert not read.ok
    assert len(read.problems.errors) == 1
    assert "rota.xlsx" in str(read.problems.errors[0])


def test_a_failed_write_leaves_the_old_workbook_and_no_stray_file(written, monkeypatch):
    before = written.read_bytes()

    def broken(*args):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(writing, "write_scenario_sheets", broken)
    with pytest.raises(RuntimeError):
        write_rota_workbook(written, scenario(), hand_plan())
    assert written.read_bytes() == before
    assert [p.name for p in written.parent.iterdir()] == ["rota.xlsx"]


@pytest.mark.slow
def test_a_solved_rota_reads_back_exactly(tmp_path):
    from solver import SolveOptions, solve

    planned = scenario()
    plan = solve(planned, SolveOptions(time_limit=3))
    path = tmp_path / "solved.xlsx"
    write_rota_workbook(path, planned, plan)
    read = read_rota_workbook(path)
    assert read.ok
    assert read.rota == plan.rota
    assert set(read.activities) == set(plan.activities)


def test_a_shift_changed_by_hand_to_an_overlapping_one_gets_a_fresh_day(tmp_path):
    from planner.checks import check_rota

    late = early_pattern(code=PatternCode("L"), start=dt.time(10), end=dt.time(18))
    changed = small_scenario(patterns=(early_pattern(), NIGHT, late))
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, changed, hand_plan())
    edit(path, {("Rota", "D3"): "L"})  # A2's Monday early becomes a late
    read = read_rota_workbook(path)
    assert read.ok
    days = {(a.staff_id, a.date) for a in read.activities}
    assert ("A2", DATES[0]) not in days  # the early's break and work no longer fit the late
    assert ("A2", DATES[1]) in days
    checked = check_rota(changed, read.rota, read.activities)
    assert [b for b in checked.breaches if b.rule == "Breaks"] == []


def test_a_day_cut_short_by_training_keeps_its_activities_and_a_day_with_a_gap_does_not(
        tmp_path):
    # A2 trains from 12:00 on Tuesday: the morning's work and break are the whole of that day.
    training = Absence(StaffId("A2"), DATES[1], DATES[1], AbsenceKind.TRAINING,
                       dt.time(12), dt.time(17))
    cut_short = replace(scenario(), absences=scenario().absences + (training,))
    plan = hand_plan()
    morning = (Activity(StaffId("A2"), DATES[1], dt.datetime.combine(DATES[1], dt.time(8)),
                        dt.datetime.combine(DATES[1], dt.time(11, 30)), "voice"),
               Activity(StaffId("A2"), DATES[1], dt.datetime.combine(DATES[1], dt.time(11, 30)),
                        dt.datetime.combine(DATES[1], dt.time(12)), BREAK))
    # A3's Tuesday loses its afternoon with nobody away: the day no longer fits its shift.
    gap = [a for a in shift_blocks("A3", DATES[1], "E") if a.activity != "email"]
    activities = tuple(a for a in plan.activities
                       if (a.staff_id, a.date) not in {("A2", DATES[1]), ("A3", DATES[1])})
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, cut_short, replace(plan, activities=activities + morning
                                                 + tuple(gap)))
    read = read_rota_workbook(path)
    assert read.ok
    days = {(a.staff_id, a.date): [] for a in read.activities}
    for a in read.activities:
        days[(a.staff_id, a.date)].append(a)
    assert set(days[("A2", DATES[1])]) == set(morning)
    assert ("A3", DATES[1]) not in days
