"""Plans side by side: one row per figure a manager compares, one value per scenario.

`compare_table` lays the KPIs of several plans (`planner.kpis.Kpis`, the checker's figures)
out as rows of numbers, each knowing its unit and whether less of it is better; `compare_rows`
gives the same rows as text cells, worded by `planner.words`, for a table on screen. The
window, the command line and the comparison workbook all show these rows, so they never
disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from planner import words
from planner.kpis import Kpis, kpis_of
from planner.whatif.words import label as _label

NOTHING = words.NOTHING  # a figure a plan does not have: a channel it lacks, nothing to rate

__all__ = ["ComparedRow", "Unit", "compare_rows", "compare_table", "kpis_of"]


class Unit(StrEnum):
    """What a row's numbers count."""

    HOURS = "hours"
    POUNDS = "pounds"
    SHARE = "share"  # a fraction: 0.8 is 80%
    SECONDS = "seconds"
    COUNT = "count"


@dataclass(frozen=True)
class ComparedRow:
    """One figure across the scenarios: a value per scenario (None where it has none, shown
    as `shown_for_none`), in `unit`; `lower_is_better` is None where neither is."""

    label: str
    unit: Unit
    values: tuple[float | None, ...]
    shown_for_none: tuple[str, ...]
    lower_is_better: bool | None = True

    def text(self, column: int) -> str:
        value = self.values[column]
        if value is None:
            return self.shown_for_none[column]
        return _TEXT[self.unit](value)

    def cells(self) -> list[str]:
        return [self.text(column) for column in range(len(self.values))]

    def change(self, column: int) -> float | None:
        """How far the scenario in `column` is from the first (the base), in the row's unit."""
        first, value = self.values[0], self.values[column]
        return None if first is None or value is None else value - first

    def better(self, column: int) -> bool | None:
        """Whether the scenario in `column` does better than the base on this figure (None:
        the same, not comparable, or a figure where neither is better)."""
        change = self.change(column)
        if change is None or self.lower_is_better is None or abs(change) < 1e-9:
            return None
        return (change < 0) == self.lower_is_better


def compare_table(results: list[tuple[str, Kpis | None]]) -> list[ComparedRow]:
    """The comparison's rows. `results` holds (scenario name, its Kpis, or None when it has no
    rota) pairs, in column order: paid and cover hours, cost, service on each live channel,
    each queue's on-time rate and largest backlog, avoidable contacts, broken rules."""
    kpis = [figures for _, figures in results]

    def row(name: str, unit: Unit, values: list, lower: bool | None = True,
            shown: list[str] | None = None) -> ComparedRow:
        return ComparedRow(name, unit, tuple(values),
                           tuple(shown or [NOTHING] * len(values)), lower)

    def each(value) -> list:
        return [None if k is None else value(k) for k in kpis]

    rows = [
        row("Paid hours", Unit.HOURS, each(lambda k: k.paid_hours), None),
        row("Cover hours", Unit.HOURS, each(lambda k: k.cover_hours), None),
        row("Cost", Unit.POUNDS, each(lambda k: k.cost.total)),
    ]
    for channel in _names(kpis, lambda k: [f.channel for f in k.channels]):
        figures = each(lambda k, channel=channel: k.channel(channel))
        name = _label(channel)
        rows += [
            row(f"{name} service level", Unit.SHARE,
                [f and f.service_level for f in figures], False),
            row(f"{name} average wait", Unit.SECONDS, [_finite_wait(f) for f in figures],
                shown=[_no_wait(f) for f in figures]),
            row(f"{name} abandonment", Unit.SHARE, [f and f.abandon_rate for f in figures]),
        ]
    for queue in _names(kpis, lambda k: [f.queue for f in k.queues]):
        figures = each(lambda k, queue=queue: k.queue(queue))
        name = _label(queue)
        rows += [
            row(f"{name} on-time rate", Unit.SHARE, [f and f.on_time_rate for f in figures],
                False),
            row(f"{name} largest backlog", Unit.COUNT, [f and f.max_backlog for f in figures]),
        ]
    for queue in _names(kpis, lambda k: [f.queue for f in k.avoidable]):
        figures = each(lambda k, queue=queue: next(
            (f for f in k.avoidable if f.queue == queue), None))
        name = _label(queue)
        rows += [
            row(f"{name} avoidable contacts a week", Unit.COUNT,
                [f and f.contacts_per_week for f in figures]),
            row(f"{name} avoidable phone hours a week", Unit.HOURS,
                [f and f.phone_hours_per_week for f in figures]),
        ]
    rows.append(row("Broken rules", Unit.COUNT, each(lambda k: len(k.breaches))))
    return rows


def compare_rows(results: list[tuple[str, Kpis | None]]) -> list[tuple[str, list[str]]]:
    """Rows of a side-by-side table of plans: (row label, one cell of text per variant).

    `results` holds (variant name, Kpis or None) pairs, in column order. A figure a variant
    does not have (a channel it lacks, a rate with nothing to rate) shows as "-".
    """
    return [(row.label, row.cells()) for row in compare_table(results)]


def _names(kpis: list[Kpis | None], names_of) -> list[str]:
    """Every channel (or queue) named by any of the plans, in the order first met."""
    return list(dict.fromkeys(name for k in kpis if k is not None for name in names_of(k)))


def _finite_wait(figures) -> float | None:
    if figures is None or figures.asa_seconds is None or math.isinf(figures.asa_seconds):
        return None
    return figures.asa_seconds


def _no_wait(figures) -> str:
    """What a channel's missing average wait means: contacts waiting without end, or none."""
    if figures is not None and figures.asa_seconds is not None and math.isinf(
            figures.asa_seconds):
        return words.NEVER_ANSWERED
    return NOTHING


def amount_text(value: float) -> str:
    """"1,234.5", "12": hours, cases and counts, at most one decimal."""
    return words.number(value, 1)


_TEXT = {Unit.HOURS: amount_text, Unit.COUNT: amount_text,
         Unit.POUNDS: lambda value: words.money(value, pence=False),
         Unit.SHARE: words.share, Unit.SECONDS: words.wait}
