"""What every view shares: it reads the document and redraws only when shown and out of date.

A view that is not on screen only notes that its data moved, so opening a workbook or editing a
cell costs the views nobody is looking at nothing, and switching to a view redraws it once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from ui.gui.document import Document


class View(QWidget):
    """A page of the window. Subclasses set `key` and `title` and implement `refresh`."""

    key = ""
    title = ""
    # Which document signals make this view out of date.
    follows_scenario = True
    follows_rota = False

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._stale = True
        if self.follows_scenario:
            document.scenario_changed.connect(self.mark_stale)
        if self.follows_rota:
            document.rota_changed.connect(self.mark_stale)

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.bring_up_to_date()

    def bring_up_to_date(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.bring_up_to_date()
        super().showEvent(event)

    def refresh(self) -> None:
        raise NotImplementedError

    def show_day(self, date: dt.date) -> None:
        """Turn to one day, where the view has a choice of day (default: nothing to do)."""

    def show_cell(self, staff_id: str, date: dt.date) -> None:
        """Point at one person's day, where the view shows people (default: nothing to do)."""
