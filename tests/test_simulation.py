"""The rota simulation (planner.simulation) and `planner simulate`.

Statistical checks use a fixed seed, so they are deterministic. Agreement with Erlang A is
judged against the simulation's interval widened from 95% to 99% (Student t with the same
spread), so three checks at once rarely miss by chance for another seed either.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import simpy
from scipy.stats import t as student_t

from planner.checks import check_rota, with_chasers
from planner.checks.view import build_view
from planner.erlang import queue_figures
from planner.io.rota_writing import write_rota_workbook
from planner.kpis import service_on
from planner.model import ChannelName, DemandRow, Scenario, Settings, StaffId
from planner.plan import Plan, RotaCell, SolveStatus
from planner.simulation import FIGURES, Prediction, SimulationStopped, simulate, simulate_rota
from planner.simulation.replication import Advisors, handle_times
from tests.factories import MONDAY, small_scenario, voice
from ui.commands import simulate as simulate_command

SEED = 20270426


def one_day(volumes: list[float], interval_minutes: int, aht: float = 300.0,
            patience: float | None = 1800.0, answer: float = 20.0) -> Scenario:
    """One voice channel over one day, with `volumes` contacts in the day's first intervals."""
    rows = tuple(
        DemandRow(ChannelName("voice"), dt.time(i * interval_minutes // 60,
                                                i * interval_minutes % 60),
                  volume, date=MONDAY, aht_seconds=aht)
        for i, volume in enumerate(volumes) if volume > 0
    )
    return Scenario(
        settings=Settings(plan_start=MONDAY, plan_days=1, interval_minutes=interval_minutes),
        channels=(voice(aht_seconds=aht, patience_seconds=patience,
                        target_answer_seconds=answer),),
        demand=rows,
    )


def agents(scenario: Scenario, per_interval: list[int]) -> np.ndarray:
    slots = scenario.settings.intervals_per_day
    found = np.zeros((1, slots, 1), dtype=int)
    found[0, : len(per_interval), 0] = per_interval
    return found


def widened(estimate, replications: int) -> tuple[float, float]:
    """The 95% interval widened to 99% (same centre and spread)."""
    scale = student_t.ppf(0.995, replications - 1) / student_t.ppf(0.975, replications - 1)
    half = (estimate.high - estimate.low) / 2 * scale
    centre = (estimate.high + estimate.low) / 2
    return centre - half, centre + half


@pytest.mark.parametrize("advisors", [5, 6])
def test_a_steady_day_agrees_with_erlang_a(advisors):
    # 60 calls an hour of 5 minutes (5 Erlangs), patience 10 minutes, all day long; the first
    # two hours (the queue starting empty) are left out.
    hours, reps = 24, 20
    scenario = one_day([60.0] * hours, 60, aht=300.0, patience=600.0)
    result = simulate(scenario, agents(scenario, [advisors] * hours), replications=reps,
                      seed=SEED, workers=1)
    counted = np.zeros((1, 24), dtype=bool)
    counted[0, 2:] = True
    simulated = result.pooled("voice", counted)
    predicted = queue_figures(60.0, 3600.0, 300.0, advisors, 20.0, 600.0)
    assert simulated.contacts == pytest.approx(60 * 22, rel=0.03)
    for name in ("service_level", "asa_seconds", "abandon_rate"):
        low, high = widened(getattr(simulated, name), reps)
        value = float(getattr(predicted, name))
        assert low <= value <= high, f"{name}: Erlang A {value:.4g}, simulated {low:.4g}-{high:.4g}"
    # Ignoring patience (Erlang C) would be far off: callers do give up here.
    assert simulated.abandon_rate.low > 0.03


