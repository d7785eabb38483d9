"""The Checks view: shortfalls biggest first, each explained at its worst interval, and going
to one shows its own channel and day in Coverage."""

from __future__ import annotations

import datetime as dt

from planner.checks import check_rota
from planner.explain import Doing, explain
from planner.plan import OFF, Plan, RotaCell, SolveStatus
from tests.gui.conftest import SMALL
from ui.gui.views.checks import findings


def _early_rota(scenario) -> tuple[RotaCell, ...]:
    """Everyone on their first allowed pattern on weekdays it is worked: the afternoons and the
    late-opening channels are left short."""
    patterns = {p.code: p for p in scenario.patterns}
    cells = []
    for person in scenario.staff:
        pattern = patterns[(person.patterns or tuple(patterns))[0]]
        for day in scenario.settings.dates:
            works = day.weekday() < 5 and day.weekday() in pattern.days
            cells.append(RotaCell(person.staff_id, day, pattern.code if works else OFF))
    return tuple(cells)


def _opened_with_rota(window):
    assert window.open_path(SMALL)
    document = window.document
    rota = _early_rota(document.scenario)
    document.apply_plan(Plan(SolveStatus.FEASIBLE, rota, (), check_rota(document.scenario, rota),
                             objective=0.0, bound=0.0, gap=1.0, wall_seconds=0.0))
    return document


def test_shortfalls_come_biggest_first_with_their_worst_interval(window):
    document = _opened_with_rota(window)
    found = [f for f in findings(document.scenario, document.assessment) if f.kind == "service"]
    assert len(found) >= 3
    hours = document.scenario.settings.interval_minutes / 60

    def short(finding):
        return sum(r.required - r.planned for r in document.assessment.coverage
                   if r.channel == finding.place and r.date == finding.date
                   and r.planned < r.required) * hours

    sizes = [short(f) for f in found]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    first = found[0]
    day_rows = [r for r in document.assessment.coverage
                if r.channel == first.place and r.date == first.date]
    at_worst = next(r for r in day_rows if r.interval_start == first.at)
    assert at_worst.required - at_worst.planned == max(r.required - r.planned for r in day_rows)
    assert "advisor-hour" in first.message and f"most at {first.at:%H:%M}" in first.message


def test_choosing_a_shortfall_explains_it_and_going_shows_its_channel_and_day(window):
    document = _opened_with_rota(window)
    checks = window.show_view("checks")
    rows = [i for i, f in enumerate(checks.findings) if f.kind == "service"]
    pick = next((i for i in rows if checks.findings[i].place != "voice"), rows[0])
    finding = checks.findings[pick]
    item = checks.tree.topLevelItem(pick)
    checks.tree.setCurrentItem(item)
    at = dt.datetime.combine(finding.date, finding.at)
    assert checks.why.shown == (finding.place, at)
    headline = explain(document.scenario, document.rota, document.activities, finding.place,
                       at).lines()[0]
    assert headline in checks.why.toPlainText()
    checks.tree.itemActivated.emit(item, 0)
    coverage = window.views["coverage"]
    assert window.stack.currentWidget() is coverage
    assert coverage.choosers.current_channel() == finding.place
    assert coverage.choosers.current_day() == finding.date


def test_a_shortfall_names_who_could_cover_its_worst_interval(window):
    document = _opened_with_rota(window)
    found = [f for f in findings(document.scenario, document.assessment, document.rota,
                                 document.activities) if f.kind == "service"]
    named = [f for f in found if f.who]
    assert named, [f.message for f in found]
    for finding in found:
        why = explain(document.scenario, document.rota, document.activities, finding.place,
                      dt.datetime.combine(finding.date, finding.at))
        free = [p.person.name for p in why.of(Doing.OTHER_WORK) + why.of(Doing.OFF_FREE)]
        busy = [p.person.name for p in why.people if p.person.name not in free]
        assert bool(finding.who) == bool(free)
        if free:
            assert finding.who.startswith(f"{len(free)} could cover: {free[0]}")
        assert all(f"{name} (" in finding.covering for name in free)
        assert not any(f"{name} (" in finding.covering for name in busy), (finding.who, busy)
    checks = window.show_view("checks")
    row = next(i for i, f in enumerate(checks.findings) if f.who)
    item = checks.tree.topLevelItem(row)
    assert item.text(1) == checks.findings[row].who
    assert checks.findings[row].covering in item.toolTip(1)
