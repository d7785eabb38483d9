"""Builders for checking rotas: rotas written as a line of codes a day, activities by clock
times, and scenarios with nothing in the way of the rule under test."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.checks import check_rota
from planner.model import Settings, StaffId
from planner.plan import Activity, Assessment, Breach, RotaCell
from tests.factories import LATE, MONDAY, WEEKEND, advisor, day, early_pattern, small_scenario

__all__ = ["LATE", "WEEKEND", "day"]  # the shared builders the checks' tests take from here


def team(*people, days: int = 7, **changes):
    """small_scenario with these people (default: advisors A2 and A3), no absences, patterns E,
    L and W, over `days` days from MONDAY."""
    base = small_scenario()
    people = people or (advisor("A2", skills=("voice", "email")),
                        advisor("A3", skills=("voice", "email")))
    parts = dict(settings=replace(base.settings, plan_days=days), staff=tuple(people),
                 patterns=(early_pattern(), LATE, WEEKEND), absences=())
    return replace(base, **(parts | changes))


def plan_of(days: int, start: dt.date = MONDAY, **changes) -> Settings:
    return replace(small_scenario().settings, plan_start=start, plan_days=days, **changes)


def rota(rows: dict[str, str], start: dt.date = MONDAY) -> tuple[RotaCell, ...]:
    """Cells from lines of codes, one a day from `start`: {"A2": "E E E E E OFF OFF"}."""
    return tuple(
        RotaCell(StaffId(staff_id), start + dt.timedelta(days=i), code)
        for staff_id, line in rows.items()
        for i, code in enumerate(line.split())
    )


def check(scenario, rows: dict[str, str], activities=()) -> Assessment:
    return check_rota(scenario, rota(rows, scenario.settings.plan_start), activities)


def broken(assessment: Assessment, rule: str) -> list[Breach]:
    return [b for b in assessment.breaches if b.rule == rule]


def rules_broken(assessment: Assessment) -> set[str]:
    return {b.rule for b in assessment.breaches}


def doing(staff_id: str, date: dt.date, start: str, end: str, activity: str) -> Activity:
    """An activity on the shift worked on `date`, from HH:MM to HH:MM (an end at or before the
    start falls on the next day)."""
    begin = dt.datetime.combine(date, dt.time.fromisoformat(start))
    finish = dt.datetime.combine(date, dt.time.fromisoformat(end))
    if finish <= begin:
        finish += dt.timedelta(days=1)
    return Activity(StaffId(staff_id), date, begin, finish, activity)


def early_day(staff_id: str, date: dt.date, work: str = "voice",
              break_at: str = "12:00") -> tuple[Activity, ...]:
    """A whole E shift (08:00-16:00) on `work` with a 30-minute BREAK from `break_at`."""
    start = dt.datetime.combine(date, dt.time.fromisoformat(break_at))
    end = start + dt.timedelta(minutes=30)
    return (
        doing(staff_id, date, "08:00", break_at, work),
        Activity(StaffId(staff_id), date, start, end, "BREAK"),
        doing(staff_id, date, f"{end:%H:%M}", "16:00", work),
    )


def alone(days: int = 7, **changes):
    """One advisor, A2 (voice and email, 30-40 hours over at most 5 days), alone in `team`."""
    return team(advisor("A2", skills=("voice", "email"), **changes), days=days)


FULL_WEEK = "E E E E E OFF OFF"
