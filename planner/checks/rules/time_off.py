"""Time off the rota must respect: days away all day, and cells a team leader has locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import breach
from planner.checks.rules.names import ABSENCES, LOCKED_CELLS_KEPT
from planner.checks.words import day, who
from planner.model import AbsenceKind
from planner.plan import OFF, Breach

if TYPE_CHECKING:
    from planner.checks.view import View


_KINDS = {
    AbsenceKind.ANNUAL_LEAVE: "annual leave",
    AbsenceKind.SICKNESS: "sickness absence",
    AbsenceKind.TRAINING: "training",
    AbsenceKind.OTHER: "time off",
}


def absences(view: View) -> list[Breach]:
    """Nobody is given a shift on a day they are away all day (annual leave, sickness,
    training or other time off). One breach per day."""
    found = []
    for person in view.people:
        for i in sorted(view.away.get(person.staff_id, ())):
            code = view.codes[person.staff_id][i]
            if code in view.patterns:
                date = view.days.dates[i]
                why = _why_away(view, person.staff_id, date)
                found.append(breach(ABSENCES, person, [date], 1, "days",
                                    f"{who(person)} has shift {code} on {day(date)} while "
                                    f"on {why}"))
    return found


def locked_cells_kept(view: View) -> list[Breach]:
    """Every locked cell shows what it was locked to: the shift pattern, or a day not worked
    for a lock to OFF (annual leave, a bank holiday and so on are not worked either). A lock on
    a day the person is away all day gives way to the absence. One breach per cell."""
    found = []
    for lock in view.scenario.locks:
        person = view.person.get(lock.staff_id)
        i = view.days.index.get(lock.date)
        if person is None or i is None or i in view.away.get(person.staff_id, ()):
            continue
        code = view.codes[person.staff_id][i]
        wanted = lock.pattern.strip()
        kept = code not in view.patterns if wanted.upper() == OFF else code == wanted
        if not kept:
            found.append(breach(LOCKED_CELLS_KEPT, person, [lock.date], 1, "cells",
                                f"{who(person)} has {code} on {day(lock.date)}, but that "
                                f"cell is locked to {wanted}"))
    return found


def _why_away(view: View, staff_id, date) -> str:
    for absence in view.scenario.absences:
        if absence.staff_id == staff_id and absence.start_date <= date <= absence.end_date:
            return _KINDS[absence.kind]
    return "time off"
