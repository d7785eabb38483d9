"""Many independent replications of the plan, in as many processes as there are processors.

Seeded: replication r draws from `numpy.random.SeedSequence(seed).spawn(replications)[r]`, each
channel from its own child of that, so the result depends on the seed and the number of
replications only, not on how many processes run them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

import numpy as np

from planner.simulation.figures import COUNTED
from planner.simulation.replication import Channel, replicate

Progress = Callable[[int, int], None]


class SimulationStopped(Exception):
    """Raised by `simulate` when `should_stop` asked it to stop before every replication ran."""


def run_replications(channels: dict[int, Channel], width: int, intervals: int,
                     interval_seconds: float, handle_cv: float | None, replications: int,
                     seed: int, workers: int | None = None, progress: Progress | None = None,
                     should_stop: Callable[[], bool] | None = None,
                     start_method: str | None = None) -> np.ndarray:
    """Every replication's counts, counts[r, counted, interval, channel] (see
    planner.simulation.simulate for `workers`, `progress`, `should_stop` and `start_method`)."""
    seeds = np.random.SeedSequence(seed).spawn(replications)
    tasks = [(channels, width, intervals, interval_seconds, handle_cv, s) for s in seeds]
    counts = np.zeros((replications, COUNTED, intervals, width))
    workers = min(workers or os.cpu_count() or 1, replications)
    stop = should_stop or (lambda: False)
    if workers <= 1:
        for r, task in enumerate(tasks):
            counts[r] = replicate(*task)
            if progress:
                progress(r + 1, replications)
            if stop() and r + 1 < replications:
                raise SimulationStopped
        return counts
    context = multiprocessing.get_context(start_method) if start_method else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(replicate, *task): r for r, task in enumerate(tasks)}
        for done, future in enumerate(as_completed(futures), start=1):
            counts[futures[future]] = future.result()
            if progress:
                progress(done, replications)
            if stop() and done < replications:
                for waiting in futures:
                    waiting.cancel()
                raise SimulationStopped
    return counts
