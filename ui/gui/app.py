"""Starting the window: the screen check, the application object, and the last line of defence.

`run_gui` opens the window (on a file, if given) and runs until it is closed; first it offers
back, one by one, the unsaved work of windows that did not close last time. With `screenshot`
it draws one view to a PNG instead and exits, with no screen needed. Before Qt starts on a Linux
desktop, the X client libraries Qt loads are looked for, so a missing one is named with the
command that installs it instead of Qt's "could not load the Qt platform plugin" abort.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# The X client libraries Qt 6's xcb platform needs, with the Debian/Ubuntu package of each.
X_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}
OPEN, KEEP, DELETE = "Open", "Keep for later", "Delete the copy..."


def missing_x_libraries(find=ctypes.util.find_library) -> list[str]:
    """The Debian packages of X libraries Qt needs that this computer lacks."""
    return [package for library, package in X_LIBRARIES.items() if not find(library)]


def screen_problem(environ=os.environ, platform: str = sys.platform, find=ctypes.util.find_library
                   ) -> str:
    """Why the window cannot open on this computer's screen, or "" when it can (as far as can
    be told before Qt starts)."""
    if not platform.startswith("linux"):
        return ""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return ""  # offscreen, wayland, vnc...: Qt's own business
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return ""
    if not environ.get("DISPLAY"):
        return ("there is no screen to open the window on (DISPLAY is not set). On a desktop, "
                "run it from a terminal there; to draw a view to a picture instead, add "
                "--screenshot OUT.png.")
    missing = missing_x_libraries(find)
    if missing:
        return ("the window needs X libraries this computer lacks. Install them with:\n"
                f"    sudo apt install {' '.join(missing)}\nthen run it again.")
    return ""


def application(arguments: list[str] | None = None):
    """The one QApplication, made with the planner's name (for settings and recovery)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(arguments or [sys.argv[0]])
    app.setOrganizationName("caseload-planner")
    app.setApplicationName("Caseload planner")
    return app


def install_fault_handler(window) -> None:
    """A fault inside the planner becomes a short message and a log file, never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    from ui.gui.worker import log_fault

    def on_fault(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        where = log_fault(error)
        QMessageBox.critical(window, "Caseload planner",
                             f"Something went wrong inside the planner ({kind.__name__}: "
                             f"{error}). Your work is still open; save it under a new name to "
                             f"be safe. Details were written to {where}.")

    sys.excepthook = on_fault


def run_gui(path: str | None, screenshot: str | None = None, view: str | None = None,
            size: tuple[int, int] = (1366, 768), simulate: int | None = None) -> int:
    """Open the window; returns the exit code (2 when a file given could not be opened for a
    screenshot, or the window cannot open here). `simulate` runs: simulate the rota once open
    (for a screenshot, before drawing it)."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        problem = screen_problem()
        if problem:
            print(f"planner gui: {problem}", file=sys.stderr)
            return 2
    app = application()
    from ui.gui.main_window import MainWindow
    from ui.gui.recovery import default_folder

    folder = None if screenshot else default_folder()
    window = MainWindow(recovery_folder=folder)
    install_fault_handler(window)
    window.resize(*size)
    holding = offer_recovered_work(window, folder, size) if folder is not None else []
    others = [each for each in holding if each is not window]
    if path and window in holding:  # recovered work is open there: the file gets a window
        others.append(_another_window(window, folder, size))
        opened = others[-1].open_path(path)
    else:
        opened = window.open_path(path) if path else True
    for each in [window, *others]:
        each.start_recovery()
    if view and view in window.views:
        window.show_view(view)
    elif view:
        print(f"planner gui: there is no view named {view}; the views are "
              f"{', '.join(window.views)}", file=sys.stderr)
    if simulate and opened:
        if not window.simulate(simulate):
            print("planner gui: there is no rota to simulate in this file", file=sys.stderr)
        if view in window.views:  # simulating turns to Coverage
            window.show_view(view)
    if screenshot:
        _wait_for_simulation(app, window)
        return _screenshot(app, window, Path(screenshot), opened)
    for each in [*others, window]:
        each.show()
    before = _stop_on_signals(app)
    try:
        return app.exec()
    finally:  # the signals go back to what they did before the window's event loop
        import signal

        for signum, handler in before.items():
            signal.signal(signum, handler)


STOPPED = 130  # the exit code of a planner stopped from outside, as on the command line


