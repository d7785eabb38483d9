"""Checks that a scenario holds together across its sheets, in words a team leader can act on.

Each cell may make sense on its own and still the scenario cannot be planned: an absence for
someone not in Staff, two rows of demand for the same interval, a shift whose break is longer
than the shift. These checks run on a loaded scenario and on one edited in the planner alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from planner.days import absence_span
from planner.model import WEEKDAYS, Absence, Scenario
from planner.origins import Findings, Origins
from planner.plan import OFF
from planner.problems import Problem


def check_scenario(scenario: Scenario, origins: Origins | None = None) -> list[Problem]:
    """Every way the scenario's sheets disagree with each other or cannot be planned."""
    report = Findings(origins or Origins())
    _unique_ids(scenario, report)
    _demand(scenario, report)
    _staff(scenario, report)
    _patterns(scenario, report)
    _absences(scenario, report)
    _cases(scenario, report)
    _locks(scenario, report)
    _references(scenario, report)
    _nobody_skilled(scenario, report)
    empty = [name for name, rows in (("Staff", scenario.staff),
                                     ("ShiftPatterns", scenario.patterns))
             if not rows and name not in report.origins.incomplete]
    if empty:
        missing = empty[0]
        report.warning(f"There are no {missing} rows, so only staffing can be worked out, not a "
                       "rota; add Staff and ShiftPatterns to build a rota", missing)
    return report.problems


def _plan(scenario: Scenario, report: Findings) -> tuple[dt.date, dt.date] | None:
    if "Settings" in report.origins.unusable:
        return None
    return scenario.settings.plan_start, scenario.settings.plan_end


def _unique_ids(scenario: Scenario, report: Findings) -> None:
    sheets = (
        ("Channels", "channel", [c.name for c in scenario.channels],
         "each channel needs its own name"),
        ("Staff", "staff_id", [s.staff_id for s in scenario.staff],
         "each person needs their own staff_id"),
        ("ShiftPatterns", "pattern", [p.code for p in scenario.patterns],
         "each shift pattern needs its own code"),
        ("CaseQueues", "queue", [q.name for q in scenario.case_queues],
         "each case queue needs its own name"),
    )
    for sheet, column, names, rule in sheets:
        first: dict[str, int] = {}
        for index, name in enumerate(names):
            if name in first:
                row = report.origins.row(sheet, first[name])
                report.error(f"{column} {name} is already used on row {row}; {rule}", sheet,
                             index, column)
            else:
                first[name] = index
            if column != "staff_id" and "," in name:
                report.error(f"{column} {name!r} has a comma, which would split it in two in a "
                             "list such as skills or patterns; rename it", sheet, index, column)


def _demand(scenario: Scenario, report: Findings) -> None:
    channels = report.known("Channels", (c.name for c in scenario.channels))
    settings, plan = scenario.settings, _plan(scenario, report)
    seen: dict[tuple, int] = {}
    unknown: dict[str, list[int]] = defaultdict(list)
    off_grid: list[int] = []
    for index, row in enumerate(scenario.demand):
        if channels is not None and row.channel not in channels:
            unknown[row.channel].append(index)
        day = row.date.isoformat() if row.date else WEEKDAYS[row.weekday]
        slot = (row.channel, row.date, row.weekday, row.interval_start)
        if slot in seen:
            report.error(f"{row.channel} at {row.interval_start:%H:%M} on {day} is already given "
                         f"on row {report.origins.row('Demand', seen[slot])}; keep one row per "
                         "channel, day and interval", "Demand", index, "interval_start")
        seen.setdefault(slot, index)
        if plan is None:
            continue
        minutes = row.interval_start.hour * 60 + row.interval_start.minute
        if minutes % settings.interval_minutes or row.interval_start.second:
            off_grid.append(index)
        if row.date is not None and not plan[0] <= row.date <= plan[1]:
            report.warning(f"date {row.date} is outside the plan ({plan[0]} to {plan[1]}), so "
                           "this row is not used", "Demand", index, "date")
    for name, indexes in unknown.items():
        report.not_found(name, "Channels", "Demand", indexes[0], "channel", _also(indexes))
    if off_grid:
        first = scenario.demand[off_grid[0]].interval_start
        step = settings.interval_minutes
        before = first.hour * 60 + first.minute - (first.hour * 60 + first.minute) % step
        report.error(f"interval_start {_clock(first)} is not on the plan's {step}-minute grid; "
                     f"move it to {_clock(before)} or {_clock(before + step)}, or change "
                     f"interval_minutes in Settings{_also(off_grid)}",
                     "Demand", off_grid[0], "interval_start")
    if scenario.pattern_cover and not scenario.demand:
        return  # demand is stated as people per shift pattern instead
    if not scenario.channels and "Channels" not in report.origins.incomplete:
        report.error("Channels has no rows; add at least one channel", "Channels")
    if "Demand" in report.origins.incomplete:
        return
    if not scenario.demand:
        report.error("Demand has no rows; add the contacts expected per interval for at least "
                     "one channel", "Demand")
    elif not any(row.volume > 0 for row in scenario.demand):
        report.error("every Demand volume is 0, so there is nothing to plan for; enter the "
                     "contacts expected per interval", "Demand", None, "volume")
    with_demand = {row.channel for row in scenario.demand if row.volume > 0}
    for index, channel in enumerate(scenario.channels):
        if scenario.demand and channel.name not in with_demand:
            report.warning(f"channel {channel.name} has no demand, so nobody will be planned for "
                           "it", "Channels", index, "channel")


