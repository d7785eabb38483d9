"""Reading the Variants sheet of a workbook into variants of a base scenario.

Every problem is found in one pass and located by file, sheet, row and column, as for a
scenario's own sheets: a cell that cannot be read, a column a change needs left blank, a
channel, person, skill, team or shift pattern the scenario does not have, and a change that
does not fit the scenario the changes above it left. A variant with any error is left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from planner.io.records import Record, read_records
from planner.io.table import RawTable, error, is_blank, warning
from planner.io.workbook import read_workbook
from planner.io.xlsx import not_a_workbook
from planner.model import Scenario
from planner.problems import Problem, ProblemList, Severity
from planner.whatif import fit
from planner.whatif.fit import VariantError
from planner.whatif.runs import BASE
from planner.whatif.sheet import KIND_BY_WORD, VARIANTS, ChangeKind
from planner.whatif.variant import Change, Variant, new_errors

SHEET = VARIANTS.name
WHAT = "variants workbook"


@dataclass(frozen=True)
class VariantsRead(ProblemList):
    """The variants a workbook holds, in the order first named, and every problem found."""

    variants: tuple[Variant, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return bool(self.variants) and not self.errors


def read_variants(path: str | os.PathLike, base: Scenario) -> VariantsRead:
    """The variants on the Variants sheet of the workbook at `path`, checked against `base`."""
    path = Path(path)
    problems: list[Problem] = []
    table = _table(path, problems)
    variants: list[Variant] = []
    if table is not None:
        read = read_records(table, VARIANTS, problems)
        groups: dict[str, list[Record]] = {}
        for record in read.records:
            groups.setdefault(str(record.values["variant"]).casefold(), []).append(record)
        for records in groups.values():
            variant = _variant(base, records, problems)
            if variant is not None:
                variants.append(variant)
        if read.complete and not read.records:
            problems.append(error(f"the {SHEET} sheet lists no variants; add a row per change",
                                  SHEET, table.header_row))
    located = tuple(replace(p, file=p.file or path.name) for p in problems)
    return VariantsRead(tuple(variants), located)


def _table(path: Path, problems: list[Problem]) -> RawTable | None:
    """The Variants sheet's header and the rows that hold anything."""
    if not path.exists():
        problems.append(error(f"There is no file at {path}; check the name and where it was "
                              "saved"))
        return None
    reason = not_a_workbook(path, WHAT)
    if reason:
        problems.append(error(f"{path.name} {reason}"))
        return None
    read = read_workbook(path, (SHEET,))
    # The scenario's sheets are not looked for here: only a file that cannot be read at all.
    problems += [p for p in read.problems if not p.sheet and p.severity is Severity.ERROR]
    problems += read.tab_problems
    if SHEET not in read.tabs:
        if not problems:
            columns = ", ".join(column.name for column in VARIANTS.columns)
            problems.append(error(f"{path.name} has no {SHEET} sheet; add one with the columns "
                                  f"{columns} ('planner compare --template' writes one)", SHEET))
        return None
    rows = [(number, _trimmed(values)) for number, values in read.tabs[SHEET]]
    header = rows[0][1] if rows else ()
    return RawTable(VARIANTS, SHEET, path.name, header,
                    tuple((number, values) for number, values in rows[1:] if values))


def _trimmed(values: tuple[object, ...]) -> tuple[object, ...]:
    cells = list(values)
    while cells and is_blank(cells[-1]):
        cells.pop()
    return tuple(cells)


def _variant(base: Scenario, records: list[Record], problems: list[Problem]) -> Variant | None:
    """One variant from its rows, each change tried on the scenario the rows above left."""
    first = records[0]
    name = str(first.values["variant"]).strip()
    ok = True
    if name.casefold() == BASE.casefold():
        problems.append(error(f"{BASE} is the name of the scenario as it is; give the variant "
                              "another name", SHEET, first.row, "variant"))
        ok = False
    scenario, changes = base, []
    for record in records:
        made = _changes(scenario, record, problems)
        if made is None:
            ok = False
            continue
        for change in made:
            try:
                scenario = change.apply_to(scenario)
            except VariantError as refused:
                kind = KIND_BY_WORD[record.values["change"]]
                problems.append(error(f"{name}: {refused}", SHEET, record.row,
                                      _blamed(kind, record.values)))
                ok = False
                break
            changes.append(change)
    if not ok:
        return None
    after = new_errors(base, scenario)
    if after:
        more = f" (and {len(after) - 1} more)" if len(after) > 1 else ""
        problems.append(error(f"{name} would leave a scenario that cannot be planned: "
                              f"{after[0]}{more}", SHEET, first.row, "variant"))
        return None
    return Variant(name, tuple(changes))


def _changes(scenario: Scenario, record: Record, problems: list[Problem]
             ) -> tuple[Change, ...] | None:
    """The changes a row makes, or None (said why) when a cell it needs is blank or names
    something `scenario` does not have."""
    values, row = record.values, record.row
    kind = KIND_BY_WORD[values["change"]]
    found = len(problems)
    for column in kind.needs:
        if _blank(values[column]):
            example = VARIANTS.column(column).example
            problems.append(error(f"{kind.word} needs {column}, e.g. {example}", SHEET, row,
                                  column))
    if kind.one_of and all(_blank(values[column]) for column in kind.one_of):
        problems.append(error(f"{kind.word} needs {' or '.join(kind.one_of)}", SHEET, row,
                              kind.one_of[0]))
    used = {"variant", "change", *kind.needs, *kind.uses, *kind.one_of}
    for column in VARIANTS.columns:
        if column.name not in used and values[column.name] != column.default:
            problems.append(warning(f"{kind.word} does not use {column.name}, so it was ignored",
                                    SHEET, row, column.name))
    for column, check in _NAMED:
        value = values[column]
        if column in used and not _blank(value) and not (column == "pattern"
                                                          and kind.word == "new_pattern"):
            for item in value if isinstance(value, tuple) else (value,):
                try:
                    check(scenario, item)
                except VariantError as refused:
                    problems.append(error(str(refused), SHEET, row, column))
    if any(p.severity is Severity.ERROR for p in problems[found:]):
        return None
    return kind.make(values)


# Cells that name something in the scenario, and how each is looked up there.
_NAMED = (("channel", fit.channels), ("staff_ids", fit.person), ("skill", fit.skill),
          ("team", fit.team), ("pattern", fit.pattern))


def _blank(value: object) -> bool:
    return value is None or value == ()


def _blamed(kind: ChangeKind, values: dict) -> str:
    """The column to point at for a change that does not fit: the kind's own, or the filled
    cell nearest it."""
    if kind.word == "volume":
        for column in ("date", "days", "channel"):
            if not _blank(values[column]):
                return column
        return "change"
    if kind.word == "handle_time" and _blank(values["seconds"]):
        return "factor"
    if kind.word == "extra_skill" and not _blank(values["staff_ids"]):
        return "staff_ids"
    return kind.blame

