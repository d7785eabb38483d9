"""The rota as a workbook a team leader prints, shares and edits, with the scenario it came from.

Sheets: Rota (a row per person, a column per date, each cell a shift pattern code or OFF, AL,
SICK, TRN, BH), Activities (what each person does when), Coverage (service per live channel and
interval, with the avoidable contacts among them), Caseload (each queue day by day, with the
contacts its customers make chasing it), KPIs, Checks (every broken rule in words), Updates
(whether each queue that may send proactive updates does), then the
scenario's own sheets, so the workbook loads as the scenario it was planned from and can be
checked again after it is edited by hand.

Every code keeps its text in the cell, so colour is never the only signal. The Rota prints
landscape, one page wide, team by team, with its heading row on every page.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable

import xlsxwriter

from planner.gap import StructuralGap, structural_gap
from planner.io.atomic import atomic_write
from planner.io.rota_workbook import (
    ACTIVITIES,
    ACTIVITY_COLUMNS,
    AT_WORK,
    CASELOAD,
    CHECKS,
    CODE_MEANINGS,
    COVERAGE,
    KPIS,
    PAID_HOURS,
    ROTA,
    ROTA_COLUMNS,
    UPDATE_COLUMNS,
    UPDATES,
    Styles,
    printable,
    write_scenario_sheets,
    write_table,
    write_value,
)
from planner.kpis import Kpis, kpis_of
from planner.model import Scenario, Staff
from planner.plan import NOT_WORKING, OFF, Breach, Plan, RotaCell
from planner.words import COST_PARTS, NEVER_ANSWERED, NO_BOUND, to_pence
from planner.words import gap as gap_words

COVERAGE_COLUMNS = ("date", "interval_start", "channel", "volume", "required", "planned",
                    "service_level", "asa_seconds", "abandon_rate", "avoidable")
CASELOAD_COLUMNS = ("queue", "date", "arrivals", "done", "backlog", "overdue", "avoidable",
                    "update_minutes")
CHECK_COLUMNS = ("rule", "who", "dates", "size", "unit", "message")
NO_BREACH = "No rule is broken."
COST_HEADING = "What the rota costs"
GAP_HEADING = "Hours the targets need"
COST = "Cost"
BROKEN_RULES = "broken rules (see Checks)"
SEARCH = "Search"
SEARCH_NOTE = ("The solver's own figures while it searched, not what the rota costs: its "
               "objective values service with a smooth stand-in for the queueing curve. What "
               "the rota costs is Cost, above.")


def write_rota_workbook(path: str | os.PathLike, scenario: Scenario, plan: Plan) -> None:
    """Write the plan's rota workbook; the old file is replaced only once the new one is whole."""
    kpis = kpis_of(scenario, plan.assessment)
    with atomic_write(path) as temp:
        book = xlsxwriter.Workbook(str(temp))
        styles = Styles(book, scenario)
        staff = rota_order(scenario)
        _rota_sheet(book.add_worksheet(ROTA), styles, scenario, plan.rota, staff)
        _activities_sheet(book.add_worksheet(ACTIVITIES), styles, plan, staff)
        _coverage_sheet(book.add_worksheet(COVERAGE), styles, plan)
        _caseload_sheet(book.add_worksheet(CASELOAD), styles, plan)
        _kpis_sheet(book.add_worksheet(KPIS), styles, scenario, plan, kpis)
        _checks_sheet(book.add_worksheet(CHECKS), styles, scenario, plan.assessment.breaches)
        if any(q.updates_possible for q in scenario.case_queues):
            _updates_sheet(book.add_worksheet(UPDATES), styles, scenario, plan)
        write_scenario_sheets(book, styles, scenario)
        book.close()


def rota_order(scenario: Scenario) -> list[Staff]:
    """People grouped by team, teams in the order they first appear in Staff."""
    teams = list(dict.fromkeys(person.team for person in scenario.staff))
    return sorted(scenario.staff, key=lambda person: teams.index(person.team))


