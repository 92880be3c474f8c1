"""Check 6: translation slips that change meaning, clause by clause.

Its finding codes are declared in ``RULES`` below.

Figures are read after NFKC (full-width digits, ``５，５００``) so ``5,500円`` matches
``5,500 yen``, ``30日`` matches ``30 days`` and ``2022年4月1日`` matches ``April 1, 2022``.
Only figures written in digits are compared: kanji in words such as 一部 or 第三者
are not numbers. The clause's own numbering (``（１）``) is compared by the structure check.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from scripts.policy import model
from scripts.policy.dates import find_date_spans
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.locale import english_name
from scripts.policy.postal import DASHES
from scripts.policy.rules import TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('FIG001', ERROR, TRANSLATIONS, 'a number, amount or duration of a Japanese clause is missing from its English twin'),
    rule('FIG002', ERROR, TRANSLATIONS, 'a date of a Japanese clause is missing from its English twin'),
    rule('FIG003', ERROR, TRANSLATIONS, 'a postal code or telephone number of a Japanese clause is missing from its English twin'),
    rule('FIG004', ERROR, TRANSLATIONS, 'a URL of a Japanese clause is missing from its English twin'),
]

URL = re.compile(r"https?://[^\s<>「」『』、。()\[\]]+")
# The blanks after a 〒 belong to the code; a code without 〒 starts at its digits (a pattern
# that let blanks start any code would rescan a long run of them from each of its blanks).
POSTAL = re.compile(rf"(?:〒\s*)?(?<!\d)(\d{{3}})[{DASHES}](\d{{4}})(?!\d)")
PHONE = re.compile(rf"(?<!\d)(0\d{{1,4}})[{DASHES}](\d{{1,4}})[{DASHES}](\d{{3,4}})(?!\d)")
NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万|億)?")
UNITS = {"円": "amount", "日": "duration", "日間": "duration", "か月": "duration", "ヶ月": "duration",
         "ヵ月": "duration", "ケ月": "duration", "年間": "duration", "時間": "duration", "営業日": "duration",
         "週間": "duration", "分": "duration", "%": "percentage"}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
         "sixty": 60, "ninety": 90, "hundred": 100}
CODES = {"number": "FIG001", "amount": "FIG001", "duration": "FIG001", "percentage": "FIG001",
         "date": "FIG002", "postal code": "FIG003", "telephone number": "FIG003", "URL": "FIG004"}


@dataclass(frozen=True)
class Figure:
    kind: str       # 'amount', 'duration', 'number', 'date', 'postal code', 'telephone number', 'URL'
    key: str        # what must match across languages
    written: str    # as written (NFKC), for the message


def _cut(text: str, pattern: re.Pattern, make) -> tuple[str, list[Figure]]:
    figures = []
    for match in pattern.finditer(text):
        figures.append(make(match))
    return pattern.sub(" ", text), figures


def figures(text: str, lang: str) -> list[Figure]:
    """Every figure of ``text``; each part of the text is read once (a URL's digits are not numbers)."""
    text = unicodedata.normalize("NFKC", text)
    found: list[Figure] = []
    text, part = _cut(text, URL, lambda m: Figure("URL", m[0].rstrip(".,;:"), m[0].rstrip(".,;:")))
    found += part
    text, part = _cut(text, PHONE, lambda m: Figure("telephone number", f"{m[1]}-{m[2]}-{m[3]}", m[0]))
    found += part
    text, part = _cut(text, POSTAL, lambda m: Figure("postal code", f"{m[1]}-{m[2]}", m[0].strip()))
    found += part
    pieces, end = [], 0
    for start, stop, reading in find_date_spans(text):
        if reading.date is not None:
            found.append(Figure("date", reading.date.isoformat(), reading.written))
            pieces += [text[end:start], " "]
            end = stop
    text = "".join(pieces) + text[end:]
    for match in NUMBER.finditer(text):
        key = _value(match[1], match[2], match[3])
        after = text[match.end():match.end() + 3]
        kind = next((k for unit, k in UNITS.items() if after.startswith(unit)), "number")
        found.append(Figure(kind, key, match[0] + (after[:len(next((u for u in UNITS if after.startswith(u)), ""))])))
    if lang == "en":
        for word in re.findall(r"[A-Za-z]+", text):
            if word.lower() in WORDS:
                found.append(Figure("number", str(WORDS[word.lower()]), word))
    return found


def _value(whole: str, fraction: str | None, scale: str | None) -> str:
    """A number's value as a key, computed on its digits: '1,100' → '1100', '1.5万' → '15000'.

    Exact for any length (a run of thousands of digits is no int, and a float loses digits).
    """
    digits = whole.replace(",", "").lstrip("0")
    fraction = fraction or ""
    if scale:
        shift = 4 if scale == "万" else 8
        # The fraction's digits within the scale join the whole; the rest are dropped.
        return (digits + fraction.ljust(shift, "0")[:shift]).lstrip("0") or "0"
    return (digits or "0") + (f".{fraction}" if fraction else "")


def _block_text(block: model.Block) -> str:
    return block.body if block.marker and block.kind in model.NUMBERED else block.text


def _compare(ja_doc: model.Document, en_doc: model.Document) -> list[Finding]:
    out: list[Finding] = []
    translation = english_name(en_doc.lang)
    en_clauses = {c.id: c for c in en_doc.clauses}
    for clause in ja_doc.clauses:
        twin = en_clauses.get(clause.id)
        if twin is None:
            continue   # the structure check reports a missing clause
        english = {(_group(f.kind), f.key) for b in twin.blocks for f in figures(_block_text(b), en_doc.lang)}
        reported = set()
        for block in clause.blocks:
            for figure in figures(_block_text(block), ja_doc.lang):
                key = (_group(figure.kind), figure.key)
                if key in english or key in reported:
                    continue
                reported.add(key)
                out.append(finding(en_doc.path, twin.line, CODES[figure.kind],
                                   f"{figure.kind} {quote(figure.written)} of {clause.id} ({ja_doc.path}:{block.line}) "
                                   f"is missing from the {translation} {quote(twin.text)}"))
    return out


def _group(kind: str) -> str:
    """Kinds that may be written differently but must match by value ('30日' ↔ '30 days')."""
    return "number" if CODES[kind] == "FIG001" else kind


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    for ja, en in src.translations():
        out += _policies(ja, en)
    return out


def _policies(ja: model.Policy, en: model.Policy) -> list[Finding]:
    """The original ``ja``'s figures against the translation ``en``'s, document by document."""
    out: list[Finding] = []
    for ja_doc in ja.documents:
        en_doc = en.document(ja_doc.rel)
        # The appendix's dates are compared line by line by the revision check.
        if en_doc is None or ja_doc.kind not in (model.ARTICLE, model.PREAMBLE) or en_doc.kind != ja_doc.kind:
            continue
        out += _compare(ja_doc, en_doc)
    return out
