"""Cover stated as people per shift pattern per day."""

from __future__ import annotations

from solver.rota_model import RotaModel


def cover_per_shift_pattern(m: RotaModel) -> None:
    """People on a pattern that day short of what PatternCover asks cost `weight_under` each, and
    people over it `weight_over` each."""
    days = {date: d for d, date in enumerate(m.facts.dates)}
    people = range(len(m.facts.people))
    for row in m.facts.scenario.pattern_cover:
        d = days.get(row.date)
        if d is None:
            continue
        on = [m.shift[(p, d, row.pattern)] for p in people if (p, d, row.pattern) in m.shift]
        under = m.model.new_int_var(0, row.required, f"under[{d},{row.pattern}]")
        over = m.model.new_int_var(0, len(on), f"over[{d},{row.pattern}]")
        m.model.add(sum(on) + under - over == row.required)
        m.penalise("pattern_cover", row.weight_under, under)
        m.penalise("pattern_cover", row.weight_over, over)
