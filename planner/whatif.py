"""What-if variants: a base scenario with a few changes a manager picks, and how they compare.

A manager asks "what if voice is 20% busier on Mondays?", "what if we hire two more like Asha?",
"what if chat opens on Sundays?" without editing the scenario's files. A `Variant` is a name
and a list of changes; `Variant.apply(base)` gives a new `Scenario` (the base is frozen and never
changes) and `Variant.describe()` says what each change does in one plain-English line.

Changes apply one after another, each to the scenario the previous ones left. Each checks what
it is given against that scenario and raises `VariantError` with a message a team leader can act
on (an unknown channel or person, a factor that is not above 0, closing a day already closed)
rather than build a scenario that cannot be planned. A variant whose result fails
`planner.validate.check_scenario` where the base did not is refused the same way.

`compare_rows` lays the KPIs of several plans (from `planner.kpis.plan_kpis`) side by side as
text cells, one row per figure, for a comparison table.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planner.calendar import bank_holidays
from planner.checks.words import day as day_words
from planner.checks.words import number
from planner.checks.words import span as span_words
from planner.model import (
    Absence,
    AbsenceKind,
    DemandRow,
    Scenario,
    ShiftPattern,
    Staff,
    StaffId,
)
from planner.plan import BREAK, NOT_WORKING
from planner.problems import Severity
from planner.validate import OFF, check_scenario

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NEW_PERSON_NAME = "New advisor"
NEW_PERSON_ID = "NEW"

_AWAY_WORDS = {
    AbsenceKind.ANNUAL_LEAVE: "on annual leave",
    AbsenceKind.SICKNESS: "off sick",
    AbsenceKind.TRAINING: "on training",
    AbsenceKind.OTHER: "away",
}


class VariantError(ValueError):
    """A change that does not fit the scenario it is applied to, said in words to act on."""


# --- the changes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeChange:
    """Contacts x `factor` on one channel (None: every channel), on one weekday (0 = Monday;
    None: every day) and/or one date (None: every date).

    A date whose demand comes from the weekly profile gets dated rows of its own (the profile
    times the factor), since dated rows replace the profile for that channel and date.
    """

    factor: float
    channel: str | None = None
    weekday: int | None = None
    date: dt.date | None = None

    def apply_to(self, scenario: Scenario) -> Scenario:
        factor = _positive(self.factor, "the volume factor")
        channels = _channels(scenario, self.channel)
        if self.weekday is not None:
            _weekday(self.weekday, "weekday")
        if self.date is not None:
            _in_plan(scenario, self.date)
            if self.weekday is not None and self.date.weekday() != self.weekday:
                raise VariantError(f"{day_words(self.date)} is not a {WEEKDAY_NAMES[self.weekday]}"
                                   "; give the date or the weekday, or both matching")
            demand, scaled = _scale_date(scenario, channels, self.date, factor)
        else:
            demand, scaled = _scale_rows(scenario, channels, self.weekday, factor)
        if scaled <= 0:
            whose = f" on {self.channel}" if self.channel is not None else ""
            raise VariantError(f"there are no contacts{whose}{self._when()}, so there is "
                               "nothing to scale")
        return replace(scenario, demand=demand)

    def describe(self, base: Scenario | None = None) -> str:
        subject = (f"{_label(self.channel)} volume" if self.channel is not None
                   else "Volume on every channel")
        return f"{subject} x {_factor(self.factor)}{self._when()}"

    def _when(self) -> str:
        if self.date is not None:
            return f" on {day_words(self.date)}"
        if self.weekday is not None and self.weekday in range(7):
            return f" on {WEEKDAY_NAMES[self.weekday]}s"
        return ""


@dataclass(frozen=True)
class HandleTimeChange:
    """Handle time x `factor`, then + `seconds`, on one channel (None: every channel): the
    channel's own handle time and every demand row that gives its own."""

    factor: float = 1.0
    seconds: float = 0.0
    channel: str | None = None

    def apply_to(self, scenario: Scenario) -> Scenario:
        factor = _positive(self.factor, "the handle time factor")
        seconds = _finite(self.seconds, "the seconds added to handle time")
        if factor == 1 and seconds == 0:
            raise VariantError("a handle time change needs a factor other than 1 or some "
                               "seconds to add")
        names = set(_channels(scenario, self.channel))

        def changed(aht: float, where: str) -> float:
            value = aht * factor + seconds
            if value <= 0:
                raise VariantError(f"handle time on {where} would be {number(value)} seconds; "
                                   "it must stay above 0")
            return value

        channels = tuple(
            replace(c, aht_seconds=changed(c.aht_seconds, c.name)) if c.name in names else c
            for c in scenario.channels)
        demand = tuple(
            replace(row, aht_seconds=changed(row.aht_seconds, f"{row.channel} at "
                                             f"{row.interval_start:%H:%M}"))
            if row.channel in names and row.aht_seconds is not None else row
            for row in scenario.demand)
        return replace(scenario, channels=channels, demand=demand)

    def describe(self, base: Scenario | None = None) -> str:
        subject = (f"{_label(self.channel)} handle time" if self.channel is not None
                   else "Handle time on every channel")
        parts = []
        if self.factor != 1:
            parts.append(f"x {_factor(self.factor)}")
        if self.seconds:
            parts.append(f"{'+' if self.seconds > 0 else '-'}{number(abs(self.seconds))} s")
        return " ".join([subject, *parts])


