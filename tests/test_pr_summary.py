"""python -m scripts.pr_summary on a temporary git repository holding the fixture organisation's policy."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.post_comment import MARKER
from tests.conftest import ORG, run_module

GIT_ENV = {"GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

JA_OLD = "30日以内に、書面により回答します"
JA_NEW = "14日以内に、書面により回答します"
EN_OLD = "answers in writing within 30 days"
EN_NEW = "answers in writing within 14 days"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """The fixture organisation's policy committed as the base of a pull request."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ORG / "docs", repo / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "base")
    return repo


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def summary(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_module("scripts.pr_summary", "--base", "git:main", *args, cwd=repo)


def test_a_japanese_change_without_its_english_twin_is_stale(repo):
    edit(repo, "docs/ja/articles/05.md", JA_OLD, JA_NEW)
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == MARKER
    assert "第５条（開示等の請求）" in out
    assert "- `art-5-p4` 変更 / changed — **未更新 / stale translation**" in out
    assert "**未更新 / stale translation**: 1 — `art-5-p4`" in out
    # before, after and the character-level change
    assert "**変更前 / Before:** ４．当社は" in out and JA_OLD in out
    assert "**変更後 / After:** ４．当社は" in out and JA_NEW in out
    assert "<del>30日</del><ins>14日</ins>以内に" in out  # the duration as a whole, with its unit
    assert "英語の変更はありません。 / No change to the English text." in out


def test_a_japanese_change_with_its_english_twin_is_not_stale(repo):
    edit(repo, "docs/ja/articles/05.md", JA_OLD, JA_NEW)
    edit(repo, "docs/en/articles/05.md", EN_OLD, EN_NEW)
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "未更新" not in out and "stale" not in out
    assert "- `art-5-p4` 変更 / changed — 英訳も更新 / English updated" in out
    assert "Article 5 (Requests for Disclosure and Other Measures)" in out
    assert "within <del>30</del><ins>14</ins> days" in out


def test_only_the_clause_whose_twin_is_missing_is_stale(repo):
    edit(repo, "docs/ja/articles/05.md", JA_OLD, JA_NEW)
    edit(repo, "docs/en/articles/05.md", EN_OLD, EN_NEW)
    edit(repo, "docs/ja/articles/03.md", "\n\n２．前項",
         "\n\n（４）お客様が自ら公開している情報を提供する場合\n\n２．前項")
    out = summary(repo).stdout
    assert "**未更新 / stale translation**: 1 — `art-3-p1-i4`" in out
    assert "- `art-3-p1-i4` 追加 / inserted — **未更新 / stale translation**" in out
    assert "**追加 / Inserted:** （４）お客様が自ら公開している情報を提供する場合" in out


def test_an_english_file_marked_current_without_a_change_is_not_stale(repo):
    # A Japanese change that needs no new English (a kana spelling), confirmed by the translator.
    edit(repo, "docs/ja/articles/05.md", JA_OLD, "30日以内に、書面によって回答します")
    marked = run_module("scripts.translation", "mark", "--all", cwd=repo)
    assert marked.returncode == 0, marked.stderr
    out = summary(repo).stdout
    assert "- `art-5-p4` 変更 / changed — 英訳は変更不要として確認済み / English marked current without change" in out
    assert "未更新" not in out


def test_an_english_only_correction_is_marked_as_such(repo):
    edit(repo, "docs/en/articles/05.md", EN_OLD, EN_NEW)
    out = summary(repo).stdout
    assert "日本語の変更はありません。 / No change to the Japanese text." in out
    assert "- `art-5-p4` 変更 / changed — 英訳のみの修正 / English only" in out
    assert "未更新" not in out


def test_an_added_article_is_named(repo):
    (repo / "docs/ja/articles/08.md").write_text(
        "# 第８条（本ポリシーの変更）\n\n当社は、必要に応じて本ポリシーを変更することがあります。\n", encoding="utf-8")
    (repo / "docs/en/articles/08.md").write_text(
        "# Article 8 (Changes to This Policy)\n\nThe Company may change this Policy as necessary.\n", encoding="utf-8")
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "### 追加・削除された条 / Articles added or removed" in out
    assert "- 追加 / Added: **第８条（本ポリシーの変更）** (`docs/ja/articles/08.md`)" in out
    assert "- 追加 / Added: **Article 8 (Changes to This Policy)** (`docs/en/articles/08.md`)" in out
    assert "未更新" not in out


def test_a_removed_article_is_named_and_a_missing_english_removal_is_stale(repo):
    title = (repo / "docs/ja/articles/07.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    (repo / "docs/ja/articles/07.md").unlink()
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"- 削除 / Removed: **{title}** (`docs/ja/articles/07.md`)" in out
    assert "`art-7` 削除 / deleted — **未更新 / stale translation**" in out


def test_no_change_gives_exit_0_and_says_so(repo):
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == MARKER
    assert "No change to the policy." in result.stdout
    assert "<del>" not in result.stdout


def test_whitespace_alone_is_no_change_to_the_policy(repo):
    edit(repo, "docs/ja/articles/05.md", "当社は、請求書", "当社は、\u3000請求書")
    result = summary(repo)
    assert result.returncode == 0 and "No change to the policy." in result.stdout


def test_as_in_the_workflow_the_pull_requests_commit_is_compared_from_where_it_left_main(repo):
    # The workflow reads both versions from git: the work tree (the default branch) is never used.
    git(repo, "switch", "--quiet", "--create", "edit-article-5")
    edit(repo, "docs/ja/articles/05.md", JA_OLD, JA_NEW)
    git(repo, "commit", "--quiet", "--all", "--message", "第５条を改定")
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "--quiet", "main")
    edit(repo, "docs/en/articles/05.md", EN_OLD, EN_NEW)   # main moved on since: not the pull request's
    git(repo, "commit", "--quiet", "--all", "--message", "main moves on")
    base = git(repo, "merge-base", "HEAD", head)
    out_file = repo / "pr-summary" / "summary.md"
    result = run_module("scripts.pr_summary", "--base", f"git:{base}", "--head", f"git:{head}",
                        "--output", str(out_file), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = out_file.read_text(encoding="utf-8")
    assert f"`git:{base[:12]}` → `git:{head[:12]}`" in text
    assert "`art-5-p4` 変更 / changed — **未更新 / stale translation**" in text
    assert "英語の変更はありません。 / No change to the English text." in text
    assert [p.name for p in out_file.parent.iterdir()] == ["summary.md"]


def test_a_bad_ref_is_an_error_and_writes_nothing(repo):
    out_file = repo / "summary.md"
    result = run_module("scripts.pr_summary", "--base", "git:no-such-branch", "--output", str(out_file), cwd=repo)
    assert result.returncode == 2
    assert "git:no-such-branch is not a commit, branch or tag" in result.stderr
    assert "Traceback" not in result.stderr and not out_file.exists()


def test_unreadable_front_matter_is_an_error_naming_the_file(repo):
    path = repo / "docs/ja/articles/05.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = summary(repo)
    assert result.returncode == 2
    assert "docs/ja/articles/05.md" in result.stderr and "Traceback" not in result.stderr


def test_help_describes_every_option():
    result = run_module("scripts.pr_summary", "--help")
    assert result.returncode == 0
    for option in ("--base", "--head", "--output", "--root", "git:REF", "Exit status"):
        assert option in result.stdout


def test_a_bad_option_exits_2():
    result = run_module("scripts.pr_summary", "--no-such-option")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_file_the_clauses_do_not_cover_is_listed_never_summarised_as_no_change(repo):
    # Published with the site, but not an article: a page, a script, a file that no longer reads as one.
    git(repo, "switch", "--quiet", "--create", "pull-request")
    (repo / "docs/ja/notice.md").write_text("# お知らせ\n\n本ポリシーは廃止されました。\n", encoding="utf-8")
    (repo / "docs/ja/extra.js").write_text("alert(1)\n", encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "pull request")
    (repo / "docs/en/late.md").write_text("# Late\n", encoding="utf-8")   # not yet added to git
    result = summary(repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "No change to the policy." not in out
    assert "条文の変更はありません。 / No change to the policy's text." in out
    assert "### その他のファイル / Other files under docs/" in out
    for path in ("docs/ja/notice.md", "docs/ja/extra.js", "docs/en/late.md"):
        assert f"- 追加 / added: `{path}`" in out, path
    git_only = run_module("scripts.pr_summary", "--base", "git:main", "--head", "git:pull-request", cwd=repo).stdout
    assert "`docs/ja/extra.js`" in git_only and "late.md" not in git_only


def test_files_listed_beside_clause_changes_are_counted_at_the_top(repo):
    edit(repo, "docs/ja/articles/05.md", JA_OLD, JA_NEW)
    (repo / "docs/ja/logo.svg").write_text("<svg/>", encoding="utf-8")
    out = summary(repo).stdout
    assert "- その他のファイル / Other files under docs/: 1" in out
    assert "- 追加 / added: `docs/ja/logo.svg`" in out and "`art-5-p4` 変更 / changed" in out
    assert "articles/05.md`" not in out.split("### その他のファイル")[1].split("###")[0]
