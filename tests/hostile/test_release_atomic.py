"""A release is atomic and exclusive: two at once, or one killed at any step of its writing, leave
the archive old or new, and the verifier, the build's archive check and the next release work.

The kills use the release's one test seam, ``POLICY_RELEASE_STOP=<step>`` (scripts/history/release.py,
``_stop``): the release sends itself SIGKILL right after that step, as a crash there would.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.history import archive
from tests.conftest import ROOT, documents_project, revise_the_terms, run_module
from tests.test_release import project_at_second_revision

GIT_ENV = {"GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
# The steps of the write phase, in order ("retired" only when an unpublished revision is replaced).
STEPS = ["copying", "staged", "journal", "placed", "committed"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def project(tmp_path) -> Path:
    """The fixture organisation with two revisions archived and a third (2027-01-01) ready to release."""
    root = project_at_second_revision(tmp_path / "project")
    edit(root / "docs/ja/articles/03.md", "次の各号", "以下の各号")
    edit(root / "docs/en/articles/03.md", "the following cases", "the cases below")
    for lang, line in (("ja", "2027年1月1日　改定・施行"), ("en", "January 1, 2027: Revised and effective")):
        path = root / "docs" / lang / "appendix.md"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
    return root


def release(project: Path, *args: str, stop: str | None = None) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT)}
    if stop:
        env["POLICY_RELEASE_STOP"] = stop
    return run_module("scripts.release", *args, "--no-pdf", cwd=project, env=env)


def verify(project: Path) -> tuple[int, str]:
    result = run_module("scripts.verify", cwd=project)
    assert "Traceback" not in result.stderr
    # Until the next release undoes it, a revision moved out is read (and named) where it waits.
    return result.returncode, re.sub(r"\.release-\w+/old/", "revisions/2027-01-01/", result.stdout)


def state(project: Path) -> list:
    """The archive as every reader sees it: each listed file's path and content (None: missing)."""
    assert archive.check(project) == []
    return [(r.name, rel, (r.folder / rel).read_bytes() if (r.folder / rel).is_file() else None)
            for r in archive.read_archive(project) for rel in sorted(r.files)]


def on_disk(project: Path) -> dict:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "revisions").rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".release-*")) + sorted(p.name for p in (project / "revisions").glob(".*"))


def outcomes(project: Path, tmp_path: Path, *args: str) -> tuple[tuple, tuple]:
    """The archive and the verifier's answer before the release, and after it succeeds (on a copy)."""
    done = shutil.copytree(project, tmp_path / "done")
    result = release(done, *args)
    assert result.returncode == 0, result.stderr
    return (state(project), verify(project)), (state(done), verify(done))


@pytest.mark.parametrize("step", STEPS)
def test_a_release_killed_at_any_step_leaves_the_old_archive_or_the_new(project, tmp_path, step):
    old, new = outcomes(project, tmp_path, "2027-01-01")
    killed = release(project, "2027-01-01", stop=step)
    assert killed.returncode == -signal.SIGKILL
    # Every reader sees the old archive or the new one, never a mix: the build's check passes.
    now = (state(project), verify(project))
    assert now == (new if step == "committed" else old)
    # The next release clears what the killed one left and releases (or, finished, says so).
    again = release(project, "2027-01-01")
    assert "Traceback" not in again.stderr
    if step == "committed":
        assert again.returncode == 2 and "already released" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
    assert "interrupted release" in again.stderr or step == "copying" and "removed .release-" in again.stderr
    assert leftovers(project) == []
    assert (state(project), verify(project)) == new
    assert on_disk(project) == on_disk(tmp_path / "done")


def test_the_build_passes_with_a_revision_moved_in_but_not_yet_listed(project, tmp_path):
    from tests.conftest import build_site
    assert release(project, "2027-01-01", stop="placed").returncode == -signal.SIGKILL
    assert (project / "revisions/2027-01-01/ja/appendix.md").is_file()   # in place, not listed
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/history/2027-01-01").exists()


def test_recover_clears_a_killed_release_without_releasing(project):
    before = on_disk(project)
    assert release(project, "2027-01-01", stop="placed").returncode == -signal.SIGKILL
    result = run_module("scripts.release", "--recover", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "undid the interrupted release of 2027-01-01" in result.stdout
    assert leftovers(project) == [] and on_disk(project) == before
    again = run_module("scripts.release", "--recover", cwd=project)
    assert again.returncode == 0 and "nothing to recover" in again.stdout


@pytest.fixture
def released_once(project) -> Path:
    """2027-01-01 released on a branch (unpublished: main's archive does not list it), then corrected."""
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "policy")
    git(project, "switch", "--quiet", "--create", "revision")
    first = release(project, "2027-01-01")
    assert first.returncode == 0, first.stderr
    edit(project / "docs/ja/articles/03.md", "以下の各号", "次に掲げる各号")
    edit(project / "docs/en/articles/03.md", "the cases below", "the cases listed below")
    return project


