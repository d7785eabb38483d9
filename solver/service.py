"""Who is on what, interval by interval: breaks, live channels and time for deferred work.

People with the same skills are interchangeable for this, so the model counts them by skill
group: how many of a group are on their break, on each live channel, or free for email and
case work in each interval. Counting instead of naming loses nothing (any counts that fit can be
handed out to the people of the group afterwards) and keeps the model small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from planner.checks.rules.names import BREAKS
from planner.demand import demand_grid
from planner.model import ChannelKind
from solver.envelope import lower_envelope, service_prices
from solver.facts import DAY
from solver.rota_model import RotaModel
from solver.short_cover import price_short_cover


@dataclass
class SkillGroup:
    skills: tuple[str, ...]
    live: tuple[str, ...]
    deferred: tuple[str, ...]
    members: list[int] = field(default_factory=list)
    breaks: dict[tuple[int, str, int], object] = field(default_factory=dict)  # (day, code, t)
    present: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    on_channel: dict[tuple[int, str], object] = field(default_factory=dict)  # (t, channel)
    on_queue: dict[tuple[int, str], object] = field(default_factory=dict)  # (day, queue)
    free: dict[int, object] = field(default_factory=dict)  # t -> present, not on a live channel
    on_pattern: dict[tuple[int, str], list] = field(default_factory=dict)  # (day, code) -> shifts
    # the break of someone away for part of their break window (leave starting at midnight in
    # a night shift, a training morning): (person, day, code) -> start -> their own 0/1
    own_breaks: dict[tuple[int, int, str], dict[int, object]] = field(default_factory=dict)


@dataclass
class Service:
    groups: list[SkillGroup]
    volume: np.ndarray  # (intervals, live channels), avoidable contacts included
    aht: np.ndarray
    live: tuple[str, ...]
    avoidable: np.ndarray | None = None  # of the volume, contacts chasing cases
    price: dict[tuple[int, str], object] = field(default_factory=dict)  # (t, channel) -> var
    lines: dict[tuple[int, str], list] = field(default_factory=dict)  # the envelope's lines
    short_cover: object | None = None  # solver.short_cover.ShortCover, once worked out

    def serve_avoidable(self, facts, grid, extra: np.ndarray) -> None:
        """Count `extra` (shaped like the demand grid) as the avoidable part of the volume, in
        place of any counted before; the model is not changed."""
        avoidable, _ = live_grid(facts, grid, self.live, extra)
        before = 0 if self.avoidable is None else self.avoidable
        self.volume = self.volume - before + avoidable
        self.avoidable = avoidable
        self.short_cover = None


def plan_service(m: RotaModel, extra: np.ndarray | None = None) -> Service:
    """Add breaks, activities and the price of service on live channels to the model;
    `extra` (shaped like the demand grid) is avoidable contacts to serve as well."""
    facts, scenario = m.facts, m.facts.scenario
    grid = demand_grid(scenario) if scenario.channels else None
    live = tuple(c.name for c in scenario.channels if c.kind.is_live)
    emails = {c.name for c in scenario.channels if c.kind is ChannelKind.EMAIL}
    queues = {q.name for q in scenario.case_queues} | emails
    volume, aht = live_grid(facts, grid, live, None if grid is None else grid.volume)
    service = Service(_groups(m, live, queues), volume, aht, live)
    if grid is not None and extra is not None:
        service.serve_avoidable(facts, grid, extra)
    for group in service.groups:
        _presence(m, group)
        _activities(m, service, group)
    _staggered_breaks(m, service)
    _live_first(m, service)
    _price(m, service)
    price_short_cover(m, service)
    return service


def live_grid(facts, grid, live: tuple[str, ...], values) -> tuple[np.ndarray, np.ndarray]:
    """`values` (dates x intervals x channels) and the handle times as (plan intervals, live
    channels), zero where the plan has no demand (the morning after its last day)."""
    out = np.zeros((facts.intervals, len(live)))
    aht = np.zeros((facts.intervals, len(live)))
    if grid is None:
        return out, aht
    names = [ch.name for ch in grid.channels]
    planned = grid.volume.shape[0] * grid.volume.shape[1]
    for k, name in enumerate(live):
        c = names.index(name)
        out[:planned, k] = values[:, :, c].reshape(-1)
        aht[:planned, k] = grid.aht_seconds[:, :, c].reshape(-1)
    return out, aht


def _groups(m: RotaModel, live: tuple[str, ...], queues: set[str]) -> list[SkillGroup]:
    by_skills: dict[tuple[str, ...], SkillGroup] = {}
    for p, person in enumerate(m.facts.people):
        useful = tuple(sorted(s for s in set(person.skills) if s in live or s in queues))
        if not useful:
            continue
        group = by_skills.get(useful)
        if group is None:
            group = by_skills[useful] = SkillGroup(
                useful, tuple(s for s in live if s in useful),
                tuple(s for s in sorted(queues) if s in useful))
        group.members.append(p)
    return list(by_skills.values())


def _presence(m: RotaModel, group: SkillGroup) -> None:
    """Members at work and not on their break, per interval, as lists of model terms."""
    facts = m.facts
    who = frozenset(group.members)
    on_pattern: dict[tuple[int, str], list] = defaultdict(list)
    for p in group.members:
        for d in range(facts.days):
            for code, x in m.shifts_of(p, d):
                shift = facts.shift(code, d)
                away = set(facts.absent_intervals(p, shift))
                for t in range(shift.first, min(shift.last, facts.intervals)):
                    if t not in away:
                        group.present[t].append(x)
                if shift.break_length and not _away_on_break(shift, away):
                    on_pattern[(d, code)].append(x)
                elif shift.break_length:
                    _own_break(m, group, p, d, code, x, away)
    group.on_pattern = dict(on_pattern)
    for (d, code), people in on_pattern.items():
        shift = facts.shift(code, d)
        starts = []
        for start in shift.break_starts:
            count = m.model.new_int_var(0, len(people), f"break[{group.skills},{d},{code},{start}]")
            group.breaks[(d, code, start)] = count
            m.decide(count, d, who)
            starts.append(count)
            for t in range(start, min(start + shift.break_length, facts.intervals)):
                group.present[t].append(-count)
        m.model.add(sum(starts) == sum(people))


def _away_on_break(shift, away: set[int]) -> bool:
    """Whether the person is away for some of the time their break could fall in."""
    starts = shift.break_starts
    return bool(starts) and any(starts[0] <= t < starts[-1] + shift.break_length for t in away)


def _own_break(m: RotaModel, group: SkillGroup, p: int, d: int, code: str, x, away) -> None:
    """The break of someone away for part of their break window, decided for them alone (a
    skill group's count of breaks at a start assumes whoever takes them is there): at a start
    when they are at work; away for all of it, the shift breaks the rule on breaks."""
    shift = m.facts.shift(code, d)
    starts = [s for s in shift.break_starts
              if not any(t in away for t in range(s, s + shift.break_length))]
    own = {s: m.model.new_bool_var(f"own break[{p},{d},{code},{s}]") for s in starts}
    group.own_breaks[(p, d, code)] = own
    if not own:  # away for all of the window: a shift with no break in it breaks the rule
        m.model.add(m.breach(BREAKS, (p,), (d,), 1, "shifts") >= x)
        return
    m.model.add(sum(own.values()) == x)
    for s, b in own.items():
        m.decide(b, d, frozenset((p,)))
        for t in range(s, min(s + shift.break_length, m.facts.intervals)):
            group.present[t].append(-b)


def _activities(m: RotaModel, service: Service, group: SkillGroup) -> None:
    """Split the members present in each interval between live channels and deferred work. A
    group with no deferred work has everyone present on a live channel with contacts (when one
    has any): nobody sits idle, since the rota hands each of them to a channel."""
    facts = m.facts
    size, who = len(group.members), frozenset(group.members)
    free_by_day: dict[int, list] = defaultdict(list)
    for t, terms in group.present.items():
        present = sum(terms)
        live = []
        for name in group.live:
            k = service.live.index(name)
            if service.volume[t, k] > 0:
                n = m.model.new_int_var(0, size, f"on[{group.skills},{t},{name}]")
                group.on_channel[(t, name)] = n
                m.decide(n, min(t * facts.interval // DAY, facts.days - 1), who)
                live.append(n)
        if live and group.deferred:
            m.model.add(sum(live) <= present)
        elif live:  # nothing else to do: everyone present is on a channel, as handed out
            m.model.add(sum(live) == present)
        if group.deferred:
            group.free[t] = present - sum(live)
            free_by_day[t * facts.interval // DAY].append(group.free[t])
    for d, free in free_by_day.items():
        shares = []
        for queue in group.deferred:
            share = m.model.new_int_var(0, size * DAY // facts.interval,
                                        f"work[{group.skills},{d},{queue}]")
            group.on_queue[(d, queue)] = share
            m.decide(share, d, who)
            shares.append(share)
        m.model.add(sum(shares) <= sum(free))


def _staggered_breaks(m: RotaModel, service: Service) -> None:
    """Breaks staggered: of the people on a shift pattern on a day, at most their share (the
    number of them over the break's possible starts, rounded up) start their break at any one
    start."""
    facts = m.facts
    patterns: dict[tuple[int, str], list] = defaultdict(list)
    for group in service.groups:
        for key, shifts in group.on_pattern.items():
            patterns[key].append((group, shifts))
    for (d, code), parts in patterns.items():
        starts = facts.shift(code, d).break_starts
        if len(starts) < 2:
            continue
        people = sum(sum(shifts) for _, shifts in parts)
        for start in starts:
            taking = sum(group.breaks[(d, code, start)] for group, _ in parts)
            m.add_to_layout(len(starts) * taking <= people + len(starts) - 1)


def _live_first(m: RotaModel, service: Service) -> None:
    """Nobody on email or case work while a live channel they are skilled for has contacts
    coming and nobody on it: a group's people free of live channels in an interval are at most
    its size times the number on each such channel."""
    for group in service.groups:
        for t, free in group.free.items():
            for name in group.live:
                if (t, name) not in group.on_channel:
                    continue
                on = sum(g.on_channel[(t, name)] for g in service.groups
                         if (t, name) in g.on_channel)
                m.add_to_layout(free <= len(group.members) * on)


def _price(m: RotaModel, service: Service) -> None:
    """The price of service in each interval with contacts, through the envelope's lines."""
    facts, scenario = m.facts, m.facts.scenario
    seconds = facts.interval * 60
    for k, name in enumerate(service.live):
        channel = scenario.channel(name)
        busy = [int(t) for t in np.flatnonzero(service.volume[:, k] > 0)]
        able = [[g for g in service.groups if (t, name) in g.on_channel] for t in busy]
        most = [sum(len(g.members) for g in groups) for groups in able]
        table = service_prices(channel, scenario.rules, service.volume[busy, k],
                               service.aht[busy, k], seconds, max(most, default=0))
        for t, groups, row, top_agents in zip(busy, able, table, most, strict=True):
            values = row[:top_agents + 1]
            top = int(np.ceil(values[0] * 100)) + 1
            price = m.model.new_int_var(0, top, f"price[{t},{name}]")
            service.price[(t, name)] = price
            m.decide(price)
            n = sum(g.on_channel[(t, name)] for g in groups) if groups else 0
            service.lines[(t, name)] = lower_envelope(values)
            for a, b in service.lines[(t, name)]:
                m.model.add(100 * price >= round(a * 10_000) + round(b * 10_000) * n)
            m.penalise("service", 0.01, price)
