"""Each person's day in the first rota: breaks spread out, advisors where contacts are.

Given the first rota's shifts, breaks of people on the same shift (whatever their skills) are
spread evenly over their window, so no start has more than its share. Each skill group
(specialists first, then the multi-skilled) keeps its share of the day's email and case work,
and gives the rest of its time, one person-interval at a time, to whichever live channel and
interval one more advisor is worth most in, as the model prices it (the contacts answered and
the fall in short cover, which is largest where the interval is shortest for its need: so when
every interval is short, email and cases go where the shortage is least, not onto the peak).
Time not worth a penny on a channel goes to email and cases too, except that a live channel the
group could take with nobody on it gets one of them first. With all that given, the rest of the
model (prices, caseload, breaches) follows at once, so the search starts from a whole plan.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

import numpy as np

from solver.caseload import Queue
from solver.facts import DAY
from solver.rota_model import RotaModel
from solver.service import Service, SkillGroup
from solver.short_cover import ShortCover

WORTHWHILE = 0.01  # pounds an interval: less than this, an advisor is better on deferred work


def first_days(m: RotaModel, service: Service, rota: dict[tuple[int, int], str],
               queues: list[Queue]) -> dict:
    """Hint values (variable index -> value) for the breaks and activities of `rota`."""
    facts = m.facts
    hints: dict = {}
    taken: Counter = Counter()  # (interval, channel) -> advisors placed so far
    groups = sorted(service.groups, key=lambda g: len(g.live))
    present = _breaks(m, groups, rota, hints)
    worth = Worth(service, ShortCover.of(facts, service))
    reserve = _deferred_need(facts, groups, present, queues)
    for group in groups:
        by_day: dict[int, list[int]] = defaultdict(list)
        for t in present[id(group)]:
            by_day[t * facts.interval // DAY].append(t)
        for share in group.on_queue.values():
            hints[share.index] = 0
        for d, intervals in by_day.items():
            here = present[id(group)]
            capacity = sum(max(0, here[t]) for t in intervals)
            keep = reserve.get((id(group), d), 0)  # the morning after the plan keeps none
            live = place_day(worth, group, intervals, here, capacity - keep, taken, hints)
            _share_out(group, d, capacity - live, hints)
    return hints


def _deferred_need(facts, groups, present, queues: list[Queue]) -> dict:
    """Person-intervals each group keeps for email and cases each day: each queue's work over
    the plan, shared between the groups and days that can do it in proportion to their time."""
    need = {q.name: q.arrived.sum() * q.effort / facts.interval for q in queues}
    capacity: Counter = Counter()
    for group in groups:
        for t, count in present[id(group)].items():
            capacity[(id(group), t * facts.interval // DAY)] += max(0, count)
    reserve: Counter = Counter()
    for name, intervals in need.items():
        able = {(id(g), d) for g in groups if name in g.deferred for d in range(facts.days)}
        total = sum(capacity[key] for key in able)
        for key in able:
            if total:
                reserve[key] += intervals * capacity[key] / total
    return {key: round(value) for key, value in reserve.items()} | {
        (id(g), d): 0 for g in groups for d in range(facts.days)
        if (id(g), d) not in reserve}


def _share_out(group: SkillGroup, d: int, intervals: int, hints: dict) -> None:
    queues = [q for q in group.deferred if (d, q) in group.on_queue]
    for i, queue in enumerate(queues):
        hints[group.on_queue[(d, queue)].index] = intervals // len(queues) + (
            1 if i < intervals % len(queues) else 0)


def _breaks(m: RotaModel, groups: list[SkillGroup], rota, hints: dict) -> dict[int, Counter]:
    """Spread the breaks of each shift pattern's people on a day evenly over their window,
    taking the skill groups in turn; return who of each group is present per interval."""
    facts = m.facts
    present: dict[int, Counter] = {id(g): Counter() for g in groups}
    on_shift: dict[tuple[int, str], list[SkillGroup]] = defaultdict(list)
    for group in groups:
        for p in group.members:
            for d in range(facts.days):
                code = rota.get((p, d))
                if code is None:
                    continue
                shift = facts.shift(code, d)
                away = set(facts.absent_intervals(p, shift))
                for t in range(shift.first, min(shift.last, facts.intervals)):
                    if t not in away:
                        present[id(group)][t] += 1
                if (p, d, code) not in group.own_breaks:
                    on_shift[(d, code)].append(group)
        for count in group.breaks.values():
            hints[count.index] = 0
        for (p, d, code), own in group.own_breaks.items():
            for i, (start, taken) in enumerate(own.items()):  # the middle start they can take
                hints[taken.index] = int(rota.get((p, d)) == code and i == len(own) // 2)
                if hints[taken.index]:
                    shift = facts.shift(code, d)
                    for t in range(start, min(start + shift.break_length, facts.intervals)):
                        present[id(group)][t] -= 1
    for (d, code), people in on_shift.items():
        shift = facts.shift(code, d)
        starts = shift.break_starts
        for i, group in enumerate(people if starts else ()):
            start = starts[min(len(starts) - 1, (2 * i + 1) * len(starts) // (2 * len(people)))]
            hints[group.breaks[(d, code, start)].index] += 1
            for t in range(start, min(start + shift.break_length, facts.intervals)):
                present[id(group)][t] -= 1
    return present


def place_day(price: Worth, group: SkillGroup, intervals: list[int], present, most: int,
               taken: Counter, hints: dict) -> int:
    """Put up to `most` person-intervals of the day on live channels, each where one more
    advisor is worth most; the number placed."""
    placed: Counter = Counter()
    free = {t: max(0, present[t]) for t in intervals}
    heap = []
    for t in intervals:
        _push(heap, price, group, t, taken)
    count = 0
    while heap and count < most:
        worth, t, name = heapq.heappop(heap)
        if -worth <= WORTHWHILE:
            break
        if free[t] == 0:
            continue
        free[t] -= 1
        placed[(t, name)] += 1
        taken[(t, name)] += 1
        count += 1
        if free[t]:
            _push(heap, price, group, t, taken)
    if group.deferred:  # live channels first: none of them left with nobody while some are free
        for t in intervals:
            for name in group.live:
                if free[t] and (t, name) in group.on_channel and not taken[(t, name)]:
                    free[t] -= 1
                    placed[(t, name)] += 1
                    taken[(t, name)] += 1
                    count += 1
    else:  # nothing else to do: everyone present on a channel, where one more is worth most
        for t in intervals:
            names = [name for name in group.live if (t, name) in group.on_channel]
            while free[t] and names:
                name = max(names, key=lambda n: price.of(t, n, taken[(t, n)]))
                free[t] -= 1
                placed[(t, name)] += 1
                taken[(t, name)] += 1
                count += 1
    for t in intervals:
        for name in group.live:
            if (t, name) in group.on_channel:
                hints[group.on_channel[(t, name)].index] = placed[(t, name)]
    return count


def _push(heap: list, worth: Worth, group: SkillGroup, t: int, taken: Counter) -> None:
    """Offer the interval's best channel for one more advisor."""
    best, gain = None, 0.0
    for name in group.live:
        if (t, name) in group.on_channel:
            one_more = worth.of(t, name, taken[(t, name)])
            if one_more > gain:
                best, gain = name, one_more
    if best is not None:
        heapq.heappush(heap, (-gain, t, best))


class Worth:
    """What one more advisor saves on a live channel in an interval, in pounds, as the model
    prices it: the service price's envelope and short cover's square."""

    def __init__(self, service: Service, cover: ShortCover):
        self.service, self.cover = service, cover
        self.column = {name: k for k, name in enumerate(service.live)}
        self.curves: dict[tuple[int, str], list[float]] = {}

    def of(self, t: int, name: str, planned: int) -> float:
        curve = self._curve(t, name, planned + 1)
        return curve[planned] - curve[planned + 1] + self.cover.pounds(t, self.column[name],
                                                                        planned)

    def _curve(self, t: int, name: str, most: int) -> list[float]:
        """The service price's envelope with 0, 1, ... advisors, to `most` at least."""
        curve = self.curves.get((t, name))
        if curve is None or len(curve) <= most:
            lines = np.asarray(self.service.lines[(t, name)], dtype=float)
            agents = np.arange(max(32, 2 * most + 1))
            curve = (lines[:, :1] + lines[:, 1:] * agents).max(axis=0).tolist()
            self.curves[(t, name)] = curve
        return curve
