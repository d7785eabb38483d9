"""A first rota to start the search from, built greedily around when contacts arrive.

Week by week, each advisor in turn takes the shifts (day and pattern) worth the most on the
channels they are skilled for, until their contract hours or their days a week are reached,
keeping their rest and their runs of days within the rules. A shift is worth what the model's
price gains from one more advisor in each of its intervals (`_Uncovered`): the contacts they
answer (up to an advisor's worth of the load still uncovered) and, with short cover priced, the
fall in its square, which is largest where the interval is shortest for its need. So when every
interval is short, the advisors follow the shape of the need (an 8-hour shift that leaves
17:00-18:00 empty is not taken for one more advisor at the 09:30 peak), rather than piling onto
the busiest hours.
Where the model's linear relaxation has been solved, they take the shifts it works most of
instead, the load breaking ties: the relaxation prices service, rules and caseload together,
so it knows, for one, that part-timers are worth more mid-week than on the Monday peak that
full-timers already cover (the 4-week sample's first plan: 152.9k against 154.2k).
Officers with no live channel work their usual pattern on the first days of the week. Locks are
kept. The search then improves on it; it only has to be a sensible place to start.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from planner.model import Staff
from solver.budget import Budget
from solver.caseload import Queue
from solver.exact_days import Shares, lay_out
from solver.facts import Block, Facts
from solver.first_day import first_days
from solver.rota_model import RotaModel
from solver.search import SolveOptions, hint_all, solve_held
from solver.service import Service
from solver.short_cover import ShortCover

LOAD_MARGIN = 1.15  # a little over the load, since queues need spare advisors to clear


@dataclass(frozen=True)
class Start:
    """Where a search starts: a rota and, from an earlier solve of the scenario, the breaks and
    activities of that rota's days (by variable name: a later round's model has the same names
    for them even when the contacts it assumes differ)."""

    rota: dict[tuple[int, int], str]
    activities: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def of(m: RotaModel, rota: dict[tuple[int, int], str], values) -> Start:
        """The start a plan of `m` gives, `values` being every variable's value in it."""
        variables = m.model.proto.variables
        return Start(rota, {variables[i].name: values[i] for i in m.decision_days})

    def days(self, m: RotaModel) -> dict[int, int] | None:
        """Hints (variable index -> value) for the breaks and activities, or None when there
        are none for this model."""
        variables = m.model.proto.variables
        hints = {i: self.activities[variables[i].name] for i in m.decision_days
                 if variables[i].name in self.activities}
        return hints or None


def first_rota(facts: Facts, service: Service | None = None, shares: Shares | None = None
               ) -> dict[tuple[int, int], str]:
    """The first rota; with `shares` (how much of each shift a relaxation of the model works),
    advisors take the shifts with the largest shares first, and what a shift is worth only
    breaks ties."""
    rota: dict[tuple[int, int], str] = {}
    worth = _Uncovered.of(facts, service) if service is not None and service.live else None
    advisors = [p for p, person in enumerate(facts.people)
                if worth is not None and any(s in service.live for s in person.skills)]
    advisors.sort(key=lambda p: sum((p, d) in facts.options for d in range(facts.days)))
    for week in facts.weeks:
        for p in advisors:
            rota.update(_greedy_week(facts, p, week, worth, rota, shares))
        for p, person in enumerate(facts.people):
            if p not in advisors:
                rota.update(_week(facts, p, person, week))
    for p, d in facts.locks:
        if (p, d) in facts.options:
            rota[(p, d)] = facts.options[(p, d)][0]
        else:
            rota.pop((p, d), None)
    return rota


