"""Every comparison the compare page can show, computed at build time, stored as pieces.

The compare page (``/history/compare/``) lets a reader pick any two revisions. The
browser compares nothing: the build aligns every pair with ``scripts.policy.compare``
and renders every piece with ``scripts.history.render``, the code of the diff pages and
``python -m scripts.diff --format html``; the page only puts the pieces in order. So it
can only show what they show.

What is stored grows with the versions of each document, not with the pairs of
revisions: a comparison shows every clause, so storing each pair's text would grow with
the cube of the revisions (the appendix gains a line in each). Instead, per language
under ``history/data/``:

- ``versions/<version>.json``: one version of one document, its clauses rendered as
  they appear in a comparison, one list per way: ``"="`` unchanged, ``"+"`` inserted,
  ``"-"`` deleted (only the lists some comparison uses), and ``"~"``: the changed or
  renumbered clauses of this version against earlier ones, by id;
- ``pairs/<old>.json``: every later revision compared with ``old``:
  ``{"heads": [html, …], "sections": [section, …], "to": {"<new>": {"changed": bool,
  "docs": [section, …]}}}`` (by their place in the lists). A section is ``[head]`` for a
  document that did not change, else ``[head, new version, old version, ops]``, where an
  op is ``["=", i, j]``
  (clauses i…j-1 of the new version, unchanged), ``["+", i, j]`` (inserted),
  ``["-", i, j]`` (of the old version, deleted) or ``["~", id]`` (a changed clause, from
  the new version's ``"~"``). It reads as its head, its clauses and ``</section>``, one a line.

``Store.assemble`` puts a comparison together as the page's script does; the tests hold
it equal to ``render.html_comparison`` for every pair.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import compare, model
from . import render
from .timeline import Timeline

PAIRS = "pairs"
VERSIONS = "versions"
UNCHANGED, INSERTED, DELETED, CHANGED = "=", "+", "-", "~"


def fingerprint(doc: model.Document | None) -> str:
    """What a document's comparison depends on: its kind, title, caption and blocks."""
    if doc is None:
        return "-"
    digest = hashlib.sha256()
    for value in (doc.kind, doc.title, doc.caption, doc.rel):
        digest.update(value.encode("utf-8") + b"\0")
    for block in doc.blocks:
        digest.update(f"{block.kind}\0{block.marker}\0{block.clause_id}\0{block.text}\0".encode("utf-8"))
    return digest.hexdigest()[:32]


def piece_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _clause_as(clause: model.Clause, way: str) -> compare.ClauseChange:
    """A clause as one side of a comparison shows it alone: unchanged, inserted or deleted."""
    text = compare.clause_text(clause)
    if way == UNCHANGED:
        return compare.ClauseChange(compare.UNCHANGED, clause, clause, text, text)
    if way == INSERTED:
        return compare.ClauseChange(compare.INSERTED, None, clause, "", text)
    return compare.ClauseChange(compare.DELETED, clause, None, text, "")


WAYS = {compare.UNCHANGED: UNCHANGED, compare.INSERTED: INSERTED, compare.DELETED: DELETED}


def _extend(ops: list[list], way: str, index: int) -> None:
    """Extend the last op when it is the same way and ends at ``index``, else start one."""
    if ops and ops[-1][0] == way and ops[-1][2] == index:
        ops[-1][2] = index + 1
    else:
        ops.append([way, index, index + 1])


@dataclass
class Section:
    """One document's part of a comparison: its head, then (when it changed) its ops."""

    changed: bool
    head: str
    new: str = ""                                        # version keys ('' when the side is missing)
    old: str = ""
    ops: list[list] = field(default_factory=list)        # ["=", i, j] … or ["~", piece id]
    id: str = ""


