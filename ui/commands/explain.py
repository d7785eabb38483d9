"""`planner explain ROTA.xlsx --channel voice --at "2027-04-27 14:00"`: why an interval is short.

Everyone skilled for the channel, and what each is doing in that interval: on it, on other work
or a break, away, at work but not then, or off (with the rule or limit that keeps them off);
then what one more person there would gain and cost (planner.explain).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ui.commands.check import write_json
from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, json_refused, print_problems, read_rota


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "explain",
        help="say why a channel has the advisors it has in one interval of a rota",
        description=(
            "Read a rota workbook and, for one live channel and interval, list everyone skilled "
            "for that channel and what each is doing then: on the channel, on other work (another "
            "channel, email, cases) or a break, away (annual leave, sickness, training, a bank "
            "holiday), at work that day but not then, or off, with the rule or limit that keeps "
            "them off (weekly hours or days used up, rest, days in a row, weekends, no shift "
            "pattern they may work covering that time). It ends with what one more person there "
            "would gain and cost. Exit code 2 when the workbook cannot be read or the channel or "
            "time is not in it."
        ),
    )
    parser.add_argument("rota", metavar="ROTA.xlsx", help="rota workbook, as 'planner solve' "
                        "writes it (edited by hand or not)")
    parser.add_argument("--channel", required=True, help="a live channel: voice, chat, ...")
    parser.add_argument("--at", required=True, type=_moment, metavar='"YYYY-MM-DD HH:MM"',
                        help="the start of the interval, e.g. \"2027-04-27 14:00\"")
    parser.add_argument("--json", metavar="FILE", help="also write the explanation as JSON")
    parser.set_defaults(run=run)


def _moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time like \"2027-04-27 14:00\"") from None


def run(args) -> int:
    from planner.explain import explain, interval_problem
    from planner.problems import ScenarioError

    if json_refused("explain", args.json, [Path(args.rota)]):
        return EXIT_BAD_INPUT
    read = read_rota("explain", Path(args.rota))
    if read is None:
        return EXIT_BAD_INPUT
    scenario = read.load.require()
    problem = interval_problem(scenario, args.channel, args.at)
    if problem:
        print(f"planner explain: {problem}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        found = explain(scenario, read.rota, read.activities, args.channel, args.at,
                        read.updates)
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    print("\n".join(found.lines()))
    if args.json and not write_json(Path(args.json), found.as_dict(), "explain"):
        return EXIT_BAD_INPUT
    return EXIT_OK
