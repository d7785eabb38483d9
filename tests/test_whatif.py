"""What-if variants: each change's effect on a small scenario, its refusals, and the comparison
table of two plans' KPIs."""

from __future__ import annotations

import copy
import datetime as dt
import math
from dataclasses import replace
from pathlib import Path

import pytest

from planner.checks import check_rota
from planner.demand import expand_demand
from planner.io import load_scenario
from planner.kpis import ChannelFigures, Kpis, kpis_of
from planner.model import (
    Absence,
    AbsenceKind,
    ChannelName,
    DemandRow,
    ForbiddenSequence,
    Lock,
    PatternCode,
    PatternCover,
    PatternLimit,
    QueueName,
    RequestKind,
    Settings,
    ShiftPattern,
    ShiftRequest,
    StaffId,
)
from planner.plan import (
    Assessment,
    Breach,
    CaseDay,
    Costs,
    IntervalService,
    Plan,
    Progress,
    RotaCell,
    SolveStatus,
)
from planner.problems import Problem, ScenarioError, Severity
from planner.validate import check_scenario
from planner.whatif import (
    Absent,
    AddPattern,
    AddSkill,
    AddStaff,
    CoverPool,
    HandleTimeChange,
    OpeningDays,
    Outcome,
    RemovePattern,
    RemoveStaff,
    Unit,
    Variant,
    VariantError,
    VariantResult,
    VolumeChange,
    compare_rows,
    compare_table,
    read_variants,
    run_variants,
)
from planner.whatif.sheet import KINDS, VARIANTS, changes_table, guide_rows
from tests.factories import LATE, MONDAY, advisor, day, early_pattern, small_scenario

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

FRIDAY, SATURDAY = MONDAY + dt.timedelta(days=4), MONDAY + dt.timedelta(days=5)


def apply(base, *changes):
    return Variant("test", changes).apply(base)


def errors(scenario) -> list[str]:
    return [p.message for p in check_scenario(scenario) if p.severity is Severity.ERROR]


def volume_by(scenario, date: dt.date, channel: str) -> float:
    frame = expand_demand(scenario)
    return float(frame[(frame.date == date) & (frame.channel == channel)].volume.sum())


# --- volume and handle time ------------------------------------------------------------------


def test_volume_on_mondays_changes_monday_rows_only_and_by_exactly_the_factor():
    base = small_scenario()
    changed = apply(base, VolumeChange(1.5, channel="voice", weekday=0))
    assert len(changed.demand) == len(base.demand)
    mondays = 0
    for before, after in zip(base.demand, changed.demand, strict=True):
        if before.channel == "voice" and before.weekday == 0:
            assert after.volume == before.volume * 1.5
            mondays += 1
        else:
            assert after == before
    assert mondays == 40
    assert volume_by(changed, MONDAY, "voice") == pytest.approx(600.0)  # 40 x 10 x 1.5
    assert volume_by(changed, day(1), "voice") == pytest.approx(400.0)
    assert volume_by(changed, MONDAY, "email") == pytest.approx(35.0)


def test_volume_on_every_channel_and_day_scales_dated_rows_too():
    base = small_scenario()
    dated = DemandRow(ChannelName("email"), dt.time(10), 8.0, date=day(2))
    base = replace(base, demand=base.demand + (dated,))
    changed = apply(base, VolumeChange(0.5))
    assert [r.volume for r in changed.demand] == [r.volume * 0.5 for r in base.demand]


def test_volume_on_one_date_gets_dated_rows_of_its_own_and_leaves_other_dates():
    base = small_scenario()
    changed = apply(base, VolumeChange(2.0, channel="voice", date=day(1)))
    dated = [r for r in changed.demand if r.date is not None]
    assert len(dated) == 40 and {r.date for r in dated} == {day(1)}
    assert all(r.volume == 20.0 and r.weekday is None for r in dated)
    assert volume_by(changed, day(1), "voice") == pytest.approx(800.0)
    for other in (0, 2, 3, 4):
        assert volume_by(changed, day(other), "voice") == pytest.approx(400.0)
    assert volume_by(changed, day(1), "email") == pytest.approx(35.0)
    assert errors(changed) == []


def test_volume_on_a_date_with_dated_rows_scales_those_rows():
    base = small_scenario()
    dated = DemandRow(ChannelName("voice"), dt.time(9), 30.0, date=day(2))
    base = replace(base, demand=base.demand + (dated,))
    changed = apply(base, VolumeChange(1.5, channel="voice", date=day(2)))
    assert changed.demand[-1].volume == 45.0
    assert changed.demand[:-1] == base.demand[:-1]
    assert volume_by(changed, day(2), "voice") == pytest.approx(45.0)


