"""The rota workbook's layout and looks, shared by the writer and the reader.

The workbook holds the output sheets (Rota, Activities, Coverage, Caseload, KPIs, Checks, and
Updates where a case queue may send proactive updates), then
the scenario's own sheets cell for cell as a scenario workbook has them (each cell as
`celltext.excel_cell` says), so `load_scenario` reads it as the scenario the rota was planned
from. Writing is in `rota_writing`, reading back a rota edited by hand in `rota_reading`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from planner.io.celltext import GENERAL, column_widths, excel_cell, number_text
from planner.io.table import clean_text, is_blank
from planner.io.writing import scenario_sheets
from planner.io.xlsx import ROTA_SHEETS
from planner.model import Scenario
from planner.plan import ANNUAL_LEAVE, BANK_HOLIDAY, BREAK, OFF, SICK, TRAINING

ROTA, ACTIVITIES, COVERAGE, CASELOAD, KPIS, CHECKS, UPDATES = ROTA_SHEETS
ROTA_COLUMNS = ("staff_id", "name", "team")
PAID_HOURS = "paid_hours"
AT_WORK = "people at work"
ACTIVITY_COLUMNS = ("staff_id", "date", "start", "end", "activity")
UPDATE_COLUMNS = ("queue", "proactive_updates")
CODE_MEANINGS = {OFF: "day off", ANNUAL_LEAVE: "annual leave", SICK: "sickness",
                 TRAINING: "training", BANK_HOLIDAY: "bank holiday"}

HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "text_wrap": True,
          "align": "center", "valign": "vcenter", "border": 1}
WEEKEND_HEADER = HEADER | {"font_color": "#1F1F1F", "bg_color": "#F4B183"}
# Light fills that keep black text readable, one per shift pattern, channel or queue in turn.
PALETTE = ("#BDD7EE", "#C6E0B4", "#FFE699", "#F8CBAD", "#D9C3E9", "#B4E5E2", "#F2C4DE",
           "#DDE8A8", "#C9C9F2", "#F6D2A8", "#A9D8C0", "#E6B9B8")
# Days not worked are grey and quiet, so the shifts stand out.
MUTED = {OFF: ("#FFFFFF", "#808080"), ANNUAL_LEAVE: ("#E7E6E6", "#404040"),
         SICK: ("#E7DADA", "#404040"), TRAINING: ("#DCE3EA", "#404040"),
         BANK_HOLIDAY: ("#D0D0D0", "#404040"), BREAK: ("#E7E6E6", "#404040")}
# A code too long for the narrow day columns shrinks to fit rather than spilling over.
CELL = {"align": "center", "valign": "vcenter", "border": 1, "border_color": "#BFBFBF",
        "shrink": True}


PATTERN_INK = "#1F1F1F"


def code_fills(scenario: Scenario) -> dict[str, tuple[str, str]]:
    """Fill and ink of each rota code: the palette's fills in turn for the shift patterns, grey
    for days not worked. The workbook, the window and the PDF all colour codes by this."""
    fills = {p.code: (PALETTE[i % len(PALETTE)], PATTERN_INK)
             for i, p in enumerate(scenario.patterns)}
    for code, look in MUTED.items():
        fills.setdefault(code, look)
    return fills


def code_colours(scenario: Scenario) -> dict[str, tuple[str, str, bool, bool]]:
    """Each code's (fill, ink, bold, known), as the rota workbook colours it: shift patterns
    bold, days not worked quiet. A code that is neither is shown plain, in italics."""
    patterns = {p.code for p in scenario.patterns}
    return {code: (fill, ink, code in patterns, True)
            for code, (fill, ink) in code_fills(scenario).items()}


class Styles:
    """The workbook's cell formats, made once: one per code, pattern, channel and queue."""

    def __init__(self, book, scenario: Scenario):
        self._book = book
        add = book.add_format
        self.header = add(HEADER)
        # Dates run upwards so that a month of days fits one printed page.
        self.day_header = add(HEADER | {"rotation": 90, "text_wrap": False})
        self.weekend_header = add(WEEKEND_HEADER | {"rotation": 90, "text_wrap": False})
        self.title = add({"bold": True, "font_size": 14})
        self.bold = add({"bold": True})
        self.text = add({})
        self.unit = add({"indent": 1})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.date = add({"num_format": "yyyy-mm-dd"})
        self.clock = add({"num_format": "hh:mm"})
        self.clock_seconds = add({"num_format": "hh:mm:ss"})
        self.whole = add({"num_format": "0"})
        self.number = add({"num_format": "#,##0.00"})
        self.one_decimal = add({"num_format": "#,##0.0"})
        self.percent = add({"num_format": "0.0%"})
        self.hours = add({"num_format": "0.0", "bold": True})
        self.total = add(CELL | {"bold": True, "bg_color": "#F2F2F2"})
        self.short = add({"bg_color": "#F4CCCC", "font_color": "#9C0006"})
        patterns = {p.code for p in scenario.patterns}
        self._codes = {code: add(CELL | {"bold": code in patterns, "bg_color": fill}
                                 | ({} if code in patterns else {"font_color": ink}))
                       for code, (fill, ink) in code_fills(scenario).items()}
        work = [c.name for c in scenario.channels] + [q.name for q in scenario.case_queues]
        self._activities = {name: add({"bg_color": PALETTE[-1 - i % len(PALETTE)]})
                            for i, name in enumerate(work)}
        self._activities[BREAK] = self._codes[BREAK]
        self._unknown = add(CELL | {"italic": True})
        self._numbers = {"yyyy-mm-dd": self.date, "hh:mm": self.clock,
                         "hh:mm:ss": self.clock_seconds}

    def number_format(self, number_format: str):
        """The look of a scenario sheet's cell shown with `number_format` (None: General)."""
        if number_format == GENERAL:
            return None
        if number_format not in self._numbers:
            self._numbers[number_format] = self._book.add_format({"num_format": number_format})
        return self._numbers[number_format]

    def code(self, code: str):
        """A rota cell's look: its pattern's colour, or grey for a day not worked."""
        return self._codes.get(code, self._unknown)

    def activity(self, name: str):
        return self._activities.get(name, self.text)


