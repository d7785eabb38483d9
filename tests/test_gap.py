"""The structural gap: the hours the targets need a week against the hours the contracts give."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from planner.gap import structural_gap
from planner.io import save_scenario
from planner.staffing import channel_target, required_agents
from tests.factories import small_scenario
from ui.cli import main


def test_the_hours_needed_add_up_each_channel_and_queue_and_the_contracts_less_leave():
    scenario = small_scenario()
    gap = structural_gap(scenario)
    voice = scenario.channel("voice")
    # Voice: 10 contacts in each of 40 quarter hours, Monday to Friday.
    agents, _ = required_agents(np.array([10.0]), 900.0, np.array([510.0]),
                                channel_target(voice), voice.patience_seconds)
    work = {w.name: w for w in gap.work}
    assert work["voice"].needed == pytest.approx(int(agents[0]) * 40 * 0.25 * 5)
    # Email: 35 a weekday of 480 s; mutual exchange: 3 new cases on Mondays of 90 minutes.
    assert work["email"].needed == pytest.approx(35 * 480 / 3600 * 5)
    assert work["mutual_exchange"].needed == pytest.approx(3 * 1.5)
    assert gap.needed == pytest.approx(sum(w.needed for w in gap.work))
    # Four people of 37.5 hours; A1's two days of annual leave take 2 x 37.5 / 5.
    assert gap.given == pytest.approx(4 * 37.5 - 15.0)
    assert work["voice"].skilled == pytest.approx(3 * 37.5 - 15.0)  # A1 to A3
    assert work["mutual_exchange"].skilled == pytest.approx(37.5)  # M1
    # Voice alone needs more than its three advisors' contracts: said, with the whole gap.
    assert gap.short == pytest.approx(gap.needed - 135.0)
    assert [line.split(";")[0] for line in gap.channel_words()] == [
        f"voice needs about {work['voice'].needed:,.0f} hours a week"]


def test_contracts_that_give_enough_say_so_in_one_sentence():
    base = small_scenario()
    quiet = replace(base, demand=tuple(r for r in base.demand if r.channel == "email"))
    gap = structural_gap(quiet)
    assert gap.short == 0 and gap.channel_words() == []
    assert gap.words() == "The contracts give 135 hours a week for the 28 hours of work the " \
        "targets need."


def test_contracts_short_of_the_targets_say_by_how_much_and_where():
    base = small_scenario(absences=())
    scenario = replace(base, staff=base.staff[:1] + base.staff[3:])  # A1 and M1 only
    gap = structural_gap(scenario)
    assert gap.given == pytest.approx(75.0)
    assert gap.short == pytest.approx(gap.needed - 75.0) and gap.short > 0
    assert gap.full_time_equivalents == pytest.approx(gap.short / 37.5)
    words = gap.words()
    assert "a week short, before any rota" in words
    assert f"{gap.full_time_equivalents:.1f} full-time equivalents of 37.5 hours" in words
    assert any(line.startswith("voice needs about") for line in gap.channel_words())
    assert gap.as_dict()["short_hours_per_week"] == round(gap.short, 1)


def test_planner_check_says_the_gap_before_the_rota_s_figures(tmp_path, capsys):
    from planner.io.rota_writing import write_rota_workbook
    from tests.test_rota_workbook import hand_plan
    from tests.test_rota_workbook import scenario as rota_scenario

    short = replace(rota_scenario(), staff=rota_scenario().staff[:2])
    path, summary = tmp_path / "rota.xlsx", tmp_path / "check.json"
    kept = {p.staff_id for p in short.staff}
    plan = hand_plan()
    plan = replace(plan, rota=tuple(c for c in plan.rota if c.staff_id in kept),
                   activities=tuple(a for a in plan.activities if a.staff_id in kept))
    write_rota_workbook(path, short, plan)
    assert main(["check", str(path), "--json", str(summary)]) == 0
    lines = capsys.readouterr().out.splitlines()
    gap = structural_gap(short)
    assert lines[1] == gap.words() and "a week short" in lines[1]
    assert json.loads(summary.read_text())["structural_gap"] == json.loads(
        json.dumps(gap.as_dict()))


def test_a_scenario_workbook_gives_the_same_gap_once_saved_and_read(tmp_path):
    from planner.io import load_scenario

    path = tmp_path / "week.xlsx"
    save_scenario(small_scenario(), path)
    assert structural_gap(load_scenario(path).require()) == structural_gap(small_scenario())
