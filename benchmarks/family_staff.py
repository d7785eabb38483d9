"""The family's people: shift patterns, staff and their contracts, leave, locks and requests.

benchmarks/family.py says what the family is; these build one centre's rota side from its
template.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))

import make_samples as sample  # noqa: E402

from benchmarks.family_work import CHANNEL_SHARE, QUEUES  # noqa: E402
from planner.model import (  # noqa: E402
    Absence,
    AbsenceKind,
    Lock,
    PatternCode,
    RequestKind,
    ShiftPattern,
    ShiftRequest,
    Staff,
    StaffId,
)
from planner.plan import OFF  # noqa: E402

if TYPE_CHECKING:
    from benchmarks.family import Template

SAT, SUN, WEEKDAYS, EVERY_DAY = sample.SAT, sample.SUN, sample.WEEKDAYS, sample.EVERY_DAY


# ---- Shift patterns ------------------------------------------------------------------------------

FULL, LONG, HALF = 8, 10, 4  # hours a shift spans, its break included


@dataclass(frozen=True)
class Shifts:
    """A centre's shift patterns, and the codes of each kind."""

    patterns: tuple[ShiftPattern, ...]
    full: tuple[PatternCode, ...]  # 8-hour weekday shifts, staggered over the day
    long: tuple[PatternCode, ...]  # 10-hour weekday shifts
    halves: tuple[PatternCode, ...]  # 4- and 5-hour weekday shifts
    weekend: tuple[PatternCode, ...]
    weekend_full: tuple[PatternCode, ...]  # those paid as much as a full shift, or more
    night: tuple[PatternCode, ...]  # the out-of-hours line's, crossing midnight
    counter: tuple[PatternCode, ...]  # reception's hours
    office: PatternCode  # the back office's day
    paid_full: float  # paid hours of a full shift


