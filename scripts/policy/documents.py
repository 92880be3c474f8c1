"""The documents a site publishes (a privacy policy, terms of service, …), as configured in mkdocs.yml.

A site of one document keeps it in the whole of each language folder (``docs/ja/``) and its
archive in ``revisions/``: its URLs are the site's own. With several, each document has a
folder of its own in every language (``docs/ja/terms/``) and in the archive
(``revisions/terms/``), and its pages live under ``/terms/``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .profile import DEFAULT_TYPE

# Folders a document may not be named after: what a language folder already holds.
RESERVED = {"articles", "sections", "history", "changes", "assets", "pdf", "pagefind"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class SiteDocument:
    id: str
    folder: str = ""        # '' = the whole language folder (a site of one document)
    type: str = DEFAULT_TYPE
    titles: tuple[tuple[str, str], ...] = ()   # (language, its name in that language), as configured

    def lang_dir(self, docs: Path, lang: str) -> Path:
        """Where this document's files are in one language: docs/<lang>/ or docs/<lang>/<folder>/."""
        return Path(docs) / lang / self.folder if self.folder else Path(docs) / lang

    def archive(self, archive: str) -> str:
        """The document's archive folder beside docs/: revisions/ or revisions/<folder>/."""
        return f"{archive}/{self.folder}" if self.folder else archive

    @property
    def prefix(self) -> str:
        """The document's path in a language's URLs: '' or 'terms/'."""
        return f"{self.folder}/" if self.folder else ""


def titles(doc: SiteDocument, languages: tuple[str, ...], site_names: dict[str, str], several: bool) -> dict[str, str]:
    """The document's name in each language (the original first in ``languages``).

    Its configured title; a site of one document is named by its site name (the i18n
    language's ``site_name``), so a site that configures no title keeps the name it shows in
    its header; else the original's title, so a translation never shows a bare id.
    """
    configured = dict(doc.titles)
    original = languages[0] if languages else ""
    out = {}
    for lang in languages:
        name = configured.get(lang) or (site_names.get(lang) if not several else None)
        out[lang] = name or configured.get(original) or site_names.get(lang) or doc.id
    return out


def from_config(entries, line_of) -> tuple[list[SiteDocument], list[tuple[int, str]]]:
    """The documents of the policy plugin's ``documents`` option, and each problem with its line.

    ``line_of(text)`` gives the configuration file's line that mentions ``text``.
    """
    if not entries:
        return [SiteDocument("privacy-policy")], []
    documents, problems = [], []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("id"):
            problems.append((line_of("documents:"), "each document needs an id: write '- id: terms' (and its folder)"))
            continue
        ident = str(entry["id"])
        folder = str(entry.get("folder") or "")
        title = entry.get("title") or {}
        if not isinstance(title, dict) or not all(isinstance(v, str) and v.strip() for v in title.values()):
            problems.append((line_of(f"id: {ident}"), f"document {ident!r}: its title is one name per language: "
                             "write 'title: {ja: 利用規約, en: Terms of Service}'"))
            title = {}
        named = tuple((str(lang), str(name).strip()) for lang, name in title.items())
        documents.append(SiteDocument(ident, folder, str(entry.get("type") or ident), named))
    if len(documents) > 1:
        seen: set[str] = set()
        for doc in documents:
            if not _NAME.match(doc.folder) or doc.folder in RESERVED:
                problems.append((line_of(f"id: {doc.id}"), f"document {doc.id!r}: a site of several documents gives each one a "
                                 "folder of its own: write 'folder: terms' (a lower-case name; "
                                 f"{', '.join(sorted(RESERVED))} are taken)" + (f", not {doc.folder!r}" if doc.folder else "")))
            elif doc.folder in seen:
                problems.append((line_of(f"id: {doc.id}"), f"document {doc.id!r}: folder {doc.folder!r} is another document's"))
            seen.add(doc.folder)
    return documents, problems
