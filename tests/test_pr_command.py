"""The pull-request command workflow's steps (scripts.pr_command) on recorded event payloads,
and its commit step on a scratch git repository with a remote, as the workflow runs them."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.pr_command import Refused, branch_of, from_event, parse_body
from tests.conftest import FIXTURES, ORG, ROOT, documents_project, revise_the_terms, run_module

GITHUB = FIXTURES / "github"
GIT_ENV = {"GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.com",
           "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def event(name: str) -> dict:
    return json.loads((GITHUB / name).read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_release_comment_is_read_with_its_pull_request_and_author():
    command = from_event(event("event-comment-release.json"))
    assert (command.name, command.args, command.pr, command.user) == ("release", ("2027-01-01",), 12, "legal-editor")


def test_a_mark_comment_names_english_files():
    assert from_event(event("event-comment-mark.json")).args == ("docs/en/articles/05.md", "docs/en/appendix.md")
    assert from_event(event("event-comment-mark-all.json")).args == ("--all",)


@pytest.mark.parametrize("name, message", [
    ("event-comment-by-reader.json", "only people with write access"),
    ("event-comment-on-issue.json", "pull requests only"),
    ("event-comment-edited.json", "only a new comment"),
    ("event-comment-bad-date.json", "2027-02-30 is not a real date"),
    ("event-comment-mark-outside.json", "is not an English policy file"),
    ("event-comment-by-bot.json", "bots"),
])
def test_comments_that_are_no_command_to_answer_are_refused(name, message):
    with pytest.raises(Refused, match=message):
        from_event(event(name))


def test_a_release_comment_may_name_the_document():
    assert parse_body("/release 2027-01-01 terms") == ("release", ("2027-01-01", "terms"))


@pytest.mark.parametrize("body", ["/release", "/release 2027/01/01", "/release 2027-01-01 2027-02-01",
                                  "/release 2027-01-01 terms rules", "/release 2027-01-01 --document",
                                  "/release 2027-01-01 ../terms",
                                  "/mark", "/mark docs/ja/articles/06.md", "/mark docs/en/../../x.md",
                                  "/releases 2027-01-01", "please /release 2027-01-01", "/mark docs/en/a.md; rm -rf /"])
def test_malformed_commands_are_refused(body):
    with pytest.raises(Refused):
        parse_body(body)


def test_only_the_first_line_is_the_command():
    assert parse_body("/release 2027-01-01\n/mark --all") == ("release", ("2027-01-01",))


def test_a_branch_in_this_repository_is_used_and_a_forks_is_refused():
    assert branch_of(event("pull-same-repository.json"), "azpocket/privacy-policy") == "article-6-fee"
    with pytest.raises(Refused, match="a fork gets no commit"):
        branch_of(event("pull-from-fork.json"), "azpocket/privacy-policy")


def test_parse_and_branch_print_workflow_outputs(tmp_path):
    reply = tmp_path / "reply.md"
    parsed = run_module("scripts.pr_command", "parse", str(GITHUB / "event-comment-release.json"), "--reply", str(reply))
    assert parsed.returncode == 0 and parsed.stdout.splitlines() == ["command=release", "pr=12"]
    branch = run_module("scripts.pr_command", "branch", str(GITHUB / "pull-same-repository.json"),
                        "--repository", "azpocket/privacy-policy")
    assert branch.returncode == 0 and branch.stdout.strip() == "branch=article-6-fee"
    fork = run_module("scripts.pr_command", "branch", str(GITHUB / "pull-from-fork.json"),
                      "--repository", "azpocket/privacy-policy", "--reply", str(reply))
    assert fork.returncode == 2 and "Traceback" not in fork.stderr
    assert "a fork gets no commit" in reply.read_text(encoding="utf-8")


def on_a_branch(work: Path, message: str, branch: str) -> Path:
    """``work`` committed on main and pushed to a bare remote beside it, then on a new ``branch``:
    a pull request's checkout. Returns the remote."""
    origin = work.parent / "origin.git"
    git(work.parent, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", message)
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "--quiet", "origin", "main")
    git(work, "switch", "--quiet", "--create", branch)
    return origin