def test_a_bank_holiday_a_channel_is_closed_for_has_nothing_to_scale():
    may_day = dt.date(2027, 5, 3)
    base = small_scenario(settings=Settings(plan_start=may_day, plan_days=7))
    with pytest.raises(VariantError, match="no contacts on voice on Mon 3 May"):
        apply(base, VolumeChange(2.0, channel="voice", date=may_day))


def test_handle_time_changes_the_channel_and_rows_with_their_own_handle_time():
    base = small_scenario()
    own = DemandRow(ChannelName("voice"), dt.time(7), 2.0, weekday=5, aht_seconds=600.0)
    base = replace(base, demand=base.demand + (own,))
    changed = apply(base, HandleTimeChange(factor=1.1, seconds=30, channel="voice"))
    assert changed.channel("voice").aht_seconds == pytest.approx(510 * 1.1 + 30)
    assert changed.demand[-1].aht_seconds == pytest.approx(600 * 1.1 + 30)
    assert changed.channel("email") == base.channel("email")
    assert changed.demand[:-1] == base.demand[:-1]
    every = apply(base, HandleTimeChange(factor=0.5))
    assert [c.aht_seconds for c in every.channels] == [255.0, 240.0]


# --- people ----------------------------------------------------------------------------------


def test_add_staff_copies_the_person_with_new_ids_and_names():
    base = small_scenario(
        staff=(advisor("A1", skills=("voice", "email"), patterns=(PatternCode("E"),),
                       name="Asha Patel", contract_hours=30.0, cover=True),
               advisor("A2")),
        pattern_limits=(PatternLimit(StaffId("A1"), PatternCode("E"), 3),),
    )
    changed = apply(base, AddStaff("A1", 2), AddStaff("A2"))
    new = changed.staff[2:]
    assert [(p.staff_id, p.name) for p in new] == [
        ("NEW1", "New advisor 1"), ("NEW2", "New advisor 2"), ("NEW3", "New advisor 3")]
    for person in new[:2]:
        assert person.skills == ("voice", "email")
        assert person.patterns == ("E",)
        assert (person.contract_hours, person.cover, person.team) == (30.0, True,
                                                                      "Contact centre")
    assert new[2].skills == ("voice",)
    assert [(x.staff_id, x.max_shifts) for x in changed.pattern_limits] == [
        ("A1", 3), ("NEW1", 3), ("NEW2", 3)]
    assert [a.staff_id for a in changed.absences] == ["A1"]  # absences are not copied
    assert errors(changed) == []


def test_remove_staff_drops_them_and_everything_about_them():
    base = small_scenario(
        locks=(Lock(StaffId("A1"), MONDAY, "E"), Lock(StaffId("A2"), MONDAY, "OFF")),
        shift_requests=(ShiftRequest(StaffId("A1"), day(1), "", RequestKind.AVOID, 5.0),),
        pattern_limits=(PatternLimit(StaffId("A1"), PatternCode("E"), 2),
                        PatternLimit(StaffId("A3"), PatternCode("E"), 4)),
    )
    changed = apply(base, RemoveStaff(("A1",)))
    assert [p.staff_id for p in changed.staff] == ["A2", "A3", "M1"]
    assert changed.absences == ()
    assert [x.staff_id for x in changed.locks] == ["A2"]
    assert changed.shift_requests == ()
    assert [x.staff_id for x in changed.pattern_limits] == ["A3"]
    assert errors(changed) == []
    assert [p.staff_id for p in apply(base, RemoveStaff("A2")).staff] == ["A1", "A3", "M1"]


def test_an_absence_takes_the_place_of_overlapping_leave_and_locks_on_a_shift():
    # A1 is on annual leave Wed-Thu; off sick Thu-Fri now; locked on E on Thu and OFF on Fri.
    base = small_scenario(locks=(Lock(StaffId("A1"), day(3), "E"),
                                 Lock(StaffId("A1"), day(4), "OFF"),
                                 Lock(StaffId("A2"), day(3), "E")))
    changed = apply(base, Absent(("A1", "A2"), day(3), day(4), AbsenceKind.SICKNESS))
    assert set(changed.absences) == {
        Absence(StaffId("A1"), day(2), day(2), AbsenceKind.ANNUAL_LEAVE),
        Absence(StaffId("A1"), day(3), day(4), AbsenceKind.SICKNESS),
        Absence(StaffId("A2"), day(3), day(4), AbsenceKind.SICKNESS),
    }
    assert changed.locks == (Lock(StaffId("A1"), day(4), "OFF"),)
    assert errors(changed) == []