@dataclass(frozen=True)
class AddStaff:
    """`count` more people like an existing one (`like`, a staff id): same team, skills,
    contract, pay, shift patterns and pattern limits; none of their absences, locks or shift
    requests. Each gets a new id (NEW1, NEW2, ...) and a name (New advisor 1, ...)."""

    like: str
    count: int = 1

    def apply_to(self, scenario: Scenario) -> Scenario:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise VariantError(f"the number of people to add must be a whole number of at "
                               f"least 1, not {self.count!r}")
        template = _person(scenario, self.like)
        ids = {str(s.staff_id).casefold() for s in scenario.staff}
        names = {s.name.casefold() for s in scenario.staff}
        added: list[Staff] = []
        limits = []
        n = 0
        while len(added) < self.count:
            n += 1
            staff_id, name = f"{NEW_PERSON_ID}{n}", f"{NEW_PERSON_NAME} {n}"
            if staff_id.casefold() in ids or name.casefold() in names:
                continue
            added.append(replace(template, staff_id=StaffId(staff_id), name=name))
            limits += [replace(limit, staff_id=StaffId(staff_id))
                       for limit in scenario.pattern_limits if limit.staff_id == template.staff_id]
        return replace(scenario, staff=scenario.staff + tuple(added),
                       pattern_limits=scenario.pattern_limits + tuple(limits))

    def describe(self, base: Scenario | None = None) -> str:
        people = "person" if self.count == 1 else "people"
        return f"{self.count} more {people} like {_who(base, self.like)}"


@dataclass(frozen=True)
class RemoveStaff:
    """These people leave the plan, with their absences, locks, shift requests and pattern
    limits."""

    staff_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", _as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        if not self.staff_ids:
            raise VariantError("name at least one person to remove from the plan")
        for staff_id in self.staff_ids:
            _person(scenario, staff_id)
        return _without_staff(scenario, set(self.staff_ids))

    def describe(self, base: Scenario | None = None) -> str:
        verb = "leaves" if len(self.staff_ids) == 1 else "leave"
        return f"{_people(base, self.staff_ids)} {verb} the plan"