def _rota_sheet(sheet, styles: Styles, scenario: Scenario, rota: tuple[RotaCell, ...],
                staff: list[Staff]) -> None:
    dates = scenario.settings.dates
    codes = {(cell.staff_id, cell.date): cell.code for cell in rota}
    paid = {p.code: p.paid_minutes / 60 for p in scenario.patterns}
    first_date, last = len(ROTA_COLUMNS), len(ROTA_COLUMNS) + len(dates)
    sheet.set_row(0, 72)
    sheet.write_row(0, 0, ROTA_COLUMNS, styles.header)
    for column, day in enumerate(dates, start=first_date):
        sheet.write_string(0, column, day.isoformat(),
                           styles.weekend_header if day.weekday() >= 5 else styles.day_header)
    sheet.write_string(0, last, PAID_HOURS, styles.header)
    breaks = []
    for row, person in enumerate(staff, start=1):
        if row > 1 and person.team != staff[row - 2].team:
            breaks.append(row)
        sheet.write_row(row, 0, (person.staff_id, person.name, person.team), styles.text)
        day_codes = [codes.get((person.staff_id, day), OFF) for day in dates]
        for column, code in enumerate(day_codes, start=first_date):
            sheet.write_string(row, column, code, styles.code(code))
        sheet.write_number(row, last, sum(paid.get(c, 0.0) for c in day_codes), styles.hours)
    footer = len(staff) + 1
    sheet.write_string(footer, 0, AT_WORK, styles.bold)
    for column, day in enumerate(dates, start=first_date):
        working = sum(codes.get((p.staff_id, day), OFF) not in NOT_WORKING for p in staff)
        sheet.write_number(footer, column, working, styles.total)
    _legend(sheet, styles, scenario, footer + 2)
    if staff:
        sheet.data_validation(1, first_date, len(staff), last - 1, _code_choices(scenario))
    widths = [10, _longest((p.name for p in staff), 14), _longest((p.team for p in staff), 12)]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.set_column(first_date, last - 1, 6)
    sheet.set_column(last, last, 11)
    sheet.freeze_panes(1, first_date)
    sheet.set_h_pagebreaks(breaks)
    printable(sheet, 0, 0)


def _legend(sheet, styles: Styles, scenario: Scenario, row: int) -> None:
    """What each code means, below the rota, so a printed page explains itself."""
    sheet.write_string(row, 1, "code", styles.bold)
    sheet.write_string(row, 2, "meaning", styles.bold)
    for offset, pattern in enumerate(scenario.patterns, start=1):
        sheet.write_string(row + offset, 1, pattern.code, styles.code(pattern.code))
        sheet.write_string(row + offset, 2, f"{pattern.start:%H:%M}-{pattern.end:%H:%M}, "
                           f"{pattern.paid_minutes / 60:g} paid hours")
    row += len(scenario.patterns)
    for offset, (code, meaning) in enumerate(CODE_MEANINGS.items(), start=1):
        sheet.write_string(row + offset, 1, code, styles.code(code))
        sheet.write_string(row + offset, 2, meaning)


def _code_choices(scenario: Scenario) -> dict:
    """A drop-down of the codes a cell may hold; other text is allowed after a warning."""
    codes = [p.code for p in scenario.patterns] + list(CODE_MEANINGS)
    rule = {"validate": "list", "source": codes, "error_type": "warning",
            "error_title": "Not a rota code",
            "error_message": "Write a shift pattern code, or OFF, AL, SICK, TRN or BH."}
    return rule if len(",".join(codes)) <= 255 else {"validate": "any"}


def _longest(texts: Iterable[str], floor: int) -> int:
    return min(max([floor] + [len(text) + 2 for text in texts]), 40)


def _activities_sheet(sheet, styles: Styles, plan: Plan, staff: list[Staff]) -> None:
    order = {person.staff_id: index for index, person in enumerate(staff)}
    blocks = sorted(plan.activities,
                    key=lambda a: (order.get(a.staff_id, len(order)), a.date, a.start))
    rows = [(a.staff_id, _day(a.date), a.start.time(), a.end.time(), a.activity) for a in blocks]
    formats = [styles.text, styles.date, styles.clock, styles.clock, None]
    write_table(sheet, styles, ACTIVITY_COLUMNS, rows, formats, (10, 12, 8, 8, 18))
    for row, block in enumerate(blocks, start=1):
        sheet.write_string(row, 4, block.activity, styles.activity(block.activity))
    sheet.freeze_panes(1, 1)


def _day(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time())


