"""The Variants sheet: what-if variants written in a workbook, a row per change.

Each row names its variant and one change, in the words of the window's "New variant" dialog;
rows with the same variant name are one variant, their changes made in row order. Only the
columns a change needs are filled in; the others stay blank. The columns are described here
once, for the reader, the template and the format guide alike.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.io.atomic import atomic_write
from planner.io.describe import column_note
from planner.io.schema import MAX_AHT_SECONDS, Column, Kind, Sheet
from planner.io.xlsx import write_workbook
from planner.model import ShiftPattern
from planner.whatif.demand import HandleTimeChange, OpeningDays, VolumeChange
from planner.whatif.patterns import AddPattern, RemovePattern
from planner.whatif.people import Absent, AddSkill, AddStaff, CoverPool, RemoveStaff
from planner.whatif.variant import Change

ABSENCE_WORDS = ("annual_leave", "sickness", "training", "other")


@dataclass(frozen=True)
class ChangeKind:
    """A word a row's `change` cell may hold: the dialog's name for it, the columns a row of it
    must fill (`needs`; `one_of`: at least one of these), the others it reads (`uses`), and the
    changes a row of it makes. `blame` names the column at fault when a change does not fit
    the scenario in a way no single cell shows."""

    word: str
    title: str
    needs: tuple[str, ...]
    uses: tuple[str, ...]
    make: Callable[[dict], tuple[Change, ...]]
    one_of: tuple[str, ...] = ()
    blame: str = "change"


def _volume(v: dict) -> tuple[Change, ...]:
    days = v["days"] or (None,)
    return tuple(VolumeChange(v["factor"], v["channel"], day, v["date"]) for day in days)


def _pattern(v: dict) -> tuple[Change, ...]:
    new = ShiftPattern(v["pattern"], v["start"], v["end"], v["unpaid_break_minutes"], v["days"])
    return (AddPattern(new, v["staff_ids"]),)


KINDS: tuple[ChangeKind, ...] = (
    ChangeKind("volume", "More or fewer contacts", ("factor",), ("channel", "days", "date"),
               _volume, blame="days"),
    ChangeKind("handle_time", "Longer or shorter handle time", (), ("channel",),
               lambda v: (HandleTimeChange(1.0 if v["factor"] is None else v["factor"],
                                           v["seconds"] or 0.0, v["channel"]),),
               one_of=("factor", "seconds"), blame="seconds"),
    ChangeKind("more_people", "More people", ("staff_ids",), ("count",),
               lambda v: tuple(AddStaff(s, v["count"]) for s in v["staff_ids"]), blame="count"),
    ChangeKind("people_leave", "People leave", ("staff_ids",), (),
               lambda v: (RemoveStaff(v["staff_ids"]),), blame="staff_ids"),
    ChangeKind("people_away", "People away", ("staff_ids", "date"), ("end_date", "absence"),
               lambda v: (Absent(v["staff_ids"], v["date"], v["end_date"], v["absence"]),),
               blame="date"),
    ChangeKind("extra_skill", "Extra skill for a group", ("skill",), (),
               lambda v: (AddSkill(v["skill"], v["staff_ids"], v["team"]),),
               one_of=("staff_ids", "team"), blame="skill"),
    ChangeKind("new_pattern", "New shift pattern", ("pattern", "start", "end", "days"),
               ("unpaid_break_minutes", "staff_ids"), _pattern, blame="pattern"),
    ChangeKind("remove_pattern", "Remove a shift pattern", ("pattern",), (),
               lambda v: (RemovePattern(v["pattern"]),), blame="pattern"),
    ChangeKind("channel_opens", "Open or close a channel on weekdays",
               ("channel", "days", "like_weekday"), (),
               lambda v: (OpeningDays(v["channel"], v["days"], True, v["like_weekday"]),),
               blame="days"),
    ChangeKind("channel_closes", "Open or close a channel on weekdays", ("channel", "days"), (),
               lambda v: (OpeningDays(v["channel"], v["days"], False),), blame="days"),
    ChangeKind("cover_pool_off", "Cover pool on or off", (), (),
               lambda v: (CoverPool(False),)),
    ChangeKind("cover_pool_on", "Cover pool on or off", (), (),
               lambda v: (CoverPool(True),)),
)
KIND_BY_WORD = {kind.word: kind for kind in KINDS}

VARIANTS = Sheet(
    "Variants",
    "What-if variants of the scenario for 'planner compare', a row per change. Rows with the "
    "same variant name are one variant; its changes are made in row order.",
    columns=(
        Column("variant", Kind.TEXT, "The variant's name, as its column in the comparison. "
               "Rows with the same name are one variant.", "Handle time 8.5 min"),
        Column("change", Kind.CHOICE, "What the row changes (the list of changes says which "
               "columns each needs).", "handle_time", choices=tuple(k.word for k in KINDS)),
        Column("channel", Kind.TEXT, "The channel (from Channels). volume and handle_time: "
               "blank means every channel.", "voice", required=False),
        Column("factor", Kind.NUMBER, "volume and handle_time: contacts or handle time times "
               "this (1.2 is a fifth more, 0.5 half).", "1.2", required=False, low=0,
               low_open=True, high=100),
        Column("seconds", Kind.NUMBER, "handle_time: seconds added after the factor; negative "
               "shortens it (-210 takes 12 minutes to 8.5).", "-210", unit="seconds",
               required=False, low=-MAX_AHT_SECONDS, high=MAX_AHT_SECONDS),
        Column("days", Kind.DAYS, "Weekdays: those a volume change applies to (blank: every "
               "day), those a channel opens or closes on, or a new shift pattern's days.",
               "Sat", required=False),
        Column("date", Kind.DATE, "volume: the one date it applies to (blank: every date); "
               "people_away: the first day away.", "2027-06-08", required=False),
        Column("end_date", Kind.DATE, "people_away: the last day away (blank: the date alone).",
               "2027-06-11", required=False),
        Column("staff_ids", Kind.LIST, "People by staff_id (from Staff), separated by commas: "
               "who leaves, who is away, who takes the skill, who may also work the new shift "
               "pattern; more_people: whom the new people are like.", "A01, A02",
               required=False, default=()),
        Column("count", Kind.WHOLE, "more_people: how many more like each person named.", "2",
               unit="people", required=False, default=1, low=1, high=100),
        Column("absence", Kind.CHOICE, "people_away: why they are away.", "sickness",
               required=False, default="annual_leave", choices=ABSENCE_WORDS),
        Column("skill", Kind.TEXT, "extra_skill: the channel or case queue they take on.",
               "reception", required=False),
        Column("team", Kind.TEXT, "extra_skill: a whole team that takes it on, with or instead "
               "of staff_ids.", "Lettings", required=False),
        Column("pattern", Kind.TEXT, "new_pattern: the new shift pattern's code; "
               "remove_pattern: the code of the pattern that goes.", "SAT", required=False),
        Column("start", Kind.TIME, "new_pattern: when the shift starts (HH:MM).", "08:00",
               required=False),
        Column("end", Kind.TIME, "new_pattern: when the shift ends (HH:MM); at or before the "
               "start means the next morning.", "13:00", required=False, midnight_end=True),
        Column("unpaid_break_minutes", Kind.WHOLE, "new_pattern: the unpaid break within the "
               "shift.", "30", unit="minutes", required=False, default=0, low=0, high=180),
        Column("like_weekday", Kind.WEEKDAY, "channel_opens: the weekday whose contacts the "
               "channel gets on the days it opens.", "Mon", required=False),
    ),
    required=True,
)

# One variant a row, and one of three rows: voice opens on Saturdays, with about 200 calls
# (Monday's profile x 0.15) and a new Saturday shift two advisors may work.
EXAMPLE_ROWS: tuple[dict[str, object], ...] = (
    {"variant": "Handle time 8.5 min", "change": "handle_time", "channel": "voice",
     "seconds": -210.0},
    {"variant": "One more advisor", "change": "more_people", "staff_ids": ("A01",), "count": 1},
    {"variant": "Open Saturday", "change": "channel_opens", "channel": "voice", "days": (5,),
     "like_weekday": 0},
    {"variant": "Open Saturday", "change": "volume", "channel": "voice", "days": (5,),
     "factor": 0.15},
    {"variant": "Open Saturday", "change": "new_pattern", "pattern": "SAT",
     "start": dt.time(9), "end": dt.time(17), "unpaid_break_minutes": 30, "days": (5,),
     "staff_ids": ("A01", "A02")},
)

GUIDE = Sheet(
    "How to fill",
    "Each change word, what the window's New variant dialog calls it, and its columns.",
    columns=(
        Column("change", Kind.TEXT, "The word for the Variants sheet's change column.", "volume"),
        Column("in the window", Kind.TEXT, "The kind of change in the New variant dialog.",
               "More or fewer contacts"),
        Column("needs", Kind.TEXT, "The columns a row of this change must fill.", "factor"),
        Column("may also fill", Kind.TEXT, "The columns it reads when filled.", "channel"),
    ),
)


def template_rows(examples: tuple[dict[str, object], ...] = EXAMPLE_ROWS) -> list[tuple]:
    """Rows of (column, value) pairs for a Variants sheet, the columns not given left blank."""
    return [tuple((column, row.get(column.name)) for column in VARIANTS.columns)
            for row in examples]


def guide_rows() -> list[tuple]:
    """A row per change word for the template's How to fill sheet."""
    text = GUIDE.columns[0]
    rows = []
    for kind in KINDS:
        needs = [*kind.needs] + ([" or ".join(kind.one_of)] if kind.one_of else [])
        cells = (kind.word, kind.title, ", ".join(needs) or "nothing more",
                 ", ".join(kind.uses) or "-")
        rows.append(tuple((text, cell) for cell in cells))
    return rows


def changes_table() -> str:
    """The change words as a Markdown table, as in docs/scenario-format.md."""
    lines = ["| change | in the window's New variant dialog | needs | may also fill |",
             "|---|---|---|---|"]
    for row in guide_rows():
        word, title, needs, uses = (value for _, value in row)
        lines.append(f"| `{word}` | {title} | {needs} | {uses} |")
    return "\n".join(lines)


def write_variants_template(path: str | os.PathLike) -> None:
    """A workbook with a Variants sheet to fill in (a note on each column header and a few
    example variants) and a How to fill sheet listing every change and its columns."""
    notes = {(VARIANTS.name, column.name): column_note(column) for column in VARIANTS.columns}
    with atomic_write(Path(path)) as temp:
        write_workbook(temp, [(VARIANTS, VARIANTS.columns, template_rows()),
                              (GUIDE, GUIDE.columns, guide_rows())], notes)
