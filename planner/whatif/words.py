"""How a change is said: names, people, weekdays and numbers as a team leader writes them."""

from __future__ import annotations

from collections.abc import Iterable

from planner.checks.words import number
from planner.model import Scenario, Staff
from planner.whatif.fit import SHORT_WEEKDAYS, is_weekday


def label(name: str | None) -> str:
    """A channel or queue name at the start of a line: "voice" -> "Voice",
    "mutual_exchange" -> "Mutual exchange"."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]


def factor(value) -> str:
    return number(value) if isinstance(value, int | float) else repr(value)


def who(base: Scenario | None, staff_id: str) -> str:
    """"Asha Patel (S004)" when the base knows them, else the id."""
    for person in base.staff if base is not None else ():
        if person.staff_id == staff_id:
            return f"{person.name} ({person.staff_id})"
    return str(staff_id)


def people(base: Scenario | None, staff_ids: Iterable[str]) -> str:
    return and_([who(base, s) for s in staff_ids])


def people_list(staff: list[Staff]) -> str:
    return and_([f"{p.name} ({p.staff_id})" for p in staff])


def and_(words: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def unpaid_break(minutes: int) -> str:
    return f" ({minutes} min unpaid break)" if minutes else ""


def days(weekdays: Iterable[int]) -> str:
    """Weekdays as people write them: "Mon-Fri", "Sat, Sun", "Mon, Wed-Fri"."""
    ordered = sorted({d for d in weekdays if is_weekday(d)})
    runs: list[list[int]] = []
    for d in ordered:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(
        SHORT_WEEKDAYS[r[0]] if len(r) == 1 else
        f"{SHORT_WEEKDAYS[r[0]]}, {SHORT_WEEKDAYS[r[1]]}" if len(r) == 2 else
        f"{SHORT_WEEKDAYS[r[0]]}-{SHORT_WEEKDAYS[r[-1]]}"
        for r in runs)
