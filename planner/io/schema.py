"""The scenario format: every sheet and column, its unit, default, allowed range and meaning.

This one description drives the reader (what a cell must hold), the template's notes and the
format document, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a cell holds, in the words a person filling the sheet would use."""

    TEXT = "text"
    NUMBER = "number"
    WHOLE = "whole number"
    FRACTION = "fraction"
    DATE = "date"
    TIME = "time"
    YES_NO = "yes/no"
    CHOICE = "word"
    LIST = "list"
    DAYS = "days"
    WEEKDAY = "weekday"


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one key of a key/value sheet such as Settings).

    `required` means every row needs a value; otherwise a blank cell means `default`, and so
    does a missing column unless `header_required`: a column the sheet cannot go without even
    though some of its cells may be blank (Staff without skills plans nobody on anything).
    `low`/`high` bound numbers (inclusive unless `low_open`/`high_open`); `allowed` lists the
    only numbers accepted; `choices` lists the only words accepted.
    """

    name: str
    kind: Kind
    meaning: str
    example: str
    unit: str = ""
    required: bool = True
    default: object = None
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    allowed: tuple[int, ...] = ()
    choices: tuple[str, ...] = ()
    midnight_end: bool = False  # "24:00" is accepted and means midnight at the end of the day
    header_required: bool = False

    @property
    def seconds_per_unit(self) -> float | None:
        """How a duration typed as h:mm:ss converts to this column's unit, if it is a duration."""
        first = self.unit.split(" ")[0] if self.unit else ""
        return {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}.get(first)

    @property
    def rule(self) -> str:
        """What a value must be, as a clause: "between 0 and 60 hours a week"."""
        unit = f" {self.unit}" if self.unit else ""
        if self.allowed:
            words = [str(a) for a in self.allowed]
            return f"{', '.join(words[:-1])} or {words[-1]}{unit}"
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.low is None and self.high is None:
            return ""
        low, high = _number(self.low), _number(self.high)
        if self.high is None:
            return f"{'more than' if self.low_open else 'at least'} {low}{unit}"
        if self.low_open or self.high_open:
            lower = f"more than {low}" if self.low_open else f"at least {low}"
            upper = f"less than {high}" if self.high_open else f"at most {high}"
            return f"{lower} and {upper}{unit}"
        return f"between {low} and {high}{unit}"

    @property
    def default_text(self) -> str:
        """The default as a person would type it, or "" when a value is needed."""
        if self.required or self.default is None:
            return ""
        if isinstance(self.default, dt.time):
            return f"{self.default:%H:%M}"
        if isinstance(self.default, bool):
            return "yes" if self.default else "no"
        if isinstance(self.default, float):
            return _number(self.default)
        if isinstance(self.default, tuple):
            if self.kind is Kind.DAYS:
                return "Mon-Sun" if len(self.default) == 7 else ""
            return ", ".join(self.default)
        return str(self.default)


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook (or a CSV file of the folder form).

    A keyed sheet (Settings, Rules) has two columns, key and value, and its `keys` describe the
    rows. Otherwise `key` names the column that identifies a row (staff_id, channel...), and each
    pair in `one_of` names two columns of which every row must fill exactly one.
    """

    name: str
    meaning: str
    columns: tuple[Column, ...]
    required: bool = False
    unless: str = ""  # a required sheet may be left out when this sheet is given instead
    key: str | None = None
    keys: tuple[Column, ...] = ()
    one_of: tuple[tuple[str, str], ...] = ()

    @property
    def keyed(self) -> bool:
        return bool(self.keys)

    def column(self, name: str) -> Column:
        for column in self.columns + self.keys:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")


def normal_name(text: str) -> str:
    """A sheet, file or column name compared without case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return repr(float(value))


FRACTION_NOTE = "a fraction: 0.8 means 80%"
MAX_AHT_SECONDS = 4 * 3600


def _date_or_weekday(what: str) -> tuple[Column, Column]:
    return (
        Column("date", Kind.DATE, f"The date these {what} apply to. Leave blank to use weekday.",
               "2027-03-01", required=False),
        Column("weekday", Kind.WEEKDAY, f"The weekday these {what} apply to, on every such day of "
               "the plan (Mon..Sun). Leave blank to use date.", "Mon", required=False),
    )


