"""Changes to who can be planned: more people, people leaving, people away, an extra skill for
a group, and the cover pool on or off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from planner.checks.words import day as day_words
from planner.checks.words import span as span_words
from planner.model import Absence, AbsenceKind, Scenario, Staff, StaffId
from planner.plan import OFF
from planner.whatif import fit, words
from planner.whatif.fit import VariantError

NEW_PERSON_NAME = "New advisor"
NEW_PERSON_ID = "NEW"

_AWAY_WORDS = {
    AbsenceKind.ANNUAL_LEAVE: "on annual leave",
    AbsenceKind.SICKNESS: "off sick",
    AbsenceKind.TRAINING: "on training",
    AbsenceKind.OTHER: "away",
}


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
        template = fit.person(scenario, self.like)
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
        return f"{self.count} more {people} like {words.who(base, self.like)}"


@dataclass(frozen=True)
class RemoveStaff:
    """These people leave the plan, with their absences, locks, shift requests and pattern
    limits."""

    staff_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", fit.as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        if not self.staff_ids:
            raise VariantError("name at least one person to remove from the plan")
        for staff_id in self.staff_ids:
            fit.person(scenario, staff_id)
        return without_staff(scenario, set(self.staff_ids))

    def describe(self, base: Scenario | None = None) -> str:
        verb = "leaves" if len(self.staff_ids) == 1 else "leave"
        return f"{words.people(base, self.staff_ids)} {verb} the plan"


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
        object.__setattr__(self, "staff_ids", fit.as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        kind = fit.absence_kind(self.kind)
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
        people = {StaffId(fit.person(scenario, s).staff_id) for s in self.staff_ids}
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
        return f"{words.people(base, self.staff_ids)} {away} {span_words(self.start, self.last)}"


@dataclass(frozen=True)
class AddSkill:
    """A group gets an extra skill (a channel or case queue): the people named, a whole team,
    or both."""

    skill: str
    staff_ids: tuple[str, ...] = ()
    team: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", fit.as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        fit.skill(scenario, self.skill)
        if not self.staff_ids and self.team is None:
            raise VariantError(f"name the people or the team who take on {self.skill}")
        group = {StaffId(fit.person(scenario, s).staff_id) for s in self.staff_ids}
        if self.team is not None:
            fit.team(scenario, self.team)
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
            groups.append(words.people(base, self.staff_ids))
        verb = "takes" if self.team is None and len(self.staff_ids) == 1 else "take"
        line = f"{words.and_(groups)} also {verb} {self.skill}"
        return line[:1].upper() + line[1:]


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
        return scenario if self.on else without_staff(scenario, cover)

    def describe(self, base: Scenario | None = None) -> str:
        return "Cover pool on" if self.on else "Cover pool off"


def without_staff(scenario: Scenario, staff_ids: set) -> Scenario:
    """The scenario without these people and everything that names them."""
    gone = staff_ids.__contains__
    return replace(
        scenario,
        staff=tuple(s for s in scenario.staff if not gone(s.staff_id)),
        absences=tuple(a for a in scenario.absences if not gone(a.staff_id)),
        locks=tuple(x for x in scenario.locks if not gone(x.staff_id)),
        shift_requests=tuple(x for x in scenario.shift_requests if not gone(x.staff_id)),
        pattern_limits=tuple(x for x in scenario.pattern_limits if not gone(x.staff_id)),
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
