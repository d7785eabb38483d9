"""`planner erlang`: the Erlang calculator for one interval of one channel.

Given agents, it predicts service; given a target instead, it finds the agents needed.
"""

from __future__ import annotations

import math
import sys

from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, plain, print_json

MAX_AGENTS = 10_000
MAX_TRAFFIC_ERLANGS = 5_000


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "erlang",
        help="predict service for a number of agents, or find the agents a target needs",
        description=(
            "Erlang calculator for one interval. Give --agents to predict the service those "
            "agents give; or give a target (--service-level, --max-asa-seconds, "
            "--max-abandon-rate, any mix) to find the fewest agents that meet it. Without "
            "--patience-seconds callers wait as long as it takes (Erlang C); with it, callers "
            "give up after a random wait of that mean (Erlang A), and abandonment is predicted."
        ),
        epilog=(
            "Example: planner erlang --volume 100 --interval-minutes 30 "
            "--aht-seconds 180 --agents 14 --answer-seconds 20"
        ),
    )
    demand = parser.add_argument_group("the interval")
    demand.add_argument(
        "--volume", type=float, required=True, help="contacts arriving in the interval"
    )
    demand.add_argument(
        "--interval-minutes", type=float, default=30.0, help="length of the interval (default 30)"
    )
    demand.add_argument(
        "--aht-seconds",
        type=float,
        required=True,
        help="average handle time of one contact, seconds",
    )
    demand.add_argument(
        "--answer-seconds",
        type=float,
        default=20.0,
        help="service level counts contacts answered within this many seconds (default 20)",
    )
    demand.add_argument(
        "--patience-seconds",
        type=float,
        help="callers' average patience before they hang up; turns on abandonment (Erlang A)",
    )
    demand.add_argument(
        "--concurrency",
        type=int,
        default=1,
        help="contacts one agent handles at once, e.g. 2 for chat (default 1)",
    )
    ask = parser.add_argument_group("what to work out (agents, or one or more targets)")
    ask.add_argument("--agents", type=int, help="agents answering in the interval")
    ask.add_argument(
        "--service-level", type=float, help="target share answered within --answer-seconds, 0..1"
    )
    ask.add_argument(
        "--max-asa-seconds", type=float, help="cap on the average wait of answered calls"
    )
    ask.add_argument("--max-abandon-rate", type=float, help="cap on the share who hang up, 0..1")
    ask.add_argument(
        "--max-occupancy", type=float, help="cap on the share of time agents are busy, 0..1"
    )
    ask.add_argument(
        "--shrinkage",
        type=float,
        default=0.0,
        help="share of paid time not available to answer (breaks, training, ...); "
        "adds agents_rostered to the answer",
    )
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(run=run)


def _input_problems(args) -> list[str]:
    problems = []

    def check(ok: bool, sentence: str) -> None:
        if not ok:
            problems.append(sentence)

    check(math.isfinite(args.volume) and args.volume >= 0, "--volume must be 0 or more")
    check(args.interval_minutes > 0, "--interval-minutes must be more than 0")
    check(args.aht_seconds > 0, "--aht-seconds must be more than 0")
    check(args.answer_seconds >= 0, "--answer-seconds must be 0 or more")
    check(args.concurrency >= 1, "--concurrency must be 1 or more")
    check(0 <= args.shrinkage < 1, "--shrinkage must be a fraction from 0 up to (not including) 1")
    if args.patience_seconds is not None:
        check(args.patience_seconds > 0, "--patience-seconds must be more than 0")
    targets = (args.service_level, args.max_asa_seconds, args.max_abandon_rate, args.max_occupancy)
    if args.agents is not None:
        check(0 <= args.agents <= MAX_AGENTS, f"--agents must be between 0 and {MAX_AGENTS}")
        check(
            all(t is None for t in targets),
            "give either --agents or a target (--service-level, --max-asa-seconds, "
            "--max-abandon-rate, --max-occupancy), not both",
        )
    else:
        check(
            any(t is not None for t in targets),
            "give --agents, or a target to find the agents for: --service-level, "
            "--max-asa-seconds, --max-abandon-rate or --max-occupancy",
        )
    if args.service_level is not None:
        check(
            0 < args.service_level < 1,
            "--service-level must be a fraction between 0 and 1, e.g. 0.8",
        )
    if args.max_asa_seconds is not None:
        check(args.max_asa_seconds > 0, "--max-asa-seconds must be more than 0")
    if args.max_abandon_rate is not None:
        check(
            0 < args.max_abandon_rate < 1, "--max-abandon-rate must be a fraction between 0 and 1"
        )
        check(
            args.patience_seconds is not None,
            "--max-abandon-rate needs --patience-seconds: without patience nobody hangs up",
        )
    if args.max_occupancy is not None:
        check(0 < args.max_occupancy <= 1, "--max-occupancy must be a fraction above 0, at most 1")
    if not problems:
        traffic = args.volume * args.aht_seconds / (args.interval_minutes * 60) / args.concurrency
        check(
            traffic <= MAX_TRAFFIC_ERLANGS,
            f"that is {traffic:,.0f} Erlangs of work in the interval; the calculator handles up to "
            f"{MAX_TRAFFIC_ERLANGS:,}",
        )
    return problems


