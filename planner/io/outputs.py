"""Where a command or the window may write, judged before any work starts.

A file a person gave to be read is never written over by mistake: every file about to be
written is compared with every file being read and every other file being written (after
following links, so a second name for the same file is caught), and checked for a folder that
exists and can be written to, a name the disk accepts, and a target that is a plain file.

    refused = refused_outputs([Output("--out", out), Output("--json", summary)],
                              reads=[scenario])
    for reason in refused:
        print(reason)
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.io.atomic import reason, temp_path
from planner.io.schema import sheet_named

NAME_MAX, PATH_MAX = 255, 4096  # where the file system does not say
LEAST_FREE = 1 << 20  # a rota workbook needs more than this; less means the disk is full


@dataclass(frozen=True)
class Output:
    """One file to be written: how the person named it (an option such as --json, or a
    dialog's "Save as") and where. `folder`: a folder of CSV files may be written there."""

    option: str
    path: Path
    folder: bool = False


def refused_outputs(outputs: Sequence[Output], reads: Iterable[Path] = ()) -> list[str]:
    """Why each output cannot be written, one sentence each; empty when all can."""
    reads = [Path(p) for p in reads]
    reasons: list[str] = []
    for index, output in enumerate(outputs):
        reason = (_overwrites_a_read(output, reads)
                  or _same_as_another(output, outputs[:index])
                  or unwritable(output.path, output.folder))
        if reason:
            named = f"{output.option} {output.path}" if output.option else str(output.path)
            reasons.append(f"{named}: {reason}")
    return reasons


def unwritable(path: Path, folder: bool = False) -> str:
    """Why nothing can be saved at `path`, found without writing it, or ""."""
    path = Path(path)
    kind = _kind(path)
    if kind == "folder" and not folder:
        return "that is a folder; give a file name"
    if kind not in ("", "file", "folder"):
        return f"that is {kind}, not a file; give the name of a file to write"
    parent = _parent(path)
    parent_kind = _kind(parent)
    if parent_kind == "":
        return f"the folder {parent} does not exist"
    if parent_kind != "folder":
        return f"{parent} is a file, not a folder"
    too_long = _too_long(path, parent)
    if too_long:
        return too_long
    if kind == "file" and not os.access(path, os.W_OK):
        return "the file is read-only; save under another name or make it writable"
    return _cannot_create_in(parent)


def _overwrites_a_read(output: Output, reads: list[Path]) -> str:
    for read in reads:
        if _same_file(output.path, read):
            return (f"that is the same file as {read}, which is being read; write to "
                    "another file so that it is not lost")
        if _kind(read) == "folder" and _read_from_folder(output.path, read):
            return (f"that would replace a sheet of the scenario folder {read}, which is "
                    "being read; write it somewhere else")
        if output.folder and _read_from_folder(read, output.path):
            return (f"saving a scenario there would replace {read}, which is being read; "
                    "write to another folder")
    return ""


def _same_as_another(output: Output, earlier: Sequence[Output]) -> str:
    for other in earlier:
        if _same_file(output.path, other.path):
            return f"that is also {other.option}; give each its own file"
    return ""


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)  # hard links and links too
    except OSError:
        pass
    return _resolved(a) == _resolved(b)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a link loop
        return path.absolute()


def _read_from_folder(path: Path, folder: Path) -> bool:
    """Whether loading the CSV folder `folder` reads the file at `path`."""
    return (_resolved(path).parent == _resolved(folder) and path.suffix.lower() == ".csv"
            and sheet_named(path.stem) is not None)


def _parent(path: Path) -> Path:
    return _resolved(path).parent


def _kind(path: Path) -> str:
    """"" (nothing there), "file", "folder", or what else is there, in a person's words."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # nothing there (or a file stands where a folder should: said of the parent)
        return ""
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def _too_long(path: Path, parent: Path) -> str:
    name_max = _limit(parent, "PC_NAME_MAX", NAME_MAX)
    path_max = _limit(parent, "PC_PATH_MAX", PATH_MAX)
    written_as = temp_path(_resolved(path)).name  # the name is longest while being written
    if len(written_as.encode()) > name_max:
        room = name_max - (len(written_as.encode()) - len(path.name.encode()))
        return f"the name is too long; this disk takes names of up to {room} characters here"
    if len(str(_resolved(path)).encode()) >= path_max:
        return "the path is too long; save it in a folder nearer the top of the disk"
    return ""


def _limit(folder: Path, name: str, default: int) -> int:
    try:
        return int(os.pathconf(folder, name))
    except (OSError, ValueError, AttributeError):
        return default


def _cannot_create_in(folder: Path) -> str:
    """Whether a file can be made in `folder` (a real try: permissions alone do not tell on a
    read-only disk, or for an administrator), and whether the disk has room."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".planner-probe-"):
            pass
    except OSError as failure:
        return f"nothing can be saved in {folder}: {reason(failure)}"
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return ""
    if free < LEAST_FREE:
        return f"the disk holding {folder} is full; free some space or save somewhere else"
    return ""
