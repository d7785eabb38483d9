"""The `planner` command as a user meets it: answers, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ui import cli

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "samples" / "housing-1-week.xlsx"
BIG = ROOT / "samples" / "housing-4-weeks.xlsx"
SMALL_CSV = ROOT / "samples" / "housing-1-week-csv"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def erlang_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "erlang", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


CALL_CENTRE_HELPER = ("--volume", "100", "--interval-minutes", "30", "--aht-seconds", "180")


def test_erlang_contract_predicts_service_for_given_agents(capsys):
    # Call Centre Helper's worked example: 100 calls in 30 minutes, AHT 180 s, 14 agents.
    answer = erlang_json(capsys, *CALL_CENTRE_HELPER, "--agents", "14", "--answer-seconds", "20")
    assert answer["agents"] == 14
    assert answer["waiting_probability"] == pytest.approx(0.174, abs=5e-4)
    assert answer["service_level"] == pytest.approx(0.888, abs=1e-3)
    assert answer["occupancy"] == pytest.approx(0.714, abs=5e-4)
    # ASA = C * AHT / (N - A) = 0.1741 * 180 / 4
    assert answer["asa_seconds"] == pytest.approx(0.17408 * 180 / 4, rel=2e-3)
    assert "abandon_rate" not in answer


def test_erlang_finds_agents_for_a_service_level(capsys):
    answer = erlang_json(
        capsys,
        *CALL_CENTRE_HELPER,
        "--service-level",
        "0.8",
        "--answer-seconds",
        "19.8",
        "--shrinkage",
        "0.3",
    )
    assert answer["agents"] == 14
    assert answer["agents_rostered"] == 20
    assert answer["service_level"] >= 0.8
    one_fewer = erlang_json(
        capsys, *CALL_CENTRE_HELPER, "--agents", "13", "--answer-seconds", "19.8"
    )
    assert one_fewer["service_level"] < 0.8


def test_erlang_with_patience_predicts_abandonment(capsys):
    without = erlang_json(capsys, *CALL_CENTRE_HELPER, "--agents", "11")
    with_patience = erlang_json(
        capsys, *CALL_CENTRE_HELPER, "--agents", "11", "--patience-seconds", "300"
    )
    assert 0 < with_patience["abandon_rate"] < with_patience["waiting_probability"]
    # Callers who give up shorten the queue for those who stay.
    assert with_patience["asa_seconds"] < without["asa_seconds"]


def test_erlang_caps_on_wait_and_abandonment_find_agents(capsys):
    answer = erlang_json(
        capsys,
        *CALL_CENTRE_HELPER,
        "--patience-seconds",
        "300",
        "--max-abandon-rate",
        "0.02",
        "--max-asa-seconds",
        "10",
    )
    assert answer["abandon_rate"] <= 0.02 and answer["asa_seconds"] <= 10
    fewer = erlang_json(
        capsys,
        *CALL_CENTRE_HELPER,
        "--patience-seconds",
        "300",
        "--agents",
        str(answer["agents"] - 1),
    )
    assert fewer["abandon_rate"] > 0.02 or fewer["asa_seconds"] > 10


def test_erlang_text_output_names_every_figure(capsys):
    code, out, _ = run(
        capsys, "erlang", *CALL_CENTRE_HELPER, "--agents", "14", "--patience-seconds", "600"
    )
    assert code == 0
    for name in (
        "waiting_probability",
        "service_level",
        "asa_seconds",
        "occupancy",
        "abandon_rate",
    ):
        assert name in out


@pytest.mark.parametrize(
    "argv",
    [
        ("--agents", "14", "--service-level", "0.8"),
        (),
        ("--agents", "-3"),
        ("--service-level", "1.5"),
        ("--max-abandon-rate", "0.1"),
        ("--agents", "ten"),
    ],
    ids=[
        "agents-and-target",
        "nothing-to-work-out",
        "negative-agents",
        "service-level-above-1",
        "abandonment-without-patience",
        "text-agents",
    ],
)
def test_erlang_bad_input_exits_2_with_a_sentence(capsys, argv):
    code, out, err = run(capsys, "erlang", *CALL_CENTRE_HELPER, *argv)
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_validate_passes_both_samples(capsys):
    for sample in (SMALL, BIG, SMALL_CSV):
        code, out, err = run(capsys, "validate", str(sample))
        assert code == 0, err
        assert "0 errors" in out


def test_validate_json_lists_problems(capsys, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "validate", str(empty), "--json")
    assert code == 2
    answer = json.loads(out)
    assert answer["ok"] is False and answer["errors"] >= 1
    assert answer["problems"][0]["file"]


def test_every_broken_input_exits_2_naming_sheet_row_and_column(capsys, tmp_path):
    from tests.broken_inputs import BROKEN_INPUTS

    assert len(BROKEN_INPUTS) >= 20
    for case in BROKEN_INPUTS:
        path = case.build(tmp_path / case.name)
        code, out, err = run(capsys, "validate", str(path))
        assert code == 2, f"{case.name}: exit {code}\n{out}{err}"
        assert "Traceback" not in out + err
        lines = [line for line in err.splitlines() if line.startswith("error:")]
        assert lines, f"{case.name}: no error line in {err!r}"
        wanted = [w for w in (case.sheet, case.column) if w]
        if case.row is not None:
            wanted.append(f"row {case.row}")
        assert any(all(w in line for w in wanted) for line in lines), (
            f"{case.name}: no line names {wanted}: {lines}"
        )


def test_staffing_writes_a_readable_workbook(capsys, tmp_path):
    out_file = tmp_path / "staffing.xlsx"
    code, out, err = run(capsys, "staffing", str(SMALL), "--out", str(out_file))
    assert code == 0, err
    assert "Report written" in out
    workbook = load_workbook(out_file, read_only=True)
    assert workbook.sheetnames[:2] == ["Summary", "Intervals"]
    rows = list(workbook["Intervals"].iter_rows(values_only=True))
    header = rows[0]
    for name in (
        "date",
        "interval_start",
        "channel",
        "volume",
        "agents_needed",
        "required",
        "service_level",
        "asa_seconds",
        "abandon_rate",
        "occupancy",
    ):
        assert name in header
    needed, required = header.index("agents_needed"), header.index("required")
    assert all(r[required] >= r[needed] for r in rows[1:])
    assert any(r[required] > 0 for r in rows[1:])


def test_staffing_json_and_csv(capsys, tmp_path):
    out_file = tmp_path / "staffing.csv"
    code, out, err = run(capsys, "staffing", str(SMALL), "--out", str(out_file), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["report"] == str(out_file)
    assert summary["rostered_hours_per_week"] >= summary["agent_hours_per_week"] > 0
    assert out_file.read_text().startswith("date,interval_start,channel")


@pytest.mark.parametrize("out_name", ["report.txt", "missing-folder/report.xlsx"])
def test_staffing_refuses_a_bad_output_path(capsys, tmp_path, out_name):
    code, _, err = run(capsys, "staffing", str(SMALL), "--out", str(tmp_path / out_name))
    assert code == 2 and err


def test_staffing_on_a_broken_scenario_exits_2(capsys, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("this is not a workbook")
    code, out, err = run(capsys, "staffing", str(broken), "--out", str(tmp_path / "r.xlsx"))
    assert code == 2
    assert "broken.xlsx" in err and "Traceback" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_template_writes_a_workbook_that_loads_without_a_crash(capsys, tmp_path):
    target = tmp_path / "new.xlsx"
    code, out, _ = run(capsys, "template", str(target))
    assert code == 0 and target.exists()
    code, _, err = run(capsys, "template", str(target))
    assert code == 2 and "already exists" in err
    code, out, err = run(capsys, "validate", str(target))
    assert code == 2  # an empty template has no demand yet
    assert "Demand" in err and "Traceback" not in out + err


def test_a_bug_gives_exit_1_and_no_traceback(capsys, monkeypatch):
    from ui.commands import validate

    def explode(_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "run", explode)
    code, out, err = run(capsys, "validate", str(SMALL))
    assert code == 1
    assert "boom" in err and "Traceback" not in out + err


def test_console_command_is_installed_and_answers():
    planner = Path(sys.executable).parent / "planner"
    result = subprocess.run(
        [str(planner), "erlang", *CALL_CENTRE_HELPER, "--agents", "14", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["agents"] == 14


def test_erlang_chat_concurrency_counts_sessions_per_agent(capsys):
    chat = (
        "--volume",
        "60",
        "--interval-minutes",
        "15",
        "--aht-seconds",
        "900",
        "--answer-seconds",
        "60",
    )
    single = erlang_json(capsys, *chat, "--service-level", "0.8")
    double = erlang_json(capsys, *chat, "--service-level", "0.8", "--concurrency", "2")
    assert double["agents"] == -(-single["agents"] // 2)
    check = erlang_json(capsys, *chat, "--agents", str(double["agents"]), "--concurrency", "2")
    assert check["service_level"] == pytest.approx(double["service_level"])
    assert check["service_level"] >= 0.8


def test_output_piped_to_a_reader_that_stops_is_no_fault():
    """`planner validate S | head -1`: the reader goes away; no fault is reported or logged."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "housing-4-weeks.xlsx"
    process = subprocess.Popen([sys.executable, "-m", "ui.cli", "validate", str(sample)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=Path(__file__).resolve().parents[1])
    process.stdout.close()  # as `head` does once it has read enough
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == cli.EXIT_PIPE_CLOSED
    assert "went wrong" not in err and "Traceback" not in err
