"""Why an interval is short: who is skilled for the channel, and what each is doing then."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from planner.checks import check_rota
from planner.explain import Doing, explain, interval_problem
from planner.io.rota_writing import write_rota_workbook
from planner.model import Absence, AbsenceKind, StaffId
from planner.plan import Plan, SolveStatus
from tests.checks.builders import LATE, day, doing, rota, team
from tests.factories import advisor
from ui.cli import main


def at(offset: int, clock: str) -> dt.datetime:
    return dt.datetime.combine(day(offset), dt.time.fromisoformat(clock))


def by_person(found) -> dict[str, tuple[Doing, str]]:
    return {p.person.staff_id: (p.doing, p.why) for p in found.people}


def test_an_interval_short_because_of_annual_leave_names_who_is_away():
    leave = Absence(StaffId("A3"), day(1), day(1), AbsenceKind.ANNUAL_LEAVE)
    scenario = team(absences=(leave,))
    cells = rota({"A2": "E E E E E OFF OFF", "A3": "E AL E E E OFF OFF"})
    found = explain(scenario, cells, (), "voice", at(1, "10:00"))
    people = by_person(found)
    assert people["A3"] == (Doing.AWAY, "on annual leave")
    assert people["A2"][0] is Doing.ON_CHANNEL
    assert found.service.planned == 1 and found.service.required > found.service.planned
    assert "M1" not in people  # not skilled for voice
    lines = found.lines()
    assert lines[0].startswith("Voice at Tue 2 Mar 10:00: ")
    assert "Away (1):" in lines and "  Advisor A3 (A3): on annual leave" in lines


def test_an_interval_short_because_of_rest_names_the_shift_before():
    scenario = team(rules=replace(team().rules, min_rest_hours=16.0))
    cells = rota({"A2": "E E E E E OFF OFF", "A3": "L OFF E E E OFF OFF"})
    found = explain(scenario, cells, (), "voice", at(1, "09:00"))
    held, why = by_person(found)["A3"]
    assert held is Doing.OFF_HELD
    assert "rest after shift L the day before (ends 20:00)" in why
    # With the usual 11 hours, 20:00 to 08:00 is enough: nothing holds A3 off.
    usual = explain(team(), cells, (), "voice", at(1, "09:00"))
    assert by_person(usual)["A3"] == (Doing.OFF_FREE, "no rule keeps them off then")


def test_an_interval_nobody_skilled_works_says_no_shift_pattern_covers_it():
    scenario = team(patterns=(team().patterns[0],))  # E only: 08:00-16:00
    cells = rota({"A2": "E E E E E OFF OFF", "A3": "OFF E E E E OFF OFF"})
    found = explain(scenario, cells, (), "voice", at(0, "17:00"))
    assert found.service.volume > 0 and found.service.planned == 0
    people = by_person(found)
    assert people["A2"] == (Doing.NOT_THEN, "works shift E (08:00-16:00)")
    assert people["A3"] == (Doing.OFF_HELD,
                            "no shift pattern they may work covers 17:00 on Mondays")
    assert not found.of(Doing.ON_CHANNEL) and not found.of(Doing.OTHER_WORK)


def test_an_interval_short_because_people_are_on_other_work_says_what_work():
    scenario = team()
    cells = rota({"A2": "E E E E E OFF OFF", "A3": "E E E E E OFF OFF"})
    on_email = (doing("A2", day(0), "08:00", "12:00", "email"),
                doing("A2", day(0), "12:00", "12:30", "BREAK"),
                doing("A2", day(0), "12:30", "16:00", "voice"))
    found = explain(scenario, cells, on_email, "voice", at(0, "10:00"))
    people = by_person(found)
    assert people["A2"] == (Doing.OTHER_WORK, "on email, shift E (08:00-16:00)")
    assert people["A3"][0] is Doing.ON_CHANNEL
    assert found.service.planned == 1
    # One more advisor there would answer more callers within target, at an interval's pay.
    more = found.one_more
    assert more.service_level > found.service.service_level and more.gain > 0
    assert more.pay == pytest.approx(scenario.rules.standard_hourly_cost / 4)
    # At 12:00 A2 is on a break, and says so.
    assert by_person(explain(scenario, cells, on_email, "voice", at(0, "12:00")))["A2"][0] is (
        Doing.ON_BREAK)


def test_weekly_hours_and_days_used_up_hold_a_person_off():
    tired = advisor("A3", skills=("voice", "email"), max_hours=30.0, max_days_per_week=4)
    scenario = team(advisor("A2", skills=("voice", "email")), tired)
    cells = rota({"A2": "E E E E E OFF OFF", "A3": "E E E E OFF OFF OFF"})
    why = by_person(explain(scenario, cells, (), "voice", at(4, "10:00")))["A3"]
    assert why[0] is Doing.OFF_HELD
    assert "already paid 30 hours that week" in why[1]
    assert "already works 4 days that week, their most" in why[1]


def test_the_interval_must_be_a_live_channel_and_a_plan_interval():
    scenario = team()
    assert interval_problem(scenario, "voice", at(0, "10:00")) == ""
    assert "not a live channel" in interval_problem(scenario, "email", at(0, "10:00"))
    assert "outside the plan" in interval_problem(scenario, "voice", at(9, "10:00"))
    assert "not the start of an interval" in interval_problem(scenario, "voice", at(0, "10:05"))


def _rota_file(tmp_path, scenario, cells):
    path = tmp_path / "rota.xlsx"
    plan = Plan(SolveStatus.FEASIBLE, cells, (), check_rota(scenario, cells), objective=0.0,
                bound=0.0, gap=1.0, wall_seconds=0.0)
    write_rota_workbook(path, scenario, plan)
    return path


def test_planner_explain_reads_a_rota_workbook_and_says_why(tmp_path, capsys):
    leave = Absence(StaffId("A3"), day(1), day(1), AbsenceKind.ANNUAL_LEAVE)
    scenario = team(absences=(leave,), patterns=(team().patterns[0], LATE))
    path = _rota_file(tmp_path, scenario,
                      rota({"A2": "E E E E E OFF OFF", "A3": "E AL E E E OFF OFF"}))
    out = tmp_path / "why.json"
    assert main(["explain", str(path), "--channel", "voice", "--at", "2027-03-02 10:00",
                 "--json", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Advisor A3 (A3): on annual leave" in said and "One more on voice then" in said
    data = json.loads(out.read_text())
    assert data["channel"] == "voice" and data["at"] == "2027-03-02T10:00"
    assert {p["staff_id"]: p["doing"] for p in data["people"]} == {"A2": "on_channel",
                                                                   "A3": "away"}


@pytest.mark.parametrize(("argv", "said"), [
    (["--channel", "fax", "--at", "2027-03-02 10:00"], "'fax' is not a live channel"),
    (["--channel", "voice", "--at", "2027-04-02 10:00"], "outside the plan"),
    (["--channel", "voice", "--at", "soon"], "is not a date and time"),
])
def test_planner_explain_refuses_what_it_cannot_answer_with_exit_2(tmp_path, capsys, argv,
                                                                   said):
    scenario = team()
    path = _rota_file(tmp_path, scenario, rota({"A2": "E E E E E OFF OFF"}))
    try:
        code = main(["explain", str(path), *argv])
    except SystemExit as stopped:  # the option parser's own refusal
        code = stopped.code
    assert code == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


def test_planner_explain_of_a_file_that_is_not_a_rota_workbook_exits_2(tmp_path, capsys):
    broken = tmp_path / "rota.xlsx"
    broken.write_text("not a workbook")
    assert main(["explain", str(broken), "--channel", "voice", "--at", "2027-03-02 10:00"]) == 2
    err = capsys.readouterr().err
    assert "rota.xlsx" in err and "Traceback" not in err
