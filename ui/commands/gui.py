"""`planner gui [FILE]`: open the planner's window, or draw one of its views to a picture."""

from __future__ import annotations

import argparse

VIEWS = ("demand", "staff", "patterns", "cases", "rota", "coverage", "checks", "whatif")


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "gui",
        help="open the planner's window (on a scenario or rota workbook, if given)",
        description=(
            "Open the planner's window: demand, staff and absences, shift patterns and rules, "
            "case queues, the rota, coverage, checks and what-if scenarios, with solving in "
            "the background. FILE may be a scenario workbook, a folder of scenario CSV files, "
            "or a rota workbook written by 'planner solve'. With --screenshot the window is "
            "drawn to a PNG without a screen, and the command exits."
        ),
    )
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="scenario workbook (.xlsx), CSV folder or rota workbook to open")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="draw the window to this PNG file and exit (no screen needed)")
    parser.add_argument("--view", choices=VIEWS, metavar="NAME",
                        help=f"the view to show first: {', '.join(VIEWS)}")
    parser.add_argument("--simulate", type=_runs, metavar="RUNS",
                        help="simulate the rota this many times once it opens (at least 2); "
                             "Coverage overlays the figures")
    parser.add_argument("--size", type=_size, default=(1366, 768), metavar="WxH",
                        help="window size in pixels (default 1366x768)")
    parser.set_defaults(run=run)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        width = height = 0
    if not (640 <= width <= 8000 and 480 <= height <= 5000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1366x768")
    return width, height


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of runs, at least 2")
    return value


def run(args) -> int:
    if args.screenshot:
        from pathlib import Path

        from planner.io.outputs import Output
        from ui.commands.common import EXIT_BAD_INPUT, outputs_refused

        reads = [Path(args.file)] if args.file else []
        if outputs_refused("gui", [Output("--screenshot", Path(args.screenshot))], reads):
            return EXIT_BAD_INPUT
    from ui.gui.app import run_gui

    return run_gui(args.file, screenshot=args.screenshot, view=args.view, size=args.size,
                   simulate=args.simulate)
