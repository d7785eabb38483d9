"""Where Erlang's per-interval figures (the checker's) fall outside what the simulation found.

Erlang is judged only in intervals with at least `MIN_CONTACTS` (5) contacts on average per
replication, on the figures that have a value in at least half of the replications: with fewer,
each replication's figure rests on a contact or two and the interval says little. It is flagged
when it misses the interval by more than one contact's worth (shares) or one second (waits),
since every replication can give the same share, an interval of zero width that no formula could
hit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from planner.kpis import service_on
from planner.model import Scenario
from planner.plan import IntervalService
from planner.simulation.figures import FIGURES, Figures

MIN_CONTACTS = 5.0  # contacts per replication in an interval before Erlang is judged there
WAIT_RESOLUTION = 1.0  # seconds: Erlang's wait is flagged only when further off than this


@dataclass(frozen=True)
class Prediction:
    """Erlang's figures for a period (averaged over its intervals as planner.kpis does); None
    where there is nothing to average or the wait has no end."""

    service_level: float | None
    asa_seconds: float | None
    abandon_rate: float | None


def outside(figures: Figures, erlang: IntervalService, replications: int) -> tuple[str, ...]:
    """The figures (service_level, asa_seconds, abandon_rate) for which the checker's Erlang
    value for an interval lies outside the simulation's interval (module doc)."""
    if figures.contacts < MIN_CONTACTS:
        return ()
    one_contact = 1.0 / figures.contacts
    found = []
    for name in FIGURES:
        slack = WAIT_RESOLUTION if name == "asa_seconds" else one_contact
        if getattr(figures, name).misses(getattr(erlang, name), slack, -(-replications // 2)):
            found.append(name)
    return tuple(found)


def predicted(scenario: Scenario, channel: str, rows: Sequence[IntervalService]) -> Prediction:
    """Erlang's figures for a period of one channel, from the checker's rows for its intervals,
    weighted by contacts as the KPIs are."""
    figures = service_on(scenario, rows, channel)
    if figures is None:
        return Prediction(None, None, None)
    asa = figures.asa_seconds
    return Prediction(figures.service_level, asa if asa is not None and math.isfinite(asa)
                      else None, figures.abandon_rate)
