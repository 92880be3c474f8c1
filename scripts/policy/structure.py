"""Recognising numbered structure in a line of policy text, in the house styles we know.

The importer (on raw lines) and the Markdown reader (on blocks) both ask this
module, so they never disagree about what is a paragraph or an item.

Japanese: articles ``第１条（…）`` / ``第1条(…)`` / ``第十二条``; chapters
``第1章 総則``; paragraphs ``１．`` / ``1.`` / ``2　`` (number then a space);
items ``（１）`` / ``(1)`` / ``一　``; sub-items ``①`` / ``イ　``.
English: ``Article 1 (…)``, ``Chapter 1``, paragraphs ``1.``, items ``(1)``, sub-items ``①``.
Each language's forms are its locale entry's ``grammar:`` (scripts/policy/locales/<code>.yml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import locale, model
from .numbering import CIRCLED, DIGITS, HANGUL, IROHA, KANJI, to_int

_SPACE = "[ \u3000\t]"
_N = rf"(?:{DIGITS}|{KANJI})"

CAPTION_ONLY = re.compile(r"^[（(]([^（()）]{1,40})[）)]$")

LABEL = re.compile(r"^(?:[＜<][^＞>]+[＞>]|\\?\[[^\]]+\](?!\())")
NOTE = re.compile(r"^[※＊*]")

# The placeholders of the locale registry's grammar (scripts/policy/locales/<code>.yml).
PLACEHOLDERS = {"<N>": _N, "<DIGITS>": DIGITS, "<SPACE>": _SPACE, "<CIRCLED>": CIRCLED, "<IROHA>": IROHA,
                "<HANGUL>": HANGUL}


@dataclass(frozen=True)
class Grammar:
    """A language's numbering, compiled from its locale entry."""

    article: re.Pattern
    chapter: re.Pattern
    paragraph: tuple[re.Pattern, ...]
    item: tuple[re.Pattern, ...]
    subitem: tuple[re.Pattern, ...]
    heading_example: str


def _compile(pattern: str, code: str, key: str) -> re.Pattern:
    for name, value in PLACEHOLDERS.items():
        pattern = pattern.replace(name, value)
    try:
        return re.compile(pattern, re.S)
    except re.error as err:
        raise locale.LocaleError(f"{code}.yml: grammar: {key}: not a regular expression ({err})") from None


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """The numbering of ``lang`` (a LocaleError for a language without a complete entry)."""
    data = locale.load(lang).grammar
    return Grammar(_compile(str(data["article"]), lang, "article"), _compile(str(data["chapter"]), lang, "chapter"),
                   *(tuple(_compile(str(p), lang, key) for p in data[key]) for key in ("paragraph", "item", "subitem")),
                   str(data["heading_example"]))


_ATX_OPEN = re.compile(r"(#{1,6})\s+")


def atx_heading(text: str, multiline: bool = False) -> tuple[str, str] | None:
    r"""(the #s, the title) of a Markdown heading '## 目的 ##', or None.

    As ``^(#{1,6})\s+(.*?)\s*#*\s*$`` reads it (``re.S`` when ``multiline``), computed by
    stripping: that pattern tries every split of a run of blanks inside the title against
    every other, which takes minutes on a long run.
    """
    opening = _ATX_OPEN.match(text)
    if opening is None:
        return None
    title = text[opening.end():].rstrip().rstrip("#").rstrip()
    if "\n" in title and not multiline:
        return None
    return opening[1], title


APPENDIX_TITLE = re.compile(r"^(附\s*則|付\s*則|부\s*칙|Supplementary Provisions?)\b", re.I)


@dataclass(frozen=True)
class Heading:
    """An article heading as written: '第１条（個人情報）' → numeral '第１条', number 1, caption."""

    numeral: str
    number: int
    caption: str
    rest: str       # text on the same line after the heading (importer only)


def article_heading(text: str, lang: str) -> Heading | None:
    match = grammar(lang).article.match(text.strip())
    if not match:
        return None
    try:
        number = to_int(match[2])
    except ValueError:
        return None
    return Heading(match[1], number, (match[4] or "").strip(), (match[5] or "").strip())


def chapter_heading(text: str, lang: str) -> tuple[int, str] | None:
    match = grammar(lang).chapter.match(text.strip())
    if not match:
        return None
    try:
        return to_int(match[1]), (match[2] or "").strip()
    except ValueError:
        return None


def _numbered(text: str, patterns: tuple[re.Pattern, ...]) -> tuple[str, int] | None:
    """(marker as written, number) of the first form that matches and reads as a number."""
    for pattern in patterns:
        match = pattern.match(text)
        if not match:
            continue
        marker = match["marker"] if "marker" in pattern.groupindex else match.group(0).rstrip(" \u3000\t")
        return marker, to_int(match["number"])
    return None


