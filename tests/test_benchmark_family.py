"""The benchmark family of generated centres (benchmarks/family.py): repeatable from its seed,
spread over the shapes it promises, and every case a scenario the planner accepts as it is.

Nothing is solved here; building and checking a family takes a second or two.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from benchmarks.family import SECONDS, family
from planner.calendar import bank_holidays
from planner.demand import case_arrivals, demand_grid
from planner.model import AbsenceKind, ChannelKind, RequestKind, Scenario
from planner.plan import OFF
from planner.validate import check_scenario

SEEDS = (0, 1, 2)


@pytest.fixture(scope="module", params=SEEDS, ids=lambda seed: f"seed{seed}")
def cases(request) -> list[tuple[str, Scenario]]:
    return family(request.param)


def scenarios(cases) -> list[Scenario]:
    return [scenario for _, scenario in cases]


def contact_hours(scenario: Scenario) -> float:
    """Hours of work the plan's contacts bring: live contacts x handle time / concurrency, and
    emails x handle time."""
    grid = demand_grid(scenario)
    work = grid.volume * grid.aht_seconds
    return sum(float(work[:, :, k].sum()) / 3600 / (c.concurrency if c.kind.is_live else 1)
               for k, c in enumerate(grid.channels))


def case_hours(scenario: Scenario) -> float:
    """Hours of work the plan's new cases bring (the backlog left out)."""
    effort = {q.name: q.effort_minutes for q in scenario.case_queues}
    return sum(float(new.sum()) * effort[queue] / 60
               for queue, new in case_arrivals(scenario).items())


def contracted_hours(scenario: Scenario) -> float:
    """The hours the staff (cover aside) are contracted for over the plan, net of shrinkage."""
    weeks = scenario.settings.plan_days / 7
    hours = sum(p.contract_hours for p in scenario.staff if not p.cover)
    return hours * weeks * (1 - scenario.settings.shrinkage)


def workload_ratio(scenario: Scenario) -> float:
    """The work the demand brings against the hours there are to do it in: over 1, more work
    than contracted hours even before any wait for answer is allowed for."""
    return (contact_hours(scenario) + case_hours(scenario)) / contracted_hours(scenario)


def holidays_inside(scenario: Scenario) -> dict[dt.date, str]:
    settings = scenario.settings
    return bank_holidays(settings.region, settings.plan_start, settings.plan_end)


# --- the family as a whole ------------------------------------------------------------------------


def test_at_least_24_cases_each_named_once_with_the_suggested_time_limit(cases):
    names = [name for name, _ in cases]
    assert len(cases) >= 24
    assert len(set(names)) == len(names)
    assert all(name.startswith(f"f{n:02d}-") for n, name in enumerate(names, 1)), names
    assert SECONDS == 60.0


def test_names_say_staff_weeks_and_interval(cases):
    for name, scenario in cases:
        settings = scenario.settings
        assert (f"-{len(scenario.staff)}x{settings.plan_days // 7}w-"
                f"{settings.interval_minutes}min-") in name, name


def test_the_same_seed_gives_the_same_family_and_another_seed_another():
    first, again, other = family(0), family(0), family(1)
    assert first == again
    assert [name for name, _ in first] != [name for name, _ in other]
    differ = sum(a != b for (_, a), (_, b) in zip(first, other, strict=True))
    assert differ == len(first)


# --- what the family spans ------------------------------------------------------------------------


