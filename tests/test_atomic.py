"""A save that fails half way leaves the old file or folder as it was, and no litter."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

import planner.io.atomic as atomic
import planner.io.writing as writing
from planner.io import atomic_write, load_scenario, save_scenario
from tests.factories import small_scenario


def two_weeks():
    scenario = small_scenario()
    return replace(scenario, settings=replace(scenario.settings, plan_days=14))


class Crash(Exception):
    pass


def test_the_temporary_file_is_hidden_beside_the_target(tmp_path):
    target = tmp_path / "rota.xlsx"
    with atomic_write(target) as temp:
        assert temp.parent == tmp_path and temp.name.startswith(".")
        temp.write_text("new")

    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["rota.xlsx"]


def test_a_failure_mid_write_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    target = tmp_path / "rota.xlsx"
    target.write_text("old")

    with pytest.raises(Crash), atomic_write(target) as temp:
        temp.write_text("half of the ne")
        raise Crash

    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["rota.xlsx"]


def test_writing_nothing_is_an_error_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "rota.xlsx"
    target.write_text("old")

    with pytest.raises(FileNotFoundError), atomic_write(target):
        pass

    assert target.read_text() == "old"


def test_a_new_folder_replaces_the_old_one_whole(tmp_path):
    target = tmp_path / "march"
    target.mkdir()
    (target / "Staff.csv").write_text("old")
    (target / "Locks.csv").write_text("old")

    with atomic_write(target) as temp:
        temp.mkdir()
        (temp / "Staff.csv").write_text("new")

    assert sorted(os.listdir(target)) == ["Staff.csv"]
    assert (target / "Staff.csv").read_text() == "new"
    assert os.listdir(tmp_path) == ["march"]


def test_a_failed_folder_swap_puts_the_old_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "march"
    target.mkdir()
    (target / "Staff.csv").write_text("old")
    calls = []
    real_replace = os.replace

    def replace_then_fail(source, destination):
        calls.append(source)
        if len(calls) == 2:  # moving the new folder into place
            raise OSError("disk unplugged")
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", replace_then_fail)
    with pytest.raises(OSError), atomic_write(target) as temp:
        temp.mkdir()
        (temp / "Staff.csv").write_text("new")

    assert (target / "Staff.csv").read_text() == "old"
    assert os.listdir(tmp_path) == ["march"]


@pytest.mark.parametrize("name, writer", [("rota.xlsx", "write_workbook"),
                                          ("rota", "write_folder")])
def test_a_crash_while_saving_a_scenario_leaves_the_old_one_loadable(tmp_path, monkeypatch,
                                                                    name, writer):
    target = tmp_path / name
    save_scenario(small_scenario(), target)
    before = sorted(os.listdir(tmp_path))
    real = getattr(writing, writer)

    def write_half_then_crash(path, sheets):
        real(path, list(sheets)[:2])
        raise Crash

    monkeypatch.setattr(writing, writer, write_half_then_crash)
    with pytest.raises(Crash):
        save_scenario(two_weeks(), target)

    assert sorted(os.listdir(tmp_path)) == before
    assert load_scenario(target).scenario == small_scenario()


def test_a_folder_holding_other_files_keeps_them(tmp_path):
    target = tmp_path / "march"
    save_scenario(small_scenario(), target)
    (target / "notes.txt").write_text("ask Sam about Easter")
    (target / "Staff.csv").rename(target / "staff.csv")

    save_scenario(two_weeks(), target)

    assert (target / "notes.txt").read_text() == "ask Sam about Easter"
    assert "staff.csv" not in os.listdir(target)
    assert load_scenario(target).scenario == two_weeks()
