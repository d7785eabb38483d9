"""The window's File menu: open, save, save as, export, recent files, and recovered work.

Nothing unsaved is lost here. Every path is checked before anything is written to it (a
folder, a missing or read-only folder, a read-only file, a name too long); an export never
writes over the open file or a recovery copy; Save asks first when the file was changed on
disk since it was opened or saved here (by someone else, or another window); and a save that
fails leaves the work open and unsaved, with a message saying why and a recovery copy of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.io.atomic import WriteFailed, reason
from planner.io.outputs import Output, refused_outputs
from planner.model import Scenario
from ui.gui.document import Document, FileStamp
from ui.gui.pdf import write_rota_pdf
from ui.gui.recovery import Recovery, RecoveryCopy

APP_NAME = "Caseload planner"
RECENT_KEY = "recent_files"
MAX_RECENT = 8
WORKBOOKS = "Scenario or rota workbooks (*.xlsx);;All files (*)"
SAVE_AS, REPLACE, CANCEL = "Save as...", "Replace", "Cancel"


def question_box(parent: QWidget | None, text: str, choices: Sequence[str], *,
                 detail: str = "", escape: str | None = None, destructive: str | None = None,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> QMessageBox:
    """A message box with a button for each choice, the first the default one; pressing
    Escape chooses `escape`; `destructive` is the one that loses something."""
    box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(detail)
    for choice in choices:
        role = (QMessageBox.ButtonRole.RejectRole if choice == escape
                else QMessageBox.ButtonRole.DestructiveRole if choice == destructive
                else QMessageBox.ButtonRole.AcceptRole if choice == choices[0]
                else QMessageBox.ButtonRole.ActionRole)
        button = box.addButton(choice, role)
        button.setProperty("choice", choice)
        if choice == choices[0]:
            box.setDefaultButton(button)
        if choice == escape:
            box.setEscapeButton(button)
    return box


def ask(parent: QWidget | None, text: str, choices: Sequence[str], *, detail: str = "",
        escape: str | None = None, destructive: str | None = None,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> str:
    """Ask `text`; returns the choice made (`escape`, or the last, if the box is closed)."""
    return answer(question_box(parent, text, choices, detail=detail, escape=escape,
                               destructive=destructive, icon=icon))


def answer(box: QMessageBox) -> str:
    """Ask the question in a box made by `question_box`; returns the choice made."""
    box.exec()
    clicked = box.clickedButton() or box.escapeButton() or box.buttons()[-1]
    return str(clicked.property("choice"))


def why(failure: BaseException) -> str:
    """Why a write failed, in the person's words."""
    cause: BaseException | None = failure
    while cause is not None and not isinstance(cause, WriteFailed):
        cause = cause.__cause__
    if cause is not None and cause.strerror:
        return cause.strerror
    if isinstance(failure, OSError):
        return reason(failure)
    return str(failure) or type(failure).__name__