@dataclass(frozen=True)
class Absent:
    """These people are away for whole days from `start` to `end` (one day when `end` is None):
    annual leave, sickness or training.

    The new absence takes the place of any absence they already had on those days, and of any
    lock putting them on a shift then.
    """

    staff_ids: tuple[str, ...]
    start: dt.date
    end: dt.date | None = None
    kind: AbsenceKind | str = AbsenceKind.ANNUAL_LEAVE

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", _as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        kind = _absence_kind(self.kind)
        first, last = self.start, self.last
        if not self.staff_ids:
            raise VariantError("name at least one person who is away")
        if last < first:
            raise VariantError(f"the absence ends ({day_words(last)}) before it starts "
                               f"({day_words(first)})")
        settings = scenario.settings
        if last < settings.plan_start or first > settings.plan_end:
            raise VariantError(f"{span_words(first, last)} is outside the plan "
                               f"({span_words(settings.plan_start, settings.plan_end)}), so the "
                               "absence changes nothing")
        people = {StaffId(_person(scenario, s).staff_id) for s in self.staff_ids}
        absences: list[Absence] = []
        for absence in scenario.absences:
            if absence.staff_id in people:
                absences += _outside(absence, first, last)
            else:
                absences.append(absence)
        absences += [Absence(person, first, last, kind) for person in dict.fromkeys(
            StaffId(s) for s in self.staff_ids)]
        locks = tuple(lock for lock in scenario.locks
                      if not (lock.staff_id in people and first <= lock.date <= last
                              and lock.pattern != OFF))
        return replace(scenario, absences=tuple(absences), locks=locks)

    @property
    def last(self) -> dt.date:
        return self.start if self.end is None else self.end

    def describe(self, base: Scenario | None = None) -> str:
        try:
            away = _AWAY_WORDS[AbsenceKind(self.kind)]
        except ValueError:
            away = f"away ({self.kind})"
        return f"{_people(base, self.staff_ids)} {away} {span_words(self.start, self.last)}"


@dataclass(frozen=True)
class AddSkill:
    """A group gets an extra skill (a channel or case queue): the people named, a whole team,
    or both."""

    skill: str
    staff_ids: tuple[str, ...] = ()
    team: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", _as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        skills = [str(c.name) for c in scenario.channels] + [
            str(q.name) for q in scenario.case_queues]
        if self.skill not in skills:
            raise VariantError(f"{self.skill!r} is neither a channel nor a case queue "
                               f"({', '.join(skills) or 'none'})")
        if not self.staff_ids and self.team is None:
            raise VariantError(f"name the people or the team who take on {self.skill}")
        group = {StaffId(_person(scenario, s).staff_id) for s in self.staff_ids}
        if self.team is not None:
            teams = sorted({s.team for s in scenario.staff})
            if self.team not in teams:
                raise VariantError(f"there is no team {self.team!r} in Staff "
                                   f"({', '.join(teams) or 'none'})")
            group |= {s.staff_id for s in scenario.staff if s.team == self.team}
        if all(self.skill in s.skills for s in scenario.staff if s.staff_id in group):
            raise VariantError(f"everyone named already has the skill {self.skill}")
        staff = tuple(
            replace(s, skills=s.skills + (self.skill,))
            if s.staff_id in group and self.skill not in s.skills else s
            for s in scenario.staff)
        return replace(scenario, staff=staff)

    def describe(self, base: Scenario | None = None) -> str:
        groups = []
        if self.team is not None:
            groups.append(f"the {self.team} team")
        if self.staff_ids:
            groups.append(_people(base, self.staff_ids))
        verb = "takes" if self.team is None and len(self.staff_ids) == 1 else "take"
        line = f"{_and(groups)} also {verb} {self.skill}"
        return line[:1].upper() + line[1:]