def printable(sheet, first_row: int, last_row: int) -> None:
    """Landscape A4, one page wide, with the heading rows (0-based) repeated on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    if last_row >= first_row:
        sheet.repeat_rows(first_row, last_row)


def write_table(sheet, styles: Styles, columns: Sequence[str], rows: Sequence[Sequence],
                formats: Sequence, widths: Sequence[int], first_row: int = 0) -> int:
    """A heading row and rows of values below it; returns the last row written (0-based)."""
    sheet.set_row(first_row, 30)
    sheet.write_row(first_row, 0, columns, styles.header)
    for row, values in enumerate(rows, start=first_row + 1):
        for column, value in enumerate(values):
            write_value(sheet, row, column, value, formats[column])
    for column, width in enumerate(widths):
        sheet.set_column(column, column, max(width, len(columns[column]) + 2))
    if first_row == 0:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        printable(sheet, 0, 0)
    return first_row + len(rows)


def write_value(sheet, row: int, column: int, value, cell_format=None) -> None:
    """One value as people expect it: text stays text, dates and times are real, no NaN."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return
    if isinstance(value, str):
        sheet.write_string(row, column, value, cell_format)
    elif isinstance(value, (dt.datetime, dt.time)):
        sheet.write_datetime(row, column, value, cell_format)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def write_scenario_sheets(book, styles: Styles, scenario: Scenario) -> None:
    """The scenario's sheets, cell for cell as `save_scenario` writes them, so they load back
    as the same scenario."""
    for sheet, columns, rows in scenario_sheets(scenario):
        tab = book.add_worksheet(sheet.name)
        tab.write_row(0, 0, [column.name for column in columns], styles.header)
        for number, cells in enumerate(rows, start=1):
            for index, (spec, value) in enumerate(cells):
                cell = excel_cell(spec, value)
                if cell is not None:
                    write_value(tab, number, index, cell.value,
                                styles.number_format(cell.number_format))
        for index, width in enumerate(column_widths(columns, rows)):
            tab.set_column(index, index, width)
        tab.freeze_panes(1, 0)
        printable(tab, 0, 0)


# Reading the output sheets back (see rota_reading; `workbook` reads their rows).
def words(value: object) -> str:
    """A cell as the text a person reads in it."""
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # a date heading Excel turned into a real date
    return "" if is_blank(value) else clean_text(str(value))


def cell_at(values: tuple[object, ...], index: int | None) -> object:
    return values[index] if index is not None and index < len(values) else None