@dataclass
class Store:
    """The versions rendered so far and the sections computed so far, for one language."""

    lang: str
    versions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    _sections: dict[tuple[str, str], Section] = field(default_factory=dict)
    _prints: dict[int, tuple[model.Document, str]] = field(default_factory=dict)

    def _print(self, doc: model.Document | None) -> str:
        if doc is None:
            return "-"
        known = self._prints.get(id(doc))
        if known is None or known[0] is not doc:
            known = self._prints[id(doc)] = (doc, fingerprint(doc))
        return known[1]

    def _version(self, doc: model.Document, way: str) -> str:
        """The key of ``doc``'s version, its clauses rendered ``way`` (once)."""
        key = self._print(doc)
        lists = self.versions.setdefault(key, {})
        if way not in lists:
            lists[way] = [render.html_clause(_clause_as(c, way), self.lang) for c in compare.document_clauses(doc)]
        return key

    def section(self, old: model.Document | None, new: model.Document | None) -> Section:
        key = (self._print(old), self._print(new))
        known = self._sections.get(key)
        if known is not None:
            return known
        appended = compare.appended(old, new)
        if appended is not None:
            # The appendix of a later revision: its lines before, then the lines added. Every pair of
            # revisions has its own, so its comparison is this, not one more pass over its lines.
            shared, total = appended
            head = render.html_section_head(compare.DocumentChange(compare.CHANGED, old, new), self.lang)
            section = Section(True, head, self._print(new), self._print(old), id=piece_id("\0".join(key)))
            section.ops = ([[UNCHANGED, 0, shared]] if shared else []) + [[INSERTED, shared, total]]
            for way in {op[0] for op in section.ops}:
                self._version(new, way)
            self._sections[key] = section
            return section
        change = compare.compare_documents(old, new)
        section = Section(change.status != compare.UNCHANGED, render.html_section_head(change, self.lang))
        if section.changed:
            section.new = self._print(new) if new else ""
            section.old = self._print(old) if old else ""
            new_index = old_index = 0
            for clause in change.clauses:
                way = WAYS.get(clause.status, CHANGED)
                if way == CHANGED:
                    text = render.html_clause(clause, self.lang)
                    piece = piece_id(text)
                    self.versions.setdefault(section.new, {}).setdefault(CHANGED, {})[piece] = text
                    section.ops.append([CHANGED, piece])
                else:
                    _extend(section.ops, way, old_index if way == DELETED else new_index)
                new_index += clause.new is not None
                old_index += clause.old is not None
            for way in {op[0] for op in section.ops} - {CHANGED}:
                self._version(old if way == DELETED else new, way)
        section.id = piece_id("\0".join(key))
        self._sections[key] = section
        return section

    def pairs_from(self, old: model.Policy, later: dict[str, model.Policy]) -> dict:
        """``pairs/<old>.json``: every later revision compared with ``old``."""
        heads: dict[str, int] = {}
        sections: dict[str, int] = {}
        listed: list[list] = []
        to = {}
        for name, new in later.items():
            docs = []
            for a, b in compare.pair_documents(old, new):
                section = self.section(a, b)
                if section.id not in sections:
                    head = heads.setdefault(section.head, len(heads))
                    sections[section.id] = len(listed)
                    listed.append([head, section.new, section.old, section.ops] if section.changed else [head])
                docs.append(section)
            to[name] = {"changed": any(s.changed for s in docs), "docs": [sections[s.id] for s in docs]}
        return {"heads": list(heads), "sections": listed, "to": to}

    def assemble(self, table: dict, new: str) -> str:
        """The comparison's HTML, put together as the compare page's script does."""
        pair = table["to"][new]
        parts = []
        for section in (table["sections"][index] for index in pair["docs"]):
            head = table["heads"][section[0]]
            if len(section) == 1:
                parts.append(head)
                continue
            lines = [head]
            for op in section[3]:
                if op[0] == CHANGED:
                    lines.append(self.versions[section[1]][CHANGED][op[1]])
                else:
                    version = section[2] if op[0] == DELETED else section[1]
                    lines += self.versions[version][op[0]][op[1]:op[2]]
            parts.append("\n".join(lines + [render.SECTION_END]))
        return render.html_assemble(parts, pair["changed"], self.lang)


def all_pairs(timeline: Timeline, lang: str) -> tuple[Store, dict[str, dict]]:
    """Every pair of an earlier and a later revision: old → its ``pairs/<old>.json``."""
    store = Store(lang)
    policies = {e.name: timeline.policy(e, lang) for e in timeline.entries}
    names = [e.name for e in timeline.entries]  # oldest first
    table = {old: store.pairs_from(policies[old], {new: policies[new] for new in names[index + 1:]})
             for index, old in enumerate(names)}
    return store, table


def write(folder: Path, timeline: Timeline, lang: str) -> list[Path]:
    """Write ``pairs/`` and ``versions/`` into a language's ``history/data/`` folder."""
    store, table = all_pairs(timeline, lang)
    written = []
    for name, content in ((PAIRS, table), (VERSIONS, store.versions)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        for key, data in content.items():
            path = folder / name / f"{key}.json"
            path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            written.append(path)
    return written
