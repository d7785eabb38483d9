"""Trial the forecast on a real call log: the 1999 "Anonymous Bank" log (not in the project).

    .venv/bin/python benchmarks/trial_forecast.py PATH_TO_LOG [--interval 15]

Rolling origins inside the log's 14 days: each day from the 8th on is forecast from the days
before it only, once by the method each back-test chooses (`planner forecast`'s default) and
once by seasonal naive (the same weekday a week earlier, level and shape). For each origin it
prints the daily error (absolute error of the day's total over the total) and the hourly error
(absolute errors of the hours summed, over the total), then the means, then whether the chosen
forecast is no worse than seasonal naive on every origin. Then callers' patience estimated with
answered waits as censored observations and, for contrast, the naive mean wait of those who gave
up.

This centre's week runs Sunday to Thursday, it closes on Friday afternoon and opens little on
Saturday. Callers who hung up in the voice menu before asking for an advisor are left out: they
are not demand on advisors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from anonymous_bank import read_calls  # noqa: E402

from planner.forecast import SEASONAL_NAIVE, forecast  # noqa: E402
from planner.forecast.methods import LAST_WEEK_SHAPE  # noqa: E402
from planner.history import read_history  # noqa: E402


def errors(made, actual) -> tuple[float, float]:
    """Daily and hourly error of one forecast day against what arrived."""
    frame = made.demand
    hours = np.array([t.hour for t in frame["interval_start"]])
    forecast_hours = np.bincount(hours, weights=frame["volume"].to_numpy(), minlength=24)
    arrived = actual.intervals
    actual_hours = np.bincount(arrived["interval_start"].dt.hour.to_numpy(),
                               weights=arrived["offered"].to_numpy(), minlength=24)
    total = actual_hours.sum()
    return (abs(forecast_hours.sum() - total) / total,
            float(np.abs(forecast_hours - actual_hours).sum() / total))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="the Anonymous Bank call log (.tsv)")
    parser.add_argument("--interval", type=int, default=15, help="minutes (default 15)")
    args = parser.parse_args(argv)
    calls = read_calls(args.log, vru_hangups=False)
    calls = calls[calls["arrived_at"] < "1999-02-15"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.csv"
        out = calls.drop(columns=["server"]).copy()
        out["arrived_at"] = out["arrived_at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
        out.to_csv(path, index=False)
        read = read_history(path, args.interval)
    if not read.ok:
        for problem in read.problems:
            print(problem, file=sys.stderr)
        return 2
    history = read.history
    print(f"{len(calls):,} calls reaching the queue or an advisor, {history.first_day} to "
          f"{history.last_day}; {args.interval}-minute intervals.")
    print()
    print(f"{'day forecast':<16}{'daily error':>24}{'hourly error':>24}   chosen")
    print(f"{'':<16}{'chosen':>12}{'naive':>12}{'chosen':>12}{'naive':>12}")
    rows, seconds = [], []
    day = history.first_day + dt.timedelta(days=7)
    while day <= history.last_day:
        before = history.before(day)
        started = time.perf_counter()
        chosen = forecast(before, day, 1)
        seconds.append(time.perf_counter() - started)
        naive = forecast(before, day, 1, level=SEASONAL_NAIVE, shape=LAST_WEEK_SHAPE)
        actual = history.between(day, day)
        mine, theirs = errors(chosen, actual), errors(naive, actual)
        rows.append((mine, theirs))
        choice = chosen.choices[0]
        print(f"{day:%a %Y-%m-%d}  {mine[0]:>12.1%}{theirs[0]:>12.1%}{mine[1]:>12.1%}"
              f"{theirs[1]:>12.1%}   {choice.level}; {choice.shape}")
        day += dt.timedelta(days=1)
    mine = np.array([r[0] for r in rows])
    theirs = np.array([r[1] for r in rows])
    print(f"{'mean':<16}{mine[:, 0].mean():>12.1%}{theirs[:, 0].mean():>12.1%}"
          f"{mine[:, 1].mean():>12.1%}{theirs[:, 1].mean():>12.1%}")
    worse = [(i, g) for i in range(len(rows)) for g in (0, 1)
             if mine[i, g] > theirs[i, g] + 1e-12]
    better = (mine.mean(axis=0) < theirs.mean(axis=0) - 1e-12).any()
    print(f"No worse than seasonal naive on every origin: {'yes' if not worse else 'no'}"
          f"{'' if not worse else f' ({len(worse)} origin-grains worse)'}; better on average: "
          f"{'yes' if better else 'no'}.")
    print(f"Time to forecast a day with its back-test: median {np.median(seconds):.2f} s.")
    print()
    print(f"{'patience':<24}{'callers gave up':>16}{'censored (MLE)':>16}{'naive mean':>12}")
    first_week = history.before(history.first_day + dt.timedelta(days=7))
    for label, part in (("days 1-7", first_week), ("days 1-14", history)):
        intervals = part.intervals
        gave_up = intervals["abandoned_waiting"].sum()
        censored = intervals["waited_seconds"].sum() / gave_up
        naive_wait = intervals["abandoned_wait_seconds"].sum() / gave_up
        print(f"{label:<24}{gave_up:>16,.0f}{censored:>14,.0f} s{naive_wait:>10,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
