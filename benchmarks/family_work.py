"""The family's work: channels with their targets, contacts by interval, and case queues.

benchmarks/family.py says what the family is; these build one centre's demand from its
template and the hours its staff are contracted for.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))

import make_samples as sample  # noqa: E402

from planner.calendar import bank_holidays, is_working_day  # noqa: E402
from planner.model import (  # noqa: E402
    CaseQueue,
    Channel,
    ChannelName,
    DeadlineBasis,
    DemandRow,
    QueueName,
    Region,
)

if TYPE_CHECKING:
    from benchmarks.family import Template

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS, EVERY_DAY = sample.WEEKDAYS, sample.EVERY_DAY


# ---- Channels and contacts -----------------------------------------------------------------------

CHANNEL_SHARE = {"voice": 0.6, "chat": 0.25, "reception": 0.08, "email": 0.15}  # of the work
VOICE_TARGETS = ((0.8, 20), (0.8, 30), (0.7, 30), (0.8, 60), (0.8, 240))  # share, seconds
DAY_WEIGHT = {MON: 1.25, TUE: 1.05, WED: 1.0, THU: 0.95, FRI: 0.9, SAT: 0.55, SUN: 0.4}


def channels(t: Template, rng: random.Random) -> tuple[Channel, ...]:
    """The sample's channels with handle times and targets drawn for this centre."""
    base = {c.name: c for c in sample.channels()}
    share, answer = rng.choice(VOICE_TARGETS)
    holidays = t.bank_holiday_open
    found = [replace(base["voice"], aht_seconds=float(rng.randrange(240, 721, 30)),
                     target_answer_seconds=float(answer), service_level_target=share,
                     max_abandon_rate=rng.choice((0.05, 0.08, 0.1)),
                     patience_seconds=(2400.0 if answer >= 240
                                       else float(rng.randrange(180, 601, 60))),
                     max_asa_seconds=120.0 if answer >= 240 else None,
                     open_on_bank_holidays=holidays)]
    if "chat" in t.live:
        found.append(replace(base["chat"], aht_seconds=float(rng.randrange(360, 901, 60)),
                             target_answer_seconds=float(rng.choice((60, 120))),
                             concurrency=rng.choice((2, 2, 3)), open_on_bank_holidays=holidays))
    if "reception" in t.live:
        found.append(replace(base["reception"], aht_seconds=float(rng.randrange(300, 601, 60))))
    if t.email:
        found.append(replace(base["email"], aht_seconds=float(rng.randrange(180, 481, 30)),
                             target_answer_seconds=float(rng.choice((86400, 172800)))))
    if t.night:
        found.append(replace(base["emergency_repairs"], name=ChannelName(t.night[0]),
                             aht_seconds=float(rng.randrange(300, 721, 30)),
                             target_answer_seconds=float(rng.choice((60, 240)))))
    return tuple(found)


def _opening(t: Template, channel: Channel) -> dict[int, tuple[int, int]]:
    """When a channel takes contacts, weekday by weekday (the out-of-hours line into the next
    morning)."""
    if t.night and channel.name == t.night[0]:
        return dict.fromkeys(EVERY_DAY, (t.night[1], 24 + t.night[2]))
    if channel.name == "reception":
        return dict.fromkeys(WEEKDAYS, t.counter)
    found = dict.fromkeys(WEEKDAYS, t.hours)
    for day, hours in ((SAT, t.saturday), (SUN, t.sunday)):
        if hours:
            found[day] = hours
    return found


def contacts(t: Template, channels, day_hours: float, night_hours: float,
             rng: random.Random) -> list[DemandRow]:
    """A week of contacts on every channel, their work adding up to the hours given: the day
    channels sharing `day_hours` as CHANNEL_SHARE says, the out-of-hours line `night_hours`."""
    day = [c for c in channels if not (t.night and c.name == t.night[0])]
    shares = sum(CHANNEL_SHARE[c.name] for c in day)
    rows = []
    for channel in channels:
        night = channel not in day
        hours = night_hours if night else day_hours * CHANNEL_SHARE[channel.name] / shares
        weekly = hours * 3600 * channel.concurrency / channel.aht_seconds
        opening = _opening(t, channel)
        weights = {d: (1.0 if night else DAY_WEIGHT[d]) * (close - opens)
                   * rng.uniform(0.95, 1.05) for d, (opens, close) in opening.items()}
        peak, morning = rng.uniform(1.5, 3.0), rng.uniform(0.6, 1.3)
        afternoon = rng.uniform(0.3, 1.0)
        for d, (opens, close) in opening.items():
            mids = _mids(opens, close, t.interval)
            if night:
                shape = [0.25 + sample._bump(h, opens + 2, 1.5)
                         + 0.5 * sample._bump(h, close - 1, 1) for h in mids]
            else:
                shape = [max(0.05, 0.35 + morning * sample._bump(h, opens + peak, 1.2)
                             + afternoon * sample._bump(h, 14.5, 1.3)
                             - 0.15 * sample._bump(h, 12.9, 0.5)
                             + (2.0 * sample._bump(h, opens + 0.5, 0.6) if t.rush else 0.0))
                         for h in mids]
            count = weekly * weights[d] / sum(weights.values())
            step = 1.0 if count >= 2 * len(shape) else 0.25
            rows += _rows(channel.name, opens, t.interval, sample._spread(count, shape, step),
                          weekday=d)
    return rows


