"""One reader of dates and times for every file: a cell and a column are read by the same rules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.io import when
from planner.io.when import WhenProblem, read_date, read_when, read_when_column

D = dt.datetime

# What each text means: a date-time, or words its reason must hold.
TABLE = [
    ("2027-03-01", D(2027, 3, 1)),
    ("2027-03-01T09:49", D(2027, 3, 1, 9, 49)),
    ("2027-03-01 09:49:05", D(2027, 3, 1, 9, 49, 5)),
    ("2027-03-01T09:49:05.250", D(2027, 3, 1, 9, 49, 5, 250000)),
    ("2027-03-01 09:49:05,5", D(2027, 3, 1, 9, 49, 5, 500000)),
    ("2027-03-01T09:49:05.123456", D(2027, 3, 1, 9, 49, 5, 123456)),
    ("2027-3-1 9:05", D(2027, 3, 1, 9, 5)),
    (" 2027-03-01 ", D(2027, 3, 1)),
    ("01/03/2027", D(2027, 3, 1)),
    ("1/3/2027 9:49", D(2027, 3, 1, 9, 49)),
    ("01/03/2027 09:49", D(2027, 3, 1, 9, 49)),
    ("01-03-2027 09:49:05", D(2027, 3, 1, 9, 49, 5)),
    ("01.03.2027 09:49", D(2027, 3, 1, 9, 49)),
    ("31/12/2027 23:59:59", D(2027, 12, 31, 23, 59, 59)),
    ("29/02/2028", D(2028, 2, 29)),
    ("46447", D(2027, 3, 1)),
    ("46447.5", D(2027, 3, 1, 12)),
    ("", "is empty"),
    ("yesterday at nine", "is not a date and time"),
    ("12345", "is not a date and time"),
    ("2027-03-01 09:5", "is not a date and time"),
    ("13/13/2027 09:00", "is not a real date: there is no month 13"),
    ("31/04/2027", "April 2027 has 30 days"),
    ("29/02/2027 10:00", "February 2027 has 28 days"),
    ("00/03/2027", "there is no day 0"),
    ("2027-13-01", "there is no month 13"),
    ("0000-01-01", "there is no year 0"),
    ("9999-12-31T23:00-05:00", "is not a date and time"),  # the year 10000 in the UK
    ("01/03/2027 25:00", "hours run from 00 to 23"),
    ("2027-03-01 24:00", "hours run from 00 to 23"),
    ("2027-03-01T09:60", "minutes run from 00 to 59"),
    ("01/03/2027 09:49:61", "seconds run from 00 to 59"),
    ("01/03/27", "two-digit year"),
    ("03/13/2027", "dates are read day first: for 13 March 2027 write 13/03/2027"),
]


def cell(text: str) -> dt.datetime | str:
    try:
        return read_when(text)
    except WhenProblem as problem:
        return str(problem)


def column(texts: list[str]) -> list[dt.datetime | str]:
    read = read_when_column(pd.Series(texts, index=range(2, len(texts) + 2)))
    assert list(read.values.index) == list(read.reasons.index) == list(range(2, len(texts) + 2))
    return [reason or value.to_pydatetime()
            for value, reason in zip(read.values, read.reasons, strict=True)]


@pytest.mark.parametrize(("text", "meant"), TABLE, ids=[text or "blank" for text, _ in TABLE])
def test_a_cell_means_what_it_says(text, meant):
    if isinstance(meant, dt.datetime):
        assert cell(text) == meant
    else:
        assert meant in cell(text)


def test_a_column_reads_every_text_as_the_cell_reader_does():
    texts = [text for text, _ in TABLE]
    assert column(texts) == [cell(text) for text in texts]
    for text in texts:  # a text alone in its column, too
        assert column([text]) == [cell(text)]


def test_the_message_says_how_to_write_it():
    assert cell("tomorrow") == (
        "is not a date and time; write it as YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM, e.g. "
        "2027-03-01 09:15 or 01/03/2027 09:15")
    assert cell("01/03/27 09:00") == (
        "has a two-digit year; write the year in full, e.g. 01/03/2027, since 01/03/27 could be "
        "1927 or 2027")


@pytest.mark.parametrize(("text", "local"), [
    ("2027-01-15T09:49:05Z", D(2027, 1, 15, 9, 49, 5)),  # GMT in winter
    ("2027-07-15T09:49:05Z", D(2027, 7, 15, 10, 49, 5)),  # BST in summer
    ("2027-07-15T09:49:05+01:00", D(2027, 7, 15, 9, 49, 5)),
    ("2027-07-15T09:49+0100", D(2027, 7, 15, 9, 49)),
    ("2027-01-15 09:49:05.500-05:00", D(2027, 1, 15, 14, 49, 5, 500000)),
    ("2027-03-28T00:30:00Z", D(2027, 3, 28, 0, 30)),  # the clocks go forward at 01:00 GMT
    ("2027-03-28T01:30:00Z", D(2027, 3, 28, 2, 30)),
])
def test_an_offset_from_utc_becomes_uk_local_time(text, local):
    assert cell(text) == local
    assert column([text, "2027-01-01 08:00"]) == [local, D(2027, 1, 1, 8)]


def test_an_impossible_offset_is_refused():
    assert "offset from UTC" in cell("2027-03-01T10:00+25:00")


@pytest.mark.parametrize("separator", ["/", "-", "."])
@pytest.mark.parametrize(("time", "at"), [
    ("", D(2027, 4, 9)), (" 09:49", D(2027, 4, 9, 9, 49)), (" 9:49", D(2027, 4, 9, 9, 49)),
    (" 09:49:05", D(2027, 4, 9, 9, 49, 5)),
])
def test_day_first_with_each_separator_with_and_without_seconds(separator, time, at):
    for day in ("09", "9"):
        text = f"{day}{separator}04{separator}2027{time}"
        assert cell(text) == at, text
        assert column([text]) == [at], text


def test_excel_serial_numbers():
    assert read_when(46447) == D(2027, 3, 1)
    assert read_when(46447.4097222222) == D(2027, 3, 1, 9, 50)
    assert column(["46447", "46447.75"]) == [D(2027, 3, 1), D(2027, 3, 1, 18)]
    assert read_date(46447.75) == dt.date(2027, 3, 1)
    for outside in ("32873", "73051", "100001"):  # before 1990 or from 2100: not meant as dates
        assert "is not a date" in cell(outside)
        assert "is not a date" in column([outside])[0]


def test_a_two_digit_year_is_refused_with_both_centuries():
    for text in ("01/03/27", "1/3/27 09:00", "01-03-27"):
        reason = cell(text)
        assert "two-digit year" in reason and "write the year in full" in reason
        assert "1927 or 2027" in reason
        assert column([text]) == [reason]


def test_a_month_first_column_is_one_problem():
    texts = ["03/01/2027 09:49", "03/13/2027 09:00", "2027-03-02 10:00", "12/31/2027 08:00",
             "03/14/2027 11:00"]
    read = read_when_column(pd.Series(texts, index=range(2, 7)))
    first = read.month_first
    assert first is not None and first.label == 3 and first.text == "03/13/2027 09:00"
    message = first.message("arrived_at")
    assert message.startswith("the dates in arrived_at are written month first")
    assert "13/03/2027" in message and "2027-03-13" in message and "YYYY-MM-DD" in message
    assert "no month 13" in message
    # Every day/month/year date is refused (03/01/2027 would be misread), the ISO one kept.
    assert read.values.isna().tolist() == [True, True, False, True, True]
    assert (read.reasons[read.values.isna()] == first.reason).all()


def test_day_first_dates_over_12_are_not_month_first():
    # 13/03 is day first; 03/13 then cannot be either way round: each row says why.
    read = read_when_column(pd.Series(["13/03/2027", "03/13/2027", "25/12/2027"]))
    assert read.month_first is None
    assert "there is no month 13" in read.reasons[1]
    # One date alone is not a column's evidence; its own reason says how dates are read.
    assert read_when_column(pd.Series(["03/13/2027"])).month_first is None


def test_a_date_cell_takes_a_date_alone():
    assert read_date("01/03/2027") == read_date("2027-03-01") == dt.date(2027, 3, 1)
    assert read_date("2027-03-01 00:00") == dt.date(2027, 3, 1)
    assert read_date(dt.datetime(2027, 3, 1, 9)) == dt.date(2027, 3, 1)
    with pytest.raises(WhenProblem, match="is a date and time; write the date alone, e.g. "
                                          "2027-03-05 or 05/03/2027"):
        read_date("2027-03-01 09:00", "2027-03-05")
    with pytest.raises(WhenProblem, match=r"is not a date; write it as YYYY-MM-DD or "
                                          r"DD/MM/YYYY, e.g. 2027-03-05 or 05/03/2027"):
        read_date("next week", "2027-03-05")
    for number in (True, float("nan"), float("inf"), 1e20, 10**400, -46447):
        with pytest.raises(WhenProblem, match="is not a date"):
            read_date(number)


def test_the_usual_forms_of_a_column_need_no_regular_expression(monkeypatch):
    texts = ["2027-03-01", "2027-03-01T09:49", "2027-03-01 09:49:05", "2027-03-01T09:49:05Z",
             "2027-07-01T09:49:05.250+01:00", "01/03/2027", "1/3/2027 9:49",
             "01/03/2027 09:49:05", "01.03.2027 09:49"]
    expected = column(texts)
    monkeypatch.setattr(when, "_PATTERNS", ())
    assert column(texts) == expected
    assert all(isinstance(value, dt.datetime) for value in expected)


FORMATS = [
    "{Y}-{m}-{d}", "{Y}-{m}-{d}T{H}:{M}", "{Y}-{m}-{d} {H}:{M}:{S}", "{Y}-{m}-{d}T{H}:{M}:{S}Z",
    "{Y}-{m}-{d}T{H}:{M}:{S}.{f}", "{Y}-{m}-{d}T{H}:{M}:{S}+{H}:{M}", "{d}/{m}/{Y}",
    "{d}/{m}/{Y} {H}:{M}", "{d}-{m}-{Y} {H}:{M}:{S}", "{d}.{m}.{Y}", "{d}/{m}/{y} {H}:{M}",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(FORMATS), st.integers(0, 2100), st.integers(0, 19), st.integers(0, 35),
    st.integers(0, 27), st.integers(0, 64), st.integers(0, 64), st.integers(0, 999),
    st.booleans()), min_size=1, max_size=12))
def test_cell_and_column_agree_on_anything_shaped_like_a_date(rows):
    texts = []
    for form, year, month, day, hour, minute, second, fraction, padded in rows:
        width = 2 if padded else 1
        texts.append(form.format(
            Y=f"{year:04d}", y=f"{year % 100:02d}", m=f"{month:0{width}d}",
            d=f"{day:0{width}d}", H=f"{hour:0{width}d}", M=f"{minute:02d}",
            S=f"{second:02d}", f=f"{fraction:03d}"))
    read = read_when_column(pd.Series(texts))
    if read.month_first is None:
        assert column(texts) == [cell(text) for text in texts]
