"""python -m scripts.diff: formats, exit codes, revisions, current and git:REF."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ORG, ROOT, run_module

HISTORY = FIXTURES / "history"


def diff(*args, cwd=ROOT):
    return run_module("scripts.diff", *args, cwd=cwd)


@pytest.fixture(scope="module")
def history_root(tmp_path_factory) -> Path:
    """A project whose archive is the three-revision fixture and whose docs/ is the newest one."""
    root = tmp_path_factory.mktemp("history")
    shutil.copytree(HISTORY / "revisions", root / "revisions")
    for lang in ("ja", "en"):
        shutil.copytree(HISTORY / "revisions" / "2027-01-01" / lang, root / "docs" / lang)
    return root


def test_an_amount_changes_as_a_whole_token(history_root):
    result = diff("2024-04-01", "2025-07-01", cwd=history_root)
    assert "[-1,100円-]{+1,000円+}（税込）" in result.stdout
    assert "1,[-1-]" not in result.stdout and "1,1,000" not in result.stdout
    english = diff("2024-04-01", "2025-07-01", "--lang", "en", cwd=history_root)
    assert "a fee of [-1,100-]{+1,000+} yen" in english.stdout


def test_between_revisions_text(history_root):
    result = diff("2024-04-01", "2025-07-01", cwd=history_root)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "第２条（個人情報の利用目的）: changed" in out
    assert "art-2-p1-i2 （２） (inserted)" in out and "+ （２）お客様の好みに合わせたキットの選定" in out
    # The old number as written, never an internal id; the number changes as a whole.
    assert "art-2-p1-i3 （３） (renumbered, was （２）)" in out and "（２） → （３）" in out
    assert "was art-2" not in out
    assert "[-、書面により-]" in out
    assert "+ 2025年7月1日　改定・施行" in out
    assert "第１条" not in out and "English" not in out


def test_no_difference_exits_0(history_root):
    result = diff("2027-01-01", "current", "--lang", "both", cwd=history_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("No change to the policy.") == 2


def test_whitespace_only_changes_are_reported_only_when_asked(history_root):
    plain = diff("2025-07-01", "2027-01-01", "--format", "json", cwd=history_root)
    asked = diff("2025-07-01", "2027-01-01", "--format", "json", "--whitespace", cwd=history_root)
    titles = lambda r: [d["title"] for d in json.loads(r.stdout)["languages"]["ja"]["documents"]]
    assert "第１条（この方針で使う言葉）" not in titles(plain)
    assert "第１条（この方針で使う言葉）" in titles(asked)


def test_json(history_root):
    result = diff("2024-04-01", "2025-07-01", "--lang", "both", "--format", "json", cwd=history_root)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert (data["old"], data["new"], data["changed"]) == ("2024-04-01", "2025-07-01", True)
    assert set(data["languages"]) == {"ja", "en"}
    article5 = next(d for d in data["languages"]["en"]["documents"] if d["article"] == 5)
    fee, clause = article5["clauses"]
    assert clause["id"] == "art-5-p4" and clause["status"] == "changed"
    assert ["delete", "in writing "] in clause["segments"] or ["delete", " in writing"] in clause["segments"], \
        clause["segments"]
    assert clause["before"].startswith("4. The Company") and clause["after"].startswith("4. The Company")
    # The fee changes as a whole amount, never as digits spliced into another number.
    assert fee["id"] == "art-5-p3" and [s for s in fee["segments"] if s[0] != "equal"] == [
        ["delete", "1,100"], ["insert", "1,000"]]


def test_markdown_for_a_pull_request_comment(history_root):
    result = diff("2025-07-01", "2027-01-01", "--format", "markdown", cwd=history_root)
    assert result.returncode == 1
    out = result.stdout
    assert "**第３条（第三者への提供）**: changed" in out
    assert "- `art-3-p1` changed" in out
    assert "<del>次</del><ins>以下</ins>" in out
    assert "> **Before:**" in out and "> **After:**" in out
    assert "Legend:" in out
    same = diff("2027-01-01", "current", "--format", "markdown", cwd=history_root)
    assert same.returncode == 0 and "No change to the policy." in same.stdout


def test_html_marks_changes_with_ins_del_and_a_legend(history_root):
    result = diff("2025-07-01", "2027-01-01", "--format", "html", "--lang", "en", cwd=history_root)
    assert result.returncode == 1
    page = BeautifulSoup(result.stdout, "html.parser")
    clause = page.select_one('.history-clause[data-clause="art-3-p1"]')
    assert clause.find("del").get_text() == "following "
    assert clause.find("ins").get_text().strip() == "below"
    assert "Changed" in clause.get_text()  # the status in words, not colour alone
    assert "Legend:" in page.select_one(".history-legend").get_text()


def test_unknown_revision_lists_the_known_ones(history_root):
    result = diff("2023-01-01", "current", cwd=history_root)
    assert result.returncode == 2
    assert "no revision 2023-01-01" in result.stderr
    assert "2024-04-01, 2025-07-01, 2027-01-01" in result.stderr
    assert "Traceback" not in result.stderr
    bad = diff("yesterday", "current", cwd=history_root)
    assert bad.returncode == 2 and "known revisions: 2024-04-01" in bad.stderr


def test_a_tampered_revision_is_refused(tmp_path):
    shutil.copytree(HISTORY / "revisions", tmp_path / "revisions")
    archived = tmp_path / "revisions/2024-04-01/ja/articles/03.md"
    archived.write_text(archived.read_text(encoding="utf-8") + "\n追記\n", encoding="utf-8")
    result = diff("2024-04-01", "2025-07-01", cwd=tmp_path)
    assert result.returncode == 2
    assert "revisions/2024-04-01/ja/articles/03.md: archived file no longer matches its sha256" in result.stderr


def test_bad_option_exits_2():
    result = diff("current", "current", "--format", "pdf")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_help_names_every_option_and_the_exit_codes():
    result = diff("--help")
    assert result.returncode == 0
    for word in ("OLD", "NEW", "--lang", "--format", "--whitespace", "git:REF", "current", "exit status"):
        assert word in result.stdout


def test_broken_current_docs_is_an_error_not_a_traceback(tmp_path):
    shutil.copytree(ORG / "docs", tmp_path / "docs")
    (tmp_path / "docs/ja/articles/03.md").write_text("---\ntitle: [unclosed\n---\n# 第３条\n", encoding="utf-8")
    result = diff("current", "current", cwd=tmp_path)
    assert result.returncode == 2
    assert "docs/ja/articles/03.md" in result.stderr and "YAML" in result.stderr
    assert "Traceback" not in result.stderr


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com", *args],
                            cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def test_git_ref_on_a_temporary_repository(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ORG / "docs", repo / "docs")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "docs")
    git(repo, "commit", "-q", "-m", "policy")
    git(repo, "tag", "v1")
    article = repo / "docs/ja/articles/03.md"
    article.write_text(article.read_text(encoding="utf-8").replace("次の各号", "以下の各号"), encoding="utf-8")

    result = diff("git:main", "current", "--format", "markdown", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "`art-3-p1` changed" in result.stdout and "<del>次</del><ins>以下</ins>" in result.stdout

    git(repo, "commit", "-q", "-am", "edit")
    assert diff("git:HEAD", "current", cwd=repo).returncode == 0
    between = diff("git:v1", "git:HEAD", "--format", "json", cwd=repo)
    assert between.returncode == 1
    assert json.loads(between.stdout)["languages"]["ja"]["documents"][0]["clauses"][0]["id"] == "art-3-p1"
    assert git(repo, "status", "--porcelain") == ""  # nothing checked out or changed

    bad = diff("git:no-such-branch", "current", cwd=repo)
    assert bad.returncode == 2
    assert "git:no-such-branch is not a commit, branch or tag" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_git_ref_without_docs_says_so(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "start")
    shutil.copytree(ORG / "docs", repo / "docs")
    result = diff("git:main", "current", cwd=repo)
    assert result.returncode == 2
    assert "git:main has no docs/ja/ folder" in result.stderr


def test_an_added_article_is_named(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ORG / "docs", repo / "docs", ignore=shutil.ignore_patterns("history"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "docs")
    git(repo, "commit", "-q", "-m", "policy")
    (repo / "docs/ja/articles/08.md").write_text("# 第８条（準拠法）\n\n本方針は日本法に準拠します。\n", encoding="utf-8")
    (repo / "docs/en/articles/08.md").write_text("# Article 8 (Governing Law)\n\nThis policy is governed by "
                                                 "the laws of Japan.\n", encoding="utf-8")
    result = diff("git:main", "current", "--lang", "both", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)["languages"]
    assert data["ja"]["articles_added"] == ["第８条（準拠法）"]
    assert data["en"]["articles_added"] == ["Article 8 (Governing Law)"]
    text = diff("git:main", "current", cwd=repo).stdout
    assert "第８条（準拠法）: added" in text and "+ 本方針は日本法に準拠します。" in text
    removed = diff("current", "git:main", cwd=repo).stdout
    assert "第８条（準拠法）: removed" in removed


def test_a_missing_docs_folder_is_an_error(tmp_path):
    (tmp_path / "docs").mkdir()
    result = diff("current", "current", cwd=tmp_path)
    assert result.returncode == 2
    assert "docs/ja" in result.stderr and "no such folder" in result.stderr


def test_lang_is_any_language_of_the_site(history_root, tmp_path):
    result = diff("2024-04-01", "2025-07-01", "--lang", "ko", cwd=history_root)
    assert result.returncode == 2
    assert "invalid choice: 'ko' (choose from ja, en, both)" in result.stderr
    root = tmp_path / "three"
    shutil.copytree(history_root, root)
    shutil.copytree(root / "docs/en", root / "docs/ko")
    (root / "mkdocs.yml").write_text("plugins:\n  - i18n:\n      languages:\n        - locale: ja\n          default: true\n"
                                     "        - locale: en\n        - locale: ko\n", encoding="utf-8")
    same = diff("current", "current", "--lang", "ko", cwd=root)
    assert same.returncode == 0, same.stderr
    # An archived revision has no text in a language added after it: said, not a traceback.
    older = diff("2024-04-01", "current", "--lang", "ko", cwd=root)
    assert older.returncode == 2
    assert "revision 2024-04-01 has no ko text (revisions/2024-04-01/ko/): it was published before ko was added" \
        in older.stderr
