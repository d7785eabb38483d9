"""Advisors needed per interval: the fewest meeting a channel's targets, and the plan's table.

Live channels (voice, chat, reception) queue: the answer comes from Erlang C, or Erlang A where
the channel gives callers' patience. Email is deferred work with a response window instead (see
`email_agents`). `staffing_table` does every date x interval x channel of a scenario at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from planner.deferred import email_agents, working_intervals
from planner.demand import DemandGrid, demand_grid
from planner.erlang import QueueFigures, queue_figures
from planner.model import Channel, ChannelKind, Scenario
from planner.problems import Problem, ScenarioError, Severity

# Figures are compared with targets allowing for float fuzz: 10/14 must meet an 0.7142857 cap.
_FUZZ = 1e-12
_MOST_AGENTS = 10_000_000

TABLE_COLUMNS = (
    "date", "interval_start", "channel", "kind", "volume", "aht_seconds", "agents_needed",
    "required", "waiting_probability", "service_level", "asa_seconds", "abandon_rate", "occupancy",
)


@dataclass(frozen=True)
class Target:
    """What a live channel promises: a service level within an answer time, and optional caps.

    service_level None means no service-level target (only the caps count).
    """

    service_level: float | None
    answer_seconds: float
    max_asa_seconds: float | None = None
    max_abandon_rate: float | None = None
    max_occupancy: float | None = None

    def __post_init__(self) -> None:
        checks = (
            (self.service_level is None or 0 <= self.service_level <= 1,
             "service level target must be between 0 and 1"),
            (self.answer_seconds >= 0, "answer time must be 0 seconds or more"),
            (self.max_asa_seconds is None or self.max_asa_seconds > 0,
             "maximum average wait must be more than 0 seconds"),
            (self.max_abandon_rate is None or 0 < self.max_abandon_rate <= 1,
             "maximum abandonment must be above 0 and at most 1"),
            (self.max_occupancy is None or 0 < self.max_occupancy <= 1,
             "maximum occupancy must be above 0 and at most 1"),
        )
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @classmethod
    def for_channel(cls, channel: Channel) -> Target:
        return cls(
            service_level=channel.service_level_target,
            answer_seconds=channel.target_answer_seconds,
            max_asa_seconds=channel.max_asa_seconds,
            max_abandon_rate=channel.max_abandon_rate,
            max_occupancy=channel.max_occupancy,
        )


def required_agents(
    volume,
    interval_seconds,
    aht_seconds,
    target: Target,
    patience_seconds=None,
    concurrency=1,
) -> tuple[np.ndarray, QueueFigures]:
    """The fewest advisors meeting every part of `target` in each interval, and the figures then.

    With concurrency c (chat sessions an advisor handles at once) the queue has c sessions per
    advisor: the answer is the fewest sessions that meet the target, divided by c and rounded up,
    and the figures are those of that many advisors' sessions. Erlang C needs more advisors than
    traffic (otherwise the queue never clears). No contacts need no advisors.
    """
    if patience_seconds is None:
        patience_seconds = np.inf
    arrays = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (volume, interval_seconds, aht_seconds,
                                              patience_seconds, concurrency))
    )
    shape = arrays[0].shape
    vol, interval, aht, patience, sessions = (np.ravel(v) for v in arrays)
    if np.any(sessions < 1) or np.any(sessions != np.floor(sessions)):
        raise ValueError("concurrency must be a whole number, 1 or more")
    traffic = np.where(vol > 0, vol * aht / np.where(interval > 0, interval, 1.0), 0.0)

    def meets(rows: np.ndarray, servers: np.ndarray) -> np.ndarray:
        figures = queue_figures(
            vol[rows], interval[rows], aht[rows], servers, target.answer_seconds, patience[rows]
        )
        ok = np.isfinite(patience[rows]) | (servers > traffic[rows])
        if target.service_level is not None:
            ok &= figures.service_level >= target.service_level - _FUZZ
        for cap, value in (
            (target.max_asa_seconds, figures.asa_seconds),
            (target.max_abandon_rate, figures.abandon_rate),
            (target.max_occupancy, figures.occupancy),
        ):
            if cap is not None:
                ok &= value <= cap * (1 + _FUZZ)
        return ok

    servers = np.zeros(vol.size)
    busy = np.flatnonzero(vol > 0)
    if busy.size:
        a = traffic[busy]
        floor = np.where(np.isinf(patience[busy]), np.floor(a), -1.0)
        start = np.ceil(a + np.sqrt(a))
        if target.max_occupancy is not None:
            start = np.maximum(start, np.ceil(a / target.max_occupancy))
        servers[busy] = _fewest_meeting(lambda i, n: meets(busy[i], n), start, floor)

    agents = np.ceil(servers / sessions)
    figures = queue_figures(vol, interval, aht, agents * sessions, target.answer_seconds, patience)
    return agents.astype(int).reshape(shape), QueueFigures(
        **{f.name: getattr(figures, f.name).reshape(shape) for f in fields(QueueFigures)}
    )


def _fewest_meeting(meets, start: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """The least n > floor with meets(rows, n) true for each row, meets rising in n.

    Gallops from `start` (up while failing, down while meeting, doubling the stride) until a
    failing and a meeting n bracket the answer, then halves the bracket: a few evaluations per
    row, all rows at once.
    """
    size = start.size
    everyone = np.arange(size)
    probe = np.maximum(start, floor + 1)
    ok = meets(everyone, probe)
    low = np.where(ok, floor, probe)  # known to fail (or the floor)
    high = np.where(ok, probe, np.inf)  # known to meet
    stride = np.ones(size)
    rows = everyone[ok & (probe - 1 > floor)]
    rows = np.concatenate([rows, everyone[~ok]])
    while rows.size:
        upward = np.isinf(high[rows])
        probe = np.where(upward, low[rows] + stride[rows], high[rows] - stride[rows])
        if np.any(probe > _MOST_AGENTS):
            raise ValueError("the target cannot be met with any number of advisors")
        ok = meets(rows, probe)
        high[rows[ok]] = probe[ok]
        low[rows[~ok]] = np.maximum(low[rows[~ok]], probe[~ok])
        stride[rows] *= 2
        settled = np.where(upward, ok, ~ok | (probe - stride[rows] <= floor[rows]))
        rows = rows[~settled]
    rows = everyone[high - low > 1]
    while rows.size:
        middle = np.floor((low[rows] + high[rows]) / 2)
        ok = meets(rows, middle)
        high[rows[ok]] = middle[ok]
        low[rows[~ok]] = middle[~ok]
        rows = rows[high[rows] - low[rows] > 1]
    return high


def with_shrinkage(agents, shrinkage: float) -> np.ndarray:
    """Advisors to roster so that `agents` are answering after shrinkage: ceil(n / (1 - s)).

    Rounded to 9 decimals first, so 14 advisors at 30% shrinkage is 20, not 21.
    """
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be at least 0 and less than 1")
    n = np.asarray(agents, dtype=float)
    return np.ceil(np.round(n / (1.0 - shrinkage), 9)).astype(int)


def staffing_table(scenario: Scenario) -> pd.DataFrame:
    """Advisors needed in every interval of the plan for every channel, and the service then.

    Columns: date, interval_start ("HH:MM"), channel, kind, volume, aht_seconds, agents_needed
    (answering, before shrinkage), required (to roster, after the scenario's shrinkage), and the
    figures predicted at agents_needed: waiting_probability, service_level, asa_seconds,
    abandon_rate, occupancy.

    Live channels meet their Channel targets (service level within target_answer_seconds, and
    max_abandon_rate, max_asa_seconds, max_occupancy where given), with Erlang A where the channel
    gives patience_seconds. Email rows follow `planner.deferred.email_agents`, worked in the
    hours someone skilled for email can be on shift: service_level is 1 (at
    agents_needed every email is answered within its response window, by construction),
    abandon_rate 0; waiting_probability is the share of the interval's arriving email worked in
    a later interval and asa_seconds its average delay; occupancy is the email work done in the
    interval over the advisors' time.
    """
    settings = scenario.settings
    grid = demand_grid(scenario)
    days, slots, width = grid.volume.shape
    interval_seconds = settings.interval_minutes * 60.0
    is_open = (grid.volume > 0).any(axis=2).ravel()
    columns = {name: np.zeros((days * slots, width)) for name in TABLE_COLUMNS[6:]}
    for k, channel in enumerate(grid.channels):
        volume, aht = grid.volume[:, :, k].ravel(), grid.aht_seconds[:, :, k].ravel()
        if channel.kind is ChannelKind.EMAIL:
            hours = working_intervals(scenario, channel, grid.dates, slots, is_open)
            email = email_agents(volume * aht, hours, channel.target_answer_seconds,
                                 interval_seconds, channel.max_occupancy)
            agents = email.agents
            figures = dict(
                waiting_probability=email.deferred_share,
                service_level=np.ones(volume.size),
                asa_seconds=email.average_delay_seconds,
                abandon_rate=np.zeros(volume.size),
                occupancy=np.divide(email.done_seconds, agents * interval_seconds,
                                    out=np.zeros(volume.size), where=agents > 0),
            )
        else:
            agents, queue = required_agents(
                volume, interval_seconds, aht, channel_target(channel), channel.patience_seconds,
                channel.concurrency,
            )
            figures = {f.name: getattr(queue, f.name) for f in fields(QueueFigures)}
        columns["agents_needed"][:, k] = agents
        columns["required"][:, k] = with_shrinkage(agents, settings.shrinkage)
        for name, values in figures.items():
            columns[name][:, k] = values

    rows = days * slots * width
    starts = np.array([f"{t:%H:%M}" for t in grid.starts], dtype=object)
    table = pd.DataFrame(
        {
            "date": np.repeat(np.array(grid.dates, dtype=object), slots * width),
            "interval_start": np.tile(np.repeat(starts, width), days),
            "channel": np.tile(np.array([str(c.name) for c in grid.channels], dtype=object),
                               days * slots),
            "kind": np.tile(np.array([str(c.kind) for c in grid.channels], dtype=object),
                            days * slots),
            "volume": grid.volume.ravel(),
            "aht_seconds": grid.aht_seconds.ravel(),
        }
        | {name: values.reshape(rows) for name, values in columns.items()}
    )
    return table.astype({"agents_needed": int, "required": int})


def channel_target(channel: Channel) -> Target:
    """The channel's targets; a channel whose targets contradict each other is a scenario error."""
    try:
        return Target.for_channel(channel)
    except ValueError as error:
        problem = Problem(Severity.ERROR, f"Channel {channel.name}: {error}", sheet="Channels")
        raise ScenarioError([problem]) from None


def required_grid(scenario: Scenario, grid: DemandGrid) -> np.ndarray:
    """Advisors needed on each live channel, shaped (days, intervals, channels); 0 for email."""
    interval_seconds = scenario.settings.interval_minutes * 60.0
    needed = np.zeros(grid.volume.shape, dtype=int)
    for k, channel in enumerate(grid.channels):
        if channel.kind.is_live:
            needed[:, :, k], _ = required_agents(
                grid.volume[:, :, k], interval_seconds, grid.aht_seconds[:, :, k],
                channel_target(channel), channel.patience_seconds, channel.concurrency,
            )
    return needed
