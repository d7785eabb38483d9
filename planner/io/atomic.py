"""Saving so that a crash never leaves a half-written file or destroys the last good one.

Everything is first written beside the target under a hidden temporary name, then renamed over
it in one step. A rename within a folder either happens completely or not at all.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it goes.

    Write a file (or create a folder) at the yielded path. When the block ends normally the
    result is renamed over `path`; a folder replaces a folder by swapping the two, so the old
    one survives until the new one is complete. If the block raises, the temporary file or
    folder is removed and the old `path` is left as it was.
    """
    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        yield temp
        if not temp.exists():
            raise FileNotFoundError(f"nothing was written for {target}")
        _flush(temp)
        if temp.is_dir() and target.is_dir():
            _swap_folders(temp, target)
        else:
            os.replace(temp, target)
    except BaseException:
        remove(temp)
        raise


def _swap_folders(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
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
