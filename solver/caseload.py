"""Email and case queues: work applied day by day, oldest cases first, and what runs late.

Counted in officer minutes so the model stays whole-numbered: the work that has arrived by each
day, the work due by each day, and the work done so far. What is due but not done at the end of a
day is overdue that day, and priced per case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.avoidable import chasing_queues
from planner.calendar import due_date, email_due_date
from planner.demand import case_arrivals, demand_grid
from planner.model import ChannelKind
from solver.chasing import Assumed, Chasing, chase_terms
from solver.rota_model import RotaModel
from solver.service import Service


@dataclass
class Queue:
    """A queue's work in the model: arrivals and due dates per plan day, in minutes."""

    name: str
    effort: float  # minutes per case
    new: np.ndarray  # cases arriving on each plan day
    arrived: np.ndarray  # the same, with the backlog from before the plan on day 0
    due: np.ndarray  # cases due by the end of each plan day (cumulative)
    done: list  # cumulative minutes done by the end of each day (model variables)
    worked: list  # minutes worked each day (model expressions)


def queue_work(m: RotaModel, service: Service, assumed: Assumed | None = None,
               chasing: Chasing | None = None) -> list[Queue]:
    """Case and email work day by day; with `assumed`, the contacts chasing customers make."""
    facts = m.facts
    scenario = facts.scenario
    chasers = {q.name for q in chasing_queues(scenario)} if assumed is not None else set()
    grid = demand_grid(scenario) if chasers else None
    queues = []
    for name, effort, arrivals in _arrivals(m, service):
        if effort <= 0:
            continue
        new, arrived, due = np.zeros(facts.days), np.zeros(facts.days), np.zeros(facts.days)
        for date, cases, deadline in arrivals:
            day = (date - facts.dates[0]).days
            if day >= facts.days:
                continue
            arrived[max(0, day)] += cases
            if day >= 0:
                new[day] += cases
            due_day = (deadline - facts.dates[0]).days
            if due_day < facts.days:
                due[max(0, due_day)] += cases
        due = np.cumsum(due)
        total = np.cumsum(arrived)
        worked, done, late = [], [], []
        for d in range(facts.days):
            today = sum(g.on_queue[(d, name)] for g in service.groups if (d, name) in g.on_queue)
            worked.append(today * facts.interval)
            cap = math.ceil(total[d] * effort)
            cumulative = m.model.new_int_var(0, cap, f"done[{name},{d}]")
            overdue = m.model.new_int_var(0, cap, f"overdue[{name},{d}]")
            m.model.add(overdue >= math.ceil(due[d] * effort) - cumulative)
            m.penalise("overdue", scenario.rules.overdue_case_cost / effort, overdue)
            m.decisions += [cumulative, overdue]
            done.append(cumulative)
            late.append(overdue)
        spent = [0] * facts.days
        if name in chasers:
            spent = chase_terms(m, grid, assumed, name, effort, total, due, done, late, chasing)
        previous = 0
        for d in range(facts.days):
            m.model.add(done[d] <= previous + worked[d] - spent[d])
            m.model.add(done[d] >= previous)
            previous = done[d]
        queues.append(Queue(name, effort, new, arrived, due, done, worked))
    return queues


def _arrivals(m: RotaModel, service: Service):
    """(queue, minutes per case, [(arrival date, cases, due date)]) for each queue and email."""
    facts = m.facts
    scenario = facts.scenario
    dates = facts.dates
    region = scenario.settings.region
    arrivals = case_arrivals(scenario)
    for queue in scenario.case_queues:
        daily = arrivals.get(queue.name, np.zeros(len(dates)))
        entries = [(e.opened_date, float(e.count)) for e in scenario.backlog
                   if e.queue == queue.name]
        entries += [(date, float(daily[d])) for d, date in enumerate(dates) if daily[d]]
        rows = [(date, cases, due_date(date, queue, region)) for date, cases in entries]
        yield queue.name, queue.effort_minutes, rows
    if not scenario.channels:
        return
    grid = demand_grid(scenario)
    for c, channel in enumerate(grid.channels):
        if channel.kind is not ChannelKind.EMAIL:
            continue
        rows = [(date, float(grid.volume[d, :, c].sum()), email_due_date(date, channel))
                for d, date in enumerate(dates) if grid.volume[d, :, c].sum() > 0]
        yield channel.name, channel.aht_seconds / 60, rows
