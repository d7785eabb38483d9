"""The rota checker: judges any rota by docs/rules.md, without the solver.

`check_rota` recomputes from the rota cells and activities alone every breach of every rule,
service on each live channel and interval, caseload per queue and day, and what it all costs.
It is the one account of a rota: what a solve returns, the command line, the rota workbook and
the window all show its figures, in its words.

A rota may come from the solver or from a team leader's hands in Excel. How the gaps in a
hand-made rota are read:
- a person-day with no cell is OFF; cells for days outside the plan are ignored;
- a worked cell with no activities gets a default day: its BREAK in the middle of its allowed
  window (rounded down to the interval grid), every other interval on the person's live skill
  with the largest shortfall at that interval, else their first email or case queue skill,
  else their first skill; people without skills are idle (see planner.checks.timeline);
- activities outside a worked cell are ignored: the cell decides;
- time a person is away (all day, or part of it) counts for neither service nor case work.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import numpy as np

from planner.avoidable import avoidable_volume, chasing_queues, with_avoidable
from planner.checks.caseload import caseload, overdue_cost
from planner.checks.costs import costs
from planner.checks.rules import all_breaches
from planner.checks.service import coverage, service_cost, short_cover_cost
from planner.checks.view import View, build_view
from planner.model import Scenario
from planner.plan import Activity, Assessment, CaseDay, RotaCell
from planner.staffing import required_grid

__all__ = ["check_rota", "with_chasers"]


def check_rota(scenario: Scenario, rota: Sequence[RotaCell],
               activities: Sequence[Activity] = (), updates: Collection[str] = ()
               ) -> Assessment:
    """What `rota` achieves for `scenario`: every breach, service, caseload and costs.

    `updates` names the case queues whose customers get proactive updates. The avoidable
    contacts the rota's backlog causes (planner.avoidable) join the demand they land on before
    service is worked out.

    Raises planner.problems.ScenarioError when a cell names someone not in Staff or a code
    that is neither a shift pattern nor OFF, AL, SICK, TRN or BH.
    """
    view = build_view(scenario, rota, activities)
    breaches = tuple(all_breaches(view))
    view, cases, extra = with_chasers(view, updates)
    service = coverage(view, extra)
    return Assessment(
        coverage=service,
        caseload=cases,
        breaches=breaches,
        costs=costs(view, service_cost(view, service), short_cover_cost(view),
                    overdue_cost(view, cases), breaches),
    )


def with_chasers(view: View, updates: Collection[str] = ()
                 ) -> tuple[View, tuple[CaseDay, ...], np.ndarray | None]:
    """The view with the avoidable contacts its caseload causes added to demand, the caseload,
    and those contacts (None when no queue chases)."""
    cases = caseload(view, updates)
    if not chasing_queues(view.scenario):
        return view, cases, None
    extra = avoidable_volume(view.scenario, view.grid, cases)
    grid = with_avoidable(view.grid, extra)
    return replace(view, grid=grid, required=required_grid(view.scenario, grid)), cases, extra