def _stop_on_signals(app) -> dict:
    """Ctrl-C in the terminal, or the stop signal (SIGTERM, from `kill` or a logout), ends the
    window as it should end: each window's solve stopped and its unsaved work kept as a
    recovery copy, offered back at the next start; no traceback, no question left unanswered.
    Python sees a signal only when it runs, so a timer gives it a moment five times a second.
    Returns the handlers it replaced, by signal."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.gui.main_window import MainWindow

    def stop(signum, frame) -> None:
        for each in QApplication.topLevelWidgets():
            if isinstance(each, MainWindow):
                each.keep_for_later()
        app.exit(STOPPED)

    before = {}
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            before[signum] = signal.signal(signum, stop)
    ticker = QTimer(app)
    ticker.setInterval(200)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    return before


def offer_recovered_work(window, folder: Path, size: tuple[int, int] = (1366, 768)) -> list:
    """Offer back, one by one, the unsaved work of windows that did not close: each copy
    opened goes to a window of its own, the first to `window`; a copy kept for later stays
    and is offered again at the next start; a copy deleted is deleted for good. Returns the
    windows holding recovered work (`window` first, when it holds some)."""
    from ui.gui.recovery import Recovery

    copies = Recovery.found(folder)
    holding: list = []
    kept = 0
    for number, copy in enumerate(copies, start=1):
        choice = _recover_asked(window, copy, number, len(copies))
        if choice == OPEN:
            target = _another_window(window, folder, size) if window in holding else window
            if target.recover(copy):
                holding.append(target)
            else:
                kept += 1
        elif choice == DELETE:
            if not _delete_asked(window, copy):
                kept += 1
        else:
            kept += 1
    if kept:
        work = "the unsaved work of a window" if kept == 1 else f"{kept} windows' unsaved work"
        kept_text = f"Kept {work} for later: it is offered again at the next start."
        said = window.statusBar().currentMessage()  # what recovering said, if anything
        window.statusBar().showMessage(f"{said} {kept_text}" if said else kept_text, 30000)
    return holding


def _another_window(window, folder: Path, size: tuple[int, int]):
    from ui.gui.main_window import MainWindow

    other = MainWindow(settings=window.settings, recovery_folder=folder)
    other.resize(*size)
    return other


def _wait_for_simulation(app, window) -> None:
    bar = window.coverage.simulation_bar
    while (thread := bar.thread) is not None:
        thread.wait(50)
        app.processEvents()
    app.processEvents()  # the finished simulation's figures


def recovery_question(window, copy, number: int = 1, count: int = 1):
    """The question offering one copy of unsaved work back (not yet asked)."""
    from ui.gui.files import question_box

    where = copy.original.name if copy.original else "an unsaved scenario"
    when = f"{copy.saved_at:%H:%M on %d %b}"
    text = (f"The planner did not close properly last time. Unsaved work on {where} was "
            f"copied at {when}." if count == 1 else
            f"The planner did not close properly last time: {count} windows left unsaved "
            f"work. Window {number} of {count}: the work on {where}, copied at {when}.")
    return question_box(
        window, text, (OPEN, KEEP, DELETE), escape=KEEP, destructive=DELETE,
        detail="Open it to carry on where you left off. Keep for later leaves the copy as it "
        "is, to be offered again at the next start. Delete the copy deletes that work.")


def _recover_asked(window, copy, number: int, count: int) -> str:
    from ui.gui.files import answer

    return answer(recovery_question(window, copy, number, count))


def _delete_asked(window, copy) -> bool:
    """Delete a copy once the person has said so twice; whether it was deleted."""
    from PySide6.QtWidgets import QMessageBox

    from ui.gui.files import ask, why
    from ui.gui.recovery import Recovery

    where = copy.original.name if copy.original else "an unsaved scenario"
    choice = ask(window, f"Delete the unsaved work on {where}, copied at "
                 f"{copy.saved_at:%H:%M on %d %b}? This cannot be undone.",
                 ("Keep it", "Delete"), escape="Keep it", destructive="Delete",
                 icon=QMessageBox.Icon.Warning)
    if choice != "Delete":
        return False
    try:
        Recovery.discard(copy)
    except OSError as failure:
        QMessageBox.warning(window, "Caseload planner", f"The copy in {copy.folder} could "
                            f"not be deleted: {why(failure)}. It is offered again next time.")
        return False
    return True


def _saved_whole(picture, out: Path) -> bool:
    """Save the picture as a PNG at `out`, whole or not at all."""
    from planner.io.atomic import atomic_write

    try:
        with atomic_write(out) as temp:
            if not picture.save(str(temp), "PNG"):
                raise OSError(f"{out} could not be drawn")
    except OSError:
        return False
    return True


def _screenshot(app, window, out: Path, opened: bool) -> int:
    window.show()
    for _ in range(5):
        app.processEvents()
    picture = window.grab()
    window.document.undo_stack.setClean()
    if not _saved_whole(picture, out):
        print(f"planner gui: {out} could not be written", file=sys.stderr)
        return 2
    window.close()
    if not opened:
        for problem in window.document.problems:
            print(problem, file=sys.stderr)
        return 2
    return 0
