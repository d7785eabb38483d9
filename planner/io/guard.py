"""Whether a file given to the planner is safe to read, judged before it is opened.

A named pipe or a device given as a scenario would make reading wait forever or never end, and
a workbook is a zip archive that may unpack to a thousand times its size on disk. Each is
refused with a clause saying why (the caller puts the file's name in front of it), before the
file is opened for reading: a workbook is judged from its zip directory and from counting the
rows of its sheets as they unpack, never from the unpacked whole.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

MB = 1000**2
# Text files (CSV sheets, contact histories, benchmark instances) and workbooks on disk. A
# scenario is a few MB, and a year's contact log of a mid-sized centre tens of MB; reading keeps
# several times a text file's size, so a bigger history is better given as an interval report.
MOST_FILE_BYTES = 200 * MB
# What a workbook may unpack to in all. A scenario workbook of 12 weeks of 15-minute demand for
# 20 channels (161,280 rows, the most a plan uses) unpacks to about 35 MB.
MOST_UNPACKED_BYTES = 200 * MB
# The parts of a workbook openpyxl reads whole into memory (everything but the sheets): shared
# strings, styles, the workbook's own part. They are kilobytes in any real workbook.
MOST_WHOLE_PART_BYTES = 20 * MB
# A real sheet compresses about 10:1; a part unpacking over 100 times its packed size, when
# large, is made to unpack, not to be read (a "zip bomb").
MOST_RATIO, RATIO_FROM_BYTES = 100, 20 * MB
# A scenario workbook has a few dozen parts; zipfile reads the whole directory into memory.
MOST_PARTS, MOST_DIRECTORY_BYTES = 2_000, 1 * MB
# What one sheet may hold: 12 weeks of 15-minute demand for 20 channels is 161,280 rows, and the
# widest sheet (Staff) has 17 columns. Reading stops there, so no sheet takes more memory.
MOST_ROWS, MOST_COLUMNS = 200_000, 100
# Cells kept in all the sheets together (that plan's Demand is under 1,000,000), each row
# counted as ROW_CELLS more for what keeping it costs: with the above, what reading keeps of
# any scenario stays within a few hundred MB.
MOST_CELLS, ROW_CELLS = 3_000_000, 2
# Excel's own limits. openpyxl keeps a little of every row it has parsed (about 75 bytes), and
# the whole of a row until it ends, so these bound what reading any sheet can take.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384

_END = b"PK\x05\x06"  # the zip directory's end record
_END64, _LOCATOR64 = b"PK\x06\x06", b"PK\x06\x07"
_CHUNK, _TAG_BYTES = 1 << 20, 64
_WHOLE = re.compile(r"(\.xml|\.rels)$", re.I)
# What unpacking a damaged part raises: bad data, a wrong checksum, a cut-off file, a part
# locked with a password (RuntimeError) or packed in a way zipfile does not know.
_UNPACKING = (zlib.error, zipfile.BadZipFile, EOFError, OSError, RuntimeError,
              NotImplementedError)


def file_refused(path: Path, what: str, too_big: str = "") -> str | None:
    """Why the file at `path` must not be opened as a `what` ("scenario workbook", "CSV
    file"...): it is a pipe, device, socket or folder, or too big (`too_big` says what to do
    then); None when it may be. Looks only at the file's entry in its folder, so it never waits
    on a pipe."""
    try:
        info = os.stat(path)
    except OSError:
        return None  # a missing or unreachable file is reported by whoever opens it
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if info.st_size > MOST_FILE_BYTES:
            return (f"is {size_text(info.st_size)}, more than the {size_text(MOST_FILE_BYTES)} "
                    f"the planner reads as a {what}; "
                    + (too_big or f"it may be damaged, or not a {what}"))
        return None
    if stat.S_ISDIR(mode):
        return f"is a folder, not a file; give the {what} itself"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = f"a device ({path})"
    else:
        kind = "not an ordinary file"
    return f"is {kind}, not a file; give the {what} itself"


def archive_refused(path: Path, what: str) -> str | None:
    """Why the zip archive at `path` (a workbook) must not be unpacked, judged from its
    directory and by counting its sheets' rows as they unpack; None when it may be read, or
    when it is not a zip at all (the workbook reader says so itself)."""
    reason = _directory_refused(path, what)
    if reason:
        return reason
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    with archive:
        parts = archive.infolist()
        reason = _sizes_refused(parts, what)
        for part in parts:
            if reason is None and _is_sheet(part.filename):
                try:
                    reason = _rows_refused(archive, part, what)
                except _UNPACKING as exc:
                    reason = (f"is damaged: its part {part.filename} cannot be unpacked ({exc}); "
                              f"it may not be a {what}")
    return reason


def _directory_refused(path: Path, what: str) -> str | None:
    """The zip directory's own size and count of parts, read from its end record, before
    zipfile reads the directory itself."""
    end = _end_record(path)
    if end is None:
        return None
    parts, directory_bytes = end
    if parts > MOST_PARTS or directory_bytes > MOST_DIRECTORY_BYTES:
        many = f"{parts:,} parts" if parts > MOST_PARTS else "a directory of " + size_text(
            directory_bytes)
        return (f"holds {many}, where a {what} has a few dozen; it may be damaged or not a "
                f"{what}")
    return None


def _end_record(path: Path) -> tuple[int, int] | None:
    """The number of parts and the directory's size as the zip's end record gives them."""
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        length = stream.tell()
        tail_at = max(0, length - 22 - 65535)  # the end record, after a comment of any length
        stream.seek(tail_at)
        tail = stream.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) < at + 22:
            return None
        _, _, _, _, parts, directory_bytes, _, _ = struct.unpack("<4s4H2LH", tail[at:at + 22])
        if parts != 0xFFFF and directory_bytes != 0xFFFFFFFF:
            return parts, directory_bytes
        locator = tail[at - 20:at] if at >= 20 else b""
        if not locator.startswith(_LOCATOR64):
            return None
        stream.seek(struct.unpack("<4sLQL", locator)[2])
        record = stream.read(56)
        if len(record) < 56 or not record.startswith(_END64):
            return None
        fields = struct.unpack("<4sQ2H2L4Q", record)
        return fields[7], fields[8]


def _sizes_refused(parts: list[zipfile.ZipInfo], what: str) -> str | None:
    total = sum(part.file_size for part in parts)
    if total > MOST_UNPACKED_BYTES:
        return (f"would unpack to {size_text(total)} when opened, far more than any {what}; "
                f"it may be damaged or not a {what}")
    for part in parts:
        if (part.file_size >= RATIO_FROM_BYTES
                and part.file_size > MOST_RATIO * max(part.compress_size, 1)):
            return (f"holds a part ({part.filename}) that would unpack from "
                    f"{size_text(part.compress_size)} to {size_text(part.file_size)}, as no "
                    f"{what} does; it may be damaged or not a {what}")
        if (not _is_sheet(part.filename) and _WHOLE.search(part.filename)
                and part.file_size > MOST_WHOLE_PART_BYTES):
            return (f"holds a part ({part.filename}) of {size_text(part.file_size)}, where a "
                    f"{what} has kilobytes; it may be damaged or not a {what}")
    return None


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name


def _rows_refused(archive: zipfile.ZipFile, part: zipfile.ZipInfo, what: str) -> str | None:
    """Whether a sheet has more rows, or a row more cells, than Excel allows: counted as the
    sheet unpacks, a megabyte at a time."""
    rows = most_cells = cells = 0
    carry = b""
    row, cell = _tags(archive, part)
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            text = carry + chunk
            cut = text.rfind(b"<", max(0, len(text) - _TAG_BYTES))  # a tag the chunk cuts
            text, carry = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
            pieces = row.split(text)
            cells += len(cell.findall(pieces[0]))
            for piece in pieces[1:]:
                most_cells, cells = max(most_cells, cells), len(cell.findall(piece))
            rows += len(pieces) - 1
            if rows > EXCEL_ROWS or max(most_cells, cells) > EXCEL_COLUMNS:
                return (f"has a sheet ({part.filename}) with more rows or columns than Excel "
                        f"allows; it may be damaged or not a {what}")
    return None


def _tags(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[re.Pattern, re.Pattern]:
    """The row and cell tags of a sheet, with the namespace prefix its writer chose, if any."""
    with archive.open(part) as stream:
        head = stream.read(4096)
    found = re.search(rb"<(\w+:)?worksheet[\s>]", head)
    prefix = re.escape(found[1]) if found and found[1] else b""
    return re.compile(b"<" + prefix + rb"row[\s/>]"), re.compile(b"<" + prefix + rb"c[\s/>]")


def too_many_cells(where: str) -> str:
    """The sentence for a scenario whose sheets hold more cells than reading keeps."""
    return (f"{where} takes the scenario past {MOST_CELLS:,} cells, the most the planner reads "
            "(12 weeks of 15-minute demand for 20 channels is under 1,000,000); it may be "
            "damaged, or hold rows that are not the scenario's")


def size_text(size: int) -> str:
    """A size in bytes as a person reads it: 1.2 GB, 350 MB, 12 KB."""
    for unit, scale in (("GB", 1000**3), ("MB", MB), ("KB", 1000)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{size} bytes"
