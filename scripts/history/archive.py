"""The archive of published revisions: ``revisions/<date>/<lang>/…`` and ``revisions/SHA256SUMS``.

Each published revision is kept as its own files, every language, exactly as
they were in ``docs/`` on release (only the policy's own documents: preamble,
articles, appendix). The manifest lists every archived file with its sha256 in
the format of ``sha256sum`` (``<hex>  <date>/<lang>/<path>``), so it can be checked
with standard tools too. Published revisions are immutable: :func:`check`
reports every file whose content no longer matches, is missing or is not listed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import model
from ..policy.files import LINK, links_under, outside
from ..policy.finding import ERROR, Finding
from ..policy import settings
from ..policy.reader import PolicyError, load_policy
from ..policy.rules import ARCHIVE, rule

RULES = [
    rule("HIST001", ERROR, ARCHIVE, "an archived file no longer matches its sha256 in revisions/SHA256SUMS: published revisions are immutable"),
    rule("HIST002", ERROR, ARCHIVE, "a file listed in revisions/SHA256SUMS is missing from the archive"),
    rule("HIST003", ERROR, ARCHIVE, "a file in the archive is not listed in revisions/SHA256SUMS"),
    rule("HIST004", ERROR, ARCHIVE, "revisions/SHA256SUMS cannot be read (a malformed line, a bad date or path, a file listed twice)"),
    rule("HIST005", ERROR, ARCHIVE, "a symbolic link in the archive, or a revisions folder that resolves outside the repository: archive the files themselves"),
    rule("HIST006", ERROR, ARCHIVE, "an archived policy file cannot be read as UTF-8 text (its sha256 matches: it was archived so)"),
]

ARCHIVE = "revisions"
MANIFEST = "SHA256SUMS"
# A release (scripts/history/release.py) stages a revision beside the archive, never inside it, in
# ``.release-*/``: ``new/`` (the revision, until it is moved into place), ``old/`` (the unpublished
# revision it replaces, once moved out), ``SHA256SUMS`` (the new manifest, until it replaces the
# archive's: that one step publishes the release) and ``journal`` (the date; written before the
# archive is touched). A release killed before the manifest step leaves the old archive, which readers
# see by taking ``old/`` for that date and ignoring the new folder; the next release undoes the rest.
STAGING = ".release-"
JOURNAL = "journal"
# Policy text (.md) and the PDFs printed on release (<lang>/pdf/*.pdf, scripts/history/pdf.py).
# The language is any code the site declares (mkdocs.yml's i18n languages): ja, en, ko, pt-BR …
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](\d{4}-\d{2}-\d{2})/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)/"
                   r"(\S+\.md|pdf/[\w.-]+\.pdf)$")


class ArchiveError(Exception):
    """An archive that cannot be read: a malformed manifest, an unreadable file."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Revision:
    """One published revision: its date and the hashes of its files (``ja/articles/01.md`` → hex)."""

    date: dt.date
    folder: Path
    files: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.date.isoformat()

    def manifest_lines(self) -> list[str]:
        return [f"{digest}  {self.name}/{rel}" for rel, digest in sorted(self.files.items())]

    @property
    def languages(self) -> set[str]:
        """The languages the revision was published in (a translation added later is not among them)."""
        return {key.split("/", 1)[0] for key in self.files}

    def pdfs(self, lang: str) -> dict[str, Path]:
        """The revision's PDFs in one language: name ('policy.pdf', 'table.pdf') → path."""
        prefix = f"{lang}/pdf/"
        return {rel[len(prefix):]: self.folder / rel for rel in sorted(self.files) if rel.startswith(prefix)}

    @property
    def sha256(self) -> str:
        """One digest for the whole revision: the sha256 of its manifest lines."""
        text = "".join(line + "\n" for line in self.manifest_lines())
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def policy(self, lang: str) -> model.Policy:
        try:
            return load_policy(self.folder, lang, root=self.folder.parent.parent)
        except PolicyError as err:
            raise ArchiveError(err.path, err.line, err.message) from None


@dataclass
class Interrupted:
    """A release stopped while writing: its staging folder and the date it was releasing."""

    staging: Path
    date: dt.date
    archive: str = ARCHIVE

    @property
    def new(self) -> Path:
        return self.staging / "new"

    @property
    def old(self) -> Path:
        return self.staging / "old"

    @property
    def committed(self) -> bool:
        """The new manifest is in place: the release is done, only its staging folder is left."""
        return not (self.staging / MANIFEST).exists()


def staging_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.glob(STAGING + "*") if p.is_dir() and not p.is_symlink())


