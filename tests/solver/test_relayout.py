"""Each day of the best rota laid out again: with the shifts, breaks and deferred work held, the
live time goes where one more advisor is worth most, and the plan is kept only when cheaper."""

from __future__ import annotations

from dataclasses import replace

import solver as solver_package
from solver import relayout
from solver.facts import DAY
from solver.first_day import first_days
from solver.hint import warm_start
from solver.search import SolveOptions
from tests.factories import advisor, small_scenario, weekday_demand

OPTIONS = SolveOptions(workers=2)
PEAK = range(40, 48)  # 10:00-12:00 on the Monday


def _quarters(first: int, last: int, volume: float) -> dict[str, float]:
    return {f"{h:02d}:{q:02d}": volume for h in range(first, last) for q in (0, 15, 30, 45)}


def _peaked_scenario():
    """Four voice and email advisors; voice peaks 10:00-12:00, email waits a day."""
    curve = _quarters(8, 10, 20.0) | _quarters(10, 12, 60.0) | _quarters(12, 16, 20.0)
    staff = tuple(advisor(f"A{i}", skills=("voice", "email")) for i in range(1, 5))
    base = small_scenario(staff=staff, absences=(), case_queues=(), case_arrivals=(),
                          backlog=())
    return replace(base, demand=weekday_demand("voice", curve)
                   + weekday_demand("email", {"09:00": 60.0}))


def _peaked():
    """The peaked scenario's model with everyone on the early shift all week."""
    m, service, queues, _ = solver_package.build(_peaked_scenario())
    rota = {(p, d): "E" for p in range(4) for d in range(5)}
    return m, service, queues, rota


def _on_voice(m, service, solver) -> dict[int, int]:
    (group,) = [g for g in service.groups if g.live]
    return {t: int(solver.value(v)) for (t, name), v in group.on_channel.items()
            if name == "voice" and t < DAY // m.facts.interval}


def test_email_left_on_the_peak_is_moved_to_where_the_shortage_is_least():
    m, service, queues, rota = _peaked()
    days = first_days(m, service, rota, queues)
    (group,) = [g for g in service.groups if g.live]
    for (t, name), v in group.on_channel.items():  # one on the peak, the rest on email
        if name == "voice" and t in PEAK:
            days[v.index] = 1
    bad = warm_start(m, rota, OPTIONS, 10.0, days=days)
    assert bad is not None and max(_on_voice(m, service, bad)[t] for t in PEAK) == 1
    better = relayout.relaid(m, service, bad, OPTIONS, 10.0)
    assert better is not None and better.objective_value < bad.objective_value
    on_voice = _on_voice(m, service, better)
    assert min(on_voice[t] for t in PEAK) >= max(n for t, n in on_voice.items()
                                                  if t not in PEAK)
    shares = [v for v in group.on_queue.values()]
    assert sum(better.value(v) for v in shares) == sum(bad.value(v) for v in shares)


def test_a_plan_whose_days_are_already_laid_out_well_is_kept():
    m, service, queues, rota = _peaked()
    good = warm_start(m, rota, OPTIONS, 10.0, days=first_days(m, service, rota, queues))
    assert good is not None
    again = relayout.relaid(m, service, good, OPTIONS, 10.0)
    assert again is None or again.objective_value < good.objective_value


def test_a_solve_lays_its_best_rota_out_again_after_the_search():
    plan = solver_package.solve(_peaked_scenario(), SolveOptions(time_limit=12.0, workers=2))
    names = [s.name for s in plan.stages if s.ran]
    assert "relayout" in names and names.index("relayout") > names.index("search"), names
    [stage] = [s for s in plan.stages if s.name == "relayout"]
    assert stage.objective is not None and stage.objective >= plan.objective - 0.01



def test_a_centre_with_no_live_channel_keeps_no_time_back_for_a_relayout():
    base = small_scenario()
    scenario = replace(base, channels=(), demand=(),
                       staff=tuple(replace(p, skills=("mutual_exchange",)) for p in base.staff))
    plan = solver_package.solve(scenario, SolveOptions(time_limit=4.0, workers=2))
    [stage] = [s for s in plan.stages if s.name == "relayout"]
    assert not stage.ran and stage.note == relayout.NO_LIVE
