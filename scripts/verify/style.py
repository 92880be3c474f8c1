"""Check 8: the Japanese is numbered and listed the way the guide asks (warnings).

Its finding codes are declared in ``RULES`` below.

The core reads both forms alike, which is why only a warning says so. English numbering is
half-width by nature and is not checked.
"""
from __future__ import annotations

import re

from scripts.policy import model
from scripts.policy.finding import WARNING, Finding, quote
from scripts.policy.rules import EACH_LANGUAGE, rule

from .source import PolicyInput, finding

RULES = [
    rule('STY001', WARNING, EACH_LANGUAGE, 'Japanese numbering is written in half-width (# 第6条, 3., (7)): write 第６条, ３．, （７）'),
    rule('STY002', WARNING, EACH_LANGUAGE, 'a line starts with a Word-style bullet ・: write sub-items ①, ② (in both languages) or plain text'),
]

_WIDE = str.maketrans("0123456789.()", "０１２３４５６７８９．（）")
_HALF_DIGITS = re.compile(r"[0-9]")
_ARTICLE_NUMERAL = re.compile(r"^#\s*(第\s*[0-9０-９]+\s*条)")
# Bullets pasted from a word processor: ・ (and its half-width ･, and •).
_BULLET = re.compile(r"^[ \u3000\t]*([・･•])[ \u3000\t]*(.*)$")


def _full(block: model.Block, written: str) -> str:
    """The full-width form of a marker: 第６条, ３．, （７）."""
    digits = re.sub(r"\D", "", written.translate(_WIDE).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    number = digits.translate(_WIDE)
    if block.kind == model.HEADING:
        return f"第{number}条"
    if block.kind == model.PARAGRAPH:
        return f"{number}．"
    if block.kind == model.ITEM:
        return f"（{number}）"
    return written.translate(_WIDE)


def _numbering(doc: model.Document) -> list[Finding]:
    out: list[Finding] = []
    for block in doc.blocks:
        if block.kind == model.HEADING:
            match = _ARTICLE_NUMERAL.match(block.text)
            written = match[1] if match and block.line == doc.title_line else ""
        elif block.kind in model.NUMBERED and block.opens_clause:
            written = block.marker
        else:
            continue
        if written and (_HALF_DIGITS.search(written) or re.search(r"[.()]", written)):
            out.append(finding(doc.path, block.line, "STY001",
                               f"numbering {quote(written)} is written in half-width: write {quote(_full(block, written))} "
                               "(full-width, as the guide asks and the other clauses are)"))
    return out


def _bullets(doc: model.Document) -> list[Finding]:
    out: list[Finding] = []
    for block in doc.blocks:
        for offset, line in enumerate(block.text.split("\n")):
            match = _BULLET.match(line)
            if not match:
                continue
            where = "the item above" if block.clause_id and re.search(r"-i\d+$", block.clause_id) else "its clause"
            out.append(finding(doc.path, block.line + offset, "STY002",
                               f"bullet {quote(line.strip()[:30])} is no clause: write it as a sub-item "
                               f"(①, ②, … each as its own block under {where}, and the same in English), "
                               f"or as plain text without {quote(match[1])}"))
    return out


def check(src: PolicyInput) -> list[Finding]:
    policy = src.policies.get("ja")
    if policy is None:
        return []
    out: list[Finding] = []
    for doc in policy.documents:
        if doc.kind not in (model.ARTICLE, model.PREAMBLE, model.APPENDIX):
            continue
        if doc.style == model.ARTICLE_STYLE:
            out += _numbering(doc)
            # In a section-style document a bullet is a clause of its own (sec-2-p1): nothing to warn.
            out += _bullets(doc)
        elif doc.kind != model.ARTICLE:
            out += _bullets(doc)
    return out
