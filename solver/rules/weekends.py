"""Weekends worked."""

from __future__ import annotations

import math

from planner.checks.rules.names import MAXIMUM_WEEKENDS
from solver.rota_model import RotaModel


def maximum_weekends(m: RotaModel) -> None:
    """No more weekends worked (a shift on the Saturday or the Sunday) than Staff `max_weekends`
    over the plan or, when that is blank, Rules `max_weekends_per_4_weeks` in each four weeks."""
    facts, rules = m.facts, m.facts.scenario.rules
    for p, person in enumerate(facts.people):
        worked = []
        for days in (weekend.days for weekend in facts.weekends):
            if not any((p, d) in m.works for d in days):
                worked.append((days, 0))
                continue
            weekend = m.model.new_bool_var(f"weekend[{p},{days[0]}]")
            for d in days:
                m.model.add(weekend >= m.works_on(p, d))
            m.model.add(weekend <= sum(m.works_on(p, d) for d in days))
            worked.append((days, weekend))
        if person.max_weekends is not None:
            groups = [(worked, person.max_weekends)]
        else:
            groups = []
            for block in facts.four_weeks:
                inside = [w for w in worked if w[0][0] in block.days]
                groups.append((inside, math.ceil(rules.max_weekends_per_4_weeks * block.scale)))
        for group, most in groups:
            variables = [v for _, v in group if not isinstance(v, int)]
            if len(variables) <= most:
                continue
            days = tuple(d for days, _ in group for d in days)
            over = m.breach(MAXIMUM_WEEKENDS, (p,), days, len(variables) - most, "weekends")
            m.model.add(sum(variables) <= most + over)
