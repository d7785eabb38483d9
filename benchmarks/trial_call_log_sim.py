"""Trial: the waits and abandonment a real call log shows, against Erlang A and the simulation.

    .venv/bin/python benchmarks/trial_call_log_sim.py LOG.tsv [--replications 20] [--seed 0]
        [--answer-seconds 20] [--workers N]

LOG.tsv is the 1999 "Anonymous Bank" log (read with benchmarks/anonymous_bank.py; callers who
hung up in the voice menu before queueing are left out: they never reached the queue). For each
hour of each day it takes from the log:
- the calls that joined the queue, how many gave up, their average wait when answered and the
  share answered within the answer time: what callers actually got;
- the advisors on: the number of distinct advisors (`server`, NO_SERVER excluded) handling a
  call at some point in the hour. This is an estimate: it counts someone who took one call in
  the hour as there all hour, and misses anyone logged on who took no call. With
  `--agents busy`, the hours of calls handled in the hour rounded up instead: the fewest
  advisors who could have done that work, a lower bound;
- the mean handle time of the calls answered that arrived in the hour (the whole log's mean
  where an hour has none).
Callers' patience is estimated from the whole log as the total time all callers spent queueing
divided by the number who gave up (the estimate of an exponential mean when the waits of those
answered are cut short). Handle times are log-normal with the coefficient of variation the log
shows.

Erlang A (planner.erlang) and the simulation (planner.simulation) are then given the same
calls, handle times, patience and advisors, and the three are compared per hour of the day over
the bank's full working days (Sunday to Thursday), per day, and over the whole log. The
simulation's figures are the mean with a 95% confidence interval over the replications.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from anonymous_bank import read_calls  # noqa: E402

from planner.model import (  # noqa: E402
    Channel,
    ChannelKind,
    ChannelName,
    DemandRow,
    Scenario,
    Settings,
)
from planner.simulation import Figures, SimulationResult, simulate  # noqa: E402

HOUR = 3600.0
WORKING_DAYS = (6, 0, 1, 2, 3)  # Sunday to Thursday
AGENT_WORDS = {"distinct": "distinct advisors handling a call in the hour",
               "busy": "hours of calls handled in the hour, rounded up"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="the Anonymous Bank call log (.tsv)")
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--answer-seconds", type=float, default=20.0,
                        help="answer time for the service level (default 20 s)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--agents", choices=("distinct", "busy"), default="distinct",
                        help="advisors on: distinct advisors handling a call in the hour "
                             "(default), or the busy hours they logged in it, rounded up: the "
                             "fewest who could have done that work")
    args = parser.parse_args(argv)
    try:
        calls = read_calls(args.log, vru_hangups=False)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {args.log}: cannot read the call log: {exc}", file=sys.stderr)
        return 2

    log = per_hour(calls, args.answer_seconds)
    if args.agents == "busy":
        log["agents"] = np.ceil(busy_hours(calls, log.index) - 1e-9).astype(int)
    answered = calls[calls["outcome"] == "answered"]
    patience = calls["wait_seconds"].sum() / (calls["outcome"] == "abandoned").sum()
    cv = float(answered["handle_seconds"].std() / answered["handle_seconds"].mean())
    scenario, agents = as_scenario(log, patience, args.answer_seconds,
                                   float(answered["handle_seconds"].mean()))
    result = simulate(scenario, agents, args.replications, args.seed, handle_cv=cv,
                      workers=args.workers)

    print(f"{args.log.name}: {len(calls):,} calls that queued or were answered, "
          f"{scenario.settings.plan_days} days; patience estimated {patience:.0f} s "
          f"(total queueing time / calls abandoned); handle time mean "
          f"{answered['handle_seconds'].mean():.0f} s, CV {cv:.2f} (log-normal); answer time "
          f"{args.answer_seconds:g} s; advisors on = {AGENT_WORDS[args.agents]} (an estimate); "
          f"{args.replications} replications, seed {args.seed}.")
    print("Each figure: log | Erlang A | simulation mean (95% interval). "
          "SL = answered within the answer time.")
    dates = scenario.settings.dates
    hours = np.arange(24)
    working = np.array([d.weekday() in WORKING_DAYS for d in dates])
    print("\nPer hour of the day, Sunday to Thursday "
          f"({int(working.sum())} days), hours with at least 100 calls:")
    print(_heading("hour"))
    for hour in hours:
        where = working[:, None] & (hours[None, :] == hour)
        if log.loc[where.ravel(), "calls"].sum() >= 100:
            print(_line(f"{hour:02d}:00", log[where.ravel()], result, where))
    print("\nPer day:")
    print(_heading("day"))
    for d, date in enumerate(dates):
        where = np.zeros((len(dates), 24), dtype=bool)
        where[d] = True
        print(_line(f"{date:%a %d %b}", log[where.ravel()], result, where))
    print("\nWhole log:")
    print(_heading(""))
    print(_line("all", log, result, np.ones((len(dates), 24), dtype=bool)))
    return 0


def per_hour(calls: pd.DataFrame, answer_seconds: float) -> pd.DataFrame:
    """One row per date and hour (every hour of every day of the log), in that order."""
    first = calls["arrived_at"].dt.normalize().min()
    last = calls["arrived_at"].dt.normalize().max()
    slots = pd.date_range(first, last + pd.Timedelta(hours=23), freq="h")
    hour = calls["arrived_at"].dt.floor("h")
    answered = calls["outcome"] == "answered"
    frame = pd.DataFrame({
        "hour": hour,
        "calls": 1,
        "abandoned": (~answered).astype(int),
        "answered": answered.astype(int),
        "in_time": (answered & (calls["wait_seconds"] <= answer_seconds)).astype(int),
        "wait": calls["wait_seconds"].where(answered, 0.0),
        "handle": calls["handle_seconds"].where(answered, 0.0),
    })
    log = frame.groupby("hour").sum().reindex(slots, fill_value=0)
    log["agents"] = agents_on(calls, slots).to_numpy()
    return log


def agents_on(calls: pd.DataFrame, slots: pd.DatetimeIndex) -> pd.Series:
    """Distinct advisors (not NO_SERVER) whose calls overlap each hour."""
    served = calls[(calls["outcome"] == "answered") & (calls["server"] != "NO_SERVER")]
    start = served["arrived_at"] + pd.to_timedelta(served["wait_seconds"], unit="s")
    end = start + pd.to_timedelta(served["handle_seconds"], unit="s")
    first = start.dt.floor("h")
    hours_spanned = ((end - first) // pd.Timedelta(hours=1)).clip(lower=0).astype(int) + 1
    rows = np.repeat(np.arange(len(served)), hours_spanned.to_numpy())
    offset = np.concatenate([np.arange(n) for n in hours_spanned.to_numpy()]) if rows.size else rows
    pairs = pd.DataFrame({
        "hour": first.to_numpy()[rows] + pd.to_timedelta(offset, unit="h"),
        "server": served["server"].to_numpy()[rows],
    })
    return pairs.drop_duplicates().groupby("hour").size().reindex(slots, fill_value=0)


def busy_hours(calls: pd.DataFrame, slots: pd.DatetimeIndex) -> np.ndarray:
    """Hours advisors spent on calls within each hour (a call over the hour's end is split)."""
    served = calls[calls["outcome"] == "answered"]
    start = (served["arrived_at"] - slots[0]).dt.total_seconds() + served["wait_seconds"]
    end = start + served["handle_seconds"]
    busy = np.zeros(len(slots))
    edges = np.arange(len(slots) + 1) * HOUR
    for lo, hi in zip(start.to_numpy(), end.to_numpy(), strict=True):
        first, last = int(lo // HOUR), min(int(hi // HOUR), len(slots) - 1)
        for h in range(first, last + 1):
            busy[h] += max(0.0, min(hi, edges[h + 1]) - max(lo, edges[h]))
    return busy / HOUR


def as_scenario(log: pd.DataFrame, patience: float, answer_seconds: float,
                mean_handle: float) -> tuple[Scenario, np.ndarray]:
    """The log as a scenario (hourly intervals, one voice channel, demand = calls seen) and the
    advisors on per day and hour."""
    start = log.index[0].date()
    days = len(log) // 24
    voice = Channel(ChannelName("voice"), ChannelKind.VOICE, aht_seconds=mean_handle,
                    target_answer_seconds=answer_seconds, service_level_target=0.8,
                    patience_seconds=patience, open_on_bank_holidays=True)
    handle = np.where(log["answered"] > 0, log["handle"] / log["answered"].clip(lower=1),
                      mean_handle)
    rows = tuple(
        DemandRow(ChannelName("voice"), dt.time(when.hour), float(calls), date=when.date(),
                  aht_seconds=float(aht))
        for when, calls, aht in zip(log.index, log["calls"], handle, strict=True) if calls > 0
    )
    scenario = Scenario(Settings(plan_start=start, plan_days=days, interval_minutes=60),
                        channels=(voice,), demand=rows)
    return scenario, log["agents"].to_numpy().reshape(days, 24, 1)


def _heading(label: str) -> str:
    return (f"{label:<12}{'calls':>7}{'agents':>7}   {'abandonment':<34}"
            f"{'average wait (s)':<32}SL")


def _line(label: str, log: pd.DataFrame, result: SimulationResult, where: np.ndarray) -> str:
    calls = log["calls"].sum()
    busy = log["calls"] > 0
    agents = log.loc[busy, "agents"].mean() if busy.any() else 0.0
    sim = result.pooled("voice", where)
    erlang = _erlang(result, where)
    seen_abandon = log["abandoned"].sum() / calls if calls else np.nan
    seen_wait = log["wait"].sum() / log["answered"].sum() if log["answered"].sum() else np.nan
    seen_sl = log["in_time"].sum() / calls if calls else np.nan
    return (f"{label:<12}{calls:>7,}{agents:>7.1f}   "
            f"{_share(seen_abandon)} | {_share(erlang[2])} | {_share_ci(sim, 'abandon_rate'):<18}"
            f"{seen_wait:>5.0f} | {erlang[1]:>5.0f} | {_wait_ci(sim):<16}"
            f"{_share(seen_sl)} | {_share(erlang[0])} | {_share_ci(sim, 'service_level')}")


def _erlang(result: SimulationResult, where: np.ndarray) -> tuple[float, float, float]:
    """Erlang A's service level, average wait and abandonment, weighted as planner.kpis does:
    by calls, and the wait by calls answered."""
    day_of = {d: i for i, d in enumerate(result.dates)}
    rows = [r.erlang for r in result.intervals
            if where[day_of[r.date], r.interval_start.hour] and r.volume > 0]
    volume = np.array([r.volume for r in rows])
    if not volume.sum():
        return (np.nan, np.nan, np.nan)
    abandon = np.array([r.abandon_rate for r in rows])
    level = np.array([r.service_level for r in rows])
    wait = np.array([r.asa_seconds for r in rows])
    answered = volume * (1 - abandon)
    finite = np.isfinite(wait) & (answered > 0)
    mean_wait = (answered[finite] * wait[finite]).sum() / answered[finite].sum()
    total = volume.sum()
    return ((volume * level).sum() / total, mean_wait, (volume * abandon).sum() / total)


def _share(value: float) -> str:
    return "  -  " if np.isnan(value) else f"{value:5.1%}"


def _share_ci(figures: Figures, name: str) -> str:
    e = getattr(figures, name)
    return f"{e.mean:.1%} ({e.low:.1%}-{e.high:.1%})".replace("%-", "-")


def _wait_ci(figures: Figures) -> str:
    e = figures.asa_seconds
    return f"{e.mean:.0f} ({e.low:.0f}-{e.high:.0f})"


if __name__ == "__main__":
    sys.exit(main())