def _answer(args) -> dict:
    import numpy as np

    from planner.erlang import queue_figures
    from planner.staffing import Target, required_agents, with_shrinkage

    interval_seconds = args.interval_minutes * 60
    traffic = args.volume * args.aht_seconds / interval_seconds
    model = "erlang_a" if args.patience_seconds is not None else "erlang_c"
    answer: dict = {
        "model": model,
        "volume": args.volume,
        "interval_minutes": args.interval_minutes,
        "aht_seconds": args.aht_seconds,
        "answer_seconds": args.answer_seconds,
        "traffic_erlangs": traffic,
    }
    if args.patience_seconds is not None:
        answer["patience_seconds"] = args.patience_seconds
    if args.concurrency != 1:
        answer["concurrency"] = args.concurrency
    common = dict(
        volume=np.array([args.volume]),
        interval_seconds=np.array([interval_seconds]),
        aht_seconds=np.array([args.aht_seconds]),
        patience_seconds=None
        if args.patience_seconds is None
        else np.array([args.patience_seconds]),
    )
    if args.agents is not None:
        agents = args.agents
        figures = queue_figures(
            agents=np.array([agents * args.concurrency]),
            answer_seconds=np.array([args.answer_seconds]),
            **common,
        )
    else:
        target = Target(
            service_level=args.service_level,
            answer_seconds=args.answer_seconds,
            max_asa_seconds=args.max_asa_seconds,
            max_abandon_rate=args.max_abandon_rate,
            max_occupancy=args.max_occupancy,
        )
        found, figures = required_agents(target=target, concurrency=args.concurrency, **common)
        agents = int(found[0])
        answer["target"] = {
            k: v
            for k, v in {
                "service_level": args.service_level,
                "max_asa_seconds": args.max_asa_seconds,
                "max_abandon_rate": args.max_abandon_rate,
                "max_occupancy": args.max_occupancy,
            }.items()
            if v is not None
        }
    answer["agents"] = int(agents)
    if args.shrinkage:
        answer["shrinkage"] = args.shrinkage
        answer["agents_rostered"] = int(with_shrinkage(np.array([agents]), args.shrinkage)[0])
    answer["waiting_probability"] = float(figures.waiting_probability[0])
    answer["service_level"] = float(figures.service_level[0])
    answer["asa_seconds"] = float(figures.asa_seconds[0])
    answer["occupancy"] = float(figures.occupancy[0])
    if args.patience_seconds is not None:
        answer["abandon_rate"] = float(figures.abandon_rate[0])
    return answer


def _print_text(answer: dict) -> None:
    model = (
        f"Erlang A (callers hang up after waiting on average {answer['patience_seconds']:g} s)"
        if answer["model"] == "erlang_a"
        else "Erlang C (callers wait as long as it takes)"
    )
    print(model)
    print(f"  traffic                 {answer['traffic_erlangs']:.2f} Erlangs of work")
    label = "agents needed" if "target" in answer else "agents"
    print(f"  {label:<23} {answer['agents']}")
    if "agents_rostered" in answer:
        print(
            f"  agents_rostered         {answer['agents_rostered']}"
            f"  (with {answer['shrinkage']:.0%} shrinkage)"
        )
    print(f"  waiting_probability     {answer['waiting_probability']:.3f}")
    print(
        f"  service_level           {answer['service_level']:.3f}"
        f"  (answered within {answer['answer_seconds']:g} s)"
    )
    asa = answer["asa_seconds"]
    asa_text = (
        f"{asa:.1f}" if math.isfinite(asa) else "no limit: more work than agents, the queue grows"
    )
    print(f"  asa_seconds             {asa_text}  (average wait of answered calls)")
    print(f"  occupancy               {answer['occupancy']:.3f}")
    if "abandon_rate" in answer:
        print(f"  abandon_rate            {answer['abandon_rate']:.3f}")


def run(args) -> int:
    problems = _input_problems(args)
    if problems:
        for sentence in problems:
            print(f"planner erlang: {sentence}", file=sys.stderr)
        return EXIT_BAD_INPUT
    answer = _answer(args)
    if args.json:
        print_json({key: plain(value) for key, value in answer.items()})
    else:
        _print_text(answer)
    return EXIT_OK
