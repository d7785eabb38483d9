"""Why is an interval short? Everyone skilled for a live channel, and what each is doing then.

`explain` takes a rota, a live channel and an interval, and says, in a team leader's words, who
is skilled for that channel and, of them, who is on it; who is at work on something else
(another channel, email, case work) or on a break; who is away (annual leave, sickness,
training, a bank holiday); who works that day but not then; and who is off, with the rule or
limit that keeps them off: their weekly hours or days used up, the rest after the shift before
(or before the shift after), days in a row, weekends, or no shift pattern they may work that
covers the time. It ends with what one more person on the channel then would gain (contacts
let down then and in the queue carried on from then, and short cover, priced as docs/rules.md
prices them) and cost (that interval's pay).

The figures are the checker's (`planner.checks.check_rota`), so they agree with Coverage, the
rota workbook and `planner check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.checks import check_rota
from planner.checks.service import advisor_value, short_cover_price
from planner.checks.timeline import BREAK, IDLE
from planner.checks.view import View, build_view
from planner.days import DAY_MINUTES, absence_span, minutes, shift_start
from planner.model import Scenario, ShiftPattern, Staff
from planner.plan import (
    ANNUAL_LEAVE,
    BANK_HOLIDAY,
    SICK,
    TRAINING,
    Activity,
    IntervalService,
    RotaCell,
)
from planner.queues import carried_figures
from planner.words import clock, count, day, hours, money, number, share, wait, who

AWAY_WORDS = {ANNUAL_LEAVE: "on annual leave", SICK: "off sick", TRAINING: "training",
              BANK_HOLIDAY: "off for the bank holiday"}


class Doing(StrEnum):
    """What a person skilled for the channel is doing in the interval."""

    ON_CHANNEL = "on the channel"
    OTHER_WORK = "at work on something else"
    ON_BREAK = "on a break"
    AWAY = "away"
    NOT_THEN = "at work that day, but not then"
    OFF_HELD = "off, held by a rule or limit"
    OFF_FREE = "off, and free to work"


@dataclass(frozen=True)
class PersonThen:
    """One person skilled for the channel: what they are doing, and why, in words."""

    person: Staff
    doing: Doing
    why: str


@dataclass(frozen=True)
class OneMore:
    """One more person on the channel in the interval: service after, and its price."""

    service_level: float
    abandon_rate: float
    gain: float  # pounds that one more person saves: contacts let down (that interval and the
    # queue it carries into the next) and short cover
    pay: float  # pounds: the interval's pay at the Rules' standard hourly cost


@dataclass(frozen=True)
class Explanation:
    channel: str
    at: dt.datetime
    service: IntervalService | None  # the checker's row for the interval (None: nothing then)
    people: tuple[PersonThen, ...]
    one_more: OneMore | None

    def of(self, doing: Doing) -> tuple[PersonThen, ...]:
        return tuple(p for p in self.people if p.doing is doing)

    def lines(self) -> list[str]:
        """The explanation as a team leader reads it: the interval, how many of those skilled
        for it are doing what, what one more would gain, then a line per group of people."""
        said = [headline(self)]
        counts = [f"{len(self.of(doing))} {doing.value}" for doing in Doing if self.of(doing)]
        if counts:
            said.append(f"Of the {len(self.people)} skilled for it: " + "; ".join(counts) + ".")
        if self.one_more is not None:
            said.append(one_more_words(self))
        for doing in Doing:
            group = self.of(doing)
            if group:
                said.append(f"{doing.value.capitalize()} ({len(group)}):")
                said += [f"  {who(p.person)}{': ' + p.why if p.why else ''}" for p in group]
        if not self.people:
            said.append(f"Nobody in Staff is skilled for {self.channel}.")
        return said

    def as_dict(self) -> dict:
        row = self.service
        return {
            "channel": self.channel, "at": self.at.isoformat(timespec="minutes"),
            "needed": row.required if row else 0, "planned": row.planned if row else 0,
            "volume": row.volume if row else 0.0,
            "service_level": row.service_level if row else None,
            "people": [{"staff_id": p.person.staff_id, "name": p.person.name,
                        "doing": p.doing.name.lower(), "why": p.why} for p in self.people],
            "one_more": None if self.one_more is None else {
                "service_level": self.one_more.service_level,
                "abandon_rate": self.one_more.abandon_rate,
                "gain": round(self.one_more.gain, 2), "pay": round(self.one_more.pay, 2)},
        }


def explain(scenario: Scenario, rota: Sequence[RotaCell], activities: Sequence[Activity],
            channel: str, at: dt.datetime, updates: Collection[str] = ()) -> Explanation:
    """Why `channel` has the advisors it has in the interval starting at `at` (which must be a
    plan date and an interval start of a live channel: see `interval_problem`)."""
    assessment = check_rota(scenario, rota, activities, updates)
    service = next((row for row in assessment.coverage if row.channel == channel
                    and row.date == at.date() and row.interval_start == at.time()), None)
    view = build_view(scenario, rota, activities)
    day_index = view.days.index[at.date()]
    moment = day_index * DAY_MINUTES + minutes(at.time())
    people = tuple(_person_then(view, person, channel, day_index, moment)
                   for person in scenario.staff if channel in person.skills)
    return Explanation(channel, at, service, people, _one_more(view, service, channel))


def could_cover(view: View, channel: str, at: dt.datetime) -> tuple[PersonThen, ...]:
    """Of those skilled for `channel`, who could be on it in the interval starting at `at` (a
    plan date and interval start): those at work on something else, then those off and free
    to work (no rule or limit keeps them off)."""
    day_index = view.days.index[at.date()]
    moment = day_index * DAY_MINUTES + minutes(at.time())
    people = [_person_then(view, person, channel, day_index, moment)
              for person in view.scenario.staff if channel in person.skills]
    return tuple(p for doing in (Doing.OTHER_WORK, Doing.OFF_FREE) for p in people
                 if p.doing is doing)


def could_cover_words(people: Sequence[PersonThen], most: int | None = None) -> str:
    """Those who could cover, for a list: "Daniel Murphy (on email), Rebecca Taylor (off) and
    6 more" (naming at most `most`, or all), or "" when nobody could."""
    if not people:
        return ""
    named = [f"{p.person.name} ({'off' if p.doing is Doing.OFF_FREE else _doing(p)})"
             for p in people[:most]]
    more = len(people) - len(named)
    if more:
        return ", ".join(named) + f" and {more} more"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _doing(person: PersonThen) -> str:
    """'on email' from 'on email, shift E (08:00-16:00)'."""
    return person.why.split(",")[0]