def journal(staging: Path) -> Interrupted | None:
    """The release a staging folder belongs to, once it may have touched the archive (else None)."""
    try:
        data = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
        return Interrupted(staging, dt.date.fromisoformat(data["date"]), data["archive"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def interrupted(root: Path, folder: str, listed: list[dt.date]) -> list[Interrupted]:
    """The interrupted releases whose manifest step never came, that readers undo in their view.

    Only a release that could have been running counts: a new date after every listed one, or the
    newest listed date while it is unpublished (a release again). A staging folder committed to git
    can therefore never hide a change to a published revision.
    """
    found = []
    for staging in staging_folders(root):
        stopped = journal(staging)
        if stopped is None or stopped.committed or stopped.archive != folder or links_under(staging):
            continue   # a release writes no links: a folder holding one is no release's
        newest = max(listed, default=None)
        if newest is None or stopped.date > newest:
            found.append(stopped)
        elif stopped.date == newest:
            from . import published   # git, only when a release of a listed date was interrupted
            if not published.is_published(root, stopped.date):
                found.append(stopped)
    return found


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def archive_dir(root: Path, folder: str = ARCHIVE) -> Path:
    return root / folder


def manifest_path(root: Path, folder: str = ARCHIVE) -> Path:
    return archive_dir(root, folder) / MANIFEST


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _site_languages(root: Path, shown: str) -> tuple[str, ...]:
    try:
        return settings.languages(root)
    except settings.SettingsError as err:
        raise ArchiveError(err.path, err.line, err.message) from None


def read_archive(root: Path, folder: str = ARCHIVE, langs: tuple[str, ...] | None = None) -> list[Revision]:
    """Every revision the manifest lists, oldest first. No archive yet: an empty list.

    ``langs``: the site's languages (default: mkdocs.yml's); a file of any other language is an error.
    """
    manifest = manifest_path(root, folder)
    shown = _display(manifest, root)
    if not manifest.exists():
        placed = {archive_dir(root, folder) / r.date.isoformat() for r in interrupted(root, folder, [])
                  if not r.new.exists()}
        if archive_dir(root, folder).is_dir() and any(p not in placed for p in archive_dir(root, folder).iterdir()):
            raise ArchiveError(shown, 0, "the revisions folder has no manifest")
        return []
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ArchiveError(shown, 0, f"cannot read the manifest: {err}") from None
    revisions: dict[dt.date, Revision] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ArchiveError(shown, number, f"not a manifest line '<sha256>  <date>/<lang>/<file>.md': {line!r}")
        digest, date_text, lang, rel = match.groups()
        if langs is None:
            langs = _site_languages(root, shown)
        if lang not in langs:
            raise ArchiveError(shown, number, f"{date_text}/{lang}/{rel}: {lang!r} is not a language of the site "
                                              f"(mkdocs.yml's i18n languages: {', '.join(langs)})")
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise ArchiveError(shown, number, f"{date_text} is not a real date") from None
        if ".." in rel.split("/"):
            raise ArchiveError(shown, number, f"a path may not leave its revision: {rel}")
        revision = revisions.setdefault(date, Revision(date, archive_dir(root, folder) / date_text))
        key = f"{lang}/{rel}"
        if key in revision.files:
            raise ArchiveError(shown, number, f"{date_text}/{key} is listed twice")
        revision.files[key] = digest
    for stopped in interrupted(root, folder, list(revisions)):
        if stopped.date in revisions and stopped.old.is_dir():
            revisions[stopped.date].folder = stopped.old   # moved out, not yet replaced
    return [revisions[d] for d in sorted(revisions)]


def _placed(root: Path, folder: str, revisions: list[Revision]) -> list[Path]:
    """The folders of interrupted releases already moved into the archive, before their manifest."""
    return [archive_dir(root, folder) / r.date.isoformat()
            for r in interrupted(root, folder, [rev.date for rev in revisions]) if not r.new.exists()]


def check(root: Path, folder: str = ARCHIVE, langs: tuple[str, ...] | None = None) -> list[Finding]:
    """Every archived file that does not match the manifest, and every file it does not list (RULES)."""
    path_of_archive = archive_dir(root, folder)
    if path_of_archive.exists() and outside(path_of_archive, root):
        return [Finding(_display(path_of_archive, root), 0, "HIST005", ERROR, LINK)]
    links = links_under(path_of_archive) if path_of_archive.is_dir() else []
    if links:
        # Nothing behind a link is read: not even to hash it.
        return [Finding(_display(link, root), 0, "HIST005", ERROR, LINK) for link in links]
    try:
        revisions = read_archive(root, folder, langs)
    except ArchiveError as err:
        return [Finding(err.path, err.line, "HIST004", ERROR, err.message)]
    findings = []
    listed = set()
    for revision in revisions:
        for rel, digest in revision.files.items():
            path = revision.folder / rel
            listed.add(path.resolve())
            shown = _display(path, root)
            if not path.is_file():
                findings.append(Finding(shown, 0, "HIST002", ERROR,
                                        "archived file is missing: published revisions are immutable"))
                continue
            actual = sha256_file(path)
            if actual == digest and rel.endswith(".md"):
                try:
                    path.read_bytes().decode("utf-8")
                except UnicodeDecodeError as err:
                    findings.append(Finding(shown, 1, "HIST006", ERROR,
                                            f"archived file is not UTF-8 text ({err.reason} at byte {err.start}): "
                                            "it cannot be published; restore the file as it was released, or "
                                            f"ask a maintainer to re-archive it and its line in {folder}/{MANIFEST}"))
            if actual != digest:
                findings.append(Finding(shown, 0, "HIST001", ERROR,
                                        f"archived file no longer matches its sha256 in {folder}/{MANIFEST} "
                                        f"(expected {digest[:12]}…, found {actual[:12]}…): "
                                        "published revisions are immutable"))
    placed = _placed(root, folder, revisions)
    if path_of_archive.is_dir():
        for path in sorted(path_of_archive.rglob("*")):
            if any(path.is_relative_to(p) for p in placed):
                continue   # an interrupted release's revision, not yet listed: the next release removes it
            if path.is_file() and path.name != MANIFEST and path.resolve() not in listed:
                findings.append(Finding(_display(path, root), 0, "HIST003", ERROR,
                                        f"file in the archive is not listed in {folder}/{MANIFEST}"))
    return findings


def policy_documents(docs_dir: Path, lang: str) -> list[model.Document]:
    """The documents of ``docs_dir/lang`` that make up the policy (no generated or other pages)."""
    policy = load_policy(docs_dir, lang)
    return [d for d in policy.documents if d.kind != model.PAGE]

