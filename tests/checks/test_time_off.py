"""Absences and Locked cells kept."""

import datetime as dt
from dataclasses import replace

from planner.model import Absence, AbsenceKind, Lock, StaffId
from tests.checks.builders import FULL_WEEK, alone, broken, check, day, rules_broken

A2 = StaffId("A2")


def away(first: int, last: int, start=None, end=None, kind=AbsenceKind.ANNUAL_LEAVE):
    return Absence(A2, day(first), day(last), kind, start_time=start, end_time=end)


def test_leave_shown_as_leave_keeps_the_absences_rule():
    scenario = replace(alone(), absences=(away(0, 1),))
    assert rules_broken(check(scenario, {"A2": "AL AL E E E OFF OFF"})) == set()


def test_a_shift_on_a_day_of_leave_breaks_absences_once_per_day():
    scenario = replace(alone(), absences=(away(0, 1),))
    assessment = check(scenario, {"A2": "E E E E E OFF OFF"})
    found = broken(assessment, "Absences")
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(0),), 1.0, "days"),
        (("A2",), (day(1),), 1.0, "days"),
    ]
    assert "annual leave" in found[0].message and "Mon 1 Mar" in found[0].message
    assert assessment.costs.breaches == 2 * scenario.rules.breach_cost


def test_part_day_absences_leave_the_day_workable():
    # Training 13:00 Monday to 12:00 Wednesday: only Tuesday is away all day.
    scenario = replace(alone(), absences=(away(0, 2, dt.time(13), dt.time(12),
                                                AbsenceKind.TRAINING),))
    found = broken(check(scenario, {"A2": FULL_WEEK}), "Absences")
    assert [b.dates for b in found] == [(day(1),)]
    assert "training" in found[0].message


def test_an_absence_from_midnight_to_midnight_is_away_all_day():
    scenario = replace(alone(), absences=(away(0, 1, dt.time(0), dt.time(0)),))
    found = broken(check(scenario, {"A2": FULL_WEEK}), "Absences")
    assert [b.dates for b in found] == [(day(0),), (day(1),)]


def test_a_kept_lock_is_no_breach_and_a_lock_to_off_is_kept_by_leave():
    scenario = replace(alone(), absences=(away(4, 4),),
                       locks=(Lock(A2, day(2), "E"), Lock(A2, day(3), "OFF")))
    assessment = check(scenario, {"A2": "E E E AL AL OFF OFF"})
    assert broken(assessment, "Locked cells kept") == []


def test_a_cell_that_differs_from_its_lock_breaks_it():
    scenario = replace(alone(), locks=(Lock(A2, day(2), "OFF"), Lock(A2, day(5), "E")))
    found = broken(check(scenario, {"A2": FULL_WEEK}), "Locked cells kept")
    assert [(b.staff_ids, b.dates, b.size, b.unit) for b in found] == [
        (("A2",), (day(2),), 1.0, "cells"),
        (("A2",), (day(5),), 1.0, "cells"),
    ]
    assert "locked to OFF" in found[0].message


def test_a_lock_on_a_day_away_all_day_gives_way_to_the_absence():
    scenario = replace(alone(), absences=(away(2, 2),), locks=(Lock(A2, day(2), "E"),))
    assert broken(check(scenario, {"A2": "E E AL E E OFF OFF"}), "Locked cells kept") == []
    part_day = replace(scenario, absences=(away(2, 2, start=dt.time(12)),))
    found = broken(check(part_day, {"A2": "E E OFF E E OFF OFF"}), "Locked cells kept")
    assert [b.dates for b in found] == [(day(2),)]
