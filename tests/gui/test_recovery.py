"""Crash recovery: copies while work is unsaved, nothing when saved, and found after a crash.

Each window keeps its copy in a place of its own (`window-<id>/` in the recovery folder); the
previous version's one copy, directly in the folder, is found too."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.gui.document import FileStamp  # noqa: E402
from ui.gui.recovery import (  # noqa: E402
    INFO,
    LOCK,
    WORKBOOK,
    Recovery,
    RecoveryCopy,
    default_folder,
)

ROOT = Path(__file__).resolve().parents[2]
WORK = b"unsaved rota work"


def write_work(path: Path) -> None:
    path.write_bytes(WORK)


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def leave_copy(folder: Path, pid: int, original: str | None = "/rotas/june.xlsx",
               saved_at: str = "2027-06-01T10:15:00+01:00") -> None:
    """Recovery files as a window that crashed leaves them in `folder` (its place, or the
    recovery folder itself for the previous version's layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / WORKBOOK).write_bytes(WORK)
    (folder / INFO).write_text(json.dumps({"original": original, "pid": pid,
                                           "saved_at": saved_at}))


JUNE_COPY_TIME = dt.datetime(2027, 6, 1, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_a_tick_with_unsaved_changes_writes_the_copy(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, write_work, interval_ms=5, is_dirty=lambda: True,
                        original=lambda: Path("/rotas/june.xlsx"),
                        original_stamp=lambda: FileStamp(1_780_000_000_000_000_000, 5120))
    recovery.start()
    qtbot.waitUntil(lambda: recovery.info.exists(), timeout=5000)
    recovery.stop()
    assert recovery.place == folder / f"window-{recovery.window_id}"
    assert recovery.workbook == recovery.place / WORKBOOK and recovery.info == recovery.place / INFO
    assert recovery.workbook.read_bytes() == WORK
    note = json.loads(recovery.info.read_text())
    assert note["original"] == str(Path("/rotas/june.xlsx"))
    assert note["original_stamp"] == {"modified_ns": 1_780_000_000_000_000_000, "size": 5120}
    assert note["pid"] == os.getpid() and note["window"] == recovery.window_id
    saved_at = dt.datetime.fromisoformat(note["saved_at"])
    assert abs(dt.datetime.now().astimezone() - saved_at) < dt.timedelta(hours=1)
    assert [p.name for p in folder.iterdir()] == [recovery.place.name]
    assert sorted(p.name for p in recovery.place.iterdir()) == [INFO, LOCK, WORKBOOK]


def test_a_tick_without_unsaved_changes_writes_nothing(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    asked, saves = [], []
    recovery = Recovery(folder, saves.append, interval_ms=5,
                        is_dirty=lambda: asked.append(1) is not None)
    recovery.start()
    qtbot.waitUntil(lambda: len(asked) >= 3, timeout=5000)
    recovery.stop()
    assert saves == []
    assert not folder.exists() or list(folder.iterdir()) == []


def test_clean_exit_deletes_the_copy_and_nothing_is_found(qtbot, tmp_path):
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, write_work)
    with qtbot.waitSignal(recovery.saved, timeout=5000) as saved:
        assert recovery.save_now()
    assert saved.args == [recovery.workbook]
    assert recovery.clean_exit()
    assert list(folder.iterdir()) == []
    assert Recovery.found(folder) == []


def test_the_copies_of_this_session_s_open_windows_are_not_offered(tmp_path):
    first, second = Recovery(tmp_path, write_work), Recovery(tmp_path, write_work)
    assert first.window_id != second.window_id
    assert first.save_now() and second.save_now()
    assert first.workbook != second.workbook
    assert Recovery.found(tmp_path) == []
    assert first.clean_exit()
    assert second.workbook.read_bytes() == WORK  # one window's close leaves the other's copy
    # A copy naming this process but with no window holding it is left over (the process id
    # of a planner that crashed before a restart may come round again).
    leave_copy(tmp_path / "window-left", os.getpid())
    assert [copy.folder for copy in Recovery.found(tmp_path)] == [tmp_path / "window-left"]


def test_found_after_a_crash_by_a_process_that_has_ended(tmp_path):
    place = tmp_path / "window-0123abcd"
    leave_copy(place, dead_pid())
    note = json.loads((place / INFO).read_text())
    note.update(window="0123abcd", original_stamp={"modified_ns": 17, "size": 5})
    (place / INFO).write_text(json.dumps(note))
    [copy] = Recovery.found(tmp_path)
    assert copy == RecoveryCopy(place / WORKBOOK, Path("/rotas/june.xlsx"), JUNE_COPY_TIME,
                                FileStamp(17, 5), "0123abcd", note["pid"])
    assert copy.workbook.read_bytes() == WORK and copy.folder == place and not copy.old_layout


def test_the_previous_version_s_copy_is_found_once_beside_the_new_ones(tmp_path):
    leave_copy(tmp_path, dead_pid(), "/rotas/may.xlsx", "2027-05-01T09:00:00+01:00")
    leave_copy(tmp_path / "window-1", dead_pid())
    copies = Recovery.found(tmp_path)
    assert [copy.original for copy in copies] == [Path("/rotas/june.xlsx"),
                                                 Path("/rotas/may.xlsx")]  # newest first
    old = copies[1]
    assert old.old_layout and old.workbook == tmp_path / WORKBOOK and old.original_stamp is None
    Recovery.discard(old)
    assert not (tmp_path / WORKBOOK).exists() and not (tmp_path / INFO).exists()
    assert [copy.original for copy in Recovery.found(tmp_path)] == [Path("/rotas/june.xlsx")]


def test_found_with_an_unreadable_note_still_offers_the_work(tmp_path):
    leave_copy(tmp_path / "window-1", dead_pid())
    (tmp_path / "window-1" / INFO).write_text("{not json")
    [copy] = Recovery.found(tmp_path)
    assert copy.original is None
    assert copy.saved_at.date() == dt.date.today()


def test_nothing_found_in_an_empty_or_missing_folder(tmp_path):
    assert Recovery.found(tmp_path) == []
    assert Recovery.found(tmp_path / "missing") == []


def test_a_copy_opened_in_a_window_is_its_own_until_that_window_has_a_copy(tmp_path):
    leave_copy(tmp_path / "window-left", dead_pid())
    [copy] = Recovery.found(tmp_path)
    window = Recovery(tmp_path, write_work)
    assert window.adopt(copy)
    assert Recovery.found(tmp_path) == []  # not offered to another window meanwhile
    assert not Recovery(tmp_path, write_work).adopt(copy)
    assert copy.workbook in window.copies()
    assert window.save_now()
    assert not (tmp_path / "window-left").exists()  # its work is in the window's copy now
    assert window.copies() == [window.workbook]


def test_a_copy_given_back_is_offered_again(tmp_path):
    leave_copy(tmp_path / "window-left", dead_pid())
    [copy] = Recovery.found(tmp_path)
    window = Recovery(tmp_path, write_work)
    assert window.adopt(copy)
    window.give_back(copy)
    assert Recovery.found(tmp_path) == [copy]
    assert window.clean_exit()
    assert Recovery.found(tmp_path) == [copy]  # a close touches only what the window holds


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
        assert Recovery.found(folder) == []
        [place] = folder.iterdir()
        with pytest.raises(OSError, match="still open"):
            Recovery.discard(RecoveryCopy(place / WORKBOOK, None, JUNE_COPY_TIME))
        second = Recovery(folder, lambda path: path.write_bytes(b"other work"))
        assert second.save_now()  # a copy of its own, beside the other window's
        assert second.clean_exit()
        assert (place / WORKBOOK).read_bytes() == WORK
    finally:
        window.stdin.close()
        code = window.wait(timeout=60)
    assert code == 3
    [copy] = Recovery.found(folder)
    assert copy.original == tmp_path / "may.xlsx"
    assert copy.workbook.read_bytes() == WORK
    # A new window never touches it; deleting it is the person's choice.
    third = Recovery(folder, write_work)
    assert third.save_now() and third.clean_exit()
    assert Recovery.found(folder) == [copy]
    Recovery.discard(copy)
    assert list(folder.iterdir()) == []
    assert Recovery.found(folder) == []


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
    assert recovery.workbook.read_bytes() == WORK
    assert sorted(p.name for p in recovery.place.iterdir()) == [INFO, LOCK, WORKBOOK]


def test_a_save_that_writes_nothing_emits_failed(qtbot, tmp_path):
    recovery = Recovery(tmp_path, lambda path: None)
    with qtbot.waitSignal(recovery.failed, timeout=5000) as failed:
        assert not recovery.save_now()
    assert "wrote no file" in failed.args[0]
    assert not recovery.workbook.exists()


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
