"""Snapshotting the current ``docs/`` as a revision in ``revisions/``.

On a site of several documents (scripts/policy/documents.py) one document is released at a
time, from its own folder (``docs/<lang>/terms/``) into its own archive (``revisions/terms/``),
the folder the history reads it from.

One release runs at a time (a lock on ``.release.lock``; another one is refused).
The checks come first and nothing is written unless all pass; the files are
copied into a staging folder beside the archive (``.release-*/``, outside
``revisions/``), the folder renamed into place, and the manifest
replaced in one step, so a release killed at any instant leaves the old archive
or the new one; the next release (or ``--recover``) clears what it left.

A revision already released but not yet published (not on the default branch,
see ``published.py``) is replaced: that is how a correction made after a release,
in the same pull request, is archived. A published revision is never replaced.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..policy import locale, model, settings
from ..policy.documents import SiteDocument
from ..policy.dates import format_date
from ..policy.reader import PolicyError, load_policy
from . import archive, published, timeline


# Held by the running release (one at a time); never deleted, as removing a lock file races.
LOCK = ".release.lock"
# The test seam that kills a release between two of its steps (see _stop).
STOP = "POLICY_RELEASE_STOP"
# What an earlier version of the release left inside the archive when interrupted.
_LEGACY = re.compile(r"\.(\d{4}-\d{2}-\d{2})\.(partial|replaced)|SHA256SUMS\.(partial)")


class ReleaseRefused(Exception):
    """The release would be wrong; the message says why (exit 2)."""

    recovered: list[str] = []   # what interrupted releases left, cleared before the refusal


@dataclass
class Released:
    revision: archive.Revision
    files: list[str]
    replaced: bool = False   # an unpublished revision of the same date was released again
    recovered: list[str] = field(default_factory=list)   # what interrupted releases left, cleared first
    archive: str = archive.ARCHIVE   # the document's archive folder: revisions or revisions/<folder>


@dataclass(frozen=True)
class Target:
    """What a release archives: one document of the site, into its archive folder."""

    document: SiteDocument
    archive: str


def release_target(root: Path, ident: str | None = None, naming: str = "--document") -> Target:
    """The document ``ident`` of the site (None: its only one) and its archive folder; refused when
    the site has several and none is named, or none is called so (``naming``: how to name one)."""
    try:
        site = settings.load(root)
    except settings.SettingsError as err:
        raise ReleaseRefused(str(err)) from None
    try:
        document = site.document(ident, naming)
    except settings.SettingsError as err:
        raise ReleaseRefused(err.message) from None   # the command's slip, not mkdocs.yml's
    return Target(document, document.archive(site.archive))

# What a release itself resolves: the verifier's findings that the newest revision line is not
# (or no longer) archived. Every other error refuses the release.
RESOLVED = {"REV007", "REV008"}


def newest_line(policy: model.Policy) -> model.Revision | None:
    return max(policy.revisions, key=lambda r: r.date) if policy.revisions else None


def _verify(root: Path, verifier: Path | None = None) -> None:
    """Run the policy verifier on ``root`` when the project has one; its errors refuse the release
    (except those the release resolves: the newest revision not archived, or not matching).

    ``verifier`` is the project whose code verifies (default: ``root`` itself); the pull-request
    command workflow passes its own trusted checkout, so the branch's code never runs.
    """
    code = verifier or root
    if not ((code / "scripts" / "verify" / "__main__.py").is_file() or (code / "scripts" / "verify.py").is_file()):
        return
    env = {**os.environ, "PYTHONPATH": str(code) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "scripts.verify", "--format", "json"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode == 0:
        return
    if result.returncode == 1:
        try:
            findings = json.loads(result.stdout or "[]")
        except ValueError:
            findings = None
        if findings is not None:
            errors = [f for f in findings if f.get("severity") == "error" and f.get("code") not in RESOLVED]
            if not errors:
                return
            output = "\n".join(f"{f['path']}:{f['line']}: {f['code']} {f['severity']} {f['message']}" for f in errors)
            raise ReleaseRefused(f"the policy has errors: `python -m scripts.verify` must pass before a release\n{output}")
    output = (result.stdout + result.stderr).strip()
    raise ReleaseRefused(f"the policy cannot be checked (exit {result.returncode}): `python -m scripts.verify` "
                         f"must pass before a release\n{output}")


def check_release(root: Path, date: dt.date, verifier: Path | None = None,
                  where: Target | None = None) -> tuple[dict[str, model.Policy], bool]:
    """Every reason to refuse, before anything is written.

    Returns the policies to archive and whether an unpublished revision of ``date`` is replaced.
    ``where``: the document and its archive (default: the site's only document).
    """
    where = where or release_target(root)
    folder, document = where.archive, where.document
    try:
        released = any(r.date == date for r in archive.read_archive(root, folder))
    except archive.ArchiveError:
        released = False
    replacing = released and not published.is_published(root, date, folder)
    own = f"{folder}/{date.isoformat()}/"
    # Files of the revision being replaced may differ from the manifest: they are replaced too.
    findings = [f for f in archive.check(root, folder) if not (replacing and f.path.startswith(own))]
    if findings:
        raise ReleaseRefused("the archive does not match its manifest; restore it before releasing:\n"
                             + "\n".join(str(f) for f in findings))
    try:
        langs = settings.languages(root)
        locale.check(langs)   # the revision's PDFs are printed in each language's words
        revisions = archive.read_archive(root, folder, langs=langs)
        policies = {lang: load_policy(root / "docs", lang, root=root, folder=document.folder) for lang in langs}
    except (archive.ArchiveError, PolicyError, settings.SettingsError, locale.LocaleError) as err:
        raise ReleaseRefused(str(err)) from None
    for lang in langs:
        policy = policies[lang]
        newest = newest_line(policy)
        shown = policy.appendix.path if policy.appendix else f"docs/{lang}/{document.prefix}"
        if newest is None:
            raise ReleaseRefused(f"{shown}: no dated revision line in the supplementary provisions (附則)")
        if newest.date != date:
            # Suggest releasing the newest line only when that is still possible.
            released = any(r.date == newest.date for r in revisions)
            other = (f" ({newest.date.isoformat()} is already released)" if released
                     else f", or release {newest.date.isoformat()}")
            raise ReleaseRefused(
                f"{shown}:{newest.line}: {date.isoformat()} does not match the newest revision line "
                f"'{newest.text.strip()}' ({newest.date.isoformat()}); add the line for "
                f"{format_date(date, lang)} first{other}")
    known = ", ".join(r.name for r in revisions)
    if released and not replacing:
        raise ReleaseRefused(f"{date.isoformat()} is already released ({folder}/{date.isoformat()}/) and "
                             f"published ({published.explain(root, folder)}); published revisions are never replaced; for a "
                             "new revision, add its line to the 附則 (and the Supplementary Provisions) first")
    if revisions and date < revisions[-1].date:
        raise ReleaseRefused(f"{date.isoformat()} is earlier than the last revision {revisions[-1].name} "
                             f"(released: {known})")
    _verify(root, verifier)
    return policies, replacing


def _pdfs(root: Path, date: dt.date, policies: dict[str, model.Policy], where: Target) -> dict[str, bytes]:
    """The revision's PDFs (full text, and 新旧対照表 against the document's revision before), printed
    before anything is written."""
    from . import pdf
    try:
        earlier = [r for r in archive.read_archive(root, where.archive) if r.date < date]
        # A translation new in this revision has no 新旧対照表 of its own.
        previous = {lang: earlier[-1].policy(lang) for lang in policies if lang in earlier[-1].languages} \
            if earlier else None
        titles = timeline.document_titles(root, where.document.folder, tuple(policies))
        return pdf.revision_pdfs(root, date, dict(policies), previous, titles)
    except (pdf.PdfError, archive.ArchiveError) as err:
        raise ReleaseRefused(f"{err}; or release without PDFs: --no-pdf") from None


def release(root: Path, date: dt.date, verifier: Path | None = None, pdfs: bool = True,
            where: Target | None = None) -> Released:
    """Release the revision of ``date`` of one document (``where``, see :func:`release_target`; default the
    site's only one)."""
    with locked(root):
        undone = recover(root)
        try:
            where = where or release_target(root)
            policies, replacing = check_release(root, date, verifier, where)
            printed = _pdfs(root, date, policies, where) if pdfs else {}
            done = _write(root, date, policies, printed, replacing, where)
        except ReleaseRefused as err:
            err.recovered = undone
            raise
        done.recovered = undone
        return done


def _stop(step: str) -> None:
    """The test seam: ``POLICY_RELEASE_STOP=<step>`` kills the release there (SIGKILL, as a crash
    would), so tests/hostile/test_release_atomic.py can check the archive after each step."""
    if os.environ.get(STOP) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def locked(root: Path):
    """One release at a time in a project: an exclusive lock on ``.release.lock``, held until the
    release ends (the system drops it when the process dies, so a killed release never blocks)."""
    path = root / LOCK
    try:
        handle = open(path, "a+", encoding="utf-8")
    except OSError as err:
        raise ReleaseRefused(f"cannot open the release lock {LOCK}: {err}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            raise ReleaseRefused(f"another release is running{f' ({holder})' if holder else ''}: "
                                 "wait for it to end, then release again") from None
        handle.truncate(0)
        handle.write(f"process {os.getpid()}, started {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %Z}\n")
        handle.flush()
        yield   # closing the file drops the lock


def _undo(root: Path, stopped: archive.Interrupted) -> None:
    """Put back the archive a release stopped before its manifest step had (each step is a rename,
    so an undo killed halfway is undone again by the next release)."""
    target = archive.archive_dir(root, stopped.archive) / stopped.date.isoformat()
    if not stopped.new.exists() and target.exists():
        target.rename(stopped.new)
    if stopped.old.exists():
        stopped.old.rename(target)


def _archives(root: Path) -> set[str]:
    """The archive folders of the site's documents (the default one when mkdocs.yml cannot be read)."""
    try:
        site = settings.load(root)
    except settings.SettingsError:
        return {archive.ARCHIVE}
    return {document.archive(site.archive) for document in site.documents}


def recover(root: Path) -> list[str]:
    """Clear what interrupted releases left (under the lock, so none of them is running): undo a release
    stopped before its manifest step, remove the staging folders. Returns one sentence per leftover."""
    done = []
    # A journal names the archive its release wrote to (any document's); only the site's own
    # archives are undone, so a journal naming another folder moves nothing.
    named = {stopped.archive for staging in archive.staging_folders(root)
             if (stopped := archive.journal(staging)) is not None}
    undoable = set()
    for folder in sorted(named & _archives(root)):
        try:
            listed = [r.date for r in archive.read_archive(root, folder)]
        except archive.ArchiveError:
            listed = []
        undoable |= {stopped.staging for stopped in archive.interrupted(root, folder, listed)}
    for staging in archive.staging_folders(root):
        stopped = archive.journal(staging)
        try:
            if stopped is not None and staging in undoable:
                _undo(root, stopped)
                done.append(f"undid the interrupted release of {stopped.date.isoformat()} ({staging.name})")
            elif stopped is not None and stopped.committed:
                done.append(f"finished the interrupted release of {stopped.date.isoformat()} ({staging.name})")
            else:
                done.append(f"removed {staging.name}, left by an interrupted release")
            (staging / archive.JOURNAL).unlink(missing_ok=True)   # first: without it the folder is inert
            shutil.rmtree(staging)
        except OSError as err:
            raise ReleaseRefused(f"cannot clear {staging.name}, left by an interrupted release: {err}") from None
    # The names an earlier version of the release staged inside the archive.
    folder = archive.archive_dir(root)
    try:
        for path in sorted(folder.glob(".*")) + [folder / (archive.MANIFEST + ".partial")]:
            legacy = _LEGACY.fullmatch(path.name)
            if not legacy or not path.exists():
                continue
            target = folder / (legacy.group(1) or "")
            if legacy.group(2) == "replaced" and not target.exists():
                path.rename(target)
            elif path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            done.append(f"removed {archive.ARCHIVE}/{path.name}, left by an interrupted release")
    except OSError as err:
        raise ReleaseRefused(f"cannot clear what an interrupted release left in {archive.ARCHIVE}/: {err}") from None
    return done


def _write(root: Path, date: dt.date, policies: dict[str, model.Policy], printed: dict[str, bytes],
           replacing: bool, where: Target) -> Released:
    """Write the revision so that, killed at any instant, the archive is the old one or the new one.

    Everything is written in a staging folder beside the archive; then the old revision (a release
    again) is moved out, the new one moved in, and the manifest replaced, each one rename. Until that
    last rename readers take the old archive (archive.interrupted), after it the new one.
    """
    folder = archive.archive_dir(root, where.archive)
    placed = folder / date.isoformat()
    revision = archive.Revision(date, placed)
    copied: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = archive.Interrupted(Path(tempfile.mkdtemp(prefix=archive.STAGING, dir=root)), date, where.archive)
    except OSError as err:
        raise ReleaseRefused(f"cannot write the revision: {err}") from None
    try:
        files = [(where.document.lang_dir(root / "docs", lang) / doc.rel, f"{lang}/{doc.rel}")
                 for lang, policy in policies.items()
                 for doc in policy.documents if doc.kind != model.PAGE]   # generated pages are not policy text
        for source, rel in files:
            destination = staging.new / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            revision.files[rel] = archive.sha256_file(destination)
            copied.append(rel)
            _stop("copying")
        for rel, data in printed.items():
            destination = staging.new / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            revision.files[rel] = archive.sha256_file(destination)
            copied.append(rel)
        manifest = archive.manifest_path(root, where.archive)
        lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
        own = f"  {date.isoformat()}/"
        lines = sorted([line for line in lines if line.strip() and own not in line] + revision.manifest_lines(),
                       key=lambda line: line.split("  ", 1)[-1])
        _write_file(staging.staging / archive.MANIFEST, "".join(line + "\n" for line in lines))
        _stop("staged")
        pending = staging.staging / (archive.JOURNAL + ".tmp")
        _write_file(pending, json.dumps({"date": date.isoformat(), "archive": where.archive}) + "\n")
        os.replace(pending, staging.staging / archive.JOURNAL)
        _stop("journal")
        if replacing and placed.exists():
            placed.rename(staging.old)
            _stop("retired")
        staging.new.rename(placed)
        _stop("placed")
        os.replace(staging.staging / archive.MANIFEST, manifest)
        _stop("committed")
    except OSError as err:
        try:
            if not staging.committed:
                _undo(root, staging)
            shutil.rmtree(staging.staging)
        except OSError:
            pass   # the next release clears it (recover)
        raise ReleaseRefused(f"cannot write the revision: {err}") from None
    (staging.staging / archive.JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging.staging, ignore_errors=True)
    return Released(revision, copied, replacing, archive=where.archive)


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
