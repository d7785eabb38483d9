"""`planner solve SCENARIO --out ROTA.xlsx`: plan the rota and write it as a workbook.

The search reports each better rota on the way (time, cost, gap to the best possible) and can be
stopped with Ctrl-C at any moment: the best rota found so far is kept and written.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ui.commands.check import print_breaches, print_kpis, write_json
from ui.commands.common import EXIT_BAD_INPUT, EXIT_OK, print_problems


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "solve",
        help="plan the rota: who works which shift pattern, and on what, every day",
        description=(
            "Plan a rota for the scenario: a shift pattern or a day off for every person and "
            "day, and what each person works on in every interval, at the least cost in pay, "
            "missed and abandoned contacts, overdue cases, unfairness, refused shift requests "
            "and broken rules (docs/rules.md). Each better rota is reported as it is found; "
            "Ctrl-C stops the search and keeps the best rota so far. Writes the rota workbook "
            "to --out and prints what the rota achieves. Exit code 0 when a rota was written, "
            "2 for bad input or when no rota was found in the time allowed."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="scenario workbook (.xlsx) or CSV folder to plan")
    parser.add_argument("--out", required=True, metavar="ROTA.xlsx",
                        help="rota workbook to write (.xlsx); it also holds the scenario, so "
                             "'planner check' can judge it again after editing")
    parser.add_argument("--time-limit", type=_seconds, default=60.0, metavar="S",
                        help="stop searching after S seconds and keep the best rota found "
                             "(default 60)")
    parser.add_argument("--workers", type=_at_least(1), default=None, metavar="N",
                        help="search with N strategies at once, each on its own thread "
                             "(default: one per processor core, up to 8; more than the "
                             "computer has cores makes each slower)")
    parser.add_argument("--seed", type=_at_least(0), default=0, metavar="N",
                        help="seed of the search's random choices; another seed may find "
                             "another rota (default 0)")
    parser.add_argument("--repeatable", action="store_true",
                        help="give the same rota every time for the same scenario, seed and "
                             "workers (a slower search; the time limit then counts the "
                             "solver's own steps, about a second each)")
    parser.add_argument("--strict", action="store_true",
                        help="treat every rule as one that must hold: faster, but no rota "
                             "comes back if the rules cannot all be kept")
    parser.add_argument("--json", metavar="FILE",
                        help="also write a summary as JSON to FILE: status, objective, bound, "
                             "gap, hours, service per channel, caseload per queue, breaches")
    parser.set_defaults(run=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _at_least(low: int):
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {low} or more")
        return value

    return whole


def run(args) -> int:
    from planner.io import load_scenario
    from planner.io.rota_writing import write_rota_workbook
    from planner.kpis import plan_kpis
    from planner.plan import SolveStatus
    from planner.problems import ScenarioError
    from solver import SolveOptions

    out = Path(args.out)
    problem = _unusable_out(out, Path(args.scenario))
    if problem:
        print(f"planner solve: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = load_scenario(Path(args.scenario))
    print_problems(result.problems)
    if not result.ok:
        print(f"planner solve: {args.scenario} has errors; fix them and try again.",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    scenario = result.scenario
    chosen = {} if args.workers is None else {"workers": args.workers}  # else one per core
    options = SolveOptions(time_limit=args.time_limit, seed=args.seed,
                           repeatable=args.repeatable, strict=args.strict, **chosen)
    print(f"Planning {len(scenario.staff)} people over {scenario.settings.plan_days} days "
          f"(up to {args.time_limit:g} s; Ctrl-C stops and keeps the best rota).",
          file=sys.stderr)
    try:
        plan = _solve_until_stopped(scenario, options)
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    summary = {"scenario": str(args.scenario), "rota": None, "status": str(plan.status),
               "objective": plan.objective, "bound": plan.bound, "gap": plan.gap,
               "wall_seconds": plan.wall_seconds, "seed": plan.seed, "workers": plan.workers,
               "solutions": len(plan.progress), "updates": list(plan.updates),
               "avoidable_rounds": list(plan.avoidable_rounds)}
    if plan.status is SolveStatus.NO_PLAN:
        hint = ("the rules cannot all be kept together: run again without --strict to see "
                "which break" if args.strict else "run again with a longer --time-limit")
        print(f"No rota was found in {plan.wall_seconds:.1f} s; {hint}.", file=sys.stderr)
        if args.json:
            write_json(Path(args.json), summary, "solve")
        return EXIT_BAD_INPUT
    kpis = plan_kpis(scenario, plan.assessment)
    try:
        write_rota_workbook(out, scenario, plan)
    except OSError as exc:
        print(f"planner solve: {out} could not be written ({exc.strerror or exc}); if it is "
              "open in Excel, close it and run again.", file=sys.stderr)
        return EXIT_BAD_INPUT
    summary = summary | {"rota": str(out)} | kpis
    _print_summary(plan, kpis, out)
    if args.json and not write_json(Path(args.json), summary, "solve"):
        return EXIT_BAD_INPUT
    return EXIT_OK


def _unusable_out(out: Path, scenario: Path) -> str:
    """Why the rota cannot be written to `out`, or ""."""
    if out.suffix.lower() != ".xlsx":
        return f"--out {out} must end in .xlsx"
    if not out.parent.exists():
        return f"the folder {out.parent} does not exist"
    if out.exists() and scenario.exists() and out.resolve() == scenario.resolve():
        return f"--out {out} is the scenario itself; write the rota to another file"
    return ""


def _solve_until_stopped(scenario, options):
    """Solve here, on the main thread, so that Ctrl-C reaches the search.

    While CP-SAT searches it takes Ctrl-C itself and stops as if the time were up, keeping the
    best rota (it aborts the process if the search runs on another thread); before and between
    its searches, the handler below asks the solver to stop at its next chance.
    """
    from solver import solve

    stop = threading.Event()
    with _ctrl_c_stops(stop):
        return solve(scenario, options, on_progress=_progress, should_stop=stop.is_set)


@contextmanager
def _ctrl_c_stops(stop: threading.Event) -> Iterator[None]:
    """The first Ctrl-C asks the search to stop and keep its best rota; a second quits."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_ctrl_c(signum, frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("Stopping: the best rota found so far will be kept (Ctrl-C again to quit "
              "without it).", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(progress) -> None:
    print(f"{progress.elapsed:7.1f} s  cost £{progress.objective:,.2f}  gap {progress.gap:.1%}",
          file=sys.stderr, flush=True)


def _print_summary(plan, kpis: dict, out: Path) -> None:
    reason = {"optimal": "proven best", "feasible": "not proven best"}
    print(f"Rota written to {out}.")
    print(f"Status: {plan.status} ({reason.get(str(plan.status), '')}); objective "
          f"£{plan.objective:,.2f}, gap {plan.gap:.1%} (bound £{plan.bound:,.2f}); "
          f"{plan.wall_seconds:.1f} s.")
    print_kpis(kpis)
    if len(plan.avoidable_rounds) > 1:
        solves = len(plan.avoidable_rounds) - 1
        print(f"Avoidable contacts: {solves} solve{'s' * (solves != 1)}, assuming "
              + ", then ".join(f"{n:,.0f}" for n in plan.avoidable_rounds[:-1])
              + f"; the rota's own backlog makes {plan.avoidable_rounds[-1]:,.0f}.")
    count = kpis["breaches"]["count"]
    if count:
        print(f"Broken rules: {count} (listed on the Checks sheet).")
    else:
        print_breaches(kpis)
