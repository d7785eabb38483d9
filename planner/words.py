"""How the planner words its figures, everywhere: money, shares, waits, hours, counts and days.

The command line, the rota workbook, the window and the checker's sentences all take their
spellings from here, so the same figure reads the same wherever a team leader meets it:

- money to the penny, "£5,551.18", halves rounded up (£115.125 is £115.13; `to_pence` rounds
  the figures JSON and the workbook hold the same way); whole pounds, "£5,551", only where a
  column is short of room; a loss is "-£12.50";
- a share to one decimal, "80.0%";
- an average wait in seconds under a minute ("45 s"), minutes and seconds under an hour
  ("1 min 05 s"), hours and minutes beyond ("1 h 02 min"), each rounded half up; a wait
  without end (no contact ever answered) is "never answered";
- "-" for a figure with nothing behind it (no contacts, no cases, not a number);
- days as "Mon 3 May", in full "Monday 3 May", a date with its year "3 May 2027";
- the solver's gap as "gap 2.9%", or "no bound yet" while the search has proved nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named, so that the command line's --help stays quick
    from planner.model import Staff
    from planner.plan import Costs

NOTHING = "-"
NEVER_ANSWERED = "never answered"
NO_BOUND = "no bound yet"

# The parts of what a rota costs (planner.plan.Costs), as docs/rules.md names them.
COST_PARTS = (("pay", "pay"), ("service", "service"), ("short_cover", "short cover"),
              ("overdue", "overdue work"),
              ("fairness", "fairness"), ("requests", "shift requests"),
              ("pattern_cover", "pattern cover"), ("breaches", "broken rules"))


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _rounded(value: float, places: int) -> float:
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def to_pence(value: float) -> float:
    """An amount rounded to the penny, halves away from zero, as `money` writes it:
    115.125 -> 115.13."""
    return _rounded(value, 2)


def money(value: float | None, pence: bool = True) -> str:
    """An amount in pounds: "£1,234.56", or to the whole pound "£1,235" with pence=False;
    "-£12.50" below zero; "-" for no amount (None, NaN or infinity)."""
    if not _known(value) or math.isinf(value):
        return NOTHING
    places = 2 if pence else 0
    amount = _rounded(value, places)
    text = f"{abs(amount):,.{places}f}"
    return f"{'-' if amount < 0 else ''}£{text}"


def share(value: float | None) -> str:
    """A share or rate to one decimal: "80.0%", "2.1%"; "-" when there is nothing to share."""
    if not _known(value) or math.isinf(value):
        return NOTHING
    return f"{value:.1%}"


def wait(seconds: float | None) -> str:
    """An average wait as people say it: "45 s", "1 min 05 s", "1 h 02 min"; "never answered"
    for a wait without end; "-" when nobody waited (None or NaN)."""
    if not _known(seconds):
        return NOTHING
    if math.isinf(seconds):
        return NEVER_ANSWERED
    whole = math.floor(max(seconds, 0.0) + 0.5)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    minutes = math.floor(seconds / 60 + 0.5)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def estimate(mean: float, low: float, high: float, words=share) -> str:
    """A figure with its 95% interval: "78.4% (77.1% to 79.6%)"; the figure alone when the
    interval is not known, "-" when the figure is not."""
    if not _known(mean):
        return NOTHING
    if not (_known(low) and _known(high)):
        return words(mean)
    return f"{words(mean)} ({words(low)} to {words(high)})"


def number(value: float, decimals: int = 2) -> str:
    """A figure as people write it: 37.5, 8, 2.25, 1,180 (at most `decimals` decimals)."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def hours(value: float, decimals: int = 2) -> str:
    """"37.5 hours", "1 hour"."""
    return count(value, "hour", decimals)


def count(value: float, noun: str, decimals: int = 2) -> str:
    """"1 day", "3 days", "1,180 contacts"; rounded to at most `decimals` decimals."""
    text = number(value, decimals)
    return f"{text} {noun}" + ("" if text == "1" else "s")


def channel_wait(asa_seconds: float | None, never_answered: int = 0) -> str:
    """A channel's average wait, and the intervals whose queue never clears said apart:
    "45 s (3 intervals never answered)"."""
    said = wait(asa_seconds)
    if never_answered and asa_seconds is not None and math.isfinite(asa_seconds):
        said += f" ({count(never_answered, 'interval')} {NEVER_ANSWERED})"
    return said


def amount(value: float, units: str) -> str:
    """"1 shift", "2 shift pairs", "1.5 hours": a breach's size in its units (named in the
    plural), singular for exactly one."""
    text = number(value)
    return f"{text} {units[:-1] if text == '1' and units.endswith('s') else units}"


def day(date: dt.date) -> str:
    """"Mon 3 May"."""
    return f"{date:%a} {date.day} {date:%b}"


def long_day(date: dt.date) -> str:
    """"Monday 3 May"."""
    return f"{date:%A} {date.day} {date:%B}"


def long_date(date: dt.date) -> str:
    """"3 May 2027"."""
    return f"{date.day} {date:%b %Y}"


def span(first: dt.date, last: dt.date) -> str:
    """"30 Apr to 6 May", or one day as "Mon 3 May"."""
    if first == last:
        return day(first)
    return f"{first.day} {first:%b} to {last.day} {last:%b}"


def days(dates) -> str:
    """Days with runs of three or more shortened: "7 Jun to 11 Jun, Mon 14 Jun"."""
    runs: list[list[dt.date]] = []
    for date in sorted(set(dates)):
        if runs and date - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(date)
        else:
            runs.append([date])
    return ", ".join(span(run[0], run[-1]) if len(run) > 2 else ", ".join(map(day, run))
                     for run in runs)


def clock(minutes: int) -> str:
    """A time of day from minutes after some midnight: "13:30"."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def who(person: Staff) -> str:
    """"Sam Patel (A07)"."""
    return f"{person.name} ({person.staff_id})"


def cost(costs: Costs) -> str:
    """What a rota costs, with its parts: "Cost £5,551.18: pay £5,377.25, service £173.93"."""
    return f"Cost {money(costs.total)}: {cost_parts(costs)}"


def cost_parts(costs: Costs, every: bool = False) -> str:
    """The parts of a rota's cost, pay first: "pay £5,377.25, service £173.93"; those that
    come to nothing are left out unless `every`."""
    return ", ".join(f"{words} {money(getattr(costs, name))}" for name, words in COST_PARTS
                     if every or name == "pay" or to_pence(getattr(costs, name)) != 0)


def gap(bound: float | None, value: float | None) -> str:
    """How far the search's best may be from the best possible: "gap 2.9%"; "no bound yet"
    while the search has no bound above 0 to measure it against (a gap of 0 is a proof)."""
    proven = _known(value) and value == 0
    if not proven and (not _known(bound) or math.isinf(bound) or bound <= 0
                       or not _known(value)):
        return NO_BOUND
    return f"gap {share(value)}"


def search(objective: float, bound: float | None, value: float | None) -> str:
    """The solver's own figures, never the rota's cost (its objective values service with a
    stand-in curve): "search objective £5,561.88, gap 2.9% (bound £5,403.30)", or
    "search objective £5,754.00, no bound yet"."""
    said = f"search objective {money(objective)}, {gap(bound, value)}"
    if gap(bound, value) == NO_BOUND or money(bound) == NOTHING:
        return said
    return f"{said} (bound {money(bound)})"