def _coverage_sheet(sheet, styles: Styles, plan: Plan) -> None:
    served = [row for row in plan.assessment.coverage
              if row.volume > 0 or row.planned > 0 or row.required > 0]
    rows = [(_day(r.date), r.interval_start, r.channel, r.volume, r.required, r.planned,
             r.service_level, _finite(r.asa_seconds), r.abandon_rate, r.avoidable)
            for r in served]
    formats = [styles.date, styles.clock, styles.text, styles.one_decimal, styles.whole,
               styles.whole, styles.percent, styles.whole, styles.percent, styles.one_decimal]
    write_table(sheet, styles, COVERAGE_COLUMNS, rows, formats,
                (12, 10, 18, 9, 10, 9, 13, 12, 13, 11))
    if rows:
        # Fewer people than needed: the number shows it, the shading draws the eye.
        sheet.conditional_format(1, 5, len(rows), 5, {
            "type": "formula", "criteria": "=$F2<$E2", "format": styles.short})
    sheet.freeze_panes(1, 3)


def _finite(value: float) -> float | str:
    return value if math.isfinite(value) else NEVER_ANSWERED


def _caseload_sheet(sheet, styles: Styles, plan: Plan) -> None:
    rows = [(d.queue, _day(d.date), d.arrivals, d.done, d.backlog, d.overdue, d.avoidable,
             d.update_minutes) for d in plan.assessment.caseload]
    formats = [styles.text, styles.date] + [styles.one_decimal] * 6
    write_table(sheet, styles, CASELOAD_COLUMNS, rows, formats,
                (18, 12, 10, 10, 10, 10, 11, 15))
    if rows:
        sheet.conditional_format(1, 5, len(rows), 5, {
            "type": "cell", "criteria": ">", "value": 0.005, "format": styles.short})
    sheet.freeze_panes(1, 1)


def _kpis_sheet(sheet, styles: Styles, scenario: Scenario, plan: Plan, kpis: Kpis) -> None:
    """What the rota costs (the one money figure, with its parts) and its hours first, then
    service, caseload and avoidable contacts, and last, apart, the search's own figures."""
    money = [(COST, to_pence(kpis.cost.total), styles.bold, styles.number)] + [
        (words, to_pence(getattr(kpis.cost, name)), styles.unit, styles.number)
        for name, words in COST_PARTS]
    row = _block(sheet, styles, 0, (COST_HEADING, "£"), money)
    row = _block(sheet, styles, row + 2, ("Hours and rules", "value"), [
        ("paid hours", kpis.paid_hours, styles.unit, styles.one_decimal),
        ("cover staff hours", kpis.cover_hours, styles.unit, styles.one_decimal),
        (BROKEN_RULES, len(kpis.breaches), styles.unit, styles.whole)])
    row = _gap_block(sheet, styles, row + 2, structural_gap(scenario))
    channels = [(f.channel, f.volume, f.service_level, f.target,
                 NEVER_ANSWERED if f.asa_seconds == math.inf else f.asa_seconds, f.abandon_rate)
                for f in kpis.channels]
    row = write_table(sheet, styles, ("channel", "volume", "service_level", "service_level_target",
                                      "asa_seconds", "abandon_rate"), channels,
                      [styles.bold, styles.one_decimal, styles.percent, styles.percent,
                       styles.whole, styles.percent], (), first_row=row + 2)
    queues = [(f.queue, f.on_time_rate, f.target, f.overdue_cases, f.max_backlog, f.arrivals,
               f.done) for f in kpis.queues]
    row = write_table(sheet, styles, ("queue", "on_time_rate", "target_on_time", "overdue_cases",
                                      "max_backlog", "arrivals", "done"), queues,
                      [styles.bold, styles.percent, styles.percent] + [styles.one_decimal] * 4,
                      (), first_row=row + 2)
    avoidable = [(f.queue, f.channel, f.contacts, f.contacts_per_week, f.phone_hours,
                  f.phone_hours_per_week, "yes" if f.queue in plan.updates else "no",
                  f.update_hours) for f in kpis.avoidable]
    if avoidable:
        row = write_table(sheet, styles, ("avoidable contacts", "chase_channel", "contacts",
                                          "contacts_per_week", "phone_hours",
                                          "phone_hours_per_week", "proactive_updates",
                                          "update_hours"), avoidable,
                          [styles.bold, styles.text] + [styles.one_decimal] * 4
                          + [styles.text, styles.one_decimal], (), first_row=row + 2)
    proven = gap_words(plan.bound, plan.gap) != NO_BOUND
    top = row + 2
    row = _block(sheet, styles, top, (SEARCH, "value"), [
        ("status", str(plan.status), styles.unit, styles.text),
        ("search objective", plan.objective, styles.unit, styles.number),
        ("bound", plan.bound if proven else NO_BOUND, styles.unit, styles.number),
        ("gap", plan.gap if proven else NO_BOUND, styles.unit, styles.percent),
        ("search seconds", plan.wall_seconds, styles.unit, styles.one_decimal)])
    sheet.merge_range(top + 1, 2, row, 4, SEARCH_NOTE, styles.wrap)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 7, 15)
    sheet.set_column(3, 3, 22)
    printable(sheet, 0, -1)


