"""Crash recovery: a copy of unsaved work every few minutes, offered back after a crash.

While the window has unsaved changes, `Recovery` saves the document to `recovery.xlsx` in a
recovery folder and notes beside it, in `recovery.json`, where the work came from, when it was
saved and which process saved it. A normal close (or a save) deletes both with `clean_exit()`.
Files still there at the next start mean the last session ended without closing: `found()`
returns them so the window can offer the work back.

A window holds `recovery.lock` (a Qt lock file naming its process) while it keeps a copy. The
lock tells a crashed session's copy from the copy of another window that is still open: the
lock of a process that has ended is stale, the lock of a running window is not. Only the
window holding the lock writes or deletes the copy, so two open windows never overwrite each
other's work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from planner.io.atomic import atomic_write, remove

WORKBOOK = "recovery.xlsx"
INFO = "recovery.json"
LOCK = "recovery.lock"
EVERY_THREE_MINUTES = 180_000


@dataclass(frozen=True)
class RecoveryCopy:
    """Work saved by a session that did not close: the copy, where it came from, and when."""

    workbook: Path
    original: Path | None
    saved_at: dt.datetime


class Recovery(QObject):
    """Keeps a recovery copy of unsaved work; emits saved(Path) or failed(str) after each try.

    `save(path)` writes the document to `path` (an .xlsx name). `is_dirty()` says whether there
    are unsaved changes; only then is a copy made. `original()` gives the file the work was
    opened from, or None for work never saved. Call `found()` before `start()`: the first copy
    replaces whatever an earlier session left.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, folder: Path, save: Callable[[Path], None],
                 interval_ms: int = EVERY_THREE_MINUTES, parent: QObject | None = None, *,
                 is_dirty: Callable[[], bool] = lambda: True,
                 original: Callable[[], Path | None] = lambda: None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._save = save
        self._is_dirty = is_dirty
        self._original = original
        self._lock = _lock_file(self.folder)
        self._told_in_use = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)

    @property
    def workbook(self) -> Path:
        return self.folder / WORKBOOK

    @property
    def info(self) -> Path:
        return self.folder / INFO

    def start(self) -> None:
        """Save a copy every interval from now on, whenever there are unsaved changes."""
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def save_now(self) -> bool:
        """Save a copy if there are unsaved changes. Never raises: a failure emits `failed`.

        Returns whether a copy was saved.
        """
        try:
            if not self._is_dirty():
                return False
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._hold_lock():
                if not self._told_in_use:
                    self._told_in_use = True
                    self.failed.emit(f"Another planner window is keeping its recovery copy in "
                                     f"{self.folder}; this window's unsaved changes are not "
                                     "being copied. Save your work to keep it.")
                return False
            self._told_in_use = False
            self._write_copy()
        except Exception as error:  # noqa: BLE001 - reported to the window, never raised
            self.failed.emit(f"The recovery copy of your unsaved changes could not be saved "
                             f"in {self.folder}: {_reason(error)}")
            return False
        self.saved.emit(self.workbook)
        return True

    def clean_exit(self) -> bool:
        """Delete the recovery copy (on a normal close, or once the work is saved).

        A copy kept by another open window is left alone. Never raises: a failure emits
        `failed`. Returns whether no copy of this session is left behind.
        """
        try:
            if not self._lock.isLocked() and not self._take_lock():
                return True  # not ours: another open window keeps that copy
            for path in (self.workbook, self.info, self._temp()):
                if path.exists():
                    path.unlink()
            self._lock.unlock()
        except Exception as error:  # noqa: BLE001 - reported to the window, never raised
            self.failed.emit(f"The recovery copy in {self.folder} could not be deleted: "
                             f"{_reason(error)}")
            return False
        return True

    @staticmethod
    def found(folder: Path) -> RecoveryCopy | None:
        """The copy left by a session that ended without closing, or None.

        None when there is no copy, or when the copy belongs to this process or to another
        planner window that is still open.
        """
        folder = Path(folder)
        workbook = folder / WORKBOOK
        if not workbook.is_file():
            return None
        info = _read_info(folder / INFO)
        pid = info.get("pid")
        if pid == os.getpid() or _kept_by_open_window(folder, pid):
            return None
        original = info.get("original")
        saved_at = _when(info.get("saved_at"))
        if saved_at is None:
            saved_at = dt.datetime.fromtimestamp(workbook.stat().st_mtime).astimezone()
        return RecoveryCopy(workbook, Path(original) if isinstance(original, str) else None,
                            saved_at)

    # ---- inside --------------------------------------------------------------------------------

    def _hold_lock(self) -> bool:
        return self._lock.isLocked() or self._take_lock()

    def _take_lock(self) -> bool:
        if not self.folder.is_dir():
            return False
        return self._lock.tryLock(0)

    def _temp(self) -> Path:
        # Ends in .xlsx: a save picks the file type from the name.
        return self.folder / f".recovery.{os.getpid()}.xlsx"

    def _write_copy(self) -> None:
        """The workbook first, then the note about it; each appears whole or not at all."""
        temp = self._temp()
        try:
            self._save(temp)
            if not temp.is_file():
                raise OSError("the save wrote no file")
            _flush(temp)
            os.replace(temp, self.workbook)
        finally:
            remove(temp)
        original = self._original()
        note = {"original": str(original) if original is not None else None,
                "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "pid": os.getpid()}
        with atomic_write(self.info) as temp_info:
            temp_info.write_text(json.dumps(note, indent=2), encoding="utf-8")


def default_folder() -> Path:
    """The per-user recovery folder (created if missing), in the application's data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = (Path(base) if base else Path.home() / ".caseload-planner") / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lock_file(folder: Path) -> QLockFile:
    lock = QLockFile(str(folder / LOCK))
    # A running window may hold its lock for hours; only a lock whose process ended is stale.
    lock.setStaleLockTime(0)
    return lock


def _kept_by_open_window(folder: Path, pid: object) -> bool:
    """Whether a planner window that is still running holds the folder's lock."""
    lock = _lock_file(folder)
    if lock.tryLock(0):
        lock.unlock()
        return False
    if lock.error() == QLockFile.LockError.LockFailedError:
        return True
    # The lock could not be read or made (a read-only folder, say): ask about the process.
    return isinstance(pid, int) and pid != os.getpid() and _running(pid)


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":
        return True  # cannot tell: better not to offer another window's work as a crash
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    return True


def _read_info(path: Path) -> dict:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _when(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _flush(path: Path) -> None:
    try:
        with path.open("rb+") as stream:
            os.fsync(stream.fileno())
    except OSError:
        pass  # a file system without fsync still gets the atomic rename


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror + (f" ({error.filename})" if error.filename else "")
    return str(error) or type(error).__name__
