"""The GitHub Actions workflows: actionlint (with ShellCheck) and zizmor on each, and the rules they must keep."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
BIN = Path(sys.executable).parent


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean true.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN))
    assert found, f"{name} is not installed in {BIN}: run `make test` or pip install -r requirements-dev.txt"
    return found


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([tool("actionlint"), "-no-color", "-oneline", f"-shellcheck={tool('shellcheck')}",
                           "-pyflakes=", *map(str, files)],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_there_are_workflows():
    assert {f.name for f in FILES} >= {"tests.yml", "change-summary.yml", "change-summary-comment.yml",
                                        "daily-publish.yml", "policy-command.yml"}


def test_the_tests_can_be_started_on_a_commit_the_command_workflow_pushed():
    # A push made with the workflow token starts no workflow; the command workflow starts the Tests itself.
    assert "workflow_dispatch" in triggers(load("tests.yml"))
    assert "gh workflow run tests.yml" in (WORKFLOWS / "policy-command.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actionlint_passes(path):
    result = actionlint(path.relative_to(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_checks_workflows_and_their_scripts(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo $GREETING\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n"
                   "      - uses: actions/checkout@v5\n        with:\n          no-such-input: 1\n", encoding="utf-8")
    result = actionlint(bad.relative_to(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "SC2086" in result.stdout          # ShellCheck ran on the run: script
    assert "potentially untrusted" in result.stdout
    assert "no-such-input" in result.stdout


def zizmor(target: Path, *options: str, cwd: Path = ROOT) -> list[dict]:
    """zizmor's findings, offline (no GitHub API: the audits that need it are skipped)."""
    result = subprocess.run([tool("zizmor"), "--offline", "--no-config", "--no-progress", "--format", "json",
                             *options, str(target)],
                            cwd=cwd, capture_output=True, text=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")})
    assert result.stdout.strip(), f"zizmor printed nothing (exit {result.returncode}): {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def describe(findings: list[dict]) -> str:
    out = []
    for finding in findings:
        where = finding["locations"][0]
        out.append(f"{where['symbolic']['key']['Local']['verbatim_path']}:"
                   f"{where['concrete']['location']['start_point']['row'] + 1}: {finding['ident']} "
                   f"{finding['determinations']['severity']} {finding['desc']}")
    return "\n".join(out)


def test_zizmor_finds_nothing():
    findings = zizmor(WORKFLOWS.relative_to(ROOT))
    assert findings == [], describe(findings)


def test_each_zizmor_ignore_hides_only_what_its_comment_explains():
    # Without the ignore comments, the only findings are the two triggers that a comment justifies.
    ignored = {(f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"], f["ident"])
               for f in zizmor(WORKFLOWS.relative_to(ROOT), "--no-ignores")}
    assert ignored == {(".github/workflows/change-summary-comment.yml", "dangerous-triggers"),
                       (".github/workflows/policy-command.yml", "dangerous-triggers")}
    for path in FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "zizmor: ignore" in line:
                assert number and lines[number - 1].strip().startswith("#"), \
                    f"{path.name}:{number + 1}: a zizmor ignore needs a comment above it saying why"


def test_zizmor_really_audits_workflows(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"
                   "    steps:\n      - uses: actions/checkout@v5\n        with:\n"
                   "          ref: ${{ github.event.pull_request.head.sha }}\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    findings = zizmor(bad.relative_to(tmp_path), cwd=tmp_path)
    high = {f["ident"] for f in findings if f["determinations"]["severity"] == "High"}
    assert {"unpinned-uses", "dangerous-triggers", "template-injection"} <= high, describe(findings)


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(?:\s+#\s*(\S+))?\s*$")


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES.match(line)
            if not match:
                assert "uses:" not in line.split("#")[0], f"{path.name}:{number}: unreadable uses: {line.strip()}"
                continue
            action, ref, tag = match.groups()
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}:{number}: {action}@{ref} is not a commit id"
            assert tag and re.fullmatch(r"v\d+\.\d+\.\d+", tag), \
                f"{path.name}:{number}: write the release beside the commit id: # vX.Y.Z"
            pins.setdefault(action, set()).add((ref, tag))
    assert pins, "no uses: found"
    # One version of each action across the workflows, so an update is one search and replace.
    assert all(len(versions) == 1 for versions in pins.values()), pins


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_workflow_declares_its_permissions(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "permissions" in workflow, f"{path.name}: no top-level permissions"
    assert "pull_request_target" not in triggers(workflow), "pull_request_target runs fork code with a write token"
    granted = [workflow["permissions"]] + [job.get("permissions", {}) for job in workflow["jobs"].values()]
    writes = {scope for block in granted if isinstance(block, dict)
              for scope, level in block.items() if level == "write"}
    allowed = {"change-summary-comment.yml": {"pull-requests"},
               # answers a writer's command with a commit to a same-repository branch (tests/test_pr_command.py)
               "policy-command.yml": {"contents", "pull-requests", "actions"}}
    assert writes <= allowed.get(path.name, set()), path.name
    assert all(block != "write-all" for block in granted)


def test_tests_run_on_every_push_and_pull_request_with_verify_annotations():
    workflow = load("tests.yml")
    assert {"push", "pull_request"} <= set(triggers(workflow))
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version-file"] == ".python-version"
    assert setup["with"]["cache"] == "pip"
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "make test" in runs
    assert "scripts.verify --format github" in runs


def test_the_tests_job_gives_make_test_what_it_needs():
    # make test on the runner, as on a plain clone: Python, Node, Chromium and Java first, and the
    # time for the suite twice (tests/test_fresh_clone.py runs it again on a clone).
    (job,) = load("tests.yml")["jobs"].values()
    names = [s.get("uses", "").split("@")[0] or s.get("name", "") for s in job["steps"]]
    for needed in ("actions/checkout", "actions/setup-python", "actions/setup-node", "Chromium for the browser tests",
                   "Java for the HTML checker"):
        assert needed in names, needed
    assert job["steps"][-1]["run"].strip() == "make test"
    assert all(names.index(n) < len(names) - 1 for n in ("actions/setup-node", "Java for the HTML checker"))
    chromium = next(s for s in job["steps"] if s.get("name") == "Chromium for the browser tests")
    assert "POLICY_CHROMIUM=" in chromium["run"]
    assert "java" in next(s for s in job["steps"] if s.get("name") == "Java for the HTML checker")["run"]
    assert job["timeout-minutes"] >= 45


def test_python_version_file_matches_netlify():
    import tomllib
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert (ROOT / ".python-version").read_text(encoding="utf-8").strip() == \
        netlify["build"]["environment"]["PYTHON_VERSION"]


def test_the_pull_requests_run_only_names_it_and_the_summary_is_computed_by_the_default_branch():
    # The pull request's own run may be rewritten by the pull request: it holds no token, checks out
    # nothing, runs no Python, and its artifact carries only the pull request's number.
    request = load("change-summary.yml")
    assert triggers(request)["pull_request"]["paths"] == ["docs/**"]
    assert request["permissions"] == {}
    [job] = request["jobs"].values()
    assert "permissions" not in job
    assert [s.get("uses", "").split("@")[0] for s in job["steps"]] == ["", "actions/upload-artifact"]
    text = (WORKFLOWS / "change-summary.yml").read_text(encoding="utf-8")
    assert "${{ secrets" not in text and "python" not in text and "checkout" not in text.split("jobs:")[1]
    assert "pr-summary/pr-number" in job["steps"][0]["run"]
    upload = job["steps"][1]

    post = load("change-summary-comment.yml")
    run = triggers(post)["workflow_run"]
    assert run["workflows"] == [request["name"]] and run["types"] == ["completed"]
    assert post["permissions"] == {}
    summary, comment = post["jobs"]["summary"], post["jobs"]["comment"]
    assert summary["permissions"] == {"contents": "read", "actions": "read"}
    assert "event == 'pull_request'" in summary["if"] and "conclusion == 'success'" in summary["if"]
    assert summary["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert comment["needs"] == "summary" and comment["permissions"] == {"pull-requests": "write"}
    # Only the default branch's code is checked out, without a stored token, in both jobs.
    for job in (summary, comment):
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["ref"] == "${{ github.event.repository.default_branch }}"
                assert step["with"]["persist-credentials"] is False
    downloads = [s for s in summary["steps"] if s.get("uses", "").startswith("actions/download-artifact@")]
    assert [d["with"]["name"] for d in downloads] == [upload["with"]["name"]]
    assert downloads[0]["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert downloads[0]["with"]["path"].startswith("${{ runner.temp }}")   # never over the checkout
    # The pull request's commit is fetched as data and read through git:, never checked out or run.
    runs = "\n".join(s.get("run", "") for s in summary["steps"])
    assert 'git fetch --quiet --no-tags origin "$HEAD_SHA"' in runs
    assert '--head "git:$HEAD_SHA"' in runs and "python -m scripts.pr_summary" in runs
    for forbidden in ("git checkout", "git switch", "git worktree", "git reset", "git merge ", "pip install -e",
                      "make ", "head_branch", "pull_request.head"):
        assert forbidden not in runs, forbidden
    assert "-r requirements.txt" in runs   # the default branch's requirements
    text = (WORKFLOWS / "change-summary-comment.yml").read_text(encoding="utf-8")
    assert "head_branch" not in text and "${{ secrets" not in text
    # The job with the write token installs nothing and runs only the standard-library poster.
    comment_runs = "\n".join(s.get("run", "") for s in comment["steps"])
    assert "pip" not in comment_runs and "scripts/post_comment.py" in comment_runs and "--head-sha" in comment_runs
    [checkout] = [s for s in comment["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["sparse-checkout"].split() == [".python-version", "scripts/post_comment.py"]


class BuildHook:
    """A stand-in for Netlify's build hook on 127.0.0.1 that records what it receives."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                hook.received.append((self.command, self.path))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/build_hooks/5f1e0c"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def run_daily_step(secret: str) -> subprocess.CompletedProcess:
    workflow = load("daily-publish.yml")
    assert triggers(workflow)["schedule"] and "workflow_dispatch" in triggers(workflow)
    [step] = [s for s in steps(workflow) if "run" in s]
    assert step["env"]["NETLIFY_BUILD_HOOK"] == "${{ secrets.NETLIFY_BUILD_HOOK }}"
    env = {**os.environ, "NETLIFY_BUILD_HOOK": secret}
    # GitHub runs a step's script with `bash -e {0}`.
    return subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True, timeout=60)


def test_daily_publish_without_the_secret_exits_cleanly_with_a_message():
    result = run_daily_step("")
    assert result.returncode == 0, result.stderr
    assert "NETLIFY_BUILD_HOOK is not set" in result.stdout and "no rebuild was triggered" in result.stdout


def test_daily_publish_posts_to_the_build_hook():
    hook = BuildHook()
    try:
        result = run_daily_step(hook.url)
    finally:
        hook.close()
    assert result.returncode == 0, result.stderr
    assert hook.received and hook.received[0][0] == "POST"
    assert hook.received[0][1].startswith("/build_hooks/5f1e0c?trigger_title=")
    assert "Netlify rebuild triggered." in result.stdout


def test_daily_publish_fails_when_the_hook_refuses():
    hook = BuildHook()
    url = hook.url
    hook.close()  # nothing listens there any more
    result = run_daily_step(url)
    assert result.returncode != 0


def test_the_daily_rebuild_runs_just_after_midnight_in_japan_where_netlify_takes_today():
    import tomllib
    [schedule] = triggers(load("daily-publish.yml"))["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"]
    assert (int(hour) + 9) % 24 == 0 and int(minute) < 30
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert netlify["build"]["environment"]["TZ"] == "JST-9"