def test_an_absence_inside_a_longer_one_splits_it_keeping_its_times():
    leave = Absence(StaffId("A1"), day(0), day(4), AbsenceKind.ANNUAL_LEAVE,
                    start_time=dt.time(13), end_time=dt.time(12))
    changed = apply(small_scenario(absences=(leave,)), Absent("A1", day(2), kind="training"))
    assert changed.absences == (
        replace(leave, end_date=day(1), end_time=None),
        replace(leave, start_date=day(3), start_time=None),
        Absence(StaffId("A1"), day(2), day(2), AbsenceKind.TRAINING),
    )
    assert errors(changed) == []


def test_add_skill_to_people_or_a_whole_team():
    base = small_scenario()
    by_team = apply(base, AddSkill("mutual_exchange", team="Contact centre"))
    assert [p.skills for p in by_team.staff] == [("voice", "email", "mutual_exchange")] * 3 + [
        ("mutual_exchange",)]
    by_ids = apply(base, AddSkill("voice", staff_ids=("M1",)))
    assert by_ids.staff[3].skills == ("mutual_exchange", "voice")
    assert by_ids.staff[:3] == base.staff[:3]


def test_cover_pool_off_removes_every_cover_person_and_on_keeps_them():
    base = small_scenario(staff=small_scenario().staff + (
        advisor("C1", cover=True), advisor("C2", cover=True)),
        absences=small_scenario().absences + (
            Absence(StaffId("C1"), day(0), day(0), AbsenceKind.TRAINING),))
    off = apply(base, CoverPool(on=False))
    assert [p.staff_id for p in off.staff] == ["A1", "A2", "A3", "M1"]
    assert [a.staff_id for a in off.absences] == ["A1"]
    assert apply(base, CoverPool(on=True)) == base
    with pytest.raises(VariantError, match="nobody in Staff is cover pool staff"):
        apply(small_scenario(), CoverPool(on=False))


# --- shift patterns --------------------------------------------------------------------------


def test_add_pattern_is_open_to_anyone_without_a_list_and_added_to_named_lists():
    base = small_scenario(staff=(advisor("A1", patterns=(PatternCode("E"),)),
                                 advisor("A2", patterns=(PatternCode("E"),)), advisor("A3")))
    changed = apply(base, AddPattern(LATE, staff_ids=("A1", "A3")))
    assert changed.patterns == (early_pattern(), LATE)
    assert [p.patterns for p in changed.staff] == [("E", "L"), ("E",), ()]
    assert errors(changed) == []


def test_remove_pattern_removes_it_wherever_it_is_named():
    base = small_scenario(
        patterns=(early_pattern(), LATE),
        staff=(advisor("A1", patterns=(PatternCode("E"), PatternCode("L"))), advisor("A2")),
        absences=(),
        locks=(Lock(StaffId("A1"), MONDAY, "L"), Lock(StaffId("A2"), MONDAY, "E")),
        pattern_cover=(PatternCover(MONDAY, PatternCode("L"), 1, 10.0, 1.0),),
        forbidden_sequences=(ForbiddenSequence(PatternCode("L"), PatternCode("E")),),
        shift_requests=(ShiftRequest(StaffId("A2"), MONDAY, "L", RequestKind.WANT, 3.0),
                        ShiftRequest(StaffId("A2"), day(1), "", RequestKind.WANT, 3.0)),
        pattern_limits=(PatternLimit(StaffId("A1"), PatternCode("L"), 2),),
    )
    changed = apply(base, RemovePattern("L"))
    assert changed.patterns == (early_pattern(),)
    assert changed.staff[0].patterns == ("E",)
    assert changed.locks == (Lock(StaffId("A2"), MONDAY, "E"),)
    assert changed.pattern_cover == () and changed.forbidden_sequences == ()
    assert [r.pattern for r in changed.shift_requests] == [""]
    assert changed.pattern_limits == ()
    assert errors(changed) == []


def test_remove_pattern_refuses_to_leave_someone_without_a_shift():
    base = small_scenario(patterns=(early_pattern(), LATE),
                          staff=(advisor("A1", name="Asha Patel", patterns=(PatternCode("L"),)),))
    with pytest.raises(VariantError, match=r"Asha Patel \(A1\) may only work shift pattern L"):
        apply(base, RemovePattern("L"))
    # Removing them first makes it possible.
    assert apply(base, RemoveStaff("A1"), RemovePattern("L")).patterns == (early_pattern(),)
    with pytest.raises(VariantError, match="E is the only shift pattern"):
        apply(small_scenario(), RemovePattern("E"))


# --- opening days ----------------------------------------------------------------------------


