"""Build the bundled sample scenarios from a UK social-housing provider's published figures.

The big sample, housing-4-weeks.xlsx, is a contact centre of about 30 advisors taking about 6,000
calls a week at today's 12-minute handle time, with an out-of-hours emergency repairs line, a
mutual-exchange team of four, a complaints team and a cover pool, over four weeks with the early May
bank holiday inside. The small sample, housing-1-week.xlsx (and the same as a CSV folder), is one
quiet week for quick trials.

Run `python samples/make_samples.py` to rewrite them; the same code always writes the same content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from planner.calendar import is_working_day
from planner.io import save_scenario
from planner.model import (
    Absence,
    AbsenceKind,
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    Channel,
    ChannelKind,
    ChannelName,
    DeadlineBasis,
    DemandRow,
    Lock,
    PatternCode,
    QueueName,
    Region,
    Rules,
    Scenario,
    Settings,
    ShiftPattern,
    Staff,
    StaffId,
)

SAMPLES = Path(__file__).resolve().parent
BIG_START = dt.date(2027, 4, 26)  # Monday; Monday 3 May 2027 is the early May bank holiday
SMALL_START = dt.date(2027, 6, 7)  # Monday of a week with no bank holiday
INTERVAL = 15
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = (MON, TUE, WED, THU, FRI)
EVERY_DAY = tuple(range(7))

# Calls offered a day on the main line: Monday is the busiest, Saturday morning is short.
VOICE_A_DAY = {MON: 1400, TUE: 1100, WED: 1100, THU: 1100, FRI: 1050, SAT: 200}
MONDAY_SHARE_BEFORE_11 = 1 / 3


# ---- Demand curves ------------------------------------------------------------------------------


def _bump(hour: float, centre: float, width: float) -> float:
    return math.exp(-0.5 * ((hour - centre) / width) ** 2)


def _slots(open_hour: float, close_hour: float) -> list[float]:
    """Mid-points (in hours) of the 15-minute intervals a channel is open."""
    count = round((close_hour - open_hour) * 60 / INTERVAL)
    return [open_hour + (i + 0.5) * INTERVAL / 60 for i in range(count)]


def _spread(total: float, weights: Sequence[float], step: float = 1.0) -> list[float]:
    """Share a day's contacts over its intervals in proportion to `weights`, in whole `step`s.

    Largest-remainder rounding keeps the day's total exact, so the story's figures add up.
    """
    units = round(total / step)
    scale = units / sum(weights)
    raw = [w * scale for w in weights]
    whole = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (whole[i] - raw[i], i))
    for i in by_remainder[: units - sum(whole)]:
        whole[i] += 1
    return [w * step for w in whole]


def _office_day(morning_at: float, morning: float, afternoon_at: float, afternoon: float):
    """The weekday shape: a ramp from 08:00 to a late-morning peak, a lunchtime dip, an afternoon
    bump, and a tail-off to 18:00 (peak times in hours, sizes relative to the steady trickle)."""
    return [
        0.35
        + morning * _bump(h, morning_at, 1.2)
        + afternoon * _bump(h, afternoon_at, 1.2)
        - 0.15 * _bump(h, 12.9, 0.5)
        - 0.2 * _bump(h, 18.0, 0.6)
        for h in _slots(8.0, 18.0)
    ]


def _monday_day() -> list[float]:
    """Monday's big morning, with an afternoon sized so that a third of the calls come by 11:00."""
    morning_only = _office_day(10.75, 1.3, 14.75, 0.0)
    afternoon = [_bump(h, 14.75, 1.2) for h in _slots(8.0, 18.0)]
    before_11 = 12  # intervals from 08:00 to 11:00
    share = MONDAY_SHARE_BEFORE_11
    size = (share * sum(morning_only) - sum(morning_only[:before_11])) / (
        sum(afternoon[:before_11]) - share * sum(afternoon)
    )
    return [m + size * a for m, a in zip(morning_only, afternoon, strict=True)]