def _gap_block(sheet, styles: Styles, first_row: int, gap: StructuralGap) -> int:
    """Whether the contracts give the hours the targets need (planner.gap), then each channel
    and queue: its hours needed against its skilled people's contracted hours."""
    row = _block(sheet, styles, first_row, (GAP_HEADING, "hours a week"), [
        ("needed", gap.needed, styles.unit, styles.one_decimal),
        ("contracted", gap.given, styles.unit, styles.one_decimal),
        ("short", gap.short, styles.bold, styles.one_decimal),
        ("full-time equivalents", gap.full_time_equivalents, styles.unit, styles.one_decimal)])
    sheet.merge_range(first_row + 1, 2, row, 5, gap.words(), styles.wrap)
    return write_table(sheet, styles, ("work", "needed_hours_a_week", "skilled_hours_a_week"),
                       [(w.name, w.needed, w.skilled) for w in gap.work],
                       [styles.bold, styles.one_decimal, styles.one_decimal], (),
                       first_row=row + 2)


def _block(sheet, styles: Styles, first_row: int, heading: tuple[str, str],
           rows: list[tuple]) -> int:
    """A heading and (label, value, label format, value format) rows; returns the last row."""
    sheet.write_row(first_row, 0, heading, styles.header)
    for row, (label, value, label_format, value_format) in enumerate(rows, start=first_row + 1):
        sheet.write_string(row, 0, label, label_format)
        write_value(sheet, row, 1, value, value_format)
    return first_row + len(rows)


def _updates_sheet(sheet, styles: Styles, scenario: Scenario, plan: Plan) -> None:
    """Whether the plan sends proactive updates on each queue that may: read back by `planner
    check`, so a team leader may change it here and check again."""
    rows = [(str(q.name), "yes" if q.name in plan.updates else "no")
            for q in scenario.case_queues if q.updates_possible]
    write_table(sheet, styles, UPDATE_COLUMNS, rows, [styles.bold, styles.text], (22, 18))
    sheet.freeze_panes(1, 1)


def _checks_sheet(sheet, styles: Styles, scenario: Scenario, breaches: tuple[Breach, ...]) -> None:
    names = {person.staff_id: person.name for person in scenario.staff}
    rows = [(b.rule, who(b.staff_ids, names), date_ranges(b.dates), b.size, b.unit, b.message)
            for b in breaches]
    formats = [styles.bold, styles.wrap, styles.wrap, styles.text, styles.unit, styles.wrap]
    write_table(sheet, styles, CHECK_COLUMNS, rows, formats, (30, 26, 26, 8, 10, 70))
    if not rows:
        sheet.write_string(1, 0, NO_BREACH, styles.bold)
    sheet.freeze_panes(1, 1)


def who(staff_ids: Iterable[str], names: dict[str, str]) -> str:
    """People as a team leader names them: "Sam Patel (A7), Jo King (A9)"."""
    return ", ".join(f"{names[i]} ({i})" if i in names else i for i in staff_ids)


def date_ranges(dates: Iterable[dt.date]) -> str:
    """Dates with runs of consecutive days shortened: "2027-03-01 to 2027-03-05, 2027-03-08"."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(dates)):
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(f"{run[0]} to {run[-1]}" if len(run) > 2 else
                     ", ".join(d.isoformat() for d in run) for run in runs)