@pytest.mark.parametrize("step", ["journal", "retired", "placed", "committed"])
def test_a_release_again_killed_at_any_step_leaves_the_first_release_or_the_correction(released_once, tmp_path,
                                                                                        step):
    project = released_once
    old, new = outcomes(project, tmp_path, "2027-01-01")
    assert old[0] != new[0]
    killed = release(project, "2027-01-01", stop=step)
    assert killed.returncode == -signal.SIGKILL
    assert (state(project), verify(project)) == (new if step == "committed" else old)
    again = release(project, "2027-01-01")
    assert again.returncode == 0, again.stderr
    assert leftovers(project) == []
    assert (state(project), verify(project)) == new


def test_an_undo_killed_halfway_is_undone_by_the_next_release(released_once, tmp_path):
    project = released_once
    old, new = outcomes(project, tmp_path, "2027-01-01")
    assert release(project, "2027-01-01", stop="placed").returncode == -signal.SIGKILL
    # What the undo does first (the new revision back into staging), then stopped there.
    [staging] = project.glob(".release-*")
    (project / "revisions/2027-01-01").rename(staging / "new")
    assert (state(project), verify(project)) == old
    again = release(project, "2027-01-01")
    assert again.returncode == 0, again.stderr
    assert leftovers(project) == [] and (state(project), verify(project)) == new


def test_two_releases_at_once_one_releases_and_the_other_refuses(project, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scripts.release", "2027-01-01", "--no-pdf"]
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = sorted((run.wait(timeout=300), *run.communicate()) for run in runs)
    assert [status for status, _, _ in results] == [0, 2], results
    refused = results[1][2]
    assert "another release is running" in refused and "Traceback" not in refused
    assert leftovers(project) == []
    assert archive.check(project) == []
    assert "2027-01-01" in [r.name for r in archive.read_archive(project)]
    assert verify(project)[0] == 0


def test_a_committed_staging_folder_cannot_hide_a_change_to_a_published_revision(project):
    # A pull request adds a fake journal for the published 2025-07-01 and edits that revision.
    fake = project / ".release-fake"
    (fake / "old").mkdir(parents=True)
    shutil.copytree(project / "revisions/2025-07-01", fake / "old", dirs_exist_ok=True)
    (fake / "SHA256SUMS").write_text("", encoding="utf-8")
    (fake / "journal").write_text('{"date": "2025-07-01", "archive": "revisions"}\n', encoding="utf-8")
    edit(project / "revisions/2025-07-01/ja/articles/03.md", "次の各号", "以下の各号")
    assert [(f.path, f.code) for f in archive.check(project)] == [("revisions/2025-07-01/ja/articles/03.md", "HIST001")]
    # An earlier date's journal hides nothing either, and the release removes the folder without moving anything.
    (fake / "journal").write_text('{"date": "2024-04-01", "archive": "revisions"}\n', encoding="utf-8")
    assert [f.code for f in archive.check(project)] == ["HIST001"]


def test_what_an_earlier_release_left_in_the_archive_is_cleared(project):
    before = on_disk(project)
    (project / "revisions/.2027-01-01.partial/ja").mkdir(parents=True)
    (project / "revisions/.2027-01-01.partial/ja/preamble.md").write_text("x", encoding="utf-8")
    (project / "revisions/SHA256SUMS.partial").write_text("x", encoding="utf-8")
    result = run_module("scripts.release", "--recover", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "removed revisions/SHA256SUMS.partial" in result.stdout
    assert on_disk(project) == before


def test_a_killed_release_of_one_document_is_undone_in_that_documents_archive(tmp_path):
    project = documents_project(tmp_path / "project")
    revise_the_terms(project)
    before = on_disk(project)
    killed = release(project, "2027-01-01", "--document", "terms", stop="placed")
    assert killed.returncode == -signal.SIGKILL
    assert (project / "revisions/terms/2027-01-01/ja/appendix.md").is_file()   # in place, not listed
    assert [r.name for r in archive.read_archive(project, "revisions/terms")] == ["2025-01-01"]
    assert archive.check(project, "revisions/terms") == [] and archive.check(project, "revisions/privacy") == []
    assert verify(project)[0] == 1   # the terms' 2027-01-01 line is still unreleased (REV007)
    result = run_module("scripts.release", "--recover", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "undid the interrupted release of 2027-01-01" in result.stdout
    assert leftovers(project) == [] and on_disk(project) == before
    again = release(project, "2027-01-01", "--document", "terms")
    assert again.returncode == 0, again.stderr
    assert "2027-01-01" in [r.name for r in archive.read_archive(project, "revisions/terms")]


def test_a_journal_naming_no_archive_of_the_site_moves_nothing(project, tmp_path):
    outside = tmp_path / "outside"
    (outside / "2027-01-01").mkdir(parents=True)
    fake = project / ".release-fake"
    (fake / "new").mkdir(parents=True)
    (fake / "journal").write_text('{"date": "2027-01-01", "archive": "../outside"}\n', encoding="utf-8")
    (fake / "SHA256SUMS").write_text("", encoding="utf-8")
    before = on_disk(project)
    result = run_module("scripts.release", "--recover", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "removed .release-fake" in result.stdout
    assert (outside / "2027-01-01").is_dir() and not list(fake.parent.glob(".release-*"))
    assert on_disk(project) == before
