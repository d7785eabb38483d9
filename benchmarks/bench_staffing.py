"""Time the staffing maths on four weeks of generated demand for a housing provider's centre.

Four weeks x 96 fifteen-minute intervals x 5 channels: voice and an out-of-hours repairs line
(Erlang A), chat with two sessions per advisor (Erlang A), reception walk-ins (Erlang C) and email
(deferred work). Volumes follow a housing contact centre's weekly shape (Monday morning peak, a
second Friday peak) with random day-to-day noise, so no two days repeat.

    .venv/bin/python benchmarks/bench_staffing.py [--runs 7] [--scenario FILE]

With --scenario it also times `planner staffing FILE --out <tmp>` as a whole process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.demand import demand_grid  # noqa: E402
from planner.model import (  # noqa: E402
    Channel,
    ChannelKind,
    ChannelName,
    DemandRow,
    Region,
    Scenario,
    Settings,
)
from planner.staffing import Target, email_agents, required_agents, staffing_table  # noqa: E402

TARGET_SECONDS = 0.2


def generated_scenario(days: int = 28, seed: int = 7) -> Scenario:
    """Four weeks of dated demand for five channels, from 1 March 2027 (a Monday)."""
    rng = np.random.default_rng(seed)
    start = dt.date(2027, 3, 1)
    channels = (
        Channel(ChannelName("voice"), ChannelKind.VOICE, 720.0, 120.0, 0.8,
                max_abandon_rate=0.1, patience_seconds=2400.0),
        Channel(ChannelName("repairs"), ChannelKind.VOICE, 420.0, 60.0, 0.8,
                max_abandon_rate=0.05, patience_seconds=600.0, open_on_bank_holidays=True),
        Channel(ChannelName("chat"), ChannelKind.CHAT, 900.0, 60.0, 0.8,
                patience_seconds=900.0, concurrency=2),
        Channel(ChannelName("reception"), ChannelKind.RECEPTION, 600.0, 300.0, 0.8),
        Channel(ChannelName("email"), ChannelKind.EMAIL, 480.0, 86400.0, 0.9),
    )
    daily_calls = (1400, 1100, 1100, 1100, 1050, 200, 0)
    rows = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        weekday = day.weekday()
        noise = rng.normal(1.0, 0.08)
        for slot in range(96):
            hour = slot / 4
            time_of_day = dt.time(slot // 4, 15 * (slot % 4))
            voice = _voice_share(weekday, hour) * daily_calls[weekday] * noise
            volumes = {
                "voice": voice,
                "repairs": 1.5 if (hour < 8 or hour >= 18) else 0.0,
                "chat": voice / 4,
                "reception": 3.0 if (weekday < 5 and 9 <= hour < 17) else 0.0,
                "email": 150 / 40 if (weekday < 5 and 8 <= hour < 18) else 0.0,
            }
            for name, volume in volumes.items():
                volume = float(rng.poisson(volume)) if volume > 0 else 0.0
                rows.append(DemandRow(ChannelName(name), time_of_day, volume, date=day))
    return Scenario(
        settings=Settings(plan_start=start, plan_days=days, interval_minutes=15,
                          region=Region.ENGLAND_AND_WALES, shrinkage=0.3),
        channels=channels,
        demand=tuple(rows),
    )


def _voice_share(weekday: int, hour: float) -> float:
    """Share of a day's calls in the 15 minutes from `hour`: open 08:00-18:00, Saturday 09:00-12:00;
    a third of Monday's calls before 11:00, Friday busier after 13:00."""
    if weekday == 5:
        return 1 / 12 if 9 <= hour < 12 else 0.0
    if weekday == 6 or not 8 <= hour < 18:
        return 0.0
    if weekday == 0:
        return (7 / 6 if hour < 11 else 1.0) / (12 * 7 / 6 + 28)
    if weekday == 4:
        return (1.4 if hour >= 13 else 1.0) / (20 + 20 * 1.4)
    return 1 / 40


def _median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs; the median is shown")
    parser.add_argument("--scenario", type=Path, help="also time `planner staffing` on this file")
    args = parser.parse_args(argv)

    scenario = generated_scenario()
    grid = demand_grid(scenario)
    interval_seconds = scenario.settings.interval_minutes * 60.0
    days, slots, width = grid.volume.shape
    is_open = (grid.volume > 0).any(axis=2).ravel()
    busy = int((grid.volume > 0).sum())

    def channel_work(k):
        channel = grid.channels[k]
        volume, aht = grid.volume[:, :, k].ravel(), grid.aht_seconds[:, :, k].ravel()
        if channel.kind is ChannelKind.EMAIL:
            return lambda: email_agents(volume * aht, is_open, channel.target_answer_seconds,
                                        interval_seconds)
        return lambda: required_agents(volume, interval_seconds, aht, Target.for_channel(channel),
                                       channel.patience_seconds, channel.concurrency)

    print(f"{days} days x {slots} intervals x {width} channels = {days * slots * width} rows, "
          f"{busy} with demand; median of {args.runs} runs")
    print(f"{'part':<44}{'seconds':>10}")
    rows = [("expand demand (demand_grid)", lambda: demand_grid(scenario))]
    for k, channel in enumerate(grid.channels):
        model = ("email spreading" if channel.kind is ChannelKind.EMAIL
                 else "Erlang A" if channel.patience_seconds else "Erlang C")
        rows.append((f"  {channel.name} ({model})", channel_work(k)))
    rows.append(("staffing_table (all of the above + table)", lambda: staffing_table(scenario)))
    total = None
    for label, work in rows:
        seconds = _median_seconds(work, args.runs)
        total = seconds
        print(f"{label:<44}{seconds:>10.4f}")
    verdict = "meets" if total < TARGET_SECONDS else "MISSES"
    print(f"staffing maths {total:.3f} s: {verdict} the {TARGET_SECONDS} s target")

    if args.scenario:
        _time_command(args.scenario, args.runs)
    return 0


def _time_command(scenario_file: Path, runs: int) -> None:
    command = shutil.which("planner") or str(Path(sys.executable).parent / "planner")
    if not Path(command).exists():
        print("`planner` command not found: skipping the whole-process timing")
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "staffing.xlsx"
        times = []
        for _ in range(max(1, min(runs, 3))):
            started = time.perf_counter()
            done = subprocess.run([command, "staffing", str(scenario_file), "--out", str(out)],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                print(f"`planner staffing` failed (exit {done.returncode}): "
                      f"{done.stderr.strip()[-300:]}")
                return
    print(f"{'planner staffing FILE --out x.xlsx (process)':<44}{statistics.median(times):>10.4f}")


if __name__ == "__main__":
    sys.exit(main())
