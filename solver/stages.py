"""What each stage of a solve did, recorded as it goes and returned with the plan (Plan.stages).

A solve runs these stages in order (one solve a round when avoidable contacts are settled in
rounds, see solver.rounds; each of a later round's stages is named "round N: ..."):
- relaxation: the whole model's linear relaxation (solver.exact_days.relaxed): its bound, and
  the first rota rounded from it when it leaves few variables between whole numbers;
- first rota: built greedily (solver.hint.first_rota) when the relaxation gave none;
- day layout: the first rota's breaks and activities at their least cost (exact_days.lay_out);
- warm start: the first rota completed into a whole plan (hint.warm_start);
- search: CP-SAT from there (solver.search.run), until it goes a while without a better rota;
- neighbourhoods: a few people over some days freed at a time, the rest held, until they stop
  paying (solver.neighbourhoods.improved);
- search again: CP-SAT from the best rota so far, for the time left;
- mend: a search for a rota that breaks fewer rules (solver.repair.mend), when the best breaks
  some;
- polish: a cheaper plan, holding what agrees with the relaxation (solver.polish.polished);
- settle: the breach and aim variables settled as low as the rota allows (plans.tightened).
A stage that does not apply says why; one that ran says how long it took and the search's cost
of the best plan after it.
"""

from __future__ import annotations

import time

from planner.plan import Stage


class Stages:
    """The stages of one solve, in the order they ran."""

    def __init__(self):
        self.records: list[Stage] = []

    def ran(self, name: str, began: float, objective: float | None = None,
            note: str = "") -> None:
        """`name` ran from `began` (a time.perf_counter() reading) until now."""
        self.records.append(Stage(name, True, time.perf_counter() - began, note, objective))

    def skipped(self, name: str, why: str) -> None:
        self.records.append(Stage(name, False, 0.0, why))
