"""Check 3: numbering, and the English text mirroring the Japanese clause by clause.

Its finding codes are declared in ``RULES`` below.

Clause ids come from the core (``art-6-p2-i1``), so "the same clause" means the same id.
"""
from __future__ import annotations

from scripts.policy import model
from scripts.policy.locale import english_name
from scripts.policy.structure import grammar
from scripts.policy.finding import ERROR, Finding, quote
from scripts.policy.reader import PolicyError
from scripts.policy.rules import EACH_LANGUAGE, TRANSLATIONS, rule

from .source import PolicyInput, finding

RULES = [
    rule('STR001', ERROR, EACH_LANGUAGE, 'articles are not numbered 1, 2, 3 … without gaps or duplicates'),
    rule('STR002', ERROR, EACH_LANGUAGE, 'paragraphs (１．) are not numbered in sequence within their article'),
    rule('STR003', ERROR, EACH_LANGUAGE, 'items (（１）) or sub-items (①) are not numbered in sequence within their parent'),
    rule('STR004', ERROR, TRANSLATIONS, 'a policy file exists in one language only'),
    rule('STR005', ERROR, TRANSLATIONS, 'the English text does not mirror the Japanese: an article, paragraph or item is missing or extra'),
    rule('STR006', ERROR, EACH_LANGUAGE, 'a file under articles/ has no article heading (# 第N条（…） / # Article N (…))'),
]


# A policy has tens of articles: a number past this is a slip (第１００００００条), said once.
MAX_ARTICLE = 9999


def _articles(policy: model.Policy) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[int, model.Document] = {}
    for doc in policy.articles:
        number = doc.article_number or 0
        if number > MAX_ARTICLE:
            out.append(finding(doc.path, doc.title_line, "STR001",
                               f"{quote(doc.title)} is article {_shown(number)}: articles are numbered 1, 2, 3 … "
                               f"(at most {MAX_ARTICLE}); renumber it and its file"))
            continue
        if number in seen:
            out.append(finding(doc.path, doc.title_line, "STR001",
                               f"{quote(doc.title)} repeats article {number} of {seen[number].path}"))
        seen.setdefault(number, doc)
    # One finding per gap, however wide, naming the article after it.
    previous = 0
    for number in sorted(seen):
        if number > previous + 1:
            doc = seen[number]
            missing = (f"article {previous + 1} is missing" if number == previous + 2
                       else f"articles {previous + 1} to {number - 1} are missing")
            out.append(finding(doc.path, doc.title_line, "STR001",
                               f"{missing}: {quote(doc.title)} follows article {previous}; renumber the articles "
                               f"from it on (it would be article {previous + 1}) and their files, or add what is missing"))
        previous = max(previous, number)
    for doc in policy.documents:
        if doc.rel.startswith(("articles/", "sections/")) and doc.kind != model.ARTICLE:
            first = doc.title or (doc.blocks[0].text if doc.blocks else "")
            line = doc.title_line or (doc.blocks[0].line if doc.blocks else 1)
            heading = grammar(policy.lang).heading_example
            if doc.rel.startswith("sections/"):
                heading = "# 1. … (or an unnumbered # heading)"
            out.append(finding(doc.path, line, "STR006",
                               f"no article heading {heading}: the file starts with {quote(first)}"))
    return out


def _shown(number: int) -> str:
    """A number for a message: a very long one shortened."""
    digits = str(number)
    return digits if len(digits) <= 12 else f"{digits[:6]}…({len(digits)} digits)"


def _sequence(doc: model.Document) -> list[Finding]:
    """Paragraphs, items and sub-items each numbered 1, 2, 3 … within their parent."""
    out: list[Finding] = []
    last: dict[str, model.Clause] = {}   # parent id (plus kind) -> last numbered child
    for clause in doc.clauses:
        if clause.kind == model.ARTICLE:
            continue
        if clause.kind == model.PARAGRAPH:
            parent, code, what = clause.id.rsplit("-p", 1)[0], "STR002", "paragraph"
        elif clause.kind == model.ITEM:
            parent, code, what = clause.id.rsplit("-i", 1)[0], "STR003", "item"
        else:
            parent, code, what = clause.id.rsplit("-s", 1)[0] + "#s", "STR003", "sub-item"
        number = clause.number if clause.number is not None else 1
        previous = last.get(parent)
        expected = (previous.number or 1) + 1 if previous else 1
        if number != expected:
            marker = clause.marker or f"{what} {number}"
            after = f"after {quote(previous.marker)} (line {previous.line})" if previous else "as the first"
            out.append(finding(doc.path, clause.line, code,
                               f"{what} {quote(marker)} comes {after}; expected {what} {expected}"))
        last[parent] = clause
    return out


