"""Crash recovery: copies while work is unsaved, nothing when saved, and found after a crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.gui.recovery import INFO, LOCK, WORKBOOK, Recovery, RecoveryCopy, default_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WORK = b"unsaved rota work"


def write_work(path: Path) -> None:
    path.write_bytes(WORK)


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def leave_copy(folder: Path, pid: int, original: str | None = "/rotas/june.xlsx") -> None:
    """Recovery files as a session that crashed leaves them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / WORKBOOK).write_bytes(WORK)
    (folder / INFO).write_text(json.dumps({"original": original, "pid": pid,
                                           "saved_at": "2027-06-01T10:15:00+01:00"}))


def test_a_tick_with_unsaved_changes_writes_the_copy(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, write_work, interval_ms=5, is_dirty=lambda: True,
                        original=lambda: Path("/rotas/june.xlsx"))
    recovery.start()
    qtbot.waitUntil(lambda: (folder / INFO).exists(), timeout=5000)
    recovery.stop()
    assert (folder / WORKBOOK).read_bytes() == WORK
    note = json.loads((folder / INFO).read_text())
    assert note["original"] == str(Path("/rotas/june.xlsx"))
    assert note["pid"] == os.getpid()
    saved_at = dt.datetime.fromisoformat(note["saved_at"])
    assert abs(dt.datetime.now().astimezone() - saved_at) < dt.timedelta(hours=1)
    assert sorted(p.name for p in folder.iterdir()) == [INFO, LOCK, WORKBOOK]  # no temp left


def test_a_tick_without_unsaved_changes_writes_nothing(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    asked, saves = [], []
    recovery = Recovery(folder, saves.append, interval_ms=5,
                        is_dirty=lambda: asked.append(1) is not None)
    recovery.start()
    qtbot.waitUntil(lambda: len(asked) >= 3, timeout=5000)
    recovery.stop()
    assert saves == []
    assert not (folder / WORKBOOK).exists() and not (folder / INFO).exists()


def test_clean_exit_deletes_the_copy_and_nothing_is_found(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, write_work)
    with qtbot.waitSignal(recovery.saved, timeout=5000) as saved:
        assert recovery.save_now()
    assert saved.args == [folder / WORKBOOK]
    assert recovery.clean_exit()
    assert list(folder.iterdir()) == []
    assert Recovery.found(folder) is None


def test_the_copy_of_this_session_is_not_offered_as_a_crash(tmp_path):
    recovery = Recovery(tmp_path, write_work)
    assert recovery.save_now()
    assert Recovery.found(tmp_path) is None
    leave_copy(tmp_path / "other", os.getpid())
    assert Recovery.found(tmp_path / "other") is None


def test_found_after_a_crash_by_a_process_that_has_ended(tmp_path):
    leave_copy(tmp_path, dead_pid())
    copy = Recovery.found(tmp_path)
    assert copy == RecoveryCopy(tmp_path / WORKBOOK, Path("/rotas/june.xlsx"),
                                dt.datetime(2027, 6, 1, 10, 15,
                                            tzinfo=dt.timezone(dt.timedelta(hours=1))))
    assert copy.workbook.read_bytes() == WORK


def test_found_with_an_unreadable_note_still_offers_the_work(tmp_path):
    leave_copy(tmp_path, dead_pid())
    (tmp_path / INFO).write_text("{not json")
    copy = Recovery.found(tmp_path)
    assert copy is not None
    assert copy.original is None
    assert copy.saved_at.date() == dt.date.today()


def test_nothing_found_in_an_empty_or_missing_folder(tmp_path):
    assert Recovery.found(tmp_path) is None
    assert Recovery.found(tmp_path / "missing") is None


CRASHING_WINDOW = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from ui.gui.recovery import Recovery
recovery = Recovery(Path(sys.argv[1]), lambda path: path.write_bytes(b"unsaved rota work"),
                    original=lambda: Path(sys.argv[2]))
if not recovery.save_now():
    sys.exit(2)
print("saved", flush=True)
sys.stdin.read()
os._exit(3)  # ends without clean_exit, as a crash does
"""


def test_an_open_window_keeps_its_copy_and_its_crash_leaves_it_to_be_found(tmp_path):
    folder = tmp_path / "recovery"
    window = subprocess.Popen([sys.executable, "-c", CRASHING_WINDOW, str(folder),
                               str(tmp_path / "may.xlsx")],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "saved"
        # Still open in another process: its copy is not a crash, and not ours to touch.
        assert Recovery.found(folder) is None
        second = Recovery(folder, write_work)
        failures = []
        second.failed.connect(failures.append)
        assert not second.save_now()
        assert not second.save_now()
        assert len(failures) == 1 and "Another planner window" in failures[0]
        assert second.clean_exit()
        assert (folder / WORKBOOK).exists()
    finally:
        window.stdin.close()
        code = window.wait(timeout=60)
    assert code == 3
    copy = Recovery.found(folder)
    assert copy is not None
    assert copy.original == tmp_path / "may.xlsx"
    assert copy.workbook.read_bytes() == WORK
    # A new window replaces the crashed session's stale lock once the copy has been dealt with.
    third = Recovery(folder, write_work)
    assert third.clean_exit()
    assert not (folder / WORKBOOK).exists()
    assert Recovery.found(folder) is None


def test_a_save_that_raises_emits_failed_and_keeps_the_old_copy(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, write_work, interval_ms=5)
    assert recovery.save_now()

    def broken(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("the disk is full")

    recovery._save = broken
    with qtbot.waitSignal(recovery.failed, timeout=5000) as failed:
        recovery.start()
    recovery.stop()
    assert "the disk is full" in failed.args[0]
    assert "recovery copy" in failed.args[0]
    assert (folder / WORKBOOK).read_bytes() == WORK
    assert sorted(p.name for p in folder.iterdir()) == [INFO, LOCK, WORKBOOK]


def test_a_save_that_writes_nothing_emits_failed(qtbot, tmp_path):
    recovery = Recovery(tmp_path, lambda path: None)
    with qtbot.waitSignal(recovery.failed, timeout=5000) as failed:
        assert not recovery.save_now()
    assert "wrote no file" in failed.args[0]
    assert not (tmp_path / WORKBOOK).exists()


def test_a_failing_unsaved_changes_check_emits_failed(qtbot, tmp_path):
    def broken() -> bool:
        raise ValueError("no document")

    recovery = Recovery(tmp_path, write_work, is_dirty=broken)
    with qtbot.waitSignal(recovery.failed, timeout=5000) as failed:
        assert not recovery.save_now()
    assert "no document" in failed.args[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_default_folder_is_made_in_the_application_data_folder(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = default_folder()
    assert folder.name == "recovery"
    assert folder.is_dir()
    assert tmp_path in folder.parents
