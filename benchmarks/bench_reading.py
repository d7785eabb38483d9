"""Time and memory of loading hostile and large workbooks, each in a fresh process.

    .venv/bin/python benchmarks/bench_reading.py [--cases bomb,large,wide] [--code DIR]

Cases, built in a temporary folder:

- bomb: the 1-week sample with its Demand sheet swapped for one that unpacks to 1 GiB (a run
  of spaces inside the sheet's rows), in a file of about 1 MB;
- large: the 4-week sample planned over 12 weeks with dated demand for six channels, every
  15-minute interval of every day: 48,384 Demand rows;
- wide: a Demand sheet of Excel's 1,048,576 rows, each with one number in its 100th column,
  the most the reader lets through (it stops at its row limit).

Each is loaded by `load_scenario` in its own Python process, which reports its peak resident
memory (VmHWM on Linux, else `ru_maxrss`); the wall time includes that process's start-up and
imports. `--code DIR` loads with the planner found in DIR (another checkout) instead of this
one, to compare.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.io import load_scenario, save_scenario  # noqa: E402
from planner.model import ChannelName, DemandRow, Settings  # noqa: E402

SAMPLES = ROOT / "samples"
GiB = 1 << 30
# The child's peak memory: VmHWM where Linux gives it, since ru_maxrss keeps the figure of the
# process it was forked from (this script, which may have just built a large workbook).
_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from planner.io import load_scenario
started = time.perf_counter()
result = load_scenario(sys.argv[2])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM"))
except (OSError, StopIteration):
    pass
print(json.dumps({"load_seconds": seconds, "peak_mb": peak, "ok": result.ok,
                  "problems": len(result.problems),
                  "first": str(result.errors[0]) if result.errors else ""}))
"""


def replace_sheet(source: Path, target: Path, sheet: str, write_rows) -> Path:
    """`source` with the rows of `sheet` written by `write_rows(stream)`, streamed into the
    zip so that nothing the size of the sheet is ever held in memory."""
    with zipfile.ZipFile(source) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet\b[^>]*\bname="([^"]+)"', workbook)
        member = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for part in archive.infolist():
                data = archive.read(part.filename)
                if part.filename != member:
                    out.writestr(part.filename, data)
                    continue
                head, rest = data.decode().split("<sheetData>", 1)
                tail = rest.split("</sheetData>", 1)[1]
                with out.open(member, "w", force_zip64=True) as stream:
                    stream.write(f"{head}<sheetData>".encode())
                    write_rows(stream)
                    stream.write(f"</sheetData>{tail}".encode())
    return target


def bomb(folder: Path) -> Path:
    """The 1-week sample whose Demand sheet unpacks to 1 GiB of spaces after its header."""
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row>'
    spaces = b" " * (1 << 20)

    def rows(stream) -> None:
        stream.write(header)
        for _ in range(GiB // len(spaces)):
            stream.write(spaces)

    return replace_sheet(SAMPLES / "housing-1-week.xlsx", folder / "bomb.xlsx", "Demand", rows)


def large(folder: Path) -> Path:
    """The 4-week sample over 12 weeks, with a sixth channel and every interval of every day
    given its own dated Demand row."""
    scenario = load_scenario(SAMPLES / "housing-4-weeks.xlsx").require()
    days = 84
    extra = dataclasses.replace(scenario.channels[0], name=ChannelName("voice_welsh"))
    channels = scenario.channels + (extra,)
    start = scenario.settings.plan_start
    demand = tuple(
        DemandRow(channel.name, dt.time(minute // 60, minute % 60), 1.0 + (day + minute) % 7,
                  date=start + dt.timedelta(days=day))
        for channel in channels for day in range(days) for minute in range(0, 1440, 15)
    )
    settings = Settings(start, days, 15, scenario.settings.region, scenario.settings.shrinkage)
    path = folder / "large.xlsx"
    save_scenario(dataclasses.replace(scenario, settings=settings, channels=channels,
                                      demand=demand), path)
    return path


def wide(folder: Path) -> Path:
    """A Demand sheet of 1,048,576 rows, each with one number in column CV (the 100th)."""
    def rows(stream) -> None:
        stream.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row>')
        batch = []
        for number in range(2, 1_048_577):
            batch.append(f'<row r="{number}"><c r="CV{number}"><v>1</v></c></row>')
            if len(batch) == 10_000:
                stream.write("".join(batch).encode())
                batch = []
        stream.write("".join(batch).encode())

    return replace_sheet(SAMPLES / "housing-1-week.xlsx", folder / "wide.xlsx", "Demand", rows)


CASES = {"bomb": bomb, "large": large, "wide": wide}


def measure(path: Path, code: Path) -> dict:
    """Load `path` in a fresh process; its own figures, and the wall time around it."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(code), str(path)],
                          capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"wall_seconds": wall, "failed": done.stderr.strip().splitlines()[-1:]}
    return {"wall_seconds": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="bomb,large,wide")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the checkout whose planner loads the files (default: this one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        baseline = measure(Path(folder) / "missing.xlsx", args.code)
        print(f"start-up and imports alone: {baseline['wall_seconds']:.1f} s, "
              f"{baseline['peak_mb']:.0f} MB")
        for name in args.cases.split(","):
            built = time.perf_counter()
            path = CASES[name](Path(folder))
            size = path.stat().st_size
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(part.file_size for part in archive.infolist())
            print(f"\n{name}: {size / 1e6:.1f} MB on disk, {unpacked / 1e6:,.0f} MB unpacked "
                  f"(built in {time.perf_counter() - built:.0f} s)")
            figures = measure(path, args.code)
            if "failed" in figures:
                print(f"  failed after {figures['wall_seconds']:.1f} s: {figures['failed']}")
                continue
            print(f"  wall {figures['wall_seconds']:.1f} s (loading {figures['load_seconds']:.1f}"
                  f" s), peak memory {figures['peak_mb']:.0f} MB, loaded: {figures['ok']}, "
                  f"{figures['problems']} problems")
            if figures["first"]:
                print(f"  first error: {figures['first'][:300]}")


if __name__ == "__main__":
    main()
