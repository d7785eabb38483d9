"""What a rota costs, part by part, in pounds (docs/rules.md, "The objective").

Service, short cover and overdue work are priced where they are worked out (service.py and
caseload.py); this
module prices pay, fairness, shift requests, cover per shift pattern and breaches, and adds
them up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.model import RequestKind, ShiftPattern
from planner.plan import Breach, Costs

if TYPE_CHECKING:
    from planner.checks.view import View


def costs(view: View, service: float, short_cover: float, overdue: float,
          breaches: Sequence[Breach]) -> Costs:
    paid, cover, pay = pay_hours(view)
    return Costs(
        paid_hours=paid,
        cover_hours=cover,
        pay=pay,
        service=service,
        short_cover=short_cover,
        overdue=overdue,
        fairness=fairness(view),
        requests=requests(view),
        pattern_cover=pattern_cover(view),
        breaches=view.rules.breach_cost * sum(b.size for b in breaches),
    )


def pay_hours(view: View) -> tuple[float, float, float]:
    """Paid hours, paid hours of cover staff, and pay: paid hours x the person's hourly_cost
    (the Rules' standard_hourly_cost when theirs is 0), a cover_premium more for cover."""
    rules = view.rules
    paid = cover = pay = 0.0
    for person in view.people:
        hours = sum(p.paid_minutes for _, p in view.shifts(person.staff_id)) / 60
        rate = person.hourly_cost or rules.standard_hourly_cost
        paid += hours
        if person.cover:
            cover += hours
            rate *= 1 + rules.cover_premium
        pay += hours * rate
    return paid, cover, pay


def fairness(view: View) -> float:
    """For each team of two or more people who are not cover, and each of Saturdays, late
    shifts and Mondays worked: fairness_cost x (the most - the fewest) among them."""
    teams = defaultdict(list)
    for person in view.people:
        if not person.cover:
            teams[person.team].append(person)
    late = view.rules.late_shift_end
    total = 0.0
    for members in teams.values():
        if len(members) < 2:
            continue
        tallies = [[0, 0, 0] for _ in members]
        for tally, person in zip(tallies, members, strict=True):
            for i, pattern in view.shifts(person.staff_id):
                weekday = view.days.dates[i].weekday()
                tally[0] += weekday == 5
                tally[1] += is_late(pattern, late)
                tally[2] += weekday == 0
        for part in zip(*tallies, strict=True):
            total += view.rules.fairness_cost * (max(part) - min(part))
    return total


def is_late(pattern: ShiftPattern, late_shift_end: dt.time) -> bool:
    """A late shift ends after late_shift_end, or after midnight."""
    return pattern.crosses_midnight or pattern.end > late_shift_end


def requests(view: View) -> float:
    """The weight of every shift request not granted. "want" a pattern is granted when the
    cell is that pattern (with no pattern: when the person works); "avoid" a pattern when the
    cell is not that pattern (with no pattern: when the person does not work)."""
    total = 0.0
    for request in view.scenario.shift_requests:
        i = view.days.index.get(request.date)
        if i is None or request.staff_id not in view.codes:
            continue
        code = view.codes[request.staff_id][i]
        pattern = request.pattern.strip()
        hit = code == pattern if pattern else code in view.patterns
        granted = hit if request.request is RequestKind.WANT else not hit
        if not granted:
            total += request.weight
    return total


def pattern_cover(view: View) -> float:
    """For each PatternCover row: weight_under for each person short of `required` on that
    pattern that day, weight_over for each person over."""
    total = 0.0
    for row in view.scenario.pattern_cover:
        i = view.days.index.get(row.date)
        if i is None:
            continue
        people = sum(1 for codes in view.codes.values() if codes[i] == row.pattern)
        total += (row.weight_under * max(row.required - people, 0)
                  + row.weight_over * max(people - row.required, 0))
    return total