def _rows(channel: str, open_hour: float, volumes: Iterable[float], **when) -> list[DemandRow]:
    rows = []
    for i, volume in enumerate(volumes):
        minutes = round(open_hour * 60) + i * INTERVAL
        start = dt.time(minutes // 60 % 24, minutes % 60)
        rows.append(DemandRow(ChannelName(channel), start, float(volume), **when))
    return rows


def _office_shapes() -> dict[int, list[float]]:
    return {
        MON: _monday_day(),
        TUE: _office_day(11.0, 1.0, 14.75, 0.6),
        WED: _office_day(11.0, 0.9, 14.75, 0.6),
        THU: _office_day(11.0, 0.9, 14.5, 0.7),
        FRI: _office_day(11.0, 0.7, 14.25, 1.0),  # Friday's second peak after 13:00
    }


def _saturday_shape() -> list[float]:
    return [0.5 + _bump(h, 10.2, 0.9) for h in _slots(9.0, 12.0)]


def contact_demand(
    calls_scale: float = 1.0,
    walk_ins_scale: float = 1.0,
    emails_a_day: float = 150.0,
    saturday: bool = True,
) -> list[DemandRow]:
    """Voice, chat, reception and email by weekday; the scales shrink them for a smaller team.

    Chat is a quarter of the calls with a flatter shape; walk-ins come a few an hour with a
    lunchtime bump; email lands mostly in the morning.
    """
    rows: list[DemandRow] = []
    counter = [1.0 + 0.6 * _bump(h, 12.5, 1.2) for h in _slots(9.0, 17.0)]
    inbox = [0.6 + _bump(h, 9.0, 1.5) + 0.5 * _bump(h, 14.0, 2.0) for h in _slots(8.0, 18.0)]
    for day, shape in _office_shapes().items():
        calls = VOICE_A_DAY[day] * calls_scale
        rows += _rows("voice", 8.0, _spread(calls, shape), weekday=day)
        chat_shape = [0.6 * w + 0.4 * sum(shape) / len(shape) for w in shape]
        rows += _rows("chat", 8.0, _spread(calls / 4, chat_shape), weekday=day)
        walk_ins = (30 if day == MON else 24) * walk_ins_scale
        rows += _rows("reception", 9.0, _spread(walk_ins, counter, step=0.25), weekday=day)
        rows += _rows("email", 8.0, _spread(emails_a_day, inbox), weekday=day)
    if saturday:
        calls = VOICE_A_DAY[SAT] * calls_scale
        rows += _rows("voice", 9.0, _spread(calls, _saturday_shape()), weekday=SAT)
        rows += _rows("chat", 9.0, _spread(calls / 4, _saturday_shape()), weekday=SAT)
    return rows


def emergency_repairs_demand() -> list[DemandRow]:
    """A few calls an hour from 18:00 to 08:00 every night: busier evenings, quiet small hours."""
    evening = [0.5] * 16  # 18:00-22:00, 2 an hour
    night = [0.25] * 32  # 22:00-06:00, 1 an hour
    early = [0.5] * 8  # 06:00-08:00, 2 an hour
    rows = []
    for day in EVERY_DAY:
        rows += _rows("emergency_repairs", 18.0, evening + night + early, weekday=day)
    return rows


def day_after_bank_holiday(date: dt.date) -> list[DemandRow]:
    """Tuesday after the bank holiday takes Monday's shape and then some: 1,500 calls."""
    return _rows("voice", 8.0, _spread(1500, _monday_day()), date=date)


# ---- Channels, patterns, queues -----------------------------------------------------------------


def channels(out_of_hours: bool = True) -> tuple[Channel, ...]:
    """The ways tenants get in touch, with today's handle times and the targets the sector sets:
    wait under 4 minutes, abandonment under 10%, average time to answer 2 minutes."""
    found = [
        Channel(ChannelName("voice"), ChannelKind.VOICE, aht_seconds=720.0,
                target_answer_seconds=240.0, service_level_target=0.8, max_abandon_rate=0.1,
                patience_seconds=2400.0, max_asa_seconds=120.0),
        Channel(ChannelName("chat"), ChannelKind.CHAT, aht_seconds=900.0,
                target_answer_seconds=120.0, service_level_target=0.8, max_abandon_rate=0.1,
                patience_seconds=600.0, concurrency=2),
        Channel(ChannelName("reception"), ChannelKind.RECEPTION, aht_seconds=600.0,
                target_answer_seconds=600.0, service_level_target=0.8, max_abandon_rate=0.05,
                patience_seconds=5400.0),
        Channel(ChannelName("email"), ChannelKind.EMAIL, aht_seconds=420.0,
                target_answer_seconds=86400.0, service_level_target=0.9),
    ]
    if out_of_hours:
        found.append(
            Channel(ChannelName("emergency_repairs"), ChannelKind.VOICE, aht_seconds=480.0,
                    target_answer_seconds=240.0, service_level_target=0.8, max_abandon_rate=0.1,
                    patience_seconds=1800.0, open_on_bank_holidays=True)
        )
    return tuple(found)


def _pattern(code: str, start: str, end: str, unpaid_break: int, days) -> ShiftPattern:
    return ShiftPattern(
        PatternCode(code), dt.time.fromisoformat(start), dt.time.fromisoformat(end),
        unpaid_break, tuple(days),
    )


def patterns(out_of_hours: bool = True) -> tuple[ShiftPattern, ...]:
    """Early, day and late shifts, part-time halves, Saturday morning, back office, and the
    out-of-hours evening and night shifts that cross midnight."""
    found = [
        _pattern("E", "08:00", "16:00", 30, WEEKDAYS),
        _pattern("D", "09:00", "17:00", 30, WEEKDAYS),
        _pattern("L", "10:00", "18:00", 30, WEEKDAYS),
        _pattern("AM", "08:00", "13:00", 0, WEEKDAYS),
        _pattern("PM", "13:00", "18:00", 0, WEEKDAYS),
        _pattern("SAT", "08:45", "12:15", 0, (SAT,)),
        _pattern("BO", "09:00", "17:00", 30, WEEKDAYS),
    ]
    if out_of_hours:
        found += [
            _pattern("OOH-EVE", "17:30", "01:30", 30, EVERY_DAY),
            _pattern("OOH-NIGHT", "22:00", "08:00", 30, EVERY_DAY),
        ]
    return tuple(found)


# Customers chase cases they hear nothing about, and each chase is an avoidable call. A mutual
# exchange customer starts ringing after two weeks, about once a fortnight (0.1 calls a working
# day), and every other day once the 42 days have passed; a 5-minute update call each week halves
# that. A complainant rings once a week after 5 days, and every day once the deadline has passed.
MUTUAL_EXCHANGE = CaseQueue(QueueName("mutual_exchange"), effort_minutes=225.0, deadline_days=42,
                            deadline_basis=DeadlineBasis.CALENDAR, target_on_time=0.95,
                            chase_channel=ChannelName("voice"), chase_after_days=14,
                            chase_rate=0.1, overdue_chase_rate=0.5, update_effort_minutes=5.0,
                            update_cuts_chasing=0.5)
COMPLAINTS = CaseQueue(QueueName("complaints"), effort_minutes=105.0, deadline_days=10,
                       deadline_basis=DeadlineBasis.WORKING, target_on_time=0.9,
                       chase_channel=ChannelName("voice"), chase_after_days=5, chase_rate=0.2,
                       overdue_chase_rate=1.0)

# New cases a working day: Monday brings the weekend's applications and complaints.
MUTUAL_EXCHANGE_A_DAY = {MON: 6.0, TUE: 5.0, WED: 5.0, THU: 4.0, FRI: 4.0}
COMPLAINTS_A_DAY = {MON: 9.0, TUE: 7.0, WED: 7.0, THU: 6.0, FRI: 6.0}


def arrivals(queue: CaseQueue, a_day: dict[int, float]) -> list[CaseArrival]:
    return [CaseArrival(queue.name, cases, weekday=day) for day, cases in a_day.items()]


def open_backlog(
    queue: CaseQueue, a_day: dict[int, float], start: dt.date, lookback_days: int, region: Region
) -> list[BacklogEntry]:
    """Cases still open at plan start: most of the recent ones, few of the old ones.

    Each working day of the look-back leaves a share of its arrivals open, falling from nine in ten
    (opened last week) to one in ten (opened at the edge of the look-back), so the oldest few are
    close to their deadline on the first days of the plan.
    """
    entries = []
    for back in range(lookback_days, 0, -1):
        opened = start - dt.timedelta(days=back)
        if not is_working_day(opened, region):
            continue
        still_open = 0.9 - 0.8 * (back - 1) / (lookback_days - 1)
        count = round(a_day[opened.weekday()] * still_open)
        if count:
            entries.append(BacklogEntry(queue.name, opened, count))
    return entries


# ---- People -------------------------------------------------------------------------------------

VCE = ("voice", "chat", "email")
CONTRACTS = {  # contract hours, min hours, max hours, max days a week
    "FT": (37.5, 35.0, 40.0, 5),
    "PT22": (22.5, 20.0, 25.0, 4),
    "PT18": (18.0, 15.0, 20.0, 4),
}
ADVISOR_PATTERNS = {
    "FT": ("E", "D", "L", "SAT"),
    "PT22": ("E", "D", "L", "AM", "PM", "SAT"),
    "PT18": ("AM", "PM", "SAT"),
}
RECEPTION_PATTERNS = {"FT": ("D",), "PT22": ("D", "AM", "PM"), "PT18": ("AM", "PM")}

# id, name, skills, contract, hourly cost (GBP): most advisors are multi-skilled, a few are not.
CONTACT_CENTRE = (
    ("CC01", "Sam Hughes", VCE, "FT", 13.40),
    ("CC02", "Priya Shah", VCE, "FT", 14.20),
    ("CC03", "Tom Whitfield", VCE, "FT", 13.40),
    ("CC04", "Aisha Begum", VCE, "FT", 14.20),
    ("CC05", "Gareth Jones", VCE, "FT", 13.40),
    ("CC06", "Chloe Evans", VCE, "PT22", 13.40),
    ("CC07", "Daniel Murphy", VCE, "FT", 13.40),
    ("CC08", "Hannah Clarke", VCE, "FT", 13.40),
    ("CC09", "Mohammed Iqbal", VCE, "FT", 13.40),
    ("CC10", "Rebecca Taylor", VCE, "PT22", 13.40),
    ("CC11", "Liam O'Connor", VCE, "FT", 13.40),
    ("CC12", "Sophie Turner", VCE, "FT", 13.40),
    ("CC13", "Jamal Williams", VCE, "FT", 13.40),
    ("CC14", "Emma Robinson", VCE, "PT18", 13.40),
    ("CC15", "Callum Fraser", VCE, "FT", 13.40),
    ("CC16", "Nadia Hussain", VCE, "FT", 13.40),
    ("CC17", "Rhys Davies", VCE, "FT", 13.40),
    ("CC18", "Grace Bennett", ("voice", "chat"), "PT22", 13.10),
    ("CC19", "Oliver Patel", ("voice", "chat"), "FT", 13.10),
    ("CC20", "Megan Lewis", ("voice",), "FT", 12.85),
    ("CC21", "Kwame Mensah", ("voice",), "FT", 12.85),
    ("CC22", "Lucy Marshall", ("voice",), "PT18", 12.85),
    ("CC23", "Ben Cartwright", ("voice",), "FT", 12.85),
    ("CC24", "Zara Ahmed", ("voice", "reception"), "FT", 13.10),
    ("CC25", "Josh Kelly", ("voice", "reception"), "FT", 13.10),
    ("CC26", "Fiona Campbell", ("voice", "reception"), "PT22", 13.10),
    ("CC27", "Harvey Brooks", ("reception",), "FT", 12.85),
    ("CC28", "Amelia Wright", ("reception",), "PT18", 12.85),
    ("CC29", "Ryan Doyle", ("chat",), "FT", 12.85),
    ("CC30", "Jade Thompson", ("chat",), "PT22", 12.85),
)
OUT_OF_HOURS = (("OOH1", "Dave Spencer"), ("OOH2", "Kerry Walsh"))
MUTUAL_EXCHANGE_TEAM = (
    ("ME1", "Helen Price"),
    ("ME2", "Marcus Reid"),
    ("ME3", "Joanne Fletcher"),
    ("ME4", "Imran Malik"),
)
COMPLAINTS_TEAM = (
    ("CO1", "Claire Morgan", "FT", 16.60), ("CO2", "Steven Barker", "FT", 16.20),
    ("CO3", "Ruth Adeyemi", "PT22", 16.20),
)
COVER_POOL = (  # trained staff from other teams who step in at high volume or during absence
    ("CV1", "Paul Gregory", "Lettings", ("mutual_exchange",), 18.50),
    ("CV2", "Natalie Shaw", "Tenancy sustainment", ("mutual_exchange", "complaints"), 19.20),
    ("CV3", "Adam Nowak", "Income", ("complaints",), 18.50),
)


def _person(staff_id, name, team, skills, contract, cost, patterns, cover=False) -> Staff:
    hours, least, most, days = CONTRACTS[contract]
    return Staff(
        StaffId(staff_id), name, team, tuple(skills), hours, least, most, days,
        cover=cover, hourly_cost=cost, patterns=tuple(PatternCode(p) for p in patterns),
    )


def advisor(staff_id, name, skills, contract, cost) -> Staff:
    """A contact-centre advisor; reception specialists work the counter's hours only."""
    allowed = RECEPTION_PATTERNS if skills == ("reception",) else ADVISOR_PATTERNS
    return _person(staff_id, name, "Contact centre", skills, contract, cost, allowed[contract])


def cover_person(staff_id, name, team, skills, cost) -> Staff:
    """Cover from another team: no hours owed to this plan, up to two days a week when asked."""
    return Staff(
        StaffId(staff_id), name, team, tuple(skills), contract_hours=0.0, min_hours=0.0,
        max_hours=15.0, max_days_per_week=2, cover=True, hourly_cost=cost,
        patterns=(PatternCode("BO"),),
    )


def big_staff() -> tuple[Staff, ...]:
    people = [advisor(*row) for row in CONTACT_CENTRE]
    people += [
        _person(i, n, "Out of hours", ("emergency_repairs",), "FT", 15.40, ("OOH-EVE", "OOH-NIGHT"))
        for i, n in OUT_OF_HOURS
    ]
    people += [
        _person(i, n, "Mutual exchange", ("mutual_exchange",), "FT", 15.80, ("BO",))
        for i, n in MUTUAL_EXCHANGE_TEAM
    ]
    people += [
        _person(i, n, "Complaints", ("complaints",), c, cost, ("BO",))
        for i, n, c, cost in COMPLAINTS_TEAM
    ]
    people += [cover_person(*row) for row in COVER_POOL]
    return tuple(people)


def _off(staff_id, first: str, last: str, kind=AbsenceKind.ANNUAL_LEAVE, times=None) -> Absence:
    start_time, end_time = (dt.time.fromisoformat(t) for t in times) if times else (None, None)
    return Absence(
        StaffId(staff_id), dt.date.fromisoformat(first), dt.date.fromisoformat(last), kind,
        start_time, end_time,
    )


def big_absences() -> tuple[Absence, ...]:
    sick, training = AbsenceKind.SICKNESS, AbsenceKind.TRAINING
    return (
        _off("CC01", "2027-05-10", "2027-05-21"),  # Sam's two weeks
        _off("ME2", "2027-05-10", "2027-05-14"),  # two mutual-exchange officers off the same week
        _off("ME3", "2027-05-10", "2027-05-14"),
        _off("CC05", "2027-04-30", "2027-04-30"),  # a long bank-holiday weekend
        _off("CC09", "2027-04-26", "2027-04-30"),
        _off("CC14", "2027-05-04", "2027-05-07"),
        _off("CC17", "2027-05-17", "2027-05-19"),
        _off("CC21", "2027-05-20", "2027-05-21"),
        _off("CC27", "2027-05-07", "2027-05-07"),
        _off("CO2", "2027-05-04", "2027-05-05"),
        _off("CV1", "2027-05-17", "2027-05-21"),
        _off("CC07", "2027-04-26", "2027-04-27", sick),
        _off("CC20", "2027-05-12", "2027-05-12", sick),
        _off("CC03", "2027-05-05", "2027-05-05", training, ("09:00", "13:00")),
    )


def big_locks() -> tuple[Lock, ...]:
    """The team leader's fixed choices: who opens the first Monday, and a promised day off."""
    return (
        Lock(StaffId("CC04"), dt.date(2027, 4, 26), "E"),
        Lock(StaffId("CC12"), dt.date(2027, 5, 7), "OFF"),
    )


# ---- The two scenarios --------------------------------------------------------------------------


def housing_4_weeks() -> Scenario:
    """Four weeks of a housing contact centre and its case teams, early May bank holiday inside."""
    region = Region.ENGLAND_AND_WALES
    demand = contact_demand() + emergency_repairs_demand()
    demand += day_after_bank_holiday(dt.date(2027, 5, 4))
    return Scenario(
        settings=Settings(BIG_START, 28, INTERVAL, region, shrinkage=0.3),
        channels=channels(),
        demand=tuple(demand),
        staff=big_staff(),
        patterns=patterns(),
        absences=big_absences(),
        case_queues=(MUTUAL_EXCHANGE, COMPLAINTS),
        case_arrivals=tuple(
            arrivals(MUTUAL_EXCHANGE, MUTUAL_EXCHANGE_A_DAY)
            + arrivals(COMPLAINTS, COMPLAINTS_A_DAY)
        ),
        backlog=tuple(
            open_backlog(MUTUAL_EXCHANGE, MUTUAL_EXCHANGE_A_DAY, BIG_START, 42, region)
            + open_backlog(COMPLAINTS, COMPLAINTS_A_DAY, BIG_START, 14, region)
        ),
        rules=Rules(),
        locks=big_locks(),
    )


# No shrinkage here: rounding each quarter-hour up after shrinkage turns every one-person channel
# into two, which no team of ten can give; this sample is for seeing a rota that covers the work.
SMALL_SHRINKAGE = 0.0
SMALL_CALLS_SCALE = 0.07
SMALL_WALK_INS_SCALE = 0.5
SMALL_EMAILS = 30.0
SMALL_TEAM = (
    ("A01", "Sam Hughes", VCE, "FT", 13.40),
    ("A02", "Priya Shah", VCE, "FT", 14.20),
    ("A03", "Tom Whitfield", VCE, "FT", 13.40),
    ("A04", "Aisha Begum", VCE, "FT", 14.20),
    ("A05", "Chloe Evans", VCE, "PT22", 13.40),
    ("A06", "Rebecca Taylor", VCE, "FT", 13.40),
    ("A07", "Megan Lewis", ("voice",), "FT", 12.85),
    ("A08", "Zara Ahmed", ("voice", "reception"), "FT", 13.10),
    ("A09", "Harvey Brooks", ("reception",), "PT22", 12.85),
    ("A10", "Jade Thompson", ("chat",), "PT22", 12.85),
)


def housing_1_week() -> Scenario:
    """One quiet June week: ten advisors, two mutual-exchange officers, one cover, no Saturday."""
    region = Region.ENGLAND_AND_WALES
    small_a_day = {day: cases / 2 for day, cases in MUTUAL_EXCHANGE_A_DAY.items()}
    weekdays_only = [advisor(*row) for row in SMALL_TEAM]
    staff = [replace(a, patterns=tuple(p for p in a.patterns if p != "SAT")) for a in weekdays_only]
    staff += [
        _person(i, n, "Mutual exchange", ("mutual_exchange",), "FT", 15.80, ("BO",))
        for i, n in MUTUAL_EXCHANGE_TEAM[:2]
    ]
    staff.append(cover_person(*COVER_POOL[0]))
    return Scenario(
        settings=Settings(SMALL_START, 7, INTERVAL, region, shrinkage=SMALL_SHRINKAGE),
        channels=channels(out_of_hours=False),
        demand=tuple(
            contact_demand(SMALL_CALLS_SCALE, SMALL_WALK_INS_SCALE, SMALL_EMAILS, saturday=False)
        ),
        staff=tuple(staff),
        patterns=tuple(p for p in patterns(out_of_hours=False) if p.code != "SAT"),
        absences=(
            _off("A03", "2027-06-10", "2027-06-11"),
            _off("A02", "2027-06-09", "2027-06-09", AbsenceKind.TRAINING, ("13:00", "17:00")),
        ),
        case_queues=(MUTUAL_EXCHANGE,),
        case_arrivals=tuple(arrivals(MUTUAL_EXCHANGE, small_a_day)),
        backlog=tuple(open_backlog(MUTUAL_EXCHANGE, small_a_day, SMALL_START, 42, region)),
        rules=Rules(),
    )


def write_samples(folder: Path = SAMPLES) -> list[Path]:
    """Write both samples (and the small one as a CSV folder) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    small = housing_1_week()
    written = [
        folder / "housing-4-weeks.xlsx",
        folder / "housing-1-week.xlsx",
        folder / "housing-1-week-csv",
    ]
    save_scenario(housing_4_weeks(), written[0])
    save_scenario(small, written[1])
    save_scenario(small, written[2])
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rewrite the bundled sample scenarios.")
    parser.add_argument("--out", type=Path, default=SAMPLES, help="folder to write them into")
    args = parser.parse_args(argv)
    for path in write_samples(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
