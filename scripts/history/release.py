"""Snapshotting the current ``docs/`` as a revision in ``revisions/``.

The checks come first and nothing is written unless all pass; the files are
copied into a temporary folder that is renamed into place, and the manifest is
replaced in one step, so an interrupted release leaves no half revision.

A revision already released but not yet published (not on the default branch,
see ``published.py``) is replaced: that is how a correction made after a release,
in the same pull request, is archived. A published revision is never replaced.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..policy import model
from ..policy.dates import format_date
from ..policy.reader import LANGS, PolicyError, load_policy
from . import archive, published


class ReleaseRefused(Exception):
    """The release would be wrong; the message says why (exit 2)."""


@dataclass
class Released:
    revision: archive.Revision
    files: list[str]
    replaced: bool = False   # an unpublished revision of the same date was released again

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


def check_release(root: Path, date: dt.date, verifier: Path | None = None) -> tuple[dict[str, model.Policy], bool]:
    """Every reason to refuse, before anything is written.

    Returns the policies to archive and whether an unpublished revision of ``date`` is replaced.
    """
    try:
        released = any(r.date == date for r in archive.read_archive(root))
    except archive.ArchiveError:
        released = False
    replacing = released and not published.is_published(root, date)
    own = f"{archive.ARCHIVE}/{date.isoformat()}/"
    # Files of the revision being replaced may differ from the manifest: they are replaced too.
    findings = [f for f in archive.check(root) if not (replacing and f.path.startswith(own))]
    if findings:
        raise ReleaseRefused("the archive does not match its manifest; restore it before releasing:\n"
                             + "\n".join(str(f) for f in findings))
    try:
        revisions = archive.read_archive(root)
        policies = {lang: load_policy(root / "docs", lang, root=root) for lang in LANGS}
    except (archive.ArchiveError, PolicyError) as err:
        raise ReleaseRefused(str(err)) from None
    for lang in LANGS:
        policy = policies[lang]
        newest = newest_line(policy)
        where = policy.appendix.path if policy.appendix else f"docs/{lang}/"
        if newest is None:
            raise ReleaseRefused(f"{where}: no dated revision line in the supplementary provisions (附則)")
        if newest.date != date:
            # Suggest releasing the newest line only when that is still possible.
            released = any(r.date == newest.date for r in revisions)
            other = (f" ({newest.date.isoformat()} is already released)" if released
                     else f", or release {newest.date.isoformat()}")
            raise ReleaseRefused(
                f"{where}:{newest.line}: {date.isoformat()} does not match the newest revision line "
                f"'{newest.text.strip()}' ({newest.date.isoformat()}); add the line for "
                f"{format_date(date, lang)} first{other}")
    known = ", ".join(r.name for r in revisions)
    if released and not replacing:
        raise ReleaseRefused(f"{date.isoformat()} is already released ({archive.ARCHIVE}/{date.isoformat()}/) and "
                             f"published ({published.explain(root)}); published revisions are never replaced; for a "
                             "new revision, add its line to the 附則 (and the Supplementary Provisions) first")
    if revisions and date < revisions[-1].date:
        raise ReleaseRefused(f"{date.isoformat()} is earlier than the last revision {revisions[-1].name} "
                             f"(released: {known})")
    _verify(root, verifier)
    return policies, replacing


def _pdfs(root: Path, date: dt.date, policies: dict[str, model.Policy]) -> dict[str, bytes]:
    """The revision's PDFs (full text, and 新旧対照表 against the revision before), printed before anything is written."""
    from . import pdf
    try:
        earlier = [r for r in archive.read_archive(root) if r.date < date]
        previous = {lang: earlier[-1].policy(lang) for lang in policies} if earlier else None
        return pdf.revision_pdfs(root, date, dict(policies), previous)
    except (pdf.PdfError, archive.ArchiveError) as err:
        raise ReleaseRefused(f"{err}; or release without PDFs: --no-pdf") from None


def release(root: Path, date: dt.date, verifier: Path | None = None, pdfs: bool = True) -> Released:
    policies, replacing = check_release(root, date, verifier)
    printed = _pdfs(root, date, policies) if pdfs else {}
    folder = archive.archive_dir(root)
    target = folder / date.isoformat()
    staging = folder / f".{date.isoformat()}.partial"
    retired = folder / f".{date.isoformat()}.replaced"
    revision = archive.Revision(date, target)
    copied: list[str] = []
    try:
        for leftover in (staging, retired):
            if leftover.exists():
                shutil.rmtree(leftover)
        for lang, policy in policies.items():
            for doc in policy.documents:
                if doc.kind == model.PAGE:
                    continue  # generated pages (full text, history) are not policy text
                source = root / "docs" / lang / doc.rel
                destination = staging / lang / doc.rel
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                revision.files[f"{lang}/{doc.rel}"] = archive.sha256_file(destination)
                copied.append(f"{lang}/{doc.rel}")
        for rel, data in printed.items():
            destination = staging / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            revision.files[rel] = archive.sha256_file(destination)
            copied.append(rel)
        manifest = archive.manifest_path(root)
        lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
        own = f"  {date.isoformat()}/"
        lines = sorted([line for line in lines if line.strip() and own not in line] + revision.manifest_lines(),
                       key=lambda line: line.split("  ", 1)[-1])
        pending = manifest.with_name(manifest.name + ".partial")
        pending.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        if replacing and target.exists():
            target.rename(retired)
        staging.rename(target)
        os.replace(pending, manifest)
        shutil.rmtree(retired, ignore_errors=True)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            retired.rename(target)
        raise ReleaseRefused(f"cannot write the revision: {err}") from None
    return Released(revision, copied, replacing)
