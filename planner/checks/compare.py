"""Where two accounts of the same rota disagree: the solver's own, and the checker's.

The solver is trusted only as far as the checker agrees with it, so every solver test and every
benchmark plan is run through `differences`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

from planner.plan import Assessment, Costs

MONEY = 0.02  # pounds: the solver keeps its objective in whole pence


def differences(solver: Assessment, checker: Assessment, money: float = MONEY) -> list[str]:
    """Each disagreement in words; empty when the two accounts agree."""
    found = []
    for field in fields(Costs):
        ours, theirs = getattr(solver.costs, field.name), getattr(checker.costs, field.name)
        if abs(ours - theirs) > money + 1e-6 * abs(theirs):
            found.append(f"costs.{field.name}: solver {ours:.4f}, checker {theirs:.4f}")
    found += _breaches(solver, checker)
    found += _coverage(solver, checker)
    found += _caseload(solver, checker)
    return found


def _breaches(solver: Assessment, checker: Assessment) -> list[str]:
    def totals(assessment: Assessment) -> dict[tuple, float]:
        out: dict[tuple, float] = defaultdict(float)
        for breach in assessment.breaches:
            out[(breach.rule, breach.staff_ids)] += breach.size
        return out

    ours, theirs = totals(solver), totals(checker)
    found = []
    for key in sorted(set(ours) | set(theirs)):
        if abs(ours.get(key, 0.0) - theirs.get(key, 0.0)) > 1e-6:
            found.append(f"breach {key[0]} for {', '.join(key[1])}: solver "
                         f"{ours.get(key, 0.0):g}, checker {theirs.get(key, 0.0):g}")
    return found


def _coverage(solver: Assessment, checker: Assessment) -> list[str]:
    def planned(assessment: Assessment) -> dict[tuple, tuple]:
        return {(r.date, r.interval_start, r.channel): (r.planned, r.service_level)
                for r in assessment.coverage if r.volume > 0}

    ours, theirs = planned(solver), planned(checker)
    found = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key), theirs.get(key)
        if a is None or b is None or a[0] != b[0] or abs(a[1] - b[1]) > 1e-9:
            found.append(f"coverage {key[2]} {key[0]} {key[1]:%H:%M}: solver {a}, checker {b}")
    return found[:20]


def _caseload(solver: Assessment, checker: Assessment) -> list[str]:
    theirs = {(r.queue, r.date): r for r in checker.caseload}
    found = []
    for row in solver.caseload:
        other = theirs.get((row.queue, row.date))
        if other is None:
            found.append(f"caseload {row.queue} {row.date}: missing from the checker")
            continue
        for name in ("arrivals", "done", "backlog", "overdue"):
            if abs(getattr(row, name) - getattr(other, name)) > 1e-6:
                found.append(f"caseload {row.queue} {row.date} {name}: solver "
                             f"{getattr(row, name):g}, checker {getattr(other, name):g}")
    return found[:20]
