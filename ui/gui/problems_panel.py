"""The problems panel: what is wrong with a file just opened, or with an edit just refused.

Each problem names its file, sheet, row and column, as the command line does; the window keeps
working with whatever it had open before.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QTreeWidget, QTreeWidgetItem, QWidget

from planner.problems import Severity
from ui.gui.document import Document


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


class ProblemsPanel(QDockWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__("Problems", parent)
        self.setObjectName("problems")
        self.document = document
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["", "File", "Sheet", "Row", "Column", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName("Problems found in the scenario")
        for column, width in enumerate((70, 160, 110, 50, 130)):
            self.tree.setColumnWidth(column, width)
        self.setWidget(self.tree)
        document.problems_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        problems = self.document.problems
        for problem in problems:
            item = QTreeWidgetItem([str(problem.severity), problem.file, problem.sheet,
                                    "" if problem.row is None else str(problem.row),
                                    problem.column, problem.message])
            item.setToolTip(5, problem.message)
            self.tree.addTopLevelItem(item)
        errors = sum(p.severity is Severity.ERROR for p in problems)
        warnings = len(problems) - errors
        self.setWindowTitle(f"Problems ({_count(errors, 'error')}, {_count(warnings, 'warning')})"
                            if problems else "Problems (none)")
        if errors:
            self.show()
            self.raise_()

    @property
    def count(self) -> int:
        return self.tree.topLevelItemCount()
