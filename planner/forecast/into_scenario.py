"""A forecast written into a scenario: its Demand rows, handle times, patience and channels.

The Demand rows of the channels in the forecast are replaced by its dated rows; those channels
take the history's handle time, callers' patience and the forecast's day-to-day spread; a
channel the scenario lacks is added with the usual targets for the kind its name suggests. With
no scenario, the starter scenario plans the forecast's days and channels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.forecast.profile import ChannelEstimate, Forecast
from planner.model import Channel, ChannelKind, ChannelName, Scenario, Settings
from planner.starter import starter_scenario

# Defaults for a channel the scenario does not have yet, by kind: handle time, answer time
# target, service level, abandonment cap, patience, advisors' concurrent sessions.
KIND_DEFAULTS: dict[str, tuple[float, float, float, float | None, float | None, int]] = {
    "voice": (720, 240, 0.8, 0.1, 2400, 1),
    "chat": (900, 120, 0.8, 0.1, 600, 2),
    "reception": (600, 600, 0.8, 0.05, 5400, 1),
    "email": (420, 86400, 0.9, None, None, 1),
}
_KIND_WORDS = (
    ("chat", ("chat", "webchat", "messag")),
    ("email", ("email", "e-mail", "mail")),
    ("reception", ("reception", "walk-in", "walkin", "walk in", "face", "desk", "office")),
    ("voice", ("voice", "phone", "call", "line", "tel")),
)


def scenario_with_forecast(existing: Scenario | None, made: Forecast, start: dt.date,
                           days: int) -> tuple[Scenario, list[str]]:
    """The scenario with the forecast in it, and what to warn about.

    The Demand rows of the channels in the forecast are replaced by its dated rows (other
    channels' rows are kept); those channels take the forecast's handle time and callers'
    patience; channels the scenario lacks are added with the usual targets for their kind. With
    no scenario, the starter scenario is used, planning the forecast's days and channels only.
    """
    if existing is None:
        return _new_scenario(made, start, days), []
    notes: list[str] = []
    names = {c.channel for c in made.channels}
    channels = [_with_spread(_with_estimate(c, made.channel(c.name)), made)
                if c.name in names else c for c in existing.channels]
    have = {c.name for c in existing.channels}
    for estimate in made.channels:
        if estimate.channel not in have:
            channel, note = new_channel(estimate.channel, estimate)
            channels.append(_with_spread(channel, made))
            notes.append(note)
    demand = tuple(r for r in existing.demand if r.channel not in names) + made.demand_rows()
    plan = existing.settings
    end = start + dt.timedelta(days=days - 1)
    if start < plan.plan_start or end > plan.plan_end:
        notes.append(f"the forecast runs {start} to {end} but the scenario plans "
                     f"{plan.plan_start} to {plan.plan_end}; rows outside the plan are not used "
                     "(the plan dates were left as they are)")
    return replace(existing, channels=tuple(channels), demand=demand), notes


def kind_from_name(name: str) -> str | None:
    """The channel kind a name suggests (voice, chat, reception or email), or None."""
    lowered = name.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return None


def new_channel(name: str, estimate: ChannelEstimate) -> tuple[Channel, str]:
    """A channel for a name the scenario does not have, with the usual targets for the kind its
    name suggests and the history's handle time and patience, and a note saying so."""
    kind = kind_from_name(name)
    guessed = kind or "voice"
    aht, answer, level, abandon, patience, sessions = KIND_DEFAULTS[guessed]
    channel = Channel(ChannelName(name), ChannelKind(guessed),
                      aht_seconds=round(estimate.aht_seconds or aht, 1),
                      target_answer_seconds=answer, service_level_target=level,
                      max_abandon_rate=abandon,
                      patience_seconds=_rounded(estimate.patience_seconds) or patience,
                      concurrency=sessions)
    why = "from its name" if kind else "as its name does not say (voice, chat, reception, email)"
    return channel, (f"channel {name} was added as a {guessed} channel {why}, with the usual "
                     "targets; check its row in Channels")


def _new_scenario(made: Forecast, start: dt.date, days: int) -> Scenario:
    """The starter scenario planning the forecast's days, channels and Demand rows."""
    base = starter_scenario()
    channels = tuple(_with_spread(new_channel(e.channel, e)[0], made) for e in made.channels)
    live = tuple(c.name for c in channels)
    staff = tuple(replace(person, skills=live) for person in base.staff)
    settings = Settings(plan_start=start, plan_days=days, interval_minutes=made.interval_minutes)
    return replace(base, settings=settings, channels=channels, demand=made.demand_rows(),
                   staff=staff)


def _with_estimate(channel: Channel, estimate: ChannelEstimate) -> Channel:
    """The channel with the history's handle time and (not for email) patience."""
    if estimate.aht_seconds is not None:
        channel = replace(channel, aht_seconds=round(estimate.aht_seconds, 1))
    if estimate.patience_seconds is not None and channel.kind != "email":
        channel = replace(channel, patience_seconds=_rounded(estimate.patience_seconds))
    return channel


def _with_spread(channel: Channel, made: Forecast) -> Channel:
    """The channel with the day-to-day spread its forecast's back-test measured (kept as it was
    when the history was too short to measure it)."""
    spread = next((c.spread for c in made.choices if c.channel == channel.name), None)
    if spread is None:
        return channel
    return replace(channel, forecast_spread=round(min(spread, 1.0), 3))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)

