"""Ctrl-C and the stop signal never throw a finished rota away: the first writes the best rota
found, whole; a second quits at once and leaves the file that was there before. And a write
that was killed leaves nothing behind that the next write does not clear."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.io.atomic import atomic_write
from planner.io.rota_reading import read_rota_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "housing-4-weeks.xlsx"
PREVIOUS = b"last week's rota, kept by the team leader"


def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_a_killed_writes_leftovers_are_cleared_by_the_next_write(tmp_path):
    target = tmp_path / "rota.xlsx"
    target.write_bytes(b"old")
    dead = tmp_path / f".rota.xlsx.{dead_pid()}-0badf00d.tmp"
    old_style = tmp_path / ".rota.xlsx.0badf00d.tmp"
    running = tmp_path / f".rota.xlsx.{os.getppid()}-0badf00d.tmp"  # a write still going on
    other = tmp_path / f".other.xlsx.{dead_pid()}-0badf00d.tmp"
    for path in (dead, old_style, running, other):
        path.write_bytes(b"half a workbook")
    an_hour_ago = time.time() - 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    with atomic_write(target) as temp:
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert not dead.exists() and not old_style.exists()
    assert running.exists() and other.exists()  # not this write's, or not finished


def test_a_folder_swap_killed_half_way_gets_its_old_folder_back(tmp_path):
    target = tmp_path / "scenario"
    old = tmp_path / f".scenario.{dead_pid()}-0badf00d.old"
    old.mkdir()
    (old / "Staff.csv").write_text("staff_id\nA1\n")
    with atomic_write(tmp_path / "other.txt") as temp:  # a write beside it changes nothing
        temp.write_text("x")
    assert old.exists()
    with atomic_write(target) as temp:  # the next save of the folder first puts it back
        assert (target / "Staff.csv").read_text() == "staff_id\nA1\n"
        temp.mkdir()
        (temp / "Staff.csv").write_text("staff_id\nA2\n")
    assert (target / "Staff.csv").read_text() == "staff_id\nA2\n"
    assert not old.exists()


def solving(tmp_path: Path, limit: float = 20) -> tuple[subprocess.Popen, Path]:
    out = tmp_path / "rota.xlsx"
    out.write_bytes(PREVIOUS)
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "solve", str(SAMPLE), "--out", str(out),
         "--time-limit", str(limit), "--workers", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, out


def writing_started(folder: Path, process: subprocess.Popen) -> bool:
    """Wait until the rota workbook's temporary file appears (the write has begun)."""
    while process.poll() is None:
        if any(p.name.startswith(".rota.xlsx.") for p in folder.iterdir()):
            return True
        time.sleep(0.005)
    print(process.stderr.read())  # why it ended before writing, for the failure's report
    return False


def finished(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    return process.returncode, err


def a_whole_rota(out: Path) -> bool:
    read = read_rota_workbook(out)
    return read.ok and len(read.rota) == len(read.scenario.staff) * read.scenario.settings.plan_days


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("after", [0.3, 5.0])
def test_the_first_stop_writes_the_best_rota_found(tmp_path, number, after):
    process, out = solving(tmp_path)
    time.sleep(after)
    process.send_signal(number)
    started = time.perf_counter()
    code, err = finished(process)
    assert code == 0, err
    assert "Stopping: the best rota found so far will be written" in err
    assert "Stopped, as asked: the best rota found by then was written." in err
    assert a_whole_rota(out)
    assert time.perf_counter() - started < 30  # it stopped: the limit was 20 s after start
    assert [p.name for p in tmp_path.iterdir()] == ["rota.xlsx"]


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_while_the_rota_is_written_keeps_it_whole(tmp_path, number):
    process, out = solving(tmp_path, limit=8)
    assert writing_started(tmp_path, process)
    process.send_signal(number)
    code, err = finished(process)
    assert code == 0, err
    assert "is being written and will be kept whole" in err
    assert a_whole_rota(out)


@pytest.mark.slow
@pytest.mark.parametrize("while_", ["searching", "writing"])
def test_a_second_stop_quits_at_once_and_leaves_the_old_file(tmp_path, while_):
    process, out = solving(tmp_path, limit=20 if while_ == "searching" else 8)
    if while_ == "writing":
        assert writing_started(tmp_path, process)
    else:
        time.sleep(5)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    code, err = finished(process)
    assert code == 130
    assert "stopped at once" in err
    assert out.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["rota.xlsx"]  # no half-written file
