"""`planner simulate ROTA.xlsx`: follow every contact through a rota, to see what Erlang misses.

The rota is read as `planner check` reads it (breaks, default days and absences included), then
each live channel is simulated contact by contact over the whole plan, several times over with
different random arrivals, handle times and patience. Callers still waiting when an interval
ends stay in the queue, so a short-staffed peak shows up in the intervals after it, which the
per-interval Erlang figures cannot show. See planner.simulation for the model.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from planner.words import NEVER_ANSWERED, day, estimate, number, share, wait
from ui.commands.check import write_json
from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, json_refused, print_problems, read_rota

WORST_SHOWN = 5


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "simulate",
        help="simulate a rota contact by contact: service level, average wait and abandonment "
             "with confidence intervals",
        description=(
            "Read a rota workbook written by 'planner solve' (perhaps edited by hand since) and "
            "simulate every contact on voice, chat and reception over the whole plan: random "
            "arrivals at each interval's forecast rate, handle times around the forecast mean, "
            "callers who give up after their patience, the advisors the rota plans on each "
            "activity with their breaks, and callers still waiting carried into the next "
            "interval. Prints service level, average wait and abandonment overall and per day, "
            "each with a 95%% confidence interval over the replications, beside the planned "
            "figures 'planner check' gives, and the intervals where they fall outside the "
            "simulation's interval. Exit code 0 when the workbook could be read; 2 when it "
            "could not (every problem is listed with its sheet, row and column)."
        ),
    )
    parser.add_argument("rota", metavar="ROTA.xlsx",
                        help="rota workbook to simulate, as written by 'planner solve'")
    parser.add_argument("--replications", type=_at_least(2), default=20, metavar="N",
                        help="independent runs of the whole plan (default 20; at least 2)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed: the same seed gives the same figures (default 0)")
    parser.add_argument("--workers", type=_at_least(1), default=None, metavar="N",
                        help="processes to run replications in (default: one per processor); "
                             "the figures do not depend on it")
    parser.add_argument("--handle-cv", type=_positive, default=None, metavar="CV",
                        help="log-normal handle times with this coefficient of variation "
                             "(standard deviation / mean); default exponential, as Erlang "
                             "assumes")
    parser.add_argument("--exact-forecast", action="store_true",
                        help="take the forecast as exact: do not draw each day's contacts "
                             "about it with the channel's forecast_spread (by default a channel "
                             "with one has busy and quiet days, as forecasts miss)")
    parser.add_argument("--json", metavar="FILE",
                        help="also write every figure, per interval, day and channel, as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from planner.problems import ScenarioError
    from planner.simulation import simulate_rota

    if json_refused("simulate", args.json, [Path(args.rota)]):
        return EXIT_BAD_INPUT
    read = read_rota("simulate", Path(args.rota))
    if read is None:
        return EXIT_BAD_INPUT
    scenario = read.load.require()
    days = scenario.settings.plan_days
    print(f"Simulating {args.replications} replications of {days} days...", file=sys.stderr)
    started = time.perf_counter()
    try:
        result = simulate_rota(scenario, read.rota, read.activities, args.replications,
                               args.seed, read.updates, handle_cv=args.handle_cv,
                               workers=args.workers,
                               progress=_progress_line(sys.stderr),
                               forecast_spread=not args.exact_forecast)
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    seconds = time.perf_counter() - started
    handling = ("exponential handle times" if args.handle_cv is None
                else f"log-normal handle times (CV {args.handle_cv:g})")
    print(f"{args.rota}: {days} days from {scenario.settings.plan_start}, "
          f"{result.replications} replications, seed {result.seed}, {handling}; "
          f"{seconds:.1f} s.")
    print("Figures are the mean over the replications with a 95% confidence interval; "
          "planned is the figure 'planner check' gives (Erlang A, callers still waiting carried "
          "into the next interval).")
    if result.spread_note():
        print(result.spread_note())
    print_overall(result)
    print_days(result)
    print_flagged(result)
    if args.json and not write_json(Path(args.json), as_json(str(args.rota), result),
                                    "simulate"):
        return EXIT_BAD_INPUT
    return EXIT_OK


LABEL = 24
SHARE, WAIT = 27, 40  # room for "100.0% (99.1% to 100.0%)" and waits with their interval
ERLANG_SHARE, ERLANG_WAIT = 9, 16


def print_overall(result) -> None:
    print()
    print(_heading("channel"))
    for period in result.overall:
        print(_row(period.channel, period))


def print_days(result) -> None:
    for channel in (p.channel for p in result.overall):
        rows = [p for p in result.days
                if p.channel == channel and (p.volume > 0 or p.simulated.contacts > 0)]
        if not rows:
            continue
        print()
        print(_heading(f"{channel} by day"))
        for period in rows:
            print(_row(day(period.date), period))


def _heading(label: str) -> str:
    return (f"{label:<{LABEL}}{'contacts':>9}  {'answered in time':<{SHARE}}"
            f"{'planned':<{ERLANG_SHARE}}{'average wait':<{WAIT}}{'planned':<{ERLANG_WAIT}}"
            f"{'abandonment':<{SHARE}}planned")


def print_flagged(result) -> None:
    """How many intervals Erlang misses on each channel, and the worst few in words."""
    from planner.simulation import MIN_CONTACTS

    flagged = result.flagged
    judged = sum(1 for r in result.intervals if r.simulated.contacts >= MIN_CONTACTS)
    print()
    print(f"The planned figure falls outside the simulation's interval in {len(flagged)} of the "
          f"{judged} "
          f"intervals with at least {MIN_CONTACTS:g} contacts (by chance alone about 1 in 20 "
          "would).")
    for period in result.overall:
        if period.flagged:
            print(f"  {period.channel}: {period.flagged} intervals")
    worst = sorted(flagged, key=lambda r: -_gap(r)[0])[:WORST_SHOWN]
    if worst:
        print("Where it matters most (contacts affected):")
    for row in worst:
        print(f"  {describe(row)}")


def describe(row) -> str:
    """"Mon 3 May 09:00 voice: planned 62.0% answered in time, simulation 41.0% (37.2% to
    45.1%)"."""
    _, name = _gap(row)
    simulated = getattr(row.simulated, name)
    erlang = getattr(row.erlang, name)
    if name == "asa_seconds":
        said = f"an average wait of {wait(erlang)}"
        found = estimate(simulated.mean, simulated.low, simulated.high, wait)
    else:
        said = f"{share(erlang)} {'answered in time' if name == 'service_level' else 'give up'}"
        found = estimate(simulated.mean, simulated.low, simulated.high)
    return (f"{day(row.date)} {row.interval_start:%H:%M} {row.channel}: planned {said}, "
            f"simulation {found}")


