"""Check 9: the change notices (docs/<lang>/changes/YYYY-MM-DD.md) of the revisions.

Its finding codes are declared in ``RULES`` below. The notice period is ``notice_period_days``
in data/policy.yml (default 30 days). Figures are read as the FIG checks read them
(``5,500円`` = ``5,500 yen``).
"""
from __future__ import annotations

import datetime as dt

from scripts.policy import notices
from scripts.policy.finding import ERROR, WARNING, Finding, quote
from scripts.policy.locale import english_name
from scripts.policy.rules import EACH_LANGUAGE, TRANSLATIONS, rule

from .figures import figures
from .source import PolicyInput, finding

RULES = [
    rule("NTC001", ERROR, EACH_LANGUAGE, "a material change is announced fewer days before its effective date than the notice "
         "period (data/policy.yml, default 30): announce it earlier or take effect later"),
    rule("NTC002", WARNING, EACH_LANGUAGE, "a revision has no change notice with a summary (docs/<lang>/changes/YYYY-MM-DD.md)"),
    rule("NTC003", ERROR, TRANSLATIONS, "the Japanese and English change notices differ in kind, announcement date, or a date "
         "or figure of the summary"),
    rule("NTC004", ERROR, EACH_LANGUAGE, "a change notice is not named after a revision date, or its change: or announced: "
         "is missing or wrong"),
]


def _revision_dates(src: PolicyInput, lang: str) -> dict[dt.date, int]:
    """Revision dates of the appendix after the first (the first is the policy as published) → line."""
    policy = src.policies[lang]
    revisions = policy.revisions
    return {r.date: r.line for r in revisions[1:]} if revisions else {}


def _one(src: PolicyInput, lang: str, notice: notices.Notice, dates: dict[dt.date, int], period: int) -> list[Finding]:
    out: list[Finding] = []
    if notice.date is None or notice.date not in dates:
        known = ", ".join(d.isoformat() for d in sorted(dates)) or "none after the first"
        out.append(finding(notice.path, 1, "NTC004",
                           f"{quote(notice.name + '.md')} is not named after a revision date of the "
                           f"supplementary provisions (revisions: {known}): name it YYYY-MM-DD.md after its "
                           "effective date"))
        return out
    if notice.change not in notices.KINDS:
        out.append(finding(notice.path, notice.line("change"), "NTC004",
                           f"change: {quote(notice.change or '(missing)')}: write change: material (the content "
                           "changes for the reader) or change: editorial (wording, numbering, typos)"))
    if notice.announced is None:
        out.append(finding(notice.path, notice.line("announced"), "NTC004",
                           f"announced: {quote(notice.announced_raw or '(missing)')} is not a date: write the day "
                           "the change is announced as announced: YYYY-MM-DD"))
        return out
    if notice.announced > notice.date:
        out.append(finding(notice.path, notice.line("announced"), "NTC004",
                           f"announced {notice.announced.isoformat()} is after the effective date "
                           f"{notice.date.isoformat()}: a change is announced before it takes effect"))
        return out
    days = (notice.date - notice.announced).days
    if notice.change == notices.MATERIAL and days < period:
        latest = notice.date - dt.timedelta(days=period)
        earliest = notice.announced + dt.timedelta(days=period)
        out.append(finding(notice.path, notice.line("announced"), "NTC001",
                           f"material change announced {notice.announced.isoformat()}, {days} days before it "
                           f"takes effect on {notice.date.isoformat()}; the notice period is {period} days: "
                           f"announce it by {latest.isoformat()} or take effect on {earliest.isoformat()} or later"))
    return out


FIGURE_KINDS = {"amount", "duration", "percentage", "number", "date"}


def _figure_keys(text: str, lang: str) -> set[str]:
    # By value only: '5,500円' is an amount, '5,500 yen' a number followed by a word.
    return {f.key for f in figures(text, lang) if f.kind in FIGURE_KINDS}


def _pair(ja: notices.Notice, en: notices.Notice, original: str, translation: str) -> list[Finding]:
    """The translation's notice ``en`` (language ``translation``) against the original's ``ja``."""
    out: list[Finding] = []
    ja_name, en_name = english_name(original), english_name(translation)
    if ja.change != en.change and ja.change in notices.KINDS and en.change in notices.KINDS:
        out.append(finding(en.path, en.line("change"), "NTC003",
                           f"change: {quote(en.change)} but the {ja_name} notice {ja.path} says {quote(ja.change)}"))
    if ja.announced and en.announced and ja.announced != en.announced:
        out.append(finding(en.path, en.line("announced"), "NTC003",
                           f"announced {en.announced.isoformat()} but the {ja_name} notice says "
                           f"{ja.announced.isoformat()}: announce both on the same day"))
    if ja.summary and en.summary:
        missing = sorted(_figure_keys(ja.summary, original) - _figure_keys(en.summary, translation))
        written = {f.key: f for f in figures(ja.summary, original)}
        for key in missing:
            out.append(finding(en.path, en.summary_line, "NTC003",
                               f"the {written[key].kind} {quote(written[key].written)} of the {ja_name} summary "
                               f"({ja.path}) is not in the {en_name} summary: the two must state the same "
                               "dates and figures"))
    return out


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    period = notices.notice_days(src.root)
    read: dict[str, dict[str, notices.Notice]] = {}
    for lang in src.policies:
        dates = _revision_dates(src, lang)
        mine = {n.name: n for n in notices.load_notices(src.docs, lang, src.root, src.document.folder)}
        read[lang] = mine
        for notice in mine.values():
            out += _one(src, lang, notice, dates, period)
        appendix = src.policies[lang].appendix
        for date, line in sorted(dates.items()):
            notice = mine.get(date.isoformat())
            if notice is None or not notice.summary:
                where = src.display(src.lang_dir(lang) / notices.FOLDER / f"{date.isoformat()}.md")
                out.append(finding(appendix.path if appendix else where, line, "NTC002",
                                   f"the revision of {date.isoformat()} has no summary of its changes: write {where} "
                                   "with change: material|editorial, announced: YYYY-MM-DD and a few plain "
                                   "sentences (改定の概要)"))
    for original, translation in src.translations():
        for name, ja in read.get(original.lang, {}).items():
            en = read.get(translation.lang, {}).get(name)
            if en is not None:
                out += _pair(ja, en, original.lang, translation.lang)
    return out
