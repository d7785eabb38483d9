"""`planner compare` as a manager runs it: a scenario and a Variants workbook in, a comparison
workbook out; every problem in the Variants sheet located by file, sheet, row and column."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import openpyxl
import pytest

import solver
from planner.problems import Problem, ScenarioError, Severity
from planner.whatif.sheet import VARIANTS
from tests.test_rota_workbook import hand_plan
from ui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "housing-1-week.xlsx"
HEADINGS = ["variant", "change", "channel", "factor", "seconds", "staff_ids", "count"]
TWO = [["Handle time 8.5 min", "handle_time", "voice", None, -210, None, None],
       ["One more advisor", "more_people", None, None, None, "A01", 1]]


def variants_file(folder: Path, rows, headings=HEADINGS, name="variants.xlsx") -> Path:
    path = folder / name
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Variants"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


@pytest.fixture
def quick(monkeypatch):
    """A solve that returns a small finished rota at once, and the scenarios it was given."""
    solved = []

    def solve(scenario, options=None, on_progress=None, should_stop=None):
        solved.append((scenario, options))
        return hand_plan()

    monkeypatch.setattr(solver, "solve", solve)
    return solved


def test_every_option_has_help():
    from ui.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    assert "compare" in commands
    for action in commands["compare"]._actions:
        assert action.help, f"compare {action.dest} has no help"


def test_the_template_is_a_variants_workbook_the_command_reads(capsys, tmp_path, quick):
    template = tmp_path / "variants.xlsx"
    code, out, _ = run(capsys, "compare", "--template", template)
    assert code == 0 and "planner compare SCENARIO" in out
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Variants", "How to fill"]
    headings = [cell.value for cell in book["Variants"][1]]
    assert headings == [column.name for column in VARIANTS.columns]
    assert book["Variants"]["B1"].comment is not None  # a note on every column
    code, out, err = run(capsys, "compare", SAMPLE, template, "--out", tmp_path / "c.xlsx",
                         "--time-limit", "1")
    assert code == 0, err
    names = [name for name in out.splitlines()[1].split("  ") if name.strip()]
    assert [n.strip() for n in names] == ["Base", "Handle time 8.5 min", "One more advisor",
                                          "Open Saturday"]
    code, _, err = run(capsys, "compare", "--template", template)
    assert code == 2 and "already exists" in err


def test_the_comparison_workbook_reads_side_by_side(capsys, tmp_path, quick):
    variants = variants_file(tmp_path, TWO)
    out, summary = tmp_path / "comparison.xlsx", tmp_path / "comparison.json"
    code, printed, err = run(capsys, "compare", SAMPLE, variants, "--out", out, "--time-limit",
                             "5", "--repeatable", "--seed", "3", "--workers", "2",
                             "--json", summary)
    assert code == 0, err
    assert [options for _, options in quick] == [quick[0][1]] * 3
    options = quick[0][1]
    assert (options.time_limit, options.seed, options.repeatable, options.workers) == (
        5.0, 3, True, 2)
    assert [len(scenario.staff) for scenario, _ in quick] == [13, 13, 14]
    assert [c.aht_seconds for c in quick[1][0].channels if c.name == "voice"] == [510.0]
    assert "Solving 2 of 3: Handle time 8.5 min..." in err
    assert printed.startswith(f"Comparison written to {out}.")

    written = json.loads(summary.read_text())["scenarios"]
    assert [s["name"] for s in written] == ["Base", "Handle time 8.5 min", "One more advisor"]
    assert written[1]["changes"] == ["Voice handle time -210 s"]
    tab = openpyxl.load_workbook(out)["Comparison"]
    assert tab.freeze_panes == "B5"
    assert [tab.cell(4, c).value for c in range(1, 7)] == [
        "Figure", "Base", "Handle time 8.5 min", "One more advisor",
        "Handle time 8.5 min: change from base", "One more advisor: change from base"]
    assert all(tab.cell(4, c).font.b for c in range(1, 7))
    assert tab.cell(5, 1).value == "Changes" and tab.cell(6, 1).value == "Result"
    assert tab.cell(5, 4).value == "1 more person like Sam Hughes (A01)"
    labels = [tab.cell(7 + i, 1).value for i in range(tab.max_row - 6)]
    assert labels[:3] == ["Paid hours", "Cover hours", "Cost"] and labels[-1] == "Broken rules"
    # The workbook's figures are the --json figures: one account of each plan.
    at = 7 + labels.index("Cost")
    costs = [s["kpis"]["cost"]["total"] for s in written]
    assert [tab.cell(at, c).value for c in (2, 3, 4)] == pytest.approx(costs, abs=0.01)
    assert tab.cell(at, 2).number_format == "£#,##0"
    assert tab.cell(at, 5).value == pytest.approx(costs[1] - costs[0], abs=0.02)
    paid = [tab.cell(7, c).value for c in (2, 3, 4)]
    assert paid == pytest.approx([s["kpis"]["paid_hours"] for s in written], abs=1e-3)
    broken = [tab.cell(6 + len(labels), c).value for c in (2, 3, 4)]
    assert broken == [s["kpis"]["breaches"]["count"] for s in written]
    service = 7 + labels.index("Voice service level")
    assert tab.cell(service, 2).number_format == "0.0%"
    assert tab.column_dimensions["A"].width > 30


@pytest.mark.parametrize(("headings", "row", "where", "said"), [
    ([h for h in HEADINGS if h != "change"], ["More staff", None, None, None, "A01", 1],
     "Variants, row 1, column change", "Variants has no change column"),
    (HEADINGS, ["Fax", "fax_machine", None, 2, None, None, None],
     "Variants, row 2, column change", "'fax_machine' is not one of volume, handle_time"),
    (HEADINGS, ["Busier", "volume", "voice", "lots", None, None, None],
     "Variants, row 2, column factor", "factor 'lots' is not a number"),
    (HEADINGS, ["Nobody", "people_leave", None, None, None, "A01, Z99", None],
     "Variants, row 2, column staff_ids", "there is nobody with staff_id 'Z99' in Staff"),
    (HEADINGS, ["Busier", "volume", "voice", None, None, None, None],
     "Variants, row 2, column factor", "volume needs factor"),
    (HEADINGS, ["Fax", "volume", "fax", 1.2, None, None, None],
     "Variants, row 2, column channel", "there is no channel 'fax'"),
    (HEADINGS, ["Base", "volume", "voice", 1.2, None, None, None],
     "Variants, row 2, column variant", "Base is the name of the scenario as it is"),
])
def test_bad_variants_are_exit_2_with_file_sheet_row_and_column(capsys, tmp_path, quick,
                                                                headings, row, where, said):
    variants = variants_file(tmp_path, [row], headings)
    out = tmp_path / "comparison.xlsx"
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", out)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert any(f"error: variants.xlsx, {where}: " in line and said in line for line in lines), err
    assert "variants.xlsx has errors; fix them and try again" in err
    assert not out.exists() and quick == []


def test_every_problem_is_listed_at_once_and_a_later_row_sees_the_earlier_changes(
        capsys, tmp_path, quick):
    variants = variants_file(tmp_path, [
        ["Two more", "more_people", None, None, None, "A01", 2],
        ["Two more", "people_leave", None, None, None, "NEW2", None],  # made by the row above
        ["Bad", "handle_time", "voice", "x", None, None, None],
        ["Worse", "more_people", None, None, None, "Q1", 0],
    ])
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "c.xlsx")
    assert code == 2
    assert "row 4, column factor" in err
    assert "row 5, column count" in err and "row 5, column staff_ids" not in err  # count first
    assert "row 2" not in err and "row 3" not in err


def test_a_column_a_change_does_not_use_is_a_warning_and_nothing_more(capsys, tmp_path, quick):
    variants = variants_file(tmp_path, [["Busier", "volume", "voice", 1.2, None, "A01", None]])
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "c.xlsx")
    assert code == 0
    assert ("warning: variants.xlsx, Variants, row 2, column staff_ids: volume does not use "
            "staff_ids, so it was ignored") in err


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.write_text("not a workbook"), "variants.xlsx is not an Excel workbook"),
    (lambda p: None, "There is no file at"),
])
def test_an_unreadable_variants_file_is_one_clear_error(capsys, tmp_path, quick, make, said):
    variants = tmp_path / "variants.xlsx"
    make(variants)
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "c.xlsx")
    assert code == 2 and said in err


def test_a_workbook_without_a_variants_sheet_says_what_to_add(capsys, tmp_path, quick):
    code, _, err = run(capsys, "compare", SAMPLE, SAMPLE, "--out", tmp_path / "c.xlsx")
    assert code == 2
    assert "housing-1-week.xlsx has no Variants sheet; add one with the columns variant" in err


def test_every_output_is_checked_before_any_work(capsys, tmp_path, quick):
    variants = variants_file(tmp_path, TWO)
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", variants)
    assert code == 2 and f"--out {variants}: that is the same file as {variants}" in err
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "c.xlsx",
                       "--json", tmp_path / "c.xlsx")
    assert code == 2 and "that is also --out" in err
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "missing/c.xlsx")
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "compare", SAMPLE, variants)
    assert code == 2 and "give --out" in err
    assert quick == []


def test_a_variant_the_solver_refuses_is_reported_and_the_rest_go_on(capsys, tmp_path,
                                                                     monkeypatch):
    def solve(scenario, options=None, on_progress=None, should_stop=None):
        if len(scenario.staff) == 14:
            raise ScenarioError([Problem(Severity.ERROR, "nobody can work the new shift")])
        return hand_plan()

    monkeypatch.setattr(solver, "solve", solve)
    variants = variants_file(tmp_path, list(reversed(TWO)))
    summary = tmp_path / "c.json"
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", tmp_path / "c.xlsx",
                       "--json", summary)
    assert code == 0
    assert "One more advisor: cannot be planned: nobody can work the new shift" in err
    written = json.loads(summary.read_text())["scenarios"]
    assert [s["outcome"] for s in written] == ["solved", "refused", "solved"]


def test_the_first_stop_writes_what_was_solved_by_then(capsys, tmp_path, monkeypatch):
    asked = []

    def solve(scenario, options=None, on_progress=None, should_stop=None):
        if len(asked) == 1:  # the first variant: Ctrl-C while it searches
            os.kill(os.getpid(), signal.SIGINT)
            while not should_stop():
                pass
        asked.append(scenario)
        return hand_plan()

    monkeypatch.setattr(solver, "solve", solve)
    variants = variants_file(tmp_path, TWO)
    out, summary = tmp_path / "c.xlsx", tmp_path / "c.json"
    code, _, err = run(capsys, "compare", SAMPLE, variants, "--out", out, "--json", summary)
    assert code == 0
    assert "Stopping: what was solved so far will be written" in err
    assert "Stopped, as asked: what was solved by then was written." in err
    written = json.loads(summary.read_text())["scenarios"]
    assert [s["status"] for s in written] == [
        "solved, gap 9.6%", "stopped early, gap 9.6%", "not solved (stopped)"]
    assert len(asked) == 2
    tab = openpyxl.load_workbook(out)["Comparison"]
    assert tab.cell(6, 4).value == "not solved (stopped): stopped before its turn"
