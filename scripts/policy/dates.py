"""Dates as editors write them in a revision line, Japanese or English.

``read_date`` finds the one date in a line and returns it, or says why the
line holds no real date. It normalises only to compare: the line is never
rewritten.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from japanera import ERA_DATA_GENERAL

from . import locale
from .numbering import KANJI, to_int

# Modern eras from japanera's data: kanji -> Era, and the one-letter romaji heads.
_MODERN = ("明治", "大正", "昭和", "平成", "令和")
ERAS = {era.kanji: era for era in ERA_DATA_GENERAL if era.kanji in _MODERN}
ERA_HEADS = {era.english[0]: era for era in ERAS.values()}

MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"], start=1)}
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

_NUM = rf"(?:\d{{1,4}}|{KANJI})"
_PATTERNS = [
    ("era", re.compile(rf"({'|'.join(_MODERN)})\s*(元|{_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")),
    ("western", re.compile(rf"(\d{{4}}|[〇一二三四五六七八九]{{4}})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")),
    ("era_short", re.compile(r"(?<![A-Za-z])([MTSHR])\s?(\d{1,2})[./](\d{1,2})[./](\d{1,2})(?!\d)")),
    ("numeric", re.compile(r"(?<!\d)(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?!\d)")),
    # Korean: '2024년 4월 1일'.
    ("korean", re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    ("en_mdy", re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    ("en_dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE}),?\s+(\d{{4}})\b", re.I)),
]


@dataclass(frozen=True)
class DateReading:
    """What a line says about its date: the date, or the problem, and the text as written."""

    date: dt.date | None
    written: str          # the date as it stands in the line ('' when none found)
    problem: str = ""     # why there is no date, for a finding


def _month_number(name: str) -> int | None:
    name = name.lower().rstrip(".")
    for full, number in MONTHS.items():
        if full.startswith(name) and len(name) >= 3:
            return number
    return None


def _make(year: int, month: int, day: int, written: str) -> DateReading:
    try:
        return DateReading(dt.date(year, month, day), written)
    except ValueError:
        return DateReading(None, written, f"{written} is not a real date")


def _era_date(era_name: str, year_text: str, month: int, day: int, written: str) -> DateReading:
    era = ERAS[era_name]
    relative = 1 if year_text == "元" else to_int(year_text)
    if relative < 1:
        return DateReading(None, written, f"{written} is not a real date (no year 0 in an era)")
    reading = _make(era.relative_year_to_absolute_year(relative), month, day, written)
    if reading.date is None:
        return reading
    if reading.date < era.since or (era.until and reading.date >= era.until):
        end = f" to {era.until:%Y-%m-%d}" if era.until else ""
        return DateReading(None, written,
                           f"{written} does not exist: {era.kanji} runs from {era.since:%Y-%m-%d}{end}")
    return reading


def _reading(name: str, match: re.Match) -> DateReading | None:
    """The date one pattern matched; None when the match is not a date after all."""
    written = match.group(0)
    try:
        if name == "era":
            return _era_date(match[1], match[2], to_int(match[3]), to_int(match[4]), written)
        if name == "western":
            return _make(to_int(match[1]), to_int(match[2]), to_int(match[3]), written)
        if name == "era_short":
            era = ERA_HEADS[match[1]]
            return _era_date(era.kanji, match[2], int(match[3]), int(match[4]), written)
        if name in ("numeric", "korean"):
            return _make(int(match[1]), int(match[2]), int(match[3]), written)
        if name == "en_mdy":
            month = _month_number(match[1])
            return None if month is None else _make(int(match[3]), month, int(match[2]), written)
        if name == "en_dmy":
            month = _month_number(match[2])
            return None if month is None else _make(int(match[3]), month, int(match[1]), written)
    except (ValueError, OverflowError):
        return DateReading(None, written, f"{written} is not a real date")
    return None


def read_date(line: str) -> DateReading:
    """Find the date in ``line``; never raises."""
    if not isinstance(line, str):
        return DateReading(None, "", "not text")
    folded = unicodedata.normalize("NFKC", line)
    for name, pattern in _PATTERNS:
        match = pattern.search(folded)
        if not match:
            continue
        reading = _reading(name, match)
        if reading is not None:
            return reading
    return DateReading(None, "", "no date found")


def find_dates(text: str) -> list[DateReading]:
    """Every date in ``text``, left to right, none overlapping; ``written`` is NFKC-folded."""
    return [reading for _, _, reading in find_date_spans(text)]


def find_date_spans(text: str) -> list[tuple[int, int, DateReading]]:
    """(start, end, reading) of every date in the NFKC-folded ``text``, left to right, none overlapping."""
    folded = unicodedata.normalize("NFKC", text)
    starts: list[int] = []     # the dates found so far, by start: they never overlap,
    found: list[tuple[int, int, DateReading]] = []   # so one neighbour on each side says if a match does
    for name, pattern in _PATTERNS:   # in priority order: an era date wins over its digits
        for match in pattern.finditer(folded):
            at = bisect.bisect_right(starts, match.start())
            if (at and found[at - 1][1] > match.start()) or (at < len(found) and found[at][0] < match.end()):
                continue
            reading = _reading(name, match)
            if reading is not None:
                starts.insert(at, match.start())
                found.insert(at, (match.start(), match.end(), reading))
    return found


# Events of a revision line, normalised to three words.
_EVENTS = [
    ("enacted", re.compile(r"制定|策定|제정|enact|establish|adopt", re.I)),
    ("revised", re.compile(r"改定|改訂|改正|最終更新|개정|revis|amend|updat", re.I)),
    # 'DATE現在' (as of), '以上 DATE' (the closing line's date) and '最終更新日' / 'Last updated'
    # date the text in force.
    ("effective", re.compile(r"施行|適用|実施|現在|시행|^\W*以上|最終更新|effect|enforce|in force|\bas of\b|"
                             r"last (?:updated|modified|revised)", re.I)),
]


def read_events(line: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in _EVENTS if pattern.search(line))


def format_date(date: dt.date, lang: str) -> str:
    """How the site shows a date in ``lang``, as its locale entry writes it: '2022年4月1日', 'April 1, 2022'."""
    return locale.load(lang).format_date(date)
