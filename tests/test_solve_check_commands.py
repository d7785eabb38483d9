"""`planner solve` and `planner check` as a team leader runs them: files in, rota and words out."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import threading
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

import solver
from planner.io import load_scenario, save_scenario
from planner.io.rota_reading import read_rota_workbook
from planner.io.rota_writing import write_rota_workbook
from planner.model import Lock, PatternCode, StaffId
from planner.plan import Progress, SolveStatus
from tests.test_rota_workbook import hand_plan, kpi_blocks, scenario
from tests.test_rota_workbook import rows as rows_of
from ui.commands import check, solve

SUMMARY_KEYS = {"status", "search", "wall_seconds", "paid_hours", "cover_hours", "cost",
                "channels", "queues", "breaches"}
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "housing-1-week.xlsx"


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
    assert "0.5 s  search objective £5,000.00, gap 20.0% (bound £4,000.00)" in err
    assert "Cost £4,424.50: pay £1,912.50, service £12.00, broken rules £2,500.00." in stdout
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
    assert "objective" not in data  # the search's figures are kept apart from the cost
    assert data["status"] in ("optimal", "feasible")
    search = data["search"]
    assert search["gap"] >= 0 and search["objective"] >= search["bound"] - 1e-6
    assert data["paid_hours"] > 0
    assert set(data["channels"]) == {"voice"} and set(data["queues"]) == {"mutual_exchange",
                                                                          "email"}
    read = read_rota_workbook(out)
    assert read.ok and read.scenario == scenario()
    assert {cell.staff_id for cell in read.rota} == {"A1", "A2", "A3", "M1"}
    assert "service level" in stdout and "on time" in stdout
    assert " s  search objective £" in err  # a progress line per better rota
    assert "Cost £" in stdout and "cost £" not in err
    stages = data["stages"]
    assert [stage["name"] for stage in stages if stage["ran"]][-1] == "settle", stages
    assert all(set(stage) == {"name", "ran", "seconds", "note", "objective"} for stage in stages)
    assert "How the search went" not in err  # only with --stages


def test_solve_with_stages_says_what_each_stage_did_and_why_one_did_not_run(capsys,
                                                                            scenario_file):
    out = scenario_file.parent / "rota.xlsx"
    code, _, err = run(capsys, "solve", str(scenario_file), "--out", str(out),
                       "--time-limit", "3", "--repeatable", "--stages")
    assert code == 0, err
    told = err[err.index("How the search went:"):]
    assert "search: " in told and "settle: " in told
    assert "polish: not run, a repeatable solve is not polished" in told


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
    assert "objective" not in data  # one money figure: the cost, with its parts
    assert data["cost"]["total"] == pytest.approx(
        sum(value for name, value in data["cost"].items() if name != "total"), abs=0.05)
    assert f"Cost £{data['cost']['total']:,.2f}: pay £" in stdout


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


def test_a_progress_line_without_a_bound_says_so_instead_of_a_gap_of_100_percent(capsys):
    solve._progress(Progress(elapsed=0.4, objective=5754.0, bound=0.0, gap=1.0, solutions=1))
    solve._progress(Progress(elapsed=1.0, objective=5613.24, bound=5148.34, gap=0.0829,
                             solutions=2))
    err = capsys.readouterr().err.splitlines()
    assert err == ["    0.4 s  search objective £5,754.00, no bound yet",
                   "    1.0 s  search objective £5,613.24, gap 8.3% (bound £5,148.34)"]


def test_the_summary_names_the_search_apart_from_what_the_rota_costs(capsys, tmp_path):
    from planner.kpis import kpis_of

    plan = replace(hand_plan(), bound=0.0, gap=1.0)
    solve._print_summary(plan, kpis_of(scenario(), plan.assessment), tmp_path / "rota.xlsx")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == ("Status: feasible (not proven best); search objective £4,424.50, "
                        "no bound yet; 3.2 s.")
    assert lines[2] == "Paid 127.5 hours (cover staff 0 hours)."
    assert lines[3] == "Cost £4,424.50: pay £1,912.50, service £12.00, broken rules £2,500.00."
    assert "gap 100" not in "\n".join(lines)


def cost_line(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("Cost £")]
    return line


def broken_rules_week(tmp_path: Path) -> Path:
    """The 1-week sample with locks no rota can keep without breaking rules: A03 on shift
    pattern E (Monday to Friday) on a Saturday, and A01 on a late then an early shift with 16
    hours' rest required."""
    sample = load_scenario(SAMPLE).scenario
    monday = sample.settings.plan_start
    locks = (Lock(StaffId("A03"), monday + dt.timedelta(days=5), PatternCode("E")),
             Lock(StaffId("A01"), monday, PatternCode("L")),
             Lock(StaffId("A01"), monday + dt.timedelta(days=1), PatternCode("E")))
    broken = replace(sample, locks=locks, rules=replace(sample.rules, min_rest_hours=16.0))
    path = tmp_path / "broken.xlsx"
    save_scenario(broken, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("which", "seconds"), [("1-week", "5"), ("4-weeks", "8"),
                                                ("broken rules", "5")])
