"""A translation imported beside its original must give the same files and clause ids.

Ids come from the numbering alone (``sec-3-p2``), so a Japanese policy and its English
translation imported separately line up by themselves; where they do not (a section,
item or bullet missing on one side) every such place is named, in both files.
"""
from __future__ import annotations

from pathlib import Path

from ..policy.finding import quote
from ..policy.reader import PolicyError, parse_document, policy_files, read_document

OTHER = {"ja": "en", "en": "ja"}


def _original_folder(out: Path, lang: str, original: Path | None) -> Path | None:
    if original is not None:
        return original if original.is_dir() else None
    if out.name == lang:
        sibling = out.parent / OTHER[lang]
        return sibling if sibling.is_dir() else None
    return None


def compare(files: dict[str, str], out: Path, lang: str, original: Path | None = None) -> list[str]:
    """Warnings (``path:line: IMP010 warning …``), empty when the two line up or there is nothing to compare."""
    folder = _original_folder(out, lang, original)
    if folder is None:
        return []
    other_lang = OTHER[lang]
    try:
        theirs = {p.relative_to(folder).as_posix(): read_document(p, p.relative_to(folder).as_posix(), other_lang)
                  for p in policy_files(folder) if p.parent.name in ("articles", "sections") or p.parent == folder}
        ours = {rel: parse_document(text, str(out / rel), rel, lang) for rel, text in files.items()}
    except PolicyError as err:
        return [f"{err}: cannot compare with the original"]
    theirs = {rel: doc for rel, doc in theirs.items() if rel in ours or rel.startswith(("articles/", "sections/"))}
    if not any(rel.startswith(("articles/", "sections/")) for rel in theirs):
        return []   # no policy there yet: nothing to line up with
    out_lines = []
    for rel in sorted(ours.keys() - theirs.keys()):
        if rel.startswith(("articles/", "sections/")):
            doc = ours[rel]
            out_lines.append(f"{doc.path}:{doc.title_line}: IMP010 warning {quote(doc.title)} has no counterpart "
                             f"in {folder / rel}")
    for rel in sorted(theirs.keys() - ours.keys()):
        doc = theirs[rel]
        out_lines.append(f"{out / rel}:0: IMP010 warning {folder / rel} ({quote(doc.title)}) has no counterpart "
                         f"in this import")
    for rel in sorted(ours.keys() & theirs.keys()):
        mine, other = ours[rel], theirs[rel]
        mine_ids = {c.id: c for c in mine.clauses}
        other_ids = {c.id: c for c in other.clauses}
        for clause_id, clause in other_ids.items():
            if clause_id not in mine_ids:
                out_lines.append(f"{mine.path}:{mine.title_line}: IMP010 warning {clause_id} "
                                 f"{quote(clause.text.splitlines()[0])} ({other.path}:{clause.line}) has no "
                                 "counterpart here")
        for clause_id, clause in mine_ids.items():
            if clause_id not in other_ids:
                out_lines.append(f"{mine.path}:{clause.line}: IMP010 warning {clause_id} "
                                 f"{quote(clause.text.splitlines()[0])} has no counterpart in {other.path}")
    return out_lines
