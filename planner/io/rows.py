"""Each sheet's rows and the scenario's parts, in both directions.

Reading turns a row's understood values into a model object; writing turns the object back into
the same values, so a saved scenario loads as the scenario that was saved.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.model import (
    Absence,
    AbsenceKind,
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    Channel,
    ChannelKind,
    ChannelName,
    DeadlineBasis,
    DemandRow,
    Lock,
    PatternCode,
    QueueName,
    Region,
    Rules,
    Settings,
    ShiftPattern,
    Staff,
    StaffId,
)
from planner.validate import OFF

Values = dict[str, object]


def settings_from(v: Values) -> Settings:
    return Settings(
        plan_start=v["plan_start"],
        plan_days=v["plan_days"],
        interval_minutes=v["interval_minutes"],
        region=Region(v["region"]),
        shrinkage=float(v["shrinkage"]),
    )


def settings_values(s: Settings) -> Values:
    return {
        "plan_start": s.plan_start,
        "plan_days": s.plan_days,
        "interval_minutes": s.interval_minutes,
        "region": str(s.region),
        "shrinkage": s.shrinkage,
    }


def rules_from(v: Values, extra: list[tuple[str, str]]) -> Rules:
    return Rules(
        min_rest_hours=float(v["min_rest_hours"]),
        max_consecutive_days=v["max_consecutive_days"],
        min_consecutive_days_off=v["min_consecutive_days_off"],
        max_weekly_hours=float(v["max_weekly_hours"]),
        max_weekends_per_4_weeks=v["max_weekends_per_4_weeks"],
        extra=tuple(extra),
    )


def rules_values(r: Rules) -> Values:
    return {
        "min_rest_hours": r.min_rest_hours,
        "max_consecutive_days": r.max_consecutive_days,
        "min_consecutive_days_off": r.min_consecutive_days_off,
        "max_weekly_hours": r.max_weekly_hours,
        "max_weekends_per_4_weeks": r.max_weekends_per_4_weeks,
    }


def _channel(v: Values) -> Channel:
    return Channel(
        name=ChannelName(v["channel"]),
        kind=ChannelKind(v["kind"]),
        aht_seconds=v["aht_seconds"],
        target_answer_seconds=v["target_answer_seconds"],
        service_level_target=v["service_level_target"],
        max_abandon_rate=v["max_abandon_rate"],
        patience_seconds=v["patience_seconds"],
        concurrency=v["concurrency"],
        open_on_bank_holidays=v["open_on_bank_holidays"],
        max_asa_seconds=v["max_asa_seconds"],
        max_occupancy=v["max_occupancy"],
    )


def _channel_values(c: Channel) -> Values:
    return {
        "channel": c.name,
        "kind": str(c.kind),
        "aht_seconds": c.aht_seconds,
        "target_answer_seconds": c.target_answer_seconds,
        "service_level_target": c.service_level_target,
        "max_abandon_rate": c.max_abandon_rate,
        "patience_seconds": c.patience_seconds,
        "concurrency": c.concurrency,
        "open_on_bank_holidays": c.open_on_bank_holidays,
        "max_asa_seconds": c.max_asa_seconds,
        "max_occupancy": c.max_occupancy,
    }


def _demand(v: Values) -> DemandRow:
    return DemandRow(
        channel=ChannelName(v["channel"]),
        interval_start=v["interval_start"],
        volume=v["volume"],
        date=v["date"],
        weekday=v["weekday"],
        aht_seconds=v["aht_seconds"],
    )


def _demand_values(d: DemandRow) -> Values:
    return {
        "date": d.date,
        "weekday": d.weekday,
        "interval_start": d.interval_start,
        "channel": d.channel,
        "volume": d.volume,
        "aht_seconds": d.aht_seconds,
    }


def _staff(v: Values) -> Staff:
    return Staff(
        staff_id=StaffId(v["staff_id"]),
        name=v["name"],
        team=v["team"],
        skills=tuple(v["skills"]),
        contract_hours=v["contract_hours"],
        min_hours=v["min_hours"],
        max_hours=v["max_hours"],
        max_days_per_week=v["max_days_per_week"],
        cover=v["cover"],
        hourly_cost=float(v["hourly_cost"]),
        patterns=tuple(PatternCode(p) for p in v["patterns"]),
    )


def _staff_values(s: Staff) -> Values:
    return {
        "staff_id": s.staff_id,
        "name": s.name,
        "team": s.team,
        "skills": s.skills,
        "contract_hours": s.contract_hours,
        "min_hours": s.min_hours,
        "max_hours": s.max_hours,
        "max_days_per_week": s.max_days_per_week,
        "cover": s.cover,
        "hourly_cost": s.hourly_cost,
        "patterns": s.patterns,
    }


def _pattern(v: Values) -> ShiftPattern:
    return ShiftPattern(
        code=PatternCode(v["pattern"]),
        start=v["start"],
        end=v["end"],
        unpaid_break_minutes=v["unpaid_break_minutes"],
        days=tuple(v["days"]),
    )


def _pattern_values(p: ShiftPattern) -> Values:
    return {
        "pattern": p.code,
        "start": p.start,
        "end": p.end,
        "unpaid_break_minutes": p.unpaid_break_minutes,
        "days": p.days,
    }


def _absence(v: Values) -> Absence:
    return Absence(
        staff_id=StaffId(v["staff_id"]),
        start_date=v["start_date"],
        end_date=v["end_date"],
        kind=AbsenceKind(v["kind"]),
        start_time=v["start_time"],
        end_time=v["end_time"],
    )


def _absence_values(a: Absence) -> Values:
    return {
        "staff_id": a.staff_id,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "kind": str(a.kind),
        "start_time": a.start_time,
        "end_time": a.end_time,
    }


def _queue(v: Values) -> CaseQueue:
    return CaseQueue(
        name=QueueName(v["queue"]),
        effort_minutes=v["effort_minutes"],
        deadline_days=v["deadline_days"],
        deadline_basis=DeadlineBasis(v["deadline_basis"]),
        target_on_time=v["target_on_time"],
    )


def _queue_values(q: CaseQueue) -> Values:
    return {
        "queue": q.name,
        "effort_minutes": q.effort_minutes,
        "deadline_days": q.deadline_days,
        "deadline_basis": str(q.deadline_basis),
        "target_on_time": q.target_on_time,
    }


def _arrival(v: Values) -> CaseArrival:
    return CaseArrival(queue=QueueName(v["queue"]), new_cases=v["new_cases"], date=v["date"],
                       weekday=v["weekday"])


def _arrival_values(a: CaseArrival) -> Values:
    return {"queue": a.queue, "date": a.date, "weekday": a.weekday, "new_cases": a.new_cases}


def _backlog(v: Values) -> BacklogEntry:
    return BacklogEntry(queue=QueueName(v["queue"]), opened_date=v["opened_date"],
                        count=v["count"])


def _backlog_values(b: BacklogEntry) -> Values:
    return {"queue": b.queue, "opened_date": b.opened_date, "count": b.count}


def _lock(v: Values) -> Lock:
    pattern = str(v["pattern"])
    return Lock(staff_id=StaffId(v["staff_id"]), date=v["date"],
                pattern=OFF if pattern.upper() == OFF else pattern)


def _lock_values(lock: Lock) -> Values:
    return {"staff_id": lock.staff_id, "date": lock.date, "pattern": lock.pattern}


# Sheet name -> (Scenario field, row to object, object to row).
TABLES: dict[str, tuple[str, Callable[[Values], object], Callable[[object], Values]]] = {
    "Channels": ("channels", _channel, _channel_values),
    "Demand": ("demand", _demand, _demand_values),
    "Staff": ("staff", _staff, _staff_values),
    "ShiftPatterns": ("patterns", _pattern, _pattern_values),
    "Absences": ("absences", _absence, _absence_values),
    "CaseQueues": ("case_queues", _queue, _queue_values),
    "CaseArrivals": ("case_arrivals", _arrival, _arrival_values),
    "CaseBacklog": ("backlog", _backlog, _backlog_values),
    "Locks": ("locks", _lock, _lock_values),
}