def _also(indexes: list[int]) -> str:
    """The same problem on further rows, counted rather than listed one by one."""
    more = len(indexes) - 1
    return f" (and on {more} more row{'s' if more > 1 else ''})" if more else ""


def _clock(value: dt.time | int) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return f"{value // 60 % 24:02d}:{value % 60:02d}"


def _staff(scenario: Scenario, report: Findings) -> None:
    skills = report.known("Channels", (c.name for c in scenario.channels))
    queues = report.known("CaseQueues", (q.name for q in scenario.case_queues))
    patterns = report.known("ShiftPatterns", (p.code for p in scenario.patterns))
    limit = scenario.rules.max_weekly_hours
    for index, person in enumerate(scenario.staff):
        if person.min_hours > person.max_hours:
            report.error(f"min_hours {person.min_hours:g} is more than max_hours "
                         f"{person.max_hours:g}; the fewest hours cannot be above the most",
                         "Staff", index, "min_hours")
        elif not person.min_hours <= person.contract_hours <= person.max_hours:
            report.warning(f"contract_hours {person.contract_hours:g} is outside min_hours to "
                           f"max_hours ({person.min_hours:g} to {person.max_hours:g}), so the "
                           "contract cannot be met", "Staff", index, "contract_hours")
        if person.max_hours > limit and "Rules" not in report.origins.unusable:
            report.warning(f"max_hours {person.max_hours:g} is above the {limit:g}-hour weekly "
                           "limit in Rules; the limit applies", "Staff", index, "max_hours")
        if not person.skills and (scenario.channels or scenario.case_queues):
            report.warning(f"{person.staff_id} has no skills, so cannot be planned on anything; "
                           "list the channels and queues they work", "Staff", index, "skills")
        if skills is not None and queues is not None:
            unknown = [s for s in person.skills if s not in skills and s not in queues]
            if unknown:
                report.error(f"skills lists {_names(unknown)}, which is neither a channel nor a "
                             f"case queue (channels: {_names(skills)}; queues: {_names(queues)})",
                             "Staff", index, "skills")
        unknown = [p for p in person.patterns if patterns is not None and p not in patterns]
        if unknown:
            report.error(f"patterns lists {_names(unknown)}, which is not in ShiftPatterns "
                         f"({_names(patterns)})", "Staff", index, "patterns")


def _names(names: Iterable[str]) -> str:
    names = sorted(set(names))
    return ", ".join(names) if names else "none"


def _patterns(scenario: Scenario, report: Findings) -> None:
    for index, pattern in enumerate(scenario.patterns):
        if pattern.paid_minutes <= 0:
            report.error(f"unpaid_break_minutes {pattern.unpaid_break_minutes} is at least as "
                         f"long as the shift ({pattern.length_minutes} minutes), so nothing is "
                         "worked",
                         "ShiftPatterns", index, "unpaid_break_minutes")
        if pattern.start == pattern.end:
            report.warning(f"start and end are both {pattern.start:%H:%M}, which makes a "
                           "24-hour shift; check the end time", "ShiftPatterns", index, "end")
        elif pattern.length_minutes > 16 * 60:
            report.warning(f"the shift is {pattern.length_minutes / 60:g} hours long; check its "
                           "start and end", "ShiftPatterns", index, "end")


