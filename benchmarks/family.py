"""A seeded family of varied contact centres, for measuring the solver on the shapes centres take.

    for name, scenario in family(seed=0):   # 26 cases; the same seed gives the same family
        ...

Each case is one of the templates below, which fixes what the case is there to cover; the
numbers within it (head count, start date, handle times, service targets, contracts, skills,
volumes, leave, locks, requests) are drawn from `random.Random(seed)` within sensible ranges.
A case's name says what it is: `f07-housing-120x4w-30min-nightline` would be case 7, a housing
provider's centre of 120 staff over 4 weeks in 30-minute intervals, with an out-of-hours line.
Each case is meant to be solved in `SECONDS` (60 s).

What the family spans, case by case:
- size: 10 to 300 staff; length: 1 to 6 weeks; intervals of 15, 30 and 60 minutes;
- channels: voice only, voice and chat, voice with reception and email, and so on, with no case
  queues or with one to three (benefit claims, complaints, insurance claims, ...) whose waiting
  customers chase on the voice line;
- out-of-hours lines (emergency repairs, fraud, leaks, a helpline) open from the evening into
  the next morning, worked on shifts that end after midnight; centres open every day and night;
- Saturday and Sunday opening, with weekend shifts and, in some, at most two or three weekends
  worked in four;
- teams from mostly full-time to mostly part-time (4- and 5-hour shifts), some on four 10-hour
  days; specialists on one channel against advisors skilled for every channel, and a few day
  advisors who also take evenings on the out-of-hours line;
- case-heavy back offices, where most staff work case queues with deadlines in working days;
- cover pools: staff from other teams (`cover`), owed no hours, who step in for case work;
- load: the work the demand brings against the staff's contracted hours net of shrinkage, from
  comfortable (about half) to overloaded (half as much again as the hours);
- bank holidays: the plan's dates are drawn to span a named holiday of the region's real
  calendar (Easter, the May and August bank holidays, Christmas, New Year, Scotland's summer
  holiday, Northern Ireland's Twelfth) or to span none; channels close on them (out-of-hours
  lines and round-the-clock centres stay open) and the next working day's calls rise;
- leave: a week's annual leave for about one person in eight, a few sick days and half-days of
  training, and in some a clash (nearly a third of one team away the same week);
- a team leader's locked cells (a shift or OFF), shift requests (want or avoid, any shift or one
  pattern), and in some centres open into the evening a late shift that may not be followed by
  the next day's earliest.

`generated_centre` (centres.py), the 4-week housing sample scaled, is one case of the family.
The others are built by family_staff.py (shift patterns, people, leave, locks and requests) and
family_work.py (channels, contacts and case queues) from the sample's own pieces
(samples/make_samples.py: its channels, demand curves, case queues, backlog and cover staff).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks import family_staff, family_work
from benchmarks.centres import generated_centre
from planner.calendar import bank_holidays
from planner.model import ForbiddenSequence, Region, Rules, Scenario, Settings

SECONDS = 60.0  # the time limit each case is meant to be solved in
ENGLAND, SCOTLAND, NI = Region.ENGLAND_AND_WALES, Region.SCOTLAND, Region.NORTHERN_IRELAND


@dataclass(frozen=True)
class Template:
    """What one case of the family is; ranges are drawn from, hours are whole hours."""

    sector: str
    tag: str
    staff: tuple[int, int]
    weeks: int
    interval: int
    live: tuple[str, ...] = ("voice",)  # day channels: voice, chat, reception
    email: bool = False
    hours: tuple[int, int] = (8, 18)  # weekday opening
    saturday: tuple[int, int] | None = None
    sunday: tuple[int, int] | None = None
    counter: tuple[int, int] = (9, 17)  # reception's weekday opening
    night: tuple[str, int, int] | None = None  # out-of-hours line: name, opens, closes next day
    night_on: int = 0  # people on the out-of-hours line at once (0: by the centre's size)
    queues: tuple[str, ...] = ()
    case_share: float = 0.0  # of the staff (cover and out-of-hours aside), on case work
    cover: int = 0
    load: tuple[float, float] = (0.65, 0.8)  # work / contracted hours net of shrinkage
    part_time: tuple[float, float] = (0.2, 0.35)
    multi_skilled: tuple[float, float] = (0.5, 0.75)
    long_days: bool = False  # 10-hour weekday shifts, four a week for some
    weekend_share: float = 0.6  # of day staff, who work weekends
    weekends: int = 4  # the most weekends worked in any four weeks
    bank_holiday_open: bool = False  # whether the day channels stay open on bank holidays
    holiday: str | None = None  # a bank holiday the plan spans (None: a plan with none)
    region: Region = ENGLAND
    clash: bool = False
    locks: tuple[int, int] = (0, 2)
    requests: tuple[int, int] = (0, 4)
    rush: bool = False  # the phones' rush at opening, as at a GP surgery at 08:00
    shrinkage: tuple[float, float] = (0.25, 0.35)


SCALED_SAMPLE = "scaled sample"  # a case made by generated_centre
TEMPLATES: tuple[Template | str, ...] = (
    Template("district-council", "voice-only", (10, 12), 1, 15, hours=(9, 17), load=(0.45, 0.6),
             part_time=(0.0, 0.1), shrinkage=(0.1, 0.2)),
    Template("gp-surgery", "part-time", (12, 16), 2, 15, part_time=(0.7, 0.85), rush=True,
             holiday="Easter Monday", requests=(2, 6), shrinkage=(0.1, 0.2)),
    SCALED_SAMPLE,
    Template("energy", "overloaded", (110, 140), 2, 30, live=("voice", "chat"), hours=(8, 20),
             saturday=(9, 17), load=(1.35, 1.6), part_time=(0.05, 0.15), long_days=True),
    Template("bank", "fraudline-specialists", (180, 220), 1, 15, live=("voice", "chat"),
             email=True, hours=(8, 20), saturday=(9, 17), sunday=(10, 16),
             night=("fraud_line", 20, 8), multi_skilled=(0.1, 0.25), weekend_share=0.8),
    Template("urgent-care", "24x7", (70, 90), 4, 30, hours=(8, 20), saturday=(8, 20),
             sunday=(8, 20), night=("night_line", 20, 8), long_days=True, weekend_share=0.9,
             weekends=3, bank_holiday_open=True, holiday="Spring Bank Holiday"),
    Template("housing", "nightline", (110, 130), 4, 30, live=("voice", "chat", "reception"),
             email=True, saturday=(9, 13), night=("emergency_repairs", 18, 8),
             queues=("mutual_exchange", "complaints"), case_share=0.12, cover=3,
             holiday="Late Summer Bank Holiday"),
    Template("revenues-benefits", "case-heavy", (55, 70), 6, 60, email=True, hours=(9, 17),
             queues=("benefit_claims", "council_tax", "change_of_circumstances"),
             case_share=0.7, cover=2, clash=True, holiday="Spring Bank Holiday"),
    Template("water", "incident", (300, 300), 2, 15, live=("voice", "chat"), email=True,
             hours=(8, 20), saturday=(9, 17), night=("leak_line", 20, 8), load=(1.3, 1.5)),
    Template("retail", "christmas", (80, 100), 3, 30, live=("voice", "chat"), email=True,
             hours=(8, 20), saturday=(9, 18), sunday=(10, 16), part_time=(0.55, 0.7),
             weekend_share=0.85, weekends=2, holiday="Christmas Day"),
    Template("university", "clearing-overloaded", (35, 45), 2, 15, live=("voice", "chat"),
             email=True, hours=(8, 20), saturday=(9, 13), load=(1.4, 1.7),
             holiday="Late Summer Bank Holiday"),
    Template("council", "scotland", (25, 35), 4, 60, live=("voice", "reception"), email=True,
             hours=(9, 17), queues=("council_tax",), case_share=0.25,
             holiday="Summer Bank Holiday", region=SCOTLAND),
    Template("housing-executive", "twelfth-leave-clash", (45, 60), 3, 30, email=True,
             night=("emergency_repairs", 17, 9), queues=("repairs_orders",), case_share=0.25,
             clash=True, holiday="Battle of the Boyne", region=NI),
    Template("insurance", "leave-clash", (60, 80), 4, 15, email=True, hours=(8, 20),
             saturday=(9, 13), queues=("claims",), case_share=0.35, clash=True, locks=(5, 8),
             requests=(8, 14)),
    Template("housing-association", "locks-requests", (20, 28), 2, 15,
             live=("voice", "reception"), email=True, locks=(10, 14), requests=(18, 26)),
    Template("pensions", "back-office", (12, 15), 6, 60, email=True, hours=(9, 17),
             queues=("transfers", "complaints"), case_share=0.6, load=(0.5, 0.65),
             shrinkage=(0.15, 0.25)),
    Template("telecoms", "outage", (230, 260), 1, 15, live=("voice", "chat"), hours=(8, 21),
             saturday=(8, 21), sunday=(9, 18), load=(1.4, 1.7), weekend_share=0.8),
    Template("county-council", "easter", (140, 170), 6, 30, live=("voice", "reception"),
             email=True, queues=("complaints", "foi_requests"), case_share=0.15, cover=4,
             holiday="Good Friday", locks=(4, 8), requests=(6, 12)),
    Template("travel", "24x7", (90, 110), 2, 60, live=("voice", "chat"), email=True,
             hours=(7, 22), saturday=(8, 20), sunday=(8, 20), night=("night_desk", 22, 7),
             long_days=True, weekend_share=0.8, bank_holiday_open=True),
    Template("helpline", "evening-line", (18, 24), 4, 30, live=("voice", "chat"), hours=(9, 17),
             night=("helpline", 17, 1), night_on=2, part_time=(0.45, 0.6)),
    Template("tax", "new-year-peak", (170, 200), 4, 30, live=("voice", "chat"), email=True,
             hours=(8, 20), saturday=(8, 16), queues=("account_changes",), case_share=0.1,
             load=(1.45, 1.7), holiday="New Year's Day (observed)"),
    Template("vet-insurance", "multi-skilled", (30, 40), 5, 15, email=True, hours=(8, 20),
             queues=("claims",), case_share=0.2, multi_skilled=(0.85, 0.95), long_days=True),
    Template("leisure", "weekend", (14, 18), 1, 60, live=("voice", "chat"), hours=(9, 17),
             saturday=(8, 18), sunday=(9, 17), load=(0.45, 0.6), weekend_share=0.9,
             shrinkage=(0.15, 0.25)),
    Template("smart-meters", "comfortable", (95, 110), 3, 60, email=True, hours=(8, 20),
             saturday=(9, 17), queues=("account_changes",), case_share=0.2, cover=3,
             load=(0.45, 0.6), holiday="May Day"),
    Template("hospital", "switchboard-24x7", (40, 50), 1, 15, saturday=(9, 17), sunday=(9, 17),
             night=("switchboard_night", 18, 8), weekend_share=0.7, bank_holiday_open=True),
    Template("council", "out-of-hours", (10, 14), 2, 30, hours=(9, 17),
             night=("out_of_hours", 17, 9), night_on=1, cover=1, shrinkage=(0.15, 0.25)),
)


def family(seed: int = 0) -> list[tuple[str, Scenario]]:
    """Every case of the family, named, drawn from `seed`: the same seed, the same family."""
    rng = random.Random(seed)
    seeds = [rng.getrandbits(32) for _ in TEMPLATES]  # each case its own draws
    return [_scaled_sample(number, random.Random(case_seed)) if template == SCALED_SAMPLE
            else _centre(number, template, random.Random(case_seed))
            for number, (template, case_seed) in enumerate(zip(TEMPLATES, seeds, strict=True), 1)]


def _scaled_sample(number: int, rng: random.Random) -> tuple[str, Scenario]:
    """The 4-week housing sample scaled: early May bank holiday, a night line, cover, cases."""
    staff = rng.randint(45, 75)
    return (f"f{number:02d}-housing-{staff}x4w-15min-sample-scaled",
            generated_centre(staff, 4, seed=rng.randrange(10_000)))


def _centre(number: int, t: Template, rng: random.Random) -> tuple[str, Scenario]:
    size = rng.randint(*t.staff)
    start = _start(t, rng)
    days = 7 * t.weeks
    shrinkage = round(rng.uniform(*t.shrinkage), 2)
    shifts = family_staff.shift_patterns(t)
    team = family_staff.people(t, size, shifts, rng)
    channels = family_work.channels(t, rng)
    load = rng.uniform(*t.load)

    def net(people) -> float:
        return sum(p.contract_hours for p in people) * (1 - shrinkage)

    demand = family_work.contacts(t, channels, load * net(team.advisors),
                                  0.5 * load * net(team.night), rng)
    demand += family_work.after_bank_holidays(demand, channels, start, days, t.region)
    queues, arrivals, backlog = [], [], []
    for name, officers in team.officers.items():
        queue, new, old = family_work.casework(name, load * net(officers), start, t.region, rng)
        queues.append(queue)
        arrivals += new
        backlog += old
    people = team.advisors + team.night + [p for o in team.officers.values() for p in o]
    people += team.cover
    by_code = {p.code: p for p in shifts.patterns}
    absences = family_staff.absences(t, people, start, days, rng)
    locks = family_staff.locks(people, by_code, absences, start, days, rng.randint(*t.locks), rng)
    requests = family_staff.requests(people, by_code, absences, locks, start, days,
                                     rng.randint(*t.requests), rng)
    # a late shift ending at 20:00 or after may not be followed by the earliest, in some
    late_then_early = t.hours[1] >= 20 and rng.random() < 0.5
    scenario = Scenario(
        settings=Settings(start, days, t.interval, t.region, shrinkage),
        channels=channels,
        demand=tuple(demand),
        staff=tuple(people),
        patterns=shifts.patterns,
        absences=tuple(absences),
        case_queues=tuple(queues),
        case_arrivals=tuple(arrivals),
        backlog=tuple(backlog),
        rules=Rules(max_weekends_per_4_weeks=t.weekends),
        locks=tuple(locks),
        forbidden_sequences=((ForbiddenSequence(shifts.full[-1], shifts.full[0]),)
                             if late_then_early else ()),
        shift_requests=tuple(requests),
    )
    return f"f{number:02d}-{t.sector}-{size}x{t.weeks}w-{t.interval}min-{t.tag}", scenario


# ---- Dates ---------------------------------------------------------------------------------------


def _start(t: Template, rng: random.Random) -> dt.date:
    """A Monday in 2027 or 2028 whose plan spans the template's bank holiday, or spans none."""
    years = [2027, 2028]
    rng.shuffle(years)
    if t.holiday:
        for year in years:
            found = [day for day, name in bank_holidays(t.region, dt.date(year, 1, 1),
                                                        dt.date(year, 12, 31)).items()
                     if name == t.holiday]
            if found:
                monday = found[0] - dt.timedelta(days=found[0].weekday())
                return monday - dt.timedelta(days=7 * rng.randrange(t.weeks))
        raise ValueError(f"no {t.holiday} in {years} for {t.region}")
    first = dt.date(years[0], 1, 4)
    first -= dt.timedelta(days=first.weekday())
    for _ in range(500):
        start = first + dt.timedelta(days=7 * rng.randrange(52 - t.weeks))
        if not bank_holidays(t.region, start, start + dt.timedelta(days=7 * t.weeks - 1)):
            return start
    raise ValueError(f"no {t.weeks}-week plan without a bank holiday found")
