"""A rota and what it achieves, as plain frozen data: the solver's answer and the checker's verdict.

`Plan` is what a solve returns. `Assessment` is what a rota achieves: service per interval,
caseload per day, every broken rule, and what it all costs. There is one account of a rota:
`planner.checks.check_rota` makes the assessment from the rota and activities alone, for a
solved rota as for one edited by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from planner.model import StaffId

# Rota cell codes besides shift pattern codes: each spelt once, here.
OFF = "OFF"
ANNUAL_LEAVE = "AL"
SICK = "SICK"
TRAINING = "TRN"
BANK_HOLIDAY = "BH"
NOT_WORKING = (OFF, ANNUAL_LEAVE, SICK, TRAINING, BANK_HOLIDAY)
BREAK = "BREAK"


@dataclass(frozen=True)
class RotaCell:
    """One person's day: a shift pattern code, or OFF, AL, SICK, TRN or BH."""

    staff_id: StaffId
    date: dt.date
    code: str

    @property
    def works(self) -> bool:
        return self.code not in NOT_WORKING


@dataclass(frozen=True)
class Activity:
    """What a person does from `start` to `end` of a shift worked on `date`.

    `activity` is a channel, a case queue, or BREAK. A shift that crosses midnight keeps the
    date it started on, while `start` and `end` carry their own dates.
    """

    staff_id: StaffId
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    activity: str


@dataclass(frozen=True)
class IntervalService:
    """A live channel in one interval: contacts, agents needed and planned, predicted service."""

    date: dt.date
    interval_start: dt.time
    channel: str
    volume: float
    required: int
    planned: int
    service_level: float
    asa_seconds: float
    abandon_rate: float
    avoidable: float = 0.0  # of the volume, contacts chasing cases (planner.avoidable)


@dataclass(frozen=True)
class CaseDay:
    """A case queue (or email) on one day, counted in cases: new, closed, open and overdue."""

    queue: str
    date: dt.date
    arrivals: float
    done: float
    backlog: float
    overdue: float
    avoidable: float = 0.0  # contacts its customers make that day chasing open cases
    update_minutes: float = 0.0  # officer time spent that day on proactive updates


@dataclass(frozen=True)
class Breach:
    """A rule the rota breaks, in a team leader's words, with who, when and by how much."""

    rule: str
    staff_ids: tuple[StaffId, ...]
    dates: tuple[dt.date, ...]
    size: float
    unit: str
    message: str


@dataclass(frozen=True)
class Costs:
    """The objective's parts, in pounds (see docs/rules.md)."""

    paid_hours: float = 0.0
    cover_hours: float = 0.0
    pay: float = 0.0
    service: float = 0.0
    short_cover: float = 0.0
    overdue: float = 0.0
    fairness: float = 0.0
    requests: float = 0.0
    pattern_cover: float = 0.0
    breaches: float = 0.0

    @property
    def total(self) -> float:
        return (self.pay + self.service + self.short_cover + self.overdue + self.fairness
                + self.requests + self.pattern_cover + self.breaches)


@dataclass(frozen=True)
class Assessment:
    """What a rota achieves."""

    coverage: tuple[IntervalService, ...]
    caseload: tuple[CaseDay, ...]
    breaches: tuple[Breach, ...]
    costs: Costs

    @property
    def objective(self) -> float:
        return self.costs.total


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # proven best
    FEASIBLE = "feasible"  # a plan, not proven best (time limit or stop)
    NO_PLAN = "no plan"  # the time ran out before any plan was found


@dataclass(frozen=True)
class Progress:
    """A better plan found while solving."""

    elapsed: float
    objective: float
    bound: float
    gap: float
    solutions: int


@dataclass(frozen=True)
class Stage:
    """One stage of a solve as it went: what it is, whether it ran (and if not, why not), how
    long it took, and the search's cost of the best plan after it (None when there was none
    yet, or it does not apply), in pounds."""

    name: str
    ran: bool
    seconds: float = 0.0
    note: str = ""
    objective: float | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "ran": self.ran, "seconds": round(self.seconds, 3),
                "note": self.note, "objective": self.objective}

    def line(self) -> str:
        """The stage in a line, for a log: seconds and what it ended at, or why it did not run."""
        if not self.ran:
            return f"{self.name}: not run, {self.note}"
        line = f"{self.name}: {self.seconds:.1f} s"
        if self.objective is not None:
            line += f", best plan {self.objective:,.2f}"
        return line + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class Plan:
    """The solver's answer: the rota, each person's day, and the checker's account of them.

    `objective` and `bound` are the search's (in pounds): the model's price of the rota, which
    values service with a piecewise-linear stand-in for the real curve, and what no rota of the
    model costs less than; `gap` is (objective - bound) / objective. They say how far the search
    got, not what the rota costs: that is `assessment.costs`, the checker's.
    """

    status: SolveStatus
    rota: tuple[RotaCell, ...]
    activities: tuple[Activity, ...]
    assessment: Assessment
    objective: float
    bound: float
    gap: float
    wall_seconds: float
    progress: tuple[Progress, ...] = ()
    seed: int = 0
    workers: int = 0
    updates: tuple[str, ...] = ()  # case queues whose customers get proactive updates
    avoidable_rounds: tuple[float, ...] = ()  # avoidable contacts assumed by each solve
    stages: tuple[Stage, ...] = ()  # how the search went, stage by stage