def interval_problem(scenario: Scenario, channel: str, at: dt.datetime) -> str:
    """Why `explain` cannot answer for this channel and time, or "" when it can."""
    live = [str(c.name) for c in scenario.channels if c.kind.is_live]
    if channel not in live:
        return (f"{channel!r} is not a live channel of this scenario; choose one of "
                f"{', '.join(live) or 'none'}")
    settings = scenario.settings
    if not settings.plan_start <= at.date() <= settings.plan_end:
        return (f"{at:%Y-%m-%d} is outside the plan ({settings.plan_start} to "
                f"{settings.plan_end})")
    if minutes(at.time()) % settings.interval_minutes or at.second or at.microsecond:
        return (f"{at:%H:%M} is not the start of an interval; intervals are "
                f"{settings.interval_minutes} minutes from midnight")
    return ""


def headline(explanation: Explanation) -> str:
    row, at = explanation.service, explanation.at
    when = f"{explanation.channel} at {day(at.date())} {at:%H:%M}"
    when = when[0].upper() + when[1:]
    if row is None:
        return f"{when}: no contacts expected and nobody planned."
    return (f"{when}: {count(row.required, 'advisor', 0)} needed, "
            f"{number(row.planned, 0)} planned for {count(row.volume, 'contact', 1)}; "
            f"service level {share(row.service_level)}, average wait {wait(row.asa_seconds)}, "
            f"abandonment {share(row.abandon_rate)}.")


def one_more_words(explanation: Explanation) -> str:
    more, row = explanation.one_more, explanation.service
    return (f"One more on {explanation.channel} then: service level {share(row.service_level)}"
            f" to {share(more.service_level)}, abandonment {share(row.abandon_rate)} to "
            f"{share(more.abandon_rate)}; it saves {money(more.gain)} of contacts let down and "
            f"short cover (the queue carried on from then included), for {money(more.pay)} of "
            "pay.")


