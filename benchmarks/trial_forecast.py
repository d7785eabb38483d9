"""Trial the forecast on a real call log: the 1999 "Anonymous Bank" log (not in the project).

    .venv/bin/python benchmarks/trial_forecast.py PATH_TO_LOG [--interval 15]

Forecasts 8-14 February 1999 from 1-7 February and prints the error by day and by hour of day,
then callers' patience estimated with answered waits as censored observations and, for
contrast, the naive mean wait of those who gave up.

With one week of history the profile is that one week: each weekday's forecast is simply the
same weekday a week earlier (level and shape both). This centre's week runs Sunday to Thursday,
it closes on Friday afternoon and opens little on Saturday. Callers who hung up in the voice
menu before asking for an advisor are left out: they are not demand on advisors.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from anonymous_bank import read_calls  # noqa: E402

from planner.forecast import backtest  # noqa: E402
from planner.history import read_history  # noqa: E402


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
    tested = backtest(history, 1, profile_weeks=1)
    print(f"{len(calls):,} calls reaching the queue or an advisor, {history.first_day} to "
          f"{history.last_day}; {args.interval}-minute intervals.")
    print(f"Forecast {tested.first} to {tested.last} from the week before (one week of history: "
          "the profile is that week).")
    print()
    print(f"{'day':<16}{'forecast':>10}{'actual':>10}{'error':>10}{'error %':>10}")
    for row in tested.by_day.itertuples(index=False):
        print(f"{row.date:%a %Y-%m-%d}  {row.forecast:>10,.0f}{row.actual:>10,.0f}"
              f"{row.error:>+10,.0f}{row.pct_error:>+10.1%}")
    print()
    print(f"{'hour':<8}{'forecast':>10}{'actual':>10}{'abs error':>11}{'WAPE':>8}")
    for row in tested.by_hour.itertuples(index=False):
        wape = "-" if row.wape != row.wape else f"{row.wape:.0%}"
        print(f"{row.hour:02d}:00   {row.forecast:>10,.0f}{row.actual:>10,.0f}"
              f"{row.abs_error:>11,.0f}{wape:>8}")
    overall = tested.overall.iloc[0]
    print(f"WAPE by day {overall['day_wape']:.1%}, MAPE by day {overall['day_mape']:.1%}, "
          f"WAPE by hour {overall['hour_wape']:.1%}, WAPE by {args.interval}-minute interval "
          f"{overall['interval_wape']:.1%}")
    print()
    print(f"{'patience':<24}{'callers gave up':>16}{'censored (MLE)':>16}{'naive mean':>12}")
    for label, part in (("days 1-7", history.before(tested.first)),
                        ("days 1-14", history)):
        intervals = part.intervals
        gave_up = intervals["abandoned_waiting"].sum()
        censored = intervals["waited_seconds"].sum() / gave_up
        naive = intervals["abandoned_wait_seconds"].sum() / gave_up
        print(f"{label:<24}{gave_up:>16,.0f}{censored:>14,.0f} s{naive:>10,.0f} s")
    handle = tested.forecast.channel("voice").aht_seconds
    print(f"Handle time (days 1-7, answered calls): {handle:,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
