"""The locale registry: one entry per language the site can publish (scripts/policy/locales/<code>.yml).

An entry gives the language's name, how its dates are written, the interface sentences of the
site's pages, the words of its version history and of a pull request's change summary, its
numbering (grammar:) and how the importer writes a policy in it (importer:). A language with no
entry is a configuration error naming it, never a silent fallback to another language's words.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "locales"
# Every entry gives each of these site sentences (a translation may leave 'prevails' empty only
# when it is the original).
SITE_KEYS = ("effective", "takes_effect", "prevails", "clause_link", "policy_heading", "description", "full_text",
             "not_found_title", "not_found_body", "home", "upcoming", "upcoming_link", "upcoming_print")
# The words of the version history (scripts/history/): its pages, feeds, comparisons and tables.
HISTORY_KEYS = (
    "history", "history_intro", "date", "status", "changes", "current", "past", "upcoming", "first", "full_text",
    "diff", "revision_title", "diff_title", "compare_title", "compare_intro", "compare_old", "compare_new",
    "compare_button", "compare_noscript", "past_banner", "upcoming_banner", "current_banner", "current_link", "original_shown",
    "legend", "legend_ins", "legend_del", "inserted", "deleted", "changed", "renumbered", "unchanged", "added",
    "removed", "was", "before", "after", "no_change", "none", "feed_title", "feed_entry", "feed_changes",
    "history_link", "compare_link", "feed_link", "json_link", "lang_name", "table",
    "pdf_full_text", "pdf_table", "table_title", "table_page_title", "table_new", "table_old", "table_caption",
    "table_legend", "new_clause", "deleted_clause", "table_omitted", "table_show_all", "table_renumbered",
    "clause_changed", "summary_heading", "material", "editorial", "announced", "clause_upcoming",
    # How the language writes a list, a label before its text and an aside: 「第1条、第2条」 / "Article 1; Article 2".
    "list_separator", "link_separator", "colon", "parenthesised", "facts_separator")
# How the language numbers its policy and refers to its clauses (scripts/policy/structure.py,
# scripts/verify/references.py); the references' words when their style is 'numbered'.
GRAMMAR_KEYS = ("article", "chapter", "paragraph", "item", "subitem", "heading_example", "references")
REFERENCE_STYLES = ("numbered", "english", "none")
# How the language writes a postal address (scripts/new_site/company.py reads it so).
ADDRESS_STYLES = ("japanese", "smallest_first", "largest_first")
NUMBERED_KEYS = ("numbered", "article", "paragraph", "item", "preceding", "following", "preceding_items",
                 "joiner", "law_before")
# How the importer writes a policy it reads in the language (scripts/importer/language.py).
IMPORTER_KEYS = ("appendix_title", "preamble_title", "preamble_headings", "heading", "brackets_as_written", "item",
                 "subheading", "title_words", "appendix_headings", "closing", "revision_words")
# The importer's lists of regular expressions (words it recognises in a page of any language).
IMPORTER_PATTERNS = ("title_words", "appendix_headings", "closing", "revision_words")
# The placeholders each written form must hold.
IMPORTER_FORMS = {"heading": ("{numeral}", "{caption}"), "item": ("{number}",)}
# What became of a clause, in a pull request's change summary (scripts/pr_summary.py).
SUMMARY_KEYS = ("changed", "inserted", "deleted", "renumbered", "added", "removed", "unchanged")


class LocaleError(Exception):
    """A language the registry has no (complete) entry for."""


@dataclass(frozen=True)
class Locale:
    code: str
    name: str
    date_pattern: str
    months: tuple[str, ...]
    site: dict
    english_name: str = ""
    history: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    grammar: dict = field(default_factory=dict)
    importer: dict = field(default_factory=dict)
    address: str = "japanese"

    def format_date(self, date: dt.date) -> str:
        month_name = self.months[date.month - 1] if self.months else str(date.month)
        return self.date_pattern.format(year=date.year, month=date.month, day=date.day, month_name=month_name)


def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in FOLDER.glob("*.yml")))


@lru_cache(maxsize=None)
def load(code: str) -> Locale:
    path = FOLDER / f"{code}.yml"
    if not path.is_file():
        raise LocaleError(f"the language {code!r} has no locale entry: add scripts/policy/locales/{code}.yml "
                          f"(its name, date format and interface sentences; entries: {', '.join(available())})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        site = {key: str(value or "") for key, value in (data.get("site") or {}).items()}
        missing = [key for key in SITE_KEYS if key not in site]
        if missing:
            raise LocaleError(f"{path.name} lacks site sentences: {', '.join(missing)}")
        history = _section(path, data, "history", HISTORY_KEYS, "history words")
        summary = _section(path, data, "summary", SUMMARY_KEYS, "change summary words")
        grammar = _grammar(path, data)
        importer = _importer(path, data)
        if data.get("address") not in ADDRESS_STYLES:
            raise LocaleError(f"{path.name}: address: is one of {', '.join(ADDRESS_STYLES)} (how the language "
                              "writes a postal address)")
        months = tuple(str(m) for m in data.get("months") or ())
        if "{month_name}" in str(data["date"]) and len(months) != 12:
            raise LocaleError(f"{path.name}: its date format names the month, so it needs the 12 month names (months:)")
        return Locale(code, str(data["name"]), str(data["date"]), months, site,
                      str(data.get("english_name") or data["name"]), history, summary, grammar, importer,
                      str(data["address"]))
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as err:
        raise LocaleError(f"{path.name} cannot be read: {err}") from None


def _section(path: Path, data: dict, name: str, keys: tuple[str, ...], what: str) -> dict:
    """One mapping of words of an entry, every key present (a missing key is named, with its file)."""
    section = data.get(name)
    if not isinstance(section, dict):
        raise LocaleError(f"{path.name} has no {name}: section (the {what}: {', '.join(keys[:3])} …)")
    missing = [key for key in keys if section.get(key) is None]
    if missing:
        raise LocaleError(f"{path.name} lacks {what} ({name}:): {', '.join(missing)}")
    return {key: str(value) for key, value in section.items()}


def _grammar(path: Path, data: dict) -> dict:
    grammar = data.get("grammar")
    if not isinstance(grammar, dict):
        raise LocaleError(f"{path.name} has no grammar: section (how articles, paragraphs and items are numbered)")
    missing = [key for key in GRAMMAR_KEYS if grammar.get(key) is None]
    if missing:
        raise LocaleError(f"{path.name} lacks grammar (grammar:): {', '.join(missing)}")
    for key in ("paragraph", "item", "subitem"):
        if not isinstance(grammar[key], list):
            raise LocaleError(f"{path.name}: grammar: {key}: is a list of regular expressions")
    references = grammar["references"] if isinstance(grammar["references"], dict) else {}
    if references.get("style") not in REFERENCE_STYLES:
        raise LocaleError(f"{path.name}: grammar: references: style: is one of {', '.join(REFERENCE_STYLES)}")
    if references["style"] == "numbered":
        missing = [key for key in NUMBERED_KEYS if references.get(key) is None]
        if missing:
            raise LocaleError(f"{path.name} lacks grammar (grammar: references:): {', '.join(missing)}")
    return grammar


def _importer(path: Path, data: dict) -> dict:
    section = data.get("importer")
    if not isinstance(section, dict):
        raise LocaleError(f"{path.name} has no importer: section (how the importer writes the language: "
                          f"{', '.join(IMPORTER_KEYS[:4])} …)")
    missing = [key for key in IMPORTER_KEYS if section.get(key) is None]
    if missing:
        raise LocaleError(f"{path.name} lacks importer words (importer:): {', '.join(missing)}")
    for key, placeholders in IMPORTER_FORMS.items():
        lacking = [p for p in placeholders if p not in str(section[key])]
        if lacking:
            raise LocaleError(f"{path.name}: importer: {key}: is written with {' and '.join(placeholders)} "
                              f"(it lacks {', '.join(lacking)})")
    if not isinstance(section["preamble_headings"], list) or not section["preamble_headings"]:
        raise LocaleError(f"{path.name}: importer: preamble_headings: is a list of headings (はじめに, Introduction …)")
    for key in IMPORTER_PATTERNS:
        if not isinstance(section[key], list) or not all(isinstance(p, str) and p for p in section[key]):
            raise LocaleError(f"{path.name}: importer: {key}: is a list of words (regular expressions)")
        for pattern in section[key]:
            try:
                re.compile(pattern)
            except re.error as err:
                raise LocaleError(f"{path.name}: importer: {key}: {pattern!r} is not a regular expression ({err})") \
                    from None
    if not isinstance(section["brackets_as_written"], bool):
        raise LocaleError(f"{path.name}: importer: brackets_as_written: is true or false")
    subheading = section["subheading"]
    if not isinstance(subheading, dict) or "punctuation" not in subheading or \
            not any(isinstance(subheading.get(k), int) for k in ("max_length", "max_words")):
        raise LocaleError(f"{path.name}: importer: subheading: gives punctuation: and max_length: or max_words: "
                          "(a number)")
    return section


def english_name(code: str) -> str:
    """The language's name in English ('Japanese'), for messages; the code itself without an entry."""
    try:
        return load(code).english_name
    except LocaleError:
        return code


def check(codes: tuple[str, ...]) -> None:
    """Every language of the site has an entry (raises LocaleError naming the first that has none)."""
    for code in codes:
        load(code)
