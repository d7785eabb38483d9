"""Rest between one day's shift and the next day's."""

from __future__ import annotations

from planner.checks.rules.names import FORBIDDEN_SHIFT_SEQUENCES, MINIMUM_REST_BETWEEN_SHIFTS
from solver.rota_model import RotaModel


def minimum_rest_between_shifts(m: RotaModel) -> None:
    """At least `min_rest_hours` from the end of a shift to the start of the next day's shift,
    shifts that cross midnight included."""
    rest = round(m.facts.scenario.rules.min_rest_hours * 60)

    def too_short(first, second) -> bool:
        return second.start - first.end < rest

    _pairs(m, MINIMUM_REST_BETWEEN_SHIFTS, too_short)


def forbidden_shift_sequences(m: RotaModel) -> None:
    """No pattern followed the next day by one ForbiddenSequences lists after it."""
    banned = {(f.pattern, f.next_pattern) for f in m.facts.scenario.forbidden_sequences}
    if not banned:
        return
    _pairs(m, FORBIDDEN_SHIFT_SEQUENCES,
           lambda first, second: (first.pattern.code, second.pattern.code) in banned)


def _pairs(m: RotaModel, rule: str, bad) -> None:
    facts = m.facts
    shape: dict[tuple[str, str], bool] = {}
    for (p, d), codes in facts.options.items():
        following = facts.options.get((p, d + 1), ())
        pairs = []
        for a in codes:
            for b in following:
                if (a, b) not in shape:
                    shape[(a, b)] = bool(bad(facts.shift(a, 0), facts.shift(b, 1)))
                if shape[(a, b)]:
                    pairs.append((a, b))
        if not pairs:
            continue
        broken = m.breach(rule, (p,), (d, d + 1), 1, "shift pairs")
        for a, b in pairs:
            m.model.add(m.shift[(p, d, a)] + m.shift[(p, d + 1, b)] <= 1 + broken)
