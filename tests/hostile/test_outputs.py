"""Every file a command writes is checked before any work starts: never a file it reads, never
another of its outputs, never a folder, a pipe or a place that cannot be written; and a write
that fails half-way is exit 2 with the path and the reason, the old file left as it was."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from xlsxwriter.exceptions import FileCreateError

import solver
from planner.io import save_scenario
from planner.io.rota_writing import write_rota_workbook
from tests.test_rota_workbook import hand_plan, scenario
from ui.cli import main


def run(capsys, *argv) -> tuple[int, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    """A scenario, a rota workbook and a contact log, as a team leader's folder holds them."""
    scenario_file, rota = tmp_path / "in.xlsx", tmp_path / "rota.xlsx"
    save_scenario(scenario(), scenario_file)
    write_rota_workbook(rota, scenario(), hand_plan())
    history = tmp_path / "calls.csv"
    history.write_text("arrived,channel,handle_seconds,outcome\n"
                       "2027-03-01 09:00,voice,300,answered\n", encoding="utf-8")
    return {"scenario": scenario_file, "rota": rota, "history": history}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def no_solving(monkeypatch):
    """A solve that returns a small finished rota at once, for what happens around it."""
    monkeypatch.setattr(solver, "solve", lambda *args, **kwargs: hand_plan())


@pytest.mark.parametrize(("argv", "said"), [
    (["solve", "{scenario}", "--out", "{tmp}/r.xlsx", "--json", "{scenario}"],
     "--json {scenario}: that is the same file as {scenario}, which is being read"),
    (["solve", "{scenario}", "--out", "{tmp}/r.xlsx", "--json", "{tmp}/r.xlsx"],
     "--json {tmp}/r.xlsx: that is also --out"),
    (["solve", "{scenario}", "--out", "{scenario}"], "--out {scenario}: that is the same file"),
    (["staffing", "{scenario}", "--out", "{scenario}"], "--out {scenario}: that is the same"),
    (["check", "{rota}", "--json", "{rota}"], "--json {rota}: that is the same file as {rota}"),
    (["simulate", "{rota}", "--json", "{rota}"], "--json {rota}: that is the same file"),
    (["forecast", "{history}", "--start", "2027-03-08", "--days", "7", "--out", "{tmp}/s.xlsx",
      "--json", "{history}"], "--json {history}: that is the same file as {history}"),
    (["forecast", "{history}", "--start", "2027-03-08", "--days", "7", "--out", "{tmp}/s.xlsx",
      "--json", "{tmp}/s.xlsx"], "that is also --out"),
    (["import-curtois", "{history}", "--out", "{history}"], "that is the same file"),
    (["gui", "{scenario}", "--screenshot", "{scenario}"], "--screenshot {scenario}: that is"),
])
def test_a_file_being_read_or_written_twice_is_refused_and_left_alone(capsys, files, tmp_path,
                                                                      no_solving, argv, said):
    names = {k: str(v) for k, v in files.items()} | {"tmp": str(tmp_path)}
    before = snapshot(tmp_path)
    code, err = run(capsys, *(a.format(**names) for a in argv))
    assert code == 2
    assert said.format(**names) in err
    assert snapshot(tmp_path) == before


def test_a_second_name_for_the_scenario_is_found_through_links(capsys, files, tmp_path,
                                                               no_solving):
    (tmp_path / "link.xlsx").symlink_to(files["scenario"])
    os.link(files["scenario"], tmp_path / "hard.xlsx")
    before = snapshot(tmp_path)
    code, err = run(capsys, "solve", tmp_path / "link.xlsx", "--out", files["scenario"])
    assert code == 2 and "which is being read" in err
    code, err = run(capsys, "staffing", tmp_path / "hard.xlsx", "--out", files["scenario"])
    assert code == 2 and "which is being read" in err
    assert snapshot(tmp_path) == before


def test_a_sheet_of_a_csv_folder_being_read_is_not_written_over(capsys, tmp_path):
    folder = tmp_path / "scenario"
    save_scenario(scenario(), folder)
    before = snapshot(folder)
    code, err = run(capsys, "staffing", folder, "--out", folder / "Demand.csv")
    assert code == 2 and "a sheet of the scenario folder" in err
    assert snapshot(folder) == before


