"""The locale registry: each language's name, date format and interface sentences, as data."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

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


def test_every_entry_has_every_history_and_change_summary_word():
    for code in locale.available():
        entry = locale.load(code)
        assert set(locale.HISTORY_KEYS) <= set(entry.history), code
        assert set(locale.SUMMARY_KEYS) <= set(entry.summary), code
        assert "{date}" in entry.history["revision_title"] and "{text}" in entry.history["parenthesised"], code
    assert locale.load("ko").history["history"] == "개정 이력"


def refused(tmp_path, monkeypatch, edit, message: str) -> None:
    """The English entry changed by ``edit`` (a function of its data), as the entry xx: loading it is
    a LocaleError matching ``message``."""
    data = yaml.safe_load((locale.FOLDER / "en.yml").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "xx.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(locale, "FOLDER", tmp_path)
    locale.load.cache_clear()
    try:
        with pytest.raises(locale.LocaleError, match=message):
            locale.load("xx")
    finally:
        locale.load.cache_clear()


@pytest.mark.parametrize("drop, message", [
    ("history.table_legend", r"xx\.yml lacks history words \(history:\): table_legend"),
    ("summary.renumbered", r"xx\.yml lacks change summary words \(summary:\): renumbered"),
    ("importer.appendix_title", r"xx\.yml lacks importer words \(importer:\): appendix_title"),
    ("importer.item", r"xx\.yml lacks importer words \(importer:\): item"),
    ("importer.revision_words", r"xx\.yml lacks importer words \(importer:\): revision_words"),
])
def test_a_missing_word_is_an_error_naming_the_file_and_the_key(tmp_path, monkeypatch, drop, message):
    section, key = drop.split(".")
    refused(tmp_path, monkeypatch, lambda data: data[section].pop(key), message)


@pytest.mark.parametrize("key, value, message", [
    ("heading", "{numeral} {caption", r"xx\.yml: importer: heading: is written with \{numeral\} and \{caption\} "
                                      r"\(it lacks \{caption\}\)"),
    ("item", "(n)", r"xx\.yml: importer: item: is written with \{number\}"),
    ("preamble_headings", "Introduction", r"xx\.yml: importer: preamble_headings: is a list"),
    ("brackets_as_written", "yes", r"xx\.yml: importer: brackets_as_written: is true or false"),
    ("subheading", {"punctuation": "."}, r"xx\.yml: importer: subheading: gives punctuation: and max_length:"),
    ("title_words", "Policy", r"xx\.yml: importer: title_words: is a list of words"),
    ("appendix_headings", ["Addendum("], r"xx\.yml: importer: appendix_headings: 'Addendum\(' is not a regular "),
])
def test_an_importer_form_that_cannot_be_written_is_named(tmp_path, monkeypatch, key, value, message):
    refused(tmp_path, monkeypatch, lambda data: data["importer"].__setitem__(key, value), message)


def test_each_entry_says_how_it_writes_an_address(tmp_path, monkeypatch):
    assert [locale.load(code).address for code in ("ja", "en", "ko")] == ["japanese", "smallest_first", "largest_first"]
    refused(tmp_path, monkeypatch, lambda data: data.__setitem__("address", "spaced"),
            r"xx\.yml: address: is one of japanese, smallest_first")


def test_the_history_and_the_change_summary_read_the_registry():
    from scripts.history.words import words
    from scripts.pr_summary import status_words

    assert words("en") is locale.load("en").history
    assert status_words(("ja", "en"))["renumbered"] == "番号変更 / renumbered"
    assert status_words(("ja", "en", "ko"))["changed"] == "変更 / changed / 변경"
    with pytest.raises(locale.LocaleError, match="'fr' has no locale entry"):
        words("fr")
