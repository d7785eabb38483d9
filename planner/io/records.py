"""From a sheet's raw cells to rows of understood values, noting every problem on the way.

Headers are matched without regard to case, spaces or underscores ("Staff ID " is staff_id).
A row with any unreadable cell is left out of the scenario, but its id is remembered so that
other sheets naming it are not blamed as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.io.cells import CellProblem, read_cell
from planner.io.celltext import cell_text
from planner.io.schema import Column, Kind, Sheet, normal_name
from planner.io.table import RawTable, clean_text, error, is_blank, warning
from planner.problems import Problem, Severity

# Problems listed one by one in any one column of a sheet; more are counted.
MOST_LISTED = 100


@dataclass(frozen=True)
class Record:
    """One understood row: values by column name (defaults filled in) and where it was read."""

    row: int
    values: dict[str, object]


@dataclass
class SheetRead:
    """What could be understood of one sheet.

    `usable` is False when the sheet could not be understood at all (its id column is missing),
    so checks that other sheets name its ids are skipped. `complete` is False when some rows
    were left out; `unread_ids` holds the ids on those rows.
    """

    sheet: Sheet
    records: list[Record] = field(default_factory=list)
    unread_ids: set[str] = field(default_factory=set)
    usable: bool = True
    complete: bool = True


def _header(table: RawTable, problems: list[Problem]) -> dict[str, int]:
    """Which position in a row holds each known column; unknown headings are reported."""
    sheet, row = table.sheet, table.header_row
    known = {normal_name(column.name): column.name for column in sheet.columns}
    positions: dict[str, int] = {}
    width = max([len(table.header)] + [len(values) for _, values in table.rows])
    for index in range(width):
        cell = table.header[index] if index < len(table.header) else None
        text = "" if is_blank(cell) else clean_text(str(cell))
        name = known.get(normal_name(text))
        if not text:
            if any(index < len(values) and not is_blank(values[index])
                   for _, values in table.rows):
                problems.append(warning(f"the {_ordinal(index + 1)} column has values but no "
                                        "heading, so it was ignored", sheet.name, row))
        elif name is None:
            problems.append(warning(f"column {text!r} is not one the planner reads, so it was "
                                    "ignored", sheet.name, row, text))
        elif name in positions:
            problems.append(error(f"two columns are both {name}; delete one of them",
                                  sheet.name, row, name))
        else:
            positions[name] = index
    return positions


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                "th")
    return f"{number}{suffix}"


def _missing(table: RawTable, positions: dict[str, int], problems: list[Problem]) -> bool:
    """Report each needed column the header lacks; True when any is missing.

    An optional sheet with no rows needs no columns: it is simply empty.
    """
    sheet, row = table.sheet, table.header_row
    if not table.rows and not sheet.required:
        return False
    if not positions:
        names = ", ".join(column.name for column in sheet.columns)
        if any(not is_blank(cell) for cell in table.header):
            what = f"none of the headings in row {row} is a column the planner reads"
        elif table.rows:
            what = f"{sheet.name} has no header row"
        else:
            what = f"{sheet.name} is empty"
        problems.append(error(f"{what}; row {row} must name the columns ({names})",
                              sheet.name, row))
        return True
    missing = False
    for column in sheet.columns:
        if (column.required or column.header_required) and column.name not in positions:
            problems.append(error(f"{sheet.name} has no {column.name} column; add it: "
                                  f"{_describe(column)}", sheet.name, row, column.name))
            missing = True
    for first, second in sheet.one_of:
        if first not in positions and second not in positions:
            problems.append(error(f"{sheet.name} needs a {first} column or a {second} column",
                                  sheet.name, row, first))
            missing = True
    return missing


def _describe(column: Column) -> str:
    text = column.meaning.rstrip(".")
    text = text[0].lower() + text[1:]
    unit = f" ({column.unit})" if column.unit else ""
    return f"{text}{unit}, e.g. {column.example}"


def read_records(table: RawTable | None, sheet: Sheet, problems: list[Problem]) -> SheetRead:
    """Every row of a (non key/value) sheet whose cells all make sense."""
    result = SheetRead(sheet)
    if table is None:
        return result
    positions = _header(table, problems)
    key = positions.get(sheet.key) if sheet.key else None
    if _missing(table, positions, problems):
        result.complete = False
        result.usable = key is not None or sheet.key is None
        for _, values in table.rows:
            _remember_id(result, key, values)
        return result
    listed = _Listed(problems)
    for row, values in table.rows:
        record = _record(table, positions, row, values, listed)
        if record is not None:
            result.records.append(record)
            continue
        result.complete = False
        _remember_id(result, key, values)
    listed.close(sheet.name)
    return result


class _Listed:
    """A sheet's problems, at most MOST_LISTED in any one column: after those, the first
    unlisted row says how many more rows have problems there. A sheet of bad rows thus gives
    a list a person can work through, not one problem per cell of a million rows."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.counts: dict[str, int] = {}
        self.unlisted: dict[str, Problem] = {}
        self.error: set[str] = set()

    def append(self, problem: Problem) -> None:
        column = problem.column
        self.counts[column] = self.counts.get(column, 0) + 1
        if self.counts[column] <= MOST_LISTED:
            self.problems.append(problem)
            return
        self.unlisted.setdefault(column, problem)
        if problem.severity is Severity.ERROR:
            self.error.add(column)

    def close(self, sheet: str) -> None:
        for column, first in self.unlisted.items():
            more = self.counts[column] - MOST_LISTED - 1
            rows = f"this row and {more:,} more below it also have" if more else "this row also has"
            tell = error if column in self.error else warning
            self.problems.append(tell(
                f"{rows} problems in {column or 'this sheet'}, not listed one by one; correct "
                "the rows above and check again to see them", sheet, first.row, column))


