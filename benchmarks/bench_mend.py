"""How well the mend repairs broken rules on a large plan, and how long it takes.

    .venv/bin/python benchmarks/bench_mend.py [--staff 300] [--weeks 4] [--extra 3]
        [--seconds 5,10] [--seed 0]

Builds the model of a generated centre (`centres.py`), takes the solver's first rota and gives
`--extra` part-time advisors (those with a weekly maximum under 30 hours) one more weekday shift
in the second week, which breaks their weekly maximum. That rota is completed into a whole plan
(breaks and activities), as the search's start is, and then mended with each time allowance in
`--seconds`. For each it prints the rules broken before and after, the cost before and after, and
the wall time the mend took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.centres import generated_centre  # noqa: E402
from solver import build, repair  # noqa: E402
from solver.hint import complete, first_rota  # noqa: E402
from solver.rota_model import PENCE  # noqa: E402
from solver.search import SolveOptions  # noqa: E402

PART_TIME = 30.0  # weekly maximum hours below which an advisor counts as part-time here


def broken_rota(m, service, extra: int) -> dict[tuple[int, int], str]:
    """The first rota with one more shift on a free weekday of the second week for `extra`
    part-time advisors."""
    rota = first_rota(m.facts, service)
    week = m.facts.weeks[1 if len(m.facts.weeks) > 1 else 0]
    added = 0
    for p, person in enumerate(m.facts.people):
        if added == extra:
            break
        if person.max_hours >= PART_TIME or not set(person.skills) & set(service.live):
            continue
        free = [d for d in week.days if (p, d) not in rota and (p, d) in m.facts.options
                and m.facts.dates[d].weekday() < 5]
        if free:
            rota[(p, free[0])] = m.facts.options[(p, free[0])][0]
            added += 1
    return rota


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--extra", type=int, default=3)
    parser.add_argument("--seconds", default="5,10")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    options = SolveOptions(seed=args.seed)
    print(f"{'seconds':>8} {'broken before':>14} {'broken after':>13} {'cost before':>12} "
          f"{'cost after':>12} {'took':>6}")
    for seconds in (float(s) for s in args.seconds.split(",")):
        # A fresh model each time: the start's hints are added to it.
        m, service, queues, _ = build(generated_centre(args.staff, args.weeks))
        rota = broken_rota(m, service, args.extra)
        start = complete(m, service, queues, rota, options, 60.0)
        if start is None:
            print("no plan could be made from the first rota")
            return 1
        before = len(repair.broken(m, start))
        began = time.perf_counter()
        mended = repair.mend(m, start, options, seconds)
        took = time.perf_counter() - began
        print(f"{seconds:8g} {before:14d} {len(repair.broken(m, mended)):13d} "
              f"{start.objective_value / PENCE:12,.0f} {mended.objective_value / PENCE:12,.0f} "
              f"{took:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