def _gap(row) -> tuple[float, str]:
    """The flagged figure furthest from Erlang, scored as a share of the contacts affected
    times the contacts (a wait gap counts as its share of the longer of the two waits)."""
    best = (0.0, row.outside[0])
    for name in row.outside:
        mean, erlang = getattr(row.simulated, name).mean, getattr(row.erlang, name)
        if name == "asa_seconds":
            longer = max(mean, erlang)
            part = 1.0 if math.isinf(longer) else abs(mean - erlang) / longer
        else:
            part = abs(mean - erlang)
        best = max(best, (part * row.simulated.contacts, name))
    return best


def _row(label: str, period) -> str:
    """One line: contacts, then each figure simulated (with its interval) and Erlang's."""
    f, e = period.simulated, period.erlang
    return (f"{label:<{LABEL}}{number(f.contacts, 0):>9}  "
            f"{_simulated(f.service_level, share):<{SHARE}}"
            f"{share(e.service_level):<{ERLANG_SHARE}}"
            f"{_simulated(f.asa_seconds, wait):<{WAIT}}{wait(e.asa_seconds):<{ERLANG_WAIT}}"
            f"{_simulated(f.abandon_rate, share):<{SHARE}}{share(e.abandon_rate)}").rstrip()


def _simulated(figure, words) -> str:
    """A simulated figure with its interval over the replications (none from a single one);
    a wait no replication measured is one never answered."""
    if figure.runs == 0:
        return NEVER_ANSWERED if words is wait else "-"
    if figure.runs == 1:
        return words(figure.mean)
    return estimate(figure.mean, figure.low, figure.high, words)


def as_json(rota: str, result) -> dict:
    """Every figure as plain numbers: overall and per day per channel, then every interval."""

    def estimate(e) -> dict:
        return {"mean": e.mean, "low": e.low, "high": e.high, "replications": e.runs}

    def figures(f) -> dict:
        return {"contacts": f.contacts} | {name: estimate(getattr(f, name)) for name in
                                           ("service_level", "asa_seconds", "abandon_rate")}

    def period(p) -> dict:
        return {"channel": p.channel, "volume": p.volume, "simulated": figures(p.simulated),
                "erlang": {"service_level": p.erlang.service_level,
                           "asa_seconds": p.erlang.asa_seconds,
                           "abandon_rate": p.erlang.abandon_rate},
                "erlang_outside_intervals": p.flagged}

    return {
        "rota": rota,
        "replications": result.replications,
        "seed": result.seed,
        "handle_cv": result.handle_cv,
        "forecast_spread": dict(result.forecast_spreads),
        "overall": [period(p) for p in result.overall],
        "days": [{"date": p.date.isoformat()} | period(p) for p in result.days],
        "intervals": [
            {"date": r.date.isoformat(), "interval_start": f"{r.interval_start:%H:%M}",
             "channel": r.channel, "volume": r.volume, "agents": r.agents,
             "simulated": figures(r.simulated),
             "erlang": {"service_level": r.erlang.service_level,
                        "asa_seconds": r.erlang.asa_seconds,
                        "abandon_rate": r.erlang.abandon_rate},
             "erlang_outside": list(r.outside)}
            for r in result.intervals
        ],
    }


def _progress_line(stream):
    """Replications done so far, on one line rewritten in place (only on a terminal)."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r  {done} of {total} replications done", end="\n" if done == total else "",
              file=stream, flush=True)

    return show


def _at_least(lowest: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lowest:
            raise argparse.ArgumentTypeError(f"must be at least {lowest}, not {value}")
        return value

    return parse


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
    return value
