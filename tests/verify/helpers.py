"""The fixture organisation's policy with one broken fixture laid over it, and verify run on it."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, ORG, run_module

BROKEN = FIXTURES / "verify"


def policy_copy(target: Path, case: str | None = None, base: Path = ORG) -> Path:
    """docs/, data/ and revisions/ of ``base`` (the fixture organisation), with
    tests/fixtures/verify/<case>/ laid over them."""
    for name in ("docs", "data", "revisions"):
        if (base / name).is_dir():
            shutil.copytree(base / name, target / name)
    if case:
        shutil.copytree(BROKEN / case, target, dirs_exist_ok=True)
    return target


def verify(cwd: Path, *args: str, env: dict | None = None):
    """``python -m scripts.verify`` as a whole process, the way make build runs it."""
    return run_module("scripts.verify", *args, cwd=cwd, env={"POLICY_TODAY": "2026-11-25", **(env or {})})