@dataclass(frozen=True)
class AddPattern:
    """A new shift pattern. People with no list of patterns may work any, this one too; people
    named in `staff_ids` who have a list get it added to their list."""

    pattern: ShiftPattern
    staff_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", _as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        pattern = self.pattern
        if not isinstance(pattern, ShiftPattern):
            raise VariantError("a new shift pattern needs a code, start, end, break and days")
        code = str(pattern.code).strip()
        if not code or code != pattern.code:
            raise VariantError(f"shift pattern code {pattern.code!r} must be a name without "
                               "spaces at either end")
        if "," in code:
            raise VariantError(f"shift pattern code {code!r} has a comma; rename it")
        reserved = (*NOT_WORKING, BREAK)
        if code.upper() in reserved:
            raise VariantError(f"{code} means a day or time not worked ({', '.join(reserved)}) "
                               "and cannot be a shift pattern code")
        if any(str(p.code).upper() == code.upper() for p in scenario.patterns):
            raise VariantError(f"there is already a shift pattern {code}; pick another code")
        if pattern.paid_minutes <= 0:
            raise VariantError(f"the unpaid break ({pattern.unpaid_break_minutes} minutes) is at "
                               f"least as long as shift pattern {code} "
                               f"({pattern.length_minutes} minutes)")
        if pattern.unpaid_break_minutes < 0:
            raise VariantError("the unpaid break cannot be negative")
        if not pattern.days or any(not _is_weekday(d) for d in pattern.days):
            raise VariantError(f"shift pattern {code} needs days from 0 (Monday) to 6 (Sunday)")
        for staff_id in self.staff_ids:
            _person(scenario, staff_id)
        staff = tuple(
            replace(s, patterns=s.patterns + (pattern.code,))
            if s.staff_id in self.staff_ids and s.patterns else s
            for s in scenario.staff)
        return replace(scenario, patterns=scenario.patterns + (pattern,), staff=staff)

    def describe(self, base: Scenario | None = None) -> str:
        p = self.pattern
        text = (f"New shift pattern {p.code} {p.start:%H:%M}-{p.end:%H:%M}"
                f"{_break(p.unpaid_break_minutes)}, {_days(p.days)}")
        if self.staff_ids:
            text += f", also for {_people(base, self.staff_ids)}"
        return text


@dataclass(frozen=True)
class RemovePattern:
    """A shift pattern goes: from the patterns, from each person's list, and from the locks,
    pattern cover, forbidden sequences, shift requests and pattern limits that name it."""

    code: str

    def apply_to(self, scenario: Scenario) -> Scenario:
        codes = [str(p.code) for p in scenario.patterns]
        if self.code not in codes:
            raise VariantError(f"there is no shift pattern {self.code!r} "
                               f"({', '.join(codes) or 'none'})")
        if len(codes) == 1:
            raise VariantError(f"{self.code} is the only shift pattern; a rota needs at least "
                               "one")
        stuck = [s for s in scenario.staff if s.patterns and set(s.patterns) <= {self.code}]
        if stuck:
            raise VariantError(f"{_people_list(stuck)} may only work shift pattern {self.code}, "
                               "so would have no shift left; remove them too, or give them "
                               "another pattern first")
        code = self.code
        return replace(
            scenario,
            patterns=tuple(p for p in scenario.patterns if p.code != code),
            staff=tuple(replace(s, patterns=tuple(c for c in s.patterns if c != code))
                        for s in scenario.staff),
            locks=tuple(x for x in scenario.locks if x.pattern != code),
            pattern_cover=tuple(x for x in scenario.pattern_cover if x.pattern != code),
            forbidden_sequences=tuple(x for x in scenario.forbidden_sequences
                                      if code not in (x.pattern, x.next_pattern)),
            shift_requests=tuple(x for x in scenario.shift_requests if x.pattern != code),
            pattern_limits=tuple(x for x in scenario.pattern_limits if x.pattern != code),
        )

    def describe(self, base: Scenario | None = None) -> str:
        return f"Without shift pattern {self.code}"


