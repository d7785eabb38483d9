"""A saved scenario loads back as exactly the scenario that was saved, as workbook or CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io import load_scenario, save_scenario
from planner.model import (
    Absence,
    AbsenceKind,
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    ChannelKind,
    ChannelName,
    DeadlineBasis,
    DemandRow,
    ForbiddenSequence,
    Lock,
    PatternCode,
    PatternCover,
    PatternLimit,
    QueueName,
    Region,
    RequestKind,
    Rules,
    Scenario,
    Settings,
    ShiftPattern,
    ShiftRequest,
    StaffId,
)
from tests.factories import advisor, early_pattern, email, small_scenario, voice, weekday_demand

START = dt.date(2027, 3, 29)  # Easter Monday week, so bank holidays fall inside the plan


def full_scenario() -> Scenario:
    """Every optional field filled, with awkward floats, wrapping days and part-day absences."""
    chat = voice(name=ChannelName("chat"), kind=ChannelKind.CHAT, concurrency=2,
                 aht_seconds=420.25, patience_seconds=None, max_abandon_rate=None)
    reception = voice(name=ChannelName("reception"), kind=ChannelKind.RECEPTION,
                      open_on_bank_holidays=True, max_asa_seconds=240.5, max_occupancy=0.85)
    curve = {"08:00": 0.1 + 0.2, "08:30": 1 / 3, "09:00": 12.5, "17:30": 1e-7}
    dated = (
        DemandRow(ChannelName("voice"), dt.time(8), 99.75, date=START + dt.timedelta(days=1),
                  aht_seconds=600.0),
        DemandRow(ChannelName("voice"), dt.time(8, 30), 0.0, date=START + dt.timedelta(days=1)),
    )
    night = ShiftPattern(PatternCode("N"), dt.time(22), dt.time(6), 45, (5, 6, 0))
    late = early_pattern(code=PatternCode("L"), start=dt.time(10, 30), end=dt.time(0),
                         days=(0, 2, 4))
    return Scenario(
        settings=Settings(START, 28, 30, Region.SCOTLAND, 0.1 + 0.2),
        channels=(voice(max_asa_seconds=240.0, max_occupancy=0.9), chat, reception, email()),
        demand=weekday_demand("voice", curve, weekdays=range(7))
        + weekday_demand("chat", {"09:00": 3.0}) + weekday_demand("reception", {"10:00": 2.0})
        + weekday_demand("email", {"09:00": 20.0}) + dated,
        staff=(
            advisor("A1", skills=("voice", "chat"), name="Patel, Sam", patterns=("E", "N")),
            advisor("A2", skills=("voice", "reception", "email"), name="Siân Ó Dálaigh",
                    team="", cover=True, hourly_cost=15.37, contract_hours=22.5),
            advisor("0042", skills=("mutual_exchange", "complaints", "voice"),
                    name="=not a formula", team="Mutual exchange", max_days_per_week=4,
                    min_paid_minutes=4000, max_paid_minutes=9000, max_consecutive_days=4,
                    min_consecutive_days=2, min_consecutive_days_off=2, max_weekends=3),
        ),
        patterns=(early_pattern(), late, night),
        absences=(
            Absence(StaffId("A1"), START, START + dt.timedelta(days=4), AbsenceKind.ANNUAL_LEAVE),
            Absence(StaffId("A2"), START + dt.timedelta(days=7), START + dt.timedelta(days=7),
                    AbsenceKind.SICKNESS, dt.time(13), dt.time(17, 30, 15)),
            Absence(StaffId("0042"), START + dt.timedelta(days=9),
                    START + dt.timedelta(days=9), AbsenceKind.TRAINING, None, dt.time(12)),
        ),
        case_queues=(
            CaseQueue(QueueName("mutual_exchange"), 90.0, 42, DeadlineBasis.CALENDAR, 0.95),
            CaseQueue(QueueName("complaints"), 47.5, 10, DeadlineBasis.WORKING, 1.0),
        ),
        case_arrivals=(
            CaseArrival(QueueName("mutual_exchange"), 3.0, weekday=0),
            CaseArrival(QueueName("complaints"), 2.5, weekday=4),
            CaseArrival(QueueName("complaints"), 7.0, date=START + dt.timedelta(days=2)),
        ),
        backlog=(
            BacklogEntry(QueueName("mutual_exchange"), dt.date(2027, 2, 1), 12),
            BacklogEntry(QueueName("complaints"), dt.date(2027, 3, 20), 4),
        ),
        rules=Rules(min_rest_hours=10.5, max_consecutive_days=5, min_consecutive_days=2,
                    min_consecutive_days_off=3, max_weekly_hours=45.0,
                    max_weekends_per_4_weeks=2, late_shift_end=dt.time(19, 30),
                    standard_hourly_cost=13.25, cover_premium=0.4, missed_contact_cost=1.5,
                    abandoned_contact_cost=3.25, overdue_case_cost=12.0, fairness_cost=2.5,
                    breach_cost=50_000.0,
                    extra=(("late_shift_fairness", "high"), ("note", "= keep it simple"))),
        pattern_cover=(
            PatternCover(START, PatternCode("E"), 3, 100.0, 1.0),
            PatternCover(START + dt.timedelta(days=1), PatternCode("N"), 0, 2.5, 0.0),
        ),
        forbidden_sequences=(ForbiddenSequence(PatternCode("N"), PatternCode("E")),),
        shift_requests=(
            ShiftRequest(StaffId("A1"), START + dt.timedelta(days=5), "E", RequestKind.WANT, 3.0),
            ShiftRequest(StaffId("A2"), START + dt.timedelta(days=6), "", RequestKind.AVOID,
                         10.0),
        ),
        pattern_limits=(PatternLimit(StaffId("A1"), PatternCode("N"), 4),),
        locks=(
            Lock(StaffId("A2"), START + dt.timedelta(days=2), "E"),
            Lock(StaffId("0042"), START + dt.timedelta(days=3), "OFF"),
        ),
    )


FORMS = ["scenario.xlsx", "scenario-folder"]


@pytest.mark.parametrize("name", FORMS)
def test_small_scenario_round_trips(tmp_path, name):
    save_scenario(small_scenario(), tmp_path / name)

    result = load_scenario(tmp_path / name)

    assert result.scenario == small_scenario()
    assert result.problems == ()


@pytest.mark.parametrize("name", FORMS)
def test_every_optional_field_round_trips_exactly(tmp_path, name):
    scenario = full_scenario()
    save_scenario(scenario, tmp_path / name)

    result = load_scenario(tmp_path / name)

    assert not result.errors, result.errors
    assert result.scenario == scenario
    assert result.scenario.settings.shrinkage == 0.1 + 0.2  # not 0.3
    assert result.scenario.rules.extra == scenario.rules.extra


def test_saving_over_an_old_scenario_replaces_it(tmp_path):
    for name in FORMS:
        save_scenario(small_scenario(), tmp_path / name)
        save_scenario(full_scenario(), tmp_path / name)

        assert load_scenario(tmp_path / name).scenario == full_scenario()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FORMS)


def test_a_saved_workbook_is_laid_out_for_people(tmp_path):
    save_scenario(full_scenario(), tmp_path / "scenario.xlsx")

    book = openpyxl.load_workbook(tmp_path / "scenario.xlsx")
    staff, absences = book["Staff"], book["Absences"]

    assert staff.freeze_panes == "A2"
    assert all(cell.font.bold for cell in staff[1])
    assert staff.column_dimensions["B"].width >= len("Siân Ó Dálaigh")
    assert isinstance(absences["B2"].value, dt.datetime) and absences["B2"].is_date
    assert absences["B2"].number_format == "yyyy-mm-dd"
    assert isinstance(book["ShiftPatterns"]["B2"].value, dt.time)
    assert staff["B4"].value == "=not a formula" and staff["B4"].data_type == "s"
    assert book.sheetnames[:3] == ["Settings", "Channels", "Demand"]


def test_a_csv_folder_is_utf8_for_excel_with_commas(tmp_path):
    save_scenario(full_scenario(), tmp_path / "folder")

    raw = (tmp_path / "folder" / "Staff.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    text = raw.decode("utf-8-sig")

    assert text.startswith("staff_id,name,team,skills,contract_hours")
    assert '"Patel, Sam"' in text and "Siân" in text


@pytest.mark.parametrize("name", ["scenario.csv", "scenario.xls"])
def test_saving_to_a_file_that_is_not_a_workbook_is_refused(tmp_path, name):
    with pytest.raises(ValueError):
        save_scenario(small_scenario(), tmp_path / name)
    assert not list(tmp_path.iterdir())


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
volumes = st.floats(min_value=0, max_value=100_000, allow_nan=False)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=names.map(str.strip).filter(bool),
    team=names.map(str.strip),
    hours=st.floats(min_value=0, max_value=60),
    volume=volumes,
    aht=st.floats(min_value=1e-6, max_value=14_400),
    days=st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(tuple),
    form=st.sampled_from(FORMS),
)
def test_any_valid_values_round_trip(tmp_path, name, team, hours, volume, aht, days, form):
    base = small_scenario()
    person = replace(base.staff[0], name=name, team=team, contract_hours=hours, min_hours=0.0,
                     max_hours=60.0)
    scenario = replace(
        base,
        staff=(person,) + base.staff[1:],
        demand=(replace(base.demand[0], volume=volume, aht_seconds=aht),) + base.demand[1:],
        patterns=(replace(base.patterns[0], days=days),),
        rules=Rules(max_weekly_hours=60.0),
    )
    path = tmp_path / form
    save_scenario(scenario, path)

    result = load_scenario(path)

    assert result.scenario == scenario, result.errors
