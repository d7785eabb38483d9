"""`planner solve SCENARIO --out ROTA.xlsx`: plan the rota and write it as a workbook.

The search reports each better rota on the way (time, the search's objective, gap to the best
possible) and can be stopped with Ctrl-C or the stop signal at any moment: the best rota found
so far is written, whole. A second Ctrl-C quits at once and leaves the file that was there
before. What the rota costs is then the checker's figure (planner.kpis), as `planner check`
prints it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from planner.words import number, search
from ui.commands.check import print_breaches, print_gap, print_kpis, write_json
from ui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    at_least,
    loaded_scenario,
    print_problems,
    seconds,
    workbook_refused,
)
from ui.commands.stopping import StopAsked, in_background, stops

BREACHES_SHOWN = 20  # broken rules listed after a solve; the Checks sheet lists them all


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "solve",
        help="plan the rota: who works which shift pattern, and on what, every day",
        description=(
            "Plan a rota for the scenario: a shift pattern or a day off for every person and "
            "day, and what each person works on in every interval, at the least cost in pay, "
            "missed and abandoned contacts, overdue cases, unfairness, refused shift requests "
            "and broken rules (docs/rules.md). Each better rota is reported as it is found; "
            "Ctrl-C (or the stop signal) stops the search and writes the best rota so far; a "
            "second Ctrl-C quits at once, leaving any earlier --out file as it was. Writes the "
            "rota workbook to --out and prints what the rota achieves. Every file to be "
            "written is checked before the search starts. Exit code 0 when a rota was "
            "written, 2 for bad input, a file that cannot be written, or when no rota was "
            "found in the time allowed, 130 when stopped at once."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="scenario workbook (.xlsx) or CSV folder to plan")
    parser.add_argument("--out", required=True, metavar="ROTA.xlsx",
                        help="rota workbook to write (.xlsx); it also holds the scenario, so "
                             "'planner check' can judge it again after editing")
    parser.add_argument("--time-limit", type=seconds, default=60.0, metavar="S",
                        help="stop searching after S seconds and keep the best rota found "
                             "(default 60)")
    parser.add_argument("--workers", type=at_least(1), default=None, metavar="N",
                        help="search with N strategies at once, each on its own thread "
                             "(default: one per processor core, up to 8; more than the "
                             "computer has cores makes each slower)")
    parser.add_argument("--seed", type=at_least(0), default=0, metavar="N",
                        help="seed of the search's random choices; another seed may find "
                             "another rota (default 0)")
    parser.add_argument("--repeatable", action="store_true",
                        help="give the same rota every time for the same scenario, seed and "
                             "workers (a slower search; the time limit then counts the "
                             "solver's own steps, about a second each, so a slower or busier "
                             "machine takes longer, up to four times the limit)")
    parser.add_argument("--strict", action="store_true",
                        help="treat every rule as one that must hold: faster, but no rota "
                             "comes back if the rules cannot all be kept")
    parser.add_argument("--stages", action="store_true",
                        help="also print how the search went, stage by stage: what ran, for "
                             "how long and what it ended at, and why a stage did not run")
    parser.add_argument("--json", metavar="FILE",
                        help="also write a summary as JSON to FILE: status, the search's "
                             "objective, bound and gap and its stages, hours, cost with its "
                             "parts, service per channel, caseload per queue, breaches")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Caught from the first moment: a stop asked for while the scenario loads still counts.
    with stops(f"the best rota found so far will be written to {args.out}") as stop:
        out = Path(args.out)
        if workbook_refused("solve", out, args.json, [Path(args.scenario)]):
            return EXIT_BAD_INPUT
        return _solve_and_write(args, out, stop)


def _solve_and_write(args, out: Path, stop: StopAsked) -> int:
    from planner.gap import structural_gap
    from planner.io.rota_writing import write_rota_workbook
    from planner.kpis import kpis_of
    from planner.plan import SolveStatus
    from planner.problems import ScenarioError
    from solver import SolveOptions, solve

    scenario = loaded_scenario("solve", Path(args.scenario))
    if scenario is None:
        return EXIT_BAD_INPUT
    chosen = {} if args.workers is None else {"workers": args.workers}  # else one per core
    options = SolveOptions(time_limit=args.time_limit, seed=args.seed,
                           repeatable=args.repeatable, strict=args.strict, **chosen)
    print(f"Planning {len(scenario.staff)} people over {scenario.settings.plan_days} days "
          f"(up to {args.time_limit:g} s; Ctrl-C stops and keeps the best rota).",
          file=sys.stderr)
    try:
        plan = in_background(lambda: solve(scenario, options, on_progress=_progress,
                                           should_stop=stop), "no rota was written")
    except ScenarioError as refused:
        print_problems(refused.problems)
        return EXIT_BAD_INPUT
    summary = {"scenario": str(args.scenario), "rota": None, "status": str(plan.status),
               "search": {"objective": plan.objective, "bound": plan.bound, "gap": plan.gap},
               "wall_seconds": plan.wall_seconds, "seed": plan.seed, "workers": plan.workers,
               "solutions": len(plan.progress), "updates": list(plan.updates),
               "avoidable_rounds": list(plan.avoidable_rounds), "stopped": stop(),
               "stages": [stage.as_dict() for stage in plan.stages]}
    if args.stages:
        print("How the search went:", *(f"  {stage.line()}" for stage in plan.stages),
              sep="\n", file=sys.stderr)
    if plan.status is SolveStatus.NO_PLAN:
        hint = ("the rules cannot all be kept together: run again without --strict to see "
                "which break" if args.strict else "run again with a longer --time-limit")
        found = "before a rota was found" if stop() else f"in {plan.wall_seconds:.1f} s"
        print(f"No rota was found {found}; {hint}. {out} was not written.", file=sys.stderr)
        if args.json:
            write_json(Path(args.json), summary, "solve")
        return EXIT_BAD_INPUT
    kpis = kpis_of(scenario, plan.assessment)
    stop.say(f"{out} is being written and will be kept whole")
    write_rota_workbook(out, scenario, plan)
    gap = structural_gap(scenario)
    summary = summary | {"rota": str(out)} | kpis.as_dict() | {"structural_gap": gap.as_dict()}
    if stop():
        print("Stopped, as asked: the best rota found by then was written.", file=sys.stderr)
    _print_summary(plan, kpis, out, gap)
    if args.json and not write_json(Path(args.json), summary, "solve"):
        return EXIT_BAD_INPUT
    return EXIT_OK


def _progress(progress) -> None:
    """A line per better rota found: the search's own figures, not yet the rota's cost."""
    print(f"{progress.elapsed:7.1f} s  "
          f"{search(progress.objective, progress.bound, progress.gap)}",
          file=sys.stderr, flush=True)


def _print_summary(plan, kpis, out: Path, gap=None) -> None:
    """What the rota achieves and costs (the checker's figures), after how the search ended."""
    reason = {"optimal": "proven best", "feasible": "not proven best"}
    print(f"Rota written to {out}.")
    print(f"Status: {plan.status} ({reason.get(str(plan.status), '')}); "
          f"{search(plan.objective, plan.bound, plan.gap)}; {plan.wall_seconds:.1f} s.")
    if gap is not None:
        print_gap(gap)
    print_kpis(kpis)
    if len(plan.avoidable_rounds) > 1:
        solves = len(plan.avoidable_rounds) - 1
        print(f"Avoidable contacts: {solves} solve{'s' * (solves != 1)}, assuming "
              + ", then ".join(number(n, 0) for n in plan.avoidable_rounds[:-1])
              + f"; the rota's own backlog makes {number(plan.avoidable_rounds[-1], 0)}.")
    print_breaches(kpis, most=BREACHES_SHOWN)