@dataclass(frozen=True)
class OpeningDays:
    """A channel opens or closes on some weekdays (0 = Monday).

    Closing removes the channel's demand on those weekdays: their weekly profile and any dated
    rows falling on them. Opening a closed weekday copies the weekly profile of the weekday
    `like` (dated rows already on the opened weekday still replace it on their dates).
    """

    channel: str
    weekdays: tuple[int, ...]
    open: bool
    like: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekdays", _as_tuple(self.weekdays))

    def apply_to(self, scenario: Scenario) -> Scenario:
        (channel,) = _channels(scenario, self.channel)
        if not self.weekdays:
            raise VariantError(f"name the weekdays {channel} {self._verb()} on")
        days = {_weekday(d, "weekday") for d in self.weekdays}
        if self.open:
            return self._opened(scenario, channel, days)
        if self.like is not None:
            raise VariantError("a weekday being closed needs no profile to copy")
        for weekday in sorted(days):
            if not any(row.volume > 0 and _falls_on(row, weekday)
                       for row in scenario.demand if row.channel == channel):
                raise VariantError(f"{channel} is already closed on {WEEKDAY_NAMES[weekday]}s")
        demand = tuple(row for row in scenario.demand
                       if not (row.channel == channel and _weekday_of(row) in days))
        return replace(scenario, demand=demand)

    def _opened(self, scenario: Scenario, channel: str, days: set[int]) -> Scenario:
        if self.like is None:
            raise VariantError(f"say which weekday's contacts {channel} gets on the days it opens")
        like = _weekday(self.like, "the weekday to copy")
        rows = [r for r in scenario.demand if r.channel == channel]
        for weekday in sorted(days):
            if any(r.weekday == weekday and r.volume > 0 for r in rows):
                raise VariantError(f"{channel} is already open on {WEEKDAY_NAMES[weekday]}s")
        profile = [r for r in rows if r.weekday == like]
        if not any(r.volume > 0 for r in profile):
            raise VariantError(f"{channel} has no weekly contacts on {WEEKDAY_NAMES[like]}s to "
                               "copy; pick a weekday it is open")
        kept = tuple(r for r in scenario.demand
                     if not (r.channel == channel and r.weekday in days))
        added = tuple(replace(r, weekday=weekday) for weekday in sorted(days) for r in profile)
        return replace(scenario, demand=kept + added)

    def _verb(self) -> str:
        return "opens" if self.open else "closes"

    def describe(self, base: Scenario | None = None) -> str:
        days = _and([f"{WEEKDAY_NAMES[d]}s" if _is_weekday(d) else str(d)
                     for d in sorted(set(self.weekdays), key=str)])
        text = f"{_label(self.channel)} {self._verb()} on {days}"
        if self.open and self.like is not None and _is_weekday(self.like):
            text += f" (profile of {WEEKDAY_NAMES[self.like]})"
        return text


@dataclass(frozen=True)
class CoverPool:
    """The cover pool on (its people stay in the plan) or off (every cover person leaves it,
    with their absences, locks, shift requests and pattern limits)."""

    on: bool

    def apply_to(self, scenario: Scenario) -> Scenario:
        cover = {s.staff_id for s in scenario.staff if s.cover}
        if not cover:
            raise VariantError("nobody in Staff is cover pool staff (cover = yes), so there is "
                               "no cover pool to turn " + ("on" if self.on else "off"))
        return scenario if self.on else _without_staff(scenario, cover)

    def describe(self, base: Scenario | None = None) -> str:
        return "Cover pool on" if self.on else "Cover pool off"


Change = (VolumeChange | HandleTimeChange | AddStaff | RemoveStaff | Absent | AddSkill
          | AddPattern | RemovePattern | OpeningDays | CoverPool)
CHANGES: tuple[type, ...] = (VolumeChange, HandleTimeChange, AddStaff, RemoveStaff, Absent,
                             AddSkill, AddPattern, RemovePattern, OpeningDays, CoverPool)