def test_sizes_lengths_and_intervals(cases):
    every = scenarios(cases)
    sizes = [len(s.staff) for s in every]
    assert min(sizes) <= 15
    assert max(sizes) >= 300
    assert max(sizes) <= 300
    weeks = {s.settings.plan_days // 7 for s in every}
    assert {1, 6} <= weeks and len(weeks) >= 5
    assert all(s.settings.plan_days % 7 == 0 for s in every)
    assert {s.settings.interval_minutes for s in every} == {15, 30, 60}


def test_channel_mixes_with_and_without_case_queues(cases):
    mixes = {tuple(sorted(c.kind.value for c in s.channels)) for s in scenarios(cases)}
    assert ("voice",) in mixes
    assert ("chat", "voice") in mixes
    assert ("email", "reception", "voice") in mixes
    assert any(not s.case_queues for s in scenarios(cases))
    assert any(len(s.case_queues) >= 3 for s in scenarios(cases))


def test_out_of_hours_lines_worked_on_shifts_that_end_after_midnight(cases):
    found = 0
    for scenario in scenarios(cases):
        overnight = {p.code for p in scenario.patterns if p.crosses_midnight}
        if not overnight:
            continue
        workers = [p for p in scenario.staff if overnight & set(p.patterns)]
        grid = demand_grid(scenario)
        small_hours = grid.volume[:, : grid.volume.shape[1] // 8, :]  # 00:00 to 03:00
        if workers and small_hours.sum() > 0:
            found += 1
    assert found >= 3


def test_saturday_and_sunday_opening(cases):
    def weekend_contacts(scenario, weekday):
        grid = demand_grid(scenario)
        days = [i for i, d in enumerate(grid.dates) if d.weekday() == weekday]
        day_channels = [k for k, c in enumerate(grid.channels) if c.kind is not ChannelKind.EMAIL]
        # open during the day: 10:00 to 16:00, so an out-of-hours line does not count
        slots = slice(10 * 60 // scenario.settings.interval_minutes,
                      16 * 60 // scenario.settings.interval_minutes)
        return float(grid.volume[days][:, slots][:, :, day_channels].sum())

    every = scenarios(cases)
    assert any(weekend_contacts(s, 5) > 0 for s in every)
    assert any(weekend_contacts(s, 6) > 0 for s in every)
    assert any(weekend_contacts(s, 5) == 0 and weekend_contacts(s, 6) == 0 for s in every)


def test_part_time_heavy_teams_and_full_time_ones(cases):
    def part_time(scenario):  # contracted for less than a full-time week
        staff = [p for p in scenario.staff if not p.cover]
        return sum(p.contract_hours < 35 for p in staff) / len(staff)

    shares = [part_time(s) for s in scenarios(cases)]
    assert max(shares) > 0.6
    assert min(shares) < 0.2


def test_specialists_and_multi_skilled_advisors(cases):
    def multi_skilled(scenario):  # of those who work only channels, the share on several
        channels = {c.name for c in scenario.channels}
        advisors = [p for p in scenario.staff if set(p.skills) <= channels and not p.cover]
        return sum(len(p.skills) > 1 for p in advisors) / len(advisors)

    shares = [multi_skilled(s) for s in scenarios(cases) if len(s.channels) >= 2]
    assert max(shares) >= 0.8
    assert min(shares) <= 0.35


def test_a_case_heavy_back_office(cases):
    def case_heavy(scenario):
        queues = {q.name for q in scenario.case_queues}
        staff = [p for p in scenario.staff if not p.cover]
        on_cases = sum(bool(queues & set(p.skills)) for p in staff)
        return on_cases > len(staff) / 2 and case_hours(scenario) > contact_hours(scenario)

    heavy = [s for s in scenarios(cases) if case_heavy(s)]
    assert heavy
    assert all(q.deadline_days > 0 for s in heavy for q in s.case_queues)


def test_cover_pools(cases):
    pools = [[p for p in s.staff if p.cover] for s in scenarios(cases)]
    assert any(len(pool) >= 3 for pool in pools)
    for pool in pools:
        for person in pool:
            assert person.contract_hours == 0 and person.skills and person.patterns


def test_overloaded_and_comfortable_centres(cases):
    ratios = {name: workload_ratio(s) for name, s in cases}
    assert max(ratios.values()) > 1.25, ratios
    assert min(ratios.values()) < 0.7, ratios
    assert sum(r > 1.25 for r in ratios.values()) >= 3, ratios


def test_bank_holidays_inside_some_plans_and_none_in_others(cases):
    inside = [holidays_inside(s) for s in scenarios(cases)]
    weekday_holidays = {name for found in inside for day, name in found.items()
                        if day.weekday() < 5}
    assert {"Spring Bank Holiday", "Late Summer Bank Holiday"} <= weekday_holidays
    assert len(weekday_holidays) >= 5
    assert any(not found for found in inside)
    assert {s.settings.region.value for s in scenarios(cases)} == {
        "england-and-wales", "scotland", "northern-ireland"}


def test_leave_clashes(cases):
    def clashes(scenario):  # three or more of a team, and a quarter of it, away the same week
        team = {p.staff_id: p.team for p in scenario.staff}
        size = Counter(team.values())
        away = Counter((team[a.staff_id], a.start_date) for a in scenario.absences
                       if a.kind is AbsenceKind.ANNUAL_LEAVE)
        return [(name, start) for (name, start), count in away.items()
                if count >= 3 and count >= size[name] / 4]

    assert sum(bool(clashes(s)) for s in scenarios(cases)) >= 2


def test_locks_and_shift_requests(cases):
    every = scenarios(cases)
    assert max(len(s.locks) for s in every) >= 5
    locks = [lock for s in every for lock in s.locks]
    assert any(lock.pattern == OFF for lock in locks)
    assert any(lock.pattern != OFF for lock in locks)
    assert max(len(s.shift_requests) for s in every) >= 10
    requests = [r for s in every for r in s.shift_requests]
    assert {r.request for r in requests} == {RequestKind.WANT, RequestKind.AVOID}
    assert any(r.pattern == "" for r in requests) and any(r.pattern for r in requests)
    assert any(s.forbidden_sequences for s in every)


# --- each case a plausible centre the planner accepts -------------------------------------------


def test_every_case_passes_the_scenario_checks_with_no_problems(cases):
    for name, scenario in cases:
        problems = check_scenario(scenario)
        assert not problems, f"{name}:\n" + "\n".join(str(p) for p in problems)


def test_every_case_is_a_plausible_centre(cases):
    for name, scenario in cases:
        for channel in scenario.channels:
            assert 180 <= channel.aht_seconds <= 900, (name, channel)
            assert 0 < channel.service_level_target < 1, (name, channel)
        for pattern in scenario.patterns:
            assert 3.5 * 60 <= pattern.length_minutes <= 10 * 60, (name, pattern)
            assert pattern.length_minutes <= 6 * 60 or pattern.unpaid_break_minutes >= 30, (
                name, pattern)
        for person in scenario.staff:
            if not person.cover:
                assert 16 <= person.contract_hours <= 40, (name, person)
                assert person.min_hours <= person.contract_hours <= person.max_hours, (name, person)
        assert contact_hours(scenario) > 0, name
        assert 0.2 < workload_ratio(scenario) < 2.0, name
