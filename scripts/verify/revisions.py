"""Check 1: the revision lines of the 附則 and of the English "Supplementary Provisions".

Its finding codes are declared in ``RULES`` below.

Dates are read by ``scripts.policy.dates`` in every form editors write; the
lines themselves are never rewritten.
"""
from __future__ import annotations

from scripts.policy import model
from scripts.policy.dates import read_date, read_events
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.locale import english_name
from scripts.policy.rules import EACH_LANGUAGE, TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('REV001', ERROR, EACH_LANGUAGE, "a revision line's date is not a real date (e.g. 2022年2月30日, 令和元年4月1日) or no date can be read"),
    rule('REV002', ERROR, EACH_LANGUAGE, 'a revision line names no event: write 制定/策定, 改定/改訂 or 施行/適用/実施 (Enacted, Revised, Effective)'),
    rule('REV003', ERROR, EACH_LANGUAGE, 'revision lines are not in chronological order, oldest first'),
    rule('REV004', ERROR, TRANSLATIONS, 'the Japanese and English supplementary provisions do not list the same dates and events'),
    rule('REV005', ERROR, EACH_LANGUAGE, 'the supplementary provisions are missing or no revision is in force, so the site has no effective date'),
]

EVENT_WORDS = {"enacted": "enacted", "revised": "revised", "effective": "effective"}


def _describe(revision: model.Revision) -> str:
    return f"{revision.date.isoformat()} {'/'.join(revision.events) or 'no event'}"


def _one_language(src: PolicyInput, policy: model.Policy) -> list[Finding]:
    out: list[Finding] = []
    appendix = policy.appendix
    folder = src.display(src.lang_dir(policy.lang))
    if appendix is None:
        return [finding(folder, 0, "REV005", "no supplementary provisions (附則 / Supplementary Provisions) page: "
                        "the site has no effective date")]
    for block in appendix.blocks:
        if block.kind == model.HEADING:
            continue
        reading = read_date(block.text)
        if reading.written and reading.date is None:
            out.append(finding(appendix.path, block.line, "REV001", f"{reading.problem}: {quote(block.text)}"))
        elif not reading.written and read_events(block.text):
            out.append(finding(appendix.path, block.line, "REV001",
                               f"no date can be read in the revision line {quote(block.text)}"))
    latest: model.Revision | None = None
    for revision in appendix.revisions:
        if not revision.events:
            out.append(finding(appendix.path, revision.line, "REV002",
                               f"the line names no event (制定, 改定, 施行 / Enacted, Revised, Effective): "
                               f"{quote(revision.text)}"))
        if latest is not None and revision.date < latest.date:
            out.append(finding(appendix.path, revision.line, "REV003",
                               f"{quote(revision.text)} ({revision.date}) comes after {quote(latest.text)} "
                               f"({latest.date}, line {latest.line}); list the oldest first"))
        if latest is None or revision.date >= latest.date:
            latest = revision
    if not appendix.revisions:
        out.append(finding(appendix.path, appendix.title_line or 1, "REV005",
                           "no revision line with a real date: the site has no effective date"))
    elif policy.effective_date(src.today) is None:
        out.append(finding(appendix.path, appendix.revisions[0].line, "REV005",
                           f"no revision line is in force (施行 / Effective) on {src.today}: "
                           "the site has no effective date"))
    return out


def _compare(ja: model.Policy, en: model.Policy) -> list[Finding]:
    if ja.appendix is None or en.appendix is None:
        return []
    out: list[Finding] = []
    original, translation = english_name(ja.lang), english_name(en.lang)
    ja_lines, en_lines = ja.appendix.revisions, en.appendix.revisions
    for ja_rev, en_rev in zip(ja_lines, en_lines):
        if (ja_rev.date, ja_rev.events) != (en_rev.date, en_rev.events):
            out.append(finding(en.appendix.path, en_rev.line, "REV004",
                               f"{quote(en_rev.text)} ({_describe(en_rev)}) differs from the {original} "
                               f"{quote(ja_rev.text)} ({_describe(ja_rev)}, {ja.appendix.path}:{ja_rev.line})"))
    for ja_rev in ja_lines[len(en_lines):]:
        out.append(finding(en.appendix.path, en.appendix.title_line or 1, "REV004",
                           f"the {original} line {quote(ja_rev.text)} ({_describe(ja_rev)}, "
                           f"{ja.appendix.path}:{ja_rev.line}) has no {translation} line"))
    for en_rev in en_lines[len(ja_lines):]:
        out.append(finding(en.appendix.path, en_rev.line, "REV004",
                           f"{quote(en_rev.text)} ({_describe(en_rev)}) has no {original} line in "
                           f"{ja.appendix.path}"))
    return out


def check(src: PolicyInput) -> list[Finding]:
    out = [f for policy in src.policies.values() for f in _one_language(src, policy)]
    for original, translation in src.translations():
        out += _compare(original, translation)
    return out
