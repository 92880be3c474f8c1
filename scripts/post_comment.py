"""Post a pull request's change summary as ONE comment, updated in place on each push.

    python scripts/post_comment.py --repo OWNER/NAME --pr 12 --body-file summary.md [--head-sha SHA]

The comment is recognised by a hidden marker line (an HTML comment) that the summary
starts with: the first comment by ``--author`` that carries it is updated, otherwise a
new one is created. With ``--head-sha``, nothing is written unless the pull request's
head is still that commit: a summary computed for an older push (or an artifact that
names another pull request) is skipped.

The token is read from GITHUB_TOKEN, the API address from GITHUB_API_URL (as GitHub
Actions sets them). Standard library only, so the workflow that holds a write token
needs nothing installed and runs no code from the pull request.

Exit status: 0 posted, updated, unchanged or skipped; 1 the GitHub API refused or
could not be reached; 2 bad input (nothing was sent).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- policy-change-summary -->"
DEFAULT_API = "https://api.github.com"
DEFAULT_AUTHOR = "github-actions[bot]"
# GitHub refuses comment bodies over 65,536 characters.
MAX_BODY = 65_000
PER_PAGE = 100
MAX_PAGES = 50
TIMEOUT = 30

REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
SHA = re.compile(r"^[0-9a-f]{40}$")


class InputError(Exception):
    """Something wrong with what we were given: nothing is sent."""


class ApiError(Exception):
    """The GitHub API answered with an error or could not be reached."""


@dataclass
class Outcome:
    action: str   # 'created', 'updated', 'unchanged', 'skipped'
    detail: str


class GitHub:
    """The few REST calls this script needs, over urllib."""

    def __init__(self, api_url: str, token: str):
        self.api_url = api_url.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, payload: dict | None = None):
        url = path if path.startswith(("http://", "https://")) else self.api_url + path
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "policy-change-summary",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
                body = response.read().decode("utf-8")
                return (json.loads(body) if body else None), response.headers.get("Link", "")
        except urllib.error.HTTPError as err:
            raise ApiError(f"{method} {path}: HTTP {err.code} {_message(err)}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise ApiError(f"{method} {path}: cannot reach {self.api_url}: {reason}") from None
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ApiError(f"{method} {path}: the answer is not JSON") from None


def _message(err: urllib.error.HTTPError) -> str:
    """GitHub's own explanation of an error, when it sent one."""
    try:
        return str(json.loads(err.read().decode("utf-8")).get("message", err.reason))
    except (ValueError, AttributeError, UnicodeDecodeError, OSError):
        return str(err.reason)


def _next_page(link: str) -> str | None:
    match = re.search(r'<([^>]+)>;\s*rel="next"', link or "")
    return match[1] if match else None


def find_comment(api: GitHub, repo: str, pr: int, marker: str, author: str) -> dict | None:
    """The first comment on the pull request by ``author`` that carries the marker."""
    url: str | None = f"/repos/{repo}/issues/{pr}/comments?per_page={PER_PAGE}"
    for _ in range(MAX_PAGES):
        if url is None:
            return None
        comments, link = api.request("GET", url)
        if not isinstance(comments, list):
            raise ApiError(f"GET {url}: expected a list of comments")
        for comment in comments:
            login = (comment.get("user") or {}).get("login", "")
            if marker in (comment.get("body") or "") and login == author:
                return comment
        url = _next_page(link)
    return None


def prepare_body(text: str, marker: str) -> str:
    """The body with the marker as its first line, cut to what GitHub accepts."""
    if marker not in text:
        text = f"{marker}\n{text}"
    if len(text) > MAX_BODY:
        note = "\n\n…(cut: the summary is longer than a comment can hold; see the workflow run)\n"
        text = text[: MAX_BODY - len(note)]
        # At a line's end when there is one: every line of the summary is whole Markdown (an escape,
        # a code span, a <del>…</del> is never split across lines), so nothing is left open.
        if text.rfind("\n") > MAX_BODY // 2:
            text = text[: text.rfind("\n")]
        text += note
    return text


