"""Every comparison the compare page can show, computed at build time.

The compare page (``/history/compare/``) lets a reader pick any two revisions. The
browser does not compare anything: for each pair the build writes which document
sections make up the comparison, and each section once, as HTML rendered by
``scripts.history.render`` from ``scripts.policy.compare`` — the same code as the
diff pages and ``python -m scripts.diff --format html``. So the page can only show
what they show.

Written per language under ``history/data/``:

- ``pairs/<old>.json``: ``{"<new>": {"changed": bool, "parts": ["<key>", …]}, …}`` for
  every later revision (the page always compares the earlier with the later one);
- ``parts/<key>.html``: one document's section; ``<key>`` is the sha256 of the two
  documents' texts, so a section shared by many pairs is computed and stored once.

The cost grows with the number of distinct pairs of document texts, not of revisions:
an article that did not change between two revisions costs a look-up.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import compare, model
from . import render
from .timeline import Timeline

PAIRS = "pairs"
PARTS = "parts"


def fingerprint(doc: model.Document | None) -> str:
    """What a document's comparison depends on: its kind, title, caption and blocks."""
    if doc is None:
        return "-"
    digest = hashlib.sha256()
    for value in (doc.kind, doc.title, doc.caption, doc.rel):
        digest.update(value.encode("utf-8") + b"\0")
    for block in doc.blocks:
        digest.update(f"{block.kind}\0{block.marker}\0{block.text}\0".encode("utf-8"))
    return digest.hexdigest()


@dataclass
class Store:
    """The sections rendered so far (key → HTML) and whether each shows a change."""

    lang: str
    parts: dict[str, str] = field(default_factory=dict)
    changed: dict[str, bool] = field(default_factory=dict)
    _prints: dict[int, tuple[model.Document, str]] = field(default_factory=dict)

    def _print(self, doc: model.Document | None) -> str:
        if doc is None:
            return "-"
        known = self._prints.get(id(doc))
        if known is None or known[0] is not doc:
            known = self._prints[id(doc)] = (doc, fingerprint(doc))
        return known[1]

    def section(self, old: model.Document | None, new: model.Document | None) -> str:
        key = hashlib.sha256(f"{self.lang}\0{self._print(old)}\0{self._print(new)}".encode()).hexdigest()[:32]
        if key not in self.parts:
            change = compare.compare_documents(old, new)
            self.parts[key] = render.html_document_change(change, self.lang)
            self.changed[key] = change.status != compare.UNCHANGED
        return key

    def pair(self, old: model.Policy, new: model.Policy) -> dict:
        keys = [self.section(a, b) for a, b in compare.pair_documents(old, new)]
        return {"changed": any(self.changed[k] for k in keys), "parts": keys}

    def assemble(self, pair: dict) -> str:
        """The comparison's HTML, as the compare page puts it together in the browser."""
        return render.html_assemble([self.parts[k] for k in pair["parts"]], pair["changed"], self.lang)


def all_pairs(timeline: Timeline, lang: str) -> tuple[Store, dict[str, dict[str, dict]]]:
    """Every pair of an earlier and a later revision: old → new → pair."""
    store = Store(lang)
    policies = {e.name: timeline.policy(e, lang) for e in timeline.entries}
    table: dict[str, dict[str, dict]] = {}
    for index, old in enumerate(timeline.entries):  # oldest first
        table[old.name] = {new.name: store.pair(policies[old.name], policies[new.name])
                           for new in timeline.entries[index + 1:]}
    return store, table


def write(folder: Path, timeline: Timeline, lang: str) -> list[Path]:
    """Write ``pairs/`` and ``parts/`` into a language's ``history/data/`` folder."""
    import json
    store, table = all_pairs(timeline, lang)
    (folder / PAIRS).mkdir(parents=True, exist_ok=True)
    (folder / PARTS).mkdir(parents=True, exist_ok=True)
    written = []
    for old, pairs in table.items():
        path = folder / PAIRS / f"{old}.json"
        path.write_text(json.dumps(pairs, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    for key, text in store.parts.items():
        path = folder / PARTS / f"{key}.html"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
