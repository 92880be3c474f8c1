"""How the importer writes a policy in the language it reads: that language's locale entry.

The entry's ``importer:`` section (scripts/policy/locales/<code>.yml) gives the titles of
files the source has no heading for, how an article's heading and a list's item are
written, which preamble headings open a policy, and the words that tell a page's parts apart
(titles, appendix headings, revision lines: every entry's, in a page of any language); its
``grammar:`` tells the numbering apart (scripts/policy/structure.py). A language without an
entry is a LocaleError naming it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..policy import locale

_FULL, _HALF = "（）", "()"


@dataclass(frozen=True)
class Writing:
    code: str
    appendix_title: str
    preamble_title: str
    preamble_headings: tuple[str, ...]
    heading_form: str
    brackets_as_written: bool
    item_form: str
    subheading: dict

    def heading(self, numeral: str, caption: str, written: str) -> str:
        """An article's title from its numeral and caption; ``written``: its line in the source."""
        if not caption:
            return numeral
        form = self.heading_form
        if self.brackets_as_written:
            # The brackets' width as the source has it: '第1条(目的)' stays half-width.
            if _FULL[0] in written:
                form = form.translate(str.maketrans(_HALF, _FULL))
            elif _HALF[0] in written:
                form = form.translate(str.maketrans(_FULL, _HALF))
        return form.format(numeral=numeral, caption=caption)

    def item(self, number: str) -> str:
        """The marker of an item the source numbered as a list ('（1）', '(1) ', '1. ')."""
        return self.item_form.format(number=number)

    def opens_policy(self, text: str) -> bool:
        """A preamble heading (はじめに, Introduction, 들어가며): where the policy starts."""
        return text in self.preamble_headings

    def is_subheading(self, text: str) -> bool:
        """A short line without the language's sentence punctuation, such as 個人情報保護方針."""
        rule = self.subheading
        punctuation = str(rule["punctuation"])
        if punctuation and re.search(f"[{re.escape(punctuation)}]", text):
            return False
        if rule.get("capitalised") and not text[:1].isupper():
            return False
        if "max_words" in rule and len(text.split()) > int(rule["max_words"]):
            return False
        return "max_length" not in rule or len(text) <= int(rule["max_length"])


@lru_cache(maxsize=None)
def writing(code: str) -> Writing:
    """The importer's words for ``code`` (a LocaleError for a language without a complete entry)."""
    data = locale.load(code).importer
    return Writing(code, str(data["appendix_title"]), str(data["preamble_title"]),
                   tuple(str(h) for h in data["preamble_headings"]), str(data["heading"]),
                   bool(data["brackets_as_written"]), str(data["item"]), dict(data["subheading"]))


def languages() -> tuple[str, ...]:
    """Every language the importer reads: the registry's."""
    return locale.available()


# What tells a page's parts apart is recognised in every language of the registry at once: a
# Japanese page may carry an English title ('Privacy Policy'), and a page's language is not asked.

@lru_cache(maxsize=None)
def _words(key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(p) for code in languages() for p in locale.load(code).importer[key]))


@lru_cache(maxsize=None)
def title_words() -> re.Pattern:
    """Words naming a document (ポリシー, 規約, Policy, 방침): a short line holding one is a title."""
    return re.compile("(" + "|".join(_words("title_words")) + ")", re.I)


@lru_cache(maxsize=None)
def appendix_heading() -> re.Pattern:
    """The whole line of an appendix's heading: 附則, Supplementary Provisions, 부칙."""
    return re.compile("^(" + "|".join(_words("appendix_headings")) + ")$", re.I)


@lru_cache(maxsize=None)
def closing() -> re.Pattern:
    """The whole line that closes a policy: 以上, End, 이상."""
    return re.compile("^(" + "|".join(_words("closing")) + ")$", re.I)


# Around a revision line's words: its punctuation, brackets and blanks.
_REVISION_MARKS = r"[-*+・·•●■【】\[\]〔〕（）():：、,.．。\s\u3000]"


@lru_cache(maxsize=None)
def revision_noise() -> re.Pattern:
    """What a revision line holds besides its date ('制定・施行', 'Last updated:', '제정·시행'); Latin
    words only as whole words."""
    words = _words("revision_words")
    latin = [w for w in words if w.isascii()]
    others = [w for w in words if not w.isascii()]
    return re.compile("|".join([_REVISION_MARKS, *others] + ([rf"\b(?:{'|'.join(latin)})\b"] if latin else [])), re.I)
