"""A version of the policy to compare, named as the user names it.

- ``2022-04-01``: an archived revision (``revisions/2022-04-01/``);
- ``current``: the working tree's ``docs/``;
- ``git:REF``: the ``docs/`` of a commit, branch or tag, read with ``git ls-tree``
  and ``git cat-file`` (no checkout, the working tree is never touched).
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..policy import model, settings
from ..policy.reader import PolicyError, load_policy, parse_document
from . import archive

CURRENT = "current"
GIT = "git:"


class SourceError(Exception):
    """A version that cannot be found or read; the message says why and what exists."""


@dataclass
class Source:
    label: str                        # as the user named it
    policies: dict[str, model.Policy]  # lang -> policy

    def policy(self, lang: str) -> model.Policy:
        return self.policies[lang]


def site_languages(root: Path) -> tuple[str, ...]:
    """The site's languages, the original first (mkdocs.yml), as a SourceError when unreadable."""
    try:
        return settings.languages(root)
    except settings.SettingsError as err:
        raise SourceError(str(err)) from None


def resolve(spec: str, root: Path, langs: tuple[str, ...] | None = None) -> Source:
    """The policy ``spec`` names in each language ``langs`` (default: the site's)."""
    spec = spec.strip()
    langs = langs or site_languages(root)
    if spec == CURRENT:
        return Source(spec, {lang: _load(root / "docs", lang, root) for lang in langs})
    if spec.startswith(GIT):
        return Source(spec, read_git(spec[len(GIT):], root, langs))
    revision = _revision(spec, root)
    for lang in langs:
        if lang not in revision.languages:
            raise SourceError(f"revision {revision.name} has no {lang} text ({archive.ARCHIVE}/{revision.name}/{lang}/): "
                              f"it was published before {lang} was added to the site")
    try:
        return Source(spec, {lang: revision.policy(lang) for lang in langs})
    except archive.ArchiveError as err:
        raise SourceError(f"{err.path}:{err.line}: {err.message}") from None


def _load(docs: Path, lang: str, root: Path) -> model.Policy:
    try:
        policy = load_policy(docs, lang, root=root)
    except PolicyError as err:
        raise SourceError(str(err)) from None
    policy.documents = [d for d in policy.documents if d.kind != model.PAGE]
    return policy


def _revision(spec: str, root: Path) -> archive.Revision:
    try:
        revisions = archive.read_archive(root)
    except archive.ArchiveError as err:
        raise SourceError(str(err)) from None
    known = ", ".join(r.name for r in revisions) or "none yet"
    try:
        date = dt.date.fromisoformat(spec)
    except ValueError:
        raise SourceError(f"{spec!r} is not a revision date (YYYY-MM-DD), 'current' or 'git:REF'; "
                          f"known revisions: {known}") from None
    for revision in revisions:
        if revision.date == date:
            _check_intact(revision, root)
            return revision
    raise SourceError(f"no revision {spec} in {archive.ARCHIVE}/; known revisions: {known}")


def _check_intact(revision: archive.Revision, root: Path) -> None:
    """A published revision is compared only as it was published: every file must match its hash."""
    for rel, digest in sorted(revision.files.items()):
        path = revision.folder / rel
        shown = f"{archive.ARCHIVE}/{revision.name}/{rel}"
        if not path.is_file():
            raise SourceError(f"{shown}: archived file is missing")
        if archive.sha256_file(path) != digest:
            raise SourceError(f"{shown}: archived file no longer matches its sha256 in "
                              f"{archive.ARCHIVE}/{archive.MANIFEST}; published revisions are immutable")


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise SourceError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git {args[0]}: no answer in 60 seconds") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return result.stdout


def _commit(spec: str, root: Path) -> str | None:
    """The commit of ``git:REF``; None for ``current`` (the work tree)."""
    if spec == CURRENT:
        return None
    ref = spec[len(GIT):]
    if not ref or ref.startswith("-"):
        raise SourceError(f"git:{ref} is not a git reference")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except SourceError:
        raise SourceError(f"git:{ref} is not a commit, branch or tag of {root}") from None


def changed_files(old: str, new: str, root: Path, folder: str = "docs/") -> list[tuple[str, str]] | None:
    """Every file under ``folder`` that differs from ``old`` (``git:REF``) to ``new`` (``git:REF`` or
    ``current``), whatever it is, as (git's letter A, M, D or T, path); None for other versions.

    Names only: no content is diffed, so no diff driver or text conversion the files ask for runs."""
    old, new = old.strip(), new.strip()
    if not old.startswith(GIT) or not (new.startswith(GIT) or new == CURRENT):
        return None
    commits = [_commit(old, root), _commit(new, root)]
    listing = _git(root, "diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--name-status", "-z",
                   *filter(None, commits), "--", folder)
    fields = [f.decode("utf-8", "replace") for f in listing.split(b"\0") if f]
    found = [(fields[i][0], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]
    if commits[1] is None:  # files not yet added to git are changes of the work tree too
        untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
        found += [("A", f.decode("utf-8", "replace")) for f in untracked.split(b"\0") if f]
    return sorted(set(found), key=lambda item: item[1])


def read_git(ref: str, root: Path, langs: tuple[str, ...] | None = None) -> dict[str, model.Policy]:
    """The policy in ``docs/`` at ``ref``, each language, read straight from the object store."""
    langs = langs or site_languages(root)
    if not ref or ref.startswith("-"):
        raise SourceError(f"git:{ref} is not a git reference")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except SourceError:
        raise SourceError(f"git:{ref} is not a commit, branch or tag of {root}") from None
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", *(f"docs/{lang}/" for lang in langs))
    entries = []  # (lang, rel, blob)
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, path = item.decode("utf-8", "replace").split("\t", 1)
        _mode, kind, blob = meta.split()
        if kind != "blob" or not path.endswith(".md"):
            continue
        _docs, lang, rel = path.split("/", 2)
        entries.append((lang, rel, blob))
    missing = [lang for lang in langs if not any(e[0] == lang for e in entries)]
    if missing:
        raise SourceError(f"git:{ref} has no docs/{missing[0]}/ folder")
    contents = _cat_blobs(root, [blob for _lang, _rel, blob in entries])
    policies = {}
    for lang in langs:
        documents = []
        for (entry_lang, rel, blob) in sorted(e for e in entries if e[0] == lang):
            display = f"git:{ref}:docs/{lang}/{rel}"
            try:
                text = contents[blob].decode("utf-8")
            except UnicodeDecodeError as err:
                raise SourceError(f"{display}:1: not UTF-8 text ({err.reason} at byte {err.start})") from None
            try:
                doc = parse_document(text.replace("\r\n", "\n"), display, rel, lang)
            except PolicyError as err:
                raise SourceError(str(err)) from None
            if doc.kind != model.PAGE:
                documents.append(doc)
        policies[lang] = model.Policy(lang, documents)
    return policies


def _cat_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Every blob's content in one ``git cat-file --batch`` process."""
    if not blobs:
        return {}
    out = _git(root, "cat-file", "--batch", data="".join(b + "\n" for b in blobs).encode())
    contents, pos = {}, 0
    for blob in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        size = int(header[2])
        contents[blob] = out[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return contents