def test_a_short_staffed_peak_spills_into_the_next_interval():
    # 10 calls a quarter-hour on 6 advisors, but 30 a quarter-hour from 09:00 to 10:00.
    volumes = [0.0] * 32 + [10.0] * 4 + [30.0] * 4 + [10.0] * 8
    scenario = one_day(volumes, 15, aht=300.0, patience=1800.0)
    staff = [0] * 32 + [6] * 16
    result = simulate(scenario, agents(scenario, staff), replications=20, seed=SEED, workers=1)
    after = next(r for r in result.intervals if r.interval_start == dt.time(10, 0))
    settled = queue_figures(10.0, 900.0, 300.0, 6, 20.0, 1800.0)
    # Erlang on the interval alone, knowing nothing of the queue the peak left, expects a wait
    # of about 13 s and under 1% giving up; the callers still waiting from the peak make it
    # about 8 minutes, and the checker, which carries them, says so too.
    assert float(settled.asa_seconds) < 30
    assert after.simulated.asa_seconds.low > 4 * 60
    assert after.simulated.abandon_rate.low > 10 * float(settled.abandon_rate)
    assert after.simulated.service_level.high < 0.5 < float(settled.service_level)
    assert after.erlang.asa_seconds == pytest.approx(after.simulated.asa_seconds.mean, rel=0.3)
    assert after.erlang.abandon_rate == pytest.approx(after.simulated.abandon_rate.mean,
                                                      abs=0.05)
    assert after.erlang.service_level < 0.5
    # Before the peak callers wait seconds, not minutes.
    before = next(r for r in result.intervals if r.interval_start == dt.time(8, 30))
    assert before.simulated.asa_seconds.mean < 60 and before.erlang.asa_seconds < 60


def test_the_same_seed_gives_the_same_figures_whatever_the_workers():
    scenario = one_day([0.0] * 32 + [12.0] * 16, 15)
    staff = agents(scenario, [0] * 32 + [4] * 16)
    one = simulate(scenario, staff, replications=4, seed=7, workers=1)
    two = simulate(scenario, staff, replications=4, seed=7, workers=2)
    other = simulate(scenario, staff, replications=4, seed=8, workers=1)
    assert np.array_equal(one.counts, two.counts)
    assert one.overall == two.overall and one.intervals == two.intervals
    assert not np.array_equal(one.counts, other.counts)


@pytest.mark.parametrize("workers,start_method", [(1, None), (2, "spawn")])
def test_asked_to_stop_it_stops_before_running_every_replication(workers, start_method):
    scenario = one_day([0.0] * 32 + [12.0] * 16, 15)
    staff = agents(scenario, [0] * 32 + [4] * 16)
    seen: list[tuple[int, int]] = []
    with pytest.raises(SimulationStopped):
        simulate(scenario, staff, replications=40, seed=7, workers=workers,
                 start_method=start_method, progress=lambda done, total: seen.append((done, total)),
                 should_stop=lambda: len(seen) >= 2)
    assert seen[:2] == [(1, 40), (2, 40)]
    assert len(seen) < 40  # the replications not yet started were dropped
    # Spawned workers give the same figures as the process itself.
    assert np.array_equal(
        simulate(scenario, staff, replications=2, seed=7, workers=workers,
                 start_method=start_method).counts,
        simulate(scenario, staff, replications=2, seed=7, workers=1).counts)


def test_nobody_on_the_channel_means_every_caller_then_waits_or_gives_up():
    # Four advisors from 08:00 to 16:00, all on a break from 12:00 to 13:00.
    volumes = [0.0] * 32 + [10.0] * 32
    scenario = one_day(volumes, 15, aht=300.0, patience=1800.0, answer=60.0)
    staff = [0] * 32 + [4] * 16 + [0] * 4 + [4] * 12
    result = simulate(scenario, agents(scenario, staff), replications=6, seed=SEED, workers=1)
    rows = {r.interval_start: r for r in result.intervals}
    for quarter, earliest_answer in ((dt.time(12, 0), 45 * 60), (dt.time(12, 15), 30 * 60),
                                     (dt.time(12, 30), 15 * 60)):
        row = rows[quarter]
        assert row.agents == 0
        assert row.simulated.service_level.mean == 0.0
        assert row.simulated.abandon_rate.mean > 0.0
        if row.simulated.asa_seconds.runs:
            assert row.simulated.asa_seconds.mean >= earliest_answer
        # those still there at 13:00 are answered, as the checker says too: none in time,
        # some giving up first, the wait at least until 13:00
        assert row.erlang.service_level == 0.0 and 0.0 < row.erlang.abandon_rate < 1.0
        assert row.erlang.asa_seconds >= earliest_answer
    assert rows[dt.time(12, 0)].simulated.abandon_rate.mean < 1.0
    # Callers arriving after 16:00, with nobody left, all give up.
    late = rows[dt.time(15, 45)]
    assert late.agents == 4
    assert result.counts[:, 3, 0, 64:, 0].sum() == result.counts[:, 0, 0, 64:, 0].sum()


