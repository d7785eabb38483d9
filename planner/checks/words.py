"""How breaches are worded for a team leader: people by name and id, days, hours and counts."""

from __future__ import annotations

import datetime as dt

from planner.model import Staff


def who(person: Staff) -> str:
    """"Sam Patel (A07)"."""
    return f"{person.name} ({person.staff_id})"


def day(date: dt.date) -> str:
    """"Mon 3 May"."""
    return f"{date:%a} {date.day} {date:%b}"


def span(first: dt.date, last: dt.date) -> str:
    """"30 Apr to 6 May", or one day as "Mon 3 May"."""
    if first == last:
        return day(first)
    return f"{first.day} {first:%b} to {last.day} {last:%b}"


def number(value: float) -> str:
    """A figure as people write it: 37.5, 8, 2.25 (at most two decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def hours(value: float) -> str:
    return f"{number(value)} hour" + ("" if value == 1 else "s")


def count(value: float, noun: str) -> str:
    """"1 day", "3 days"."""
    return f"{number(value)} {noun}" + ("" if value == 1 else "s")


def clock(minutes: int) -> str:
    """A time of day from minutes after some midnight: "13:30"."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
