"""Figures read from a clause in both languages, so a dropped or altered one is caught."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.policy.dates import find_dates
from scripts.verify.figures import figures


def keys(text: str, lang: str) -> set[tuple[str, str]]:
    return {(f.kind, f.key) for f in figures(text, lang)}


@pytest.mark.parametrize("japanese, english", [
    ("1回のご請求につき5,500円（税込）", "a fee of 5,500 yen (including tax) for 1 request"),
    ("１回のご請求につき５，５００円", "5500 yen for one request"),
    ("30日以内に回答します", "within 30 days"),
    ("2022年4月1日から", "from April 1, 2022"),
    ("令和4年4月1日から", "from 1 April 2022"),
    ("〒542-0081", "〒542-0081"),
    ("電話：06-1234-5678", "Tel: 06-1234-5678"),
    ("https://policies.google.com/privacy?hl=ja をご覧ください。", "see https://policies.google.com/privacy?hl=ja."),
    ("1万円", "10,000 yen"),
])
def test_a_figure_and_its_translation_match(japanese, english):
    ja = {("number" if kind in ("amount", "duration") else kind, key) for kind, key in keys(japanese, "ja")}
    en = {("number" if kind in ("amount", "duration") else kind, key) for kind, key in keys(english, "en")}
    assert ja and ja <= en, (ja, en)


def test_kinds_name_the_figure():
    assert keys("5,500円を30日以内に", "ja") == {("amount", "5500"), ("duration", "30")}
    assert keys("〒542-0081 https://a.example/x?n=1", "ja") == {("postal code", "542-0081"),
                                                                ("URL", "https://a.example/x?n=1")}
    assert keys("2022年4月1日", "ja") == {("date", "2022-04-01")}


def test_kanji_words_are_not_figures():
    assert keys("一部又は全部を第三者に一切開示しません", "ja") == set()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)), min_size=1, max_size=3),
       st.sampled_from(["{y}年{m}月{d}日", "{y}/{m}/{d}", "{B} {d}, {y}", "{d} {B} {y}"]))
def test_every_date_in_a_text_is_found_in_order(dates, form):
    text = "; ".join(form.format(y=d.year, m=d.month, d=d.day, B=f"{d:%B}") + " 改定" for d in dates)
    assert [r.date for r in find_dates(text)] == dates


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_figures_never_an_exception(text):
    figures(text, "ja")
    figures(text, "en")
    for reading in find_dates(text):
        assert reading.date is not None or reading.problem
