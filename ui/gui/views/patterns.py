"""Shift patterns and rules: the shifts that may be rostered, the working-time rules and the plan.

Three tabs, so each table has the room of the whole page at 1366x768: the ShiftPatterns sheet
with each pattern said in words beside it ("E: 08:00 to 16:00, 7.5 paid hours, Mon-Fri"), the
Rules sheet (rest, runs of days, weekends, the prices that weigh one aim against another) and
the Settings sheet (plan start, days, interval, bank-holiday region, shrinkage). Every table is
edited as a workbook is: an edit that would leave the scenario unusable is refused and explained.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QTabWidget, QVBoxLayout, QWidget

from planner.io.celltext import days_text
from planner.model import Scenario, ShiftPattern
from ui.gui.sheet_table import SheetTable
from ui.gui.views.base import View

MIDNIGHT = dt.time(0, 0)


def _hours(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:g} paid hour{'' if hours == 1 else 's'}"


def is_late(pattern: ShiftPattern, late_shift_end: dt.time) -> bool:
    """A late shift ends after the Rules' late_shift_end, or after midnight."""
    return pattern.crosses_midnight or pattern.end > late_shift_end


def pattern_words(pattern: ShiftPattern, scenario: Scenario) -> str:
    """One pattern in words: times, paid hours, break, days, and who may work it."""
    if pattern.end == MIDNIGHT:
        end = "midnight"
    elif pattern.crosses_midnight:
        end = f"{pattern.end:%H:%M} the next morning"
    else:
        end = f"{pattern.end:%H:%M}"
    parts = [f"{pattern.code}: {pattern.start:%H:%M} to {end}", _hours(pattern.paid_minutes)]
    if pattern.unpaid_break_minutes:
        parts[-1] += f" ({pattern.unpaid_break_minutes} minutes unpaid break)"
    parts.append(days_text(pattern.days) if len(pattern.days) < 7 else "every day")
    if is_late(pattern, scenario.rules.late_shift_end):
        parts.append("a late shift")
    people = sum(1 for person in scenario.staff
                 if not person.patterns or pattern.code in person.patterns)
    parts.append(f"{people} of {len(scenario.staff)} people may work it")
    return ", ".join(parts)


class PatternsView(View):
    key = "patterns"
    title = "Shift patterns and rules"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.patterns = SheetTable(document, "ShiftPatterns", self)
        self.rules = SheetTable(document, "Rules", self)
        self.settings = SheetTable(document, "Settings", self)
        self.summary = QListWidget(self)
        self.summary.setAccessibleName("Shift patterns in words")
        self.summary.setWordWrap(True)
        self.summary.setAlternatingRowColors(True)

        words = QWidget(self)
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>In words</b> (read only; edit the table)", words)
        heading.setBuddy(self.summary)
        words_layout.addWidget(heading)
        words_layout.addWidget(self.summary, 1)
        shifts = QSplitter(Qt.Orientation.Horizontal, self)
        shifts.addWidget(self.patterns)
        shifts.addWidget(words)
        shifts.setStretchFactor(0, 1)
        shifts.setStretchFactor(1, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._page(
            shifts, "The shifts that may be rostered. An end at or before the start crosses "
            "midnight; days such as Mon-Fri or Sat, Sun limit when a shift may be worked."),
            "Shift &patterns")
        self.tabs.addTab(self._page(
            self.rules, "Working-time rules (UK defaults) and the prices in pounds that weigh "
            "paid hours against service, overdue cases, fairness and broken rules. Hover over a "
            "rule for what it means."), "Working-time &rules")
        self.tabs.addTab(self._page(
            self.settings, "What is being planned: the first day, how many days, the length "
            "of a demand interval, the bank-holiday calendar and shrinkage (the share of paid "
            "time not available for contacts or cases)."), "Plan &settings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _page(self, content: QWidget, hint: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        label = QLabel(hint, page)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(content, 1)
        return page

    def refresh(self) -> None:
        for table in (self.patterns, self.rules, self.settings):
            table.reload()
        self.summary.clear()
        scenario = self.document.scenario
        if scenario is None:
            return
        for pattern in scenario.patterns:
            self.summary.addItem(pattern_words(pattern, scenario))
        if not scenario.patterns:
            self.summary.addItem("No shift patterns yet: add a row to the table.")
