"""Fair shares of Saturdays, late shifts and Mondays within a team."""

from __future__ import annotations

from collections import defaultdict

from planner.checks.costs import is_late
from solver.rota_model import RotaModel


def fair_shares(m: RotaModel) -> None:
    """In each team of two or more (cover not counted), the gap between the most and the fewest
    Saturdays, late shifts and Mondays worked costs `fairness_cost` a day."""
    facts = m.facts
    price = facts.scenario.rules.fairness_cost
    if not price:
        return
    teams: dict[str, list[int]] = defaultdict(list)
    for p, person in enumerate(facts.people):
        if not person.cover:
            teams[person.team].append(p)
    late_end = facts.scenario.rules.late_shift_end
    weekdays = [date.weekday() for date in facts.dates]
    kinds = {
        "Saturdays": lambda d, code: weekdays[d] == 5,
        "late shifts": lambda d, code: is_late(facts.patterns[code], late_end),
        "Mondays": lambda d, code: weekdays[d] == 0,
    }
    shifts: dict[int, list] = defaultdict(list)
    for (p, d, code), x in m.shift.items():
        shifts[p].append((d, code, x))
    for team, members in teams.items():
        if len(members) < 2:
            continue
        for kind, counts in kinds.items():
            totals = [sum(x for d, code, x in shifts[p] if counts(d, code)) for p in members]
            if all(isinstance(t, int) for t in totals):
                continue
            most = m.model.new_int_var(0, facts.days, f"most {kind} in {team}")
            fewest = m.model.new_int_var(0, facts.days, f"fewest {kind} in {team}")
            for total in totals:
                m.model.add(most >= total)
                m.model.add(fewest <= total)
            m.penalise("fairness", price, most - fewest)
