"""`planner compare SCENARIO VARIANTS.xlsx --out COMPARISON.xlsx`: what-if variants side by side.

The variants come from the Variants sheet of a workbook, a row per change, in the words of the
window's What-if dialog (`planner compare --template VARIANTS.xlsx` writes one to fill in). The
base and each variant are planned one after another with the same options, as the window's
"Solve all" does, and the comparison workbook shows their figures side by side with each
variant's change from the base. Ctrl-C (or the stop signal) stops the solve under way, keeps
what was solved by then and writes it; a second Ctrl-C quits at once, leaving any earlier
--out file as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from planner.words import search
from ui.commands.check import write_json
from ui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    at_least,
    loaded_scenario,
    outputs_refused,
    print_problems,
    seconds,
    workbook_refused,
)
from ui.commands.stopping import StopAsked, in_background, stops


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "compare",
        help="plan what-if variants of a scenario and compare them side by side",
        description=(
            "Plan the scenario as it is (the base) and each variant on the Variants sheet of "
            "VARIANTS.xlsx, one after another with the same options, and write a comparison "
            "workbook: paid hours, cost, service level, average wait and abandonment per "
            "channel, on-time rate and backlog per queue, avoidable contacts and broken rules, "
            "a column per scenario and each variant's change from the base. The Variants "
            "sheet has a row per change (see docs/scenario-format.md, or write one to fill in "
            "with --template). Every problem in it is listed with its sheet, row and column. "
            "Ctrl-C stops the solve under way and writes what was solved by then; a second "
            "Ctrl-C quits at once. Exit code 0 when the comparison was written, 2 for bad input "
            "or a file that cannot be written, 130 when stopped at once."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help="scenario workbook (.xlsx) or CSV folder: the base")
    parser.add_argument("variants", metavar="VARIANTS.xlsx", nargs="?",
                        help="workbook whose Variants sheet lists the variants, a row per change")
    parser.add_argument("--out", metavar="COMPARISON.xlsx",
                        help="comparison workbook to write (.xlsx)")
    parser.add_argument("--template", metavar="VARIANTS.xlsx",
                        help="instead, write a Variants workbook to fill in: a note on every "
                             "column, example variants and a sheet listing every change")
    parser.add_argument("--time-limit", type=seconds, default=30.0, metavar="S",
                        help="search each scenario for at most S seconds (default 30)")
    parser.add_argument("--workers", type=at_least(1), default=None, metavar="N",
                        help="search with N strategies at once (default: one per processor "
                             "core, up to 8)")
    parser.add_argument("--seed", type=at_least(0), default=0, metavar="N",
                        help="seed of the search's random choices (default 0)")
    parser.add_argument("--repeatable", action="store_true",
                        help="give the same rotas every time for the same scenario, variants, "
                             "seed and workers (a slower search), as the window does with the "
                             "same options")
    parser.add_argument("--json", metavar="FILE",
                        help="also write the comparison as JSON to FILE: each scenario's "
                             "changes, result and figures")
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.template:
        return _template(args)
    missing = [name for name, value in (("SCENARIO", args.scenario),
                                        ("VARIANTS.xlsx", args.variants),
                                        ("--out", args.out)) if not value]
    if missing:
        print(f"planner compare: give {', '.join(missing)} (or --template VARIANTS.xlsx to "
              "write a Variants workbook to fill in)", file=sys.stderr)
        return EXIT_BAD_INPUT
    with stops(f"what was solved so far will be written to {args.out}") as stop:
        out = Path(args.out)
        if workbook_refused("compare", out, args.json,
                            [Path(args.scenario), Path(args.variants)]):
            return EXIT_BAD_INPUT
        return _compare_and_write(args, out, stop)


def _template(args) -> int:
    from planner.io.outputs import Output
    from planner.whatif.sheet import write_variants_template

    path = Path(args.template)
    if path.suffix.lower() != ".xlsx":
        print(f"planner compare: --template {path} must end in .xlsx", file=sys.stderr)
        return EXIT_BAD_INPUT
    if path.exists():
        print(f"planner compare: {path} already exists; choose another name", file=sys.stderr)
        return EXIT_BAD_INPUT
    if outputs_refused("compare", [Output("--template", path)], []):
        return EXIT_BAD_INPUT
    write_variants_template(path)
    print(f"Wrote a Variants workbook to {path}: a row per change (its How to fill sheet lists "
          "them). Fill it in, then run: planner compare SCENARIO "
          f"{path} --out COMPARISON.xlsx")
    return EXIT_OK


def _compare_and_write(args, out: Path, stop: StopAsked) -> int:
    import solver
    from planner.whatif import read_variants, run_variants, write_comparison_workbook

    base = loaded_scenario("compare", Path(args.scenario))
    if base is None:
        return EXIT_BAD_INPUT
    read = read_variants(Path(args.variants), base)
    print_problems(read.problems)
    if not read.ok:
        print(f"planner compare: {args.variants} has errors; fix them and try again.",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    chosen = {} if args.workers is None else {"workers": args.workers}  # else one per core
    options = solver.SolveOptions(time_limit=args.time_limit, seed=args.seed,
                                  repeatable=args.repeatable, **chosen)
    count = len(read.variants) + 1
    print(f"Planning the base and {count - 1} variant{'s' * (count > 2)} one after another, "
          f"each for up to {args.time_limit:g} s (Ctrl-C stops and keeps what was solved).",
          file=sys.stderr)
    results = in_background(
        lambda: run_variants(base, read.variants,
                             lambda scenario, **kw: solver.solve(scenario, options, **kw),
                             on_progress=_progress, should_stop=stop),
        "no comparison was written")
    stop.say(f"{out} is being written and will be kept whole")
    settings = base.settings
    about = (f"{Path(args.scenario).name}: {settings.plan_days} days from "
             f"{settings.plan_start:%a %d %b %Y}; each scenario planned for up to "
             f"{args.time_limit:g} s (seed {args.seed}"
             + (", repeatable" if args.repeatable else "") + ")")
    write_comparison_workbook(out, results, about)
    if stop():
        print("Stopped, as asked: what was solved by then was written.", file=sys.stderr)
    _print_table(results, out)
    if args.json and not write_json(Path(args.json), _summary(args, results, out), "compare"):
        return EXIT_BAD_INPUT
    return EXIT_OK


def _progress(progress) -> None:
    if progress.result is not None:
        result = progress.result
        why = f": {result.problem}" if result.problem else ""
        print(f"  {result.name}: {result.status}{why}", file=sys.stderr, flush=True)
    elif progress.solve is None:
        print(f"Solving {progress.number} of {progress.total}: {progress.name}...",
              file=sys.stderr, flush=True)
    else:
        solve = progress.solve
        print(f"{solve.elapsed:9.1f} s  {search(solve.objective, solve.bound, solve.gap)}",
              file=sys.stderr, flush=True)


def _print_table(results, out: Path) -> None:
    from planner.whatif import compare_rows

    rows = compare_rows([(r.name, r.kpis) for r in results])
    width = max(len(label) for label, _ in rows) + 2
    cell = max(12, *(len(r.name) + 2 for r in results))
    print(f"Comparison written to {out}.")
    print(f"{'':<{width}}" + "".join(f"{r.name:>{cell}}" for r in results))
    for label, cells in rows:
        print(f"{label:<{width}}" + "".join(f"{text:>{cell}}" for text in cells))


def _summary(args, results, out: Path) -> dict:
    return {
        "scenario": str(args.scenario), "variants": str(args.variants), "comparison": str(out),
        "scenarios": [{"name": r.name, "changes": list(r.changes), "outcome": str(r.outcome),
                       "status": r.status, "problem": r.problem,
                       "search": {"objective": r.plan.objective, "bound": r.plan.bound,
                                  "gap": r.plan.gap} if r.plan else None,
                       "kpis": r.kpis.as_dict() if r.kpis else None}
                      for r in results],
    }
