"""Fixtures for the window's tests: a window with its own settings file, and the samples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SMALL = SAMPLES / "housing-1-week.xlsx"
BIG = SAMPLES / "housing-4-weeks.xlsx"


@pytest.fixture
def questions(monkeypatch):
    """Message-box questions the window asks, answered with Discard (or Yes) in tests."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer(parent, title, text, buttons=None, default=None):
        asked.append(text)
        if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: asked.append(args[2]))
    return asked


@pytest.fixture
def window(qtbot, tmp_path, questions):
    from PySide6.QtWidgets import QApplication

    from ui.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.solve_panel.stop_and_wait()
    QApplication.processEvents()  # a stopped solve's rota arrives
    window.document.undo_stack.setClean()


@pytest.fixture
def small_copy(tmp_path) -> Path:
    target = tmp_path / "small.xlsx"
    shutil.copy(SMALL, target)
    return target
