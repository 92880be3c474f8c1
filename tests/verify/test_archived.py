"""verify against the archive: a change needs a revision line, a line needs a release, an
unpublished revision that no longer matches is released again; on scratch git repositories."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import documents_project, revise_the_terms, run_module
from tests.verify.helpers import policy_copy, verify

GIT_ENV = {"GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
LINES = {"ja": "2027年1月1日　改定・施行", "en": "January 1, 2027: Revised and effective"}
NOTICES = {"ja": "開示請求の手数料を改めます。", "en": "The fee for a disclosure request changes."}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """The fixture organisation committed on main, and a branch to revise it on."""
    repo = policy_copy(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "policy")
    git(repo, "switch", "--quiet", "--create", "revision")
    return repo


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_fee(repo: Path, ja: str = "1,650円", en: str = "1,650 yen") -> None:
    edit(repo, "docs/ja/articles/05.md", "1,100円", ja)
    edit(repo, "docs/en/articles/05.md", "1,100 yen", en)


def add_lines(repo: Path) -> None:
    """The revision's 附則 lines and, as CONTRIBUTING asks with them, its change notice (改定の概要)."""
    for lang, line in LINES.items():
        path = repo / "docs" / lang / "appendix.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    for lang, summary in NOTICES.items():
        path = repo / "docs" / lang / "changes" / "2027-01-01.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nchange: material\nannounced: 2026-11-20\n---\n\n{summary}\n", encoding="utf-8")


def findings(repo: Path, **env) -> list[tuple[str, str, int]]:
    result = verify(repo, "--format", "json", env=env)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["path"], f["line"], f["message"]) for f in json.loads(result.stdout or "[]")]


def codes(repo: Path, prefix: str = "REV", **env) -> list[tuple[str, str, int]]:
    return [(c, p, l) for c, p, l, _ in findings(repo, **env) if c.startswith(prefix)]


def release(repo: Path, date: str = "2027-01-01"):
    run_module("scripts.translation", "mark", "--all", cwd=repo)
    return run_module("scripts.release", date, cwd=repo, env={"POLICY_TODAY": "2026-11-25"})


def test_a_change_without_a_revision_line_is_reported_in_each_language(repo):
    change_fee(repo)
    found = findings(repo)
    assert [(c, p, l) for c, p, l, _ in found if c == "REV006"] == [("REV006", "docs/en/articles/05.md", 24),
                                                                    ("REV006", "docs/ja/articles/05.md", 21)]
    message = next(m for c, p, l, m in found if c == "REV006" and p.startswith("docs/ja"))
    assert "「３．第１項の開示の請求については、１回の請求につき1,650円" in message
    assert "revisions/2024-04-01/ja/articles/05.md" in message
    assert "add its line to both appendices" in message and "/release YYYY-MM-DD" in message


def test_whitespace_and_front_matter_alone_are_no_change(repo):
    edit(repo, "docs/ja/articles/05.md", "当社は、請求書", "当社は、\u3000請求書")
    edit(repo, "docs/ja/articles/01.md", "個人情報の保護に関する法律に", "個人情報の保護に関する\n法律に")
    edit(repo, "docs/en/articles/03.md", "translation_of: ", "translation_of: ")
    assert codes(repo) == []


def test_a_new_revision_line_without_a_release_is_reported_with_the_command(repo):
    change_fee(repo)
    add_lines(repo)
    found = findings(repo)
    assert [(c, p, l) for c, p, l, _ in found if c.startswith("REV")] == [
        ("REV007", "docs/en/appendix.md", 8), ("REV007", "docs/ja/appendix.md", 5)]
    message = next(m for c, p, l, m in found if c == "REV007")
    assert "/release 2027-01-01" in message and "make release DATE=2027-01-01" in message


def test_after_the_release_the_policy_is_consistent(repo):
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    assert codes(repo, "") == []


