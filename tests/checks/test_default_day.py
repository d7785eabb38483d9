"""What people do when the rota gives no activities (a rota edited by hand), who is present,
and which activities count."""

import datetime as dt
from dataclasses import replace

from planner.model import Absence, AbsenceKind, PatternCode, StaffId
from tests.checks.builders import (
    advisor,
    broken,
    check,
    day,
    doing,
    early_pattern,
    team,
)
from tests.factories import weekday_demand

MONDAY_ONLY = "E OFF OFF OFF OFF OFF OFF"
ALL_DAY_CALLS = weekday_demand("voice", {f"{h:02d}:{m:02d}": 10.0 for h in range(7, 19)
                                         for m in (0, 15, 30, 45)})


def planned(assessment, date, at: str, channel: str = "voice") -> int:
    rows = [r for r in assessment.coverage if r.date == date and r.channel == channel
            and r.interval_start == dt.time.fromisoformat(at)]
    return rows[0].planned if rows else 0


def busy_voice(*people, **changes):
    return team(*people, demand=ALL_DAY_CALLS, **changes)


def test_the_default_break_of_one_person_sits_in_the_middle_of_its_window():
    # E 08:00-16:00: the break may start 10:00-13:30; the middle is 11:45.
    scenario = busy_voice(advisor("A2"))
    assessment = check(scenario, {"A2": MONDAY_ONLY})
    counts = [planned(assessment, day(0), t) for t in ("11:30", "11:45", "12:00", "12:15")]
    assert counts == [1, 0, 0, 1]
    assert broken(assessment, "Breaks") == []


def test_default_breaks_on_one_pattern_and_day_are_spread_over_the_window():
    # the 15 starts 10:00-13:30: of two people, the first takes the 4th (10:45), the second
    # the 12th (12:45), not both 11:45, which left nobody on the phones for half an hour
    scenario = busy_voice(advisor("A2"), advisor("A3"), advisor("A4"))
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY})
    counts = [planned(assessment, day(0), t)
              for t in ("10:30", "10:45", "11:00", "11:45", "12:45", "13:00", "13:15")]
    assert counts == [2, 1, 1, 2, 1, 1, 2]
    assert broken(assessment, "Breaks") == []


def test_default_work_goes_to_the_live_channel_short_of_advisors_then_email():
    # One call at 10:00 on Monday needs one advisor; everyone else answers email.
    scenario = team(demand=weekday_demand("voice", {"10:00": 0.1}, weekdays=[0])
                    + weekday_demand("email", {"09:00": 500.0}))
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY})
    ten = [r for r in assessment.coverage if r.interval_start == dt.time(10)]
    assert [(r.required, r.planned) for r in ten] == [(1, 1)]
    monday = [c for c in assessment.caseload if c.queue == "email" and c.date == day(0)][0]
    # A2: 480 - 30 (break) - 15 (the call) minutes; A3: 450; email takes 480 seconds each.
    assert monday.done == (435 + 450) * 60 / 480
    assert broken(assessment, "Skills") == broken(assessment, "Breaks") == []


def test_people_planned_by_hand_count_before_the_default_fills():
    scenario = team(demand=weekday_demand("voice", {"10:00": 0.1}, weekdays=[0])
                    + weekday_demand("email", {"09:00": 500.0}))
    given = (doing("A3", day(0), "10:00", "10:15", "voice"),)
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY}, given)
    assert [r.planned for r in assessment.coverage if r.interval_start == dt.time(10)] == [1]
    monday = [c for c in assessment.caseload if c.queue == "email" and c.date == day(0)][0]
    assert monday.done == 450 * 60 / 480  # A2 answers email all day; A3 did only the call


def test_with_no_shortfall_work_goes_to_a_case_queue_or_else_the_first_skill():
    scenario = team(advisor("A2", skills=("voice", "mutual_exchange")),
                    advisor("A3", skills=("voice",)),
                    demand=weekday_demand("voice", {"10:00": 0.0}))
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY})
    exchange = [c for c in assessment.caseload if c.queue == "mutual_exchange"][0]
    assert exchange.done == 450 / 90  # A2's whole day, at 90 minutes a case
    assert planned(assessment, day(0), "09:00") == 1  # A3 stays on voice, their first skill


def test_people_without_skills_are_idle_and_break_no_skills_rule():
    scenario = busy_voice(advisor("A2", skills=()))
    assessment = check(scenario, {"A2": MONDAY_ONLY})
    assert planned(assessment, day(0), "09:00") == 0
    assert broken(assessment, "Skills") == []
    assert all(c.done == 0 for c in assessment.caseload)


def test_activities_outside_a_worked_cell_are_ignored():
    scenario = busy_voice(advisor("A2"))
    given = (doing("A2", day(1), "08:00", "16:00", "voice"),)
    assessment = check(scenario, {"A2": MONDAY_ONLY}, given)
    assert planned(assessment, day(1), "09:00") == 0
    assert planned(assessment, day(0), "09:00") == 1  # Monday is filled by default


def test_a_shift_with_some_activities_is_taken_as_given():
    scenario = busy_voice(advisor("A2"))
    given = (doing("A2", day(0), "08:00", "09:00", "voice"),)
    assessment = check(scenario, {"A2": MONDAY_ONLY}, given)
    assert [planned(assessment, day(0), t) for t in ("08:45", "09:00")] == [1, 0]


def test_time_away_part_of_the_day_counts_for_no_service():
    training = Absence(StaffId("A2"), day(0), day(0), AbsenceKind.TRAINING,
                       start_time=dt.time(13))
    scenario = busy_voice(advisor("A2"), advisor("A3"), absences=(training,))
    assessment = check(scenario, {"A2": MONDAY_ONLY, "A3": MONDAY_ONLY})
    # A2's break is 10:45-11:15 and A3's 12:45-13:15 (spread over the window)
    assert [planned(assessment, day(0), t) for t in ("12:30", "13:30")] == [2, 1]
    assert broken(assessment, "Absences") == []


def test_a_night_shift_counts_in_the_early_hours_of_the_next_day():
    night = early_pattern(code=PatternCode("N"), start=dt.time(22), end=dt.time(6),
                          days=tuple(range(7)))
    scenario = replace(busy_voice(advisor("A2")), patterns=(night,))
    assessment = check(scenario, {"A2": "N OFF OFF OFF OFF OFF N"})
    assert planned(assessment, day(1), "01:00") == 1
    assert planned(assessment, day(0), "22:00") == 1
    assert planned(assessment, day(6), "23:45") == 1  # the rest falls after the plan


def test_a_shift_off_the_interval_grid_counts_only_in_intervals_wholly_inside_it():
    odd = early_pattern(code=PatternCode("S"), start=dt.time(8, 45), end=dt.time(12, 15),
                        unpaid_break_minutes=0)
    hourly = weekday_demand("voice", {f"{h:02d}:00": 10.0 for h in range(7, 14)})
    scenario = team(advisor("A2"), demand=hourly, patterns=(odd,))
    scenario = replace(scenario, settings=replace(scenario.settings, interval_minutes=60))
    assessment = check(scenario, {"A2": "S"})
    hours = ("08:00", "09:00", "10:00", "11:00", "12:00")
    assert [planned(assessment, day(0), t) for t in hours] == [0, 1, 1, 1, 0]
