"""Nothing lost: a copy kept for later, a changed original, a copy per window, a failed save.

The window is started as `planner gui` starts it (`run_gui`, with the event loop left out), a
crashed session is a real process that ends without closing, and saves are real saves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner.checks import check_rota
from planner.io.atomic import WriteFailed
from planner.io.rota_writing import write_rota_workbook
from planner.plan import Plan, RotaCell, SolveStatus
from tests.factories import MONDAY, small_scenario
from tests.gui.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]

CRASHING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.gui.main_window import MainWindow
folder = Path(sys.argv[1])
windows = []
for original, region in zip(sys.argv[2::2], sys.argv[3::2]):
    settings = QSettings(str(folder.parent / "crashed.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_folder=folder)
    windows.append(window)
    assert window.open_path(original)
    _, rows = window.document.sheet("Settings")
    rows = [(k, region if k == "region" else v) for k, v in rows]
    assert not window.document.edit_sheet("Settings", rows, "Region")
    print(window.recovery.save_now(), flush=True)
os._exit(3)  # ends without closing, as a crash does
"""


def crash(folder: Path, *work: tuple[Path, str]) -> None:
    """A session whose windows each opened a file, changed its region, made their recovery
    copies and then ended without closing."""
    arguments = [str(item) for pair in work for item in pair]
    ended = subprocess.run([sys.executable, "-c", CRASHING_SESSION, str(folder), *arguments],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ended.returncode == 3, ended.stderr


@dataclass
class Dialogs:
    """Answers the window's questions: the first phrase of `answers` found in a question says
    which button to press (the first of those named that the question has). What the window
    said, asked or warned, is in `seen`."""

    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)

    def wanted(self, text: str) -> tuple[str, ...]:
        self.seen.append(text)
        return next((buttons for phrase, buttons in self.answers.items() if phrase in text), ())

    def exec_box(self, box: QMessageBox) -> int:
        wanted = self.wanted(f"{box.text()}\n{box.informativeText()}")
        named = {button.text().replace("&", ""): button for button in box.buttons()}
        for name in wanted:
            if name in named:
                named[name].click()
                return 0
        (box.escapeButton() or box.defaultButton() or box.buttons()[-1]).click()
        return 0

    def question(self, parent, title, text, buttons=None, default=None):
        for name in self.wanted(text):
            button = getattr(QMessageBox.StandardButton, name, None)
            if button is not None and buttons is not None and buttons & button:
                return button
        return QMessageBox.StandardButton.Cancel

    def tell(self, parent, title, text, *rest):
        self.seen.append(text)
        return QMessageBox.StandardButton.Ok

    def said(self, phrase: str) -> list[str]:
        return [text for text in self.seen if phrase in text]


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    answering = Dialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answering.exec_box(box))
    monkeypatch.setattr(QMessageBox, "question", answering.question)
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, answering.tell)
    return answering


@pytest.fixture
def june(tmp_path) -> Path:
    path = tmp_path / "june.xlsx"
    shutil.copy(SMALL, path)
    return path


@pytest.fixture
def start(qtbot, tmp_path, monkeypatch):
    """Start the planner as `planner gui [FILE]` does, up to its event loop; returns the
    windows it opened."""
    import ui.gui.main_window as main_window
    import ui.gui.recovery as recovery
    from ui.gui.app import run_gui

    made: list = []
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    class Window(main_window.MainWindow):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("settings", settings)
            super().__init__(*args, **kwargs)
            qtbot.addWidget(self)
            made.append(self)

    monkeypatch.setattr(main_window, "MainWindow", Window)
    monkeypatch.setattr(recovery, "default_folder", lambda: tmp_path / "recovery")
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def started(path: Path | None = None) -> list:
        made.clear()
        assert run_gui(str(path) if path else None) == 0
        return list(made)

    yield started
    for window in made:
        window.document.undo_stack.setClean()


def window_in(qtbot, folder: Path, settings_file: Path):
    from ui.gui.main_window import MainWindow

    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_folder=folder)
    qtbot.addWidget(window)
    return window


def set_region(window, region: str) -> None:
    _, rows = window.document.sheet("Settings")
    rows = [(k, region if k == "region" else v) for k, v in rows]
    assert not window.document.edit_sheet("Settings", rows, "Region")


def region_in(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["Settings"].iter_rows(values_only=True))
    finally:
        book.close()
    return next(str(value) for key, value, *_ in rows if key == "region")