def test_closing_removes_weekday_rows_and_dated_rows_falling_on_those_days():
    base = small_scenario()
    on_friday = DemandRow(ChannelName("voice"), dt.time(9), 30.0, date=FRIDAY)
    on_thursday = DemandRow(ChannelName("voice"), dt.time(9), 30.0, date=day(3))
    base = replace(base, demand=base.demand + (on_friday, on_thursday))
    changed = apply(base, OpeningDays("voice", (4,), open=False))
    assert on_friday not in changed.demand and on_thursday in changed.demand
    assert not any(r.channel == "voice" and r.weekday == 4 for r in changed.demand)
    assert [r for r in base.demand if r.channel == "email"] == [
        r for r in changed.demand if r.channel == "email"]
    assert len(changed.demand) == len(base.demand) - 41
    assert volume_by(changed, FRIDAY, "voice") == 0.0
    assert volume_by(changed, FRIDAY, "email") == pytest.approx(35.0)
    assert volume_by(changed, day(3), "voice") == pytest.approx(30.0)


def test_opening_copies_the_profile_of_the_named_weekday():
    base = small_scenario()
    assert volume_by(base, SATURDAY, "voice") == 0.0
    changed = apply(base, OpeningDays("voice", (5, 6), open=True, like=4))
    friday = sorted((r.interval_start, r.volume) for r in changed.demand
                    if r.channel == "voice" and r.weekday == 4)
    for weekday in (5, 6):
        assert sorted((r.interval_start, r.volume) for r in changed.demand
                      if r.channel == "voice" and r.weekday == weekday) == friday
    assert volume_by(changed, SATURDAY, "voice") == pytest.approx(400.0)
    assert volume_by(changed, SATURDAY, "email") == 0.0
    assert errors(changed) == []


def test_opening_replaces_zero_rows_on_the_opened_weekday():
    base = small_scenario()
    zero = DemandRow(ChannelName("email"), dt.time(9), 0.0, weekday=5)
    base = replace(base, demand=base.demand + (zero,))
    changed = apply(base, OpeningDays("email", 5, open=True, like=0))
    assert zero not in changed.demand
    assert volume_by(changed, SATURDAY, "email") == pytest.approx(35.0)
    assert errors(changed) == []


@pytest.mark.parametrize("change, words", [
    (OpeningDays("voice", (5,), open=False), "voice is already closed on Saturdays"),
    (OpeningDays("voice", (4,), open=True, like=0), "voice is already open on Fridays"),
    (OpeningDays("voice", (5,), open=True), "say which weekday"),
    (OpeningDays("voice", (5,), open=True, like=6), "no weekly contacts on Sundays to copy"),
    (OpeningDays("voice", (7,), open=False), r"must be 0 \(Monday\) to 6 \(Sunday\), not 7"),
    (OpeningDays("chat", (5,), open=True, like=4), "there is no channel 'chat'"),
])
def test_opening_days_that_make_no_sense_are_refused(change, words):
    with pytest.raises(VariantError, match=words):
        apply(small_scenario(), change)


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("change, words", [
    (VolumeChange(1.2, channel="chat"), r"there is no channel 'chat' \(voice, email\)"),
    (VolumeChange(0.0), "the volume factor must be above 0, not 0"),
    (VolumeChange(-1.0, channel="voice"), "must be above 0, not -1"),
    (VolumeChange(float("nan")), "the volume factor must be a number"),
    (VolumeChange(1.2, weekday=9), r"must be 0 \(Monday\) to 6 \(Sunday\), not 9"),
    (VolumeChange(1.2, date=MONDAY + dt.timedelta(days=30)), "is not in the plan"),
    (VolumeChange(1.2, weekday=2, date=MONDAY), "Mon 1 Mar is not a Wednesday"),
    (VolumeChange(1.2, channel="voice", weekday=6), "no contacts on voice on Sundays"),
    (HandleTimeChange(factor=0), "the handle time factor must be above 0"),
    (HandleTimeChange(), "needs a factor other than 1 or some seconds"),
    (HandleTimeChange(seconds=-600, channel="voice"), "handle time on voice would be -90"),
    (AddStaff("Z9"), "there is nobody with staff_id 'Z9' in Staff"),
    (AddStaff("A1", 0), "at least 1, not 0"),
    (AddStaff("A1", 1.5), "whole number"),
    (RemoveStaff(("A1", "Z9")), "nobody with staff_id 'Z9'"),
    (RemoveStaff(()), "at least one person"),
    (Absent("Z9", MONDAY), "nobody with staff_id 'Z9'"),
    (Absent("A2", MONDAY, kind="holiday"), "'holiday' is not a kind of absence"),
    (Absent("A2", day(3), day(1)), "the absence ends \\(Tue 2 Mar\\) before it starts"),
    (Absent("A2", day(10), day(12)), "outside the plan"),
    (AddSkill("chat", team="Contact centre"), "'chat' is neither a channel nor a case queue"),
    (AddSkill("voice"), "name the people or the team"),
    (AddSkill("voice", team="Lettings"), "there is no team 'Lettings'"),
    (AddSkill("voice", staff_ids=("A1", "A2")), "everyone named already has the skill voice"),
    (AddPattern(early_pattern()), "there is already a shift pattern E"),
    (AddPattern(early_pattern(code=PatternCode("e"))), "already a shift pattern e"),
    (AddPattern(early_pattern(code=PatternCode("off"))), "off means a day or time not worked"),
    (AddPattern(early_pattern(code=PatternCode("X,Y"))), "has a comma"),
    (AddPattern(early_pattern(code=PatternCode("X"), unpaid_break_minutes=480)),
     "at least as long as shift pattern X"),
    (AddPattern(early_pattern(code=PatternCode("X"), days=())), "needs days from 0"),
    (AddPattern(LATE, staff_ids=("Z9",)), "nobody with staff_id 'Z9'"),
    (RemovePattern("N"), r"there is no shift pattern 'N' \(E\)"),
])
def test_a_change_that_does_not_fit_is_refused_in_words(change, words):
    with pytest.raises(VariantError, match=words):
        apply(small_scenario(), change)


