"""Contact history written with UK dates reads as the same history written in ISO."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.history import MAX_PROBLEMS_PER_COLUMN, read_history
from ui.cli import main

FIRST = dt.date(2027, 3, 1)  # a Monday; four weeks, the clocks going forward on 28 March
COLUMNS = ["arrived_at", "channel", "wait_seconds", "handle_seconds", "outcome"]


def contacts(first: dt.date = FIRST, days: int = 28, seed: int = 11) -> pd.DataFrame:
    """One row per contact, 08:00 to 18:00 on weekdays, seeded."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(days):
        day = pd.Timestamp(first + dt.timedelta(days=i))
        if day.weekday() >= 5:
            continue
        seconds = np.sort(rng.integers(8 * 3600, 18 * 3600, rng.poisson(300)))
        rows.append(pd.DataFrame({"arrived_at": day + pd.to_timedelta(seconds, unit="s")}))
    frame = pd.concat(rows, ignore_index=True)
    n = len(frame)
    abandoned = rng.random(n) < 0.1
    return frame.assign(
        channel=np.where(rng.random(n) < 0.8, "voice", "webchat"),
        wait_seconds=np.round(rng.exponential(60, n), 1),
        handle_seconds=np.where(abandoned, 0.0, np.round(rng.lognormal(6, 0.4, n), 1)),
        outcome=np.where(abandoned, "abandoned", "answered"),
    )[COLUMNS]


def write(frame: pd.DataFrame, path: Path, form: str, sep: str = ",") -> Path:
    out = frame.copy()
    out["arrived_at"] = out["arrived_at"].dt.strftime(form)
    out.to_csv(path, index=False, sep=sep, decimal="," if sep == ";" else ".")
    return path


@pytest.mark.parametrize(("form", "sep"), [
    ("%d/%m/%Y %H:%M", ","), ("%d/%m/%Y %H:%M:%S", ","), ("%-d/%-m/%Y %-H:%M", ","),
    ("%d-%m-%Y %H:%M:%S", ","), ("%d.%m.%Y %H:%M", ";"), ("%Y-%m-%d %H:%M", ","),
])
def test_uk_dates_give_the_same_intervals_as_iso(tmp_path, form, sep):
    frame = contacts()
    iso = read_history(write(frame, tmp_path / "iso.csv", "%Y-%m-%dT%H:%M:%S"))
    uk = read_history(write(frame, tmp_path / "uk.csv", form, sep))
    assert iso.ok and uk.ok, (iso.problems, uk.problems)
    assert uk.history.intervals["interval_start"].dtype == "datetime64[ns]"
    pd.testing.assert_frame_equal(uk.history.intervals, iso.history.intervals)
    assert uk.history.intervals["offered"].sum() == len(frame)
    assert (uk.history.first_day, uk.history.last_day) == (FIRST, dt.date(2027, 3, 26))


def test_an_interval_report_with_uk_dates(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("interval_start,channel,offered,answered,abandoned,aht_seconds\n"
                    "01/03/2027 09:00,voice,10,9,1,300\n"
                    "1/3/2027 9:15,voice,12,12,0,280\n"
                    "2027-03-01 09:30,voice,8,8,0,310\n")
    read = read_history(path)
    assert read.ok, read.problems
    starts = read.history.intervals["interval_start"].tolist()
    assert starts == [pd.Timestamp(2027, 3, 1, 9), pd.Timestamp(2027, 3, 1, 9, 15),
                      pd.Timestamp(2027, 3, 1, 9, 30)]


def log_text(*arrived: str) -> str:
    lines = [",".join(COLUMNS)] + [f"{when},voice,10,300,answered" for when in arrived]
    return "\n".join(lines) + "\n"


def test_each_bad_date_is_named_with_its_reason(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(log_text("01/03/2027 09:49", "13/13/2027 09:00", "31/04/2027 10:00",
                             "01/03/27 09:00", "", "soon", "01/03/2027 25:00"))
    read = read_history(path)
    assert not read.ok
    found = {p.row: p.message for p in read.errors}
    assert all(p.column == "arrived_at" and p.file == "calls.csv" for p in read.errors)
    assert found == {
        3: "arrived_at '13/13/2027 09:00' is not a real date: there is no month 13",
        4: "arrived_at '31/04/2027 10:00' is not a real date: April 2027 has 30 days",
        5: "arrived_at '01/03/27 09:00' has a two-digit year; write the year in full, e.g. "
           "01/03/2027, since 01/03/27 could be 1927 or 2027",
        6: "arrived_at is empty",
        7: "arrived_at 'soon' is not a date and time; write it as YYYY-MM-DD HH:MM or "
           "DD/MM/YYYY HH:MM, e.g. 2027-03-01 09:15 or 01/03/2027 09:15",
        8: "arrived_at '01/03/2027 25:00' is not a real time of day: hours run from 00 to 23",
    }


def test_a_month_first_log_is_one_problem(tmp_path):
    frame = contacts()  # until 12 March every date could be either; from the 15th, not
    path = write(frame, tmp_path / "us.csv", "%m/%d/%Y %H:%M")
    read = read_history(path)
    assert not read.ok
    (problem,) = read.errors
    assert problem.column == "arrived_at" and problem.file == "us.csv"
    first = next(i for i, t in enumerate(frame["arrived_at"]) if t.day > 12)
    assert problem.row == first + 2  # the header is row 1
    assert problem.message.startswith("the dates in arrived_at are written month first, as in "
                                      f"'{frame['arrived_at'][first]:%m/%d/%Y %H:%M}'")
    assert "write them day first" in problem.message and "YYYY-MM-DD" in problem.message


def test_many_bad_rows_are_counted_not_listed(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text(log_text(*["01/03/27 09:00"] * (MAX_PROBLEMS_PER_COLUMN + 5)))
    problems = read_history(path).errors
    assert len(problems) == MAX_PROBLEMS_PER_COLUMN + 1
    assert problems[-1].message == "5 more rows have the same problem"
    assert problems[-1].row is None and problems[-1].column == "arrived_at"


def test_forecast_refuses_an_impossible_date_naming_its_row(tmp_path, capsys):
    frame = contacts()
    path = write(frame, tmp_path / "log.csv", "%d/%m/%Y %H:%M")
    lines = path.read_text().splitlines()
    lines.insert(5, "13/13/2027 09:00,voice,10,300,answered")  # becomes row 6
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "tmp.xlsx"
    code = main(["forecast", str(path), "--start", "2027-04-05", "--days", "7",
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "log.csv, row 6, column arrived_at" in err
    assert "arrived_at '13/13/2027 09:00' is not a real date: there is no month 13" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_forecast_reads_a_uk_log(tmp_path, capsys):
    path = write(contacts(), tmp_path / "log.csv", "%d/%m/%Y %H:%M")
    out = tmp_path / "tmp.xlsx"
    code = main(["forecast", str(path), "--start", "2027-04-05", "--days", "7",
                 "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.exists()
