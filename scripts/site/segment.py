"""Search words for Japanese text: overlapping character pairs, made without a dictionary.

Japanese has no spaces between words, and a dictionary segmenter cuts compounds where
a visitor's query may not (`ログ` inside アクセスログ) and costs about 1 s to load on
every build. Instead every run of kana and kanji becomes its overlapping pairs of
characters and its last (アクセス → アク クセ セス ス), and a query becomes the pairs of what was
typed: a page holding the query holds all of its pairs, whatever the word boundaries.
Letters, digits and Latin punctuation are left as they are, so English and
`IPアドレス`'s `IP` stay whole words; Japanese punctuation becomes a word of its own.

The browser makes the same words from the query: overrides/assets/javascripts/
policy-segment.js must stay in step with this file (tests/site/test_segment.py
runs both on the same samples).
"""
from __future__ import annotations

import re
import unicodedata

# Kana, kanji and the iteration marks (々〆〇). Not the middle dot ・, brackets or
# punctuation: they separate words, and a query rarely contains them.
_RUN = re.compile("[\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
                  "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Japanese punctuation (、。「」・) is a word of its own, so that it never sticks to a
# neighbouring Latin word (、cookie).
_PUNCTUATION = re.compile("[\u3000-\u3004\u3008-\u303f\u30fb]")


def pairs(run: str) -> list[str]:
    """The overlapping pairs of a run, then its last character; a one-character run is
    its own word.

    The last character is a word too because Pagefind cuts a Japanese query again with the
    browser's word segmenter (``Intl.Segmenter``), which may split a pair into its two
    characters (者名 → 者 名). Pagefind matches each word as the start of an indexed word,
    so every character of a run must begin one: each begins a pair but the last.
    """
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]


def segment(text: str) -> str:
    """``text`` with each Japanese run replaced by its pairs, spaced apart.

    NFKC first, so that full-width digits and letters (第１条, ＩＰ) match what a
    visitor types in half-width, and half-width katakana match full-width.
    """
    text = _PUNCTUATION.sub(lambda m: f" {m[0]} ", unicodedata.normalize("NFKC", text))
    return _RUN.sub(lambda m: " " + " ".join(pairs(m[0])) + " ", text)
