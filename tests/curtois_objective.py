"""The Curtois & Qu shift scheduling benchmark judged by its own definition, for checking the
planner against it.

Independent of the planner on purpose: its own small parser of the instance text and the
benchmark's rules as published with the instances (schedulingbenchmarks.org; T. Curtois and
R. Qu, "Computational results on new staff scheduling benchmark instances", 2014).

An assignment maps (staff id, day) to a shift id, or None for a day off; a missing key is a day
off. The objective is the weighted sum of on-requests not granted, off-requests not granted,
and cover short and over. Everything else is a hard rule. At the edges of the horizon the
benchmark assumes:
- maximum consecutive shifts: the day before the horizon and the day after it are days off, so
  a run is counted from its first day in the horizon to its last;
- minimum consecutive shifts, minimum consecutive days off: an unlimited run of shifts (or of
  days off) lies before the horizon and after it, so a run touching the first or last day
  never falls short;
- shift rotation: the day before the horizon is a day off, so nothing is forbidden on day 0.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

Assignment = dict[tuple[str, int], str | None]


@dataclass
class Person:
    most: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_run: int
    min_run: int
    min_off: int
    max_weekends: int


@dataclass
class Instance:
    days: int = 0
    minutes: dict[str, int] = field(default_factory=dict)
    cannot_follow: dict[str, set[str]] = field(default_factory=dict)
    staff: dict[str, Person] = field(default_factory=dict)
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    off_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)


def parse(path: Path | str) -> Instance:
    instance, section = Instance(), ""
    for raw in Path(path).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            section = line
            continue
        parts = line.split(",")
        if section == "SECTION_HORIZON":
            instance.days = int(line)
        elif section == "SECTION_SHIFTS":
            instance.minutes[parts[0]] = int(parts[1])
            instance.cannot_follow[parts[0]] = {s for s in parts[2].split("|") if s}
        elif section == "SECTION_STAFF":
            most = {k: int(v) for k, v in (p.split("=") for p in parts[1].split("|"))}
            instance.staff[parts[0]] = Person(most, *map(int, parts[2:8]))
        elif section == "SECTION_DAYS_OFF":
            instance.days_off[parts[0]] = {int(d) for d in parts[1:] if d}
        elif section in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
            request = (parts[0], int(parts[1]), parts[2], int(parts[3]))
            if section == "SECTION_SHIFT_ON_REQUESTS":
                instance.on_requests.append(request)
            else:
                instance.off_requests.append(request)
        elif section == "SECTION_COVER":
            day, shift, *numbers = parts
            instance.cover.append((int(day), shift, *map(int, numbers)))
    return instance


def objective(instance: Instance, assignment: Assignment) -> int:
    """The benchmark's penalty: requests not granted and cover short or over, at their weights."""
    total = 0
    for who, day, shift, weight in instance.on_requests:
        if assignment.get((who, day)) != shift:
            total += weight
    for who, day, shift, weight in instance.off_requests:
        if assignment.get((who, day)) == shift:
            total += weight
    for day, shift, required, under, over in instance.cover:
        on = sum(assignment.get((who, day)) == shift for who in instance.staff)
        total += under * max(required - on, 0) + over * max(on - required, 0)
    return total


def violations(instance: Instance, assignment: Assignment) -> list[tuple[str, str]]:
    """Every hard rule broken, as (rule, staff id), once per person and rule."""
    found = []
    for who, person in instance.staff.items():
        line = [assignment.get((who, day)) for day in range(instance.days)]
        found.extend((rule, who) for rule in sorted(broken(instance, who, person, line)))
    return found


def broken(instance: Instance, who: str, person: Person, line: list) -> set[str]:
    """The hard rules one person's line of shifts (None: day off) breaks.

    A line shorter than the horizon is judged as the start of one: its last run may still grow
    and its minutes may still reach the minimum.
    """
    rules = set()
    days, whole = len(line), len(line) == instance.days
    if any(line[d] is not None for d in instance.days_off.get(who, ()) if d < days):
        rules.add("days off")
    for d in range(1, days):
        if line[d - 1] is not None and line[d] in instance.cannot_follow[line[d - 1]]:
            rules.add("shift rotation")
    for shift in instance.minutes:
        if sum(s == shift for s in line) > person.most.get(shift, days):
            rules.add("maximum shifts of a type")
    minutes = sum(instance.minutes[s] for s in line if s is not None)
    if minutes < person.min_minutes and whole:
        rules.add("minimum total minutes")
    if minutes > person.max_minutes:
        rules.add("maximum total minutes")
    for working, first, last in runs(line):
        length = last - first + 1
        # Only a run with a day of the line before it and after it can fall short.
        closed = first > 0 and last < days - 1
        if working and length > person.max_run:
            rules.add("maximum consecutive shifts")
        if working and closed and length < person.min_run:
            rules.add("minimum consecutive shifts")
        if not working and closed and length < person.min_off:
            rules.add("minimum consecutive days off")
    weekends = sum(any(line[d] is not None for d in (sat, sat + 1) if d < days)
                   for sat in range(5, days, 7))
    if weekends > person.max_weekends:
        rules.add("maximum weekends")
    return rules


