"""One clock for a whole solve: a deadline fixed when it starts, and each stage's share of it.

A solve builds its model (which cannot be stopped part-way), then finds a first rota, lays out
its breaks and activities, completes it into a whole plan, searches, mends and polishes the best
rota, settles its breaches and reports on it; with avoidable contacts it does that once a round.
Every stage after the build is given at most what is left before the deadline, less what the
stages after it keep back: the report at the end of each solve and, after the whole solve, the
rota workbook. So a short time limit on a large plan ends on time with the best rota that time
allowed (at the least the first rota), rather than running over to finish a stage.

A repeatable solve counts its searches' time in the solver's own units, so that the rota does
not depend on the machine; the deadline still caps each of them by the clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.model import Scenario

# What the report and the rota workbook take, by the plan's size (person-days, and intervals of
# a live channel): the 4-week sample (1,176 and 10,752) took 0.4 s to report and 0.5 s to write;
# 30 staff over 84 days (2,520 and 32,256), 1.0 s and 1.4-1.6 s; 300 staff over 4 weeks (8,400
# and 10,752), 1.1-1.8 s and 1.4-2.2 s. Rather over than under, since the machine may be busy.
REPORT_SECONDS = (0.1, 0.0002, 0.00002)  # fixed, per person-day, per channel-interval
WORKBOOK_SECONDS = (0.3, 0.00015, 0.00003)


@dataclass(frozen=True)
class Budget:
    """Time until `end` (a time.perf_counter() reading) for a stage and what follows it."""

    end: float

    @staticmethod
    def of(seconds: float, started: float | None = None) -> Budget:
        """A budget of `seconds` from `started` (by default, now)."""
        return Budget((time.perf_counter() if started is None else started) + seconds)

    def remaining(self) -> float:
        """Seconds left (0 once the budget is spent)."""
        return max(0.0, self.end - time.perf_counter())

    def share(self, fraction: float, at_most: float = math.inf) -> float:
        """Seconds for a stage that may take `fraction` of what remains, and at most `at_most`."""
        return max(0.0, min(at_most, fraction * self.remaining()))

    def keeping(self, seconds: float) -> Budget:
        """This budget less `seconds` kept back at its end for what must come after."""
        return Budget(self.end - max(0.0, seconds))

    def part(self, seconds: float) -> Budget:
        """A budget of `seconds` from now, ending no later than this one."""
        return Budget(min(self.end, time.perf_counter() + seconds))

    def spent(self) -> bool:
        return time.perf_counter() >= self.end

    def stop(self, should_stop: Callable[[], bool] | None = None) -> Callable[[], bool]:
        """A stop that turns true when `should_stop()` does or when this budget is spent."""

        def stop() -> bool:
            return self.spent() or (should_stop is not None and should_stop())

        return stop


def report_seconds(scenario: Scenario) -> float:
    """About how long the report at the end of a solve takes (its breaches settled, each
    person's day handed out, service and caseload worked out)."""
    return _by_size(scenario, REPORT_SECONDS)


def workbook_seconds(scenario: Scenario) -> float:
    """About how long writing the plan's rota workbook takes, after the solve."""
    return _by_size(scenario, WORKBOOK_SECONDS)


def _by_size(scenario: Scenario, rates: tuple[float, float, float]) -> float:
    settings = scenario.settings
    person_days = len(scenario.staff) * settings.plan_days
    live = sum(c.kind.is_live for c in scenario.channels)
    intervals = live * settings.plan_days * settings.intervals_per_day
    fixed, per_person_day, per_interval = rates
    return fixed + per_person_day * person_days + per_interval * intervals
