"""The scenario format described for people: template notes and the tables of the format guide.

Both come from the schema, so the template, the guide and the reader always agree.
"""

from __future__ import annotations

from planner.io.schema import SHEETS, Column, Sheet


def column_note(column: Column) -> str:
    """The note on a template's header (or key) cell: meaning, unit, default and example."""
    lines = [column.meaning]
    if column.unit:
        lines.append(f"Unit: {column.unit}.")
    lines.append(f"Type: {column.kind}.")
    if column.rule:
        lines.append(f"Allowed: {column.rule}.")
    if column.required:
        lines.append("Required: every row needs a value.")
    elif column.default_text:
        lines.append(f"Default when blank: {column.default_text}.")
    else:
        lines.append("Optional: may be left blank.")
    lines.append(f"Example: {column.example}")
    return "\n".join(lines)


def template_notes() -> dict[tuple[str, str], str]:
    """Notes by (sheet, header or key) for every column of every sheet, and every setting."""
    notes = {}
    for sheet in SHEETS:
        for column in sheet.columns + sheet.keys:
            notes[(sheet.name, column.name)] = column_note(column)
    return notes


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sheet_table(sheet: Sheet) -> str:
    """A Markdown table of a sheet's columns (or, for Settings and Rules, of its keys)."""
    first = "key" if sheet.keyed else "column"
    lines = [
        f"| {first} | type | unit | required / default | allowed | example | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for column in sheet.keys or sheet.columns:
        if column.required:
            need = "required"
        elif column.default_text:
            need = f"default {column.default_text}"
        else:
            need = "optional"
        cells = [f"`{column.name}`", str(column.kind), column.unit, need, column.rule,
                 f"`{column.example}`", column.meaning]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def format_tables() -> str:
    """Every sheet's heading, meaning and column table, as in docs/scenario-format.md."""
    parts = []
    for sheet in SHEETS:
        need = "Required sheet." if sheet.required else "Optional sheet: may be left out."
        parts.append(f"### {sheet.name}\n\n{sheet.meaning} {need}\n\n{sheet_table(sheet)}\n")
    return "\n".join(parts)


START, END = "<!-- sheets:start -->", "<!-- sheets:end -->"


def update_format_guide(path: str) -> None:
    """Rewrite the sheet tables between the markers of the format guide from the schema."""
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(f"{head}{START}\n{format_tables()}{END}{tail}")

