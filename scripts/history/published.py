"""Which archived revisions are published: those on the default branch.

A revision is released into ``revisions/`` on a pull request's branch and published when that
branch is merged. Until then it can be corrected and released again; once it is on the default
branch it is immutable. The default branch is read from git, without a checkout or a fetch:

1. ``POLICY_PUBLISHED_REF`` (a commit, branch or tag), when set;
2. the remote's default branch (``origin/HEAD``), else ``origin/main`` or ``origin/master``;
3. the local ``main`` or ``master`` branch.

A revision is published when that ref's ``revisions/SHA256SUMS`` lists it. Without git, or
without any of these refs, every archived revision counts as published: nothing is ever
replaced unless git shows it is safe.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache
from pathlib import Path

ENV = "POLICY_PUBLISHED_REF"
_CANDIDATES = ("origin/main", "origin/master", "main", "master")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.SubprocessError):
        return None


def _is_commit(root: Path, ref: str) -> bool:
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return result is not None and result.returncode == 0


def default_ref(root: Path) -> str | None:
    """The ref whose archive counts as published, or None when git cannot tell."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    wanted = os.environ.get(ENV, "").strip()
    if wanted:
        return wanted if _is_commit(root, wanted) else None
    head = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    candidates = ([head.stdout.strip()] if head is not None and head.returncode == 0 else []) + list(_CANDIDATES)
    return next((ref for ref in candidates if ref and _is_commit(root, ref)), None)


@lru_cache(maxsize=32)
def _published(root: str, ref: str | None, folder: str = "revisions") -> frozenset[str] | None:
    if ref is None:
        return None
    prefix = _git(Path(root), "rev-parse", "--show-prefix")
    inner = prefix.stdout.strip() if prefix is not None and prefix.returncode == 0 else ""
    shown = _git(Path(root), "show", f"{ref}:{inner}{folder}/SHA256SUMS")
    if shown is None or shown.returncode != 0:
        return frozenset()   # the default branch has no archive yet: nothing is published
    names = set()
    for line in shown.stdout.splitlines():
        parts = line.split("  ", 1)
        if len(parts) == 2 and "/" in parts[1]:
            names.add(parts[1].split("/", 1)[0])
    return frozenset(names)


def _commit(root: Path, ref: str | None) -> str | None:
    if ref is None:
        return None
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return result.stdout.strip() if result is not None and result.returncode == 0 else None


def is_published(root: Path, date: dt.date, folder: str = "revisions") -> bool:
    """Whether the revision of ``date`` is on the default branch (True when git cannot tell);
    ``folder``: the document's archive (revisions/terms on a site of several documents)."""
    names = _published(str(root.resolve()), _commit(root, default_ref(root)), folder)
    return True if names is None else date.isoformat() in names


def explain(root: Path, folder: str = "revisions") -> str:
    """How publication was decided, for messages (``folder``: the document's archive)."""
    ref = default_ref(root)
    return f"published = listed in {ref}:{folder}/SHA256SUMS" if ref else \
        "no git default branch found: every archived revision counts as published"