class FileActions:
    """The File menu's actions, for the main window (which has the document and the rest)."""

    document: Document
    settings: QSettings
    recovery: Recovery | None
    # What Save's question about a file changed on disk says it changed since.
    _since = "it was opened or last saved here"

    def open_path(self, path: str | Path) -> bool:
        if not self._may_discard():
            return False
        opened = self.document.open(path)
        if opened:
            self._since = "it was opened here"
            self._remember(Path(path))
            self.statusBar().showMessage(f"Opened {Path(path).name}", 10000)
        else:
            self.statusBar().showMessage(
                f"{Path(path).name} could not be opened: see the problems below", 15000)
        return opened

    def new_scenario(self, scenario: Scenario) -> None:
        if self._may_discard():
            self.document.new(scenario)

    def recover(self, copy: RecoveryCopy) -> bool:
        """Open the work a window that did not close left, as unsaved changes to its original
        file, and say so when that file has changed since the copy was made."""
        if self.recovery is not None and not self.recovery.adopt(copy):
            self.statusBar().showMessage("That unsaved work is open in another planner window.",
                                         20000)
            return False
        if not self.document.open(copy.workbook):
            if self.recovery is not None:
                self.recovery.give_back(copy)
            return False
        document = self.document
        document.path, document.on_disk = copy.original, _stamp_when_copied(copy)
        document.undo_stack.resetClean()  # unsaved until saved somewhere
        document.path_changed.emit()
        when = f"{copy.saved_at:%H:%M on %d %b}"
        self._since = f"the recovered copy was made at {when}"
        gone = copy.original is not None and FileStamp.of(copy.original) is None
        self.statusBar().showMessage(
            f"Recovered the work copied at {when}; save it to keep it."
            + (f" {copy.original} is no longer there." if gone else ""), 20000)
        if self.recovery is not None:
            self.recovery.save_now()  # this window's own copy now; the one it came from goes
        if document.changed_on_disk():
            name = document.title
            choice = ask(self, f"{name} has changed since this copy was made at "
                         f"{copy.saved_at:%H:%M} (by someone else or another window); saving "
                         "will replace those changes.",
                         ("Save as a new file...", "Keep working"), escape="Keep working",
                         detail=f"Save the recovered work as a new file to keep both, or keep "
                         f"working: Save asks again before replacing {name}.",
                         icon=QMessageBox.Icon.Warning)
            if choice != "Keep working":
                self.save_as()
        return True

    def save(self) -> bool:
        """Save where the work came from, or ask where (work never saved, or a rota from a
        folder of CSV files, which is saved as a workbook)."""
        if self.document.path is None or (self.document.rota and
                                          self.document.path.suffix.lower() != ".xlsx"):
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / "scenario.xlsx")
        name, _ = QFileDialog.getSaveFileName(self, "Save as", start, WORKBOOKS)
        if not name:
            return False
        path = Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        """Save to `path`. Anything in the way leaves the work open and unsaved."""
        path = Path(path)
        as_folder = not self.document.rota and path.suffix.lower() != ".xlsx"
        refused = _refused("Save", path, as_folder, self._recovery_copies())
        if refused:
            return self._not_saved(path, refused)
        if self._is_open_file(path) and self.document.changed_on_disk():
            choice = ask(self, f"{path.name} has changed since {self._since} (by someone else "
                         "or another window); saving will replace those changes.",
                         (SAVE_AS, REPLACE, CANCEL), escape=CANCEL, destructive=REPLACE,
                         icon=QMessageBox.Icon.Warning,
                         detail=f"Save as... keeps both: your work in a new file, the changes "
                         f"in {path.name}. Replace saves over them.")
            if choice == SAVE_AS:
                return self.save_as()
            if choice != REPLACE:
                return False
        try:
            self.document.save(path)
        except (OSError, ValueError) as failure:
            return self._not_saved(path, why(failure))
        self._since = "it was last saved here"
        self._remember(path)
        if self.recovery is not None:
            self.recovery.clean_exit()
        self.statusBar().showMessage(f"Saved {path.name}", 10000)
        return True

    def _not_saved(self, path: Path, because: str) -> bool:
        copied = self.recovery is not None and self.recovery.save_now()
        kept = (f" A recovery copy of it is kept in {self.recovery.place}." if copied else "")
        QMessageBox.warning(self, APP_NAME, f"{path} was not saved: {because.rstrip('.')}.\n\n"
                            f"Your work is still open, with its changes unsaved.{kept}")
        return False

    def export_rota_workbook(self, path: Path | None = None) -> bool:
        """The rota workbook (Rota, Activities, Coverage, Caseload, KPIs, Checks and the
        scenario), without changing where the document itself is saved."""
        if not self._has_rota():
            return False
        path = path or self._ask_path("Export the rota workbook", "rota.xlsx",
                                      "Excel workbooks (*.xlsx)", ".xlsx")
        if path is None:
            return False
        return self._export(path, lambda: self.document.write_state(path))

    def export_pdf(self, path: Path | None = None) -> bool:
        """A printable PDF of the rota, a page per team."""
        if not self._has_rota():
            return False
        path = path or self._ask_path("Export the rota as PDF", "rota.pdf", "PDF (*.pdf)",
                                      ".pdf")
        if path is None:
            return False
        scenario = self.document.scenario
        settings = scenario.settings
        title = f"Rota {settings.plan_start:%d %b %Y} to {settings.plan_end:%d %b %Y}"
        return self._export(path, lambda: write_rota_pdf(path, scenario, self.document.rota,
                                                         title))

    def _has_rota(self) -> bool:
        if self.document.rota and self.document.scenario is not None:
            return True
        self.statusBar().showMessage("There is no rota to export yet: solve first.", 10000)
        return False

    def _ask_path(self, caption: str, name: str, kinds: str, suffix: str) -> Path | None:
        folder = self.document.path.parent if self.document.path else self._last_folder()
        chosen, _ = QFileDialog.getSaveFileName(self, caption, str(folder / name), kinds)
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

    def _export(self, path: Path, write: Callable[[], None]) -> bool:
        """Export to `path` unless it is the open file, a recovery copy, or cannot be written."""
        kept = [self.document.path] if self.document.path is not None else []
        refused = _refused("Export", path, False, kept + self._recovery_copies())
        if refused:
            QMessageBox.warning(self, APP_NAME, f"Nothing was exported to {path}: "
                                f"{refused.rstrip('.')}.")
            return False
        try:
            write()
        except (OSError, ValueError) as failure:
            QMessageBox.warning(self, APP_NAME, f"{path} could not be written: "
                                f"{why(failure).rstrip('.')}. Your work is still open.")
            return False
        self.statusBar().showMessage(f"Exported {path}", 10000)
        return True

    def _recovery_copies(self) -> list[Path]:
        return self.recovery.copies() if self.recovery is not None else []

    def _is_open_file(self, path: Path) -> bool:
        own = self.document.path
        if own is None:
            return False
        try:
            return os.path.samefile(path, own)
        except OSError:
            return path.absolute() == own.absolute()

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a scenario or rota workbook",
                                              str(self._last_folder()), WORKBOOKS)
        if name:
            self.open_path(name)

    def _open_folder_dialog(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Open a folder of scenario CSV files",
                                                str(self._last_folder()))
        if name:
            self.open_path(name)

    def _import_history(self) -> None:
        from ui.gui.history_import import ask_and_import

        folder = self.document.path.parent if self.document.path else self._last_folder()
        message = ask_and_import(self, self.document, folder)
        if message:
            self.statusBar().showMessage(message, 20000)

    def _last_folder(self) -> Path:
        recent = self.recent_files()
        return Path(recent[0]).parent if recent else Path.home()

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(item) for item in value or []]

    def _remember(self, path: Path) -> None:
        text = str(path.resolve())
        recent = [text] + [item for item in self.recent_files() if item != text]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for number, name in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _checked=False, path=name: self.open_path(path))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def _may_discard(self) -> bool:
        """Whether unsaved changes may go: asks to save them first. Only a save that worked,
        or the answer Discard, lets them go."""
        if not self.document.dirty:
            return True
        answer = QMessageBox.question(
            self, APP_NAME, f"Save the changes to {self.document.title} first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer != QMessageBox.StandardButton.Discard:
            return False
        if self.recovery is not None:
            self.recovery.clean_exit()  # discarded: no copy of it is to be offered later
        return True


def _refused(option: str, path: Path, folder: bool, kept: list[Path]) -> str:
    """Why `path` cannot be written (it is one of `kept`, or unwritable), or ""."""
    refused = refused_outputs([Output(option, path, folder)], reads=kept)
    return refused[0].removeprefix(f"{option} {path}: ") if refused else ""


def _stamp_when_copied(copy: RecoveryCopy) -> FileStamp | None:
    """How the original stood when the recovered work was opened or last saved."""
    if copy.original_stamp is not None or copy.original is None:
        return copy.original_stamp
    now = FileStamp.of(copy.original)
    if now is not None and now.modified_ns > copy.saved_at.timestamp() * 1e9:
        # A copy from the previous version does not say; saved after the copy, it changed.
        return FileStamp(-1, -1)
    return now
