"""Shared fixtures: the repository, the fixture organisation's project, one site build of each per session.

Tests that need fixed wording use the fixture organisation (tests/fixtures/org/, ``org_project``);
the real policy in docs/ is held only to what every revision must satisfy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The captured live page the Japanese policy was imported from (see README).
SEED = ROOT / "sources" / "privacy-policy-ja.txt"
BUILD_TODAY = "2026-11-25"
# A fictional organisation's policy, with its own company data, archive and query set.
ORG = FIXTURES / "org"
CODE = ("scripts", "overrides")


def run_module(module: str, *args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m module`` as a user would, capturing its output."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def build_site(project: Path, site_dir: Path, today: str = BUILD_TODAY) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_TODAY": today}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def copy_project(target: Path) -> Path:
    """A copy of what the build reads, for tests that change the policy."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "data", "revisions"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def org_project(target: Path) -> Path:
    """The project's code with the fixture organisation's policy, data, archive and site settings.

    The organisation's mkdocs.yml inherits the project's own (copied as mkdocs.base.yml), so a
    change to the build configuration reaches the fixture too.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in CODE:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("docs", "data", "revisions", "sources"):
        shutil.copytree(ORG / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.base.yml")
    shutil.copy2(ORG / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def org_site(tmp_path_factory) -> Path:
    """The fixture organisation's site, built once."""
    base = tmp_path_factory.mktemp("org-site")
    project = org_project(base / "project")
    result = build_site(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site
