"""Crash recovery: a copy of each window's unsaved work every few minutes, offered back later.

Every window has a place of its own in the recovery folder, `window-<id>/`, named by an id made
when the window opens. While the window has unsaved changes, `Recovery` saves the work there to
`recovery.xlsx` and notes beside it, in `recovery.json`, the file the work came from and how
that file stood on disk when it was opened or last saved (its modification time and size),
when the copy was made, and which process and window made it. The window holds
`recovery.lock` there (a Qt lock file naming its process) while it keeps a copy. A normal close,
or a save, deletes the window's place with `clean_exit()`.

Copies still there at the next start are the work of windows that did not close: `found()`
lists them. The lock tells a copy left by a process that has ended (its lock is stale) from
the copy of a window still open, here or in another process (its lock is held): those are
never offered. A window writes and deletes only its own copy, with two exceptions the person
asks for: a copy they open becomes the opening window's (`adopt`), deleted once that window
has a copy of its own or the work is saved or discarded; and a copy they delete (`discard`).
A copy kept for later stays where it is and is offered again at every start until then.

The previous version kept its one copy directly in the recovery folder (`recovery.xlsx`,
`recovery.json`, `recovery.lock`); such a copy is found and offered like the others.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from planner.io.atomic import atomic_write, process_running, remove
from ui.gui.document import FileStamp

WORKBOOK = "recovery.xlsx"
INFO = "recovery.json"
LOCK = "recovery.lock"
PLACE = "window-"  # each window's place: window-<id>
EVERY_THREE_MINUTES = 180_000


@dataclass(frozen=True)
class RecoveryCopy:
    """Work saved by a window that did not close: the copy, where it came from, and when.

    `original_stamp` is how the original file stood when the work was opened or last saved
    (None when the copy does not say); `window_id` and `pid` name the window that made it."""

    workbook: Path
    original: Path | None
    saved_at: dt.datetime
    original_stamp: FileStamp | None = None
    window_id: str = ""
    pid: int | None = None

    @property
    def folder(self) -> Path:
        """Where the copy, its note and its lock are."""
        return self.workbook.parent

    @property
    def old_layout(self) -> bool:
        """Whether the previous version left it, directly in the recovery folder."""
        return not self.folder.name.startswith(PLACE)


class Recovery(QObject):
    """Keeps one window's recovery copy; emits saved(Path) or failed(str) after each try.

    `save(path)` writes the document to `path` (an .xlsx name). `is_dirty()` says whether there
    are unsaved changes; only then is a copy made. `original()` gives the file the work was
    opened from, or None for work never saved, and `original_stamp()` how that file stood
    when it was opened or last saved. `window_id` names the window's place (a new id if not
    given).
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, folder: Path, save: Callable[[Path], None],
                 interval_ms: int = EVERY_THREE_MINUTES, parent: QObject | None = None, *,
                 is_dirty: Callable[[], bool] = lambda: True,
                 original: Callable[[], Path | None] = lambda: None,
                 original_stamp: Callable[[], FileStamp | None] = lambda: None,
                 window_id: str | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.window_id = window_id or uuid.uuid4().hex
        self.place = self.folder / f"{PLACE}{self.window_id}"
        self._save = save
        self._is_dirty = is_dirty
        self._original = original
        self._original_stamp = original_stamp
        self._lock = _lock_file(self.place)
        self._adopted: list[tuple[RecoveryCopy, QLockFile]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)

    @property
    def workbook(self) -> Path:
        return self.place / WORKBOOK

    @property
    def info(self) -> Path:
        return self.place / INFO

    def copies(self) -> list[Path]:
        """The recovery copies this window is in charge of: its own and any it opened."""
        return [self.workbook] + [copy.workbook for copy, _ in self._adopted]

    def start(self) -> None:
        """Save a copy every interval from now on, whenever there are unsaved changes."""
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def save_now(self) -> bool:
        """Save a copy if there are unsaved changes. Never raises: a failure emits `failed`.

        Returns whether a copy was saved. Once it is, a copy this window opened is deleted:
        its work is in this window's copy now.
        """
        try:
            if not self._is_dirty():
                return False
            self.place.mkdir(parents=True, exist_ok=True)
            if not self._lock.isLocked() and not self._lock.tryLock(0):
                raise OSError(errno.EBUSY, _lock_trouble(self._lock), str(self.place / LOCK))
            self._write_copy()
        except Exception as error:  # noqa: BLE001 - reported to the window, never raised
            self.failed.emit(f"The recovery copy of your unsaved changes could not be saved "
                             f"in {self.place}: {_reason(error)}")
            return False
        self._let_go_of_adopted()
        self.saved.emit(self.workbook)
        return True

    def clean_exit(self) -> bool:
        """Delete this window's copy (on a normal close, or once the work is saved or
        discarded), and any copy it opened.

        Never raises: a failure emits `failed`. Returns whether no copy is left behind.
        """
        try:
            if self.place.exists():
                if not self._lock.isLocked() and not self._lock.tryLock(0):
                    raise OSError(errno.EBUSY, _lock_trouble(self._lock), str(self.place))
                _delete_files(self.place, keep=LOCK)
            self._lock.unlock()
            _remove_folder(self.place)
        except Exception as error:  # noqa: BLE001 - reported to the window, never raised
            self.failed.emit(f"The recovery copy in {self.place} could not be deleted: "
                             f"{_reason(error)}")
            return False
        return self._let_go_of_adopted()

    def adopt(self, copy: RecoveryCopy) -> bool:
        """Take charge of a copy another window left, while its work is open in this one: no
        other window offers it meanwhile. False when another window has already taken it."""
        lock = _lock_file(copy.folder)
        if not lock.tryLock(0) and lock.error() == QLockFile.LockError.LockFailedError:
            return False
        self._adopted.append((copy, lock))  # unlocked if its folder is read-only: kept there
        return True

    def give_back(self, copy: RecoveryCopy) -> None:
        """Leave a copy this window took but could not open, to be offered again."""
        for taken in [item for item in self._adopted if item[0] == copy]:
            taken[1].unlock()
            self._adopted.remove(taken)

    @staticmethod
    def discard(copy: RecoveryCopy) -> None:
        """Delete a copy the person chose to delete. Raises OSError when it cannot be deleted,
        or when a planner window has it open."""
        lock = _lock_file(copy.folder)
        if not lock.tryLock(0):
            raise OSError(errno.EBUSY, _lock_trouble(lock), str(copy.workbook))
        try:
            _delete_copy(copy)
        finally:
            lock.unlock()
        if not copy.old_layout:
            _remove_folder(copy.folder)

    @staticmethod
    def found(folder: Path) -> list[RecoveryCopy]:
        """Every copy left by a window that is no longer open, the newest first.

        The copies of windows still open, in this process or another, are not listed.
        """
        folder = Path(folder)
        try:
            places = sorted(p for p in folder.iterdir()
                            if p.name.startswith(PLACE) and p.is_dir())
        except OSError:
            return []
        copies = [copy for place in [folder, *places] if (copy := _left_in(place)) is not None]
        return sorted(copies, key=lambda copy: copy.saved_at.timestamp(), reverse=True)

    # ---- inside --------------------------------------------------------------------------------

    def _temp(self) -> Path:
        # Ends in .xlsx: a save picks the file type from the name.
        return self.place / f".recovery.{os.getpid()}.xlsx"

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
        original, stamp = self._original(), self._original_stamp()
        note = {"original": str(original) if original is not None else None,
                "original_stamp": ({"modified_ns": stamp.modified_ns, "size": stamp.size}
                                   if stamp is not None else None),
                "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "pid": os.getpid(), "window": self.window_id}
        with atomic_write(self.info) as temp_info:
            temp_info.write_text(json.dumps(note, indent=2), encoding="utf-8")

    def _let_go_of_adopted(self) -> bool:
        for taken in list(self._adopted):
            copy, lock = taken
            try:
                _delete_copy(copy)
            except OSError as error:
                self.failed.emit(f"The recovery copy you opened, in {copy.folder}, could not "
                                 f"be deleted: {_reason(error)}")
                return False
            lock.unlock()
            self._adopted.remove(taken)
            if not copy.old_layout:
                _remove_folder(copy.folder)
        return True


def default_folder() -> Path:
    """The per-user recovery folder (created if missing), in the application's data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = (Path(base) if base else Path.home() / ".caseload-planner") / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _left_in(place: Path) -> RecoveryCopy | None:
    """The copy in `place` if its window is no longer open."""
    workbook = place / WORKBOOK
    if not workbook.is_file():
        return None
    info = _read_info(place / INFO)
    pid = info.get("pid") if isinstance(info.get("pid"), int) else None
    if _kept_by_open_window(place, pid):
        return None
    original = info.get("original")
    saved_at = _when(info.get("saved_at"))
    if saved_at is None:
        saved_at = dt.datetime.fromtimestamp(workbook.stat().st_mtime).astimezone()
    window = info.get("window")
    return RecoveryCopy(workbook, Path(original) if isinstance(original, str) else None,
                        saved_at, _stamp(info.get("original_stamp")),
                        window if isinstance(window, str) else "", pid)


def _lock_file(folder: Path) -> QLockFile:
    lock = QLockFile(str(folder / LOCK))
    # A running window may hold its lock for hours; only a lock whose process ended is stale.
    lock.setStaleLockTime(0)
    return lock


def _lock_trouble(lock: QLockFile) -> str:
    if lock.error() == QLockFile.LockError.LockFailedError:
        return "a planner window that is still open has it"
    return "its lock file could not be made (the folder may be read-only)"


def _kept_by_open_window(folder: Path, pid: int | None) -> bool:
    """Whether a planner window that is still running holds the lock in `folder`."""
    lock = _lock_file(folder)
    if lock.tryLock(0):
        lock.unlock()
        return False
    if lock.error() == QLockFile.LockError.LockFailedError:
        return True
    # The lock could not be read or made (a read-only folder, say): ask about the process.
    return pid is not None and (pid == os.getpid() or process_running(pid))


def _delete_copy(copy: RecoveryCopy) -> None:
    if copy.old_layout:
        for path in (copy.workbook, copy.folder / INFO):
            path.unlink(missing_ok=True)
    else:
        _delete_files(copy.folder, keep=LOCK)


def _delete_files(folder: Path, keep: str) -> None:
    """Delete the files in a window's place, all but `keep` (its lock, which unlocking ends)."""
    for path in folder.iterdir():
        if path.name != keep and not path.is_dir():
            path.unlink(missing_ok=True)


def _remove_folder(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty, or already gone: nothing of the copy is left in it either way


def _read_info(path: Path) -> dict:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _stamp(note: object) -> FileStamp | None:
    if not isinstance(note, dict):
        return None
    modified, size = note.get("modified_ns"), note.get("size")
    if not isinstance(modified, int) or not isinstance(size, int):
        return None
    return FileStamp(modified, size)


def _when(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


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
