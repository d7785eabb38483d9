"""An editable table of one scenario sheet, checked exactly as a workbook is.

Each cell shows the text a workbook would hold. A typed value, an added row or a removed row goes
to the document as one undo step, through the same reading and checking as a file; an edit that
would leave the scenario unusable is refused, the cell keeps its old value, and the reason (with
sheet, row and column) appears in the problems panel and under the table. Rows are numbered as
in the workbook (the heading is row 1), so a problem's row is the row on screen.

`rows_shown` narrows the table to some rows (say one channel's demand) while edits still go to
the whole sheet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.io.schema import Column, sheet_named
from ui.gui.document import Document

Row = tuple[str, ...]


NO_PARENT = QModelIndex()  # a table's rows and columns hang off the invisible root

class SheetModel(QAbstractTableModel):
    """The rows of one sheet as text; `setData` hands an edit to the document."""

    refused = Signal(str)

    def __init__(self, document: Document, sheet: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.sheet = sheet
        self.spec = sheet_named(sheet)
        self.columns: tuple[Column, ...] = ()
        self.rows: list[Row] = []  # the whole sheet
        self.shown: list[int] = []  # which of them the table shows
        self.keep: Callable[[dict[str, str]], bool] | None = None

    def reload(self) -> None:
        self.beginResetModel()
        self.columns, rows = self.document.sheet(self.sheet)
        self.rows = [tuple(str(cell) for cell in row) for row in rows]
        names = [column.name for column in self.columns]
        self.shown = [i for i, row in enumerate(self.rows)
                      if self.keep is None or self.keep(dict(zip(names, row, strict=False)))]
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.name
            if role == Qt.ItemDataRole.ToolTipRole:
                unit = f" ({column.unit})" if column.unit else ""
                return f"{column.meaning}{unit}\nFor example: {column.example}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.shown[section] + 2)  # the workbook's row number
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            row = self.rows[self.shown[index.row()]]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ToolTipRole and self.spec and self.spec.keyed:
            key = self.rows[self.shown[index.row()]][0]
            try:
                return self.spec.column(key).meaning
            except KeyError:
                return None
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        keyed_name = self.spec is not None and self.spec.keyed and index.column() == 0
        return flags if keyed_name else flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        number = self.shown[index.row()]
        row = list(self.rows[number])
        if row[index.column()] == str(value):
            return False
        row[index.column()] = str(value).strip()
        rows = list(self.rows)
        rows[number] = tuple(row)
        name = self.columns[index.column()].name
        return self._commit(rows, f"Change {self.sheet} row {number + 2} {name} to {value}")

    def add_row(self, like: int | None = None) -> bool:
        """A new row: a copy of row `like` (given a new key), or the columns' examples."""
        if like is not None:
            row = list(self.rows[self.shown[like]])
        else:
            row = [column.example if column.required else "" for column in self.columns]
        key = self.spec.key if self.spec else None
        if key:
            position = [c.name for c in self.columns].index(key)
            taken = {r[position] for r in self.rows}
            row[position] = _fresh(row[position] or "new", taken)
        return self._commit(self.rows + [tuple(row)], f"Add a row to {self.sheet}")

    def remove_rows(self, shown_rows: list[int]) -> bool:
        doomed = {self.shown[i] for i in shown_rows}
        if not doomed:
            return False
        rows = [row for i, row in enumerate(self.rows) if i not in doomed]
        count = len(doomed)
        return self._commit(rows, f"Remove {count} row{'s' if count > 1 else ''} "
                                  f"from {self.sheet}")

    def _commit(self, rows: list[Row], text: str) -> bool:
        problems = self.document.edit_sheet(self.sheet, rows, text)
        if problems:
            self.refused.emit(f"Not changed: {problems[0]}"
                              + (f" (and {len(problems) - 1} more problems)"
                                 if len(problems) > 1 else ""))
            return False
        return True


def _fresh(key: str, taken: set[str]) -> str:
    """`key` made unique: "CC07" becomes "CC07-2", then "CC07-3"..."""
    base = key.rsplit("-", 1)[0] if key.rsplit("-", 1)[-1].isdigit() else key
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


class SheetTable(QWidget):
    """A sheet's table with Add row and Remove rows buttons and a line for refused edits."""

    def __init__(self, document: Document, sheet: str, parent: QWidget | None = None,
                 can_add: bool = True):
        super().__init__(parent)
        self.model = SheetModel(document, sheet, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(f"{sheet} table")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9C0006")
        self.model.refused.connect(self.message.setText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        if can_add and not (self.model.spec and self.model.spec.keyed):
            self.add_button = QPushButton("Add row", self)
            self.add_button.setToolTip("Add a row: a copy of the selected row, to edit")
            self.add_button.clicked.connect(self._add)
            self.remove_button = QPushButton("Remove rows", self)
            self.remove_button.setToolTip("Remove the selected rows")
            self.remove_button.clicked.connect(self._remove)
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self.message.setText("")
        self.model.reload()
        self.table.resizeColumnsToContents()

    def _add(self) -> None:
        current = self.table.currentIndex()
        if self.model.add_row(current.row() if current.isValid() else None):
            self.message.setText("")
            self.table.scrollToBottom()

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if self.model.remove_rows(rows):
            self.message.setText("")
