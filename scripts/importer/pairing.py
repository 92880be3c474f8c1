"""A translation imported beside its original must give the same files and clause ids.

Ids come from the numbering alone (``sec-3-p2``), so a policy and its translations, in any
languages of the locale registry, imported separately line up by themselves; where they do
not (a section, item or bullet missing on one side) every such place is named, in both files.
"""
from __future__ import annotations

from pathlib import Path

from ..policy import settings
from ..policy.finding import quote
from ..policy.reader import PolicyError, parse_document, policy_files, read_document
from .language import languages


def _site_original(docs: Path) -> str:
    """The original language of the site whose docs/ folder this is (mkdocs.yml beside it; else the default)."""
    try:
        return settings.load(docs.parent).original
    except settings.SettingsError:
        return settings.DEFAULT_LANGUAGES[0]


def counterparts(out: Path, lang: str, original: Path | None = None) -> list[tuple[Path, str]]:
    """The folders (and their languages) an import into ``out`` is compared with: ``original`` when given;
    else, beside ``out`` (docs/<lang>), the original's folder, or for the original each translation's."""
    if original is not None:
        if not original.is_dir():
            return []
        return [(original, original.name if original.name in languages() else _site_original(original.parent))]
    if out.name != lang:
        return []
    site = _site_original(out.parent)
    others = [site] if lang != site else [code for code in languages() if code != lang]
    return [(out.parent / code, code) for code in others if (out.parent / code).is_dir()]


def compare(files: dict[str, str], out: Path, lang: str, original: Path | None = None) -> list[str]:
    """Warnings (``path:line: IMP010 warning …``), empty when they line up or there is nothing to compare."""
    return [line for folder, other_lang in counterparts(out, lang, original)
            for line in _compare(files, out, lang, folder, other_lang)]


def _compare(files: dict[str, str], out: Path, lang: str, folder: Path, other_lang: str) -> list[str]:
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