SETTINGS = Sheet(
    "Settings",
    "What is being planned: the dates, the interval length, the bank-holiday calendar and "
    "shrinkage. Two columns, key and value, one row per key.",
    columns=(
        Column("key", Kind.TEXT, "The name of the setting.", "plan_start"),
        Column("value", Kind.TEXT, "Its value.", "2027-03-01"),
    ),
    required=True,
    keys=(
        Column("plan_start", Kind.DATE, "The first day of the plan.", "2027-03-01"),
        Column("plan_days", Kind.WHOLE, "How many days the plan covers.", "28", unit="days",
               low=1, high=84),
        Column("interval_minutes", Kind.WHOLE, "The length of a demand interval.", "15",
               unit="minutes", required=False, default=15, allowed=(15, 30, 60)),
        Column("region", Kind.CHOICE, "Which UK bank-holiday calendar applies.",
               "england-and-wales", required=False, default="england-and-wales",
               choices=("england-and-wales", "scotland", "northern-ireland")),
        Column("shrinkage", Kind.FRACTION, "The share of paid time not available for contacts "
               f"or cases (meetings, coaching, breaks), {FRACTION_NOTE}.", "0.3",
               required=False, default=0.0, low=0, high=0.8),
    ),
)

CHANNELS = Sheet(
    "Channels",
    "The ways customers reach the centre, with handle times and service targets.",
    columns=(
        Column("channel", Kind.TEXT, "The channel's name, used in Demand and in staff skills.",
               "voice"),
        Column("kind", Kind.CHOICE, "How it is answered: voice, chat and reception queue; "
               "email is deferred work with a response window.", "voice",
               choices=("voice", "chat", "reception", "email")),
        Column("aht_seconds", Kind.NUMBER, "Average handle time of one contact.", "510",
               unit="seconds", low=0, low_open=True, high=MAX_AHT_SECONDS),
        Column("target_answer_seconds", Kind.NUMBER, "The answer time in the service level "
               "target (80% answered within 120 seconds); for email, the response window.",
               "120", unit="seconds", low=0, high=30 * 86400),
        Column("service_level_target", Kind.FRACTION, "The share of contacts to answer within "
               f"the target answer time, {FRACTION_NOTE}.", "0.8", low=0, high=1,
               low_open=True, high_open=True),
        Column("max_abandon_rate", Kind.FRACTION, "The most abandonment to accept, "
               f"{FRACTION_NOTE}. Blank: no abandonment target.", "0.1", required=False,
               low=0, high=1, low_open=True, high_open=True),
        Column("patience_seconds", Kind.NUMBER, "How long callers wait on average before "
               "giving up. When given, abandonment is modelled (Erlang A).", "2400",
               unit="seconds", required=False, low=0, low_open=True, high=86400),
        Column("concurrency", Kind.WHOLE, "How many contacts one advisor handles at once "
               "(chat often 2).", "1", required=False, default=1, low=1, high=10),
        Column("open_on_bank_holidays", Kind.YES_NO, "Whether the channel is open on bank "
               "holidays.", "no", required=False, default=False),
        Column("max_asa_seconds", Kind.NUMBER, "The longest average wait (average speed of "
               "answer) to accept. Blank: no such target.", "240", unit="seconds",
               required=False, low=0, high=86400),
        Column("max_occupancy", Kind.FRACTION, "The busiest advisors may be kept, "
               f"{FRACTION_NOTE}. Blank: no cap.", "0.85", required=False, low=0, high=1,
               low_open=True),
        Column("forecast_spread", Kind.FRACTION, "How far a day's contacts typically are from "
               "the forecast, above or below, as planner forecast's back-test measured it "
               f"({FRACTION_NOTE}). planner simulate draws each day's level "
               "from it, so its figures carry the risk of the forecast being wrong. Blank: "
               "the forecast is taken as exact.", "0.1", required=False, low=0, high=1),
    ),
    required=True,
    unless="PatternCover",
    key="channel",
)

