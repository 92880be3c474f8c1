import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.policy.dates import ERAS, format_date, read_date, read_events

KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_small(n: int) -> str:
    """1..99 in kanji as editors write them: 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    out = ("" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十"))
    return out + (KANJI_DIGITS[ones] if ones else "")


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def era_of(date: dt.date):
    for era in ERAS.values():
        if era.since <= date and (era.until is None or date < era.until):
            return era
    return None


def written_forms(date: dt.date) -> list[str]:
    y, m, d = date.year, date.month, date.day
    forms = [
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
        fullwidth(f"{y}年{m}月{d}日"),
        "".join(KANJI_DIGITS[int(c)] for c in str(y)) + f"年{kanji_small(m)}月{kanji_small(d)}日",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日（{'月火水木金土日'[date.weekday()]}）",
        f"{date:%B} {d}, {y}",
        f"{d} {date:%B} {y}",
    ]
    era = era_of(date)
    if era is not None:
        rel = y - era.since.year + 1
        year = "元" if rel == 1 else str(rel)
        forms += [f"{era.kanji}{year}年{m}月{d}日", fullwidth(f"{era.kanji}{year}年{m}月{d}日"),
                  f"{era.kanji}{'元' if rel == 1 else kanji_small(rel)}年{kanji_small(m)}月{kanji_small(d)}日",
                  f"{era.english[0]}{rel}.{m}.{d}"]
    return forms


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_written_form_reads_back_as_the_same_date(date):
    for form in written_forms(date):
        reading = read_date(f"{form}　改定・施行")
        assert reading.date == date, (form, reading)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_other_string_gives_a_reading_never_an_exception(text):
    reading = read_date(text)
    assert (reading.date is None) == bool(reading.problem)


@pytest.mark.parametrize("text, problem", [
    ("2022年2月30日　改定", "2022年2月30日 is not a real date"),
    ("令和元年4月1日　施行", "令和元年4月1日 does not exist: 令和 runs from 2019-05-01"),
    ("平成31年5月1日", "平成31年5月1日 does not exist"),
    ("令和0年1月1日", "not a real date"),
    ("2022年13月1日", "is not a real date"),
    ("February 30, 2022", "is not a real date"),
    ("以上", "no date found"),
])
def test_impossible_dates_are_problems(text, problem):
    reading = read_date(text)
    assert reading.date is None
    assert problem in reading.problem


def test_events_are_recognised_in_both_languages():
    assert read_events("2019年10月1日　制定・施行") == ("enacted", "effective")
    assert read_events("2022年4月1日　改訂・適用") == ("revised", "effective")
    assert read_events("April 1, 2022: Revised and effective") == ("revised", "effective")
    assert read_events("2022年4月1日") == ()


def test_format_date():
    assert format_date(dt.date(2022, 4, 1), "ja") == "2022年4月1日"
    assert format_date(dt.date(2022, 4, 1), "en") == "April 1, 2022"
