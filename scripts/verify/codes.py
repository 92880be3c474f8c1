"""Every finding code verify can report, with its default severity and a one-line explanation.

Codes are stable: a code is never reused for another problem. ``--list-codes``
prints this table; the README lists it too.
"""
from __future__ import annotations

from dataclasses import dataclass

from scripts.policy.finding import ERROR, WARNING


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    explanation: str


_TABLE = [
    # Revision lines of the 附則 (scripts/verify/revisions.py)
    ("REV001", ERROR, "a revision line's date is not a real date (e.g. 2022年2月30日, 令和元年4月1日) or no date can be read"),
    ("REV002", ERROR, "a revision line names no event: write 制定/策定, 改定/改訂 or 施行/適用/実施 (Enacted, Revised, Effective)"),
    ("REV003", ERROR, "revision lines are not in chronological order, oldest first"),
    ("REV004", ERROR, "the Japanese and English supplementary provisions do not list the same dates and events"),
    ("REV005", ERROR, "the supplementary provisions are missing or no revision is in force, so the site has no effective date"),
    # Contact and address blocks (scripts/verify/contacts.py)
    ("ADDR001", ERROR, "a postal code does not exist in Japan Post's data"),
    ("ADDR002", ERROR, "a postal code does not match the prefecture, city and town of the address"),
    ("ADDR003", ERROR, "a postal code differs from the company data file (data/company.yml)"),
    ("ADDR004", ERROR, "the company name differs from the company data file"),
    ("ADDR005", ERROR, "the representative's title or name differs from the company data file"),
    ("ADDR006", ERROR, "the address (prefecture, city, town, block numbers, building, room) differs from the company data file"),
    ("ADDR007", ERROR, "the contact URL is not a well-formed https:// URL or differs from the company data file"),
    ("ADDR008", ERROR, "the Japanese and English contact blocks carry different postal codes or numbers"),
    ("ADDR009", ERROR, "a contact block is missing: 第６条's ＜宛先＞ / 第１２条's company information (or its English twin)"),
    # Structure and numbering (scripts/verify/structure.py)
    ("STR001", ERROR, "articles are not numbered 1, 2, 3 … without gaps or duplicates"),
    ("STR002", ERROR, "paragraphs (１．) are not numbered in sequence within their article"),
    ("STR003", ERROR, "items (（１）) or sub-items (①) are not numbered in sequence within their parent"),
    ("STR004", ERROR, "a policy file exists in one language only"),
    ("STR005", ERROR, "the English text does not mirror the Japanese: an article, paragraph or item is missing or extra"),
    ("STR006", ERROR, "a file under articles/ has no article heading (# 第N条（…） / # Article N (…))"),
    # Cross-references (scripts/verify/references.py)
    ("REF001", ERROR, "a cross-reference points at an article that does not exist"),
    ("REF002", ERROR, "a cross-reference points at a paragraph that does not exist"),
    ("REF003", ERROR, "a cross-reference points at an item that does not exist"),
    ("REF004", ERROR, "a clause's Japanese and English cross-references point at different places"),
    # Translation freshness (scripts/verify/freshness.py)
    ("TRN001", WARNING, "the Japanese text changed after its English translation was last marked up to date"),
    ("TRN002", WARNING, "an English file does not record which Japanese text it translates (run scripts.translation mark)"),
    # Translation slips (scripts/verify/figures.py)
    ("FIG001", ERROR, "a number, amount or duration of a Japanese clause is missing from its English twin"),
    ("FIG002", ERROR, "a date of a Japanese clause is missing from its English twin"),
    ("FIG003", ERROR, "a postal code or telephone number of a Japanese clause is missing from its English twin"),
    ("FIG004", ERROR, "a URL of a Japanese clause is missing from its English twin"),
    # How the Japanese is written (scripts/verify/style.py)
    ("STY001", WARNING, "Japanese numbering is written in half-width (# 第6条, 3., (7)): write 第６条, ３．, （７）"),
    ("STY002", WARNING, "a line starts with a Word-style bullet ・: write sub-items ①, ② (in both languages) or plain text"),
    # Disclosures required by APPI (scripts/verify/disclosures.py)
    ("APPI001", ERROR, "the operator's name, address or representative is not stated (APPI Art. 32(1)(i))"),
    ("APPI002", ERROR, "the purposes of use are not stated (APPI Art. 32(1)(ii))"),
    ("APPI003", ERROR, "how to request disclosure, correction or suspension of use is not stated (APPI Art. 32(1)(iii))"),
    ("APPI004", ERROR, "the fee for disclosure is not stated (APPI Art. 32(1)(iii), Art. 38(2))"),
    ("APPI005", ERROR, "the security control measures are not stated (APPI Art. 32(1)(iv), Cabinet Order Art. 10(i))"),
    ("APPI006", ERROR, "where to lodge complaints is not stated (APPI Art. 32(1)(iv), Cabinet Order Art. 10(ii))"),
    # The text against its archive of revisions (scripts/verify/archived.py)
    ("REV006", ERROR, "the text differs (whitespace aside) from the published revision of the newest 附則 line, and no newer line was added"),
    ("REV007", ERROR, "the newest revision line of the 附則 has no archived revision in revisions/ (it was never released)"),
    ("REV008", ERROR, "a released revision not yet published (not on the default branch) no longer matches the text"),
]

CODES: dict[str, Code] = {code: Code(code, severity, text) for code, severity, text in _TABLE}


def listing() -> str:
    """The code table as plain text, one code a line."""
    return "\n".join(f"{c.code:<8} {c.severity:<8} {c.explanation}" for c in CODES.values())