DEMAND = Sheet(
    "Demand",
    "Contacts arriving per interval. A weekday row repeats on every such day of the plan; "
    "dated rows replace the weekday rows of that channel on that date.",
    columns=_date_or_weekday("contacts")
    + (
        Column("interval_start", Kind.TIME, "When the interval starts (HH:MM), on the plan's "
               "interval grid.", "09:00"),
        Column("channel", Kind.TEXT, "The channel the contacts arrive on (from Channels).",
               "voice"),
        Column("volume", Kind.NUMBER, "Contacts arriving in the interval; may be fractional.",
               "42.5", unit="contacts", low=0, high=100_000),
        Column("aht_seconds", Kind.NUMBER, "Handle time in this interval, when it differs from "
               "the channel's.", "600", unit="seconds", required=False, low=0, low_open=True,
               high=MAX_AHT_SECONDS),
    ),
    required=True,
    unless="PatternCover",
    one_of=(("date", "weekday"),),
)

STAFF = Sheet(
    "Staff",
    "The advisors and officers who can be rostered, with their contracts and skills.",
    columns=(
        Column("staff_id", Kind.TEXT, "A short id unique to the person.", "A1"),
        Column("name", Kind.TEXT, "The person's name as the team knows it.", "Sam Patel"),
        Column("team", Kind.TEXT, "The team they belong to.", "Contact centre", required=False,
               default=""),
        Column("skills", Kind.LIST, "The channels and case queues they can work, separated by "
               "commas.", "voice, email", required=False, default=(), header_required=True),
        Column("contract_hours", Kind.NUMBER, "The hours in their contract.", "37.5",
               unit="hours a week",
               low=0, high=84),
        Column("min_hours", Kind.NUMBER, "The fewest hours they may be rostered.", "30",
               unit="hours a week", low=0, high=84),
        Column("max_hours", Kind.NUMBER, "The most hours they may be rostered.", "40",
               unit="hours a week", low=0, high=84),
        Column("max_days_per_week", Kind.WHOLE, "The most days they may work in a week.", "5",
               unit="days", low=1, high=7),
        Column("cover", Kind.YES_NO, "Whether they are cover from another team, used when "
               "volume is high or during absence.", "no", required=False, default=False),
        Column("hourly_cost", Kind.NUMBER, "What an hour of their time costs.", "15.50",
               unit="pounds an hour", required=False, default=0.0, low=0, high=1000),
        Column("patterns", Kind.LIST, "The shift patterns they may work, separated by commas. "
               "Blank: any pattern.", "E, L", required=False, default=()),
        Column("min_paid_minutes", Kind.WHOLE, "The fewest paid minutes over the whole plan. "
               "Blank: no such limit.", "8400", unit="minutes", required=False, low=0,
               high=1_000_000),
        Column("max_paid_minutes", Kind.WHOLE, "The most paid minutes over the whole plan. "
               "Blank: no such limit.", "9000", unit="minutes", required=False, low=0,
               high=1_000_000),
        Column("max_consecutive_days", Kind.WHOLE, "The most days they may work in a row. "
               "Blank: as in Rules.", "5", unit="days", required=False, low=1, high=28),
        Column("min_consecutive_days", Kind.WHOLE, "The fewest days in a row they work, once "
               "they start. Blank: as in Rules.", "2", unit="days", required=False, low=1,
               high=14),
        Column("min_consecutive_days_off", Kind.WHOLE, "The fewest days off in a row, once off. "
               "Blank: as in Rules.", "2", unit="days", required=False, low=1, high=14),
        Column("max_weekends", Kind.WHOLE, "The most weekends (Saturday or Sunday worked) over "
               "the whole plan. Blank: as in Rules, per four weeks.", "2", unit="weekends",
               required=False, low=0, high=60),
    ),
    key="staff_id",
)

