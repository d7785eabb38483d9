"""Avoidable contacts: customers ringing to chase cases that wait, and what that costs the phones.

The back office and the phones are one system. A case queue may say that its customers chase
once a case is `chase_after_days` old (`chase_rate` contacts per open case per working day) and
more once it is past its deadline (`overdue_chase_rate`); planner.checks.caseload counts those
contacts day by day from the backlog the rota leaves. Here they become demand:

- a day's avoidable contacts land on the queue's chase channel (blank: the first voice channel,
  else the first live one) in proportion to that channel's own contacts through the day, so they
  follow its intraday profile; on a day the channel has no contacts they cannot land, and are
  not counted;
- they are served like any other contact, so they lower service for every caller;
- `contact_price` is what one more contact on a channel and day costs in calls let down at a
  given staffing: the solver weighs case work and proactive updates against it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from planner.demand import DemandGrid
from planner.erlang import queue_figures
from planner.model import CaseQueue, Channel, ChannelKind, Rules, Scenario
from planner.plan import CaseDay


def chasing_queues(scenario: Scenario) -> tuple[CaseQueue, ...]:
    """The case queues whose customers chase."""
    return tuple(q for q in scenario.case_queues if q.chases)


def chase_channel(scenario: Scenario, queue: CaseQueue) -> str | None:
    """The live channel a queue's chasers use, or None when there is none."""
    if queue.chase_channel:
        return str(queue.chase_channel)
    live = [c for c in scenario.channels if c.kind.is_live]
    voice = [c for c in live if c.kind is ChannelKind.VOICE]
    return str((voice or live)[0].name) if live else None


def avoidable_volume(scenario: Scenario, grid: DemandGrid, days: Iterable[CaseDay]
                     ) -> np.ndarray:
    """Avoidable contacts per date x interval x channel, shaped like `grid.volume`."""
    extra = np.zeros(grid.volume.shape)
    channel_of = {str(q.name): chase_channel(scenario, q) for q in chasing_queues(scenario)}
    index = {str(c.name): k for k, c in enumerate(grid.channels)}
    day_of = {date: d for d, date in enumerate(grid.dates)}
    for day in days:
        name = channel_of.get(day.queue)
        if day.avoidable <= 0 or name not in index or day.date not in day_of:
            continue
        d, k = day_of[day.date], index[name]
        profile = grid.volume[d, :, k]
        total = profile.sum()
        if total > 0:
            extra[d, :, k] += day.avoidable * profile / total
    return extra


def with_avoidable(grid: DemandGrid, extra: np.ndarray) -> DemandGrid:
    """The grid with the avoidable contacts added to its volume."""
    return DemandGrid(grid.dates, grid.starts, grid.channels, grid.volume + extra,
                      grid.aht_seconds)


def contact_price(scenario: Scenario, grid: DemandGrid, planned: np.ndarray) -> np.ndarray:
    """Pounds one more contact costs on each date and channel, spread like the day's contacts.

    At `planned` advisors (dates x intervals x channels), each interval's contacts let down cost
    missed_contact_cost for every one not answered in time and abandoned_contact_cost more for
    every one who gives up (as planner.checks.service prices them); the price of one more contact
    is how much that grows, averaged over the day's intervals by their share of its contacts.
    Channels that are not live are priced 0.
    """
    rules = scenario.rules
    seconds = scenario.settings.interval_minutes * 60.0
    price = np.zeros((len(grid.dates), len(grid.channels)))
    for k, channel in enumerate(grid.channels):
        if not channel.kind.is_live:
            continue
        volume, aht = grid.volume[:, :, k], grid.aht_seconds[:, :, k]
        servers = planned[:, :, k] * channel.concurrency
        busy = volume > 0
        step = np.where(busy, 1.0, 0.0)
        before = _let_down(rules, channel, volume, seconds, aht, servers)
        after = _let_down(rules, channel, volume + step, seconds, aht, servers)
        marginal = np.where(busy, after - before, 0.0)
        totals = volume.sum(axis=1)
        weighted = (marginal * volume).sum(axis=1)
        price[:, k] = np.divide(weighted, totals, out=np.zeros_like(totals), where=totals > 0)
    return price


def _let_down(rules: Rules, channel: Channel, volume, seconds, aht, servers) -> np.ndarray:
    """Pounds for the contacts not answered in time and those who give up."""
    f = queue_figures(volume, seconds, aht, servers, channel.target_answer_seconds,
                      channel.patience_seconds)
    return volume * (rules.missed_contact_cost * (1 - f.service_level)
                     + rules.abandoned_contact_cost * f.abandon_rate)


def weekly_figures(scenario: Scenario, days: Sequence[CaseDay]) -> dict:
    """Avoidable contacts per queue: in all, per week, per day, and the phone hours they take.

    Phone hours are the contacts times the chase channel's handle time (its own, not the
    interval's), divided among concurrent contacts for chat.
    """
    queues = {str(q.name): q for q in chasing_queues(scenario)}
    by_queue: dict[str, list[CaseDay]] = defaultdict(list)
    for day in days:
        if day.queue in queues:
            by_queue[day.queue].append(day)
    weeks = max(scenario.settings.plan_days / 7.0, 1 / 7)
    figures = {}
    for name, queue in queues.items():
        channel_name = chase_channel(scenario, queue)
        channel = scenario.channel(channel_name) if channel_name else None
        contacts = sum(day.avoidable for day in by_queue.get(name, ()))
        hours = 0.0 if channel is None else (
            contacts * channel.aht_seconds / 3600.0 / channel.concurrency)
        updates = sum(day.update_minutes for day in by_queue.get(name, ())) / 60.0
        figures[name] = {
            "channel": channel_name,
            "contacts": round(contacts, 2),
            "contacts_per_week": round(contacts / weeks, 2),
            "phone_hours": round(hours, 2),
            "phone_hours_per_week": round(hours / weeks, 2),
            "update_hours": round(updates, 2),
            "by_day": {day.date.isoformat(): round(day.avoidable, 3)
                       for day in by_queue.get(name, ())},
        }
    return figures