def _absences(scenario: Scenario, report: Findings) -> None:
    staff = report.known("Staff", (s.staff_id for s in scenario.staff))
    plan = _plan(scenario, report)
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, absence in enumerate(scenario.absences):
        if staff is not None and absence.staff_id not in staff:
            report.not_found(absence.staff_id, "Staff", "Absences", index, "staff_id")
        if absence.end_date < absence.start_date:
            report.error(f"end_date {absence.end_date} is before start_date "
                         f"{absence.start_date}", "Absences", index, "end_date")
            continue
        if (absence.start_date == absence.end_date and absence.start_time and absence.end_time
                and absence.end_time != dt.time(0) and absence.end_time <= absence.start_time):
            report.error(f"end_time {absence.end_time:%H:%M} is not after start_time "
                         f"{absence.start_time:%H:%M}", "Absences", index, "end_time")
        if plan and (absence.end_date < plan[0] or absence.start_date > plan[1]):
            report.warning(f"this absence ({absence.start_date} to {absence.end_date}) is "
                           f"outside the plan ({plan[0]} to {plan[1]}), so it has no effect",
                           "Absences", index, "start_date")
        for earlier in by_person[absence.staff_id]:
            if _overlap(scenario.absences[earlier], absence):
                report.error(f"this absence ({absence.start_date} to {absence.end_date}) "
                             f"overlaps the one on row {report.origins.row('Absences', earlier)} "
                             "for the same person; merge them or correct the dates",
                             "Absences", index, "start_date")
                break
        by_person[absence.staff_id].append(index)


def _overlap(a: Absence, b: Absence) -> bool:
    """Whether two absences take some of the same time (see planner.days.absence_span)."""
    since = min(a.start_date, b.start_date)
    (a_start, a_end), (b_start, b_end) = absence_span(a, since), absence_span(b, since)
    return a_start < b_end and b_start < a_end


def _chasing(scenario: Scenario, report: Findings) -> None:
    """Avoidable contacts must land on a live channel, and rise (not fall) past the deadline."""
    if "Channels" in report.origins.unusable:
        return
    live = {c.name for c in scenario.channels if c.kind.is_live}
    channels = {c.name for c in scenario.channels}
    for index, queue in enumerate(scenario.case_queues):
        if not queue.chases:
            continue
        name = queue.chase_channel
        if name is None and not live:
            report.error(f"customers of {queue.name} chase, but there is no live channel "
                         "(voice, chat or reception) for their calls to land on; add one to "
                         "Channels or set the chase rates to 0", "CaseQueues", index,
                         "chase_rate")
        elif name is not None and name not in channels:
            report.not_found(name, "Channels", "CaseQueues", index, "chase_channel")
        elif name is not None and name not in live:
            report.error(f"chase_channel {name!r} is not a live channel; chasers ring or come "
                         "in, so name a voice, chat or reception channel", "CaseQueues", index,
                         "chase_channel")
        if 0 < queue.overdue_chase_rate < queue.chase_rate:
            report.warning(f"overdue_chase_rate {queue.overdue_chase_rate:g} is below "
                           f"chase_rate {queue.chase_rate:g}; customers past the deadline are "
                           "taken to chase at the chase_rate", "CaseQueues", index,
                           "overdue_chase_rate")


def _cases(scenario: Scenario, report: Findings) -> None:
    _chasing(scenario, report)
    queues = report.known("CaseQueues", (q.name for q in scenario.case_queues))
    plan = _plan(scenario, report)
    seen: dict[tuple, int] = {}
    for index, arrival in enumerate(scenario.case_arrivals):
        if queues is not None and arrival.queue not in queues:
            report.not_found(arrival.queue, "CaseQueues", "CaseArrivals", index, "queue")
        key = (arrival.queue, arrival.date, arrival.weekday)
        if key in seen:
            report.error(f"new cases for {arrival.queue} on this day are already given on row "
                         f"{report.origins.row('CaseArrivals', seen[key])}; keep one row",
                         "CaseArrivals", index, "queue")
        seen.setdefault(key, index)
        if plan and arrival.date is not None and not plan[0] <= arrival.date <= plan[1]:
            report.warning(f"date {arrival.date} is outside the plan ({plan[0]} to {plan[1]}), "
                           "so this row is not used", "CaseArrivals", index, "date")
    opened: dict[tuple, int] = {}
    for index, entry in enumerate(scenario.backlog):
        if queues is not None and entry.queue not in queues:
            report.not_found(entry.queue, "CaseQueues", "CaseBacklog", index, "queue")
        if plan and entry.opened_date > plan[0]:
            report.warning(f"opened_date {entry.opened_date} is after the plan starts "
                           f"({plan[0]}); the backlog is what is open when the plan starts",
                           "CaseBacklog", index, "opened_date")
        key = (entry.queue, entry.opened_date)
        if key in opened:
            report.warning(f"{entry.queue} cases opened on {entry.opened_date} are also given "
                           f"on row {report.origins.row('CaseBacklog', opened[key])}; the two "
                           "counts are added together", "CaseBacklog", index, "opened_date")
        opened.setdefault(key, index)


