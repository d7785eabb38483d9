"""A variant: a named list of changes made, one after another, to a base scenario."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import Scenario
from planner.problems import Severity
from planner.validate import check_scenario
from planner.whatif.demand import HandleTimeChange, OpeningDays, VolumeChange
from planner.whatif.fit import VariantError
from planner.whatif.patterns import AddPattern, RemovePattern
from planner.whatif.people import Absent, AddSkill, AddStaff, CoverPool, RemoveStaff

Change = (VolumeChange | HandleTimeChange | AddStaff | RemoveStaff | Absent | AddSkill
          | AddPattern | RemovePattern | OpeningDays | CoverPool)
CHANGES: tuple[type, ...] = (VolumeChange, HandleTimeChange, AddStaff, RemoveStaff, Absent,
                             AddSkill, AddPattern, RemovePattern, OpeningDays, CoverPool)


@dataclass(frozen=True)
class Variant:
    """A named what-if: changes applied in order to a base scenario."""

    name: str
    changes: tuple[Change, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(self.changes))

    def apply(self, base: Scenario) -> Scenario:
        """The base with every change made; VariantError when a change does not fit or the
        result could not be planned where the base could."""
        name = str(self.name).strip()
        if not name:
            raise VariantError("a variant needs a name")
        scenario = base
        for number, change in enumerate(self.changes, start=1):
            where = f"{name}, change {number}"
            if not isinstance(change, CHANGES):
                raise VariantError(f"{where}: {type(change).__name__} is not a change a variant "
                                   "can make")
            try:
                scenario = change.apply_to(scenario)
            except VariantError as exc:
                raise VariantError(f"{where} ({described(change, scenario)}): {exc}") from None
            except (TypeError, AttributeError) as exc:
                raise VariantError(f"{where} ({type(change).__name__}) is not filled in as "
                                   f"expected: {exc}") from None
        after = new_errors(base, scenario)
        if after:
            more = f" (and {len(after) - 1} more)" if len(after) > 1 else ""
            raise VariantError(f"{name} would leave a scenario that cannot be planned: "
                               f"{after[0]}{more}")
        return scenario

    def describe(self, base: Scenario | None = None) -> list[str]:
        """One plain-English line per change; with `base`, people are named as well as their
        ids."""
        return [described(change, base) for change in self.changes]


def new_errors(base: Scenario, scenario: Scenario) -> list[str]:
    """What stops the changed scenario being planned that did not stop the base, each as
    "sheet: message"."""
    before = {p.message for p in check_scenario(base) if p.severity is Severity.ERROR}
    return [f"{p.sheet}: {p.message}" for p in check_scenario(scenario)
            if p.severity is Severity.ERROR and p.message not in before]


def described(change: object, base: Scenario | None) -> str:
    """The change in words, or its kind when it is too badly filled in to say more."""
    try:
        return change.describe(base)  # type: ignore[attr-defined]
    except Exception:  # a change too badly filled in to describe still gets a line
        return type(change).__name__
