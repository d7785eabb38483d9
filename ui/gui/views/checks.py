"""Checks: every rule the rota breaks and every shortfall, in words; choose one to go to it.

Broken rules come from the checker's assessment (the same words as the rota workbook's Checks
sheet). Shortfalls are the days a live channel has fewer advisors than its staffing requirement,
and the queues left with overdue cases. Choosing a broken rule goes to that person's cell in the
rota; choosing a shortfall goes to that channel and day in Coverage (or the queue in Case
queues). Shortfalls come biggest first (advisor-hours short over the day); each names, under
Who, those who could cover its worst interval (skilled for the channel, and at work on
something else or off and free), and the one chosen is explained below the list at that
interval (`ui.gui.explaining`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from planner.checks.view import build_view
from planner.explain import could_cover, could_cover_words
from planner.io.rota_writing import who
from planner.plan import Activity, Assessment, RotaCell
from planner.words import count, day
from planner.words import days as day_runs
from ui.gui.explaining import ExplainPanel
from ui.gui.views.base import View


@dataclass(frozen=True)
class Finding:
    """One line of the checks: what is wrong, and where to look."""

    kind: str  # "rule", "service" or "caseload"
    title: str
    who: str
    when: str
    message: str
    staff_id: str = ""
    date: dt.date | None = None
    place: str = ""  # channel or queue
    at: dt.time | None = None  # a shortfall's worst interval
    covering: str = ""  # a shortfall's: who could cover its worst interval, and what they do


def findings(scenario, assessment: Assessment, rota: Sequence[RotaCell] = (),
             activities: Sequence[Activity] = ()) -> list[Finding]:
    """Broken rules, then service shortfalls by channel and day, then overdue casework. With
    the rota, a shortfall's "who" names those who could cover its worst interval: skilled for
    the channel and at work on something else, or off and free to work."""
    names = {person.staff_id: person.name for person in scenario.staff}
    found = [Finding("rule", b.rule, who(b.staff_ids, names), day_runs(b.dates),
                     b.message, b.staff_ids[0] if b.staff_ids else "",
                     min(b.dates) if b.dates else None)
             for b in assessment.breaches]
    short: dict[tuple[str, dt.date], list] = defaultdict(list)
    for row in assessment.coverage:
        if row.planned < row.required:
            short[(row.channel, row.date)].append(row)
    hours = scenario.settings.interval_minutes / 60
    view = build_view(scenario, rota, activities) if rota and short else None

    def size(item) -> float:  # advisor-hours short over the day
        return sum(r.required - r.planned for r in item[1]) * hours

    # The biggest shortfalls first: where a team leader's next hour of cover does most.
    for (channel, date), rows in sorted(short.items(), key=lambda item: (-size(item),
                                                                         item[0][1])):
        worst = max(rows, key=lambda r: (r.required - r.planned, -r.interval_start.hour))
        first, last = min(r.interval_start for r in rows), max(r.interval_start for r in rows)
        at = dt.datetime.combine(date, worst.interval_start)
        able = could_cover(view, channel, at) if view else ()
        found.append(Finding(
            "service", f"{channel} short of advisors",
            f"{len(able)} could cover: {able[0].person.name}{', ...' if len(able) > 1 else ''}"
            if able else "", day(date),
            f"{count(size(((channel, date), rows)), 'advisor-hour', 1)} short in "
            f"{count(len(rows), 'interval')} between {first:%H:%M} and {last:%H:%M}, most at "
            f"{worst.interval_start:%H:%M} ({worst.required - worst.planned} of "
            f"{worst.required} short)", date=date, place=channel, at=worst.interval_start,
            covering=could_cover_words(able)))
    overdue: dict[str, list] = defaultdict(list)
    for case_day in assessment.caseload:
        if case_day.overdue > 0.5:
            overdue[case_day.queue].append(case_day)
    for queue, days in overdue.items():
        worst = max(days, key=lambda d: d.overdue)
        found.append(Finding(
            "caseload", f"{queue} cases past their deadline", "", day_runs(d.date for d in days),
            f"Cases open past their deadline on {count(len(days), 'day')}, most on "
            f"{day(worst.date)} ({count(worst.overdue, 'case', 0)})", date=worst.date,
            place=queue))
    return found


class ChecksView(View):
    key = "checks"
    title = "Checks"
    follows_rota = True
    go_to_cell = Signal(str, object)  # staff_id, date
    go_to_day = Signal(str, object, str)  # view key, date, channel or queue

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["What", "Who", "When", "In words"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Checks: broken rules and shortfalls")
        header = self.tree.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((200, 240, 120)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._go)
        self.tree.itemDoubleClicked.connect(self._go)
        self.tree.currentItemChanged.connect(self._explain)
        self.why = ExplainPanel(document, self)
        self.why.setPlainText("Choose a shortfall to see who is skilled for it and why it is "
                              "short at its worst interval.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.why)
        self.findings: list[Finding] = []

    def refresh(self) -> None:
        self.tree.clear()
        scenario, assessment = self.document.scenario, self.document.assessment
        if scenario is None or assessment is None:
            unjudged = self.document.state.unjudged
            self.findings = []
            self.summary.setText(
                "The rota could not be checked: " + "; ".join(p.message for p in unjudged)
                if unjudged else "No rota yet: solve, or open a rota workbook, to check one.")
            return
        self.findings = findings(scenario, assessment, self.document.rota,
                                 self.document.activities)
        rules = sum(f.kind == "rule" for f in self.findings)
        short = len(self.findings) - rules
        self.summary.setText(
            f"{count(rules, 'broken rule')} and {count(short, 'shortfall')}. Press Enter or "
            "double-click a line to go to it." if self.findings
            else "The rota keeps every rule, and every channel and queue meets its staffing.")
        for number, finding in enumerate(self.findings):
            item = QTreeWidgetItem([finding.title, finding.who, finding.when, finding.message])
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            for column in range(4):
                item.setToolTip(column, finding.message)
            if finding.covering:
                item.setToolTip(1, f"Could be on {finding.place} at {finding.at:%H:%M}: "
                                   f"{finding.covering}")
            self.tree.addTopLevelItem(item)
        if self.findings:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _go(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = self.findings[item.data(0, Qt.ItemDataRole.UserRole)]
        if finding.kind == "rule" and finding.staff_id and finding.date:
            self.go_to_cell.emit(finding.staff_id, finding.date)
        elif finding.kind == "service" and finding.date:
            self.go_to_day.emit("coverage", finding.date, finding.place)
        elif finding.kind == "caseload" and finding.date:
            self.go_to_day.emit("cases", finding.date, finding.place)

    def _explain(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        """A shortfall chosen: why its worst interval is short, in planner explain's words."""
        if item is None:
            return
        finding = self.findings[item.data(0, Qt.ItemDataRole.UserRole)]
        if finding.kind == "service" and finding.date and finding.at is not None:
            self.why.explain_at(finding.place, dt.datetime.combine(finding.date, finding.at))