@dataclass(frozen=True)
class Variant:
    """A named what-if: changes applied in order to a base scenario."""

    name: str
    changes: tuple[Change, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(self.changes))

    def apply(self, base: Scenario) -> Scenario:
        """The base with every change made; VariantError when a change does not fit or the
        result could not be planned where the base could."""
        name = str(self.name).strip()
        if not name:
            raise VariantError("a variant needs a name")
        scenario = base
        for number_, change in enumerate(self.changes, start=1):
            where = f"{name}, change {number_}"
            if not isinstance(change, CHANGES):
                raise VariantError(f"{where}: {type(change).__name__} is not a change a variant "
                                   "can make")
            try:
                scenario = change.apply_to(scenario)
            except VariantError as exc:
                raise VariantError(f"{where} ({_described(change, scenario)}): {exc}") from None
            except (TypeError, AttributeError) as exc:
                raise VariantError(f"{where} ({type(change).__name__}) is not filled in as "
                                   f"expected: {exc}") from None
        before = {p.message for p in check_scenario(base) if p.severity is Severity.ERROR}
        after = [p for p in check_scenario(scenario)
                 if p.severity is Severity.ERROR and p.message not in before]
        if after:
            more = f" (and {len(after) - 1} more)" if len(after) > 1 else ""
            raise VariantError(f"{name} would leave a scenario that cannot be planned: "
                               f"{after[0].sheet}: {after[0].message}{more}")
        return scenario

    def describe(self, base: Scenario | None = None) -> list[str]:
        """One plain-English line per change; with `base`, people are named as well as their
        ids."""
        return [_described(change, base) for change in self.changes]


# --- the comparison table --------------------------------------------------------------------


def compare_rows(results: list[tuple[str, dict]]) -> list[tuple[str, list[str]]]:
    """Rows of a side-by-side table of plans: (row label, one cell of text per variant).

    `results` holds (variant name, planner.kpis.plan_kpis dict) pairs, in column order. A figure
    a variant does not have (a channel it lacks, a rate with nothing to rate) shows as "-".
    """
    kpis = [figures for _, figures in results]
    rows: list[tuple[str, list[str]]] = [
        ("Paid hours", [_amount(k.get("paid_hours")) for k in kpis]),
        ("Cover hours", [_amount(k.get("cover_hours")) for k in kpis]),
        ("Total cost", [_pounds((k.get("cost") or {}).get("total")) for k in kpis]),
    ]
    for channel in _names_in(kpis, "channels"):
        figures = [(k.get("channels") or {}).get(channel) for k in kpis]
        label = _label(channel)
        rows += [
            (f"{label} service level", [_share(_get(f, "service_level")) for f in figures]),
            (f"{label} average wait", [_wait(f) for f in figures]),
            (f"{label} abandonment", [_share(_get(f, "abandon_rate")) for f in figures]),
        ]
    for queue in _names_in(kpis, "queues"):
        figures = [(k.get("queues") or {}).get(queue) for k in kpis]
        label = _label(queue)
        rows += [
            (f"{label} on-time rate", [_share(_get(f, "on_time_rate")) for f in figures]),
            (f"{label} largest backlog", [_amount(_get(f, "max_backlog")) for f in figures]),
        ]
    for queue in _names_in(kpis, "avoidable"):
        figures = [(k.get("avoidable") or {}).get(queue) for k in kpis]
        label = _label(queue)
        rows += [
            (f"{label} avoidable contacts a week",
             [_amount(_get(f, "contacts_per_week")) for f in figures]),
            (f"{label} avoidable phone hours a week",
             [_amount(_get(f, "phone_hours_per_week")) for f in figures]),
        ]
    rows.append(("Broken rules", [_amount((k.get("breaches") or {}).get("count"))
                                  for k in kpis]))
    return rows


def _names_in(kpis: list[dict], part: str) -> list[str]:
    """Every channel (or queue) named by any of the plans, in the order first met."""
    return list(dict.fromkeys(name for k in kpis for name in (k.get(part) or {})))


