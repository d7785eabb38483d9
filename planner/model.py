"""The planning problem as plain, frozen data: what a scenario workbook says.

Every field uses the words a team leader uses. Loading fills these from a workbook or a folder of
CSV files; saving writes them back; staffing maths and the solver read them and never change them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

StaffId = NewType("StaffId", str)
ChannelName = NewType("ChannelName", str)
QueueName = NewType("QueueName", str)
PatternCode = NewType("PatternCode", str)

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ChannelKind(StrEnum):
    """How contacts on a channel are answered: live channels queue, email is deferred work."""

    VOICE = "voice"
    CHAT = "chat"
    RECEPTION = "reception"
    EMAIL = "email"

    @property
    def is_live(self) -> bool:
        return self is not ChannelKind.EMAIL


class Region(StrEnum):
    """Which UK bank-holiday calendar applies."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


class AbsenceKind(StrEnum):
    ANNUAL_LEAVE = "annual_leave"
    SICKNESS = "sickness"
    TRAINING = "training"
    OTHER = "other"


class RequestKind(StrEnum):
    """A person asks to work a shift (want) or not to work it (avoid)."""

    WANT = "want"
    AVOID = "avoid"


class DeadlineBasis(StrEnum):
    """Working days skip weekends and bank holidays; calendar days count every day."""

    WORKING = "working"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class Settings:
    plan_start: dt.date
    plan_days: int
    interval_minutes: int = 15
    region: Region = Region.ENGLAND_AND_WALES
    shrinkage: float = 0.0

    @property
    def plan_end(self) -> dt.date:
        """The last day of the plan (inclusive)."""
        return self.plan_start + dt.timedelta(days=self.plan_days - 1)

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(self.plan_start + dt.timedelta(days=i) for i in range(self.plan_days))

    @property
    def intervals_per_day(self) -> int:
        return 24 * 60 // self.interval_minutes


@dataclass(frozen=True)
class Channel:
    """A way customers reach the centre, with its handle time and its targets.

    For email, `target_answer_seconds` is the response window: the time within which an email
    must be answered, over which its work may be spread.
    """

    name: ChannelName
    kind: ChannelKind
    aht_seconds: float
    target_answer_seconds: float
    service_level_target: float
    max_abandon_rate: float | None = None
    patience_seconds: float | None = None
    concurrency: int = 1
    open_on_bank_holidays: bool = False
    max_asa_seconds: float | None = None
    max_occupancy: float | None = None
    forecast_spread: float | None = None  # a day's contacts about the forecast: 0.1 is 10%


@dataclass(frozen=True)
class DemandRow:
    """Contacts arriving in one interval: on one date, or on every such weekday of the plan."""

    channel: ChannelName
    interval_start: dt.time
    volume: float
    date: dt.date | None = None
    weekday: int | None = None  # 0 = Monday .. 6 = Sunday
    aht_seconds: float | None = None


@dataclass(frozen=True)
class Staff:
    staff_id: StaffId
    name: str
    team: str
    skills: tuple[str, ...]
    contract_hours: float
    min_hours: float
    max_hours: float
    max_days_per_week: int
    cover: bool = False
    hourly_cost: float = 0.0
    patterns: tuple[PatternCode, ...] = ()
    # Over the whole plan, and per-person versions of the Rules (None: the Rules apply).
    min_paid_minutes: int | None = None
    max_paid_minutes: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None


@dataclass(frozen=True)
class ShiftPattern:
    """A shift: start and end time (an end at or before the start crosses midnight)."""

    code: PatternCode
    start: dt.time
    end: dt.time
    unpaid_break_minutes: int
    days: tuple[int, ...]  # weekdays it may be worked on, 0 = Monday

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def length_minutes(self) -> int:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        if end <= start:
            end += 24 * 60
        return end - start

    @property
    def paid_minutes(self) -> int:
        return self.length_minutes - self.unpaid_break_minutes


@dataclass(frozen=True)
class Absence:
    staff_id: StaffId
    start_date: dt.date
    end_date: dt.date
    kind: AbsenceKind
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    @property
    def is_part_day(self) -> bool:
        return self.start_time is not None or self.end_time is not None


