"""The locale registry: each language's name, date format and interface sentences, as data."""
from __future__ import annotations

import datetime as dt

import pytest

from scripts.policy import locale
from scripts.policy.dates import format_date

DAY = dt.date(2027, 1, 1)


def test_each_entry_gives_its_name_dates_and_every_site_sentence():
    assert {"ja", "en", "ko"} <= set(locale.available())
    for code in locale.available():
        entry = locale.load(code)
        assert entry.name and set(locale.SITE_KEYS) <= set(entry.site)
    assert [format_date(DAY, code) for code in ("ja", "en", "ko")] == ["2027年1月1日", "January 1, 2027", "2027년 1월 1일"]


def test_a_translation_says_the_original_prevails_and_the_original_does_not():
    assert locale.load("ja").site["prevails"] == ""
    assert "prevails" in locale.load("en").site["prevails"]
    assert locale.load("ko").site["prevails"]


def test_a_language_without_an_entry_is_an_error_naming_it():
    with pytest.raises(locale.LocaleError, match=r"'fr' has no locale entry: add scripts/policy/locales/fr\.yml"):
        locale.load("fr")


def test_an_incomplete_entry_names_what_it_lacks(tmp_path, monkeypatch):
    (tmp_path / "xx.yml").write_text("name: X\ndate: '{month_name} {day}'\nsite:\n  effective: E\n", encoding="utf-8")
    monkeypatch.setattr(locale, "FOLDER", tmp_path)
    locale.load.cache_clear()
    try:
        with pytest.raises(locale.LocaleError, match="xx.yml lacks site sentences: takes_effect"):
            locale.load("xx")
    finally:
        locale.load.cache_clear()
