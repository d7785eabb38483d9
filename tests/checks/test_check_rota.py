"""check_rota as a whole: rule names, how a rota's cells are read, and the four-week sample."""

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from planner.checks import check_rota
from planner.checks.rules import RULE_NAMES
from planner.io import load_scenario
from planner.model import Absence, AbsenceKind, StaffId
from planner.plan import OFF, RotaCell
from planner.problems import ScenarioError
from tests.checks.builders import FULL_WEEK, alone, broken, check, day, rota, team

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_of_the_rules_table_is_checked_under_its_own_name():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = text.split("\n## Rules", 1)[1].split("\n\n", 1)[0]
    names = [m.group(1).strip() for m in re.finditer(r"^\| ([^|]+) \|", table, re.M)]
    assert names[:2] == ["rule (as a team leader says it)", "---"]
    assert list(RULE_NAMES) == names[2:]


def test_a_person_day_without_a_cell_is_off():
    assessment = check(team(), {"A2": FULL_WEEK})  # nothing at all for A3
    assert assessment.costs.paid_hours == 37.5
    assert [b.staff_ids for b in broken(assessment, "Minimum weekly hours")] == [("A3",)]


def test_codes_are_read_without_regard_to_case_or_spaces_and_days_outside_the_plan_ignored():
    cells = rota({"A2": " e  e E E E off Off"}) + (
        RotaCell(StaffId("A2"), day(-1), "E"), RotaCell(StaffId("A2"), day(7), "NOPE"))
    assert check_rota(alone(), cells).breaches == ()


@pytest.mark.parametrize(("cells", "words"), [
    ((RotaCell(StaffId("A2"), day(0), "X"),), "'X' is not a shift pattern"),
    ((RotaCell(StaffId("Z9"), day(0), "E"),), "'Z9' is not in Staff"),
    ((RotaCell(StaffId("A2"), day(0), "E"), RotaCell(StaffId("A2"), day(0), "OFF")),
     "both E and OFF"),
])
def test_a_rota_cell_that_cannot_be_read_is_a_clear_error(cells, words):
    with pytest.raises(ScenarioError) as raised:
        check_rota(alone(), cells)
    problem = raised.value.problems[0]
    assert problem.sheet == "Rota" and words in problem.message
    assert "Mon 1 Mar" in problem.message


def test_the_four_week_sample_is_judged_as_its_absences_and_locks_say():
    scenario = load_scenario(ROOT / "samples" / "housing-4-weeks.xlsx").scenario
    patterns = {p.code: p for p in scenario.patterns}
    cells = []
    for person in scenario.staff:
        first = patterns[person.patterns[0]]
        for date in scenario.settings.dates:
            works = date.weekday() in first.days
            cells.append(RotaCell(person.staff_id, date, first.code if works else OFF))
    assessment = check_rota(scenario, cells)

    expected = set()
    for absence in scenario.absences:
        if absence.is_part_day:
            continue
        date = absence.start_date
        while date <= absence.end_date:
            person = next(p for p in scenario.staff if p.staff_id == absence.staff_id)
            if date.weekday() in patterns[person.patterns[0]].days:
                expected.add((absence.staff_id, date))
            date += dt.timedelta(days=1)
    found = {(b.staff_ids[0], b.dates[0]) for b in broken(assessment, "Absences")}
    assert found == expected and len(found) > 10
    assert [(b.staff_ids, b.dates) for b in broken(assessment, "Locked cells kept")] == [
        (("CC12",), (dt.date(2027, 5, 7),))]
    # Nobody is planned on a live channel they are not skilled for, or away.
    assert broken(assessment, "Skills") == [] and broken(assessment, "Breaks") == []


def test_someone_on_a_shift_while_on_leave_is_not_counted_as_there():
    leave = Absence(StaffId("A2"), day(0), day(0), AbsenceKind.SICKNESS)
    scenario = replace(alone(), absences=(leave,))
    assessment = check(scenario, {"A2": FULL_WEEK})
    monday = [r.planned for r in assessment.coverage if r.date == day(0)]
    tuesday = [r.planned for r in assessment.coverage if r.date == day(1)]
    assert set(monday) == {0} and max(tuesday) == 1
    assert "sickness" in broken(assessment, "Absences")[0].message
