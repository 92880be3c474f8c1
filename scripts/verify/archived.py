"""Check 8: the policy text and its archive of revisions (revisions/) never disagree silently.

Its finding codes are declared in ``RULES`` below.

Texts are compared as the translation record compares them (scripts/translation.py): without
front matter, in Unicode NFC, whitespace aside. Each language is checked on its own. Whether
a revision is published (on the default branch) is decided by scripts/history/published.py;
an unpublished one is corrected by releasing it again.
"""
from __future__ import annotations

import unicodedata
import re
from pathlib import Path

from scripts.history import archive, published
from scripts.policy import model
from scripts.policy.dates import format_date
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.reader import PolicyError, parse_document, read_text
from scripts.translation import fingerprint
from scripts.policy.rules import ARCHIVE, rule

from .source import PolicyInput, finding

RULES = [
    rule('REV006', ERROR, ARCHIVE, "the text differs (whitespace aside) from the published revision of the newest 附則 line, and no newer line "
         "was added: add a revision line, then release it"),
    rule('REV007', ERROR, ARCHIVE, "the newest revision line of the 附則 has no archived revision in revisions/ (never released): release it"),
    rule('REV008', ERROR, ARCHIVE, "a released revision not yet published (not on the default branch) no longer matches the text: release it again"),
]


def _release_hint(src: PolicyInput, date: str) -> str:
    """The commands that release ``date``; on a site of several documents they name the checked one."""
    if src.several:
        ident = src.document.id
        return f"comment `/release {date} {ident}` on the pull request, or run `make release DATE={date} DOC={ident}`"
    return f"comment `/release {date}` on the pull request, or run `make release DATE={date}`"


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _first_difference(doc: model.Document, archived: Path, display: str) -> tuple[int, str]:
    """The line and text of the first block that differs from the archived file."""
    try:
        old = parse_document(read_text(archived, display), display, doc.rel, doc.lang)
    except PolicyError:
        return doc.title_line or 1, doc.title
    old_blocks = [_bare(b.text) for b in old.blocks]
    for index, block in enumerate(doc.blocks):
        if index >= len(old_blocks) or _bare(block.text) != old_blocks[index]:
            return block.line, block.text
    if len(old.blocks) > len(doc.blocks):
        last = doc.blocks[-1] if doc.blocks else None
        return (last.line if last else 1), (old.blocks[len(doc.blocks)].text)
    return doc.title_line or 1, doc.title


def _newest(policy: model.Policy) -> model.Revision | None:
    return max(policy.revisions, key=lambda r: r.date) if policy.revisions else None


def _one_language(src: PolicyInput, policy: model.Policy, revisions: list[archive.Revision]) -> list[Finding]:
    newest = _newest(policy)
    if newest is None or policy.appendix is None:
        return []   # REV005 says the 附則 has no dated line
    date = newest.date.isoformat()
    by_date = {r.date: r for r in revisions}
    later = [r.name for r in revisions if r.date > newest.date]
    if later:
        return [finding(policy.appendix.path, newest.line, "REV007",
                        f"the archive holds revision {later[-1]}, newer than the newest revision line "
                        f"{quote(newest.text)}: restore that line of the 附則 / Supplementary Provisions")]
    revision = by_date.get(newest.date)
    if revision is None:
        example = format_date(newest.date, policy.lang)
        return [finding(policy.appendix.path, newest.line, "REV007",
                        f"the revision line {quote(newest.text)} has no archived revision ({src.archive}/{date}/ "
                        f"does not exist): the site would show {example} as a date with no published text; "
                        f"release it: {_release_hint(src, date)}")]
    if policy.lang not in revision.languages:
        # A translation added to the site after this revision: the next release archives it.
        return []
    out: list[Finding] = []
    folder = revision.folder / policy.lang
    differing: list[tuple[str, int, str, str]] = []   # path, line, text, archived path
    docs = {d.rel: d for d in policy.documents if d.kind != model.PAGE}
    for rel, doc in sorted(docs.items()):
        archived = folder / rel
        shown = src.display(archived)
        if f"{policy.lang}/{rel}" not in revision.files:
            differing.append((doc.path, doc.title_line or 1, doc.title, shown))
            continue
        try:
            same = fingerprint(read_text(archived, shown)) == fingerprint(read_text(src.root / doc.path, doc.path))
        except PolicyError as err:
            if archived.is_file() and "UTF-8" in err.message:
                out.append(Finding(shown, err.line, "HIST006", ERROR,
                                   f"archived file is not UTF-8 text ({err.message}): restore it as it was released"))
            continue   # else the archive check (HIST002) names a missing archived file
        if not same:
            line, text = _first_difference(doc, archived, shown)
            differing.append((doc.path, line, text, shown))
    for key in sorted(revision.files):
        lang, rel = key.split("/", 1)
        # Only the policy text is compared: the PDFs printed on release have no twin in docs/.
        if lang == policy.lang and rel.endswith(".md") and rel not in docs:
            differing.append((src.display(src.lang_dir(lang) / rel), 0, "", src.display(revision.folder / key)))
    if not differing:
        return out
    is_published = published.is_published(src.root, newest.date, src.archive)
    for path, line, text, shown in differing:
        what = f"{quote(text)} differs from {shown}" if text else f"the file is missing; {shown} holds it"
        if is_published:
            out.append(finding(path, line, "REV006",
                               f"{what}, the published revision {date}, and the 附則 has no newer revision line: a "
                               f"change to the policy needs a new revision; add its line to both appendices (e.g. "
                               f"「2027年1月1日　改定・施行」 / 「January 1, 2027: Revised and effective」), then release "
                               f"it ({_release_hint(src, 'YYYY-MM-DD')}); or restore the text of {shown}"))
        else:
            out.append(finding(path, line, "REV008",
                               f"{what}, released as {date} but not yet published: release it again to archive "
                               f"the corrected text: {_release_hint(src, date)}"))
    return out


def check(src: PolicyInput) -> list[Finding]:
    try:
        revisions = archive.read_archive(src.root, src.archive)
    except archive.ArchiveError:
        return []   # the build's archive check (HIST004) names a manifest it cannot read
    return [f for policy in src.policies.values() for f in _one_language(src, policy, revisions)]
