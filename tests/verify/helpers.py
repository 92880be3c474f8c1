"""The fixture organisation's policy with one broken fixture laid over it, and verify run on it."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES, ORG, ROOT, run_module

BROKEN = FIXTURES / "verify"


def policy_copy(target: Path, case: str | None = None, base: Path = ORG) -> Path:
    """docs/, data/ and revisions/ of ``base`` (the fixture organisation), with
    tests/fixtures/verify/<case>/ laid over them."""
    for name in ("docs", "data", "revisions"):
        if (base / name).is_dir():
            shutil.copytree(base / name, target / name)
    if base == ROOT:
        # The site's languages are its settings' (a site may publish its original alone).
        shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if case:
        shutil.copytree(BROKEN / case, target, dirs_exist_ok=True)
    return target


def policy_repository(target: Path, case: str | None = None, base: Path = ORG) -> Path:
    """``base`` committed on main in a new git repository, with the broken fixture laid over it on a
    branch: what a pull request's checkout looks like (revisions on main are published)."""
    policy_copy(target, base=base)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                 ["commit", "--quiet", "--message", "policy"], ["switch", "--quiet", "--create", "edit"]):
        subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True, timeout=60)
    if case:
        shutil.copytree(BROKEN / case, target, dirs_exist_ok=True)
    return target


def verify(cwd: Path, *args: str, env: dict | None = None):
    """``python -m scripts.verify`` as a whole process, the way make build runs it."""
    return run_module("scripts.verify", *args, cwd=cwd, env={"POLICY_TODAY": "2026-11-25", **(env or {})})
