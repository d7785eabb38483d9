"""Weekends worked: a weekend counts when a shift starts on its Saturday or its Sunday."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.checks.rules.base import breach
from planner.checks.rules.names import MAXIMUM_WEEKENDS
from planner.checks.words import count, span, who
from planner.plan import Breach

if TYPE_CHECKING:
    from planner.checks.view import View
    from planner.days import Weekend


def maximum_weekends(view: View) -> list[Breach]:
    """Nobody works more weekends than their max_weekends over the whole plan; where Staff
    leaves it blank, no more than the Rules' max_weekends_per_4_weeks in each four-week block
    from the plan's first day (a shorter last block scales it, rounded up). A weekend belongs
    to the block holding its first day in the plan. One breach per person (or per block); the
    size is the weekends over."""
    found = []
    for person in view.people:
        worked = view.worked(person.staff_id)
        weekends = [w for w in view.days.weekends if any(worked[i] for i in w.days)]
        if person.max_weekends is not None:
            over = len(weekends) - person.max_weekends
            if over > 0:
                found.append(breach(MAXIMUM_WEEKENDS, person, _worked_days(view, weekends,
                                                                           worked),
                                    over, "weekends",
                                    f"{who(person)} works {count(len(weekends), 'weekend')} "
                                    f"over the plan; the most is {person.max_weekends}"))
            continue
        for block in view.days.four_weeks:
            mine = [w for w in weekends if w.days[0] in block.indices]
            most = block.scaled_count(view.rules.max_weekends_per_4_weeks)
            if len(mine) > most:
                dates = [view.days.dates[i] for i in block.indices]
                found.append(breach(MAXIMUM_WEEKENDS, person, _worked_days(view, mine, worked),
                                    len(mine) - most, "weekends",
                                    f"{who(person)} works {count(len(mine), 'weekend')} in "
                                    f"the four weeks {span(dates[0], dates[-1])}; the most is "
                                    f"{most}"))
    return found


def _worked_days(view: View, weekends: list[Weekend], worked: list[bool]):
    return [view.days.dates[i] for w in weekends for i in w.days if worked[i]]
