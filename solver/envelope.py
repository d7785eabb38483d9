"""The price of letting callers down, per number of advisors, as lines the solver can use.

The true price (contacts not answered within target, and contacts abandoned) falls as advisors
are added: slowly at first while the queue cannot clear, then steeply, then flattening. The
solver sees its lower convex envelope: the price is at least each line `a + b * agents`, so
adding advisors is worth most where it helps most. The envelope understates the price on the
first, flat part of the curve; reported service always comes from the curve itself.
"""

from __future__ import annotations

import numpy as np

from planner.erlang import queue_figures
from planner.model import Channel, Rules

BLOCK = 200_000  # queueing figures worked out at once, to bound the memory it takes


def service_prices(channel: Channel, rules: Rules, volume: np.ndarray, aht: np.ndarray,
                   interval_seconds: float, most: int) -> np.ndarray:
    """Pounds lost in each interval (a row per entry of `volume` and `aht`) with each number of
    advisors on the channel from 0 to `most` (the columns).

    The queueing curve is worked out for many intervals at once, a block of rows at a time (one
    interval at a time, it took most of building the model: 5 s of 5.5 for 30 staff over 84
    days); each figure is the same as for its interval alone."""
    agents = np.arange(most + 1)
    out = np.empty((len(volume), most + 1))
    rows = max(1, BLOCK // (most + 1))
    for first in range(0, len(volume), rows):
        v, a = volume[first:first + rows, None], aht[first:first + rows, None]
        figures = queue_figures(v, interval_seconds, a, agents[None, :] * channel.concurrency,
                                channel.target_answer_seconds, channel.patience_seconds)
        missed = v * (1.0 - figures.service_level)
        abandoned = v * figures.abandon_rate
        out[first:first + rows] = (rules.missed_contact_cost * missed
                                   + rules.abandoned_contact_cost * abandoned)
    return out


def lower_envelope(values: np.ndarray, settle: float = 0.005) -> list[tuple[float, float]]:
    """Lines (a, b) whose maximum is the lower convex envelope of values[0..n] over 0..n.

    Points after the price has settled within `settle` of its last value add nothing and are
    dropped, which keeps the number of lines small.
    """
    last = len(values) - 1
    flat = np.flatnonzero(values - values[-1] <= settle)
    end = int(flat[0]) if flat.size else last
    hull: list[int] = []
    for i in range(end + 1):
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], i, values) <= 0:
            hull.pop()
        hull.append(i)
    lines = []
    for i, j in zip(hull, hull[1:], strict=False):
        slope = (values[j] - values[i]) / (j - i)
        lines.append((float(values[i] - slope * i), float(slope)))
    lines.append((float(values[end]), 0.0))
    return lines


def _cross(i: int, j: int, k: int, y: np.ndarray) -> float:
    """Positive when (i, y_i) -> (j, y_j) -> (k, y_k) turns left (keeps the hull convex)."""
    return (j - i) * (y[k] - y[i]) - (k - i) * (y[j] - y[i])