def through_the_day(advisors_now: int, most: int | None, calls, changes):
    """Calls (name, arrival, handle time) on `Advisors`, whose number changes as `changes`
    (time, advisors) say; returns when each call was answered and when it ended."""
    env = simpy.Environment()
    advisors = Advisors(env, advisors_now, most)
    answered, ended = {}, {}

    def contact(name: str, arrive: float, handle: float):
        yield env.timeout(arrive)
        with advisors.request() as request:
            yield request
            answered[name] = env.now
            yield env.timeout(handle)
        ended[name] = env.now

    def rota():
        for at, number in changes:
            yield env.timeout(at - env.now)
            advisors.set_capacity(number)

    for name, arrive, handle in calls:
        env.process(contact(name, arrive, handle))
    env.process(rota())
    env.run()
    return answered, ended, advisors


def test_an_advisor_leaving_finishes_the_call_in_hand():
    # Both go on a break at 1 and come back at 10.
    answered, ended, _ = through_the_day(
        2, None, (("a", 0, 5), ("b", 0, 3), ("c", 2, 1), ("d", 4, 1)), ((1, 0), (10, 2)))
    assert ended["a"] == 5 and ended["b"] == 3  # calls in hand are finished
    assert answered["c"] == 10 and answered["d"] == 10  # nobody answered during the break


def test_advisors_back_before_the_calls_in_hand_end_answer_the_next_caller_at_once():
    # Both called away mid-call at 1, back at 2 before either call ends; a third advisor at 6.
    answered, _, advisors = through_the_day(
        2, 3, (("a", 0, 5), ("b", 0, 3), ("c", 1.5, 4), ("d", 1.6, 1), ("e", 5.5, 1)),
        ((1, 0), (2, 2), (6, 3)))
    # c waits for b's call to end (3), not for an advisor to come back; d for a's (5); e, for
    # the third advisor at 6, as c is still on the phone.
    assert answered == {"a": 0, "b": 0, "c": 3, "d": 5, "e": 6}
    with pytest.raises(ValueError):
        advisors.set_capacity(4)


# The command, end to end.


def rota_plan() -> tuple[Scenario, Plan]:
    """small_scenario (10 calls a quarter-hour 08:00-18:00 on weekdays) with A2 and A3 on the
    early shift every weekday, each day filled in by the checker (breaks included)."""
    scenario = small_scenario()
    rota = tuple(RotaCell(StaffId(p), MONDAY + dt.timedelta(days=d), "E" if d < 5 else "OFF")
                 for p in ("A2", "A3") for d in range(7))
    assessment = check_rota(scenario, rota, ())
    return scenario, Plan(SolveStatus.FEASIBLE, rota, (), assessment, objective=0.0, bound=0.0,
                          gap=0.0, wall_seconds=0.0)


