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


def service_price(channel: Channel, rules: Rules, volume: float, aht: float,
                  interval_seconds: float, agents: np.ndarray) -> np.ndarray:
    """Pounds lost in one interval with each number of advisors on the channel."""
    figures = queue_figures(volume, interval_seconds, aht, agents * channel.concurrency,
                            channel.target_answer_seconds, channel.patience_seconds)
    missed = volume * (1.0 - figures.service_level)
    abandoned = volume * figures.abandon_rate
    return rules.missed_contact_cost * missed + rules.abandoned_contact_cost * abandoned


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