def change_elsewhere(path: Path) -> None:
    """Someone else saves a change to `path` (a new name for the first person on Staff)."""
    book = openpyxl.load_workbook(path)
    book["Staff"]["B2"] = "Changed Elsewhere"
    book.save(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def first_name_in(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return str(book["Staff"]["B2"].value)
    finally:
        book.close()


# 1. Declining a copy keeps it.

def test_a_copy_kept_for_later_survives_the_next_session_and_is_offered_again(
        tmp_path, june, start, dialogs):
    folder = tmp_path / "recovery"
    crash(folder, (june, "scotland"))
    dialogs.answers["did not close properly"] = ("Keep for later", "No")
    [window] = start()
    assert len(dialogs.said("june.xlsx")) == 1
    assert not window.document.dirty  # nothing was opened

    # The new session's own work is copied and closed without saving...
    assert window.open_path(june)
    set_region(window, "northern-ireland")
    assert window.recovery.save_now()
    dialogs.answers["Save the changes"] = ("Discard",)
    assert window.close()

    # ...and the kept copy is still the crashed session's work, offered again.
    dialogs.seen.clear()
    dialogs.answers["did not close properly"] = ("Open", "Yes")
    [again] = start()
    assert len(dialogs.said("did not close properly")) == 1
    assert again.document.dirty and again.document.path == june
    assert again.document.scenario.settings.region == "scotland"


def test_deleting_a_copy_at_start_asks_once_more_and_then_it_is_gone(
        tmp_path, june, start, dialogs):
    from ui.gui.recovery import Recovery

    folder = tmp_path / "recovery"
    crash(folder, (june, "scotland"))
    dialogs.answers["did not close properly"] = ("Delete the copy...",)
    dialogs.answers["cannot be undone"] = ("Keep it",)
    start()
    assert len(Recovery.found(folder)) == 1  # thought better of it: kept
    dialogs.answers["cannot be undone"] = ("Delete",)
    start()
    assert Recovery.found(folder) == []
    assert not any(folder.rglob("*.xlsx"))


# 2. A changed original is said at recovery and asked about before Save replaces it.

def test_recovering_work_whose_original_changed_warns_and_save_asks_before_replacing(
        tmp_path, june, start, dialogs):
    folder = tmp_path / "recovery"
    crash(folder, (june, "scotland"))
    change_elsewhere(june)
    dialogs.answers["did not close properly"] = ("Open", "Yes")
    dialogs.answers["has changed since"] = ("Keep working",)
    [window] = start()
    assert window.document.scenario.settings.region == "scotland"
    assert dialogs.said("june.xlsx has changed since this copy was made at")

    dialogs.seen.clear()
    dialogs.answers["has changed since"] = ("Cancel",)
    assert not window.save()
    assert dialogs.said("saving will replace those changes")
    assert first_name_in(june) == "Changed Elsewhere"  # their change is still there
    assert window.document.dirty

    dialogs.answers["has changed since"] = ("Replace",)
    assert window.save()
    assert region_in(june) == "scotland" and not window.document.dirty
    dialogs.seen.clear()
    set_region(window, "northern-ireland")
    assert window.save()  # replaced once: saving again asks nothing
    assert not dialogs.said("has changed since")


def test_a_file_changed_on_disk_since_it_was_opened_is_asked_about_before_save(
        qtbot, tmp_path, june, dialogs, monkeypatch):
    window = window_in(qtbot, tmp_path / "recovery", tmp_path / "s.ini")
    assert window.open_path(june)
    set_region(window, "scotland")
    change_elsewhere(june)
    dialogs.answers["has changed since"] = ("Save as...",)
    other = tmp_path / "june-mine.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(other), ""))
    assert window.save()
    assert first_name_in(june) == "Changed Elsewhere"
    assert region_in(other) == "scotland"
    assert window.document.path == other and not window.document.dirty
    window.document.undo_stack.setClean()


# 3. One copy per window.

def test_two_windows_in_one_process_each_keep_their_own_copy(qtbot, tmp_path, june, dialogs):
    from ui.gui.recovery import Recovery

    folder = tmp_path / "recovery"
    july = june.with_name("july.xlsx")
    shutil.copy(june, july)
    first = window_in(qtbot, folder, tmp_path / "s.ini")
    second = window_in(qtbot, folder, tmp_path / "s.ini")
    assert first.open_path(june) and second.open_path(july)
    set_region(first, "scotland")
    set_region(second, "northern-ireland")
    assert first.recovery.save_now()
    assert second.recovery.save_now()
    assert first.recovery.workbook != second.recovery.workbook
    assert region_in(first.recovery.workbook) == "scotland"
    assert region_in(second.recovery.workbook) == "northern-ireland"
    assert not Recovery.found(folder)  # both still open: neither is offered
    dialogs.answers["Save the changes"] = ("Discard",)
    assert first.close()
    assert region_in(second.recovery.workbook) == "northern-ireland"  # untouched
    assert first.recovery.window_id != second.recovery.window_id
    second.document.undo_stack.setClean()


def test_every_window_of_a_crashed_session_is_offered_and_open_ones_never(
        qtbot, tmp_path, june, start, dialogs):
    from ui.gui.recovery import Recovery

    folder = tmp_path / "recovery"
    july = june.with_name("july.xlsx")
    shutil.copy(june, july)
    crash(folder, (june, "scotland"), (july, "northern-ireland"))
    # A window still open here has its own copy: it is neither offered nor touched.
    open_window = window_in(qtbot, folder, tmp_path / "s.ini")
    assert open_window.open_path(june)
    set_region(open_window, "northern-ireland")
    assert open_window.recovery.save_now()
    copies = Recovery.found(folder)
    assert sorted(copy.original.name for copy in copies) == ["july.xlsx", "june.xlsx"]

    dialogs.answers["did not close properly"] = ("Open", "Yes")
    windows = start()
    assert len(dialogs.said("did not close properly")) == 2
    recovered = {w.document.path.name: w.document.scenario.settings.region for w in windows}
    assert recovered == {"june.xlsx": "scotland", "july.xlsx": "northern-ireland"}
    assert region_in(open_window.recovery.workbook) == "northern-ireland"
    open_window.document.undo_stack.setClean()


# 4. A failed save on close keeps the window, the work and the recovery copy.

def close_saving(window, dialogs) -> bool:
    dialogs.answers["Save the changes"] = ("Save",)
    return window.close()


def test_a_save_on_close_into_a_path_that_cannot_be_written_keeps_the_window(
        qtbot, tmp_path, june, dialogs, monkeypatch):
    window = window_in(qtbot, tmp_path / "recovery", tmp_path / "s.ini")
    window.show()
    scenario = window.document
    assert window.open_path(june)
    set_region(window, "scotland")
    scenario.path = None  # work never saved: Save asks where
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    target = tmp_path / "notes.txt" / "june.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    assert not close_saving(window, dialogs)
    assert window.isVisible() and scenario.dirty
    assert scenario.scenario.settings.region == "scotland"
    copy = window.recovery.workbook
    assert copy.is_file() and region_in(copy) == "scotland"
    assert dialogs.said(str(target)) and dialogs.said("is a file, not a folder")
    scenario.undo_stack.setClean()


def test_a_full_disk_on_save_at_close_keeps_the_window_and_the_copy(
        qtbot, tmp_path, june, dialogs, monkeypatch):
    import ui.gui.document as document_module

    window = window_in(qtbot, tmp_path / "recovery", tmp_path / "s.ini")
    window.show()
    assert window.open_path(june)
    set_region(window, "scotland")
    assert window.recovery.save_now()
    real = document_module.save_scenario

    def full_disk(scenario, path):
        if Path(path) == june:
            raise WriteFailed(june, "the disk is full; free some space or save somewhere else")
        real(scenario, path)

    monkeypatch.setattr(document_module, "save_scenario", full_disk)
    assert not close_saving(window, dialogs)
    assert window.isVisible() and window.document.dirty
    assert dialogs.said(str(june)) and dialogs.said("the disk is full")
    assert region_in(window.recovery.workbook) == "scotland"
    assert region_in(june) != "scotland"
    window.document.undo_stack.setClean()


def test_a_writer_that_refuses_on_close_keeps_the_window_without_a_traceback(
        qtbot, tmp_path, june, dialogs, monkeypatch):
    import ui.gui.document as document_module

    window = window_in(qtbot, tmp_path / "recovery", tmp_path / "s.ini")
    window.show()
    assert window.open_path(june)
    set_region(window, "scotland")

    def refuses(scenario, path):
        raise ValueError(f"{Path(path).name}: save a scenario as .xlsx")

    monkeypatch.setattr(document_module, "save_scenario", refuses)
    monkeypatch.setattr(sys, "excepthook", lambda *args: pytest.fail("a traceback"))
    assert not close_saving(window, dialogs)
    assert window.isVisible() and window.document.dirty
    assert dialogs.said("save a scenario as .xlsx")
    window.document.undo_stack.setClean()


# Every output path is checked before anything is written.

def rota_window(qtbot, tmp_path):
    scenario = small_scenario()
    rota = tuple(RotaCell(p, MONDAY, "E") for p in ("A2", "A3"))
    plan = Plan(SolveStatus.FEASIBLE, rota, (), check_rota(scenario, rota, ()), objective=0.0,
                bound=0.0, gap=0.0, wall_seconds=0.0)
    path = tmp_path / "rota.xlsx"
    write_rota_workbook(path, scenario, plan)
    window = window_in(qtbot, tmp_path / "recovery", tmp_path / "s.ini")
    assert window.open_path(path)
    window.document.set_cell("A2", MONDAY, "OFF")
    return window, path


def test_export_refuses_the_open_file_the_recovery_copy_and_a_folder(qtbot, tmp_path, dialogs):
    window, path = rota_window(qtbot, tmp_path)
    assert window.recovery.save_now()
    before = path.read_bytes()
    copy = window.recovery.workbook
    copied = copy.read_bytes()
    assert not window.export_rota_workbook(path)
    assert not window.export_rota_workbook(copy)
    assert not window.export_pdf(tmp_path)
    assert path.read_bytes() == before and copy.read_bytes() == copied
    assert len(dialogs.said(str(path))) == 1 and dialogs.said(str(copy))
    assert dialogs.said("that is a folder")
    assert window.document.dirty
    window.document.undo_stack.setClean()


def test_save_refuses_a_name_too_long(qtbot, tmp_path, dialogs):
    window, _ = rota_window(qtbot, tmp_path)
    long_name = tmp_path / ("x" * 300 + ".xlsx")
    assert not window._save_to(long_name)
    assert dialogs.said("the name is too long") and dialogs.said(str(long_name))
    assert window.document.dirty
    window.document.undo_stack.setClean()


@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0,
                    reason="an administrator may write a read-only file")
def test_save_refuses_a_read_only_file(qtbot, tmp_path, dialogs):
    window, path = rota_window(qtbot, tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        assert not window.save()
    finally:
        path.chmod(0o644)
    assert dialogs.said("read-only") and path.read_bytes() == before
    assert window.document.dirty
    window.document.undo_stack.setClean()


def test_a_pdf_that_cannot_be_written_says_why(qtbot, tmp_path, dialogs, monkeypatch):
    import ui.gui.files as files

    window, _ = rota_window(qtbot, tmp_path)

    def fails(path, *args):
        raise WriteFailed(path, "the disk is full; free some space or save somewhere else")

    monkeypatch.setattr(files, "write_rota_pdf", fails)
    monkeypatch.setattr(sys, "excepthook", lambda *args: pytest.fail("a traceback"))
    out = tmp_path / "rota.pdf"
    assert not window.export_pdf(out)
    assert dialogs.said(str(out)) and dialogs.said("the disk is full")
    assert not out.exists() and window.document.dirty
    window.document.undo_stack.setClean()


STOPPED_SESSION = """
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings, QTimer
from ui.gui.app import _stop_on_signals, application
app = application()
from ui.gui.main_window import MainWindow
folder, original, sent = sys.argv[1], sys.argv[2], getattr(signal, sys.argv[3])
settings = QSettings(folder + ".ini", QSettings.Format.IniFormat)
window = MainWindow(settings=settings, recovery_folder=__import__("pathlib").Path(folder))
assert window.open_path(original)
_, rows = window.document.sheet("Settings")
rows = [(k, "scotland" if k == "region" else v) for k, v in rows]
assert not window.document.edit_sheet("Settings", rows, "Region")
window.start_recovery()
window.show()
_stop_on_signals(app)
QTimer.singleShot(500, lambda: os.kill(os.getpid(), sent))
sys.exit(app.exec())
"""


@pytest.mark.parametrize("sent", ["SIGTERM", "SIGINT"])
def test_a_window_stopped_from_outside_keeps_its_unsaved_work_without_a_traceback(
        tmp_path, june, sent):
    from ui.gui.recovery import Recovery

    folder = tmp_path / "recovery"
    ended = subprocess.run([sys.executable, "-c", STOPPED_SESSION, str(folder), str(june), sent],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ended.returncode == 130, ended.stderr
    assert "Traceback" not in ended.stderr + ended.stdout
    (left,) = Recovery.found(folder)  # offered back at the next start
    assert region_in(left.workbook) == "scotland"
