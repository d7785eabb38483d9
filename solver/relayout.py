"""Each day of the best rota laid out again: advisors where one more is worth most.

CP-SAT's search and the neighbourhoods move people between shifts well, but on a large model they
leave days whose layout a team leader would not sign: ten on email at 15:00 on a Friday while
voice has 7 of the 30 it needs, and 20 on voice a quarter of an hour later. Once the shifts,
breaks and each day's email and case work are known, the rest of a day is a question of counts:
in each interval, how many of each skill group are on each live channel, the rest doing the
day's deferred work. The price of service on a channel falls by less with each advisor more
(the lower envelope of its Erlang curve) and short cover's square does too, so giving the day's
live time one person-interval at a time to whichever channel and interval one more advisor is
worth most in (solver.first_day) is the cheapest split for one skill group, and a good one for
several taken in turn, specialists first.

`relaid` does that with the best plan's shifts, breaks and deferred work held, completes the
plan by a short solve (solver.hint.warm_start) and keeps it when it costs less.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from solver.facts import DAY
from solver.first_day import Worth, place_day
from solver.hint import warm_start
from solver.rota_model import RotaModel
from solver.search import SolveOptions
from solver.service import Service
from solver.short_cover import ShortCover

RELAYOUT_BUILDS = 1.0  # times what the model took to build: what laying out again takes
MOST_SHARE = 0.1  # of the search's time, at most, for it


NO_LIVE = "no live channel: the days have only deferred work to lay out"
REPEATABLE_SHARE = 0.05  # ... of a repeatable search (which cannot go by the clock)
LEAST_SECONDS = 0.5  # ... and in it, not worth keeping back less


def reserve(seconds: float, built: float, repeatable: bool = False) -> float:
    """Seconds of a search of `seconds` kept back for laying its best rota's days out again:
    RELAYOUT_BUILDS times what the model took to build (300 people over 2 weeks: 3.9 s to
    build; reading the plan, laying it out and completing it, 1 s, 0.5 s and 0.8 s), or none
    when that is more than MOST_SHARE of the search. A repeatable search keeps back
    REPEATABLE_SHARE of its time (in the solver's units), when that is LEAST_SECONDS or more."""
    if repeatable:
        share = REPEATABLE_SHARE * seconds
        return share if share >= LEAST_SECONDS else 0.0
    wanted = RELAYOUT_BUILDS * built
    return wanted if 0 < wanted <= MOST_SHARE * seconds else 0.0


def too_short(built: float, repeatable: bool = False) -> str:
    """Why there is no relayout: the search is too short for it."""
    if repeatable:
        return (f"a repeatable search of under {LEAST_SECONDS / REPEATABLE_SHARE:g} s keeps "
                "no time back for it")
    return (f"it takes about {RELAYOUT_BUILDS * built:.1f} s here, more than "
            f"{MOST_SHARE:.0%} of the search")


def relaid(m: RotaModel, service: Service, best: cp_model.CpSolver, options: SolveOptions,
           seconds: float, should_stop=None, wall: float = float("inf")
           ) -> cp_model.CpSolver | None:
    """The plan of `best` with each day laid out again (module doc), completed within
    `seconds` (and `wall` by the clock), when it costs less than `best`; else None."""
    values = best.response_proto.solution
    if not service.live or not values:
        return None
    rota = {(p, d): code for (p, d, code), x in m.shift.items() if values[x.index]}
    hints = {i: int(values[i]) for i in m.decision_days}
    facts = m.facts
    worth = Worth(service, ShortCover.of(facts, service))
    taken: Counter = Counter()
    for group in sorted(service.groups, key=lambda g: len(g.live)):
        if not group.on_channel:
            continue
        present = {t: max(0, round(sum(_value(term, values) for term in terms)))
                   for t, terms in group.present.items()}
        by_day: dict[int, list[int]] = defaultdict(list)
        for t in present:
            by_day[t * facts.interval // DAY].append(t)
        for d, intervals in by_day.items():
            shares = [group.on_queue[(d, q)] for q in group.deferred if (d, q) in group.on_queue]
            deferred = sum(int(values[share.index]) for share in shares)
            capacity = sum(present[t] for t in intervals)
            live = place_day(worth, group, intervals, present, capacity - deferred, taken, hints)
            _fit(shares, capacity - live, values, hints)
    relaid_plan = warm_start(m, rota, options, seconds, should_stop, hints, wall)
    if relaid_plan is None or relaid_plan.objective_value >= best.objective_value - 0.5:
        return None
    return relaid_plan


def _value(term, values) -> float:
    """A presence term's value in the plan: a variable, or an affine one (a break's -count)."""
    if hasattr(term, "coefficient"):
        return term.coefficient * _value(term.expression, values) + term.offset
    return values[term.index]


def _fit(shares: list, free: int, values, hints: dict) -> None:
    """The day's deferred work as the plan had it, cut (the largest first) to the time left
    free of live channels, should a live channel with nobody on it have taken some."""
    kept = {share.index: int(values[share.index]) for share in shares}
    while sum(kept.values()) > free and any(kept.values()):
        largest = max(kept, key=kept.get)
        kept[largest] -= 1
    hints.update(kept)
