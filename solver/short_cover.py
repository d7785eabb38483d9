"""Short cover: a shortage priced more the deeper it is, so that it is shared, not left on the
peaks.

The price of the contacts let down cannot tell an advisor at the 10:30 peak from one at 14:00
when both intervals are far short: each answers the same few calls and neither interval gets
near its target, so breaks and email land anywhere, the peak included. Short cover adds, for
each live channel and interval needing advisors (docs/rules.md, "Short cover"),

    short_cover_weight x advisor value x (advisors short)^2 / advisors needed

which grows with the square of the share short: the next advisor is worth most where the
interval is shortest for its need, so advisors follow the shape of the need. The model holds
the square by its chords between POINTS advisors short (exact at those, a little above between
them); the checker (planner.checks.service.short_cover_cost) prices it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.checks.service import advisor_value
from planner.staffing import channel_target, required_agents
from solver.rota_model import RotaModel

POINTS = 5  # advisors short at which the model's price is exact: 0, need / 8, ..., need


def needed_advisors(facts, service) -> np.ndarray:
    """Advisors needed on each live channel in each plan interval, as the checker counts them."""
    scenario = facts.scenario
    seconds = facts.interval * 60.0
    needed = np.zeros(service.volume.shape, dtype=int)
    for k, name in enumerate(service.live):
        channel = scenario.channel(name)
        busy = service.volume[:, k] > 0
        if busy.any():
            needed[busy, k], _ = required_agents(
                service.volume[busy, k], seconds, service.aht[busy, k], channel_target(channel),
                channel.patience_seconds, channel.concurrency)
    return needed


@dataclass(frozen=True)
class ShortCover:
    """Short cover's price per live channel and interval, for the first rota and its days to
    weigh one more advisor as the model does."""

    needed: np.ndarray  # (intervals, live channels): advisors needed, as the checker counts
    value: np.ndarray  # pounds one advisor's interval answers
    weight: float  # Rules short_cover_weight

    @staticmethod
    def of(facts, service) -> ShortCover:
        """The service's short cover (worked out once for it)."""
        if service.short_cover is None:
            service.short_cover = ShortCover._of(facts, service)
        return service.short_cover

    @staticmethod
    def _of(facts, service) -> ShortCover:
        scenario = facts.scenario
        seconds = facts.interval * 60.0
        aht = np.where(service.aht > 0, service.aht, np.inf)  # no contacts, no handle time
        value = np.stack([advisor_value(scenario.channel(name), scenario.rules, seconds,
                                        aht[:, k]) for k, name in enumerate(service.live)],
                         axis=1) if service.live else np.zeros(service.volume.shape)
        return ShortCover(needed_advisors(facts, service).astype(float), value,
                          float(scenario.rules.short_cover_weight))

    def fall(self, short, needed):
        """The price's fall, per advisor value, from one more advisor where `short` (numbers or
        arrays) are short of `needed`: (short^2 - (short - 1)^2) / needed, or short^2 / needed
        when under one short."""
        short = np.clip(np.asarray(short, dtype=float), 0.0, None)
        needed = np.asarray(needed, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(needed > 0, self.weight * (short ** 2 - np.clip(short - 1.0, 0.0,
                                                                             None) ** 2)
                            / needed, 0.0)

    def __post_init__(self):  # rows as lists, for `pounds`, which is called per interval
        object.__setattr__(self, "_rows", (self.needed.tolist(), self.value.tolist()))

    def pounds(self, t: int, k: int, planned: float) -> float:
        """What one more advisor on live channel `k` in interval `t` saves in short cover, with
        `planned` there already (`fall` for one interval and channel)."""
        needed, value = self._rows
        need = needed[t][k]
        short = need - planned
        if need <= 0 or short <= 0:
            return 0.0
        drop = short * short - (short - 1.0) ** 2 if short > 1.0 else short * short
        return self.weight * value[t][k] * drop / need


def price_short_cover(m: RotaModel, service) -> None:
    """Add the price of short cover on every live channel and interval to the model."""
    scenario = m.facts.scenario
    weight = scenario.rules.short_cover_weight
    if not weight or not service.live:
        return
    needed = ShortCover.of(m.facts, service).needed.astype(int)
    seconds = m.facts.interval * 60.0
    for t, k in zip(*np.nonzero(needed), strict=True):
        t, k = int(t), int(k)
        name = service.live[k]
        need = int(needed[t, k])
        planned = sum(g.on_channel[(t, name)] for g in service.groups
                      if (t, name) in g.on_channel)
        value = float(advisor_value(scenario.channel(name), scenario.rules, seconds,
                                    service.aht[t, k]))
        _square(m, weight * value, need - planned, need, f"{t},{name}")


def _square(m: RotaModel, price: float, short, need: int, key: str) -> None:
    """price x max(0, short)^2 / need, in pence, from above by chords (exact at POINTS)."""
    cost = m.model.new_int_var(0, int(np.ceil(price * need * 100)) + 1, f"short_cover[{key}]")
    m.decide(cost)
    m.prices.add(cost.index)
    points = sorted({round(need * i / (POINTS - 1)) for i in range(POINTS)})
    for a, b in zip(points, points[1:], strict=False):
        # the chord of u^2 from a to b is (a + b) u - a b, below u^2 outside [a, b]
        m.price_rows.add(len(m.model.proto.constraints))
        m.model.add(need * cost >= round(100 * price * (a + b)) * short
                    - round(100 * price * a * b))
    m.penalise("short_cover", 0.01, cost)
