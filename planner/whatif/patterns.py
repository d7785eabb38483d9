"""Changes to the shifts that may be rostered: a new shift pattern, or one taken away."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.model import Scenario, ShiftPattern
from planner.plan import BREAK, NOT_WORKING
from planner.whatif import fit, words
from planner.whatif.fit import VariantError


@dataclass(frozen=True)
class AddPattern:
    """A new shift pattern. People with no list of patterns may work any, this one too; people
    named in `staff_ids` who have a list get it added to their list."""

    pattern: ShiftPattern
    staff_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_ids", fit.as_tuple(self.staff_ids))

    def apply_to(self, scenario: Scenario) -> Scenario:
        pattern = self.pattern
        if not isinstance(pattern, ShiftPattern):
            raise VariantError("a new shift pattern needs a code, start, end, break and days")
        code = str(pattern.code).strip()
        if not code or code != pattern.code:
            raise VariantError(f"shift pattern code {pattern.code!r} must be a name without "
                               "spaces at either end")
        if "," in code:
            raise VariantError(f"shift pattern code {code!r} has a comma; rename it")
        reserved = (*NOT_WORKING, BREAK)
        if code.upper() in reserved:
            raise VariantError(f"{code} means a day or time not worked ({', '.join(reserved)}) "
                               "and cannot be a shift pattern code")
        if any(str(p.code).upper() == code.upper() for p in scenario.patterns):
            raise VariantError(f"there is already a shift pattern {code}; pick another code")
        if pattern.paid_minutes <= 0:
            raise VariantError(f"the unpaid break ({pattern.unpaid_break_minutes} minutes) is at "
                               f"least as long as shift pattern {code} "
                               f"({pattern.length_minutes} minutes)")
        if pattern.unpaid_break_minutes < 0:
            raise VariantError("the unpaid break cannot be negative")
        if not pattern.days or any(not fit.is_weekday(d) for d in pattern.days):
            raise VariantError(f"shift pattern {code} needs days from 0 (Monday) to 6 (Sunday)")
        for staff_id in self.staff_ids:
            fit.person(scenario, staff_id)
        staff = tuple(
            replace(s, patterns=s.patterns + (pattern.code,))
            if s.staff_id in self.staff_ids and s.patterns else s
            for s in scenario.staff)
        return replace(scenario, patterns=scenario.patterns + (pattern,), staff=staff)

    def describe(self, base: Scenario | None = None) -> str:
        p = self.pattern
        text = (f"New shift pattern {p.code} {p.start:%H:%M}-{p.end:%H:%M}"
                f"{words.unpaid_break(p.unpaid_break_minutes)}, {words.days(p.days)}")
        if self.staff_ids:
            text += f", also for {words.people(base, self.staff_ids)}"
        return text


@dataclass(frozen=True)
class RemovePattern:
    """A shift pattern goes: from the patterns, from each person's list, and from the locks,
    pattern cover, forbidden sequences, shift requests and pattern limits that name it."""

    code: str

    def apply_to(self, scenario: Scenario) -> Scenario:
        code = fit.pattern(scenario, self.code)
        if len(scenario.patterns) == 1:
            raise VariantError(f"{code} is the only shift pattern; a rota needs at least one")
        stuck = [s for s in scenario.staff if s.patterns and set(s.patterns) <= {code}]
        if stuck:
            raise VariantError(f"{words.people_list(stuck)} may only work shift pattern {code}, "
                               "so would have no shift left; remove them too, or give them "
                               "another pattern first")
        return replace(
            scenario,
            patterns=tuple(p for p in scenario.patterns if p.code != code),
            staff=tuple(replace(s, patterns=tuple(c for c in s.patterns if c != code))
                        for s in scenario.staff),
            locks=tuple(x for x in scenario.locks if x.pattern != code),
            pattern_cover=tuple(x for x in scenario.pattern_cover if x.pattern != code),
            forbidden_sequences=tuple(x for x in scenario.forbidden_sequences
                                      if code not in (x.pattern, x.next_pattern)),
            shift_requests=tuple(x for x in scenario.shift_requests if x.pattern != code),
            pattern_limits=tuple(x for x in scenario.pattern_limits if x.pattern != code),
        )

    def describe(self, base: Scenario | None = None) -> str:
        return f"Without shift pattern {self.code}"