def _mids(opens: int, close: int, interval: int) -> list[float]:
    """Mid-points (in hours) of the intervals from `opens` to `close`."""
    return [opens + (i + 0.5) * interval / 60 for i in range((close - opens) * 60 // interval)]


def _rows(channel: str, opens: int, interval: int, volumes, **when) -> list[DemandRow]:
    rows = []
    for i, volume in enumerate(volumes):
        minutes = (opens * 60 + i * interval) % (24 * 60)
        rows.append(DemandRow(ChannelName(channel), dt.time(minutes // 60, minutes % 60),
                              float(volume), **when))
    return rows


def after_bank_holidays(demand, channels, start: dt.date, days: int,
                        region: Region) -> list[DemandRow]:
    """A quarter more calls on the working day after a weekday bank holiday the voice line is
    closed on, as dated rows in place of that weekday's."""
    voice = channels[0]
    if voice.open_on_bank_holidays:
        return []
    end = start + dt.timedelta(days=days - 1)
    after = []
    for holiday in bank_holidays(region, start, end):
        day = holiday + dt.timedelta(days=1)
        while day <= end and not is_working_day(day, region):
            day += dt.timedelta(days=1)
        if holiday.weekday() < 5 and day <= end and day not in after:
            after.append(day)
    return [replace(row, volume=round(row.volume * 1.25, 2), weekday=None, date=day)
            for day in after for row in demand
            if row.channel == voice.name and row.weekday == day.weekday()]


# ---- Case work -----------------------------------------------------------------------------------

_WORKING, _CALENDAR = DeadlineBasis.WORKING, DeadlineBasis.CALENDAR
_VOICE = ChannelName("voice")


def _queue(name, effort, days, basis, on_time, chase_after=0, chase=0.0, overdue=0.0,
           update=0.0, cuts=0.0) -> CaseQueue:
    return CaseQueue(QueueName(name), effort, days, basis, on_time, _VOICE if chase else None,
                     chase_after, chase, overdue, update, cuts)


QUEUES: dict[str, tuple[CaseQueue, str]] = {  # the queue, and the team that works it
    "mutual_exchange": (sample.MUTUAL_EXCHANGE, "Mutual exchange"),
    "complaints": (sample.COMPLAINTS, "Complaints"),
    "benefit_claims": (_queue("benefit_claims", 60, 14, _WORKING, 0.9, 7, 0.1, 0.4, 5, 0.5),
                       "Benefits"),
    "council_tax": (_queue("council_tax", 15, 10, _WORKING, 0.95, 5, 0.05, 0.3), "Council tax"),
    "change_of_circumstances": (_queue("change_of_circumstances", 20, 10, _WORKING, 0.9, 7, 0.05,
                                       0.25), "Benefits"),
    "repairs_orders": (_queue("repairs_orders", 15, 3, _WORKING, 0.95, 2, 0.2, 0.6), "Repairs"),
    "claims": (_queue("claims", 90, 20, _WORKING, 0.9, 10, 0.1, 0.5, 10, 0.6), "Claims"),
    "transfers": (_queue("transfers", 120, 10, _WORKING, 0.9, 5, 0.1, 0.4), "Transfers"),
    "foi_requests": (_queue("foi_requests", 180, 20, _WORKING, 0.9), "Information governance"),
    "account_changes": (_queue("account_changes", 10, 5, _WORKING, 0.95, 3, 0.1, 0.4),
                        "Accounts"),
}
CASE_DAY = {MON: 1.3, TUE: 1.05, WED: 1.0, THU: 0.9, FRI: 0.85}


def casework(name: str, hours: float, start: dt.date, region: Region, rng: random.Random):
    """A queue with its effort drawn, new cases a weekday whose work adds up to `hours` a week,
    and the backlog still open at the plan's start (as the sample's)."""
    base = QUEUES[name][0]
    queue = replace(base, effort_minutes=float(round(base.effort_minutes * rng.uniform(0.8, 1.2))))
    weekly = hours * 60 / queue.effort_minutes
    a_day = {d: round(weekly * w / sum(CASE_DAY.values()), 1) for d, w in CASE_DAY.items()}
    lookback = (queue.deadline_days if queue.deadline_basis is _CALENDAR
                else math.ceil(queue.deadline_days * 7 / 5))
    return (queue, sample.arrivals(queue, a_day),
            sample.open_backlog(queue, a_day, start, max(lookback, 2), region))