SHIFT_PATTERNS = Sheet(
    "ShiftPatterns",
    "The shifts that may be rostered. An end at or before the start crosses midnight.",
    columns=(
        Column("pattern", Kind.TEXT, "A short code for the shift, used in Staff and Locks.",
               "E"),
        Column("start", Kind.TIME, "When the shift starts (HH:MM).", "08:00"),
        Column("end", Kind.TIME, "When the shift ends (HH:MM); at or before the start means "
               "the next morning; 24:00 means midnight.", "16:00", midnight_end=True),
        Column("unpaid_break_minutes", Kind.WHOLE, "Unpaid break within the shift.", "30",
               unit="minutes", required=False, default=0, low=0, high=180),
        Column("days", Kind.DAYS, "The weekdays it may be worked: names, ranges or both, such "
               "as Mon-Fri, Sat, Mon,Wed. A range may wrap past Sunday (Sat-Mon). Blank: every "
               "day.", "Mon-Fri", required=False, default=(0, 1, 2, 3, 4, 5, 6)),
    ),
    key="pattern",
)

ABSENCES = Sheet(
    "Absences",
    "Annual leave, sickness, training and other time away, booked or known.",
    columns=(
        Column("staff_id", Kind.TEXT, "Who is away (from Staff).", "A1"),
        Column("start_date", Kind.DATE, "The first day away.", "2027-03-03"),
        Column("end_date", Kind.DATE, "The last day away (inclusive).", "2027-03-04"),
        Column("kind", Kind.CHOICE, "Why they are away.", "annual_leave",
               choices=("annual_leave", "sickness", "training", "other")),
        Column("start_time", Kind.TIME, "For part of a day: when the absence starts on the "
               "first day.", "13:00", required=False),
        Column("end_time", Kind.TIME, "For part of a day: when the absence ends on the last "
               "day.", "17:00", required=False, midnight_end=True),
    ),
)

CASE_QUEUES = Sheet(
    "CaseQueues",
    "Back-office case work: effort per case and the deadline each case must meet.",
    columns=(
        Column("queue", Kind.TEXT, "The queue's name, used in CaseArrivals, CaseBacklog and "
               "staff skills.", "mutual_exchange"),
        Column("effort_minutes", Kind.NUMBER, "Officer time one case takes.", "90",
               unit="minutes", low=0, low_open=True, high=6000),
        Column("deadline_days", Kind.WHOLE, "Days from arrival within which a case must be "
               "closed.", "42", unit="days", low=1, high=365),
        Column("deadline_basis", Kind.CHOICE, "Working days skip weekends and bank holidays; "
               "calendar days count every day.", "calendar", choices=("working", "calendar")),
        Column("target_on_time", Kind.FRACTION, "The share of cases to close by the deadline, "
               f"{FRACTION_NOTE}.", "0.95", low=0, high=1),
        Column("chase_channel", Kind.TEXT, "The live channel customers ring to chase a case "
               "(avoidable contacts). Blank: the first voice channel.", "voice",
               required=False),
        Column("chase_after_days", Kind.WHOLE, "How old (calendar days) a case is before its "
               "customer starts chasing it.", "14", unit="days", required=False, default=0,
               low=0, high=365),
        Column("chase_rate", Kind.NUMBER, "Avoidable contacts per open case per working day "
               "once the case is that old. Blank or 0: customers do not chase.", "0.05",
               unit="contacts", required=False, default=0.0, low=0, high=10),
        Column("overdue_chase_rate", Kind.NUMBER, "Avoidable contacts per open case per "
               "working day once the case is past its deadline; at least the chase_rate.",
               "0.2", unit="contacts", required=False, default=0.0, low=0, high=10),
        Column("update_effort_minutes", Kind.NUMBER, "A proactive update: officer time per "
               "chasing case per week to keep its customer informed. The plan uses updates "
               "only where they save more than they cost.", "5", unit="minutes",
               required=False, default=0.0, low=0, high=600),
        Column("update_cuts_chasing", Kind.FRACTION, "The share of chasing a proactive "
               f"update prevents, {FRACTION_NOTE}. Blank or 0: no updates.", "0.6",
               required=False, default=0.0, low=0, high=1),
    ),
    key="queue",
)