def test_the_refusal_names_the_variant_and_the_change():
    variant = Variant("Busy Monday", (VolumeChange(1.1), VolumeChange(1.2, channel="chat")))
    with pytest.raises(VariantError) as caught:
        variant.apply(small_scenario())
    assert str(caught.value).startswith("Busy Monday, change 2 (Chat volume x 1.2): ")
    assert isinstance(caught.value, ValueError)


def test_a_variant_leaving_a_scenario_that_cannot_be_planned_is_refused():
    close_all = (OpeningDays("voice", range(5), open=False),
                 OpeningDays("email", range(5), open=False))
    with pytest.raises(VariantError, match="Nothing to do.*cannot be planned: Demand: Demand has "
                                           "no rows"):
        Variant("Nothing to do", close_all).apply(small_scenario())


def test_something_that_is_not_a_change_is_refused():
    with pytest.raises(VariantError, match="change 1: str is not a change"):
        Variant("odd", ("more voice",)).apply(small_scenario())
    with pytest.raises(VariantError, match="needs a name"):
        Variant("  ", ()).apply(small_scenario())


def test_the_base_is_left_as_it_was():
    base = small_scenario()
    kept = copy.deepcopy(base)
    variant = Variant("everything", (
        VolumeChange(1.5, channel="voice", weekday=0), HandleTimeChange(factor=1.2),
        AddStaff("A2", 2), RemoveStaff("A3"), Absent("A2", day(1), kind="sickness"),
        AddSkill("mutual_exchange", team="Contact centre"), AddPattern(LATE),
        RemovePattern("E"), OpeningDays("voice", (5,), open=True, like=0)))
    changed = variant.apply(base)
    assert base == kept == small_scenario()
    assert changed != base
    assert errors(changed) == []


def test_the_sample_scenario_stays_plannable_after_every_kind_of_change():
    base = load_scenario(SAMPLES / "housing-1-week.xlsx").require()
    start = base.settings.plan_start
    variant = Variant("Summer", (
        VolumeChange(1.2, channel="voice", weekday=0),
        VolumeChange(0.8, date=start + dt.timedelta(days=3)),
        HandleTimeChange(seconds=30, channel="chat"),
        AddStaff(base.staff[0].staff_id, 2),
        RemoveStaff(base.staff[1].staff_id),
        Absent(base.staff[2].staff_id, start, start + dt.timedelta(days=2), "training"),
        AddSkill("reception", staff_ids=(base.staff[3].staff_id,)),
        AddPattern(ShiftPattern(PatternCode("M"), dt.time(10), dt.time(14), 0, (0, 1, 2, 3, 4))),
        OpeningDays("chat", (5,), open=True, like=4),
        OpeningDays("reception", (4,), open=False),
        CoverPool(on=False),
    ))
    changed = variant.apply(base)
    assert errors(base) == [] and errors(changed) == []
    assert len(changed.staff) == len(base.staff) + 2 - 1 - sum(p.cover for p in base.staff)


# --- describe --------------------------------------------------------------------------------


