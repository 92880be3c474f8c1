"""Recognising numbered structure in a line of policy text, in the house styles we know.

The importer (on raw lines) and the Markdown reader (on blocks) both ask this
module, so they never disagree about what is a paragraph or an item.

Japanese: articles ``第１条（…）`` / ``第1条(…)`` / ``第十二条``; chapters
``第1章 総則``; paragraphs ``１．`` / ``1.`` / ``2　`` (number then a space);
items ``（１）`` / ``(1)`` / ``一　``; sub-items ``①`` / ``イ　``.
English: ``Article 1 (…)``, ``Chapter 1``, paragraphs ``1.``, items ``(1)``, sub-items ``①``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import model
from .numbering import CIRCLED, DIGITS, IROHA, KANJI, to_int

_SPACE = "[ \u3000\t]"
_N = rf"(?:{DIGITS}|{KANJI})"

ARTICLE_JA = re.compile(
    rf"^(第{_SPACE}*({_N}){_SPACE}*条(?:の({_N}))?)"
    rf"{_SPACE}*(?:[（(]([^（()）]+)[）)])?{_SPACE}*(.*)$", re.S)
ARTICLE_EN = re.compile(r"^(Article\s+(\d+)(?:-(\d+))?)\s*(?:\((.+?)\))?\s*(.*)$", re.S)
# '第1章　総則', and in brackets as some house styles write it: '【第一章　本サービスについて】'.
CHAPTER_JA = re.compile(rf"^[【\[［〔]?第{_SPACE}*({_N}){_SPACE}*章(?:{_SPACE}*(.*?))?[】\]］〕]?$", re.S)
CHAPTER_EN = re.compile(r"^Chapter\s+(\d+)\b\s*(.*)$", re.S)
CAPTION_ONLY = re.compile(r"^[（(]([^（()）]{1,40})[）)]$")

PARAGRAPH_JA = re.compile(rf"^({DIGITS})(?:[．.](?![0-9０-９]){_SPACE}*|{_SPACE}+)(?=\S)")
PARAGRAPH_EN = re.compile(r"^(\d+)\\?\.\s+(?=\S)")
ITEM = re.compile(rf"^([（(]({_N})[）)]){_SPACE}*(?=\S)")
ITEM_KANJI = re.compile(rf"^([一二三四五六七八九十]+){_SPACE}+(?=\S)")
SUBITEM = re.compile(rf"^([{CIRCLED}]){_SPACE}*(?=\S)")
SUBITEM_IROHA = re.compile(rf"^([{IROHA}]){_SPACE}+(?=\S)")
LABEL = re.compile(r"^(?:[＜<][^＞>]+[＞>]|\\?\[[^\]]+\](?!\())")
NOTE = re.compile(r"^[※＊*]")

APPENDIX_TITLE = re.compile(r"^(附\s*則|付\s*則|Supplementary Provisions?)\b", re.I)


@dataclass(frozen=True)
class Heading:
    """An article heading as written: '第１条（個人情報）' → numeral '第１条', number 1, caption."""

    numeral: str
    number: int
    caption: str
    rest: str       # text on the same line after the heading (importer only)


def article_heading(text: str, lang: str) -> Heading | None:
    pattern = ARTICLE_JA if lang == "ja" else ARTICLE_EN
    match = pattern.match(text.strip())
    if not match:
        return None
    try:
        number = to_int(match[2])
    except ValueError:
        return None
    return Heading(match[1], number, (match[4] or "").strip(), (match[5] or "").strip())


def chapter_heading(text: str, lang: str) -> tuple[int, str] | None:
    match = (CHAPTER_JA if lang == "ja" else CHAPTER_EN).match(text.strip())
    if not match:
        return None
    try:
        return to_int(match[1]), (match[2] or "").strip()
    except ValueError:
        return None


def classify(text: str, lang: str) -> tuple[str, str, int | None]:
    """(kind, marker as written, number) for one block or line of body text."""
    if lang == "ja":
        match = PARAGRAPH_JA.match(text)
    else:
        match = PARAGRAPH_EN.match(text)
    if match:
        return model.PARAGRAPH, match.group(0).rstrip(" \u3000\t"), to_int(match[1])
    match = ITEM.match(text)
    if match:
        return model.ITEM, match[1], to_int(match[2])
    if lang == "ja":
        match = ITEM_KANJI.match(text)
        if match:
            return model.ITEM, match[1], to_int(match[1])
    match = SUBITEM.match(text)
    if match:
        return model.SUBITEM, match[1], CIRCLED.index(match[1]) + 1
    if lang == "ja":
        match = SUBITEM_IROHA.match(text)
        if match:
            return model.SUBITEM, match[1], to_int(match[1])
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
