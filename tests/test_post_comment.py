"""scripts/post_comment.py against recorded GitHub API responses, served on 127.0.0.1.

The fake API answers each (method, path) with a recorded JSON response from
tests/fixtures/github/ and records every request, so the tests see exactly what
the script would have sent to GitHub. Nothing goes to the network.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts import post_comment
from tests.conftest import FIXTURES, ROOT

RECORDED = FIXTURES / "github"
REPO = "azpocket/privacy-policy"
HEAD = json.loads((RECORDED / "pull.json").read_text(encoding="utf-8"))["head"]["sha"]
BODY = "<!-- policy-change-summary -->\n## ポリシーの変更 / Change to the policy\n\n第６条: changed\n"


class FakeGitHub:
    """Routes (method, path-with-query) to (status, fixture name or None, extra headers)."""

    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else ""
                fake.requests.append({"method": self.command, "path": self.path,
                                      "headers": dict(self.headers), "json": json.loads(body) if body else None})
                status, fixture, headers = fake.routes.get((self.command, self.path), (404, "not-found.json", {}))
                payload = (RECORDED / fixture).read_bytes() if fixture else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value.replace("{base}", fake.url))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = _answer

            def log_message(self, *args):  # keep the test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def writes(self) -> list[dict]:
        return [r for r in self.requests if r["method"] in ("POST", "PATCH")]


COMMENTS = f"/repos/{REPO}/issues/12/comments?per_page=100"


def run(api: FakeGitHub, tmp_path: Path, *args: str, body: str = BODY, token: str = "test-token"):
    body_file = tmp_path / "summary.md"
    body_file.write_text(body, encoding="utf-8")
    env = {**os.environ, "GITHUB_API_URL": api.url if api else "", "GITHUB_TOKEN": token}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "post_comment.py"), "--repo", REPO,
                           "--pr", "12", "--body-file", str(body_file), *args],
                          env=env, capture_output=True, text=True, timeout=60)


def test_creates_the_comment_when_no_summary_is_there(tmp_path):
    routes = {("GET", COMMENTS): (200, "comments-without-summary.json", {}),
              ("POST", f"/repos/{REPO}/issues/12/comments"): (201, "comment-created.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("created: https://github.com/azpocket/privacy-policy/pull/12#issuecomment-")
    [write] = api.writes()
    assert write["method"] == "POST" and write["json"] == {"body": BODY}
    assert write["headers"]["Authorization"] == "Bearer test-token"
    assert write["headers"]["Accept"] == "application/vnd.github+json"


def test_updates_the_comment_that_carries_the_marker(tmp_path):
    routes = {("GET", COMMENTS): (200, "comments-with-summary.json", {}),
              ("PATCH", f"/repos/{REPO}/issues/comments/2490011877"): (200, "comment-updated.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "updated: https://github.com/azpocket/privacy-policy/pull/12#issuecomment-2490011877"
    # Only the bot's own comment is edited, never the reviewer's that quotes the marker.
    [write] = api.writes()
    assert write["method"] == "PATCH" and write["path"].endswith("/2490011877")
    assert write["json"] == {"body": BODY}


def test_an_identical_summary_is_not_written_again(tmp_path):
    old = json.loads((RECORDED / "comments-with-summary.json").read_text(encoding="utf-8"))[1]["body"]
    routes = {("GET", COMMENTS): (200, "comments-with-summary.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path, body=old)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("unchanged:")
    assert api.writes() == []


def test_the_marker_is_found_on_a_later_page(tmp_path):
    routes = {("GET", COMMENTS): (200, "comments-without-summary.json",
                                  {"Link": f'<{{base}}{COMMENTS}&page=2>; rel="next", <{{base}}{COMMENTS}&page=2>; rel="last"'}),
              ("GET", COMMENTS + "&page=2"): (200, "comments-with-summary.json", {}),
              ("PATCH", f"/repos/{REPO}/issues/comments/2490011877"): (200, "comment-updated.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["method"] for r in api.requests] == ["GET", "GET", "PATCH"]


def test_a_body_without_the_marker_gets_it_as_first_line(tmp_path):
    routes = {("GET", COMMENTS): (200, "comments-empty.json", {}),
              ("POST", f"/repos/{REPO}/issues/12/comments"): (201, "comment-created.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path, body="no change to the policy\n")
    assert result.returncode == 0, result.stderr
    assert api.writes()[0]["json"]["body"] == post_comment.MARKER + "\nno change to the policy\n"


def test_a_summary_for_an_older_push_is_skipped(tmp_path):
    routes = {("GET", f"/repos/{REPO}/pulls/12"): (200, "pull.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path, "--head-sha", "0" * 40)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("skipped: pull request #12 is at 3f0c1e4b9a7d")
    assert api.writes() == [] and len(api.requests) == 1


def test_a_summary_for_the_current_head_is_posted(tmp_path):
    routes = {("GET", f"/repos/{REPO}/pulls/12"): (200, "pull.json", {}),
              ("GET", COMMENTS): (200, "comments-with-summary.json", {}),
              ("PATCH", f"/repos/{REPO}/issues/comments/2490011877"): (200, "comment-updated.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path, "--head-sha", HEAD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("updated:")


def test_an_api_refusal_is_reported_with_githubs_message(tmp_path):
    routes = {("GET", COMMENTS): (200, "comments-empty.json", {}),
              ("POST", f"/repos/{REPO}/issues/12/comments"): (403, "forbidden.json", {})}
    with FakeGitHub(routes) as api:
        result = run(api, tmp_path)
    assert result.returncode == 1
    assert "HTTP 403 Resource not accessible by integration" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_api_is_reported(tmp_path):
    # A port that was just closed: nothing listens there.
    with FakeGitHub({}) as api:
        url = api.url
    body_file = tmp_path / "summary.md"
    body_file.write_text(BODY, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "post_comment.py"), "--repo", REPO,
                             "--pr", "12", "--body-file", str(body_file)],
                            env={**os.environ, "GITHUB_API_URL": url, "GITHUB_TOKEN": "t"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"cannot reach {url}" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, env, message", [
    (["--pr", "12; rm -rf /"], {}, "is not a pull request number"),
    (["--pr", "0"], {}, "is not a pull request number"),
    (["--repo", "not a repo"], {}, "is not OWNER/NAME"),
    (["--head-sha", "main"], {}, "is not a 40-character commit id"),
    (["--marker", "policy"], {}, "must be an HTML comment"),
    (["--body-file", "/nonexistent/summary.md"], {}, "no such file"),
    ([], {"GITHUB_TOKEN": ""}, "GITHUB_TOKEN is not set"),
    ([], {"GITHUB_API_URL": "file:///etc/passwd"}, "is not an http(s) address"),
])
def test_bad_input_exits_2_and_sends_nothing(tmp_path, args, env, message):
    body_file = tmp_path / "summary.md"
    body_file.write_text(BODY, encoding="utf-8")
    with FakeGitHub({}) as api:
        options = {"--repo": REPO, "--pr": "12", "--body-file": str(body_file), **dict(zip(args[::2], args[1::2]))}
        argv = [part for pair in options.items() for part in pair]
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "post_comment.py"), *argv],
                                env={**os.environ, "GITHUB_API_URL": api.url, "GITHUB_TOKEN": "t", **env},
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert api.requests == []


def test_an_empty_summary_is_refused(tmp_path):
    with FakeGitHub({}) as api:
        result = run(api, tmp_path, body="  \n")
    assert result.returncode == 2 and "empty" in result.stderr
    assert api.requests == []


def test_a_long_summary_is_cut_to_what_github_accepts():
    body = post_comment.prepare_body(post_comment.MARKER + "\n" + "あ" * 70_000, post_comment.MARKER)
    assert len(body) <= post_comment.MAX_BODY
    assert body.startswith(post_comment.MARKER) and "(cut:" in body


def test_it_runs_alone_as_the_comment_workflow_checks_it_out(tmp_path):
    # The workflow with the write token checks out this one file: it must need nothing else.
    alone = tmp_path / "scripts" / "post_comment.py"
    alone.parent.mkdir()
    shutil.copy2(ROOT / "scripts" / "post_comment.py", alone)
    routes = {("GET", COMMENTS): (200, "comments-with-summary.json", {}),
              ("PATCH", f"/repos/{REPO}/issues/comments/2490011877"): (200, "comment-updated.json", {})}
    body_file = tmp_path / "summary.md"
    body_file.write_text(BODY, encoding="utf-8")
    with FakeGitHub(routes) as api:
        result = subprocess.run([sys.executable, "-I", "scripts/post_comment.py", "--repo", REPO, "--pr", "12",
                                 "--body-file", str(body_file)], cwd=tmp_path,
                                env={"PATH": os.environ.get("PATH", ""), "GITHUB_API_URL": api.url,
                                     "GITHUB_TOKEN": "t"},
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("updated:")


def test_help_describes_every_option():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "post_comment.py"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--repo", "--pr", "--body-file", "--head-sha", "--marker", "--author", "GITHUB_TOKEN", "Exit status"):
        assert option in result.stdout


def test_a_long_summary_is_cut_at_the_end_of_a_line_so_no_markup_is_left_open():
    line = "  > **差分 / Change:** 当社は<del>30日</del><ins>14日</ins>以内に `art-5-p4`"
    body = post_comment.prepare_body(post_comment.MARKER + "\n" + "\n".join([line] * 2_000), post_comment.MARKER)
    assert len(body) <= post_comment.MAX_BODY
    kept, note = body.split("\n\n…(cut:")
    assert kept.splitlines()[-1] == line