def test_describe_gives_one_plain_line_per_change():
    base = small_scenario(staff=(advisor("S004", name="Asha Patel"), advisor("S005")))
    variant = Variant("Plan B", (
        VolumeChange(1.2, channel="voice", weekday=0),
        VolumeChange(0.9, date=MONDAY),
        HandleTimeChange(factor=1.1, channel="voice"),
        HandleTimeChange(seconds=-20),
        AddStaff("S004", 2),
        AddStaff("S005"),
        RemoveStaff(("S004", "S005")),
        Absent(("S004",), MONDAY, day(4), AbsenceKind.ANNUAL_LEAVE),
        Absent("S005", MONDAY, kind="sickness"),
        AddSkill("email", team="Contact centre"),
        AddSkill("chat", staff_ids=("S004",)),
        AddPattern(LATE),
        RemovePattern("E"),
        OpeningDays("chat", (6,), open=True, like=5),
        OpeningDays("mutual_exchange", (5, 6), open=False),
        CoverPool(on=False),
        CoverPool(on=True),
    ))
    assert variant.describe(base) == [
        "Voice volume x 1.2 on Mondays",
        "Volume on every channel x 0.9 on Mon 1 Mar",
        "Voice handle time x 1.1",
        "Handle time on every channel -20 s",
        "2 more people like Asha Patel (S004)",
        "1 more person like Advisor S005 (S005)",
        "Asha Patel (S004) and Advisor S005 (S005) leave the plan",
        "Asha Patel (S004) on annual leave 1 Mar to 5 Mar",
        "Advisor S005 (S005) off sick Mon 1 Mar",
        "The Contact centre team also take email",
        "Asha Patel (S004) also takes chat",
        "New shift pattern L 12:00-20:00 (30 min unpaid break), Mon-Fri",
        "Without shift pattern E",
        "Chat opens on Sundays (profile of Saturday)",
        "Mutual exchange closes on Saturdays and Sundays",
        "Cover pool off",
        "Cover pool on",
    ]
    # Without the base, people are named by their ids.
    assert variant.describe()[4] == "2 more people like S004"


# --- the comparison table --------------------------------------------------------------------


def test_compare_rows_formats_each_figure_for_reading():
    scenario = small_scenario()
    coverage = (IntervalService(MONDAY, dt.time(9), "voice", 10.0, 3, 3, 0.805, 80.0, 0.05),)
    caseload = (CaseDay(QueueName("mutual_exchange"), MONDAY, 3.0, 2.0, 13.0, 0.0),)
    first = kpis_of(scenario, Assessment(coverage, caseload, (), Costs(
        paid_hours=1234.5, cover_hours=7.5, pay=1234.4)))
    second = kpis_of(scenario, Assessment((), (), (), Costs(paid_hours=40.0)))
    rows = dict(compare_rows([("Base", first), ("Plan B", second)]))
    assert rows["Paid hours"] == ["1,234.5", "40"]
    assert rows["Cover hours"] == ["7.5", "0"]
    assert rows["Cost"] == ["£1,234", "£0"]
    assert rows["Voice service level"] == ["80.5%", "-"]
    assert rows["Voice average wait"] == ["1 min 20 s", "-"]
    assert rows["Voice abandonment"] == ["5.0%", "-"]
    assert rows["Mutual exchange on-time rate"] == ["100.0%", "-"]
    assert rows["Mutual exchange largest backlog"] == ["13", "0"]
    assert rows["Broken rules"] == ["0", "0"]


def test_compare_rows_show_each_variants_avoidable_contacts_and_their_phone_hours():
    chasing = replace(small_scenario().case_queues[0], chase_rate=0.1)
    scenario = replace(small_scenario(), case_queues=(chasing,))
    days = [CaseDay(chasing.name, MONDAY + dt.timedelta(days=d), 0.0, 0.0, 10.0, 0.0,
                    avoidable=a) for d, a in enumerate((7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))]
    fewer = [replace(day, avoidable=day.avoidable / 2) for day in days]
    results = [(name, kpis_of(scenario, Assessment((), tuple(found), (), Costs())))
               for name, found in (("Base", days), ("Updates", fewer))]

    rows = dict(compare_rows(results))

    assert rows["Mutual exchange avoidable contacts a week"] == ["7", "3.5"]
    # 7 calls of 510 s in a one-week plan are 0.99 hours, shown as "1"; half of it, 0.5.
    assert scenario.channel("voice").aht_seconds == 510
    assert rows["Mutual exchange avoidable phone hours a week"] == ["1", "0.5"]