def _locks(scenario: Scenario, report: Findings) -> None:
    staff = report.known("Staff", (s.staff_id for s in scenario.staff))
    patterns = report.known("ShiftPatterns", (p.code for p in scenario.patterns))
    by_code = {p.code: p for p in scenario.patterns}
    people = {s.staff_id: s for s in scenario.staff}
    plan = _plan(scenario, report)
    seen: dict[tuple, int] = {}
    for index, lock in enumerate(scenario.locks):
        if staff is not None and lock.staff_id not in staff:
            report.not_found(lock.staff_id, "Staff", "Locks", index, "staff_id")
        if lock.pattern != OFF and patterns is not None and lock.pattern not in patterns:
            report.error(f"pattern {lock.pattern!r} is neither OFF nor in ShiftPatterns "
                         f"({_names(patterns)})", "Locks", index, "pattern")
        key = (lock.staff_id, lock.date)
        if key in seen:
            report.error(f"{lock.staff_id} on {lock.date} is already locked on row "
                         f"{report.origins.row('Locks', seen[key])}; keep one", "Locks", index,
                         "date")
        seen.setdefault(key, index)
        if plan and not plan[0] <= lock.date <= plan[1]:
            report.warning(f"date {lock.date} is outside the plan ({plan[0]} to {plan[1]}), so "
                           "this lock has no effect", "Locks", index, "date")
        if lock.pattern == OFF:
            continue
        pattern, person = by_code.get(lock.pattern), people.get(lock.staff_id)
        if pattern is not None and lock.date.weekday() not in pattern.days:
            report.warning(f"pattern {lock.pattern} is not worked on {lock.date:%A}s, but this "
                           f"lock puts {lock.staff_id} on it", "Locks", index, "pattern")
        if person is not None and person.patterns and lock.pattern not in person.patterns:
            report.warning(f"{lock.staff_id} may not work pattern {lock.pattern} (Staff lists "
                           f"{_names(person.patterns)})", "Locks", index, "pattern")
        if any(a.staff_id == lock.staff_id and not a.is_part_day
               and a.start_date <= lock.date <= a.end_date for a in scenario.absences):
            report.warning(f"{lock.staff_id} is absent on {lock.date}, but this lock puts them "
                           f"on pattern {lock.pattern}", "Locks", index, "pattern")


def _references(scenario: Scenario, report: Findings) -> None:
    """Staff ids and shift pattern codes named on the sheets that refine a rota."""
    staff = report.known("Staff", (s.staff_id for s in scenario.staff))
    patterns = report.known("ShiftPatterns", (p.code for p in scenario.patterns))
    plan = _plan(scenario, report)
    sheets = (
        ("PatternCover", scenario.pattern_cover, (), ("pattern",)),
        ("ForbiddenSequences", scenario.forbidden_sequences, (), ("pattern", "next_pattern")),
        ("ShiftRequests", scenario.shift_requests, ("staff_id",), ("pattern",)),
        ("PatternLimits", scenario.pattern_limits, ("staff_id",), ("pattern",)),
    )
    for sheet, items, staff_columns, pattern_columns in sheets:
        for index, item in enumerate(items):
            for column in staff_columns:
                if staff is not None and getattr(item, column) not in staff:
                    report.not_found(getattr(item, column), "Staff", sheet, index, column)
            for column in pattern_columns:
                code = getattr(item, column)
                if code and patterns is not None and code not in patterns:
                    report.not_found(code, "ShiftPatterns", sheet, index, column)
            date = getattr(item, "date", None)
            if plan and date is not None and not plan[0] <= date <= plan[1]:
                report.warning(f"date {date} is outside the plan ({plan[0]} to {plan[1]}), so "
                               "this row is not used", sheet, index, "date")


def _nobody_skilled(scenario: Scenario, report: Findings) -> None:
    if not scenario.staff or "Staff" in report.origins.incomplete:
        return
    skills = {skill for person in scenario.staff for skill in person.skills}
    needed = {row.channel for row in scenario.demand if row.volume > 0}
    for index, channel in enumerate(scenario.channels):
        if channel.name in needed and channel.name not in skills:
            report.warning(f"nobody in Staff has the skill {channel.name}, so its contacts "
                           "cannot be answered", "Channels", index, "channel")
    worked = {a.queue for a in scenario.case_arrivals} | {b.queue for b in scenario.backlog}
    for index, queue in enumerate(scenario.case_queues):
        if queue.name in worked and queue.name not in skills:
            report.warning(f"nobody in Staff has the skill {queue.name}, so its cases cannot be "
                           "worked", "CaseQueues", index, "queue")