def runs(line: list) -> list[tuple[bool, int, int]]:
    """Maximal runs of working (True) or off (False) days as (working, first, last)."""
    found = []
    for day, shift in enumerate(line):
        working = shift is not None
        if found and found[-1][0] == working:
            found[-1] = (working, found[-1][1], day)
        else:
            found.append((working, day, day))
    return found


def random_rota(instance: Instance, seed: int) -> Assignment:
    """A rota chosen at random among those that keep every hard rule.

    For each person, first which days they work (a random walk that never leaves the days it
    could still finish from), then which shift on each (a depth-first search in random order).
    """
    rng = random.Random(seed)
    assignment: Assignment = {}
    for who, person in instance.staff.items():
        for _ in range(200):
            line = _shifts_for(instance, person, _working_days(instance, who, person, rng), rng)
            if line is not None and not broken(instance, who, person, line):
                break
        else:
            raise RuntimeError(f"no rota keeping the hard rules found for {who}")
        assignment.update({(who, day): shift for day, shift in enumerate(line)})
    return assignment


def _working_days(instance: Instance, who: str, person: Person, rng: random.Random) -> list:
    """Days worked (True) or off, keeping the rules on runs, weekends and days off, with a
    number of days worked that the total minutes allow."""
    short, long = min(instance.minutes.values()), max(instance.minutes.values())
    fewest = -(-person.min_minutes // long)
    most = person.max_minutes // short
    reach = _reachable(instance, who, person)
    state, worked, line = (0, False, 0, 0, False, True), 0, []
    while len(line) < instance.days:
        options = []
        for work in (True, False):
            following = _step(instance, who, person, state, work)
            if following is None:
                continue
            span = reach(following)
            if span and fewest <= worked + work + span[1] and worked + work + span[0] <= most:
                options.append((work, following))
        if not options:
            return []
        work, state = rng.choice(options)
        worked += work
        line.append(work)
    return line


def _step(instance: Instance, who: str, person: Person, state: tuple, work: bool):
    """The state after working (or not) on the state's day, or None when a rule forbids it.

    A state is (day, working the day before, run length, weekends worked, Saturday worked,
    the run began on the first day).
    """
    day, working, run, weekends, saturday, from_start = state
    if work and day in instance.days_off.get(who, ()):
        return None
    if work != working and day > 0 and not from_start:
        if run < (person.min_run if working else person.min_off):
            return None
    run = run + 1 if work == working or day == 0 else 1
    from_start = from_start and (work == working or day == 0)
    if work and run > person.max_run:
        return None
    new_weekend = work and day % 7 in (5, 6) and not (day % 7 == 6 and saturday)
    if weekends + new_weekend > person.max_weekends:
        return None
    cap = max(person.max_run, person.min_run, person.min_off) + 1
    return (day + 1, work, min(run, cap), weekends + new_weekend,
            work and day % 7 == 5, from_start)


def _reachable(instance: Instance, who: str, person: Person):
    """From a state: the fewest and most further days that can be worked to the horizon's end,
    or None when no way on keeps the rules."""
    memo: dict[tuple, tuple[int, int] | None] = {}

    def reach(state: tuple) -> tuple[int, int] | None:
        if state[0] == instance.days:
            return (0, 0)
        if state not in memo:
            spans = []
            for work in (True, False):
                following = _step(instance, who, person, state, work)
                span = None if following is None else reach(following)
                if span:
                    spans.append((span[0] + work, span[1] + work))
            memo[state] = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
        return memo[state]

    return reach


def _shifts_for(instance: Instance, person: Person, working: list, rng: random.Random):
    """A shift for each day worked, in random order, keeping the rotation, the most of each
    shift and the total minutes; None when none is found quickly."""
    if not working:
        return None
    budget = [2000]

    def extend(line: list) -> list | None:
        budget[0] -= 1
        if budget[0] < 0:
            return None
        if len(line) == len(working):
            minutes = sum(instance.minutes[s] for s in line if s)
            return line if person.min_minutes <= minutes <= person.max_minutes else None
        if not working[len(line)]:
            return extend(line + [None])
        shifts = list(instance.minutes)
        rng.shuffle(shifts)
        for shift in shifts:
            if line and line[-1] and shift in instance.cannot_follow[line[-1]]:
                continue
            if line.count(shift) >= person.most.get(shift, len(working)):
                continue
            done = extend(line + [shift])
            if done is not None:
                return done
        return None

    return extend([])
