"""The bundled samples load cleanly, tell the housing story in numbers, and match their script."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from planner.calendar import bank_holidays
from planner.io import load_scenario
from planner.model import AbsenceKind, ChannelKind, DeadlineBasis, Scenario
from planner.staffing import staffing_table

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BIG = SAMPLES / "housing-4-weeks.xlsx"
SMALL = SAMPLES / "housing-1-week.xlsx"
SMALL_CSV = SAMPLES / "housing-1-week-csv"
CONTACT_CENTRE = "Contact centre"


def _load(path: Path) -> Scenario:
    result = load_scenario(path)
    listed = "\n".join(str(p) for p in result.problems)
    assert not result.errors, f"{path.name} has errors:\n{listed}"
    assert not result.warnings, f"{path.name} has warnings:\n{listed}"
    assert result.scenario is not None
    return result.scenario


@pytest.fixture(scope="module")
def big() -> Scenario:
    return _load(BIG)


@pytest.fixture(scope="module")
def small() -> Scenario:
    return _load(SMALL)


def _make_samples():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _weekday_totals(scenario: Scenario, channel: str) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for row in scenario.demand:
        if row.channel == channel and row.weekday is not None:
            totals[row.weekday] += row.volume
    return totals


def _advisors(scenario: Scenario):
    return [s for s in scenario.staff if s.team == CONTACT_CENTRE]


@pytest.mark.parametrize("path", [BIG, SMALL, SMALL_CSV], ids=lambda p: p.name)
def test_each_committed_sample_loads_with_no_errors_or_warnings(path):
    scenario = _load(path)
    assert scenario.demand


def test_big_sample_is_four_weeks_of_quarter_hours_from_a_monday(big):
    assert big.settings.plan_days == 28
    assert big.settings.interval_minutes == 15
    assert big.settings.plan_start.weekday() == 0
    assert 0.25 <= big.settings.shrinkage <= 0.35


def test_big_sample_has_the_five_channels(big):
    kinds = {c.name: c.kind for c in big.channels}
    assert kinds == {
        "voice": ChannelKind.VOICE,
        "chat": ChannelKind.CHAT,
        "reception": ChannelKind.RECEPTION,
        "email": ChannelKind.EMAIL,
        "emergency_repairs": ChannelKind.VOICE,
    }
    voice = big.channel("voice")
    assert voice.aht_seconds == 720
    assert (voice.service_level_target, voice.target_answer_seconds) == (0.8, 240)
    assert voice.max_abandon_rate == 0.1 and voice.max_asa_seconds == 120
    assert big.channel("chat").concurrency == 2
    assert big.channel("emergency_repairs").open_on_bank_holidays
    assert not voice.open_on_bank_holidays


def test_big_sample_has_about_thirty_advisors_with_mixed_contracts_and_skills(big):
    advisors = _advisors(big)
    assert 25 <= len(advisors) <= 35
    contracts = {a.contract_hours for a in advisors}
    assert 37.5 in contracts
    assert any(hours < 37.5 for hours in contracts), "no part-time contracts"
    channels = {c.name for c in big.channels}
    skill_counts = [len(set(a.skills) & channels) for a in advisors]
    specialists = [a for a, n in zip(advisors, skill_counts, strict=True) if n == 1]
    multi_skilled = [a for a, n in zip(advisors, skill_counts, strict=True) if n >= 3]
    assert specialists and len(multi_skilled) > len(advisors) / 2
    assert {a.skills for a in specialists} >= {("reception",), ("chat",), ("voice",)}
    for person in advisors:
        assert person.min_hours <= person.contract_hours <= person.max_hours


def test_big_sample_has_a_mutual_exchange_team_of_four_with_a_42_day_deadline_and_backlog(big):
    team = [s for s in big.staff if "mutual_exchange" in s.skills and not s.cover]
    assert len(team) == 4
    queue = {q.name: q for q in big.case_queues}["mutual_exchange"]
    assert (queue.deadline_days, queue.deadline_basis) == (42, DeadlineBasis.CALENDAR)
    open_cases = [b for b in big.backlog if b.queue == "mutual_exchange"]
    assert sum(b.count for b in open_cases) >= 20
    start = big.settings.plan_start
    days_left = [(b.opened_date + dt.timedelta(days=42) - start).days for b in open_cases]
    assert min(days_left) <= 7, "no open case close to its deadline"
    assert all(b.opened_date < start for b in open_cases)
    assert any(a.queue == "mutual_exchange" and a.new_cases > 0 for a in big.case_arrivals)


def test_big_sample_has_a_complaints_queue_with_a_ten_working_day_deadline(big):
    queue = {q.name: q for q in big.case_queues}["complaints"]
    assert (queue.deadline_days, queue.deadline_basis) == (10, DeadlineBasis.WORKING)
    assert sum(b.count for b in big.backlog if b.queue == "complaints") > 0
    assert 2 <= len([s for s in big.staff if s.team == "Complaints"]) <= 3


def test_big_sample_has_a_cover_pool_of_three_from_other_teams(big):
    cover = [s for s in big.staff if s.cover]
    assert len(cover) == 3
    assert all({"mutual_exchange", "complaints"} & set(s.skills) for s in cover)
    assert all(s.team not in (CONTACT_CENTRE, "Mutual exchange", "Complaints") for s in cover)
    usual = max(s.hourly_cost for s in big.staff if not s.cover)
    assert min(s.hourly_cost for s in cover) > usual


def test_two_mutual_exchange_officers_are_on_annual_leave_in_the_same_week(big):
    team = {s.staff_id for s in big.staff if "mutual_exchange" in s.skills and not s.cover}
    leave = [
        a for a in big.absences if a.staff_id in team and a.kind is AbsenceKind.ANNUAL_LEAVE
    ]
    weeks = defaultdict(set)
    for absence in leave:
        day = absence.start_date
        while day <= absence.end_date:
            weeks[day.isocalendar()[:2]].add(absence.staff_id)
            day += dt.timedelta(days=1)
    assert max(len(people) for people in weeks.values()) >= 2


def test_sams_two_weeks_of_annual_leave_fall_inside_the_plan(big):
    sam = next(s for s in big.staff if s.name.startswith("Sam "))
    leave = [a for a in big.absences if a.staff_id == sam.staff_id]
    assert len(leave) == 1 and leave[0].kind is AbsenceKind.ANNUAL_LEAVE
    assert (leave[0].end_date - leave[0].start_date).days >= 11
    assert big.settings.plan_start <= leave[0].start_date
    assert leave[0].end_date <= big.settings.plan_end


def test_big_sample_has_a_bank_holiday_inside_the_plan(big):
    found = bank_holidays(big.settings.region, big.settings.plan_start, big.settings.plan_end)
    assert dt.date(2027, 5, 3) in found


def test_out_of_hours_staff_may_work_a_shift_pattern_crossing_midnight(big):
    night = {p.code for p in big.patterns if p.crosses_midnight}
    assert night
    assert any(set(s.patterns) & night and "emergency_repairs" in s.skills for s in big.staff)


def test_weekly_calls_are_about_six_thousand_with_monday_the_busiest(big):
    days = _weekday_totals(big, "voice")
    assert abs(sum(days.values()) - 6000) <= 600
    assert max(days, key=days.get) == 0
    monday = [r for r in big.demand if r.channel == "voice" and r.weekday == 0]
    before_11 = sum(r.volume for r in monday if r.interval_start < dt.time(11))
    assert 0.30 <= before_11 / days[0] <= 0.37
    assert days.get(6, 0) == 0, "the contact centre is closed on Sunday"


def test_monday_morning_is_the_busiest_quarter_hour_of_a_usual_week(big):
    peak = {}
    for row in big.demand:
        if row.channel == "voice" and row.weekday is not None:
            peak[row.weekday] = max(peak.get(row.weekday, 0), row.volume)
    assert max(peak, key=peak.get) == 0


def test_friday_has_a_second_peak_after_one_oclock(big):
    friday = [r for r in big.demand if r.channel == "voice" and r.weekday == 4]
    busiest = max(friday, key=lambda r: r.volume)
    assert busiest.interval_start >= dt.time(13)


def test_chat_is_about_a_quarter_of_voice_and_email_about_150_a_day(big):
    voice = sum(_weekday_totals(big, "voice").values())
    chat = sum(_weekday_totals(big, "chat").values())
    assert 0.2 <= chat / voice <= 0.3
    email = _weekday_totals(big, "email")
    assert all(130 <= email[day] <= 170 for day in range(5))


def test_the_day_after_the_bank_holiday_has_its_own_busier_calls(big):
    dated = [r for r in big.demand if r.channel == "voice" and r.date == dt.date(2027, 5, 4)]
    assert sum(r.volume for r in dated) > _weekday_totals(big, "voice")[1]


def _hours(table, channels, column="agents_needed") -> float:
    rows = table[table["channel"].isin(channels)]
    return float(rows[column].sum()) * 15 / 60


def test_voice_at_twelve_minutes_needs_more_hours_than_the_advisors_have_and_fits_at_8_5(big):
    """The housing sample's story, on talk time alone: 12-minute calls outrun the contact
    centre's contracted hours over the plan, industry-norm 8.5-minute calls do not."""
    contracted = sum(s.contract_hours for s in _advisors(big)) * big.settings.plan_days / 7
    today = _hours(staffing_table(big), ["voice"])
    faster = replace(big.channel("voice"), aht_seconds=510.0)
    channels = tuple(faster if c.name == "voice" else c for c in big.channels)
    industry = _hours(staffing_table(replace(big, channels=channels)), ["voice"])
    assert today > contracted > industry