@dataclass
class _Uncovered:
    """What one more advisor is worth on each live channel in each plan interval, as the
    model prices it (in advisor values: what one advisor's interval answers), as the first rota
    takes advisors off what is still uncovered.

    - Service: the contacts they answer, up to an advisor's worth of the offered load still
      uncovered (`load`, with a margin, since queues need spare advisors to clear).
    - Short cover: the fall in its square (solver.short_cover.ShortCover), with `short` the
      advisors the interval is still short of its need.
    """

    load: np.ndarray  # (intervals, live channels): advisors' worth of load still uncovered
    short: np.ndarray  # advisors short of the need
    cover: ShortCover
    value: np.ndarray  # each advisor value against the largest
    live: tuple[str, ...]

    @staticmethod
    def of(facts: Facts, service: Service) -> _Uncovered:
        seconds = facts.interval * 60
        concurrency = np.array([facts.scenario.channel(c).concurrency for c in service.live])
        load = service.volume * service.aht / seconds / concurrency * LOAD_MARGIN
        cover = ShortCover.of(facts, service)
        value = cover.value / max(float(cover.value.max(initial=0.0)), 1e-9)
        return _Uncovered(load, cover.needed.copy(), cover, value, service.live)

    def per_interval(self, skills: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """For a person skilled for `skills`: what one more of them is worth in each interval,
        and on which of those channels."""
        worth = self.value[:, skills] * (
            np.clip(self.load[:, skills], 0.0, 1.0)
            + self.cover.fall(self.short[:, skills], self.cover.needed[:, skills]))
        best = np.argmax(worth, axis=1)
        return worth[np.arange(len(best)), best], np.asarray(skills)[best]

    def take(self, first: int, last: int, skills: list[int]) -> None:
        """One more advisor from interval `first` to `last` (exclusive), each interval on the
        channel where they are worth most."""
        _, channels = self.per_interval(skills)
        for t in range(first, last):
            k = int(channels[t])
            self.load[t, k] -= 1
            self.short[t, k] -= 1


def _greedy_week(facts: Facts, p: int, week: Block, worth: _Uncovered, rota: dict,
                 shares: Shares | None) -> dict[tuple[int, int], str]:
    person = facts.people[p]
    skills = [k for k, name in enumerate(worth.live) if name in person.skills]
    target = person.contract_hours * week.scale * 60
    most_days = max(1, round(person.max_days_per_week * week.scale))
    cap = min(person.max_hours, facts.scenario.rules.max_weekly_hours) * week.scale * 60
    rest = facts.scenario.rules.min_rest_hours * 60
    most_run = person.max_consecutive_days or facts.scenario.rules.max_consecutive_days
    chosen: dict[tuple[int, int], str] = {}
    paid = 0
    floor = _floor(facts, p, week)
    longest = max((facts.patterns[code].paid_minutes for d in week.days
                   for code in facts.options.get((p, d), ())), default=0)
    while paid < target and len(chosen) < most_days:
        running = np.concatenate(([0.0], np.cumsum(worth.per_interval(skills)[0])))
        best, score = None, (False, -1.0, -1.0)
        free = [d for d in week.days if (p, d) not in chosen and (p, d) in facts.options]
        after = min(most_days - len(chosen), len(free)) - 1  # days still to choose after this
        for d in free:
            for code in facts.options[(p, d)]:
                minutes = facts.patterns[code].paid_minutes
                if paid + minutes > cap:
                    continue
                shift = facts.shift(code, d)
                if _no_break(facts, p, shift):
                    continue
                last = min(shift.last, facts.intervals)
                load = running[last] - running[shift.first]
                # a short shift that leaves the week's minimum hours out of reach comes last
                keeps = paid + minutes + after * longest >= floor
                value = (keeps, shares.get((p, d, code), 0.0), load) if shares \
                    else (keeps, load, 0.0)
                if value > score and _fits(facts, p, d, shift, rota | chosen, rest, most_run):
                    best, score = (d, code), value
        if best is None:
            break
        chosen[(p, best[0])] = best[1]
        paid += facts.patterns[best[1]].paid_minutes
        shift = facts.shift(best[1], best[0])
        worth.take(shift.first, min(shift.last, facts.intervals), skills)
    _lengthen(facts, p, week, chosen, rota, rest, most_run, cap)
    return chosen


def _lengthen(facts: Facts, p: int, week: Block, chosen: dict, rota: dict, rest: float,
              most_run: int, cap: float) -> None:
    """Swap shifts for longer ones the same day until the week's minimum hours are reached,
    where rest and the weekly maximum allow (a week of short shifts can fall just short)."""
    floor = _floor(facts, p, week)
    paid = sum(facts.patterns[code].paid_minutes for code in chosen.values())
    for (q, d), code in sorted(chosen.items(), key=lambda item: item[0][1]):
        if paid >= floor:
            return
        for longer in facts.options[(q, d)]:
            gain = facts.patterns[longer].paid_minutes - facts.patterns[code].paid_minutes
            others = {k: v for k, v in (rota | chosen).items() if k != (q, d)}
            if gain > 0 and paid + gain <= cap and _fits(facts, p, d, facts.shift(longer, d),
                                                         others, rest, most_run):
                chosen[(q, d)] = longer
                paid += gain
                break


def _no_break(facts: Facts, p: int, shift) -> bool:
    """Whether the person is away for every start of the shift's break (training over its
    window, say): the shift would break the rule on breaks."""
    if not shift.break_length or not shift.break_starts:
        return False
    away = set(facts.absent_intervals(p, shift))
    return bool(away) and all(any(t in away for t in range(s, s + shift.break_length))
                              for s in shift.break_starts)


def _floor(facts: Facts, p: int, week: Block) -> float:
    """The paid minutes the person's week must reach: their minimum hours, less a day's
    contract for each day away all day or a bank holiday."""
    person = facts.people[p]
    away = sum((p, d) in facts.away_all_day or d in facts.holidays for d in week.days)
    return max(0.0, person.min_hours * week.scale
               - away * person.contract_hours / person.max_days_per_week) * 60


def _fits(facts: Facts, p: int, d: int, shift, rota: dict, rest: float, most_run: int) -> bool:
    """Whether the shift keeps rest with the neighbouring days' shifts, the forbidden shift
    sequences, the run of days and the weekends a person may work."""
    before, after = rota.get((p, d - 1)), rota.get((p, d + 1))
    if before and shift.start - facts.shift(before, d - 1).end < rest:
        return False
    if after and facts.shift(after, d + 1).start - shift.end < rest:
        return False
    banned = {(f.pattern, f.next_pattern) for f in facts.scenario.forbidden_sequences}
    code = shift.pattern.code
    if (before, code) in banned or (code, after) in banned:
        return False
    run = 1
    for step in (-1, 1):
        e = d + step
        while (p, e) in rota:
            run += 1
            e += step
    return run <= most_run and _weekend_fits(facts, p, d, rota)


def _weekend_fits(facts: Facts, p: int, d: int, rota: dict) -> bool:
    """Whether a shift on day `d` keeps the person within the weekends they may work: a day of
    a weekend they do not work yet, with as many weekends already worked as the limit allows,
    does not fit (Staff `max_weekends` over the plan, else Rules' per four weeks)."""
    weekend = next((w for w in facts.weekends if d in w.days), None)
    if weekend is None or any((p, e) in rota for e in weekend.days):
        return True
    person, rules = facts.people[p], facts.scenario.rules
    if person.max_weekends is not None:
        within, most = facts.weekends, person.max_weekends
    else:
        block = next((b for b in facts.four_weeks if weekend.days[0] in b.days), None)
        if block is None:
            return True
        within = [w for w in facts.weekends if w.days[0] in block.days]
        most = math.ceil(rules.max_weekends_per_4_weeks * block.scale)
    worked = sum(any((p, e) in rota for e in w.days) for w in within)
    return worked < most


def _week(facts: Facts, p: int, person: Staff, week: Block) -> dict[tuple[int, int], str]:
    days = [d for d in week.days if (p, d) in facts.options]
    if not days:
        return {}
    codes = {code for d in days for code in facts.options[(p, d)]}
    order = list(facts.patterns)
    best = max(codes, key=lambda c: (sum(c in facts.options[(p, d)] for d in days),
                                     -order.index(c)))
    target = person.contract_hours * week.scale * 60
    most_days = max(1, round(person.max_days_per_week * week.scale))
    chosen: dict[tuple[int, int], str] = {}
    paid = 0
    for d in days:
        if best not in facts.options[(p, d)] or paid >= target or len(chosen) >= most_days:
            continue
        chosen[(p, d)] = best
        paid += facts.patterns[best].paid_minutes
    return chosen


class _Counter(cp_model.CpSolverSolutionCallback):
    def __init__(self):
        super().__init__()
        self.solutions = 0

    def on_solution_callback(self) -> None:
        self.solutions += 1


def warm_start(m: RotaModel, rota: dict[tuple[int, int], str], options: SolveOptions,
               seconds: float, should_stop=None, days: dict | None = None,
               wall: float = math.inf) -> cp_model.CpSolver | None:
    """Hint the search with a rota, completed with breaks, activities and every other variable
    by a short solve with the shifts held fixed, so the search starts from a whole plan rather
    than having to find one. `days` may give each day's breaks and activities as well (held
    too). Returns the solver holding that plan, or None if none was found in `seconds` (and
    `wall` seconds by the clock); a stop asked for is obeyed only once there is a plan.
    """
    held = {x.index: int(rota.get((p, d)) == code) for (p, d, code), x in m.shift.items()}
    held.update({works.index: int((p, d) in rota) for (p, d), works in m.works.items()})
    held.update(days or {})
    counter = _Counter()

    def stop_once_there_is_a_plan() -> bool:  # a stop should still leave a plan to keep
        return should_stop is not None and should_stop() and counter.solutions > 0

    found = solve_held(m.model, held, options, seconds, stop_once_there_is_a_plan, wall, counter)
    if found is not None:
        hint_all(m.model, found.response_proto.solution)
    return found


def complete(m: RotaModel, service: Service, queues: list[Queue], rota: dict[tuple[int, int], str],
             options: SolveOptions, seconds: float, should_stop=None, days: dict | None = None
             ) -> cp_model.CpSolver | None:
    """The solver holding the rota completed into a whole plan (`completed`), or None."""
    return completed(m, service, queues, rota, options, seconds, should_stop, days)[0]


def completed(m: RotaModel, service: Service, queues: list[Queue],
              rota: dict[tuple[int, int], str], options: SolveOptions, seconds: float,
              should_stop=None, days: dict | None = None, within: Budget | None = None,
              laying: float | None = None
              ) -> tuple[cp_model.CpSolver | None, dict[int, int]]:
    """`warm_start` from the rota, with its breaks and activities from `days` when given (an
    earlier solve's), or else at their least cost (`exact_days`) when they can be found in the
    time, or else laid out by `first_days`: the solver holding the whole plan (None when none
    was found in the time) and the breaks and activities it started from.

    Laying the days out exactly takes up to `laying` seconds (by default `seconds`; 0 skips
    it), and each warm start up to `seconds` (a repeatable solve's: in the solver's own units,
    see solver.search.REPEATABLE_WALL); all of it ends within `within` when given. (300
    staff over 4 weeks: 17 s laying out and 2 s for the warm start, for a start 3.5% cheaper
    than the first guess's.)"""
    within = within or Budget.of(3 * seconds)

    def started(days: dict[int, int], layout: str) -> cp_model.CpSolver | None:
        # a repeatable solve's by the solver's own units, not by the clock left
        given = seconds if options.repeatable else within.share(1.0, seconds)
        began = time.perf_counter()
        warm = warm_start(m, rota, options, given, should_stop, days, within.remaining())
        m.stages.ran("warm start", began, None if warm is None else
                     m.pounds(warm.objective_value),
                     f"from the {layout}" + ("" if warm else ": no whole plan in the time"))
        return warm

    if days is None:
        exact = lay_out(m, rota, seconds if laying is None else laying, should_stop,
                        options.repeatable)
        if exact is not None:
            warm = started(exact, "exact day layout")
            if warm is not None or (should_stop is not None and should_stop()):
                return warm, exact
        days, layout = first_days(m, service, rota, queues), "first day layout"
    else:
        layout = "last round's days"
    return started(days, layout), days
