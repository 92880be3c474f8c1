"""Numerals as legal Japanese writes them: full-width, kanji and circled digits.

Only used to *read* numbers for comparison and ids; the text itself is never rewritten.
"""
from __future__ import annotations

import re
import unicodedata

import kanjize

DIGITS = r"[0-9０-９]+"
KANJI = r"[〇一二三四五六七八九十百千]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# No clause is numbered with more digits than this (and Python reads at most 4,300 into an int).
MAX_DIGITS = 100
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
# Korean legal sub-items: 가. 나. 다. …
HANGUL = "가나다라마바사아자차카타파하"


def to_int(numeral: str) -> int:
    """Read '１２', '12', '十二', '⑫' or 'ロ' as an integer.

    Raises ValueError for anything else, so callers decide how to report it.
    """
    numeral = numeral.strip()
    if not numeral:
        raise ValueError("empty numeral")
    if len(numeral) == 1 and numeral in IROHA:
        return IROHA.index(numeral) + 1
    if len(numeral) == 1 and numeral in HANGUL:
        return HANGUL.index(numeral) + 1
    folded = unicodedata.normalize("NFKC", numeral)
    if len(numeral) > MAX_DIGITS:
        raise NumeralError(numeral, too_long=True)
    if folded.isdigit() and folded.isascii():
        return int(folded)
    if re.fullmatch(KANJI, numeral):
        if re.fullmatch("[〇一二三四五六七八九]+", numeral) and len(numeral) > 1:
            # Digit-by-digit kanji, as in 二〇二二.
            return int("".join(str("〇一二三四五六七八九".index(c)) for c in numeral))
        try:
            return int(kanjize.kanji2number(numeral))
        except (ValueError, KeyError, IndexError):
            # kanjize refuses forms such as 十十 or 百百: the editor's slip, said plainly.
            raise NumeralError(numeral) from None
    raise NumeralError(numeral)


class NumeralError(ValueError):
    """A numeral that cannot be read as a number (十十, 二百百)."""

    def __init__(self, numeral: str, too_long: bool = False):
        if too_long:
            shown = numeral[:12] + "…"
            super().__init__(f"「{shown}」 ({len(numeral)} characters) is too long to be a number: "
                             "number clauses 1, 2, 3 …")
        else:
            super().__init__(f"「{numeral}」 is not a number as written: write it as 二十 or ２０")
        self.numeral = numeral


def fold(text: str) -> str:
    """A comparison key: NFKC, dash-like characters folded to '-', runs of blanks to one space."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[‐‑‒–—―−－ｰ─]", "-", text)
    return re.sub(r"\s+", " ", text).strip()
