"""The rota PDF: one team per page, every person and code on it, saved whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from planner.io import load_scenario  # noqa: E402
from planner.io.rota_workbook import (  # noqa: E402
    MUTED,
    PALETTE,
    PATTERN_INK,
    code_colours,  # noqa: E402
)
from planner.model import AbsenceKind, Scenario  # noqa: E402
from planner.plan import RotaCell  # noqa: E402
from ui.gui.pdf import hours_text, write_rota_pdf  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "housing-4-weeks.xlsx"
ABSENCE_CODES = {AbsenceKind.ANNUAL_LEAVE: "AL", AbsenceKind.SICKNESS: "SICK",
                 AbsenceKind.TRAINING: "TRN"}
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext is not installed")


@pytest.fixture(scope="module")
def sample() -> Scenario:
    result = load_scenario(SAMPLE)
    assert result.ok, result.errors
    return result.scenario


def simple_rota(scenario: Scenario) -> list[RotaCell]:
    """Everyone on their first allowed shift pattern on weekdays, OFF at weekends, absences
    as AL, SICK or TRN."""
    absent = {}
    for absence in scenario.absences:
        day = absence.start_date
        while day <= absence.end_date:
            absent[(absence.staff_id, day)] = ABSENCE_CODES.get(absence.kind, "AL")
            day += dt.timedelta(days=1)
    patterns = {p.code: p for p in scenario.patterns}
    rota = []
    for person in scenario.staff:
        first = patterns[person.patterns[0]] if person.patterns else scenario.patterns[0]
        for day in scenario.settings.dates:
            code = "OFF" if day.weekday() >= 5 or day.weekday() not in first.days else first.code
            rota.append(RotaCell(person.staff_id, day, absent.get((person.staff_id, day), code)))
    return rota


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def page_texts(path: Path, pages: int) -> list[str]:
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, pages + 1)]


def paid_hours(scenario: Scenario, rota: list[RotaCell], staff_id: str) -> float:
    minutes = {p.code: p.paid_minutes for p in scenario.patterns}
    return sum(minutes.get(c.code, 0) for c in rota if c.staff_id == staff_id) / 60


def test_the_sample_rota_is_a_pdf_with_a_page_per_team(qapp, sample, tmp_path):
    path = tmp_path / "rota.pdf"
    write_rota_pdf(path, sample, simple_rota(sample), "Housing rota")
    assert path.read_bytes().startswith(b"%PDF")
    teams = {person.team for person in sample.staff}
    pages = page_count(path)
    # Seven teams; the contact centre's 30 people are too many for one page.
    assert len(teams) == 7
    assert pages > len(teams)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left beside it


@needs_pdftotext
def test_the_sample_rota_shows_every_team_person_code_and_paid_hours(qapp, sample, tmp_path):
    path = tmp_path / "rota.pdf"
    rota = simple_rota(sample)
    write_rota_pdf(path, sample, rota, "Housing rota")
    pages = page_count(path)
    texts = page_texts(path, pages)
    for number, text in enumerate(texts, start=1):
        assert f"page {number} of {pages}" in text
        assert "Housing rota: 26 Apr 2027 to 23 May 2027" in text
        assert "Paid" in text and "Mon" in text and "26/4" in text and "23/5" in text
        assert "annual leave" in text and "08:00–16:00, 7.5 paid hours" in text
    titles = [text.strip().splitlines()[0] for text in texts]
    teams = list(dict.fromkeys(person.team for person in sample.staff))
    for team in teams:
        assert sum(t.endswith(f"– {team}") for t in [x.split("  page")[0].strip()
                                                     for x in titles]) == 1
    assert sum("(continued)" in title for title in titles) == pages - len(teams)
    everything = "\n".join(texts)
    for person in sample.staff:
        line = next(line for line in everything.splitlines() if person.staff_id + " " in line
                    or line.rstrip().endswith(person.staff_id))
        assert person.name in line
        assert line.split()[-1] == hours_text(round(paid_hours(sample, rota, person.staff_id)
                                                    * 60))
    for code in ("E", "D", "AM", "OFF", "AL", "OOH-"):
        assert re.search(rf"(?<![\w-]){re.escape(code)}(?![\w])", everything), code


@needs_pdftotext
def test_a_team_taller_than_a_page_continues_with_the_heading_repeated(qapp, sample,
                                                                        tmp_path):
    people = tuple(replace(sample.staff[0], staff_id=f"T{n:03}", name=f"Person {n:03}",
                           team="Lettings") for n in range(90))
    scenario = replace(sample, staff=people, absences=())
    path = tmp_path / "tall.pdf"
    write_rota_pdf(path, scenario, simple_rota(scenario))
    pages = page_count(path)
    assert pages >= 3
    texts = page_texts(path, pages)
    assert "(continued)" not in texts[0] and all("(continued)" in t for t in texts[1:])
    for text in texts:
        assert "Staff id" in text and "hours" in text and "Key:" in text
    shown = [n for n in range(90) if any(f"Person {n:03}" in t for t in texts)]
    assert shown == list(range(90))
    assert sum(t.count("Person 000") for t in texts) == 1


@needs_pdftotext
def test_a_code_outside_the_scenario_and_a_missing_day_still_print(qapp, sample, tmp_path):
    small = replace(sample, staff=sample.staff[:1], absences=())
    first = small.settings.plan_start
    rota = [RotaCell(small.staff[0].staff_id, first, "XYZ")]  # every other day is missing
    path = tmp_path / "odd.pdf"
    write_rota_pdf(path, small, rota)
    assert page_count(path) == 1
    text = page_texts(path, 1)[0]
    assert "XYZ" in text and "Rota: 26 Apr 2027" in text
    assert text.count("OFF") >= 27


def test_no_staff_gives_one_page_saying_so(qapp, sample, tmp_path):
    path = tmp_path / "empty.pdf"
    write_rota_pdf(path, replace(sample, staff=(), absences=()), [])
    assert page_count(path) == 1
    if shutil.which("pdftotext"):
        assert "no staff" in page_texts(path, 1)[0]


def test_an_existing_file_is_replaced(qapp, sample, tmp_path):
    path = tmp_path / "rota.pdf"
    path.write_bytes(b"old")
    write_rota_pdf(path, replace(sample, staff=sample.staff[:2]), simple_rota(sample))
    assert path.read_bytes().startswith(b"%PDF")
    assert page_count(path) == 1
    assert list(tmp_path.iterdir()) == [path]


def test_a_path_that_cannot_be_written_raises_a_clear_oserror(qapp, sample, tmp_path):
    with pytest.raises(OSError, match="folder .*missing.* does not exist"):
        write_rota_pdf(tmp_path / "missing" / "rota.pdf", sample, [])
    (tmp_path / "taken.pdf").mkdir()
    with pytest.raises(OSError, match="that is a folder"):
        write_rota_pdf(tmp_path / "taken.pdf", sample, [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.pdf"]


def test_codes_take_the_rota_workbook_colours(sample):
    colours = code_colours(sample)
    for index, pattern in enumerate(sample.patterns):
        assert colours[pattern.code][:3] == (PALETTE[index % len(PALETTE)], PATTERN_INK, True)
    for code, (fill, ink) in MUTED.items():
        assert colours[code][:2] == (fill, ink)


def test_hours_read_as_a_team_leader_writes_them():
    assert hours_text(150 * 60) == "150"
    assert hours_text(450) == "7.5"
    assert hours_text(435) == "7.25"