def _get(figures: dict | None, key: str) -> float | None:
    return None if figures is None else figures.get(key)


def _share(value: float | None) -> str:
    """"80.5%"."""
    return "-" if value is None else f"{value:.1%}"


def _amount(value: float | None) -> str:
    """"1,234.5", "12": hours, cases and counts, at most one decimal."""
    if value is None:
        return "-"
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def _pounds(value: float | None) -> str:
    """"£1,234", to the nearest pound."""
    return "-" if value is None else f"£{value:,.0f}"


def _wait(figures: dict | None) -> str:
    """"45 s", "1 min 20 s"; "no answer" when contacts wait without end, "-" with no contacts."""
    if figures is None:
        return "-"
    seconds = figures.get("asa_seconds")
    if seconds is None:
        return "no answer" if (figures.get("volume") or 0) > 0 else "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60} min {whole % 60} s"


# --- helpers ---------------------------------------------------------------------------------


def _described(change: object, base: Scenario | None) -> str:
    try:
        return change.describe(base)  # type: ignore[attr-defined]
    except Exception:  # a change too badly filled in to describe still gets a line
        return type(change).__name__


def _as_tuple(value) -> tuple:
    """A single id or weekday, or any sequence of them, as a tuple."""
    if isinstance(value, str | int):
        return (value,)
    return tuple(value)


