"""The rota as a printable PDF: landscape A4, one team per page, in the rota workbook's colours.

Rows are people (name and staff id), columns the plan's dates, each cell the day's code (a shift
pattern code, or OFF, AL, SICK, TRN, BH) on its colour, so the colour is never the only signal.
Paid hours per person sit at the right and a key of the codes, with each shift pattern's
times, at the foot of every page. A team too tall for one page continues on the next with the
heading row repeated. Sizes follow the width of a day column, so a four-week plan still reads.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from planner.io.atomic import atomic_write
from planner.io.rota_workbook import CODE_MEANINGS, HEADER, WEEKEND_HEADER, code_colours
from planner.io.rota_writing import rota_order
from planner.model import Scenario, Staff
from planner.plan import OFF, RotaCell
from planner.words import long_date
from planner.words import number as figure

MARGIN_MM = 10.0
RESOLUTION = 720  # dots per inch: ten per point, so geometry in points stays exact
INK = QColor("#000000")
GRID = QColor("#BFBFBF")  # the rota workbook's cell borders
WEEKEND_TINT = QColor("#FCE4D6")  # a pale version of the weekend heading, behind days off
FAMILIES = ["Arial", "Liberation Sans", "Helvetica", "DejaVu Sans"]
GAP = 6.0  # points between the title, the table and the key


@dataclass(frozen=True)
class _Sizes:
    """Column widths, row heights and font sizes in points, chosen from the page width."""

    width: float
    height: float
    name_width: float
    hours_width: float
    day_width: float
    row_height: float
    header_height: float
    title_height: float
    code_pt: float
    day_pt: float
    name_pt: float
    key_pt: float
    title_pt: float


@dataclass(frozen=True)
class _Page:
    """One printed page: some of a team's people, and whether the team began on an earlier page."""

    team: str
    people: tuple[Staff, ...]
    continued: bool


