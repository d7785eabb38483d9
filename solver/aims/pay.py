"""Paid hours: what each shift costs."""

from __future__ import annotations

from solver.rota_model import RotaModel


def paid_hours(m: RotaModel) -> None:
    """Each shift costs its paid hours at the person's rate; cover costs the premium on top."""
    for (p, _, code), x in m.shift.items():
        hours = m.facts.patterns[code].paid_minutes / 60
        m.penalise("pay", hours * m.facts.rate(m.facts.people[p]), x)