def classify(text: str, lang: str) -> tuple[str, str, int | None]:
    """(kind, marker as written, number) for one block or line of body text, in ``lang``'s grammar."""
    rules = grammar(lang)
    for kind, patterns in ((model.PARAGRAPH, rules.paragraph), (model.ITEM, rules.item),
                           (model.SUBITEM, rules.subitem)):
        found = _numbered(text, patterns)
        if found:
            return kind, found[0], found[1]
    if LABEL.match(text):
        return model.LABEL, "", None
    if NOTE.match(text):
        return model.NOTE, "", None
    return model.TEXT, "", None


# Section-style documents (no 第N条): numbered or unnumbered headings, and an outline of
# markers whose nesting is given by the order in which their styles first appear.
SECTION_TITLE = re.compile(rf"^({DIGITS})(?:[．.](?![0-9０-９]){_SPACE}*|{_SPACE}+)(\S.*)$", re.S)
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
BULLET = re.compile(r"^([-*+・•●◦○▪■]|\\[-*+])[ \u3000\t]*(?=\S)")

# (style, pattern): the style names a kind of numbering, so '1.' and '１．' are one style and
# every '(1)' is another. Order matters: longer forms before their prefixes.
_OUTLINE = (
    ("decimal", re.compile(rf"^(({DIGITS})[．.]({DIGITS})(?:[．.]({DIGITS}))?)[．.]?(?:{_SPACE}+|(?=[^0-9０-９.．\s]))")),
    ("(n).", re.compile(rf"^([（(]({DIGITS})[）)][．.]){_SPACE}*(?=\S)")),
    ("(n)", re.compile(rf"^([（(]({DIGITS})[）)]|([{PARENTHESIZED}])){_SPACE}*(?=\S)")),
    ("(kanji)", re.compile(rf"^([（(]({KANJI})[）)]){_SPACE}*(?=\S)")),
    ("(kana)", re.compile(rf"^([（(]([{AIUEO}])[）)]){_SPACE}*(?=\S)")),
    ("(a)", re.compile(r"^(\(([a-z])\))[ \t]*(?=\S)")),
    ("n)", re.compile(rf"^(({DIGITS})[）)]){_SPACE}*(?=\S)")),
    ("n.", re.compile(rf"^(({DIGITS})(?:\\?[．.、,](?![0-9０-９])))[ \t\u3000]*(?=\S)")),
    ("n ", re.compile(r"^(([0-9０-９]{1,2}))[ \u3000]+(?=[^0-9０-９年月日\s])")),
    ("circled", re.compile(rf"^([{CIRCLED}]){_SPACE}*(?=\S)")),
    ("kana", re.compile(rf"^([{AIUEO}])(?:[．.、]|{_SPACE}+)(?=\S)")),
    ("a.", re.compile(r"^(([a-z])[.)])[ \t]+(?=\S)")),
    ("kanji", re.compile(rf"^([一二三四五六七八九十]+)(?:{_SPACE}+|[．、])(?=\S)")),
)


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a line of a section-style document."""

    style: str     # 'n.', '(n)', 'kana', 'bullet' …
    marker: str    # as written: '1.', '（１）', 'ア', '-'
    number: int | None   # None for bullets (numbered by position) and kana (read by the series)
    length: int    # characters the marker and its spacing take


def outline_marker(text: str) -> Marker | None:
    """The marker a line of a section-style document starts with, if any."""
    match = BULLET.match(text)
    if match:
        inner = outline_marker(text[match.end():])
        if inner is not None and inner.style != "bullet":
            # '* ア 請求書': the bullet only carries the item that names itself.
            return Marker(inner.style, inner.marker, inner.number, match.end() + inner.length)
        return Marker("bullet", match[1], None, match.end())
    for style, pattern in _OUTLINE:
        match = pattern.match(text)
        if not match:
            continue
        marker = match[1]
        if style in ("circled",):
            number = CIRCLED.index(marker) + 1
        elif style == "kana":
            number = None
        elif style == "(kana)":
            number = AIUEO.index(match[2]) + 1
        elif style == "(n)" and match[3]:
            number = PARENTHESIZED.index(match[3]) + 1
        elif style == "decimal":
            number = to_int(match[4] or match[3])
        elif style in ("(a)", "a."):
            number = ord(match[2]) - ord("a") + 1
        elif style == "kanji":
            number = to_int(marker)
        else:
            number = to_int(match[2])
        return Marker(style, marker.rstrip(), number, match.end())
    return None


def kana_number(marker: str, series: str) -> int:
    """ア, イ, ウ … or イ, ロ, ハ …: which series a run uses is set by its first marker."""
    return (IROHA if series == "iroha" else AIUEO).index(marker) + 1


def section_heading(text: str) -> tuple[int | None, str, str]:
    """(number or None, numeral as written, caption) of a section heading: '1. 目的', '１．適正な取得'."""
    text = text.strip()
    match = SECTION_TITLE.match(text)
    if match and not re.match(rf"^{DIGITS}\s*年", text):
        return to_int(match[1]), text[: match.start(2)].rstrip(" \u3000\t"), match[2].strip()
    return None, "", text