CASE_ARRIVALS = Sheet(
    "CaseArrivals",
    "New cases expected per day. A weekday row repeats on every such day of the plan; dated "
    "rows replace the weekday rows of that queue on that date.",
    columns=(Column("queue", Kind.TEXT, "The case queue (from CaseQueues).", "mutual_exchange"),)
    + _date_or_weekday("cases")
    + (
        Column("new_cases", Kind.NUMBER, "Cases arriving that day; may be fractional.", "3",
               unit="cases", low=0, high=100_000),
    ),
    one_of=(("date", "weekday"),),
)

CASE_BACKLOG = Sheet(
    "CaseBacklog",
    "Cases already open when the plan starts, by the date they were opened.",
    columns=(
        Column("queue", Kind.TEXT, "The case queue (from CaseQueues).", "mutual_exchange"),
        Column("opened_date", Kind.DATE, "When these cases were opened.", "2027-02-09"),
        Column("count", Kind.WHOLE, "How many are still open.", "12", unit="cases", low=0,
               high=1_000_000),
    ),
)

RULES = Sheet(
    "Rules",
    "Working-time rules (UK defaults). Two columns, key and value; keys the planner does not "
    "use are kept as they are.",
    columns=(
        Column("key", Kind.TEXT, "The name of the rule.", "min_rest_hours"),
        Column("value", Kind.TEXT, "Its value.", "11"),
    ),
    keys=(
        Column("min_rest_hours", Kind.NUMBER, "The least rest between two shifts.", "11",
               unit="hours", required=False, default=11.0, low=0, high=24),
        Column("max_consecutive_days", Kind.WHOLE, "The most days worked in a row.", "6",
               unit="days", required=False, default=6, low=1, high=14),
        Column("min_consecutive_days", Kind.WHOLE, "The fewest days worked in a row, once "
               "working.", "1", unit="days", required=False, default=1, low=1, high=14),
        Column("min_consecutive_days_off", Kind.WHOLE, "The fewest days off in a row, when "
               "off.", "1", unit="days", required=False, default=1, low=1, high=7),
        Column("max_weekly_hours", Kind.NUMBER, "The most hours in any week.", "48",
               unit="hours", required=False, default=48.0, low=1, high=84),
        Column("max_weekends_per_4_weeks", Kind.WHOLE, "The most weekends (Saturday or Sunday "
               "worked) in any four weeks.", "4", unit="weekends", required=False, default=4,
               low=0, high=4),
        Column("late_shift_end", Kind.TIME, "A shift ending after this time (or after "
               "midnight) is a late shift, shared out fairly.", "18:00", required=False,
               default=dt.time(18, 0)),
        Column("standard_hourly_cost", Kind.NUMBER, "What a paid hour costs for anyone whose "
               "hourly_cost in Staff is blank or 0.", "15", unit="pounds an hour",
               required=False, default=15.0, low=0, high=1000),
        Column("cover_premium", Kind.FRACTION, "How much more an hour of cover costs, "
               f"{FRACTION_NOTE}; 0.25 makes cover cost a quarter more.", "0.25",
               required=False, default=0.25, low=0, high=5),
        Column("missed_contact_cost", Kind.NUMBER, "The price of one live contact not "
               "answered within its target answer time.", "2", unit="pounds",
               required=False, default=2.0, low=0, high=10_000),
        Column("abandoned_contact_cost", Kind.NUMBER, "The further price of one contact "
               "abandoned before it is answered.", "4", unit="pounds", required=False,
               default=4.0, low=0, high=10_000),
        Column("short_cover_weight", Kind.NUMBER, "How much more an advisor short costs "
               "the shorter the interval already is, so that a shortage is shared out rather "
               "than left on the peaks: each live interval costs this x (what one advisor's "
               "interval answers: contacts x (missed + abandoned cost)) x (advisors short)^2 / "
               "advisors needed. 0 prices only the contacts let down.", "1", required=False,
               default=1.0, low=0, high=100),
        Column("overdue_case_cost", Kind.NUMBER, "The price of one case (or email) open past "
               "its deadline, for each day it stays so.", "20", unit="pounds",
               required=False, default=20.0, low=0, high=100_000),
        Column("fairness_cost", Kind.NUMBER, "The price of each day between the most and the "
               "fewest Saturdays, late shifts or Mondays in a team.", "5", unit="pounds",
               required=False, default=5.0, low=0, high=100_000),
        Column("breach_cost", Kind.NUMBER, "The price of breaking a rule by one unit (a day, an "
               "hour, a shift), paid only when the rota cannot keep it.", "1000",
               unit="pounds", required=False, default=1000.0, low=0, high=10_000_000),
    ),
)