def _mirror(src: PolicyInput, ja: model.Policy, en: model.Policy) -> list[Finding]:
    """The translation ``en`` against the original ``ja`` (whatever their languages)."""
    out: list[Finding] = []
    original, translation = english_name(ja.lang), english_name(en.lang)
    ja_docs = {d.rel: d for d in ja.documents}
    en_docs = {d.rel: d for d in en.documents}
    for rel in sorted(ja_docs.keys() - en_docs.keys()):
        out.append(finding(ja_docs[rel].path, 1, "STR004",
                           f"{ja_docs[rel].path} has no {translation} twin (expected {en.lang}/{rel})"))
    for rel in sorted(en_docs.keys() - ja_docs.keys()):
        out.append(finding(en_docs[rel].path, 1, "STR004",
                           f"{en_docs[rel].path} has no {original} original (expected {ja.lang}/{rel})"))
    for rel in sorted(ja_docs.keys() & en_docs.keys()):
        jd, ed = ja_docs[rel], en_docs[rel]
        if jd.kind != ed.kind or jd.kind != model.ARTICLE:
            continue
        if jd.article_number != ed.article_number:
            out.append(finding(ed.path, ed.title_line, "STR005",
                               f"{quote(ed.title)} translates {quote(jd.title)} ({jd.path}): the numbers differ"))
            continue
        ja_ids = [c.id for c in jd.clauses]
        en_ids = [c.id for c in ed.clauses]
        en_line = {c.id: c.line for c in ed.clauses}
        if ja_ids != en_ids:
            moved = _since_translation(src, jd, ed)
            if moved is not None:
                out += moved
                continue
        before = ed.title_line   # the English clause a missing one should follow: the last one seen
        for clause in jd.clauses:
            if clause.id in en_line:
                before = en_line[clause.id]
                continue
            out.append(finding(ed.path, before, "STR005",
                               f"{clause.id} {quote(clause.marker or clause.text)} ({jd.path}:{clause.line}) "
                               f"has no {translation} twin"))
        ja_known = set(ja_ids)
        for clause in ed.clauses:
            if clause.id not in ja_known:
                out.append(finding(ed.path, clause.line, "STR005",
                                   f"{clause.id} {quote(clause.marker or clause.text)} has no {original} original "
                                   f"in {jd.path}"))
    return out


def _translated_original(src: PolicyInput, ed: model.Document, original: str) -> model.Document | None:
    """The archived original (language ``original``) the translation ``ed`` was made from: the one
    whose fingerprint its ``translation_of`` records (see scripts/translation.py), or None."""
    from scripts.policy.reader import read_document
    from scripts.translation import KEY, japanese_fingerprint

    recorded = str(ed.front_matter.get(KEY) or "")
    archive = src.root / "revisions"
    if not recorded or not archive.is_dir():
        return None
    for folder in sorted((p for p in archive.iterdir() if p.is_dir()), reverse=True):
        path = folder / original / ed.rel
        try:
            if path.is_file() and not path.is_symlink() and japanese_fingerprint(path) == recorded:
                return read_document(path, ed.rel, original, display=src.display(path))
        except (PolicyError, OSError, UnicodeError):
            continue
    return None


def _since_translation(src: PolicyInput, jd: model.Document, ed: model.Document) -> list[Finding] | None:
    """STR005 named by what changed in the Japanese since the English was made from it.

    Clause ids follow the numbering, so after （７） is inserted the old （７）…（１１） are
    （８）…（１２） and, by id, the English seems to lack （１２）. When the English still mirrors
    the archived Japanese it translates, the comparison engine says which Japanese clauses were
    inserted or removed since; those are what the English lacks or has extra. None when that
    Japanese is not known or the English no longer mirrors it (the findings are then by id).
    """
    from scripts.policy.compare import DELETED, INSERTED, compare_documents

    before = _translated_original(src, ed, jd.lang)
    if before is None or [c.id for c in before.clauses] != [c.id for c in ed.clauses]:
        return None
    en_line = {c.id: c.line for c in ed.clauses}
    original, translation = english_name(jd.lang), english_name(ed.lang)
    out: list[Finding] = []
    last_en = ed.title_line or 1      # the English line the next Japanese clause follows
    changes = compare_documents(before, jd).clauses
    for change in changes:
        if change.status == INSERTED:
            clause = change.new
            out.append(finding(ed.path, last_en, "STR005",
                               f"{quote(clause.marker or clause.text)} ({jd.path}:{clause.line}) was added to the "
                               f"{original} and has no {translation} twin: add it after line {last_en}, then "
                               f"renumber the {translation} clauses after it as the {original} are"))
        elif change.status == DELETED and change.old_id in en_line:
            clause = change.old
            out.append(finding(ed.path, en_line[change.old_id], "STR005",
                               f"this clause translates {quote(clause.marker or clause.text)}, which was removed from "
                               f"{jd.path}: remove it, then renumber the {translation} clauses after it as the "
                               f"{original} are"))
        if change.old_id in en_line:
            last_en = en_line[change.old_id]
    return out if out else None


def check(src: PolicyInput) -> list[Finding]:
    out: list[Finding] = []
    for policy in src.policies.values():
        out += _articles(policy)
        for doc in policy.articles:
            out += _sequence(doc)
    for original, translation in src.translations():
        out += _mirror(src, original, translation)
    return out
