"""Whether a change fits the scenario it is made to: the checks every kind of change shares.

Each check raises `VariantError` with a sentence a team leader can act on ("there is no channel
'fax' (voice, chat, email)") rather than let a change build a scenario that cannot be planned.
"""

from __future__ import annotations

import datetime as dt
import math

from planner.checks.words import number
from planner.checks.words import span as span_words
from planner.model import AbsenceKind, Scenario, Staff

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class VariantError(ValueError):
    """A change that does not fit the scenario it is applied to, said in words to act on."""


def as_tuple(value) -> tuple:
    """A single id or weekday, or any sequence of them, as a tuple."""
    if isinstance(value, str | int):
        return (value,)
    return tuple(value)


def finite(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise VariantError(f"{what} must be a number, not {value!r}")
    return float(value)


def positive(value, what: str) -> float:
    value = finite(value, what)
    if value <= 0:
        raise VariantError(f"{what} must be above 0, not {number(value)}")
    return value


def is_weekday(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6


def weekday(value, what: str) -> int:
    if not is_weekday(value):
        raise VariantError(f"{what} must be 0 (Monday) to 6 (Sunday), not {value!r}")
    return value


def in_plan(scenario: Scenario, date: dt.date) -> None:
    settings = scenario.settings
    if not isinstance(date, dt.date) or not settings.plan_start <= date <= settings.plan_end:
        raise VariantError(f"{date} is not in the plan "
                           f"({span_words(settings.plan_start, settings.plan_end)})")


def channels(scenario: Scenario, name: str | None) -> tuple[str, ...]:
    """The channel named, or every channel for None."""
    names = tuple(str(c.name) for c in scenario.channels)
    if name is None:
        return names
    if name not in names:
        raise VariantError(f"there is no channel {name!r} ({', '.join(names) or 'none'})")
    return (name,)


def person(scenario: Scenario, staff_id: str) -> Staff:
    for someone in scenario.staff:
        if someone.staff_id == staff_id:
            return someone
    raise VariantError(f"there is nobody with staff_id {staff_id!r} in Staff")


def skills(scenario: Scenario) -> list[str]:
    """What a person can be given as a skill: every channel and case queue."""
    return [str(c.name) for c in scenario.channels] + [str(q.name) for q in scenario.case_queues]


def skill(scenario: Scenario, name: str) -> str:
    known = skills(scenario)
    if name not in known:
        raise VariantError(f"{name!r} is neither a channel nor a case queue "
                           f"({', '.join(known) or 'none'})")
    return name


def team(scenario: Scenario, name: str) -> str:
    teams = sorted({s.team for s in scenario.staff})
    if name not in teams:
        raise VariantError(f"there is no team {name!r} in Staff ({', '.join(teams) or 'none'})")
    return name


def pattern(scenario: Scenario, code: str) -> str:
    codes = [str(p.code) for p in scenario.patterns]
    if code not in codes:
        raise VariantError(f"there is no shift pattern {code!r} ({', '.join(codes) or 'none'})")
    return code


def absence_kind(kind) -> AbsenceKind:
    try:
        return AbsenceKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in AbsenceKind)
        raise VariantError(f"{kind!r} is not a kind of absence ({kinds})") from None
