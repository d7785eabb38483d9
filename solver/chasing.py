"""Avoidable contacts in the model: case work that falls behind makes the phones busier.

The service price of an interval comes from the queueing curve at a fixed volume, so the solver
settles the avoidable contacts by rounds (see `solver.solve`): each solve assumes the avoidable
contacts the previous rota caused, and prices any change from them linearly. For each chasing
queue and working day after the first, the model counts the officer minutes of open cases old
enough to chase (`aged`, which includes those past their deadline) and of those overdue (the
queue's `late` of the evening before), and charges each contact they make at `Assumed.price`, the
cost of one more contact on that channel and day at the previous rota's staffing, less the same
for the contacts already assumed (so the objective stays a first-order estimate around them).

A queue that may send proactive updates gets one yes/no decision for the plan: with it, updating
the chasing cases takes officer minutes out of the day's case work, and cuts their chasing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from planner.avoidable import chase_channel, chasing_queues
from planner.calendar import is_working_day
from planner.checks.caseload import WORKING_DAYS_A_WEEK
from planner.demand import DemandGrid
from planner.model import CaseQueue
from solver.rota_model import PENCE, RotaModel

SCALE = 1000  # fixed-point scale for the fractional coefficients of these constraints


@dataclass(frozen=True, eq=False)
class Assumed:
    """What a round of solving takes as given about avoidable contacts.

    extra: avoidable contacts per date x interval x channel (the demand grid's shape), served
        like any other contact;
    price: pounds per further contact on each date and channel;
    contacts: the avoidable contacts of each (queue, plan day) behind `extra`.
    """

    extra: np.ndarray
    price: np.ndarray
    contacts: dict[tuple[str, int], float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return float(sum(self.contacts.values()))


@dataclass
class Chasing:
    """The model's proactive-update decisions: queue -> yes/no variable."""

    updates: dict[str, object] = field(default_factory=dict)


def chase_terms(m: RotaModel, grid: DemandGrid, assumed: Assumed, name: str, effort: float,
                arrived_by: np.ndarray, due: np.ndarray, done: list, late: list,
                chasing: Chasing) -> list:
    """Price the chasing of one queue; the officer minutes spent on updates, per plan day."""
    scenario = m.facts.scenario
    queue = next(q for q in chasing_queues(scenario) if q.name == name)
    channel = chase_channel(scenario, queue)
    k = [str(c.name) for c in grid.channels].index(channel) if channel else None
    region = scenario.settings.region
    cap = math.ceil(arrived_by[-1] * effort) if len(arrived_by) else 0
    update = None
    if queue.updates_possible and cap > 0:
        update = m.model.new_bool_var(f"updates[{name}]")
        chasing.updates[name] = update
        m.decide(update)
    spent: list = [0] * m.facts.days
    overdue_rate = max(queue.chase_rate, queue.overdue_chase_rate)
    for d in range(1, m.facts.days):
        if not is_working_day(m.facts.dates[d], region):
            continue
        aged = m.model.new_int_var(0, cap, f"aged[{name},{d}]")
        threshold = max(_aged_by(m, queue, arrived_by, d), due[d - 1])
        m.model.add(aged >= math.ceil(threshold * effort) - done[d - 1])
        m.decide(aged)
        price = assumed.price[d, k] if k is not None else 0.0
        if price > 0:
            _charge(m, queue, name, d, price, effort, aged, late[d - 1], overdue_rate, cap,
                    update, assumed)
        if update is not None:
            rate = queue.update_effort_minutes / WORKING_DAYS_A_WEEK / effort
            minutes = m.model.new_int_var(0, cap, f"updating[{name},{d}]")
            m.model.add(SCALE * minutes >= round(SCALE * rate) * aged
                        - SCALE * math.ceil(rate * cap + 1) * (1 - update))
            m.decide(minutes)
            spent[d] = minutes
    return spent


def _aged_by(m: RotaModel, queue: CaseQueue, arrived_by: np.ndarray, d: int) -> float:
    """Cases that arrived at least chase_after_days before plan day d (the backlog included)."""
    oldest = d - queue.chase_after_days
    return float(arrived_by[oldest]) if oldest >= 0 else float(_backlog_before(m, queue, oldest))


def _backlog_before(m: RotaModel, queue: CaseQueue, oldest: int) -> float:
    first = m.facts.dates[0]
    return sum(e.count for e in m.facts.scenario.backlog
               if e.queue == queue.name and (e.opened_date - first).days <= oldest)


def _charge(m: RotaModel, queue: CaseQueue, name: str, d: int, price: float, effort: float,
            aged, late, overdue_rate: float, cap: int, update, assumed: Assumed) -> None:
    """Pence for the contacts the open cases make on day d, less those already assumed."""
    per_aged = PENCE * price * queue.chase_rate / effort  # pence per minute of open cases
    per_late = PENCE * price * (overdue_rate - queue.chase_rate) / effort
    top = math.ceil((per_aged + per_late) * cap) + 1
    pence = m.model.new_int_var(0, top, f"chasing[{name},{d}]")
    terms = round(SCALE * per_aged) * aged + round(SCALE * per_late) * late
    if update is None:
        m.model.add(SCALE * pence >= terms)
    else:
        kept = 1.0 - queue.update_cuts_chasing
        m.model.add(SCALE * pence >= terms - SCALE * top * update)
        m.model.add(SCALE * pence >= round(SCALE * per_aged * kept) * aged
                    + round(SCALE * per_late * kept) * late)
    m.decide(pence)
    m.penalise("service", 1 / PENCE, pence)
    m.add_constant("service", -price * assumed.contacts.get((name, d), 0.0))
