"""The published revisions as of a day: which is current, which are past or upcoming, what each changed.

Everything the site shows about the history (pages, banner, feeds, JSON) reads one
``Timeline``; it is built once per build (cached on the manifest's content and
the day), and revisions and comparisons are read only when first asked for.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import model
from ..policy.compare import Comparison, compare_policies
from . import archive

CURRENT = "current"
PAST = "past"
UPCOMING = "upcoming"


@dataclass
class Entry:
    revision: archive.Revision
    status: str
    previous: "Entry | None" = None

    @property
    def date(self) -> dt.date:
        return self.revision.date

    @property
    def name(self) -> str:
        return self.revision.name


@dataclass
class Timeline:
    root: Path
    today: dt.date
    entries: list[Entry]                       # oldest first
    _policies: dict = field(default_factory=dict)
    _comparisons: dict = field(default_factory=dict)

    @property
    def newest_first(self) -> list[Entry]:
        return list(reversed(self.entries))

    @property
    def current(self) -> Entry | None:
        return next((e for e in self.entries if e.status == CURRENT), None)

    @property
    def upcoming(self) -> list[Entry]:
        return [e for e in self.entries if e.status == UPCOMING]

    def entry(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.name == name), None)

    def policy(self, entry: Entry, lang: str) -> model.Policy:
        key = (entry.name, lang)
        if key not in self._policies:
            self._policies[key] = entry.revision.policy(lang)
        return self._policies[key]

    def comparison(self, entry: Entry, lang: str) -> Comparison | None:
        """The revision against the one before it (None for the first)."""
        if entry.previous is None:
            return None
        key = (entry.name, lang)
        if key not in self._comparisons:
            self._comparisons[key] = compare_policies(self.policy(entry.previous, lang), self.policy(entry, lang))
        return self._comparisons[key]

    def changed_articles(self, entry: Entry, lang: str) -> list[str]:
        comparison = self.comparison(entry, lang)
        return comparison.changed_articles() if comparison else []


def status_of(date: dt.date, current: dt.date | None, today: dt.date) -> str:
    if date > today:
        return UPCOMING
    return CURRENT if date == current else PAST


def build(root: Path, today: dt.date, folder: str = archive.ARCHIVE) -> Timeline:
    revisions = archive.read_archive(root, folder)
    in_force = [r.date for r in revisions if r.date <= today]
    current = max(in_force) if in_force else None
    entries: list[Entry] = []
    for revision in revisions:
        entries.append(Entry(revision, status_of(revision.date, current, today), entries[-1] if entries else None))
    return Timeline(root, today, entries)


_cache: dict = {}


def load(root: Path, today: dt.date, folder: str = archive.ARCHIVE) -> Timeline:
    """The timeline, reused while the manifest and the day are the same (MkDocs runs per language)."""
    manifest = archive.manifest_path(root, folder)
    digest = hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else ""
    key = (str(root.resolve()), folder, today, digest)
    if key not in _cache:
        _cache.clear()
        _cache[key] = build(root, today, folder)
    return _cache[key]