def test_small_sample_is_one_quiet_week_without_out_of_hours(small):
    assert small.settings.plan_days == 7
    assert small.settings.plan_start.weekday() == 0
    assert {c.name for c in small.channels} == {"voice", "chat", "reception", "email"}
    assert not bank_holidays(small.settings.region, small.settings.plan_start,
                             small.settings.plan_end)
    assert 8 <= len(_advisors(small)) <= 12
    assert len([s for s in small.staff if s.team == "Mutual exchange"]) == 2
    assert len([s for s in small.staff if s.cover]) == 1


def _hours_away(scenario: Scenario, people) -> float:
    """Contracted hours lost to absences inside the plan (a working day is a fifth of the week)."""
    by_id = {p.staff_id: p for p in people}
    lost = 0.0
    for absence in scenario.absences:
        person = by_id.get(absence.staff_id)
        if person is None:
            continue
        if absence.is_part_day:
            start, end = absence.start_time, absence.end_time
            lost += (end.hour - start.hour) + (end.minute - start.minute) / 60
            continue
        days = [d for d in scenario.settings.dates if absence.start_date <= d <= absence.end_date]
        lost += sum(d.weekday() < 5 for d in days) * person.contract_hours / 5
    return lost


def test_small_sample_work_fits_its_team_after_shrinkage_and_absences(small):
    advisors = _advisors(small)
    available = sum(s.contract_hours for s in advisors) - _hours_away(small, advisors)
    table = staffing_table(small)
    needed = _hours(table, ["voice", "chat", "reception", "email"], "required")
    assert 0.75 * available <= needed <= available


def test_the_csv_folder_and_the_small_workbook_are_the_same_scenario(small):
    assert _load(SMALL_CSV) == small


def test_regenerating_the_samples_gives_the_committed_scenarios(tmp_path, big, small):
    make_samples = _make_samples()
    assert make_samples.housing_4_weeks() == big
    assert make_samples.housing_1_week() == small
    written = make_samples.write_samples(tmp_path)
    assert sorted(p.name for p in written) == sorted([BIG.name, SMALL.name, SMALL_CSV.name])
    assert _load(tmp_path / BIG.name) == big
    assert _load(tmp_path / SMALL.name) == small
    committed = {p.name: p.read_bytes() for p in SMALL_CSV.iterdir()}
    fresh = {p.name: p.read_bytes() for p in (tmp_path / SMALL_CSV.name).iterdir()}
    assert fresh == committed
