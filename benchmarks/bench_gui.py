"""How fast the window opens a workbook and switches views (offscreen, no screen needed).

    .venv/bin/python benchmarks/bench_gui.py [--runs 5] [--rota ROTA.xlsx]

Opens the 4-week sample (and, with --rota, a rota workbook written by `planner solve`) in a fresh
window several times and reports the median time from asking to open the file until the window
has drawn it. Then, in as many fresh windows, turns to each view in turn, twice over (the first
visit draws the view, the second only shows it), and reports for each view the median time until
it is drawn, first visit and later ones apart. Targets: opening the big sample under 2 s,
switching views under 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.gui.app import application  # noqa: E402
from ui.gui.main_window import MainWindow  # noqa: E402

BIG = ROOT / "samples" / "housing-4-weeks.xlsx"


def drawn(app: QApplication, window: MainWindow) -> None:
    """Until everything queued is handled and the window has been painted."""
    app.processEvents()
    window.grab()


def open_times(app, path: Path, runs: int, settings: QSettings) -> list[float]:
    times = []
    for _ in range(runs):
        window = MainWindow(settings=settings)
        window.resize(1366, 768)
        window.show()
        drawn(app, window)
        start = time.perf_counter()
        assert window.open_path(path), f"{path} did not open"
        drawn(app, window)
        times.append(time.perf_counter() - start)
        window.document.undo_stack.setClean()
        window.close()
    return times


def switch_times(app, path: Path, settings: QSettings) -> dict[str, list[float]]:
    """One fresh window: each view's first visit, then its second ([first, again])."""
    window = MainWindow(settings=settings)
    window.resize(1366, 768)
    window.show()
    window.open_path(path)
    drawn(app, window)
    times: dict[str, list[float]] = {key: [] for key in window.views}
    for _ in range(2):
        for key in window.views:
            start = time.perf_counter()
            window.show_view(key)
            drawn(app, window)
            times[key].append(time.perf_counter() - start)
    window.document.undo_stack.setClean()
    window.close()
    return times


def report_switches(app, path: Path, runs: int, settings: QSettings) -> None:
    rounds = [switch_times(app, path, settings) for _ in range(runs)]
    worst = 0.0
    for key in rounds[0]:
        first = statistics.median(r[key][0] for r in rounds)
        again = statistics.median(r[key][1] for r in rounds)
        most = max(max(r[key]) for r in rounds)
        worst = max(worst, first, again)
        print(f"  view {key:<9} median first {first:.3f} s, again {again:.3f} s "
              f"(slowest of {runs}: {most:.3f} s)")
    print(f"  slowest median switch: {worst:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rota", type=Path, help="also time a rota workbook")
    args = parser.parse_args()
    app = application()
    settings = QSettings(str(Path("/tmp") / "planner-bench.ini"), QSettings.Format.IniFormat)
    for path in [BIG] + ([args.rota] if args.rota else []):
        opened = open_times(app, path, args.runs, settings)
        print(f"open {path.name}: median {statistics.median(opened):.2f} s "
              f"(min {min(opened):.2f}, max {max(opened):.2f}, {len(opened)} runs)")
        report_switches(app, path, args.runs, settings)


if __name__ == "__main__":
    main()