def shift_patterns(t: Template) -> Shifts:
    """Staggered 8-hour day shifts over the weekday opening (at most five starts), 10-hour days
    where asked, 4-hour halves and a 5-hour middle shift, the weekend's shifts, the out-of-hours
    line's (one shift, or an evening and a night one), reception's and the back office's."""
    unpaid = 60 if t.interval == 60 else 30  # breaks on the interval grid
    found: list[ShiftPattern] = []

    def add(code: str, start: int, hours: int, days) -> PatternCode:
        found.append(ShiftPattern(PatternCode(code), _clock(start), _clock(start + hours),
                                  unpaid if hours > 6 else 0, tuple(days)))
        return PatternCode(code)

    open_, close = t.hours
    full = tuple(add(f"D{h:02d}", h, FULL, WEEKDAYS) for h in _spaced(open_, close - FULL, 5))
    long = tuple(add(f"LD{h:02d}", h, LONG, WEEKDAYS) for h in sorted({open_, close - LONG})
                 if t.long_days and close - open_ >= LONG)
    halves = [add("AM", open_, HALF, WEEKDAYS), add("PM", close - HALF, HALF, WEEKDAYS)]
    if close - open_ >= 10:
        halves.append(add("MID", (open_ + close - 5) // 2, 5, WEEKDAYS))
    weekend = []
    for day, hours, label in ((SAT, t.saturday, "SAT"), (SUN, t.sunday, "SUN")):
        if hours:
            weekend += _day_of(add, label, hours, (day,))
    night = []
    if t.night:
        _, opens, closes = t.night
        span = 24 - opens + closes
        if span <= LONG:
            night.append(add("N", opens, span, EVERY_DAY))
        else:
            night += [add("N-EVE", opens, FULL, EVERY_DAY),
                      add("N-NIGHT", opens + span - LONG, LONG, EVERY_DAY)]
    counter = _day_of(add, "R", t.counter, WEEKDAYS) if "reception" in t.live else []
    office = PatternCode("D09") if "D09" in full else None
    if office is None and (t.queues or t.cover):
        office = add("BO", 9, FULL, WEEKDAYS)
    paid_full = FULL - unpaid / 60
    weekend_full = tuple(p.code for p in found if p.code in weekend
                         and p.paid_minutes >= paid_full * 60)
    return Shifts(tuple(found), full, long, tuple(halves), tuple(weekend), weekend_full,
                  tuple(night), tuple(counter), office or full[0], paid_full)


def _day_of(add, label: str, hours: tuple[int, int], days) -> list[PatternCode]:
    """The shifts of one opening: the whole of it when short; a day (or an early and a late
    one when it is long) and two halves when longer."""
    opens, closes = hours
    span = closes - opens
    if span <= 6:
        return [add(label, opens, span, days)]
    if span <= LONG:
        whole = [add(label, opens, span, days)]
    else:
        whole = [add(f"{label}-E", opens, FULL, days), add(f"{label}-L", closes - FULL, FULL, days)]
    return whole + [add(f"{label}-AM", opens, HALF, days),
                    add(f"{label}-PM", closes - HALF, HALF, days)]


def _spaced(low: int, high: int, most: int) -> list[int]:
    """Up to `most` whole hours from `low` to `high`, evenly spread, ends included."""
    if high <= low:
        return [low]
    if high - low + 1 <= most:
        return list(range(low, high + 1))
    return sorted({low + round(i * (high - low) / (most - 1)) for i in range(most)})


def _clock(hour: int) -> dt.time:
    return dt.time(hour % 24, 0)


# ---- People --------------------------------------------------------------------------------------

PART_TIME = {"PT4": 0.25, "PT3": 0.3, "PT20": 0.25, "PT16": 0.2}  # how often each is drawn
NAMES = [row[1] for row in sample.CONTACT_CENTRE] + [row[1] for row in sample.COMPLAINTS_TEAM]
FIRST_NAMES = tuple(dict.fromkeys(name.split()[0] for name in NAMES))
SURNAMES = tuple(dict.fromkeys(name.split()[-1] for name in NAMES))
COVER_TEAMS = ("Lettings", "Income", "Tenancy sustainment", "Quality", "Customer insight")


def _contract(kind: str, paid: float) -> tuple[float, float, float, int]:
    """Contract hours, the fewest and most hours, and the most days a week, for each kind of
    contract, given the paid hours of a full shift (7.5, or 7 with an hour's break): full time,
    four long days, four, three or five short days, and nights."""
    return {
        "FT": (5 * paid, 5 * paid - 2.5, 5 * paid + 2.5, 5),
        "FT4": (36.0, 34.0, 38.0, 4),  # four 10-hour days
        "PT4": (4 * paid, 4 * paid - 2.5, 4 * paid + 2.5, 4),
        "PT3": (3 * paid, 3 * paid - 2.5, 3 * paid + 4, 4),
        "PT20": (20.0, 16.0, 22.0, 5),  # 4- and 5-hour shifts
        "PT16": (16.0, 14.0, 20.0, 4),
        "NIGHT": (36.0, 30.0, 40.0, 5),
        "NIGHT-PT": (24.0, 20.0, 30.0, 4),
    }[kind]


def _kind(rng: random.Random, part_time: bool, long_days: bool) -> str:
    if part_time:
        return rng.choices(list(PART_TIME), weights=list(PART_TIME.values()))[0]
    return "FT4" if long_days and rng.random() < 0.35 else "FT"


def _some(count: int, share: float, rng: random.Random) -> set[int]:
    """Which of `count` people (by index) make up `share` of them."""
    return set(rng.sample(range(count), round(share * count)))


def _worked(kind: str, shifts: Shifts, counter: bool, weekends: bool) -> tuple[PatternCode, ...]:
    """The patterns a contract works: halves for the shortest hours, four long weekdays for
    compressed hours, reception's hours for counter staff, and the weekend's shifts for those
    who do them: only whole ones for contracts of whole days, whose weekly hours a short one
    would leave short."""
    if counter:
        return shifts.counter[:1] if kind in ("FT", "PT4") else shifts.counter
    if kind == "FT4":
        return shifts.long
    day = {"FT": shifts.full + shifts.long, "PT4": shifts.full,
           "PT3": shifts.full + shifts.halves}.get(kind, shifts.halves)
    if not weekends:
        return day
    return day + (shifts.weekend_full if kind in ("FT", "PT4") else shifts.weekend)


@dataclass
class Team:
    """A centre's staff, group by group, as the work is sized for each."""

    advisors: list[Staff]
    night: list[Staff]
    officers: dict[str, list[Staff]]  # by the queue each mainly works
    cover: list[Staff]


def people(t: Template, size: int, shifts: Shifts, rng: random.Random) -> Team:
    """`size` staff: the out-of-hours team, case officers (the template's share), the cover
    pool, and the contact centre's advisors, multi-skilled or on one channel, full or part
    time, as drawn."""
    night_size = _night_size(t, size)
    officers = round((size - t.cover - night_size) * t.case_share) if t.queues else 0
    advisors = size - t.cover - night_size - officers
    rate = round(rng.uniform(12.6, 13.6), 2)
    part_time, multi = rng.uniform(*t.part_time), rng.uniform(*t.multi_skilled)
    channels = t.live + (("email",) if t.email else ())

    def person(staff_id, team, skills, kind, cost, patterns) -> Staff:
        hours, least, most, days = _contract(kind, shifts.paid_full)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        return Staff(StaffId(staff_id), name, team, tuple(skills), hours, least, most, days,
                     hourly_cost=round(cost, 2), patterns=tuple(patterns))

    team = Team([], [], {q: [] for q in t.queues}, [])
    part_timers = _some(advisors, part_time, rng)
    multi_skilled = _some(advisors, multi, rng)
    for i in range(advisors):
        kind = _kind(rng, i in part_timers, bool(shifts.long))
        if i in multi_skilled:
            skills = [c for c in channels if c != "reception" or rng.random() < 0.4]
        else:
            skills = rng.choices(channels, weights=[CHANNEL_SHARE[c] for c in channels])
        counter = skills == ["reception"]
        kind = "FT" if counter and kind == "FT4" else kind
        worked = _worked(kind, shifts, counter, rng.random() < t.weekend_share)
        team.advisors.append(person(f"A{i + 1:03d}", "Contact centre", skills, kind,
                                    rate + 0.5 * (len(skills) > 1), worked))
    team.advisors = _every_channel_staffed(team.advisors, channels, rng)
    if t.night:
        for i in range(night_size):
            kind = "NIGHT-PT" if rng.random() < part_time else "NIGHT"
            team.night.append(person(f"N{i + 1:02d}", "Out of hours", [t.night[0]], kind,
                                     rate + 2.0, shifts.night))
        evenings = [p for p in team.advisors if len(p.skills) > 1 and p.max_days_per_week == 5
                    and p.contract_hours >= 35][:2]
        for p in evenings:  # day advisors who also take evenings on the out-of-hours line
            i = team.advisors.index(p)
            team.advisors[i] = replace(p, skills=p.skills + (t.night[0],),
                                       patterns=p.patterns + shifts.night[:1])
    for i in range(officers):
        queue = t.queues[i % len(t.queues)]
        skills = [queue]
        if len(t.queues) > 1 and rng.random() < 0.3:
            skills.append(rng.choice([q for q in t.queues if q != queue]))
        if rng.random() < 0.15:
            skills.append("voice")
        kind = _kind(rng, rng.random() < part_time, False)
        worked = (shifts.office,) if kind in ("FT", "PT4") else (
            (shifts.office,) + shifts.halves if kind == "PT3" else shifts.halves)
        team.officers[queue].append(person(f"C{i + 1:03d}", QUEUES[queue][1], skills, kind,
                                           rate + rng.uniform(2.5, 3.5), worked))
    for i in range(t.cover):
        skills = rng.sample(t.queues, min(len(t.queues), rng.randint(1, 2))) or ["voice"]
        cover = sample.cover_person(f"V{i + 1}", f"{rng.choice(FIRST_NAMES)} "
                                    f"{rng.choice(SURNAMES)}", COVER_TEAMS[i % len(COVER_TEAMS)],
                                    skills, round(rate + rng.uniform(4.5, 6.5), 2))
        team.cover.append(replace(cover, patterns=(shifts.office,)))
    return team


def _night_size(t: Template, size: int) -> int:
    """Enough people for the out-of-hours line's hours every night, with some to spare."""
    if not t.night:
        return 0
    _, opens, closes = t.night
    on = t.night_on or max(1, round(size / 70))
    return max(2, math.ceil((24 - opens + closes) * 7 * on * 1.3 / 36))


def _every_channel_staffed(advisors: list[Staff], channels, rng: random.Random) -> list[Staff]:
    """At least two advisors on each channel: the missing skill given to others besides theirs."""
    advisors = list(advisors)
    for channel in channels:
        while sum(channel in p.skills for p in advisors) < 2:
            others = [i for i, p in enumerate(advisors) if channel not in p.skills
                      and (channel == "reception" or p.skills != ("reception",))]
            i = rng.choice(others)
            advisors[i] = replace(advisors[i], skills=advisors[i].skills + (channel,))
    return advisors


# ---- Absences, locks and requests ----------------------------------------------------------------


def absences(t: Template, people: list[Staff], start: dt.date, days: int,
             rng: random.Random) -> list[Absence]:
    """A week's leave for about one in eight, a clash in one team, sick days and training."""
    found: list[Absence] = []

    def book(person: Staff, first: int, last: int, kind=AbsenceKind.ANNUAL_LEAVE, times=None):
        if any(a.staff_id == person.staff_id and a.start_date <= start + dt.timedelta(last)
               and start + dt.timedelta(first) <= a.end_date for a in found):
            return
        begins, ends = times or (None, None)
        found.append(Absence(person.staff_id, start + dt.timedelta(first),
                             start + dt.timedelta(min(last, days - 1)), kind, begins, ends))

    if t.clash:  # first, so that the clash is whole: 30% of one team away one week
        teams: dict[str, list[Staff]] = {}
        for person in people:
            if not person.cover:
                teams.setdefault(person.team, []).append(person)
        members = teams[min((name for name, members in teams.items() if len(members) >= 5),
                            key=lambda name: (name in ("Contact centre", "Out of hours"),
                                              -len(teams[name]), name))]
        week = 7 * rng.randrange(t.weeks)
        for person in rng.sample(members, max(3, round(0.3 * len(members)))):
            book(person, week, week + 4)
    for person in people:
        if rng.random() < 0.125:
            week = 7 * rng.randrange(t.weeks)
            book(person, week, week + 4)
    for person in people:
        if rng.random() < 0.04:
            first = rng.randrange(days)
            book(person, first, first + rng.randrange(3), AbsenceKind.SICKNESS)
        elif rng.random() < 0.03 and person.team not in ("Out of hours",) and not person.cover:
            first = rng.choice([d for d in range(days) if (start + dt.timedelta(d)).weekday() < 5])
            book(person, first, first, AbsenceKind.TRAINING, (dt.time(9), dt.time(13)))
    return found


def _away(absences: list[Absence]) -> set[tuple[str, dt.date]]:
    away = set()
    for a in absences:
        day = a.start_date
        while day <= a.end_date:
            away.add((a.staff_id, day))
            day += dt.timedelta(days=1)
    return away


def _fits(person: Staff, by_code, day: dt.date) -> list[PatternCode]:
    return [code for code in person.patterns if day.weekday() in by_code[code].days]


def locks(people, by_code, absences, start: dt.date, days: int, count: int,
          rng: random.Random) -> list[Lock]:
    """The team leader's fixed cells: a shift someone may work that day, or OFF where they have
    a day to spare that week (so that their hours can still be met); one a week each at most,
    and none on a day they are away."""
    away = _away(absences)
    taken, weeks, found = set(away), set(), []
    staff = [p for p in people if not p.cover]
    for _ in range(50 * count):
        if len(found) == count:
            break
        person, offset = rng.choice(staff), rng.randrange(days)
        day = start + dt.timedelta(offset)
        fits = _fits(person, by_code, day)
        if (person.staff_id, day) in taken or (person.staff_id, offset // 7) in weeks or not fits:
            continue
        week = [start + dt.timedelta(d) for d in range(offset // 7 * 7, offset // 7 * 7 + 7)]
        free = sum(bool(_fits(person, by_code, d)) and (person.staff_id, d) not in away
                   for d in week)
        off = rng.random() < 0.3 and free > person.max_days_per_week
        found.append(Lock(person.staff_id, day, OFF if off else rng.choice(fits)))
        taken.add((person.staff_id, day))
        weeks.add((person.staff_id, offset // 7))
    return found


def requests(people, by_code, absences, locks, start: dt.date, days: int, count: int,
             rng: random.Random) -> list[ShiftRequest]:
    """Wishes to work, or not, a day or one shift someone may work, on days neither away nor
    locked."""
    taken = _away(absences) | {(lock.staff_id, lock.date) for lock in locks}
    staff = [p for p in people if not p.cover]
    found = []
    for _ in range(50 * count):
        if len(found) == count:
            break
        person = rng.choice(staff)
        day = start + dt.timedelta(rng.randrange(days))
        fits = _fits(person, by_code, day)
        if (person.staff_id, day) in taken or not fits:
            continue
        pattern = "" if rng.random() < 0.5 else rng.choice(fits)
        found.append(ShiftRequest(person.staff_id, day, pattern,
                                  rng.choice((RequestKind.WANT, RequestKind.AVOID)),
                                  rng.choice((5.0, 10.0, 20.0, 40.0))))
        taken.add((person.staff_id, day))
    return found