def test_solve_then_check_give_one_account_of_the_rota(capsys, tmp_path, which, seconds):
    given = {"1-week": SAMPLE, "4-weeks": SAMPLE.with_name("housing-4-weeks.xlsx")}.get(which)
    given = given or broken_rules_week(tmp_path)
    out, solved, checked = tmp_path / "R.xlsx", tmp_path / "A.json", tmp_path / "B.json"
    code, solve_out, err = run(capsys, "solve", str(given), "--out", str(out),
                               "--time-limit", seconds, "--json", str(solved))
    assert code == 0, err
    code, check_out, err = run(capsys, "check", str(out), "--json", str(checked))
    assert code == 0, err
    a, b = json.loads(solved.read_text()), json.loads(checked.read_text())
    assert list(a["cost"]) == ["total", "pay", "service", "short_cover", "overdue", "fairness",
                               "requests", "pattern_cover", "breaches"]
    assert a["cost"] == b["cost"]
    assert cost_line(solve_out) == cost_line(check_out)
    assert cost_line(solve_out).startswith(f"Cost £{a['cost']['total']:,.2f}: pay £")
    for name in ("channels", "queues", "avoidable", "paid_hours", "cover_hours", "breaches",
                 "structural_gap"):
        assert a[name] == b[name], name
    # The same breach words on screen after both commands.
    said = [b["message"] for b in a["breaches"]["list"]]
    assert all(message in solve_out and message in check_out for message in said)
    if which == "broken rules":
        rules = {b["rule"] for b in a["breaches"]["list"]}
        assert {"Allowed shift patterns and days", "Minimum rest between shifts"} <= rules, rules
        rest = next(b for b in a["breaches"]["list"] if b["rule"] == "Minimum rest between shifts")
        assert rest["staff_ids"] == ["A01"] and "14 hours rest" in rest["message"]
        checks = rows_of(out, "Checks")
        assert any(rest["message"] == cell for row in checks for cell in row)
    # The workbook's KPIs sheet holds the same figures under one heading, the search apart.
    blocks = kpi_blocks(out)
    sheet = blocks["What the rota costs"]
    assert sheet["Cost"] == a["cost"]["total"]
    assert [sheet[words] for words in ("pay", "service", "overdue work", "fairness",
                                       "shift requests", "pattern cover", "broken rules")] == [
        a["cost"][name] for name in ("pay", "service", "overdue", "fairness", "requests",
                                     "pattern_cover", "breaches")]
    assert blocks["Search"]["search objective"] == pytest.approx(a["search"]["objective"])
    gap = blocks["Hours the targets need"]
    assert gap["needed"] == pytest.approx(a["structural_gap"]["needed_hours_per_week"], abs=0.06)
    assert gap["short"] == pytest.approx(a["structural_gap"]["short_hours_per_week"], abs=0.06)