LOCKS = Sheet(
    "Locks",
    "Rota cells a plan must keep: this person works this shift pattern (or is OFF) that day.",
    columns=(
        Column("staff_id", Kind.TEXT, "Who (from Staff).", "A2"),
        Column("date", Kind.DATE, "Which day.", "2027-03-05"),
        Column("pattern", Kind.TEXT, "The shift pattern they must work (from ShiftPatterns), "
               "or OFF.", "E"),
    ),
)

PATTERN_COVER = Sheet(
    "PatternCover",
    "Demand stated as people per shift pattern per day, for rotas planned by head count "
    "rather than by contacts.",
    columns=(
        Column("date", Kind.DATE, "Which day.", "2027-03-01"),
        Column("pattern", Kind.TEXT, "The shift pattern (from ShiftPatterns).", "E"),
        Column("required", Kind.WHOLE, "How many people it needs.", "3", unit="people", low=0,
               high=10_000),
        Column("weight_under", Kind.NUMBER, "The price of each person short.", "100",
               unit="pounds", low=0, high=1_000_000),
        Column("weight_over", Kind.NUMBER, "The price of each person over.", "1",
               unit="pounds", low=0, high=1_000_000),
    ),
)

FORBIDDEN_SEQUENCES = Sheet(
    "ForbiddenSequences",
    "Shift patterns that may not follow one another on consecutive days (a late then an "
    "early), besides the minimum rest in Rules.",
    columns=(
        Column("pattern", Kind.TEXT, "The shift worked on a day.", "L"),
        Column("next_pattern", Kind.TEXT, "The shift that may not be worked the next day.", "E"),
    ),
)

SHIFT_REQUESTS = Sheet(
    "ShiftRequests",
    "What people ask for: to work a shift (want) or not to (avoid) on a date, with a weight.",
    columns=(
        Column("staff_id", Kind.TEXT, "Who asks (from Staff).", "A1"),
        Column("date", Kind.DATE, "Which day.", "2027-03-05"),
        Column("pattern", Kind.TEXT, "The shift pattern; blank means any shift, so want is "
               "\"want to work\" and avoid is \"want the day off\".", "E", required=False,
               default=""),
        Column("request", Kind.CHOICE, "Whether they want it or want to avoid it.", "avoid",
               choices=("want", "avoid")),
        Column("weight", Kind.NUMBER, "The price of not granting it.", "10", unit="pounds",
               required=False, default=10.0, low=0, high=1_000_000),
    ),
)

PATTERN_LIMITS = Sheet(
    "PatternLimits",
    "The most shifts of a pattern a person may work over the whole plan.",
    columns=(
        Column("staff_id", Kind.TEXT, "Who (from Staff).", "A1"),
        Column("pattern", Kind.TEXT, "The shift pattern (from ShiftPatterns).", "N"),
        Column("max_shifts", Kind.WHOLE, "The most shifts of it.", "4", unit="shifts", low=0,
               high=1000),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    SETTINGS, CHANNELS, DEMAND, STAFF, SHIFT_PATTERNS, ABSENCES,
    CASE_QUEUES, CASE_ARRIVALS, CASE_BACKLOG, RULES, LOCKS,
    PATTERN_COVER, FORBIDDEN_SEQUENCES, SHIFT_REQUESTS, PATTERN_LIMITS,
)
SHEET_ORDER: dict[str, int] = {sheet.name: i for i, sheet in enumerate(SHEETS)}


def sheet_named(name: str) -> Sheet | None:
    """The sheet a workbook tab or CSV file name means, matched without case or spacing."""
    wanted = normal_name(name)
    for sheet in SHEETS:
        if normal_name(sheet.name) == wanted:
            return sheet
    return None