@pytest.fixture
def rota_file(tmp_path) -> Path:
    path = tmp_path / "rota.xlsx"
    scenario, plan = rota_plan()
    write_rota_workbook(path, scenario, plan)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="planner")
    simulate_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["simulate", *argv])
    code = args.run(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_erlang_figure_the_simulation_shows_is_the_checkers():
    # rota_plan's rota, with the mutual exchange backlog (12 cases 20 days old) chasing on
    # voice: avoidable contacts join the calls, breaks and the hours after 16:00 leave voice
    # intervals with calls and nobody planned, and each interval has advisors needed.
    scenario, plan = rota_plan()
    (queue,) = scenario.case_queues
    scenario = replace(scenario, case_queues=(replace(queue, chase_after_days=3,
                                                      chase_rate=0.2),))
    checked = check_rota(scenario, plan.rota, ()).coverage
    assert any(row.avoidable > 0 for row in checked)
    assert any(row.planned == 0 and row.volume > 0 for row in checked)
    assert all(row.required > 0 for row in checked if row.volume > 0)

    result = simulate_rota(scenario, plan.rota, (), replications=2, seed=SEED, workers=1)

    assert [row.erlang for row in result.intervals] == list(checked)
    for row in result.intervals:
        assert (row.volume, row.agents) == (row.erlang.volume, row.erlang.planned)
    for period in result.days + result.overall:
        rows = tuple(r for r in checked if r.channel == period.channel
                     and period.date in (None, r.date))
        figures = service_on(scenario, rows, period.channel)
        assert period.erlang == Prediction(*(getattr(figures, name) for name in FIGURES))
    # Given advisors and demand without a rota, the figures are still the checker's (with no
    # backlog to say which contacts chase cases).
    view, _, _ = with_chasers(build_view(scenario, plan.rota, ()))
    bare = simulate(scenario, view.work.planned, 2, SEED, grid=view.grid, workers=1)
    assert [row.erlang for row in bare.intervals] == [replace(r, avoidable=0.0) for r in checked]
    # Erlang figures worked out for another rota are refused, not compared.
    with pytest.raises(ValueError, match="another rota"):
        simulate_rota(scenario, plan.rota, (), replications=2, workers=1,
                      erlang=check_rota(scenario, plan.rota[:3], ()).coverage)
    without_chasers = replace(scenario, case_queues=(queue,))
    with pytest.raises(ValueError, match="another rota"):
        simulate_rota(scenario, plan.rota, (), replications=2, workers=1,
                      erlang=check_rota(without_chasers, plan.rota, ()).coverage)


def test_simulate_prints_and_writes_figures_with_intervals(capsys, rota_file, tmp_path):
    summary = tmp_path / "simulated.json"
    code, out, err = run(capsys, str(rota_file), "--replications", "3", "--seed", "5",
                         "--workers", "1", "--json", str(summary))
    assert code == 0, err
    assert "answered in time" in out and "abandonment" in out and "voice by day" in out
    assert "Mon 1 Mar" in out and "planned figure falls outside" in out
    data = json.loads(summary.read_text())
    assert data["replications"] == 3 and data["seed"] == 5
    (voice_overall,) = data["overall"]  # email is not simulated
    assert voice_overall["channel"] == "voice"
    assert voice_overall["simulated"]["contacts"] == pytest.approx(2000, abs=150)
    level = voice_overall["simulated"]["service_level"]
    assert level["low"] <= level["mean"] <= level["high"]
    # The Erlang figures are the checker's, interval by interval.
    _, plan = rota_plan()
    checked = {(r.date.isoformat(), f"{r.interval_start:%H:%M}"): r
               for r in plan.assessment.coverage}
    assert len(data["intervals"]) == len(checked)
    for row in data["intervals"][:50]:
        expected = checked[row["date"], row["interval_start"]]
        assert row["agents"] == expected.planned
        assert row["erlang"]["service_level"] == pytest.approx(expected.service_level)


def test_simulate_a_broken_workbook_names_the_cell_and_exits_2(capsys, rota_file):
    book = openpyxl.load_workbook(rota_file)
    book["Rota"]["D3"] = "X9"
    book.save(rota_file)
    code, out, err = run(capsys, str(rota_file), "--replications", "2")
    assert code == 2
    assert "rota.xlsx, Rota, row 3, column 2027-03-01" in err
    assert "Traceback" not in err + out


def test_simulate_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "nowhere.xlsx"))
    assert code == 2
    assert "nowhere.xlsx" in err


def test_one_replication_is_refused_by_the_parser(capsys, rota_file):
    with pytest.raises(SystemExit) as stopped:
        run(capsys, str(rota_file), "--replications", "1")
    assert stopped.value.code == 2
    assert "at least 2" in capsys.readouterr().err


@pytest.mark.parametrize("cv", [None, 0.5, 1.5])
def test_handle_times_have_the_intervals_mean_and_the_stated_spread(cv):
    means = np.repeat([300.0, 600.0], 100_000)
    drawn = handle_times(means, cv, np.random.default_rng(SEED))
    for mean in (300.0, 600.0):
        mine = drawn[means == mean]
        assert mine.mean() == pytest.approx(mean, rel=0.02)
        assert mine.std() / mine.mean() == pytest.approx(1.0 if cv is None else cv, rel=0.05)
    if cv is not None:  # log-normal: the logarithms are normal
        logs = np.log(drawn[means == 300.0])
        assert abs(float(np.mean((logs - logs.mean()) ** 3)) / logs.std() ** 3) < 0.05
