"""What-if's scenarios and their figures: the list of the base and its variants, each with its
status and changes, and the table of key figures side by side (one column per scenario).

The table shows `planner.whatif.compare_rows` of each scenario's KPIs, the same rows
`planner compare` writes, so the window and the comparison workbook never disagree.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from planner.kpis import Kpis
from planner.model import Scenario
from planner.plan import Plan
from planner.whatif import Variant, VariantResult, compare_rows

NOT_SOLVED = ("not solved", "not solved (stopped)", "waiting")


@dataclass(eq=False)
class Entry:
    """One scenario in the list: the base (no variant) or a variant of it, and its result."""

    name: str
    variant: Variant | None = None
    scenario: Scenario | None = None  # the base with the changes made; None when they do not fit
    problem: str = ""  # why the variant cannot be applied to the base, or its solve failed
    status: str = "not solved"
    result: VariantResult | None = None  # its solve here, when it found a rota

    @property
    def is_base(self) -> bool:
        return self.variant is None

    @property
    def plan(self) -> Plan | None:
        return self.result.plan if self.result is not None else None

    def changes(self, base: Scenario | None) -> list[str]:
        if self.variant is None:
            return ["the open scenario as it is"]
        return self.variant.describe(base)


def wrapped(name: str, width: int = 16) -> str:
    """A scenario's name on up to three lines, for a narrow column heading."""
    lines = textwrap.wrap(name, width) or [""]
    return "\n".join(lines[:2] + ([" ".join(lines[2:])] if len(lines) > 2 else []))


class ScenarioList(QTreeWidget):
    """The base and its variants: name, status and changes, the whole story in a tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(["Scenario", "Status", "Changes"])
        self.setRootIsDecorated(False)
        self.setAccessibleName("Scenarios: the base and its variants")
        self.setColumnWidth(0, 130)
        self.setColumnWidth(1, 220)  # room for "not solved; showing the open rota"

    def chosen_row(self) -> int:
        return self.indexOfTopLevelItem(self.currentItem())

    def show_entries(self, entries: list[Entry], base: Scenario | None,
                     showing_open_rota: bool) -> None:
        """List the entries, keeping the row chosen; `showing_open_rota`: the base's column
        shows the rota open in the window until the base is solved here."""
        row = max(0, self.chosen_row())
        self.clear()
        for entry in entries:
            status = entry.status
            if entry.is_base and entry.plan is None and showing_open_rota \
                    and entry.status in NOT_SOLVED:
                status += "; showing the open rota"
            changes = entry.changes(base)
            item = QTreeWidgetItem([entry.name, status, "; ".join(changes)])
            tip = "\n".join([f"{entry.name}: {status}", *changes]
                            + ([entry.problem] if entry.problem else []))
            for column in range(3):
                item.setToolTip(column, tip)
            self.addTopLevelItem(item)
        if entries:
            self.setCurrentItem(self.topLevelItem(min(row, len(entries) - 1)))


class ComparisonTable(QTableWidget):
    """Key figures side by side: a row per figure, a column per scenario, read only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Key figures of each scenario side by side")
        # Each column as wide as its figures and name need; a scroll bar when they do not fit.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def show_figures(self, results: list[tuple[str, Kpis | None]]) -> None:
        """`results`: (scenario name, its Kpis, or None when it has none yet), in column
        order."""
        rows = compare_rows(results)
        self.clear()
        self.setRowCount(len(rows))
        self.setColumnCount(len(results))
        self.setHorizontalHeaderLabels([wrapped(name) for name, _ in results])
        self.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
