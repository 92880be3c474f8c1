"""Snapshotting the current ``docs/`` as a published revision.

The checks come first and nothing is written unless all pass; the files are
copied into a temporary folder that is renamed into place, and the manifest is
replaced in one step, so an interrupted release leaves no half revision.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..policy import model
from ..policy.dates import format_date
from ..policy.reader import LANGS, PolicyError, load_policy
from . import archive


class ReleaseRefused(Exception):
    """The release would be wrong; the message says why (exit 2)."""


@dataclass
class Released:
    revision: archive.Revision
    files: list[str]


def newest_line(policy: model.Policy) -> model.Revision | None:
    return max(policy.revisions, key=lambda r: r.date) if policy.revisions else None


def _verify(root: Path) -> None:
    """Run the policy verifier when the project has one; its errors refuse the release."""
    if not ((root / "scripts" / "verify" / "__main__.py").is_file() or (root / "scripts" / "verify.py").is_file()):
        return
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "scripts.verify"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode == 0:
        return
    output = (result.stdout + result.stderr).strip()
    reason = "has errors" if result.returncode == 1 else f"cannot be checked (exit {result.returncode})"
    raise ReleaseRefused(f"the policy {reason}: `python -m scripts.verify` must pass before a release\n{output}")


def check_release(root: Path, date: dt.date) -> dict[str, model.Policy]:
    """Every reason to refuse, before anything is written. Returns the policies to archive."""
    findings = archive.check(root)
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
    if any(r.date == date for r in revisions):
        raise ReleaseRefused(f"{date.isoformat()} is already released ({archive.ARCHIVE}/{date.isoformat()}/); "
                             "published revisions are never replaced; for a new revision, add its line to the 附則 "
                             "(and the Supplementary Provisions) first")
    if revisions and date < revisions[-1].date:
        raise ReleaseRefused(f"{date.isoformat()} is earlier than the last revision {revisions[-1].name} "
                             f"(released: {known})")
    _verify(root)
    return policies


def release(root: Path, date: dt.date) -> Released:
    policies = check_release(root, date)
    folder = archive.archive_dir(root)
    target = folder / date.isoformat()
    staging = folder / f".{date.isoformat()}.partial"
    revision = archive.Revision(date, target)
    copied: list[str] = []
    try:
        if staging.exists():
            shutil.rmtree(staging)
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
        manifest = archive.manifest_path(root)
        lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
        lines = sorted([line for line in lines if line.strip()] + revision.manifest_lines(),
                       key=lambda line: line.split("  ", 1)[-1])
        pending = manifest.with_name(manifest.name + ".partial")
        pending.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        staging.rename(target)
        os.replace(pending, manifest)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseRefused(f"cannot write the revision: {err}") from None
    return Released(revision, copied)