def test_compare_rows_on_the_checked_rotas_of_a_base_and_a_variant():
    base = small_scenario(absences=())
    bigger = Variant("One more", (AddStaff("A2"),)).apply(base)

    def kpis(scenario, people):
        cells = [RotaCell(StaffId(p), day(i), "E" if i < 5 else "OFF")
                 for p in people for i in range(7)]
        return kpis_of(scenario, check_rota(scenario, cells))

    results = [("Base", kpis(base, ("A1", "A2"))), ("One more", kpis(bigger, ("A1", "A2", "NEW1")))]
    rows = compare_rows(results)
    assert [label for label, _ in rows] == [
        "Paid hours", "Cover hours", "Cost", "Voice service level", "Voice average wait",
        "Voice abandonment", "Mutual exchange on-time rate", "Mutual exchange largest backlog",
        "Email on-time rate", "Email largest backlog", "Broken rules"]
    table = dict(rows)
    assert table["Paid hours"] == ["75", "112.5"]  # 7.5 paid hours x 5 days x 2 or 3 people
    assert table["Cost"] == [f"£{round(k.cost.total):,}" for _, k in results]
    assert table["Broken rules"] == [str(len(k.breaches)) for _, k in results]
    base_level, bigger_level = (float(cell.rstrip("%")) for cell in table["Voice service level"])
    assert bigger_level > base_level
    waits = table["Voice average wait"]
    assert all(cell.endswith(" s") or cell == "never answered" for cell in waits)


def figures(paid: float, pay: float, broken: int = 0, **channels: ChannelFigures) -> Kpis:
    """A plan's figures as the comparison reads them: paid hours, pay, broken rules and
    service on the channels named."""
    breach = Breach("rest", (), (), 1.0, "hours", "rest")
    return Kpis(paid_hours=paid, cover_hours=0.0, cost=Costs(paid_hours=paid, pay=pay),
                channels=tuple(channels.values()), queues=(), avoidable=(),
                breaches=(breach,) * broken)


def test_a_channel_only_one_plan_has_shows_a_dash_for_the_other():
    chat = ChannelFigures("chat", 5.0, 0.5, math.inf, 0.2)
    rows = dict(compare_rows([("A", figures(1.0, 9.6, 2, chat=chat)), ("B", figures(1.0, 10.4))]))
    assert rows["Chat average wait"] == ["never answered", "-"]
    assert rows["Chat service level"] == ["50.0%", "-"]
    assert rows["Cost"] == ["£10", "£10"]
    assert rows["Broken rules"] == ["2", "0"]


def test_compare_table_keeps_the_numbers_and_says_which_way_is_better():
    one = figures(100.0, 1000.0, 2, voice=ChannelFigures("voice", 9.0, 0.7, 90.0, 0.1))
    two = figures(110.0, 900.0, 2, voice=ChannelFigures("voice", 9.0, 0.8, math.inf, 0.2))
    rows = {row.label: row for row in compare_table([("Base", one), ("B", two)])}
    assert rows["Paid hours"].change(1) == 10.0 and rows["Paid hours"].better(1) is None
    assert rows["Cost"].change(1) == -100.0 and rows["Cost"].better(1) is True
    assert rows["Voice service level"].better(1) is True
    assert rows["Voice abandonment"].better(1) is False
    assert rows["Broken rules"].better(1) is None  # no change
    wait = rows["Voice average wait"]
    assert wait.unit is Unit.SECONDS and wait.change(1) is None
    assert wait.cells() == ["1 min 30 s", "never answered"]


# --- solving the base and its variants in turn -----------------------------------------------


def quick_plan(scenario, cost: float = 100.0) -> Plan:
    cells = tuple(RotaCell(s.staff_id, day(i), "OFF") for s in scenario.staff for i in range(7))
    assessment = check_rota(scenario, cells)
    return Plan(SolveStatus.FEASIBLE, cells, (), assessment, objective=cost, bound=cost / 2,
                gap=0.5, wall_seconds=0.1)


def test_a_variant_solved_without_a_bound_says_so_rather_than_a_gap_of_100_percent():
    plan = replace(quick_plan(small_scenario()), bound=0.0, gap=1.0)
    result = VariantResult("Base", (), Outcome.SOLVED, plan=plan)
    assert result.status == "solved, no bound yet"
    assert replace(result, plan=replace(plan, bound=90.0, gap=0.1)).status == "solved, gap 10.0%"


def test_run_variants_solves_the_base_then_each_variant_and_reports_each_step():
    base = small_scenario()
    seen, said = [], []

    def solve(scenario, on_progress=None, should_stop=None):
        seen.append(len(scenario.staff))
        on_progress(Progress(0.5, 120.0, 60.0, 0.5, 1))
        return quick_plan(scenario)

    variants = [Variant("One more", (AddStaff("A2"),)), Variant("Fax", (VolumeChange(2, "fax"),)),
                Variant("Two more", (AddStaff("A2", 2),))]
    results = run_variants(base, variants, solve, on_progress=said.append)
    assert seen == [4, 5, 6]  # the variant that does not fit is never solved
    assert [r.name for r in results] == ["Base", "One more", "Fax", "Two more"]
    assert [r.outcome for r in results] == [Outcome.SOLVED, Outcome.SOLVED,
                                           Outcome.DOES_NOT_FIT, Outcome.SOLVED]
    assert results[0].changes == ("the scenario as it is",)
    assert results[1].changes == ("1 more person like Advisor A2 (A2)",)
    assert "no channel 'fax'" in results[2].problem and results[2].plan is None
    assert results[3].kpis == kpis_of(results[3].scenario, results[3].plan.assessment)
    assert results[3].status == "solved, gap 50.0%"
    # Per scenario: its start, its solve's progress, its end; Fax only starts and ends.
    assert [(p.number, p.solve is not None, p.result is not None) for p in said] == [
        (1, False, False), (1, True, False), (1, False, True),
        (2, False, False), (2, True, False), (2, False, True),
        (3, False, False), (3, False, True),
        (4, False, False), (4, True, False), (4, False, True)]
    assert {p.total for p in said} == {4}


