"""Where a scenario's parts were read from, and problems placed by it at the row to fix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.problems import Problem, Severity


@dataclass(frozen=True)
class Origins:
    """Where a scenario's parts were read from, so that each problem names the row to fix.

    `rows[sheet][i]` is the row of the i-th item of that sheet; without it, the row the item
    would have once saved (header row 1, first item row 2). `unread_ids` holds ids on rows that
    could not be read, so references to them are not reported twice. Checks against a sheet in
    `unusable` are skipped (its ids are unknown); checks that need every row of a sheet in
    `incomplete` are skipped too. "Settings" in `unusable` skips checks that need the plan dates.
    """

    rows: Mapping[str, Sequence[int]] = field(default_factory=dict)
    unread_ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    unusable: frozenset[str] = frozenset()
    incomplete: frozenset[str] = frozenset()

    def row(self, sheet: str, index: int) -> int:
        rows = self.rows.get(sheet)
        return rows[index] if rows is not None and index < len(rows) else index + 2


class Findings:
    """The problems found so far, each placed at the row its item was read from."""

    def __init__(self, origins: Origins):
        self.origins = origins
        self.problems: list[Problem] = []

    def error(self, message: str, sheet: str, index: int | None = None, column: str = ""):
        self._add(Severity.ERROR, message, sheet, index, column)

    def warning(self, message: str, sheet: str, index: int | None = None, column: str = ""):
        self._add(Severity.WARNING, message, sheet, index, column)

    def _add(self, severity, message, sheet, index, column):
        row = None if index is None else self.origins.row(sheet, index)
        self.problems.append(Problem(severity, message, sheet=sheet, row=row, column=column))

    def not_found(self, value: str, where: str, sheet: str, index: int, column: str,
                  more: str = "") -> None:
        """A reference to something the sheet `where` does not define, in one form of words."""
        fix = "add them there or correct the id" if column == "staff_id" else (
            "add it there or correct the name")
        self.error(f"{column} {value!r} is not in {where}; {fix}{more}", sheet, index, column)

    def known(self, sheet: str, names: Iterable[str]) -> set[str] | None:
        """The ids a sheet defines, or None when they cannot be known."""
        if sheet in self.origins.unusable:
            return None
        return set(names) | set(self.origins.unread_ids.get(sheet, ()))
