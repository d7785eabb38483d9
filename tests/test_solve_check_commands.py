"""`planner solve` and `planner check` as a team leader runs them: files in, rota and words out."""

from __future__ import annotations

import argparse
import json
import signal
import threading
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

import solver
from planner.io import save_scenario
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_writing import write_rota_workbook
from planner.plan import Progress, SolveStatus
from tests.test_rota_workbook import hand_plan, scenario
from ui.commands import check, solve

SUMMARY_KEYS = {"status", "objective", "bound", "gap", "wall_seconds", "paid_hours",
                "cover_hours", "channels", "queues", "breaches"}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="planner")
    commands = top.add_subparsers(dest="command", required=True)
    solve.add_parser(commands)
    check.add_parser(commands)
    return top


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        args = parser().parse_args(list(argv))
        code = args.run(args)
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    path = tmp_path / "week.xlsx"
    save_scenario(scenario(), path)
    return path


def test_every_option_has_help_and_solve_has_its_defaults():
    commands = parser()._subparsers._group_actions[0].choices
    for name in ("solve", "check"):
        for action in commands[name]._actions:
            assert action.help, f"{name} {action.dest} has no help"
    args = parser().parse_args(["solve", "s.xlsx", "--out", "r.xlsx"])
    from solver import SolveOptions
    from solver.search import cores

    defaults = SolveOptions()
    assert (args.time_limit, args.seed, args.json) == (
        defaults.time_limit, defaults.seed, None)
    assert args.workers is None and defaults.workers == cores()  # one worker per core
    assert (args.repeatable, args.strict) == (False, False)


@pytest.mark.parametrize("option", [("--time-limit", "0"), ("--time-limit", "soon"),
                                    ("--workers", "0"), ("--seed", "-1")])
def test_solve_refuses_option_values_it_cannot_use(capsys, option):
    code, _, err = run(capsys, "solve", "s.xlsx", "--out", "r.xlsx", *option)
    assert code == 2
    assert option[0] in err


def test_solve_lists_the_problems_of_a_bad_scenario(capsys, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_text("not a workbook")
    code, _, err = run(capsys, "solve", str(bad), "--out", str(tmp_path / "rota.xlsx"))
    assert code == 2
    assert "broken.xlsx" in err
    assert not (tmp_path / "rota.xlsx").exists()


@pytest.mark.parametrize("out", ["rota.csv", "missing-folder/rota.xlsx", "week.xlsx"])
def test_solve_refuses_a_rota_file_it_must_not_write(capsys, scenario_file, out):
    before = scenario_file.read_bytes()
    code, _, err = run(capsys, "solve", str(scenario_file), "--out",
                       str(scenario_file.parent / out))
    assert code == 2
    assert "planner solve:" in err
    assert scenario_file.read_bytes() == before


def test_ctrl_c_stops_the_search_and_keeps_the_best_rota(capsys, scenario_file, monkeypatch):
    heard = threading.Event()

    def searching(plan_for, options, on_progress=None, should_stop=None):
        on_progress(Progress(elapsed=0.5, objective=5000.0, bound=4000.0, gap=0.2, solutions=1))
        signal.raise_signal(signal.SIGINT)  # as if Ctrl-C were pressed mid-search
        for _ in range(100):
            if should_stop():
                heard.set()
                break
            threading.Event().wait(0.05)
        return hand_plan()

    monkeypatch.setattr(solver, "solve", searching)
    out = scenario_file.parent / "rota.xlsx"
    code, stdout, err = run(capsys, "solve", str(scenario_file), "--out", str(out))
    assert heard.is_set()
    assert code == 0
    assert "Stopping" in err
    assert "cost £5,000.00" in err and "gap 20.0%" in err
    assert read_rota_workbook(out).rota == hand_plan().rota
    assert "Rota written to" in stdout
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_no_rota_in_the_time_allowed_is_said_and_nothing_is_written(capsys, scenario_file,
                                                                    monkeypatch):
    nothing = replace(hand_plan(), status=SolveStatus.NO_PLAN, objective=float("nan"))
    monkeypatch.setattr(solver, "solve", lambda *args, **kwargs: nothing)
    out, summary = scenario_file.parent / "rota.xlsx", scenario_file.parent / "s.json"
    code, _, err = run(capsys, "solve", str(scenario_file), "--out", str(out), "--json",
                       str(summary))
    assert code == 2
    assert "No rota was found" in err
    assert not out.exists()
    assert json.loads(summary.read_text())["status"] == "no plan"


@pytest.mark.slow
def test_solve_writes_the_rota_workbook_and_a_json_summary(capsys, scenario_file):
    out, summary = scenario_file.parent / "rota.xlsx", scenario_file.parent / "summary.json"
    code, stdout, err = run(capsys, "solve", str(scenario_file), "--out", str(out),
                            "--time-limit", "5", "--json", str(summary))
    assert code == 0, err
    data = json.loads(summary.read_text())
    assert SUMMARY_KEYS <= set(data)
    assert data["status"] in ("optimal", "feasible")
    assert data["gap"] >= 0 and data["objective"] >= data["bound"] - 1e-6
    assert data["paid_hours"] > 0
    assert set(data["channels"]) == {"voice"} and set(data["queues"]) == {"mutual_exchange",
                                                                          "email"}
    read = read_rota_workbook(out)
    assert read.ok and read.scenario == scenario()
    assert {cell.staff_id for cell in read.rota} == {"A1", "A2", "A3", "M1"}
    assert "service level" in stdout and "on time" in stdout
    assert " s  cost £" in err  # a progress line per better rota


@pytest.fixture
def rota_file(tmp_path) -> Path:
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, scenario(), hand_plan())
    return path


def test_check_names_a_rule_broken_by_a_hand_edit(capsys, rota_file, tmp_path):
    book = openpyxl.load_workbook(rota_file)
    book["Rota"]["F2"] = "E"  # A1 works on Wednesday, a day of annual leave
    book.save(rota_file)
    summary = tmp_path / "check.json"
    code, stdout, err = run(capsys, "check", str(rota_file), "--json", str(summary))
    assert code == 0, err
    assert "Absences" in stdout
    assert "service level" in stdout and "mutual_exchange" in stdout
    data = json.loads(summary.read_text())
    found = [(b["rule"], b["staff_ids"], b["dates"]) for b in data["breaches"]["list"]]
    assert ("Absences", ["A1"], ["2027-03-03"]) in found
    assert data["breaches"]["count"] == len(found)
    assert {"paid_hours", "channels", "queues", "cost"} <= set(data)


def test_check_without_the_edit_does_not_report_that_breach(capsys, rota_file):
    code, stdout, _ = run(capsys, "check", str(rota_file))
    assert code == 0
    assert "Absences" not in stdout


def test_check_of_a_broken_workbook_lists_where_and_exits_2(capsys, rota_file):
    book = openpyxl.load_workbook(rota_file)
    book["Rota"]["D3"] = "X9"
    book.save(rota_file)
    code, stdout, err = run(capsys, "check", str(rota_file))
    assert code == 2
    assert "rota.xlsx, Rota, row 3, column 2027-03-01" in err
    assert "Traceback" not in err + stdout


def test_check_of_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nowhere.xlsx"))
    assert code == 2
    assert "nowhere.xlsx" in err