def _person_then(view: View, person: Staff, channel: str, day_index: int,
                 moment: int) -> PersonThen:
    found = _at_work(view, person, channel, moment)
    if found is not None:
        doing, why = found
        return PersonThen(person, doing, why)
    code = view.codes[person.staff_id][day_index]
    if code in AWAY_WORDS:
        return PersonThen(person, Doing.AWAY, AWAY_WORDS[code])
    if day_index in view.away.get(person.staff_id, frozenset()):
        return PersonThen(person, Doing.AWAY, "away all day (Absences)")
    pattern = view.shift(person.staff_id, day_index)
    if pattern is not None:
        return PersonThen(person, Doing.NOT_THEN, f"works shift {_shift(pattern)}")
    reasons = _held_off(view, person, day_index, moment)
    if reasons:
        return PersonThen(person, Doing.OFF_HELD, "; ".join(reasons))
    return PersonThen(person, Doing.OFF_FREE, "no rule keeps them off then")


def _at_work(view: View, person: Staff, channel: str, moment: int
             ) -> tuple[Doing, str] | None:
    """What the person's shift (that day's, or the day before's past midnight) has them doing
    at `moment`, or None when no shift of theirs covers it."""
    slot = moment // view.scenario.settings.interval_minutes
    for day_index in (moment // DAY_MINUTES, moment // DAY_MINUTES - 1):
        shift = view.work.shifts.get((person.staff_id, day_index))
        if shift is None or not 0 <= slot - shift.first < len(shift.activity):
            continue
        for absence in view.scenario.absences:
            start, end = absence_span(absence, view.scenario.settings.plan_start)
            if absence.staff_id == person.staff_id and start <= moment < end:
                return Doing.AWAY, f"away then ({absence.kind.value.replace('_', ' ')})"
        index = int(shift.activity[slot - shift.first])
        name = "" if index == IDLE else view.work.names[index]
        worked = f"shift {_shift(shift.pattern)}"
        if name == channel:
            return Doing.ON_CHANNEL, worked
        if name == BREAK:
            return Doing.ON_BREAK, worked
        return Doing.OTHER_WORK, f"on {name or 'nothing'}, {worked}"
    return None


def _held_off(view: View, person: Staff, day_index: int, moment: int) -> list[str]:
    """Why the person is off at `moment`: each rule or limit that a shift covering it would
    break, or that no shift pattern they may work covers it."""
    covering = _covering(view, person, day_index, moment)
    if not covering:
        at = dt.time(moment % DAY_MINUTES // 60, moment % 60)
        weekday = view.days.dates[day_index]
        return [f"no shift pattern they may work covers {at:%H:%M} on {weekday:%A}s"]
    pattern = min(covering, key=lambda p: p.paid_minutes)
    rules, staff_id = view.rules, person.staff_id
    reasons = []
    week = view.days.block_of(view.days.weeks, day_index)
    paid = sum(view.paid_minutes(staff_id, i) for i in week.indices) / 60
    most = min(person.max_hours, rules.max_weekly_hours) * week.scale
    if paid + pattern.paid_minutes / 60 > most + 1e-6:
        reasons.append(f"already paid {hours(paid)} that week; a shift {pattern.code} would "
                       f"take them past their most of {number(most)}")
    worked = view.worked(staff_id)
    days = sum(1 for i in week.indices if worked[i])
    if days + 1 > week.scaled_count(person.max_days_per_week):
        reasons.append(f"already works {count(days, 'day')} that week, their most")
    start = shift_start(pattern, day_index)
    before = view.shift(staff_id, day_index - 1) if day_index > 0 else None
    if before is not None:
        ends = shift_start(before, day_index - 1) + before.length_minutes
        if start - ends < rules.min_rest_hours * 60 - 1e-6:
            reasons.append(f"rest after shift {before.code} the day before (ends "
                           f"{clock(ends % DAY_MINUTES)}): {number(rules.min_rest_hours)} hours "
                           f"of rest run past {clock(minutes(pattern.start))}")
    after = view.shift(staff_id, day_index + 1) if day_index + 1 < len(worked) else None
    if after is not None:
        gap = shift_start(after, day_index + 1) - (start + pattern.length_minutes)
        if gap < rules.min_rest_hours * 60 - 1e-6:
            reasons.append(f"shift {after.code} the day after needs {number(rules.min_rest_hours)}"
                           f" hours' rest before it")
    run = 1 + _run(worked, day_index, -1) + _run(worked, day_index, 1)
    most_days = view.limit(person, "max_consecutive_days")
    if run > most_days:
        reasons.append(f"working would make {run} days in a row; the most is {most_days}")
    reasons += _weekend(view, person, day_index, worked)
    return reasons


def _covering(view: View, person: Staff, day_index: int, moment: int) -> list[ShiftPattern]:
    """The shift patterns the person may work that day that would cover `moment`."""
    allowed = set(person.patterns) or set(view.patterns)
    weekday = view.days.dates[day_index].weekday()
    return [pattern for code, pattern in view.patterns.items()
            if code in allowed and weekday in pattern.days
            and shift_start(pattern, day_index) <= moment
            < shift_start(pattern, day_index) + pattern.length_minutes]


def _run(worked: list[bool], day_index: int, step: int) -> int:
    """Days worked in a row next to `day_index`, going back (step -1) or forward (+1)."""
    length, i = 0, day_index + step
    while 0 <= i < len(worked) and worked[i]:
        length, i = length + 1, i + step
    return length


def _weekend(view: View, person: Staff, day_index: int, worked: list[bool]) -> list[str]:
    weekend = next((w for w in view.days.weekends if day_index in w.days), None)
    if weekend is None or any(worked[i] for i in weekend.days):
        return []  # not a weekend, or one already worked: working more of it adds none
    weekends = [w for w in view.days.weekends if any(worked[i] for i in w.days)]
    if person.max_weekends is not None:
        if len(weekends) >= person.max_weekends:
            return [f"already works {count(len(weekends), 'weekend')} over the plan, "
                    "their most"]
        return []
    block = view.days.block_of(view.days.four_weeks, weekend.days[0])
    mine = [w for w in weekends if w.days[0] in block.indices]
    most = block.scaled_count(view.rules.max_weekends_per_4_weeks)
    if len(mine) >= most:
        return [f"already works {count(len(mine), 'weekend')} in those four weeks, the most"]
    return []


def _one_more(view: View, row: IntervalService | None, channel: str) -> OneMore | None:
    """Service in the interval with one more person on the channel, and what that saves: the
    contacts let down over the whole plan (one more now also shortens the queue carried into
    the intervals after it) and the short cover of the interval."""
    if row is None or row.volume <= 0:
        return None
    scenario = view.scenario
    live = next(c for c in scenario.channels if str(c.name) == channel)
    k = list(view.grid.channels).index(live)
    d, i = view.days.index[row.date], view.grid.starts.index(row.interval_start)
    seconds = scenario.settings.interval_minutes * 60.0
    volume = view.grid.volume[:, :, k].reshape(-1)
    aht = view.grid.aht_seconds[:, :, k].reshape(-1)
    planned = view.work.planned[:, :, k].reshape(-1)
    here = d * view.grid.volume.shape[1] + i
    more = planned.copy()
    more[here] += 1
    rules = scenario.rules
    let_down = []
    for servers in (planned, more):
        figures = carried_figures(volume, seconds, aht, servers * live.concurrency,
                                  live.target_answer_seconds, live.patience_seconds)
        let_down.append(float((volume * (rules.missed_contact_cost
                                         * (1.0 - figures.service_level)
                                         + rules.abandoned_contact_cost
                                         * figures.abandon_rate)).sum()))
        after = figures
    value = float(advisor_value(live, rules, seconds, aht[here]))
    needed = int(view.required[d, i, k])
    fewer_short = float(short_cover_price(rules.short_cover_weight, value, needed, row.planned)
                        - short_cover_price(rules.short_cover_weight, value, needed,
                                            row.planned + 1))
    pay = rules.standard_hourly_cost * scenario.settings.interval_minutes / 60
    return OneMore(float(after.service_level[here]), float(after.abandon_rate[here]),
                   let_down[0] - let_down[1] + fewer_short, pay)


def _shift(pattern: ShiftPattern) -> str:
    return f"{pattern.code} ({pattern.start:%H:%M}-{pattern.end:%H:%M})"
