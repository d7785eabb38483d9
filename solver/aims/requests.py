"""Shift requests: what people ask to work or to avoid."""

from __future__ import annotations

from planner.model import RequestKind
from solver.rota_model import RotaModel


def shift_requests(m: RotaModel) -> None:
    """Each request not granted costs its weight."""
    people = {s.staff_id: p for p, s in enumerate(m.facts.people)}
    days = {date: d for d, date in enumerate(m.facts.dates)}
    for request in m.facts.scenario.shift_requests:
        p, d = people.get(request.staff_id), days.get(request.date)
        if p is None or d is None:
            continue
        granted_if_on = (m.on_pattern(p, d, request.pattern) if request.pattern
                         else m.works_on(p, d))
        if request.request is RequestKind.WANT:
            m.add_constant("requests", request.weight)
            m.penalise("requests", -request.weight, granted_if_on)
        else:
            m.penalise("requests", request.weight, granted_if_on)