@pytest.mark.parametrize(("where", "said"), [
    ("missing/r.xlsx", "the folder {tmp}/missing does not exist"),
    ("a-file/r.xlsx", "{tmp}/a-file is a file, not a folder"),
    ("a-folder.xlsx", "that is a folder; give a file name"),
    ("pipe.xlsx", "that is a named pipe, not a file"),
    ("x" * 250 + ".xlsx", "the name is too long; this disk takes names of up to"),
])
def test_a_place_nothing_can_be_written_is_refused_before_the_solve(capsys, files, tmp_path,
                                                                    monkeypatch, where, said):
    (tmp_path / "a-file").write_text("notes")
    (tmp_path / "a-folder.xlsx").mkdir()
    os.mkfifo(tmp_path / "pipe.xlsx")
    solved = []
    monkeypatch.setattr(solver, "solve", lambda *args, **kwargs: solved.append(1))
    for option in ("--out", "--json"):
        argv = ["solve", files["scenario"], "--out", tmp_path / "r.xlsx", "--json",
                tmp_path / "r.json"]
        argv[argv.index(option) + 1] = tmp_path / where
        code, err = run(capsys, *argv)
        assert code == 2
        assert f"planner solve: {option} {tmp_path / where}: " in err
        assert said.format(tmp=tmp_path) in err
    assert solved == []  # found before the work, not after it
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r.json").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="an administrator may write to any file")
def test_a_read_only_file_is_not_replaced(capsys, files, tmp_path, no_solving):
    rota = tmp_path / "r.xlsx"
    rota.write_bytes(b"last week's rota")
    rota.chmod(stat.S_IRUSR)
    code, err = run(capsys, "solve", files["scenario"], "--out", rota)
    assert code == 2 and "the file is read-only" in err
    assert rota.read_bytes() == b"last week's rota"


def test_a_folder_on_a_read_only_disk_is_refused(capsys, files, tmp_path, monkeypatch,
                                                 no_solving):
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", read_only)
    code, err = run(capsys, "solve", files["scenario"], "--out", tmp_path / "r.xlsx")
    assert code == 2
    assert f"nothing can be saved in {tmp_path}: that disk is read-only" in err


@pytest.mark.parametrize("failure", [
    FileCreateError(OSError(errno.ENOSPC, "No space left on device")),
    OSError(errno.ENOSPC, "No space left on device"),
    PermissionError(errno.EACCES, "Permission denied"),
])
def test_a_write_that_fails_half_way_is_exit_2_naming_the_path(capsys, files, tmp_path,
                                                               monkeypatch, no_solving,
                                                               failure):
    import xlsxwriter

    rota = tmp_path / "r.xlsx"
    rota.write_bytes(b"last week's rota")

    def fails(self):
        raise failure

    monkeypatch.setattr(xlsxwriter.Workbook, "close", fails)
    code, err = run(capsys, "solve", files["scenario"], "--out", rota)
    assert code == 2
    assert f"planner solve: {rota} could not be written: " in err
    assert ("the disk is full" in err) or ("permission denied" in err)
    assert rota.read_bytes() == b"last week's rota"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.xlsx", "rota.xlsx", "calls.csv", "r.xlsx"])  # no temporary file left


def test_a_json_summary_that_cannot_be_written_is_exit_2(capsys, files, tmp_path,
                                                         monkeypatch):
    from planner.io import atomic

    real = atomic.os.replace

    def full_for_json(src, dst):
        if str(dst).endswith(".json"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", full_for_json)
    code, err = run(capsys, "check", files["rota"], "--json", tmp_path / "c.json")
    assert code == 2
    assert f"{tmp_path / 'c.json'} could not be written: the disk is full" in err
    assert not (tmp_path / "c.json").exists()


def test_a_fault_is_logged_to_a_file_of_its_own_run(capsys, files, monkeypatch):
    from ui.commands import validate

    def fault(args):
        raise RuntimeError("a fault inside")

    monkeypatch.setattr(validate, "run", fault)
    code = main(["validate", str(files["scenario"])])
    err = capsys.readouterr().err
    assert code == 1
    log = Path(err.split("Details were written to ")[1].split(".log")[0] + ".log")
    assert f"-{os.getpid()}.log" in log.name
    assert "RuntimeError: a fault inside" in log.read_text()
    log.unlink()
