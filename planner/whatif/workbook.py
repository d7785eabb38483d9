"""The comparison as a workbook a manager prints and shares: the base and each variant side by
side, then how far each variant is from the base.

The Comparison sheet has a column per scenario (base first) and a row per figure of
`compare_table`, then a "change from base" column per variant, better in green and worse in
red (the sign says it too, so colour is never the only signal). Numbers stay numbers, with
formats that read as the window's table does. The Changes sheet lists each variant's changes
in words and how its solve ended.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import xlsxwriter

from planner.io.atomic import atomic_write
from planner.io.rota_workbook import HEADER, printable
from planner.whatif.compare import ComparedRow, Unit, compare_table
from planner.whatif.runs import VariantResult

COMPARISON, CHANGES = "Comparison", "Changes"
HEADER_ROW = 3  # 0-based: the title and what was compared sit above it
LABEL_WIDTH, VALUE_WIDTH = 36, 22
GOOD = {"font_color": "#006100", "bg_color": "#C6EFCE"}
BAD = {"font_color": "#9C0006", "bg_color": "#FFC7CE"}
# (format of a value, format of a change from the base); a share's change is in points, a
# wait's in seconds (Excel shows no length of time below zero).
FORMATS = {
    Unit.HOURS: ("#,##0.0", '+#,##0.0;-#,##0.0;0.0'),
    Unit.POUNDS: ("£#,##0", "+£#,##0;-£#,##0;£0"),
    Unit.SHARE: ("0.0%", '+0.0" pts";-0.0" pts";0.0" pts"'),
    # "42 s" under a minute, "2 min 05 s" from one: as planner.words.wait words a wait.
    Unit.SECONDS: ('[<0.000694]s" s";[m]" min "ss" s"', '+#,##0" s";-#,##0" s";0" s"'),
    Unit.COUNT: ("#,##0.0", "+#,##0.0;-#,##0.0;0.0"),
}
WHOLE_COUNT = ("#,##0", "+#,##0;-#,##0;0")


def write_comparison_workbook(path: str | os.PathLike, results: Sequence[VariantResult],
                              about: str = "") -> None:
    """Write the comparison of `results` (base first); `about` says what was compared (the
    scenario, its dates, the time each solve had). The old file is replaced only once the new
    one is whole."""
    rows = compare_table([(r.name, r.kpis) for r in results])
    with atomic_write(path) as temp:
        book = xlsxwriter.Workbook(str(temp))
        looks = _Looks(book)
        _comparison(book.add_worksheet(COMPARISON), looks, results, rows, about)
        _changes(book.add_worksheet(CHANGES), looks, results)
        book.close()


class _Looks:
    """The workbook's cell formats, each made once."""

    def __init__(self, book):
        self._book = book
        add = book.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.header = add(HEADER | {"align": "center", "valign": "vcenter"})
        self.label = add({"bold": True, "valign": "top", "text_wrap": True})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.dash = add({"align": "right", "font_color": "#595959"})
        self._made: dict[tuple, object] = {}

    def number(self, num_format: str, better: bool | None = None):
        key = (num_format, better)
        if key not in self._made:
            look = {"num_format": num_format} | (
                {} if better is None else GOOD if better else BAD)
            self._made[key] = self._book.add_format(look)
        return self._made[key]


def _comparison(sheet, looks: _Looks, results: Sequence[VariantResult],
                rows: list[ComparedRow], about: str) -> None:
    count = len(results)
    sheet.write_string(0, 0, "What-if comparison", looks.title)
    if about:
        sheet.write_string(1, 0, about)
    top = HEADER_ROW
    sheet.set_row(top, 48)
    sheet.write_string(top, 0, "Figure", looks.header)
    for column, result in enumerate(results, start=1):
        sheet.write_string(top, column, result.name, looks.header)
    for column, result in enumerate(results[1:], start=count + 1):
        sheet.write_string(top, column, f"{result.name}: change from base", looks.header)
    sheet.write_string(top + 1, 0, "Changes", looks.label)
    sheet.write_string(top + 2, 0, "Result", looks.label)
    lines = 1
    for column, result in enumerate(results, start=1):
        sheet.write_string(top + 1, column, "\n".join(result.changes), looks.wrap)
        said = result.status + (f": {result.problem}" if result.problem else "")
        sheet.write_string(top + 2, column, said, looks.wrap)
        lines = max(lines, sum(1 + len(line) // VALUE_WIDTH for line in result.changes))
    sheet.set_row(top + 1, 15 * lines)
    for offset, row in enumerate(rows, start=top + 3):
        sheet.write_string(offset, 0, row.label)
        for column in range(count):
            _value(sheet, looks, offset, column + 1, row, column)
        for column in range(1, count):
            _change(sheet, looks, offset, count + column, row, column)
    sheet.set_column(0, 0, max([LABEL_WIDTH] + [len(row.label) + 2 for row in rows]))
    sheet.set_column(1, max(1, 2 * count - 1), VALUE_WIDTH)
    sheet.freeze_panes(top + 1, 1)
    printable(sheet, top, top)


def _formats(row: ComparedRow) -> tuple[str, str]:
    if row.unit is Unit.COUNT and all(v is None or float(v).is_integer() for v in row.values):
        return WHOLE_COUNT
    return FORMATS[row.unit]


def _value(sheet, looks: _Looks, at: int, column: int, row: ComparedRow, index: int) -> None:
    value = row.values[index]
    if value is None:
        sheet.write_string(at, column, row.shown_for_none[index], looks.dash)
        return
    if row.unit is Unit.SECONDS:  # a length of time, as Excel keeps one: in days
        value = round(value) / 86400
    sheet.write_number(at, column, value, looks.number(_formats(row)[0]))


def _change(sheet, looks: _Looks, at: int, column: int, row: ComparedRow, index: int) -> None:
    change = row.change(index)
    if change is None:
        sheet.write_string(at, column, "-", looks.dash)
        return
    shown = 100 * change if row.unit is Unit.SHARE else change  # shares: in points
    sheet.write_number(at, column, shown, looks.number(_formats(row)[1], row.better(index)))


def _changes(sheet, looks: _Looks, results: Sequence[VariantResult]) -> None:
    columns = ("scenario", "change", "in words", "result", "why")
    sheet.set_row(0, 30)
    sheet.write_row(0, 0, columns, looks.header)
    row = 0
    for result in results:
        for number, line in enumerate(result.changes, start=1):
            row += 1
            sheet.write_string(row, 0, result.name)
            sheet.write_number(row, 1, number)
            sheet.write_string(row, 2, line, looks.wrap)
            if number == 1:
                sheet.write_string(row, 3, result.status)
                sheet.write_string(row, 4, result.problem, looks.wrap)
    for column, width in enumerate((24, 8, 60, 24, 60)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    printable(sheet, 0, 0)
