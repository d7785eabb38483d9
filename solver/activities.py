"""Handing the model's counts out to people: whose break is when, and who is on what.

The model decides how many of a skill group take their break at each time and how many are on
each channel or queue; here each count goes to named people, keeping a person on the same
activity from one interval to the next where the counts allow, so a day reads as a few blocks
rather than a patchwork.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from planner.model import StaffId
from planner.plan import BREAK, Activity
from solver.facts import DAY, Facts
from solver.service import Service, SkillGroup


def hand_out(facts: Facts, service: Service, rota: dict[tuple[int, int], str],
             value: Callable[[object], int]) -> dict[int, dict[int, str]]:
    """Each person's activity in each interval they work: person -> interval -> activity."""
    timeline: dict[int, dict[int, str]] = defaultdict(dict)
    grouped = set()
    for group in service.groups:
        present = _breaks(facts, group, rota, value, timeline)
        _activities(facts, group, present, value, timeline)
        grouped.update(group.members)
    for (p, d), code in rota.items():
        if p not in grouped and code in facts.patterns:
            _ungrouped_day(facts, p, facts.shift(code, d), timeline)
    return timeline


def _ungrouped_day(facts: Facts, p: int, shift, timeline) -> None:
    """Someone with no skill the plan needs: a break mid-window, the rest on their first skill."""
    skills = facts.people[p].skills
    middle = shift.break_starts[len(shift.break_starts) // 2] if shift.break_starts else None
    away = set(facts.absent_intervals(p, shift))
    for t in range(shift.first, min(shift.last, facts.intervals)):
        if middle is not None and middle <= t < middle + shift.break_length:
            timeline[p][t] = BREAK
        elif skills and t not in away:
            timeline[p][t] = skills[0]


def _breaks(facts, group: SkillGroup, rota, value, timeline) -> dict[int, list[int]]:
    """Place breaks; return who is present (at work, not away, not on break) per interval."""
    present: dict[int, list[int]] = defaultdict(list)
    for d in range(facts.days):
        by_code: dict[str, list[int]] = defaultdict(list)
        for p in group.members:
            code = rota.get((p, d))
            if code in facts.patterns:
                by_code[code].append(p)
        for code, people in by_code.items():
            shift = facts.shift(code, d)
            on_break: dict[int, set[int]] = defaultdict(set)
            queue = [p for p in people if (p, d, code) not in group.own_breaks]
            for p in people:  # someone away for part of their window: the start they have
                for start, taken in group.own_breaks.get((p, d, code), {}).items():
                    if value(taken):
                        on_break[p].update(range(start, start + shift.break_length))
            for start in shift.break_starts:
                for _ in range(value(group.breaks[(d, code, start)])):
                    if queue:
                        p = queue.pop(0)
                        for t in range(start, start + shift.break_length):
                            on_break[p].add(t)
            for p in people:
                away = set(facts.absent_intervals(p, shift))
                for t in range(shift.first, min(shift.last, facts.intervals)):
                    if t in on_break[p]:
                        timeline[p][t] = BREAK
                    elif t not in away:
                        present[t].append(p)
    return present


def _activities(facts, group: SkillGroup, present, value, timeline) -> None:
    quota: dict[tuple[int, str], int] = {
        key: value(var) for key, var in group.on_queue.items()
    }
    for t in sorted(present):
        people = list(present[t])
        before = {p: timeline[p].get(t - 1) for p in people}
        d = t * facts.interval // DAY
        wanted = [(name, value(group.on_channel[(t, name)])) for name in group.live
                  if (t, name) in group.on_channel]
        wanted += [(q, quota.get((d, q), 0)) for q in group.deferred]
        free = set(people)
        for name, count in wanted:
            staying = [p for p in people if p in free and before[p] == name][:count]
            for p in staying:
                timeline[p][t] = name
                free.discard(p)
            for p in [p for p in people if p in free][:count - len(staying)]:
                timeline[p][t] = name
                free.discard(p)
        for p in free:  # not counted on a live channel: deferred work (carried on, or the
            previous = before[p]  # first), so the channels have the advisors counted on them
            if group.deferred:
                timeline[p][t] = previous if previous in group.deferred else group.deferred[0]
            else:  # only when no channel of theirs has contacts now
                timeline[p][t] = previous if previous in group.skills else group.live[0]
        for q in group.deferred:
            used = sum(1 for p in people if timeline[p][t] == q)
            if (d, q) in quota:
                quota[(d, q)] = max(0, quota[(d, q)] - used)


def as_blocks(facts: Facts, rota: dict[tuple[int, int], str],
              timeline: dict[int, dict[int, str]]) -> list[Activity]:
    """Each person's day as blocks of one activity, dated by the day the shift started."""
    start_of_plan = dt.datetime.combine(facts.dates[0], dt.time())
    blocks = []
    for (p, d), code in sorted(rota.items()):
        if code not in facts.patterns:
            continue
        shift = facts.shift(code, d)
        person: StaffId = facts.people[p].staff_id
        current, since = None, None
        for t in range(shift.first, min(shift.last, facts.intervals) + 1):
            activity = timeline[p].get(t) if t < min(shift.last, facts.intervals) else None
            if activity != current:
                if current is not None:
                    blocks.append(Activity(
                        person, facts.dates[d],
                        start_of_plan + dt.timedelta(minutes=since * facts.interval),
                        start_of_plan + dt.timedelta(minutes=t * facts.interval), current))
                current, since = activity, t
    return blocks