def test_a_stop_keeps_the_solve_under_way_and_starts_no_more():
    stopped = []

    def solve(scenario, on_progress=None, should_stop=None):
        stopped.append(True)  # asked to stop while the first variant searches
        return quick_plan(scenario)

    variants = [Variant("One more", (AddStaff("A2"),)), Variant("Two more", (AddStaff("A2", 2),))]
    results = run_variants(small_scenario(), variants, solve,
                           should_stop=lambda: len(stopped) >= 2)
    assert [r.outcome for r in results] == [Outcome.SOLVED, Outcome.STOPPED, Outcome.NOT_RUN]
    assert results[1].plan is not None and results[1].status.startswith("stopped early")
    assert results[2].status == "not solved (stopped)" and results[2].kpis is None


def test_a_scenario_the_solver_refuses_or_finds_no_rota_for_is_said_and_the_rest_go_on():
    def solve(scenario, on_progress=None, should_stop=None):
        if len(scenario.staff) == 5:
            raise ScenarioError([Problem(Severity.ERROR, "A2 cannot work any shift")])
        if len(scenario.staff) == 6:
            return replace(quick_plan(scenario), status=SolveStatus.NO_PLAN)
        return quick_plan(scenario)

    variants = [Variant("One more", (AddStaff("A2"),)), Variant("Two more", (AddStaff("A2", 2),)),
                Variant("Busier", (VolumeChange(1.1),))]
    results = run_variants(small_scenario(), variants, solve)
    assert [r.outcome for r in results] == [Outcome.SOLVED, Outcome.REFUSED, Outcome.NO_ROTA,
                                           Outcome.SOLVED]
    assert results[1].problem == "A2 cannot work any shift"
    assert "no rota was found" in results[2].problem


# --- the Variants sheet ------------------------------------------------------------------------


def variants_workbook(path: Path, rows: list[dict]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Variants"
    names = [column.name for column in VARIANTS.columns]
    sheet.append(names)
    for row in rows:
        sheet.append([row.get(name) for name in names])
    book.save(path)
    return path


def test_rows_of_one_name_make_one_variant_with_the_dialogs_changes(tmp_path):
    base = small_scenario()
    path = variants_workbook(tmp_path / "v.xlsx", [
        {"variant": "Busy start", "change": "volume", "channel": "voice", "factor": 1.5,
         "days": "Mon, Fri"},
        {"variant": "Calm", "change": "handle_time", "factor": 0.9},
        {"variant": "busy START", "change": "people_away", "staff_ids": "A2, A3",
         "date": "2027-03-02", "end_date": "2027-03-03", "absence": "Sickness"},
        {"variant": "Busy start", "change": "new_pattern", "pattern": "L", "start": "12:00",
         "end": "20:00", "unpaid_break_minutes": 30, "days": "Mon-Fri", "staff_ids": "A1"},
        {"variant": "Calm", "change": "cover_pool_off"},
    ])
    read = read_variants(path, base)
    assert [(p.where, p.message) for p in read.errors] == [
        ("v.xlsx, Variants, row 6, column change", "Calm: nobody in Staff is cover pool staff "
         "(cover = yes), so there is no cover pool to turn off")]
    assert [v.name for v in read.variants] == ["Busy start"]  # Calm has an error: left out
    busy = read.variants[0]
    assert busy.name == "Busy start"
    assert busy.changes == (
        VolumeChange(1.5, "voice", 0), VolumeChange(1.5, "voice", 4),
        Absent(("A2", "A3"), day(1), day(2), "sickness"),
        AddPattern(LATE, ("A1",)))
    assert busy.apply(base) is not None


def test_the_format_guide_describes_the_variants_sheet_as_the_reader_reads_it():
    from planner.io.describe import sheet_table

    guide = (SAMPLES.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert sheet_table(VARIANTS) in guide
    assert changes_table() in guide
    assert {row[0][1] for row in guide_rows()} == {kind.word for kind in KINDS}