def _remember_id(result: SheetRead, key: int | None, values: tuple) -> None:
    if key is None or key >= len(values) or is_blank(values[key]):
        return
    text = Column("id", Kind.TEXT, "", "")
    try:
        result.unread_ids.add(read_cell(text, values[key]))
    except CellProblem:
        pass


def _record(table: RawTable, positions: dict[str, int], row: int, values: tuple,
            problems: _Listed) -> Record | None:
    sheet = table.sheet
    found: dict[str, object] = {}
    ok = True
    for column in sheet.columns:
        index = positions.get(column.name)
        raw = values[index] if index is not None and index < len(values) else None
        try:
            found[column.name] = read_cell(column, raw, table.decimal_comma)
        except CellProblem as exc:
            problems.append(error(str(exc), sheet.name, row, column.name))
            ok = False
    for first, second in sheet.one_of:
        if found.get(first) is not None and found.get(second) is not None:
            problems.append(error(f"this row has both a {first} and a {second}; keep one "
                                  f"(a {second} row repeats every week, a {first} row applies to "
                                  "that date only)", sheet.name, row, first))
            ok = False
        elif ok and found.get(first) is None and found.get(second) is None:
            problems.append(error(f"this row has neither a {first} nor a {second}; fill one",
                                  sheet.name, row, first))
            ok = False
    return Record(row, found) if ok else None


@dataclass
class KeyedRead:
    """What could be understood of a key/value sheet (Settings, Rules)."""

    values: dict[str, object] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True


def read_keyed(table: RawTable | None, sheet: Sheet, problems: list[Problem],
               keep_unknown: bool) -> KeyedRead:
    """The values of a key/value sheet, with defaults for keys left out.

    Unknown keys are kept in `extra` when `keep_unknown` (Rules), otherwise reported (Settings).
    """
    result = KeyedRead()
    positions = _header(table, problems) if table is not None else {}
    if table is not None and _missing(table, positions, problems):
        result.complete = False
        return result
    specs = {normal_name(column.name): column for column in sheet.keys}
    listed = _Listed(problems)
    for row, values in table.rows if table is not None else ():
        cells = [values[positions[n]] if positions[n] < len(values) else None
                 for n in ("key", "value")]
        key = "" if is_blank(cells[0]) else clean_text(str(cells[0]))
        spec = specs.get(normal_name(key))
        if spec is None:
            _unknown_key(sheet, row, key, cells[1], keep_unknown, result, listed)
        elif spec.name in result.rows:
            listed.append(error(f"{spec.name} is given twice (rows {result.rows[spec.name]} "
                                f"and {row}); keep one", sheet.name, row, "key"))
            result.complete = False
        else:
            result.rows[spec.name] = row
            try:
                result.values[spec.name] = read_cell(spec, cells[1], table.decimal_comma)
            except CellProblem as exc:
                listed.append(error(str(exc), sheet.name, row, "value"))
                result.complete = False
    listed.close(sheet.name)
    for spec in sheet.keys:
        if spec.name in result.rows:
            continue
        if spec.required:
            if table is not None:
                problems.append(error(f"{sheet.name} has no {spec.name}; add a row with key "
                                      f"{spec.name} and a value such as {spec.example}",
                                      sheet.name, None, "key"))
            result.complete = False
        else:
            result.values[spec.name] = spec.default
    return result


def _unknown_key(sheet: Sheet, row: int, key: str, value: object, keep_unknown: bool,
                 result: KeyedRead, problems: _Listed) -> None:
    if not key:
        problems.append(warning("this row has a value but no key, so it was ignored",
                                sheet.name, row, "key"))
    elif keep_unknown:
        text = Column(key, Kind.TEXT, "", "", required=False, default="")
        try:
            result.extra.append((key, cell_text(text, read_cell(text, value))))
        except CellProblem as exc:
            problems.append(error(str(exc), sheet.name, row, "value"))
            result.complete = False
    else:
        names = ", ".join(spec.name for spec in sheet.keys)
        problems.append(warning(f"{key!r} is not a setting the planner knows ({names}), so it "
                                "was ignored", sheet.name, row, "key"))
