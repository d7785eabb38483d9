"""A heat map: a grid of numbers, each on a colour from pale (low) to strong (high).

Rows are intervals of the day ("08:00"), columns are days ("Mon 26 Apr"). Every cell shows its
number as text, so colour is never the only signal; on the darkest fills the ink turns white so
the number stays readable. A legend above the grid says what the numbers are and shows the scale
with numbers on its swatches. Blank cells (NaN) mean nothing to show there, and rows blank on
every day (the night, when a channel is closed) are hidden unless asked for.

`high_is_bad` picks the scale: oranges to reds where more is worse (waits, shortfalls), blues
where more is simply more (contacts).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

Format = str | Callable[[float], str]

# Light sequential scales (ColorBrewer Oranges-Reds and Blues), low to high.
BAD_SCALE = ("#FFFFFF", "#FEE8C8", "#FDBB84", "#FC8D59", "#E34A33", "#B30000")
PLAIN_SCALE = ("#FFFFFF", "#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
DARK_INK = QColor("#1F1F1F")
LIGHT_INK = QColor("#FFFFFF")
NO_PARENT = QModelIndex()  # a table's cells hang off the invisible root


def blend(scale: Sequence[str], share: float) -> QColor:
    """The colour `share` (0 to 1) of the way along `scale`, mixed between its stops."""
    share = min(max(share, 0.0), 1.0) * (len(scale) - 1)
    low = min(int(share), len(scale) - 2)
    mix = share - low
    a, b = QColor(scale[low]), QColor(scale[low + 1])
    return QColor(round(a.red() + (b.red() - a.red()) * mix),
                  round(a.green() + (b.green() - a.green()) * mix),
                  round(a.blue() + (b.blue() - a.blue()) * mix))


def ink_for(fill: QColor) -> QColor:
    """White ink on dark fills, near-black on pale ones (by perceived lightness)."""
    lightness = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return LIGHT_INK if lightness < 140 else DARK_INK


def as_text(value: float, fmt: Format) -> str:
    """A cell's text: blank for NaN, "∞" for an endless figure, else `fmt` applied."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return fmt(value) if callable(fmt) else format(value, fmt)


class HeatMapModel(QAbstractTableModel):
    """The numbers, their labels and colours, for `HeatMap`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.row_labels: list[str] = []
        self.column_labels: list[str] = []
        self.fmt: Format = "g"
        self.caption = ""
        self.scale: Sequence[str] = BAD_SCALE
        self.low, self.high = 0.0, 1.0
        self.tips: np.ndarray | None = None

    def set_grid(self, values, row_labels, column_labels, fmt, caption, scale, tips) -> None:
        self.beginResetModel()
        self.values = np.asarray(values, dtype=float).reshape(len(row_labels),
                                                              len(column_labels))
        self.row_labels, self.column_labels = list(row_labels), list(column_labels)
        self.fmt, self.caption, self.scale, self.tips = fmt, caption, scale, tips
        finite = self.values[np.isfinite(self.values)]
        self.low = min(0.0, float(finite.min())) if finite.size else 0.0
        self.high = float(finite.max()) if finite.size else 1.0
        self.endResetModel()

    def share(self, value: float) -> float:
        """Where `value` lies between the grid's lowest and highest (endless counts as top)."""
        if math.isinf(value):
            return 1.0 if value > 0 else 0.0
        return (value - self.low) / (self.high - self.low) if self.high > self.low else 0.0

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.row_labels)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.column_labels)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self.column_labels if orientation == Qt.Orientation.Horizontal else (
            self.row_labels)
        return labels[section] if section < len(labels) else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = float(self.values[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return as_text(value, self.fmt)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if math.isnan(value):
            return None
        fill = blend(self.scale, self.share(value))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ink_for(fill))
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{self.column_labels[index.column()]} {self.row_labels[index.row()]}"
            if self.tips is not None and self.tips[index.row(), index.column()]:
                return f"{where}: {self.tips[index.row(), index.column()]}"
            return f"{where}: {as_text(value, self.fmt)}"
        return None


class HeatMap(QTableView):
    """A read-only grid of numbers on a sequential colour scale, with `legend` to show above it.

    The legend is a separate label (the view places it) so it can sit in the view's layout.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid_model = HeatMapModel(self)
        self.setModel(self.grid_model)
        self.legend = QLabel("", parent)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.hide_empty_rows = True
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Small rows: a working day of 15-minute intervals fits a laptop screen with a scroll.
        rows.setDefaultSectionSize(self.fontMetrics().height() + 3)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 3)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Mon 26 Apr") + 12)

    def set_grid(self, values: np.ndarray, row_labels: Sequence[str],
                 column_labels: Sequence[str], fmt: Format, caption: str,
                 high_is_bad: bool = True, tips: np.ndarray | None = None) -> None:
        """Show `values` (rows x columns); NaN shows blank. `fmt` is a format spec such as
        ".0f" or a function from number to text; `caption` says what the numbers are; `tips`
        (same shape, optional) are hover texts in words."""
        scale = BAD_SCALE if high_is_bad else PLAIN_SCALE
        self.grid_model.set_grid(values, row_labels, column_labels, fmt, caption, scale, tips)
        self.setAccessibleName(caption)
        self.legend.setText(self._legend_text())
        self._hide_rows()

    def show_empty_rows(self, show: bool) -> None:
        """Show (or hide again) the rows blank on every day."""
        self.hide_empty_rows = not show
        self._hide_rows()

    def empty_rows(self) -> list[int]:
        """The rows with nothing on any day."""
        values = self.grid_model.values
        if values.size == 0:
            return []
        return [int(r) for r in np.flatnonzero(np.isnan(values).all(axis=1))]

    def row_of(self, label: str) -> int:
        return self.grid_model.row_labels.index(label)

    def column_of(self, label: str) -> int:
        return self.grid_model.column_labels.index(label)

    def text_at(self, row_label: str, column_label: str) -> str:
        """The text of one cell, found by its labels (such as "08:00", "Mon 26 Apr")."""
        index = self.grid_model.index(self.row_of(row_label), self.column_of(column_label))
        return index.data()

    def _hide_rows(self) -> None:
        empty = set(self.empty_rows()) if self.hide_empty_rows else set()
        for row in range(self.grid_model.rowCount()):
            self.setRowHidden(row, row in empty)
        shown = [r for r in range(self.grid_model.rowCount()) if r not in empty]
        if shown:
            self.scrollTo(self.grid_model.index(shown[0], 0),
                          QAbstractItemView.ScrollHint.PositionAtTop)

    def _legend_text(self) -> str:
        """The caption, then five swatches of the scale, each with the number it stands for."""
        model = self.grid_model
        if model.values.size == 0:
            return model.caption
        swatches = []
        for step in range(5):
            share = step / 4
            value = model.low + share * (model.high - model.low)
            fill = blend(model.scale, share)
            swatches.append(
                f'<td bgcolor="{fill.name()}" align="center" width="56">'
                f'<span style="color:{ink_for(fill).name()}">{as_text(value, model.fmt)}'
                "</span></td>")
        return (f"{model.caption}<table cellspacing=\"0\" cellpadding=\"2\" border=\"1\" "
                f"style=\"border-color:#A0A0A0; border-style:solid\"><tr><td>Scale:&nbsp;</td>"
                f"{''.join(swatches)}<td>&nbsp;blank: nothing in that interval</td></tr></table>")
