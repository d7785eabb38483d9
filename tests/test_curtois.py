"""Benchmark instances read as scenarios that mean exactly the benchmark.

The Curtois & Qu shift scheduling benchmark (tests/data/curtois/README.md) publishes proven best
objectives. These tests protect the reading: every instance imports and saves losslessly, each
section lands where it should, and the checker's objective of any rota equals the benchmark's
own (tests/curtois_objective.py, written from the benchmark's definition), its breaches
appearing exactly when the benchmark's hard rules are broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import pytest

from planner.checks import check_rota
from planner.io import load_scenario, save_scenario
from planner.io.curtois import BREACH_COST, PLAN_START, read_curtois
from planner.model import RequestKind, ShiftPattern
from planner.plan import OFF, RotaCell
from planner.problems import ScenarioError
from tests import curtois_objective as benchmark
from ui.commands import import_curtois

DATA = Path(__file__).resolve().parent / "data" / "curtois"
INSTANCES = [DATA / f"Instance{n}.txt" for n in range(1, 9)]

# The benchmark's hard rules and the planner's rule (docs/rules.md) each becomes.
SAME_RULE = {
    "days off": "Locked cells kept",
    "shift rotation": "Forbidden shift sequences",
    "maximum shifts of a type": "Shifts of a pattern",
    "minimum total minutes": "Paid hours over the plan",
    "maximum total minutes": "Paid hours over the plan",
    "maximum consecutive shifts": "Maximum consecutive working days",
    "minimum consecutive shifts": "Minimum consecutive working days",
    "minimum consecutive days off": "Minimum consecutive days off",
    "maximum weekends": "Maximum weekends",
}


def rota_of(instance: benchmark.Instance, assignment: benchmark.Assignment) -> list[RotaCell]:
    return [RotaCell(who, PLAN_START + dt.timedelta(days=day), assignment.get((who, day)) or OFF)
            for who in instance.staff for day in range(instance.days)]


def planner_breaches(assessment) -> set[tuple[str, str]]:
    return {(b.rule, who) for b in assessment.breaches for who in b.staff_ids}


def benchmark_breaches(instance, assignment) -> set[tuple[str, str]]:
    return {(SAME_RULE[rule], who) for rule, who in benchmark.violations(instance, assignment)}


# --- importing -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_every_instance_imports_and_loads_back_unchanged(path, tmp_path):
    scenario = read_curtois(path)
    save_scenario(scenario, tmp_path / "benchmark.xlsx")
    loaded = load_scenario(tmp_path / "benchmark.xlsx")
    assert loaded.errors == ()
    assert loaded.warnings == ()  # people need no skills when nothing asks for any
    assert loaded.scenario == scenario


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_each_section_lands_where_it_belongs(path):
    instance, scenario = benchmark.parse(path), read_curtois(path)
    date = {day: PLAN_START + dt.timedelta(days=day) for day in range(instance.days)}
    assert scenario.settings.plan_start.weekday() == 0
    assert scenario.settings.plan_days == instance.days
    assert {p.code: p.paid_minutes for p in scenario.patterns} == instance.minutes
    assert {(s.pattern, s.next_pattern) for s in scenario.forbidden_sequences} == {
        (shift, then) for shift, after in instance.cannot_follow.items() for then in after}
    people = {s.staff_id: s for s in scenario.staff}
    assert people.keys() == instance.staff.keys()
    for who, person in instance.staff.items():
        mine = people[who]
        assert (mine.min_paid_minutes, mine.max_paid_minutes, mine.max_consecutive_days,
                mine.min_consecutive_days, mine.min_consecutive_days_off, mine.max_weekends) == (
            person.min_minutes, person.max_minutes, person.max_run, person.min_run,
            person.min_off, person.max_weekends)
    assert {(x.staff_id, x.pattern, x.max_shifts) for x in scenario.pattern_limits} == {
        (who, shift, most) for who, person in instance.staff.items()
        for shift, most in person.most.items() if most < instance.days}
    assert sorted((x.staff_id, x.date) for x in scenario.locks) == sorted(
        (who, date[day]) for who, days in instance.days_off.items() for day in days)
    assert {x.pattern for x in scenario.locks} == {OFF}
    asked = [(r.staff_id, r.date, r.pattern, r.weight, r.request) for r in scenario.shift_requests]
    assert sorted(asked) == sorted(
        [(who, date[day], shift, weight, RequestKind.WANT)
         for who, day, shift, weight in instance.on_requests]
        + [(who, date[day], shift, weight, RequestKind.AVOID)
           for who, day, shift, weight in instance.off_requests])
    assert sorted((c.date, c.pattern, c.required, c.weight_under, c.weight_over)
                  for c in scenario.pattern_cover) == sorted(
        (date[day], shift, *numbers) for day, shift, *numbers in instance.cover)


def test_shifts_stay_within_their_day(tmp_path):
    scenario = read_curtois(DATA / "Instance8.txt")
    assert all(not p.crosses_midnight and p.days == tuple(range(7)) for p in scenario.patterns)
    long_shift = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nX,1200,\nSECTION_STAFF\n"
    long_shift += "A,X=7,9000,0,7,1,1,2\n"
    pattern: ShiftPattern = read_curtois(write(tmp_path, long_shift)).patterns[0]
    assert (pattern.start, pattern.end, pattern.crosses_midnight) == (
        dt.time(0), dt.time(20), False)


# --- the objective ---------------------------------------------------------------------------

def test_the_benchmark_objective_of_an_empty_rota_by_hand():
    instance = benchmark.parse(DATA / "Instance1.txt")
    # Instance 1, nobody working: on-requests 4 + 15 + 5 + 4 + 4 + 5, and 71 people short at 100.
    assert benchmark.objective(instance, {}) == 37 + 7100
    assert benchmark.violations(instance, {}) == [
        ("minimum total minutes", who) for who in "ABCDEFGH"]


def test_the_benchmark_exempts_runs_at_the_edges_from_the_minimums(tmp_path):
    # At least 2 days on and 2 days off in a row, at most 5 on.
    instance = benchmark.parse(write(tmp_path, "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\n"
                                               "SECTION_STAFF\nA,D=7,3360,0,5,2,2,2\n"))
    person, D = instance.staff["A"], "D"
    for edges in ([D, None, None, D, D, D, D], [None, D, D, None, None, D, D],
                  [D, D, None, None, D, D, None]):
        assert benchmark.broken(instance, "A", person, edges) == set()
    assert benchmark.broken(instance, "A", person, [D, D, None, D, D, None, None]) == {
        "minimum consecutive days off"}
    assert benchmark.broken(instance, "A", person, [D, D, None, None, D, None, None]) == {
        "minimum consecutive shifts"}
    assert benchmark.broken(instance, "A", person, [D] * 6 + [None]) == {
        "maximum consecutive shifts"}


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_a_rota_keeping_every_hard_rule_costs_what_the_benchmark_says(path):
    instance, scenario = benchmark.parse(path), read_curtois(path)
    for seed in range(3):
        assignment = benchmark.random_rota(instance, seed)
        assert benchmark.violations(instance, assignment) == []
        assessment = check_rota(scenario, rota_of(instance, assignment))
        assert assessment.breaches == ()
        assert assessment.costs.total == benchmark.objective(instance, assignment)


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_a_rota_breaking_hard_rules_shows_the_same_breaches(path):
    instance, scenario = benchmark.parse(path), read_curtois(path)
    shifts = [None, *instance.minutes]
    rng = random.Random(path.stem)
    for seed in range(4):
        assignment = benchmark.random_rota(instance, seed)
        # one cell changed: a single rule or two broken, or none
        who, day = rng.choice(list(instance.staff)), rng.randrange(instance.days)
        assignment[who, day] = rng.choice([s for s in shifts if s != assignment[who, day]])
        check(instance, scenario, assignment)
        # any cells at all: most rules broken
        check(instance, scenario, {(who, day): rng.choice(shifts)
                                   for who in instance.staff for day in range(instance.days)})


def check(instance, scenario, assignment) -> None:
    assessment = check_rota(scenario, rota_of(instance, assignment))
    costs = assessment.costs
    assert costs.total - costs.breaches == benchmark.objective(instance, assignment)
    assert planner_breaches(assessment) == benchmark_breaches(instance, assignment)
    assert costs.breaches == BREACH_COST * sum(b.size for b in assessment.breaches)


# --- broken files ----------------------------------------------------------------------------

GOOD = """# a small instance
SECTION_HORIZON
7
SECTION_SHIFTS
E,480,
L,480,E
SECTION_STAFF
A,E=7|L=2,2400,960,5,1,1,1
B,E=7|L=7,2400,960,5,1,1,1
SECTION_DAYS_OFF
A,0,6
SECTION_SHIFT_ON_REQUESTS
B,2,L,3
SECTION_SHIFT_OFF_REQUESTS
A,3,E,2
SECTION_COVER
0,E,1,100,1
1,L,2,100,1
"""


def write(folder: Path, text: str, name: str = "instance.txt") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def problems_of(folder: Path, text: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ScenarioError) as caught:
        read_curtois(write(folder, text, "broken.txt"))
    assert all(p.file == "broken.txt" for p in caught.value.problems)
    return [(p.sheet, p.row, p.column) for p in caught.value.problems]


def test_a_small_file_reads_as_written(tmp_path):
    scenario = read_curtois(write(tmp_path, GOOD))
    assert [p.code for p in scenario.patterns] == ["E", "L"]
    assert [(x.staff_id, x.pattern, x.max_shifts) for x in scenario.pattern_limits] == [
        ("A", "L", 2)]
    assert [x.date for x in scenario.locks] == [PLAN_START, PLAN_START + dt.timedelta(days=6)]


def test_every_problem_is_found_and_located_in_one_read(tmp_path):
    text = (GOOD.replace("SECTION_DAYS_OFF", "SECTION_HOLIDAYS")   # line 10
            .replace("B,E=7|L=7,2400,960,5,1,1,1", "B,E=7|L=7,2400,960,5,1,1")  # line 9
            .replace("B,2,L,3", "C,2,L,3")                          # line 13
            .replace("A,3,E,2", "A,3,N,two")                        # line 15
            .replace("1,L,2,100,1", "9,L,lots,100,1"))              # line 18
    assert sorted(problems_of(tmp_path, text), key=str) == sorted([
        ("SECTION_HOLIDAYS", 10, ""),
        ("SECTION_STAFF", 9, "MaxWeekends"),
        ("SECTION_SHIFT_ON_REQUESTS", 13, "EmployeeID"),
        ("SECTION_SHIFT_OFF_REQUESTS", 15, "ShiftID"),
        ("SECTION_SHIFT_OFF_REQUESTS", 15, "Weight"),
        ("SECTION_COVER", 18, "Day"),
        ("SECTION_COVER", 18, "Requirement"),
    ], key=str)


def test_references_to_a_person_on_an_unreadable_line_are_not_reported_twice(tmp_path):
    text = GOOD.replace("B,E=7|L=7,2400,960,5,1,1,1", "B,E=7|L=7,lots,960,5,1,1,1")
    assert problems_of(tmp_path, text) == [("SECTION_STAFF", 9, "MaxTotalMinutes")]


def test_a_missing_section_is_one_problem_not_one_per_reference(tmp_path):
    text = GOOD.replace("SECTION_STAFF\nA,E=7|L=2,2400,960,5,1,1,1\nB,E=7|L=7,2400,960,5,1,1,1\n",
                        "")
    assert problems_of(tmp_path, text) == [("SECTION_STAFF", None, "")]


@pytest.mark.parametrize("change, where", [
    (("SECTION_HORIZON\n7\n", ""), ("SECTION_HORIZON", None, "")),
    (("\n7\n", "\n90\n"), ("SECTION_HORIZON", 3, "Days")),
    (("E,480,\n", "E,470,\n"), ("SECTION_SHIFTS", 5, "Length")),
    (("L,480,E", "L,480,X"), ("SECTION_SHIFTS", 6, "CannotFollow")),
    (("L,480,E", "L,480,E\nE,480,"), ("SECTION_SHIFTS", 7, "ShiftID")),
    (("L,480,E", "L,480,E\nOFF,480,"), ("SECTION_SHIFTS", 7, "ShiftID")),
    (("A,E=7|L=2", "A,E=7|N=2"), ("SECTION_STAFF", 8, "MaxShifts")),
    (("A,E=7|L=2", "A,E7|L=2"), ("SECTION_STAFF", 8, "MaxShifts")),
    (("A,0,6", "A,0,7"), ("SECTION_DAYS_OFF", 11, "DayIndexes")),
    (("A,0,6", "Z,0,6"), ("SECTION_DAYS_OFF", 11, "EmployeeID")),
    (("0,E,1,100,1", "0,E,1,100,-1"), ("SECTION_COVER", 17, "WeightForOver")),
])
def test_each_kind_of_problem_is_located(change, where, tmp_path):
    old, new = change
    assert old in GOOD
    assert problems_of(tmp_path, GOOD.replace(old, new)) == [where]


def test_a_file_that_is_not_an_instance_is_one_clear_problem(tmp_path):
    for content in (b"PK\x03\x04\x00\x00binary", b"day,shift\n1,2\n"):
        (tmp_path / "other.txt").write_bytes(content)
        with pytest.raises(ScenarioError) as caught:
            read_curtois(tmp_path / "other.txt")
        assert len(caught.value.problems) == 1
    with pytest.raises(ScenarioError, match="could not be opened"):
        read_curtois(tmp_path / "missing.txt")


# --- the command -----------------------------------------------------------------------------

def command(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="planner")
    import_curtois.add_parser(parser.add_subparsers())
    args = parser.parse_args(["import-curtois", *argv])
    return args.run(args)


def test_the_command_saves_a_scenario_that_loads(tmp_path, capsys):
    out = tmp_path / "instance1.xlsx"
    assert command(str(INSTANCES[0]), "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert "14 days, 8 staff, 1 shift patterns, 14 cover rows, 26 shift requests" in said
    assert load_scenario(out).scenario == read_curtois(INSTANCES[0])
    assert command(str(INSTANCES[0]), "--out", str(tmp_path / "instance1.txt")) == 2
    assert "save a scenario as .xlsx" in capsys.readouterr().err


def test_the_command_lists_every_problem_and_saves_nothing(tmp_path, capsys):
    text = GOOD.replace("B,2,L,3", "C,2,L,3").replace("A,0,6", "A,0,9")
    broken = write(tmp_path, text, "broken.txt")
    out = tmp_path / "broken.xlsx"
    assert command(str(broken), "--out", str(out)) == 2
    said = capsys.readouterr()
    assert "broken.txt, SECTION_SHIFT_ON_REQUESTS, row 13, column EmployeeID" in said.err
    assert "broken.txt, SECTION_DAYS_OFF, row 11, column DayIndexes" in said.err
    assert "2 errors" in said.out
    assert not out.exists()