def test_a_correction_after_an_unpublished_release_is_reported_and_released_again(repo):
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "release 2027-01-01")
    change_fee_again = ("1,650円", "1,320円"), ("1,650 yen", "1,320 yen")
    edit(repo, "docs/ja/articles/05.md", *change_fee_again[0])
    edit(repo, "docs/en/articles/05.md", *change_fee_again[1])
    found = findings(repo)
    assert [(c, p) for c, p, _, _ in found if c.startswith("REV")] == [("REV008", "docs/en/articles/05.md"),
                                                                      ("REV008", "docs/ja/articles/05.md")]
    assert all("not yet published" in m and "/release 2027-01-01" in m for c, _, _, m in found if c == "REV008")
    again = release(repo)
    assert again.returncode == 0, again.stderr
    assert codes(repo, "") == []
    archived = (repo / "revisions/2027-01-01/ja/articles/05.md").read_text(encoding="utf-8")
    assert "1,320円" in archived
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=repo / "revisions",
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_once_published_on_the_default_branch_a_revision_is_immutable(repo):
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "release 2027-01-01")
    git(repo, "switch", "--quiet", "main")
    git(repo, "merge", "--quiet", "--ff-only", "revision")
    git(repo, "switch", "--quiet", "--create", "later")
    edit(repo, "docs/ja/articles/05.md", "1,650円", "1,320円")
    assert [c for c, *_ in codes(repo)] == ["REV006"]
    refused = release(repo)
    assert refused.returncode == 2 and "published revisions are never replaced" in refused.stderr


def test_an_explicit_published_ref_decides(repo):
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "release 2027-01-01")
    git(repo, "tag", "live")
    edit(repo, "docs/ja/articles/05.md", "1,650円", "1,320円")
    assert [c for c, *_ in codes(repo)] == ["REV008"]                              # main lacks it
    assert [c for c, *_ in codes(repo, POLICY_PUBLISHED_REF="live")] == ["REV006"]  # the tag has it


def test_without_git_every_archived_revision_counts_as_published(tmp_path):
    repo = policy_copy(tmp_path / "repo")
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    edit(repo, "docs/ja/articles/05.md", "1,650円", "1,320円")
    assert [c for c, *_ in codes(repo)] == ["REV006"]
    refused = release(repo)
    assert refused.returncode == 2 and "no git default branch found" in refused.stderr


def test_a_revision_line_removed_after_a_release_is_reported(repo):
    change_fee(repo)
    add_lines(repo)
    assert release(repo).returncode == 0
    for lang, line in LINES.items():
        edit(repo, f"docs/{lang}/appendix.md", f"\n{line}\n", "")
    assert {c for c, *_ in codes(repo)} >= {"REV007"}
    assert any("newer than the newest revision line" in m for c, _, _, m in findings(repo) if c == "REV007")


def test_a_new_project_is_told_to_release_its_first_revision(tmp_path):
    repo = tmp_path / "repo"
    policy_copy(repo)
    import shutil
    shutil.rmtree(repo / "revisions")
    assert codes(repo) == [("REV007", "docs/en/appendix.md", 6), ("REV007", "docs/ja/appendix.md", 3)]
    assert release(repo, "2024-04-01").returncode == 0
    assert codes(repo, "") == []


def test_on_a_site_of_several_documents_the_command_names_the_document(tmp_path):
    project = documents_project(tmp_path / "project")
    revise_the_terms(project)
    found = findings(project)
    assert [(c, p) for c, p, _, _ in found] == [("REV007", "docs/en/terms/appendix.md"),
                                                ("REV007", "docs/ja/terms/appendix.md")]
    for _, _, _, message in found:
        assert "revisions/terms/2027-01-01/ does not exist" in message
        assert "`/release 2027-01-01 terms`" in message and "`make release DATE=2027-01-01 DOC=terms`" in message
    released = run_module("scripts.release", "2027-01-01", "--document", "terms", "--no-pdf", cwd=project)
    assert released.returncode == 0, released.stderr
    assert findings(project) == []