def _finite(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise VariantError(f"{what} must be a number, not {value!r}")
    return float(value)


def _positive(value, what: str) -> float:
    value = _finite(value, what)
    if value <= 0:
        raise VariantError(f"{what} must be above 0, not {number(value)}")
    return value


def _is_weekday(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6


def _weekday(value, what: str) -> int:
    if not _is_weekday(value):
        raise VariantError(f"{what} must be 0 (Monday) to 6 (Sunday), not {value!r}")
    return value


def _in_plan(scenario: Scenario, date: dt.date) -> None:
    settings = scenario.settings
    if not isinstance(date, dt.date) or not settings.plan_start <= date <= settings.plan_end:
        raise VariantError(f"{date} is not in the plan "
                           f"({span_words(settings.plan_start, settings.plan_end)})")


def _channels(scenario: Scenario, name: str | None) -> tuple[str, ...]:
    """The channel named, or every channel for None."""
    names = tuple(str(c.name) for c in scenario.channels)
    if name is None:
        return names
    if name not in names:
        raise VariantError(f"there is no channel {name!r} ({', '.join(names) or 'none'})")
    return (name,)


def _person(scenario: Scenario, staff_id: str) -> Staff:
    for person in scenario.staff:
        if person.staff_id == staff_id:
            return person
    raise VariantError(f"there is nobody with staff_id {staff_id!r} in Staff")


def _absence_kind(kind) -> AbsenceKind:
    try:
        return AbsenceKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in AbsenceKind)
        raise VariantError(f"{kind!r} is not a kind of absence ({kinds})") from None


def _weekday_of(row: DemandRow) -> int | None:
    return row.date.weekday() if row.date is not None else row.weekday


def _falls_on(row: DemandRow, weekday: int | None) -> bool:
    return weekday is None or _weekday_of(row) == weekday


def _scale_rows(scenario: Scenario, channels: Iterable[str], weekday: int | None,
                factor: float) -> tuple[tuple[DemandRow, ...], float]:
    """Rows of these channels on `weekday` (weekly and dated; None: all) times the factor,
    and the volume so scaled."""
    names, scaled = set(channels), 0.0
    demand = []
    for row in scenario.demand:
        if row.channel in names and _falls_on(row, weekday):
            scaled += row.volume
            row = replace(row, volume=row.volume * factor)
        demand.append(row)
    return tuple(demand), scaled


def _scale_date(scenario: Scenario, channels: Iterable[str], date: dt.date,
                factor: float) -> tuple[tuple[DemandRow, ...], float]:
    """Demand on one date times the factor: its dated rows where it has them, else dated rows
    made from the weekly profile (none on a bank holiday the channel is closed for)."""
    settings = scenario.settings
    holiday = date in bank_holidays(settings.region, date, date)
    demand, scaled = list(scenario.demand), 0.0
    for name in channels:
        dated = [i for i, r in enumerate(demand) if r.channel == name and r.date == date]
        for i in dated:
            scaled += demand[i].volume
            demand[i] = replace(demand[i], volume=demand[i].volume * factor)
        if dated or (holiday and not scenario.channel(name).open_on_bank_holidays):
            continue
        for row in scenario.demand:
            if row.channel == name and row.date is None and row.weekday == date.weekday():
                if row.volume > 0:
                    scaled += row.volume
                    demand.append(replace(row, volume=row.volume * factor, date=date,
                                          weekday=None))
    return tuple(demand), scaled


def _without_staff(scenario: Scenario, staff_ids: set) -> Scenario:
    keep = staff_ids.__contains__
    return replace(
        scenario,
        staff=tuple(s for s in scenario.staff if not keep(s.staff_id)),
        absences=tuple(a for a in scenario.absences if not keep(a.staff_id)),
        locks=tuple(x for x in scenario.locks if not keep(x.staff_id)),
        shift_requests=tuple(x for x in scenario.shift_requests if not keep(x.staff_id)),
        pattern_limits=tuple(x for x in scenario.pattern_limits if not keep(x.staff_id)),
    )


def _outside(absence: Absence, first: dt.date, last: dt.date) -> list[Absence]:
    """What is left of an absence outside the days `first` to `last`: the part before keeps its
    start time, the part after its end time."""
    if absence.end_date < first or absence.start_date > last:
        return [absence]
    parts = []
    if absence.start_date < first:
        parts.append(replace(absence, end_date=first - dt.timedelta(days=1), end_time=None))
    if absence.end_date > last:
        parts.append(replace(absence, start_date=last + dt.timedelta(days=1), start_time=None))
    return parts


def _label(name: str | None) -> str:
    """A channel or queue name at the start of a line: "voice" -> "Voice",
    "mutual_exchange" -> "Mutual exchange"."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]


def _factor(value) -> str:
    return number(value) if isinstance(value, int | float) else repr(value)


def _who(base: Scenario | None, staff_id: str) -> str:
    """"Asha Patel (S004)" when the base knows them, else the id."""
    for person in base.staff if base is not None else ():
        if person.staff_id == staff_id:
            return f"{person.name} ({person.staff_id})"
    return str(staff_id)


def _people(base: Scenario | None, staff_ids: Iterable[str]) -> str:
    return _and([_who(base, s) for s in staff_ids])


def _people_list(people: list[Staff]) -> str:
    return _and([f"{p.name} ({p.staff_id})" for p in people])


def _and(words: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _break(minutes: int) -> str:
    return f" ({minutes} min unpaid break)" if minutes else ""


def _days(days: Iterable[int]) -> str:
    """Weekdays as people write them: "Mon-Fri", "Sat, Sun", "Mon, Wed-Fri"."""
    days = sorted({d for d in days if _is_weekday(d)})
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(
        SHORT_WEEKDAYS[r[0]] if len(r) == 1 else
        f"{SHORT_WEEKDAYS[r[0]]}, {SHORT_WEEKDAYS[r[1]]}" if len(r) == 2 else
        f"{SHORT_WEEKDAYS[r[0]]}-{SHORT_WEEKDAYS[r[-1]]}"
        for r in runs)


__all__ = [
    "AddPattern", "AddSkill", "AddStaff", "Absent", "Change", "CoverPool", "HandleTimeChange",
    "OpeningDays", "RemovePattern", "RemoveStaff", "Variant", "VariantError", "VolumeChange",
    "compare_rows",
]