def write_rota_pdf(path: str | os.PathLike, scenario: Scenario, rota: Sequence[RotaCell],
                   title: str = "") -> None:
    """Write the rota, team by team, as a PDF; the old file is replaced only once it is whole.

    Raises OSError with a message naming the file when it cannot be written.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise OSError(f"Cannot save the rota PDF to {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise OSError(f"Cannot save the rota PDF to {target}: that is a folder")
    _need_gui()
    try:
        with atomic_write(target) as temp:
            _draw(temp, scenario, rota, title)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OSError(f"Cannot save the rota PDF to {target}: {reason}") from exc


_APP: QGuiApplication | None = None


def _need_gui() -> None:
    """Fonts need a GUI application; the window has one, a script may not yet."""
    global _APP
    if QGuiApplication.instance() is None:
        _APP = QGuiApplication([])
    elif not isinstance(QGuiApplication.instance(), QGuiApplication):
        raise RuntimeError("A rota PDF needs a Qt GUI application to measure its fonts")


def _draw(temp: Path, scenario: Scenario, rota: Sequence[RotaCell], title: str) -> None:
    writer = QPdfWriter(str(temp))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title or "Rota")
    writer.setCreator("Caseload planner")
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                         QPageLayout.Unit.Millimeter)
    writer.setPageLayout(layout)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the file could not be opened for writing")
    try:
        _Drawing(painter, writer, scenario, rota, title).draw()
    finally:
        painter.end()


class _Drawing:
    """Draws every page; geometry is worked out in points and scaled to the writer's dots."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, scenario: Scenario,
                 rota: Sequence[RotaCell], title: str):
        self.painter = painter
        self.writer = writer
        self.scenario = scenario
        self.title = title or "Rota"
        self.dates = scenario.settings.dates
        self.unit = writer.resolution() / 72.0
        self.codes = {(cell.staff_id, cell.date): cell.code for cell in rota}
        self.paid = {p.code: p.paid_minutes for p in scenario.patterns}
        self.colours = code_colours(scenario)
        area = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.sizes = self._sizes(area.width(), area.height())
        self.key = self._key_items()
        self.key_height = self._lay_out_key(draw_top=None)

    # ---- sizes -------------------------------------------------------------------------------

    def _sizes(self, width: float, height: float) -> _Sizes:
        days = max(len(self.dates), 1)
        hours_width = 40.0
        name_width = 120.0
        for _ in range(2):  # the name column and the day columns share the width: settle both
            day_width = (width - name_width - hours_width) / days
            code_pt = _clamp(day_width * 0.38, 5.5, 10.0)
            name_pt = _clamp(code_pt, 6.5, 9.0)
            longest = max((self._text_width(p.name, self._font(name_pt))
                           + self._text_width(p.staff_id, self._font(name_pt * 0.9))
                           for p in self.scenario.staff), default=60.0)
            name_width = min(max(longest + 16, 90.0), width * 0.24)
        day_width = (width - name_width - hours_width) / days
        day_pt = _clamp(day_width * 0.33, 5.5, 9.0)
        row_height = _clamp(code_pt * 1.9, 12.0, 22.0)
        return _Sizes(width=width, height=height, name_width=name_width,
                      hours_width=hours_width, day_width=day_width, row_height=row_height,
                      header_height=day_pt * 3.0, title_height=14.0, code_pt=code_pt,
                      day_pt=day_pt, name_pt=name_pt, key_pt=7.0, title_pt=10.5)

    def _rows_per_page(self) -> int:
        s = self.sizes
        room = s.height - s.title_height - GAP - s.header_height - GAP - self.key_height
        return max(int(room // s.row_height), 1)

    # ---- pages -------------------------------------------------------------------------------

    def pages(self) -> list[_Page]:
        staff = rota_order(self.scenario)
        teams = list(dict.fromkeys(person.team for person in staff))
        per_page = self._rows_per_page()
        pages = []
        for team in teams:
            people = [person for person in staff if person.team == team]
            for first in range(0, len(people), per_page):
                pages.append(_Page(team, tuple(people[first:first + per_page]), first > 0))
        return pages or [_Page("", (), False)]

    def draw(self) -> None:
        pages = self.pages()
        for number, page in enumerate(pages, start=1):
            if number > 1:
                self.writer.newPage()
            self._draw_page(page, number, len(pages))

    def _draw_page(self, page: _Page, number: int, count: int) -> None:
        s = self.sizes
        self._title(page, number, count)
        top = s.title_height + GAP
        self._header(top)
        top += s.header_height
        for row, person in enumerate(page.people):
            self._person(person, top + row * s.row_height)
        if not page.people:
            self._text(QRectF(0, top, s.width, s.row_height), "There are no staff in this "
                       "scenario.", self._font(s.name_pt), INK, Qt.AlignmentFlag.AlignLeft)
        self._lay_out_key(draw_top=s.height - self.key_height)

    # ---- parts of a page ---------------------------------------------------------------------

    def _title(self, page: _Page, number: int, count: int) -> None:
        s = self.sizes
        font = self._font(s.title_pt, bold=True)
        first, last = self.scenario.settings.plan_start, self.scenario.settings.plan_end
        team = f"{page.team} (continued)" if page.continued else page.team
        right = f"page {number} of {count}"
        right_width = self._text_width(right, font) + 4
        left = f"{self.title}: {long_date(first)} to {long_date(last)}"
        if team:
            left += f"  \u2013  {team}"
        left = QFontMetricsF(font, self.writer).elidedText(
            left, Qt.TextElideMode.ElideMiddle, (s.width - right_width - 12) * self.unit)
        row = QRectF(0, 0, s.width, s.title_height)
        self._text(row, left, font, INK, Qt.AlignmentFlag.AlignLeft)
        self._text(row, right, self._font(s.title_pt), INK, Qt.AlignmentFlag.AlignRight)

    def _header(self, top: float) -> None:
        s = self.sizes
        fill, ink = QColor(HEADER["bg_color"]), QColor(HEADER["font_color"])
        bold = self._font(s.day_pt, bold=True)
        name_cell = QRectF(0, top, s.name_width, s.header_height)
        self._box(name_cell, fill)
        self._text(name_cell.adjusted(3, 0, -3, 0), "Name", bold, ink, Qt.AlignmentFlag.AlignLeft)
        self._text(name_cell.adjusted(3, 0, -3, 0), "Staff id", self._font(s.day_pt), ink,
                   Qt.AlignmentFlag.AlignRight)
        for index, day in enumerate(self.dates):
            cell = QRectF(s.name_width + index * s.day_width, top, s.day_width, s.header_height)
            weekend = day.weekday() >= 5
            look = WEEKEND_HEADER if weekend else HEADER
            self._box(cell, QColor(look["bg_color"]))
            self._lines(cell, (f"{day:%a}", f"{day.day}/{day.month}"), bold,
                        QColor(look["font_color"]))
        hours = QRectF(s.width - s.hours_width, top, s.hours_width, s.header_height)
        self._box(hours, fill)
        self._lines(hours, ("Paid", "hours"), bold, ink)

    def _person(self, person: Staff, top: float) -> None:
        s = self.sizes
        name_cell = QRectF(0, top, s.name_width, s.row_height)
        self._box(name_cell, QColor("#FFFFFF"))
        inner = name_cell.adjusted(3, 0, -3, 0)
        id_font = self._font(s.name_pt * 0.9)
        id_width = self._text_width(person.staff_id, id_font) + 4
        name_font = self._font(s.name_pt)
        name = QFontMetricsF(name_font, self.writer).elidedText(
            person.name, Qt.TextElideMode.ElideRight, (inner.width() - id_width) * self.unit)
        self._text(inner, name, name_font, INK, Qt.AlignmentFlag.AlignLeft)
        self._text(inner, person.staff_id, id_font, QColor("#595959"),
                   Qt.AlignmentFlag.AlignRight)
        minutes = 0
        for index, day in enumerate(self.dates):
            code = self.codes.get((person.staff_id, day), OFF)
            minutes += self.paid.get(code, 0)
            cell = QRectF(s.name_width + index * s.day_width, top, s.day_width, s.row_height)
            self._code_cell(cell, code, weekend=day.weekday() >= 5, size=s.code_pt)
        hours = QRectF(s.width - s.hours_width, top, s.hours_width, s.row_height)
        self._box(hours, QColor("#FFFFFF"))
        self._text(hours.adjusted(0, 0, -4, 0), hours_text(minutes),
                   self._font(s.name_pt, bold=True), INK, Qt.AlignmentFlag.AlignRight)

    def _code_cell(self, cell: QRectF, code: str, weekend: bool, size: float) -> None:
        fill, ink, bold, known = self.colours.get(code, ("#FFFFFF", "#000000", False, False))
        colour = QColor(fill)
        if weekend and colour == QColor("#FFFFFF"):
            colour = WEEKEND_TINT
        self._box(cell, colour)
        font = self._font(size, bold=bold, italic=not known)
        self._fitted(cell.adjusted(1.5, 1, -1.5, -1), code, font, QColor(ink))

    # ---- the key -----------------------------------------------------------------------------

    def _key_items(self) -> list[tuple[str, str]]:
        items = [(p.code, f"{p.start:%H:%M}\u2013{p.end:%H:%M}, {hours_text(p.paid_minutes)} "
                  "paid hours") for p in self.scenario.patterns]
        items.extend(CODE_MEANINGS.items())
        return items

    def _lay_out_key(self, draw_top: float | None) -> float:
        """Flow the key's entries left to right; draw them if `draw_top` is given.

        Returns the height the key takes, so the table can stop above it.
        """
        s = self.sizes
        font = self._font(s.key_pt)
        bold = self._font(s.key_pt, bold=True)
        line = s.key_pt * 2.2
        label = "Key:"
        x = self._text_width(label, bold) + 6
        y = 0.0
        if draw_top is not None:
            self._text(QRectF(0, draw_top, x, line), label, bold, INK, Qt.AlignmentFlag.AlignLeft)
        for code, meaning in self.key:
            swatch = max(self._text_width(code, bold) + 6, 16.0)
            width = swatch + 3 + self._text_width(meaning, font) + 12
            if x + width > s.width and x > 0:
                x, y = self._text_width(label, bold) + 6, y + line
            if draw_top is not None:
                box = QRectF(x, draw_top + y + 2, swatch, line - 4)
                fill, ink, is_bold, _ = self.colours.get(code, ("#FFFFFF", "#000000", False, True))
                self._box(box, QColor(fill))
                self._text(box, code, self._font(s.key_pt, bold=is_bold), QColor(ink),
                           Qt.AlignmentFlag.AlignHCenter)
                self._text(QRectF(x + swatch + 3, draw_top + y, width, line), meaning, font, INK,
                           Qt.AlignmentFlag.AlignLeft)
            x += width
        return y + line

    # ---- drawing helpers (points in, dots out) -----------------------------------------------

    def _font(self, points: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FAMILIES)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic)
        # No ligatures: "Staff" and "Whitfield" stay letters a reader can search for and copy.
        font.setFeature(QFont.Tag("liga"), 0)
        return font

    def _text_width(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).horizontalAdvance(text) / self.unit

    def _dots(self, rect: QRectF) -> QRectF:
        u = self.unit
        return QRectF(rect.x() * u, rect.y() * u, rect.width() * u, rect.height() * u)

    def _box(self, rect: QRectF, fill: QColor) -> None:
        pen = QPen(GRID)
        pen.setWidthF(0.5 * self.unit)
        self.painter.setPen(pen)
        self.painter.setBrush(fill)
        self.painter.drawRect(self._dots(rect))

    def _text(self, rect: QRectF, text: str, font: QFont, ink: QColor,
              align: Qt.AlignmentFlag) -> None:
        self.painter.setFont(font)
        self.painter.setPen(ink)
        self.painter.drawText(self._dots(rect), int(align | Qt.AlignmentFlag.AlignVCenter), text)

    def _lines(self, rect: QRectF, lines: Sequence[str], font: QFont, ink: QColor) -> None:
        """A few short lines, centred, shrunk together until the widest fits the cell."""
        room = rect.adjusted(1.5, 1, -1.5, -1)
        widest = max(self._text_width(text, font) for text in lines)
        height = QFontMetricsF(font, self.writer).height() / self.unit * len(lines)
        scale = min(1.0, room.width() / max(widest, 0.01), room.height() / max(height, 0.01))
        if scale < 1.0:
            font = QFont(font)
            font.setPointSizeF(font.pointSizeF() * scale)
        self.painter.setFont(font)
        self.painter.setPen(ink)
        self.painter.drawText(self._dots(room), int(Qt.AlignmentFlag.AlignCenter),
                              "\n".join(lines))

    def _fitted(self, rect: QRectF, text: str, font: QFont, ink: QColor) -> None:
        """A code in a cell: shrunk to fit on one line, or split over two if it is long."""
        width = self._text_width(text, font)
        smallest = 5.0
        size = font.pointSizeF()
        if width <= rect.width() or size * rect.width() / width >= smallest:
            if width > rect.width():
                font = QFont(font)
                font.setPointSizeF(size * rect.width() / width * 0.98)
            self._text(rect, text, font, ink, Qt.AlignmentFlag.AlignHCenter)
            return
        self._lines(rect.adjusted(-1.5, -1, 1.5, 1), _split(text), font, ink)


def hours_text(minutes: int) -> str:
    """Paid minutes as hours the way a team leader writes them: 150, 37.5, 7.25."""
    return figure(minutes / 60)


def _split(code: str) -> tuple[str, ...]:
    """A long code over two lines: after a hyphen or space if it has one, else in the middle."""
    for mark in ("-", " ", "/", "_"):
        if mark in code.strip(mark):
            head, _, tail = code.partition(mark)
            return (head + (mark if mark != " " else ""), tail)
    half = math.ceil(len(code) / 2)
    return (code[:half], code[half:])


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


__all__ = ["hours_text", "write_rota_pdf"]