@dataclass(frozen=True)
class CaseQueue:
    """Back-office case work, and the avoidable contacts its waiting customers make.

    Customers whose case is older than `chase_after_days` (calendar days) ring to chase it on
    `chase_channel`: `chase_rate` contacts per open case per working day, `overdue_chase_rate`
    once it is past its deadline. A proactive update (`update_effort_minutes` of officer time per
    chasing case per week) cuts both rates by the fraction `update_cuts_chasing`.
    """

    name: QueueName
    effort_minutes: float
    deadline_days: int
    deadline_basis: DeadlineBasis
    target_on_time: float
    chase_channel: ChannelName | None = None
    chase_after_days: int = 0
    chase_rate: float = 0.0
    overdue_chase_rate: float = 0.0
    update_effort_minutes: float = 0.0
    update_cuts_chasing: float = 0.0

    @property
    def chases(self) -> bool:
        return self.chase_rate > 0 or self.overdue_chase_rate > 0

    @property
    def updates_possible(self) -> bool:
        return self.chases and self.update_cuts_chasing > 0


@dataclass(frozen=True)
class CaseArrival:
    queue: QueueName
    new_cases: float
    date: dt.date | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class BacklogEntry:
    queue: QueueName
    opened_date: dt.date
    count: int


@dataclass(frozen=True)
class Rules:
    """Working-time rules (UK defaults) and the prices that weigh one aim against another.

    Prices are in pounds, the same unit as paid hours, so a plan's objective reads as money:
    paid hours, plus the contacts and cases it lets down, plus any rule it has to break.
    `extra` keeps further keys so nothing is lost on save.
    """

    min_rest_hours: float = 11.0
    max_consecutive_days: int = 6
    min_consecutive_days: int = 1
    min_consecutive_days_off: int = 1
    max_weekly_hours: float = 48.0
    max_weekends_per_4_weeks: int = 4
    late_shift_end: dt.time = dt.time(18, 0)
    standard_hourly_cost: float = 15.0
    cover_premium: float = 0.25
    missed_contact_cost: float = 2.0
    abandoned_contact_cost: float = 4.0
    short_cover_weight: float = 1.0
    overdue_case_cost: float = 20.0
    fairness_cost: float = 5.0
    breach_cost: float = 1000.0
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Lock:
    """A rota cell a plan must keep: a shift pattern, or OFF."""

    staff_id: StaffId
    date: dt.date
    pattern: str


@dataclass(frozen=True)
class PatternCover:
    """How many people a shift pattern needs on a date, and the price of each one short or over."""

    date: dt.date
    pattern: PatternCode
    required: int
    weight_under: float
    weight_over: float


@dataclass(frozen=True)
class ForbiddenSequence:
    """A shift pattern that may not be followed the next day by another."""

    pattern: PatternCode
    next_pattern: PatternCode


@dataclass(frozen=True)
class ShiftRequest:
    """A person's wish to work (want) or not to work (avoid) a shift on a date.

    `pattern` is a shift pattern code, or "" for any shift: "want" then means "want to work
    that day", "avoid" means "want the day off". The weight is the price of not granting it.
    """

    staff_id: StaffId
    date: dt.date
    pattern: str
    request: RequestKind
    weight: float


@dataclass(frozen=True)
class PatternLimit:
    """The most shifts of one pattern a person may work over the whole plan."""

    staff_id: StaffId
    pattern: PatternCode
    max_shifts: int


@dataclass(frozen=True)
class Scenario:
    settings: Settings
    channels: tuple[Channel, ...]
    demand: tuple[DemandRow, ...]
    staff: tuple[Staff, ...] = ()
    patterns: tuple[ShiftPattern, ...] = ()
    absences: tuple[Absence, ...] = ()
    case_queues: tuple[CaseQueue, ...] = ()
    case_arrivals: tuple[CaseArrival, ...] = ()
    backlog: tuple[BacklogEntry, ...] = ()
    rules: Rules = field(default_factory=Rules)
    locks: tuple[Lock, ...] = ()
    pattern_cover: tuple[PatternCover, ...] = ()
    forbidden_sequences: tuple[ForbiddenSequence, ...] = ()
    shift_requests: tuple[ShiftRequest, ...] = ()
    pattern_limits: tuple[PatternLimit, ...] = ()

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(f"no channel named {name!r}")
