"""Each sheet's rows and the scenario's parts, in both directions.

Reading turns a row's understood values into a model object; writing turns the object back into
the same values, so a saved scenario loads as the scenario that was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from enum import Enum
from types import UnionType
from typing import get_args, get_origin, get_type_hints

from planner.model import (
    Absence,
    BacklogEntry,
    CaseArrival,
    CaseQueue,
    Channel,
    DemandRow,
    ForbiddenSequence,
    Lock,
    PatternCover,
    PatternLimit,
    Region,
    Rules,
    Settings,
    ShiftPattern,
    ShiftRequest,
    Staff,
    StaffId,
)
from planner.plan import OFF

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


_RULE_FIELDS = [f for f in fields(Rules) if f.name != "extra"]


def rules_from(v: Values, extra: list[tuple[str, str]]) -> Rules:
    hints = get_type_hints(Rules)
    return Rules(**{f.name: _as(hints[f.name], v[f.name]) for f in _RULE_FIELDS if f.name in v},
                 extra=tuple(extra))


def rules_values(r: Rules) -> Values:
    return {f.name: getattr(r, f.name) for f in _RULE_FIELDS}


class _Table:
    """A sheet whose columns are the fields of one model class, a few under another name.

    Reading turns a row's values into the object (words into their enum, lists into tuples,
    numbers into the field's type); writing gives back the same values, enums as their words.
    """

    def __init__(self, cls: type, renames: dict[str, str] | None = None):
        self.cls = cls
        self.columns = {f.name: (renames or {}).get(f.name, f.name) for f in fields(cls)}
        self.hints = get_type_hints(cls)

    def build(self, v: Values) -> object:
        return self.cls(**{
            name: _as(self.hints[name], v[column])
            for name, column in self.columns.items() if column in v
        })

    def values_of(self, item: object) -> Values:
        return {column: _plain(getattr(item, name)) for name, column in self.columns.items()}


def _as(hint, value):
    """`value` as the field's declared type: an enum member, a tuple or a float where declared."""
    if value is None:
        return None
    kinds = get_args(hint) if isinstance(hint, UnionType) else (hint,)
    for kind in kinds:
        if isinstance(kind, type) and issubclass(kind, Enum):
            return kind(value)
        if get_origin(kind) is tuple:
            return tuple(value)
        if kind is float:
            return float(value)
    return value


def _plain(value):
    return str(value) if isinstance(value, Enum) else value


def _lock(v: Values) -> Lock:
    pattern = str(v["pattern"])
    return Lock(staff_id=StaffId(v["staff_id"]), date=v["date"],
                pattern=OFF if pattern.upper() == OFF else pattern)


def _lock_values(lock: Lock) -> Values:
    return {"staff_id": lock.staff_id, "date": lock.date, "pattern": lock.pattern}


# Sheet name -> (Scenario field, row to object, object to row).
_TABLES = {
    "Channels": ("channels", _Table(Channel, {"name": "channel"})),
    "Demand": ("demand", _Table(DemandRow)),
    "Staff": ("staff", _Table(Staff)),
    "ShiftPatterns": ("patterns", _Table(ShiftPattern, {"code": "pattern"})),
    "Absences": ("absences", _Table(Absence)),
    "CaseQueues": ("case_queues", _Table(CaseQueue, {"name": "queue"})),
    "CaseArrivals": ("case_arrivals", _Table(CaseArrival)),
    "CaseBacklog": ("backlog", _Table(BacklogEntry)),
    "PatternCover": ("pattern_cover", _Table(PatternCover)),
    "ForbiddenSequences": ("forbidden_sequences", _Table(ForbiddenSequence)),
    "ShiftRequests": ("shift_requests", _Table(ShiftRequest)),
    "PatternLimits": ("pattern_limits", _Table(PatternLimit)),
}
TABLES: dict[str, tuple[str, Callable[[Values], object], Callable[[object], Values]]] = {
    name: (field, table.build, table.values_of) for name, (field, table) in _TABLES.items()
} | {"Locks": ("locks", _lock, _lock_values)}
