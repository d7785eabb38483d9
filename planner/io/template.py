"""An empty scenario workbook to fill in, with a note on every column saying what goes there."""

from __future__ import annotations

import os
from pathlib import Path

from planner.io.atomic import atomic_write
from planner.io.describe import template_notes
from planner.io.schema import SHEETS
from planner.io.writing import keyed_rows
from planner.io.xlsx import write_workbook

# Not defaults, only a start: four weeks is the usual rota length.
SUGGESTED = {"plan_days": 28}


def write_template(path: str | os.PathLike) -> None:
    """Write a workbook with every sheet and its header row, a note on each column, and the
    Settings and Rules keys filled in with their defaults (plan_start is left for the planner)."""
    sheets = []
    for sheet in SHEETS:
        if sheet.keyed:
            values = {spec.name: SUGGESTED.get(spec.name, spec.default) for spec in sheet.keys}
            rows = keyed_rows(sheet, values)
        else:
            rows = []
        sheets.append((sheet, sheet.columns, rows))
    with atomic_write(Path(path)) as temp:
        write_workbook(temp, sheets, notes=template_notes())
