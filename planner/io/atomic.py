"""Saving so that a crash never leaves a half-written file or destroys the last good one.

Everything is first written beside the target under a hidden temporary name, then renamed over
it in one step. A rename within a folder either happens completely or not at all. A write that
was killed half-way leaves only its temporary file, which the next write to the same target
clears away once the process that made it has ended.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xlsxwriter.exceptions import XlsxFileError

# A temporary file older than this whose maker cannot be told is taken to be left over.
_STALE_SECONDS = 15 * 60
_TEMP = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.(?:tmp|old)")


class WriteFailed(OSError):
    """A file could not be written: `filename` is the file the person asked for, `strerror`
    the reason in their words. The file that was there before is left as it was."""

    def __init__(self, path: Path, reason: str, code: int | None = None):
        super().__init__(code or 0, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename} could not be written: {self.strerror}"


class _NothingWritten(FileNotFoundError):
    """The code saving the file wrote nothing: a fault in the planner, not the disk's."""


@contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it goes.

    Write a file (or create a folder) at the yielded path. When the block ends normally the
    result is renamed over `path`; a folder replaces a folder by swapping the two, so the old
    one survives until the new one is complete. If the block raises, the temporary file or
    folder is removed and the old `path` is left as it was; a failure to write (a full disk,
    no permission, a name too long, or a library's own file error) is raised as WriteFailed.
    """
    target = Path(path)
    clear_stale(target)
    temp = temp_path(target)
    try:
        yield temp
        if not temp.exists():
            raise _NothingWritten(errno.ENOENT, "nothing was written", str(target))
        _flush(temp)
        if temp.is_dir() and target.is_dir():
            _swap_folders(temp, target)
        else:
            os.replace(temp, target)
    except (OSError, XlsxFileError) as failure:
        remove(temp)
        if isinstance(failure, WriteFailed | _NothingWritten):
            raise
        raise WriteFailed(target, reason(failure), getattr(failure, "errno", None)) from failure
    except BaseException:
        remove(temp)
        raise


def temp_path(target: Path) -> Path:
    """The hidden name a write to `target` is made under before it is renamed into place."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def clear_stale(target: Path) -> None:
    """Delete what killed writes to `target` left beside it: temporary files whose process has
    ended (or, made by an older planner that did not say which process, that are old)."""
    try:
        neighbours = list(target.parent.iterdir())
    except OSError:
        return
    for path in neighbours:
        match = _TEMP.fullmatch(path.name)
        if match is None or match["name"] != target.name:
            continue
        pid = match["pid"]
        left = (int(pid) != os.getpid() and not process_running(int(pid)) if pid is not None
                else _age(path) > _STALE_SECONDS)
        if not left:
            continue
        if path.name.endswith(".old") and not target.exists():
            _put_back(path, target)  # killed between the two renames of a folder swap
        else:
            remove(path)


def _put_back(old: Path, target: Path) -> None:
    try:
        os.replace(old, target)
    except OSError:
        pass  # left where it is: never deleted while it may be the only copy


def reason(failure: BaseException) -> str:
    """Why a write failed, in a person's words, with what to do where that is clear."""
    cause = failure
    while not isinstance(cause, OSError):  # a library's error wraps the system's
        inner = next((e for e in (*cause.args, cause.__cause__, cause.__context__)
                      if isinstance(e, BaseException)), None)
        if inner is None:
            break
        cause = inner
    code = getattr(cause, "errno", None)
    advice = {
        errno.ENOSPC: "the disk is full; free some space or save somewhere else",
        errno.EDQUOT: "the disk quota is used up; free some space or save somewhere else",
        errno.EROFS: "that disk is read-only; save somewhere else",
        errno.EACCES: "permission denied; save in a folder you can write to, and if the file "
                      "is open in Excel, close it",
        errno.EPERM: "the system does not allow it; save in a folder you can write to",
        errno.ENAMETOOLONG: "the name is too long; choose a shorter one",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "that is a folder; give a file name",
        errno.EBUSY: "the file is in use; close it in any other program and try again",
    }
    if code in advice:
        return advice[code]
    text = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
    return f"{text}; if the file is open in another program, close it and try again"


def process_running(pid: int) -> bool:
    """Whether the process `pid` is still running (True when that cannot be told)."""
    if pid <= 0:
        return False
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


def _swap_folders(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.old")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    remove(old)


def _flush(path: Path) -> None:
    """Make sure the written bytes are on disk before the rename makes them the real file."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    for file in files:
        try:
            with file.open("rb+") as stream:
                os.fsync(stream.fileno())
        except OSError:
            pass  # a file system without fsync still gets the atomic rename


def remove(path: Path) -> None:
    """Delete a file or a folder if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        try:
            path.unlink()
        except OSError:
            pass