def post(api: GitHub, repo: str, pr: int, body: str, *, marker: str = MARKER,
         author: str = DEFAULT_AUTHOR, head_sha: str | None = None) -> Outcome:
    if head_sha:
        pull, _ = api.request("GET", f"/repos/{repo}/pulls/{pr}")
        current = ((pull or {}).get("head") or {}).get("sha", "")
        if current != head_sha:
            return Outcome("skipped", f"pull request #{pr} is at {current[:12] or '?'}, "
                                      f"not {head_sha[:12]}: this summary is not for its latest push")
    body = prepare_body(body, marker)
    existing = find_comment(api, repo, pr, marker, author)
    if existing is None:
        created, _ = api.request("POST", f"/repos/{repo}/issues/{pr}/comments", {"body": body})
        return Outcome("created", (created or {}).get("html_url", ""))
    if existing.get("body") == body:
        return Outcome("unchanged", existing.get("html_url", ""))
    updated, _ = api.request("PATCH", f"/repos/{repo}/issues/comments/{existing['id']}", {"body": body})
    return Outcome("updated", (updated or {}).get("html_url", ""))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="post_comment.py",
        description="Create or update the one change-summary comment on a pull request. "
                    "Reads the token from GITHUB_TOKEN and the API address from GITHUB_API_URL "
                    f"(default {DEFAULT_API}).",
        epilog="Exit status: 0 posted, updated, unchanged or skipped; 1 the GitHub API refused "
               "or could not be reached; 2 bad input, nothing sent.")
    parser.add_argument("--repo", required=True, help="the repository, OWNER/NAME")
    parser.add_argument("--pr", required=True, help="the pull request number")
    parser.add_argument("--body-file", required=True, type=Path, help="the summary, Markdown (UTF-8)")
    parser.add_argument("--head-sha", help="post only if the pull request's head is still this commit")
    parser.add_argument("--marker", default=MARKER, help=f"the hidden line that identifies the comment (default {MARKER})")
    parser.add_argument("--author", default=DEFAULT_AUTHOR,
                        help=f"whose comment to update (default {DEFAULT_AUTHOR}, the workflow token's user)")
    return parser


def _read_input(args: argparse.Namespace) -> tuple[int, str, str]:
    if not REPO.match(args.repo):
        raise InputError(f"--repo {args.repo!r} is not OWNER/NAME")
    pr_text = args.pr.strip()
    if not pr_text.isdigit() or int(pr_text) < 1:
        raise InputError(f"--pr {args.pr!r} is not a pull request number")
    if args.head_sha is not None and not SHA.match(args.head_sha):
        raise InputError(f"--head-sha {args.head_sha!r} is not a 40-character commit id")
    if not args.marker.startswith("<!--") or not args.marker.endswith("-->"):
        raise InputError("--marker must be an HTML comment, <!-- … -->, so that it stays hidden")
    try:
        body = args.body_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{args.body_file}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{args.body_file}: not UTF-8 text") from None
    except OSError as err:
        raise InputError(f"{args.body_file}: cannot read: {err.strerror}") from None
    if not body.strip():
        raise InputError(f"{args.body_file}: empty; there is nothing to post")
    token = os.environ.get("GITHUB_TOKEN", "").strip()
    if not token:
        raise InputError("GITHUB_TOKEN is not set")
    return int(pr_text), body, token


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        pr, body, token = _read_input(args)
    except InputError as err:
        print(f"post_comment: {err}", file=sys.stderr)
        return 2
    api_url = os.environ.get("GITHUB_API_URL", "").strip() or DEFAULT_API
    if urllib.parse.urlsplit(api_url).scheme not in ("http", "https"):
        print(f"post_comment: GITHUB_API_URL {api_url!r} is not an http(s) address", file=sys.stderr)
        return 2
    try:
        outcome = post(GitHub(api_url, token), args.repo, pr, body, marker=args.marker,
                       author=args.author, head_sha=args.head_sha)
    except ApiError as err:
        print(f"post_comment: {err}", file=sys.stderr)
        return 1
    print(f"{outcome.action}: {outcome.detail}" if outcome.detail else outcome.action)
    return 0


if __name__ == "__main__":
    sys.exit(main())