@pytest.fixture
def pull_request(tmp_path) -> tuple[Path, Path]:
    """A remote holding the fixture organisation on main and a pull request's branch, and its checkout."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("docs", "data", "revisions"):
        shutil.copytree(ORG / name, work / name)
    origin = on_a_branch(work, "policy", "article-5-fee")
    for lang, old, new, line in (("ja", "1,100円", "1,650円", "2027年1月1日　改定・施行"),
                                 ("en", "1,100 yen", "1,650 yen", "January 1, 2027: Revised and effective")):
        article = work / "docs" / lang / "articles/05.md"
        article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        appendix = work / "docs" / lang / "appendix.md"
        appendix.write_text(appendix.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    # The change notice legal staff write beside the revision (改定の概要).
    for lang, summary in (("ja", "第５条の手数料を1,100円から1,650円に改めます。"),
                          ("en", "The fee in Article 5 goes from 1,100 yen to 1,650 yen.")):
        notice = work / "docs" / lang / "changes" / "2027-01-01.md"
        notice.parent.mkdir(parents=True, exist_ok=True)
        notice.write_text(f"---\nchange: editorial\nannounced: 2026-11-20\n---\n\n{summary}\n", encoding="utf-8")
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--all", "--message", "第５条の手数料を改定")
    git(work, "push", "--quiet", "origin", "article-5-fee")
    # What the workflow's checkout of the branch gives: a fresh clone with the default branch as origin/main.
    checkout = tmp_path / "pull-request"
    git(tmp_path, "clone", "--quiet", "--branch", "article-5-fee", str(origin), str(checkout))
    return origin, checkout


def apply(checkout: Path, name: str, reply: Path) -> subprocess.CompletedProcess:
    return run_module("scripts.pr_command", "apply", str(GITHUB / name), "--repo", str(checkout), "--push",
                      "--reply", str(reply), env={**GIT_ENV, "POLICY_PUBLISHED_REF": "origin/main",
                                                   "POLICY_TODAY": "2026-11-25"})


def test_release_and_mark_from_comments_commit_to_the_branch(pull_request, tmp_path):
    origin, checkout = pull_request
    reply = tmp_path / "reply.md"
    verify = run_module("scripts.verify", cwd=checkout, env={"POLICY_TODAY": "2026-11-25"})
    assert "REV007" in verify.stdout and "TRN001" in verify.stdout   # not released, English not marked

    marked = apply(checkout, "event-comment-mark.json", reply)
    assert marked.returncode == 0, marked.stderr
    assert marked.stdout.strip() == "committed=true"
    released = apply(checkout, "event-comment-release.json", reply)
    assert released.returncode == 0, released.stderr
    assert "released 2027-01-01" in reply.read_text(encoding="utf-8")

    log = git(origin, "log", "--format=%an|%s", "article-5-fee")
    assert log.splitlines()[:2] == ["github-actions[bot]|Release the revision of 2027-01-01",
                                    "github-actions[bot]|Mark the English translation current: "
                                    "docs/en/articles/05.md, docs/en/appendix.md"]
    body = git(origin, "log", "-1", "--format=%b", "article-5-fee")
    assert "`/release 2027-01-01` by @legal-editor in #12" in body
    assert git(origin, "log", "-1", "--format=%s", "main") == "policy"   # the default branch is untouched
    files = git(origin, "ls-tree", "-r", "--name-only", "article-5-fee", "revisions/2027-01-01/ja")
    assert "revisions/2027-01-01/ja/articles/05.md" in files.splitlines()
    git(checkout, "pull", "--quiet")
    clean = run_module("scripts.verify", "--strict", cwd=checkout, env={"POLICY_TODAY": "2026-11-25"})
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stdout

    again = apply(checkout, "event-comment-mark.json", reply)
    assert again.returncode == 0 and again.stdout.strip() == "committed=false"
    assert "nothing changed" in reply.read_text(encoding="utf-8")


def test_a_correction_after_the_release_is_released_again_while_unpublished(pull_request, tmp_path):
    origin, checkout = pull_request
    reply = tmp_path / "reply.md"
    assert apply(checkout, "event-comment-mark-all.json", reply).returncode == 0
    assert apply(checkout, "event-comment-release.json", reply).returncode == 0
    for lang, old, new in (("ja", "1,650円", "1,320円"), ("en", "1,650 yen", "1,320 yen")):
        article = checkout / "docs" / lang / "articles/05.md"
        article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert apply(checkout, "event-comment-mark-all.json", reply).returncode == 0
    stale = run_module("scripts.verify", cwd=checkout, env={"POLICY_TODAY": "2026-11-25",
                                                            "POLICY_PUBLISHED_REF": "origin/main"})
    assert stale.returncode == 1 and "REV008" in stale.stdout and "/release 2027-01-01" in stale.stdout
    again = apply(checkout, "event-comment-release.json", reply)
    assert again.returncode == 0, again.stderr
    assert "again" in reply.read_text(encoding="utf-8")
    archived = git(origin, "show", "article-5-fee:revisions/2027-01-01/ja/articles/05.md")
    assert "1,320円" in archived


def test_a_refused_release_commits_nothing_and_says_why(pull_request, tmp_path):
    origin, checkout = pull_request
    reply = tmp_path / "reply.md"
    before = git(origin, "rev-parse", "article-5-fee")
    article = checkout / "docs/ja/articles/05.md"
    article.write_text(article.read_text(encoding="utf-8").replace("〒460-0008", "〒100-0001"), encoding="utf-8")
    result = apply(checkout, "event-comment-release.json", reply)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "ADDR002" in reply.read_text(encoding="utf-8") and "nothing was committed" in reply.read_text(encoding="utf-8")
    assert git(origin, "rev-parse", "article-5-fee") == before
    assert not (checkout / "revisions/2027-01-01").exists()


def test_the_workflow_runs_these_steps_with_the_default_branchs_code_and_least_permissions():
    workflow = yaml.safe_load((ROOT / ".github/workflows/policy-command.yml").read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on == {"issue_comment": {"types": ["created"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "write"}
    assert "author_association" in job["if"] and "github.event.issue.pull_request" in job["if"]
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts[0]["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkouts[0]["with"]["persist-credentials"] is False
    assert checkouts[1]["with"]["ref"] == "${{ steps.pull.outputs.branch }}"
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    for step in ("scripts.pr_command parse", "scripts.pr_command branch", "scripts.pr_command apply"):
        assert step in runs
    # The branch is only ever data: nothing runs from the pull-request checkout.
    assert all(s.get("working-directory", "") != "pull-request" for s in job["steps"])
    assert "pip install" in runs and "trusted/requirements.txt" in runs


def test_help():
    result = run_module("scripts.pr_command", "--help")
    assert result.returncode == 0
    for word in ("/release", "/mark", "parse", "branch", "apply", "fork"):
        assert word in result.stdout


def comment(tmp_path: Path, body: str) -> Path:
    """The recorded release comment with another body."""
    recorded = event("event-comment-release.json")
    recorded["comment"]["body"] = body
    path = tmp_path / "event.json"
    path.write_text(json.dumps(recorded), encoding="utf-8")
    return path


def test_a_release_comment_naming_a_document_releases_that_one(tmp_path):
    work = documents_project(tmp_path / "work")
    origin = on_a_branch(work, "policies", "terms-fee")
    revise_the_terms(work)
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", "利用規約の料金を改定")
    git(work, "push", "--quiet", "origin", "terms-fee")
    checkout = tmp_path / "pull-request"
    git(tmp_path, "clone", "--quiet", "--branch", "terms-fee", str(origin), str(checkout))
    reply = tmp_path / "reply.md"
    env = {**GIT_ENV, "POLICY_PUBLISHED_REF": "origin/main", "POLICY_TODAY": "2026-11-25"}

    unnamed = run_module("scripts.pr_command", "apply", str(comment(tmp_path, "/release 2027-01-01")),
                         "--repo", str(checkout), "--push", "--reply", str(reply), env=env)
    assert unnamed.returncode == 2 and "Traceback" not in unnamed.stderr
    assert "name one with `/release 2027-01-01 ID` (privacy-policy, terms)" in reply.read_text(encoding="utf-8")

    named = run_module("scripts.pr_command", "apply", str(comment(tmp_path, "/release 2027-01-01 terms")),
                       "--repo", str(checkout), "--push", "--reply", str(reply), env=env)
    assert named.returncode == 0, named.stderr
    assert "released 2027-01-01 of terms" in reply.read_text(encoding="utf-8")
    assert git(origin, "log", "-1", "--format=%s", "terms-fee") == "Release the revision of 2027-01-01 of terms"
    files = git(origin, "ls-tree", "-r", "--name-only", "terms-fee", "revisions").splitlines()
    assert "revisions/terms/2027-01-01/ja/articles/02.md" in files and "revisions/terms/SHA256SUMS" in files
    assert not [f for f in files if f.startswith("revisions/privacy/2027-01-01/")]
