"""Forecasts from generated contact histories whose true rates are known.

Histories are drawn with a seeded numpy generator: arrivals Poisson per weekday and 15-minute
interval, callers' patience exponential (mean 600 s), the time until an advisor would answer
exponential (mean 120 s), handle times log-normal. Tolerances are set from the sampling error
of the method, so a right method passes every seed and a wrong one fails:

- a weekday's total is the mean of two Poisson totals of about 1,000, standard deviation about
  2.2%; totals must be within 4 standard deviations;
- an interval's forecast (level x pooled share over 4 weeks) with about 25 contacts a week has a
  relative standard deviation of about 10%; the mean absolute error over a day's intervals must
  be under 12% and no interval may be off by more than 5 standard deviations;
- patience: about 3,300 callers give up, so the estimate's standard deviation is about 1.7%;
  within 8%. The naive mean wait of those who gave up is 1 / (1/600 + 1/120) = 100 s in
  expectation, far from the true 600 s;
- handle time: about 100 answered contacts per interval over 4 weeks with a coefficient of
  variation of 0.5, so about 5% per interval; each within 25%, the morning's mean within 4%.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.forecast import backtest, forecast, patience_estimate
from planner.history import read_history
from planner.io import load_scenario
from ui.commands import forecast as command

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "samples" / "housing-1-week-csv"

OPEN_SLOT, CLOSE_SLOT = 32, 72  # 08:00 to 18:00 in 15-minute intervals
DAY_TOTALS = (1000, 800, 800, 800, 750, 0, 0)  # Monday .. Sunday (closed at weekends)
PATIENCE, ANSWER = 600.0, 120.0
AHT_MORNING, AHT_AFTERNOON = 600.0, 900.0


def true_rates(scale: float = 1.0) -> np.ndarray:
    """Contacts per weekday (rows) and 15-minute interval (columns): a morning peak."""
    slots = np.arange(96)
    shape = np.where((slots >= OPEN_SLOT) & (slots < CLOSE_SLOT),
                     1.0 + np.exp(-((slots - 38) / 4.0) ** 2), 0.0)
    shape /= shape.sum()
    return scale * np.outer(DAY_TOTALS, shape)


def contact_log(first: dt.date, days: int, seed: int = 7, scale=lambda day: 1.0,
                closed: tuple[dt.date, ...] = ()) -> pd.DataFrame:
    """One row per contact, drawn from the true rates."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        if day in closed:
            continue
        counts = rng.poisson(true_rates(scale(day))[day.weekday()])
        slot = np.repeat(np.arange(96), counts)
        seconds = slot * 900 + rng.uniform(0, 900, slot.size)
        rows.append(pd.DataFrame({"seconds": seconds, "slot": slot, "day": day}))
    calls = pd.concat(rows, ignore_index=True)
    n = len(calls)
    patience = rng.exponential(PATIENCE, n)
    answer = rng.exponential(ANSWER, n)
    mean_aht = np.where(calls["slot"] < 48, AHT_MORNING, AHT_AFTERNOON)
    sigma = np.sqrt(np.log(1 + 0.5**2))
    handle = mean_aht * rng.lognormal(-sigma**2 / 2, sigma, n)
    abandoned = patience < answer
    return pd.DataFrame({
        "arrived_at": [pd.Timestamp(d) + pd.Timedelta(seconds=float(s))
                       for d, s in zip(calls["day"], calls["seconds"], strict=True)],
        "channel": "voice",
        "wait_seconds": np.round(np.minimum(patience, answer), 1),
        "handle_seconds": np.where(abandoned, 0.0, np.round(handle, 1)),
        "outcome": np.where(abandoned, "abandoned", "answered"),
    })


