"""What contacts got, simulated: service level, average wait and abandonment with 95% intervals.

Each contact is counted in the interval it arrived in: service level is the share answered
within the channel's answer time (a contact that gives up counts as not answered in time),
average wait is over the contacts answered, abandonment is the share that gave up. Per day and
overall, each replication's figures pool all the contacts of that day or plan. Confidence
intervals use Student's t over the replications that had contacts in the period, clipped to what
a figure can be (0-100%, waits from 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.stats import t as student_t

CONFIDENCE = 0.95
FIGURES = ("service_level", "asa_seconds", "abandon_rate")
# What one replication counts per arrival interval and channel, in this order: contacts arrived,
# answered in time, answered, abandoned, and the total wait of those answered.
ARRIVED, IN_TIME, ANSWERED, ABANDONED, WAITED = range(5)
COUNTED = 5


@dataclass(frozen=True)
class Estimate:
    """A simulated figure: its mean over the replications and its 95% confidence interval.

    `runs` is how many replications had a value (contacts, or contacts answered for the average
    wait); the interval is NaN when fewer than two did, the mean when none did.
    """

    mean: float
    low: float
    high: float
    runs: int

    def misses(self, value: float, slack: float, runs: int = 2) -> bool:
        """True when `value` lies outside the interval by more than `slack`; never when fewer
        than `runs` replications had a value."""
        if self.runs < max(runs, 2) or math.isnan(value):
            return False
        if math.isinf(value):
            return math.isfinite(self.high)
        return value < self.low - slack or value > self.high + slack


@dataclass(frozen=True)
class Figures:
    """What contacts got in a period (an interval, a day or the plan), simulated.

    `contacts` is the mean number that arrived per replication.
    """

    contacts: float
    service_level: Estimate
    asa_seconds: Estimate
    abandon_rate: Estimate


def pooled_figures(counts: np.ndarray) -> Figures:
    """The figures of a period from each replication's counts over it, shaped
    (replications, COUNTED)."""
    arrived, answered = counts[:, ARRIVED], counts[:, ANSWERED]
    with np.errstate(invalid="ignore", divide="ignore"):
        return Figures(
            contacts=float(arrived.mean()),
            service_level=estimate(counts[:, IN_TIME] / arrived, 1.0),
            asa_seconds=estimate(counts[:, WAITED] / answered, math.inf),
            abandon_rate=estimate(counts[:, ABANDONED] / arrived, 1.0),
        )


def estimate(values: np.ndarray, most: float) -> Estimate:
    """Mean and Student t interval over the replications with a value, clipped to 0..most."""
    values = values[np.isfinite(values)]
    runs = values.size
    if runs == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = float(values.mean())
    if runs < 2:
        return Estimate(mean, math.nan, math.nan, runs)
    half = _t_factor(runs) * float(values.std(ddof=1)) / math.sqrt(runs)
    return Estimate(mean, max(mean - half, 0.0), min(mean + half, most), runs)


@cache
def _t_factor(runs: int) -> float:
    return float(student_t.ppf(0.5 + CONFIDENCE / 2, runs - 1))
