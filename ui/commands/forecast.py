"""`planner forecast HISTORY --start DATE --days N --out FILE`: demand from contact history.

Reads a contact log or an interval report, forecasts contacts per interval for the days asked,
with handle time per interval and callers' patience per channel, and writes them into a
scenario's Demand and Channels sheets. `--backtest WEEKS` also measures how such a forecast did
on the last weeks of the history.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, outputs_refused, print_problems


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "forecast",
        help="forecast contacts per interval from contact history into a scenario",
        description=(
            "Read contact history (a contact log with arrived_at, channel, wait_seconds, "
            "handle_seconds, outcome; or an interval report with interval_start, channel, "
            "offered, answered, abandoned, aht_seconds) and forecast the contacts in each "
            "interval of the days asked: each day's total times its shape over the day, each "
            "by the method a rolling-origin back-test on the channel's own history chose "
            "(seasonal naive, averages of the same weekday over 2-8 weeks, exponential "
            "smoothing or a seasonal decomposition; last week's shape or one pooled over "
            "weeks), with bank holidays, the day after each and --special days left out. "
            "Writes dated Demand rows, each channel's handle time, callers' patience and the "
            "forecast's day-to-day spread (which planner simulate draws each day's level "
            "from) into the scenario at --out "
            "(created from the starter scenario when it does not exist; other channels' rows "
            "are kept). Exit code 0 when written; 2 on bad input, with every problem listed by "
            "file, row and column."
        ),
    )
    parser.add_argument("history", metavar="HISTORY",
                        help="contact log or interval report (CSV, comma or semicolon). Dates "
                             "and times may be written 2027-03-01 09:15 (ISO, with or without "
                             "seconds or an offset such as Z or +01:00, turned into UK time), "
                             "01/03/2027 09:15 (day first, with /, - or . and the year in "
                             "full) or as Excel serial numbers; dates written month first "
                             "(03/13/2027) and two-digit years are refused")
    parser.add_argument("--start", required=True, type=_date, metavar="DATE",
                        help="first day to forecast (YYYY-MM-DD)")
    parser.add_argument("--days", required=True, type=_positive, metavar="N",
                        help="number of days to forecast")
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="scenario workbook (.xlsx) or CSV folder to write into")
    parser.add_argument("--weeks", type=_positive, default=4, metavar="K",
                        help="weeks of recent history to build the profile from (default 4)")
    parser.add_argument("--interval", type=_positive, metavar="MIN",
                        help="interval length in minutes (default: the scenario's, else 15)")
    parser.add_argument("--region", choices=("england-and-wales", "scotland", "northern-ireland"),
                        help="bank-holiday calendar (default: the scenario's, else "
                             "england-and-wales)")
    parser.add_argument("--method", metavar="NAME",
                        help="the method for each day's total to use instead of the "
                             "back-test's choice, such as 'seasonal naive', '4-week average' "
                             "or 'exponential smoothing' (a name it does not know is answered "
                             "with the list)")
    parser.add_argument("--special", action="append", type=_special, default=[],
                        metavar="DATE[=FACTOR]",
                        help="a special day (a storm, a rent letter going out): left out of the "
                             "history when it is in it, its contacts multiplied by FACTOR "
                             "(default 1) when it is forecast; give it once for each day")
    parser.add_argument("--backtest", type=_positive, metavar="WEEKS",
                        help="also hold back the last WEEKS weeks, forecast them from the rest "
                             "and show the error by day and by hour")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the forecast summary as JSON to FILE")
    parser.set_defaults(run=run)


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2025-03-03") from None


def _special(text: str) -> tuple[dt.date, float]:
    import argparse

    day, _, factor = text.partition("=")
    when = _date(day)
    try:
        value = float(factor) if factor.strip() else 1.0
    except ValueError:
        raise argparse.ArgumentTypeError(f"{factor!r} is not a number: give a factor such as "
                                         "1.3 (30% more contacts)") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value:g} is not a factor from 0 to 100")
    return when, value


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _fail(message: str) -> int:
    print(f"planner forecast: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args) -> int:
    from planner.forecast import backtest, forecast, scenario_with_forecast
    from planner.forecast.methods import LEVELS
    from planner.history import read_history
    from planner.io import load_scenario
    from planner.io.outputs import Output

    names = [m.name for m in LEVELS]
    if args.method is not None and args.method not in names:
        return _fail(f"--method {args.method!r} is not a method; give one of "
                     + ", ".join(f"'{name}'" for name in names))
    out = Path(args.out)
    outputs = [Output("--out", out, folder=out.suffix.lower() != ".xlsx")]
    if args.json:
        outputs.append(Output("--json", Path(args.json)))
    if outputs_refused("forecast", outputs, [Path(args.history)]):
        return EXIT_BAD_INPUT
    existing = None
    if out.exists():
        loaded = load_scenario(out)
        if not loaded.ok:
            print_problems(loaded.problems)
            return _fail(f"{out} could not be read; fix the errors above or give a new --out")
        existing = loaded.scenario
    elif out.suffix.lower() not in ("", ".xlsx"):
        return _fail(f"--out {out.name}: give a workbook (.xlsx) or a folder for CSV files")
    interval = args.interval or (existing.settings.interval_minutes if existing else 15)
    if existing and interval != existing.settings.interval_minutes:
        return _fail(f"{out} plans in {existing.settings.interval_minutes}-minute intervals; "
                     f"leave out --interval or give --interval "
                     f"{existing.settings.interval_minutes}")
    region = args.region or (str(existing.settings.region) if existing else "england-and-wales")

    read = read_history(Path(args.history), interval)
    if not read.ok:
        print_problems(read.problems)
        return _fail(f"{args.history} could not be read; fix the errors above and try again")
    print_problems(read.warnings)
    history = read.history
    open_on = {c.name: c.open_on_bank_holidays for c in existing.channels} if existing else {}
    try:
        special = dict(args.special)
        made = forecast(history, args.start, args.days, weeks=args.weeks, region=region,
                        open_on_bank_holidays=open_on, level=args.method, special=special)
        tested = (backtest(history, args.backtest, profile_weeks=args.weeks, region=region,
                           open_on_bank_holidays=open_on, level=args.method, special=special)
                  if args.backtest else None)
    except ValueError as exc:
        return _fail(f"{args.history}: {exc}")
    print_problems(made.problems)

    scenario, notes = scenario_with_forecast(existing, made, args.start, args.days)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    from planner.io import save_scenario

    try:
        save_scenario(scenario, out)
    except (OSError, ValueError) as exc:
        return _fail(f"{out} could not be written ({getattr(exc, 'strerror', None) or exc})")

    _print_summary(made, history, out)
    if tested is not None:
        _print_backtest(tested)
    if args.json:
        from ui.commands.check import write_json

        if not write_json(Path(args.json), _summary(made, tested), "forecast"):
            return EXIT_BAD_INPUT
    return EXIT_OK


def _print_summary(made, history, out: Path) -> None:
    ranges = made.daily_ranges()
    print(f"Forecast from {history.file} ({history.kind}, {history.first_day} to "
          f"{history.last_day}; shapes from the last {made.weeks_used} "
          f"week{'s' * (made.weeks_used != 1)}), written to {out}.")
    print("Contacts per day, with the range they fall in four days in five:")
    channels = sorted(ranges["channel"].unique())
    print(f"{'date':<16}" + "".join(f"{name:>24}" for name in channels))
    for day, rows in ranges.groupby("date"):
        by_channel = rows.set_index("channel")
        cells = []
        for name in channels:
            row = by_channel.loc[name]
            cells.append(f"{row.volume:,.1f} ({row.low:,.0f}-{row.high:,.0f})"
                         if row.volume > 0 else "0")
        print(f"{day:%a %Y-%m-%d}  " + "".join(f"{cell:>24}" for cell in cells))
    print(f"{'channel':<16}{'handle time':>14}{'patience':>14}  note")
    for c in made.channels:
        aht = "-" if c.aht_seconds is None else f"{c.aht_seconds:,.0f} s"
        patience = "-" if c.patience_seconds is None else f"{c.patience_seconds:,.0f} s"
        note = c.note or (f"{c.abandoned_waiting:,} gave up after waiting; mean wait of those "
                          f"who gave up {c.naive_patience_seconds:,.0f} s")
        print(f"{c.channel:<16}{aht:>14}{patience:>14}  {note}")
    _print_choices(made)


def _print_choices(made) -> None:
    print("Methods, chosen by a back-test on each channel's own history (each day forecast "
          "from the days before it):")
    for choice in made.choices:
        print(f"  {choice.sentence()}.")
        print(f"    {choice.spread_sentence()}")
        for score in sorted(choice.scores, key=lambda s: (s.part, s.error)):
            grain = "daily" if score.part == "level" else "by interval"
            mark = "*" if score.method in (choice.level, choice.shape) else " "
            print(f"    {mark} {score.part:<6}{score.method:<52}{score.error:>7.1%} {grain}, "
                  f"{score.days} day{'s' * (score.days != 1)}")


def _print_backtest(tested) -> None:
    print()
    print(f"Back-test: {tested.first} to {tested.last} forecast from the history before it.")
    print(f"{'channel':<12}{'date':<16}{'forecast':>10}{'actual':>10}{'error':>10}{'error %':>9}")
    for row in tested.by_day.itertuples(index=False):
        pct = "-" if row.pct_error != row.pct_error else f"{row.pct_error:+.1%}"
        print(f"{row.channel:<12}{row.date:%a %Y-%m-%d}  {row.forecast:>10,.1f}"
              f"{row.actual:>10,.0f}{row.error:>+10,.1f}{pct:>9}")
    print(f"{'channel':<12}{'hour':<8}{'forecast':>10}{'actual':>10}{'abs error':>11}"
          f"{'WAPE':>8}")
    for row in tested.by_hour.itertuples(index=False):
        if row.forecast == 0 and row.actual == 0:
            continue
        wape = "-" if row.wape != row.wape else f"{row.wape:.0%}"
        print(f"{row.channel:<12}{row.hour:02d}:00   {row.forecast:>10,.1f}{row.actual:>10,.0f}"
              f"{row.abs_error:>11,.1f}{wape:>8}")
    for row in tested.overall.itertuples(index=False):
        print(f"{row.channel}: WAPE by day {row.day_wape:.1%}, MAPE by day {row.day_mape:.1%}, "
              f"WAPE by hour {row.hour_wape:.1%}, by interval {row.interval_wape:.1%}")


def _summary(made, tested) -> dict:
    daily = made.daily()
    summary: dict = {
        "interval_minutes": made.interval_minutes,
        "weeks_used": made.weeks_used,
        "days": {str(day): {k: float(v) for k, v in values.items()}
                 for day, values in daily.iterrows()},
        "ranges": [{"channel": r.channel, "date": str(r.date), "volume": r.volume,
                    "low": r.low, "high": r.high}
                   for r in made.daily_ranges().itertuples(index=False)],
        "channels": {c.channel: {"aht_seconds": c.aht_seconds,
                                 "patience_seconds": c.patience_seconds,
                                 "naive_patience_seconds": c.naive_patience_seconds,
                                 "abandoned_waiting": c.abandoned_waiting,
                                 "note": c.note} for c in made.channels},
        "warnings": [p.as_dict() for p in made.problems],
        "methods": {c.channel: {"level": c.level, "shape": c.shape, "spread": c.spread,
                                "why": c.sentence(),
                                "scores": [{"method": s.method, "part": s.part,
                                            "error": s.error, "days": s.days}
                                           for s in c.scores]}
                    for c in made.choices},
    }
    if tested is not None:
        summary["backtest"] = {
            "first": str(tested.first),
            "last": str(tested.last),
            "by_day": [{k: (str(v) if k == "date" else v) for k, v in row.items()}
                       for row in tested.by_day.to_dict("records")],
            "by_hour": tested.by_hour.to_dict("records"),
            "overall": tested.overall.to_dict("records"),
        }
    return summary
