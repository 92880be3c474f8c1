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

from ..policy import model, notices, settings
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
    notices: dict = field(default_factory=dict)   # lang → date name → notices.Notice
    languages: tuple[str, ...] = settings.DEFAULT_LANGUAGES   # the site's, the original first
    titles: dict = field(default_factory=dict)   # lang → the document's name (its history and feeds say it)
    _policies: dict = field(default_factory=dict)
    _comparisons: dict = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang, "")

    @property
    def newest_first(self) -> list[Entry]:
        return list(reversed(self.entries))

    @property
    def current(self) -> Entry | None:
        return next((e for e in self.entries if e.status == CURRENT), None)

    @property
    def upcoming(self) -> list[Entry]:
        return [e for e in self.entries if e.status == UPCOMING]

    def notice(self, entry: Entry, lang: str) -> notices.Notice | None:
        """The revision's change notice in this language (docs/<lang>/changes/<date>.md), if any."""
        return self.notices.get(lang, {}).get(entry.name)

    def entry(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.name == name), None)

    @property
    def original(self) -> str:
        return self.languages[0]

    def published_in(self, entry: Entry, lang: str) -> str:
        """The language whose text of the revision ``lang``'s pages show: ``lang`` itself, or the
        original for a revision published before that translation was added to the site."""
        return lang if lang in entry.revision.languages else self.original

    def compared_in(self, entry: Entry, lang: str) -> str:
        """The language ``lang``'s comparison of the revision with the one before is made in: the
        original, when the translation was added after the revision before."""
        both = lang in entry.revision.languages and (entry.previous is None or lang in entry.previous.revision.languages)
        return lang if both else self.original

    def policy(self, entry: Entry, lang: str) -> model.Policy:
        key = (entry.name, self.published_in(entry, lang))
        if key not in self._policies:
            self._policies[key] = entry.revision.policy(key[1])
        return self._policies[key]

    def comparison(self, entry: Entry, lang: str) -> Comparison | None:
        """The revision against the one before it (None for the first)."""
        if entry.previous is None:
            return None
        key = (entry.name, self.compared_in(entry, lang))
        if key not in self._comparisons:
            self._comparisons[key] = compare_policies(self.policy(entry.previous, key[1]), self.policy(entry, key[1]))
        return self._comparisons[key]

    def changed_clauses(self, entry: Entry, lang: str) -> list[str]:
        """Ids of the clauses the revision changed (as numbered before or after it)."""
        comparison = self.comparison(entry, lang)
        return sorted(comparison.changed_ids()) if comparison else []

    def clause_revisions(self, lang: str) -> dict[str, list[Entry]]:
        """Clause id → the revisions (oldest first) that changed it."""
        key = ("clauses", lang)
        if key not in self._comparisons:
            out: dict[str, list[Entry]] = {}
            for entry in self.entries:
                for clause_id in self.changed_clauses(entry, lang):
                    out.setdefault(clause_id, []).append(entry)
            self._comparisons[key] = out
        return self._comparisons[key]

    def changed_articles(self, entry: Entry, lang: str) -> list[str]:
        comparison = self.comparison(entry, lang)
        return comparison.changed_articles() if comparison else []


def status_of(date: dt.date, current: dt.date | None, today: dt.date) -> str:
    if date > today:
        return UPCOMING
    return CURRENT if date == current else PAST


def _announced(revision: archive.Revision, today: dt.date, read: dict, original: str) -> bool:
    """Whether the site may show the revision yet: an upcoming one only from its announcement date.

    The original's notice decides; a revision without a notice is shown as released.
    """
    notice = read.get(original, {}).get(revision.name)
    return revision.date <= today or notice is None or notice.announced is None or notice.announced <= today


def read_notices(root: Path, langs: tuple[str, ...], document: str = "") -> dict:
    return {lang: notices.by_date(root / "docs", lang, root, document) for lang in langs}


def languages(root: Path, langs: tuple[str, ...] | None) -> tuple[str, ...]:
    """``langs``, or the site's (mkdocs.yml)."""
    if langs:
        return tuple(langs)
    try:
        return settings.languages(root)
    except settings.SettingsError as err:
        raise archive.ArchiveError(err.path, err.line, err.message) from None


def build(root: Path, today: dt.date, folder: str = archive.ARCHIVE, langs: tuple[str, ...] | None = None,
          document: str = "") -> Timeline:
    """The revisions of the archive ``folder`` (one document's, with its notices in its folder ``document``)."""
    langs = languages(root, langs)
    read = read_notices(root, langs, document)
    revisions = [r for r in archive.read_archive(root, folder, langs) if _announced(r, today, read, langs[0])]
    in_force = [r.date for r in revisions if r.date <= today]
    current = max(in_force) if in_force else None
    entries: list[Entry] = []
    for revision in revisions:
        entries.append(Entry(revision, status_of(revision.date, current, today), entries[-1] if entries else None))
    return Timeline(root, today, entries, read, langs, document_titles(root, document, langs))


def document_titles(root: Path, document: str, langs: tuple[str, ...]) -> dict[str, str]:
    """The name, in each language, of the document kept in the folder ``document`` (mkdocs.yml)."""
    try:
        site = settings.load(root)
    except settings.SettingsError as err:
        raise archive.ArchiveError(err.path, err.line, err.message) from None
    names = site.titles(site.by_folder(document))
    return {lang: names.get(lang) or names.get(langs[0]) or "" for lang in langs}


_cache: dict = {}


def load(root: Path, today: dt.date, folder: str = archive.ARCHIVE, langs: tuple[str, ...] | None = None,
         document: str = "") -> Timeline:
    """The timeline, reused while the manifest and the day are the same (MkDocs runs per language)."""
    langs = languages(root, langs)
    manifest = archive.manifest_path(root, folder)
    digest = hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else ""
    # Notices change what is shown (an announcement date, a summary) without a release.
    for lang in langs:
        for path in notices.notice_files(root / "docs", lang, document):
            digest += hashlib.sha256(path.read_bytes()).hexdigest()
    key = (str(root.resolve()), folder, document, today, digest, langs)
    if key not in _cache:
        if len(_cache) >= 16:   # one entry per document of the site; an older state goes
            _cache.pop(next(iter(_cache)))
        _cache[key] = build(root, today, folder, langs, document)
    return _cache[key]