def write_log(frame: pd.DataFrame, path: Path) -> Path:
    out = frame.copy()
    out["arrived_at"] = out["arrived_at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    out.to_csv(path, index=False)
    return path


def interval_report(frame: pd.DataFrame) -> pd.DataFrame:
    grouped = frame.assign(interval_start=frame["arrived_at"].dt.floor("15min"),
                           answered=frame["outcome"] == "answered",
                           abandoned=frame["outcome"] == "abandoned").groupby(
        ["interval_start", "channel"])
    report = grouped.agg(offered=("outcome", "size"), answered=("answered", "sum"),
                         abandoned=("abandoned", "sum"), handle=("handle_seconds", "sum"))
    report["aht_seconds"] = (report["handle"] / report["answered"].where(report["answered"] > 0)
                             ).round(3).fillna(0)
    report = report.drop(columns="handle").reset_index()
    report["interval_start"] = report["interval_start"].dt.strftime("%Y-%m-%d %H:%M")
    return report


FIRST = dt.date(2025, 1, 6)  # a Monday; four weeks of history, no bank holidays
NEXT = FIRST + dt.timedelta(days=28)


@pytest.fixture(scope="module")
def four_weeks(tmp_path_factory) -> tuple[pd.DataFrame, Path]:
    frame = contact_log(FIRST, 28)
    return frame, write_log(frame, tmp_path_factory.mktemp("history") / "log.csv")


def test_volumes_recovered_within_sampling_error(four_weeks):
    _, path = four_weeks
    history = read_history(path).history
    made = forecast(history, NEXT, 7)
    truth = true_rates()
    assert made.weeks_used == 4
    for i in range(7):
        day = NEXT + dt.timedelta(days=i)
        got = made.demand[made.demand["date"] == day]["volume"].to_numpy()
        expected = truth[day.weekday()]
        total = expected.sum()
        if total == 0:
            assert got.sum() == 0
            continue
        assert abs(got.sum() - total) <= 4 * np.sqrt(total / 2), day
        open_ = expected > 0
        relative = np.abs(got[open_] - expected[open_]) / expected[open_]
        assert relative.mean() < 0.12, day
        sd = np.sqrt(expected[open_] ** 2 / (2 * total) + expected[open_] / 4)
        assert np.all(np.abs(got[open_] - expected[open_]) <= 5 * sd), day
        assert np.all(got[~open_] == 0)


def test_level_follows_the_last_two_weeks(tmp_path):
    frame = contact_log(FIRST, 28, scale=lambda day: 1.0 if day < FIRST + dt.timedelta(14)
                        else 1.3)
    history = read_history(write_log(frame, tmp_path / "log.csv")).history
    monday = forecast(history, NEXT, 1).demand["volume"].sum()
    assert abs(monday - 1300) <= 4 * np.sqrt(1300 / 2)  # not the 4-week mean of 1,150


def test_patience_censored_estimate_right_naive_wrong(four_weeks):
    frame, path = four_weeks
    estimate = forecast(read_history(path).history, NEXT, 1).channel("voice")
    assert estimate.patience_seconds == pytest.approx(PATIENCE, rel=0.08)
    assert estimate.naive_patience_seconds == pytest.approx(100, rel=0.15)
    assert estimate.naive_patience_seconds < 0.3 * PATIENCE
    direct = patience_estimate(frame["wait_seconds"].to_numpy(),
                               (frame["outcome"] == "abandoned").to_numpy())
    assert direct == pytest.approx(estimate.patience_seconds)


def test_no_abandoned_means_no_patience(tmp_path):
    frame = contact_log(FIRST, 7)
    frame["outcome"] = "answered"
    made = forecast(read_history(write_log(frame, tmp_path / "log.csv")).history, NEXT, 1)
    voice = made.channel("voice")
    assert voice.patience_seconds is None
    assert "no caller gave up" in voice.note


def test_handle_time_per_interval_and_fallback(four_weeks):
    _, path = four_weeks
    made = forecast(read_history(path).history, NEXT, 1)  # a Monday
    demand = made.demand.set_index("interval_start")
    morning = [dt.time(h, m) for h in range(8, 12) for m in (0, 15, 30, 45)]
    afternoon = [dt.time(h, m) for h in range(12, 18) for m in (0, 15, 30, 45)]
    assert demand.loc[morning, "aht_seconds"].mean() == pytest.approx(AHT_MORNING, rel=0.04)
    assert demand.loc[afternoon, "aht_seconds"].mean() == pytest.approx(AHT_AFTERNOON, rel=0.04)
    assert np.all(np.abs(demand.loc[morning, "aht_seconds"] / AHT_MORNING - 1) < 0.25)
    channel_mean = made.channel("voice").aht_seconds
    assert AHT_MORNING < channel_mean < AHT_AFTERNOON
    assert demand.loc[dt.time(3, 0), "aht_seconds"] == pytest.approx(channel_mean)  # none there


def test_bank_holidays_left_out_and_closed(tmp_path):
    # 2025-05-05 (Early May) is a bank holiday in the history, closed; 2025-05-26 (Spring) is
    # a forecast day.
    first = dt.date(2025, 4, 21)  # Easter Monday, also a bank holiday
    frame = contact_log(first, 28, closed=(dt.date(2025, 4, 21), dt.date(2025, 5, 5)))
    history = read_history(write_log(frame, tmp_path / "log.csv")).history
    made = forecast(history, dt.date(2025, 5, 19), 8)
    daily = made.daily()["voice"]
    assert abs(daily[dt.date(2025, 5, 19)] - 1000) <= 4 * np.sqrt(1000 / 2)
    assert daily[dt.date(2025, 5, 26)] == 0
    assert any("2025-05-26 is a bank holiday" in p.message for p in made.problems)
    opened = forecast(history, dt.date(2025, 5, 26), 1, open_on_bank_holidays={"voice": True})
    assert opened.daily()["voice"].sum() == pytest.approx(daily[dt.date(2025, 5, 19)])
    august = dt.date(2025, 8, 25)  # Summer bank holiday in England and Wales, not in Scotland
    assert forecast(history, august, 1).daily()["voice"].sum() == 0
    assert forecast(history, august, 1, region="scotland").daily()["voice"].sum() > 0


def test_interval_report_gives_the_same_volumes(four_weeks, tmp_path):
    frame, log_path = four_weeks
    report = interval_report(frame)
    path = tmp_path / "report.csv"
    text = report.to_csv(index=False, sep=";", decimal=",")
    path.write_bytes(b"\xef\xbb\xbf" + ("\n" + text).encode())  # BOM, a blank line, semicolons
    read = read_history(path)
    assert read.ok, read.problems
    from_report = forecast(read.history, NEXT, 7)
    from_log = forecast(read_history(log_path).history, NEXT, 7)
    assert np.allclose(from_report.demand["volume"], from_log.demand["volume"])
    assert np.allclose(from_report.demand["aht_seconds"], from_log.demand["aht_seconds"],
                       rtol=1e-6, equal_nan=True)
    voice = from_report.channel("voice")
    assert voice.patience_seconds is None and "no waits" in voice.note


def test_coarser_report_asks_for_its_interval(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("interval_start,channel,offered,answered,abandoned,aht_seconds\n"
                    "2025-01-06 08:00,voice,10,9,1,300\n2025-01-06 08:30,voice,12,12,0,280\n")
    problems = read_history(path).problems
    assert any("--interval 30" in p.message for p in problems)
    assert read_history(path, 30).ok


def test_backtest_errors_by_day_and_hour(tmp_path):
    # Week 1: 10 contacts in every 09:00-10:00 interval; week 2: 20. A one-week profile
    # forecasts 10 and is 50% short on every day.
    rows = []
    for i in range(14):
        day = FIRST + dt.timedelta(days=i)
        for minute in (0, 15, 30, 45):
            for k in range(10 if i < 7 else 20):
                rows.append((f"{day}T09:{minute:02d}:{k:02d}", "voice", 5, 60, "answered"))
    path = tmp_path / "log.csv"
    pd.DataFrame(rows, columns=list(("arrived_at", "channel", "wait_seconds",
                                     "handle_seconds", "outcome"))).to_csv(path, index=False)
    tested = backtest(read_history(path).history, 1, profile_weeks=1)
    assert tested.first == FIRST + dt.timedelta(days=7)
    assert list(tested.by_day["actual"]) == [80] * 7
    assert list(tested.by_day["forecast"]) == [40] * 7
    assert np.allclose(tested.by_day["pct_error"], -0.5)
    nine = tested.by_hour[tested.by_hour["hour"] == 9].iloc[0]
    assert (nine["forecast"], nine["actual"], nine["wape"]) == (280, 560, 0.5)
    overall = tested.overall.iloc[0]
    assert overall["day_wape"] == overall["hour_wape"] == overall["interval_wape"] == 0.5
    with pytest.raises(ValueError, match="no history"):
        backtest(read_history(path).history, 2)


def test_backtest_on_a_steady_history_is_close(four_weeks):
    tested = backtest(read_history(four_weeks[1]).history, 1, profile_weeks=3)
    assert tested.overall.iloc[0]["day_wape"] < 0.05


BROKEN_LOG = (
    "arrived_at,channel,wait_seconds,handle_seconds,outcome\n"
    "2025-01-06T09:00:00,voice,10,300,answered\n"
    "\n"
    "yesterday at nine,voice,10,300,answered\n"
    "2025-01-06T09:01:00,voice,-4,300,answered\n"
    "2025-01-06T09:02:00,voice,30,,abandoned\n"
    "2025-01-06T09:03:00,voice,30,200,hung up\n"
    "2025-01-06T09:04:00,,30,200,answered\n"
)


def test_broken_log_names_row_and_column(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(BROKEN_LOG)
    read = read_history(path)
    assert not read.ok
    found = {(p.row, p.column) for p in read.errors}
    assert found == {(4, "arrived_at"), (5, "wait_seconds"), (7, "outcome"), (8, "channel")}
    assert all(p.file == "calls.csv" for p in read.errors)
    assert "hung up" in next(p.message for p in read.errors if p.row == 7)


def test_missing_column_and_unreadable_files(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("arrived_at,channel,wait_seconds,outcome\n2025-01-06T09:00:00,voice,1,x\n")
    (problem,) = read_history(path).errors
    assert (problem.row, problem.column) == (1, "handle_seconds")
    path.write_bytes(b"\x00\x01PK\x03\x04" * 20)
    assert len(read_history(path).errors) == 1
    path.write_text("date,calls\n2025-01-06,4\n")
    assert "neither a contact log" in read_history(path).errors[0].message
    assert "no file" in read_history(tmp_path / "nowhere.csv").errors[0].message


def run_command(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    command.add_parser(sub)
    args = parser.parse_args(["forecast", *argv])
    return args.run(args)


def test_command_writes_a_new_workbook(four_weeks, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code = run_command(str(four_weeks[1]), "--start", str(NEXT), "--days", "7",
                       "--out", str(out), "--backtest", "1", "--json", str(tmp_path / "f.json"))
    printed = capsys.readouterr().out
    assert code == 0
    loaded = load_scenario(out)
    assert loaded.ok, loaded.problems
    scenario = loaded.scenario
    assert scenario.settings.plan_start == NEXT and scenario.settings.plan_days == 7
    (voice,) = scenario.channels
    assert voice.patience_seconds == pytest.approx(PATIENCE, rel=0.08)
    monday = sum(r.volume for r in scenario.demand if r.date == NEXT)
    assert abs(monday - 1000) <= 4 * np.sqrt(500)
    assert all(r.date is not None and r.aht_seconds for r in scenario.demand)
    assert "Back-test" in printed and "WAPE by day" in printed
    assert (tmp_path / "f.json").exists()


def test_command_updates_an_existing_scenario(tmp_path, capsys):
    folder = tmp_path / "scenario"
    shutil.copytree(SAMPLE_CSV, folder)
    before = load_scenario(folder).scenario
    start = before.settings.plan_start
    frame = contact_log(start - dt.timedelta(days=28), 28)
    chat = frame.sample(frac=0.25, random_state=1).assign(channel="webchat")
    path = write_log(pd.concat([frame, chat]).sort_values("arrived_at"), tmp_path / "log.csv")
    code = run_command(str(path), "--start", str(start), "--days", "7", "--out", str(folder))
    err = capsys.readouterr().err
    assert code == 0
    after = load_scenario(folder).scenario
    names = [c.name for c in after.channels]
    assert names == [c.name for c in before.channels] + ["webchat"]
    assert "webchat was added as a chat channel" in err
    kept = [r for r in before.demand if r.channel not in ("voice", "webchat")]
    assert [r for r in after.demand if r.channel not in ("voice", "webchat")] == kept
    voice_rows = [r for r in after.demand if r.channel == "voice"]
    assert voice_rows and all(r.date is not None for r in voice_rows)
    voice = next(c for c in after.channels if c.name == "voice")
    assert voice.aht_seconds != next(c for c in before.channels if c.name == "voice").aht_seconds
    assert after.settings == before.settings


def test_command_bad_input_exits_2_with_problems(tmp_path, capsys):
    path = tmp_path / "calls.csv"
    path.write_text(BROKEN_LOG)
    code = run_command(str(path), "--start", "2025-02-03", "--days", "7",
                       "--out", str(tmp_path / "plan.xlsx"))
    err = capsys.readouterr().err
    assert code == 2
    assert "calls.csv, row 4, column arrived_at" in err
    assert "Traceback" not in err
    assert not (tmp_path / "plan.xlsx").exists()
    code = run_command(str(path), "--start", "2025-02-03", "--days", "7",
                       "--out", str(tmp_path / "plan.xlsx"), "--interval", "7")
    assert code == 2
