"""Answer a policy command commented on a pull request (python -m scripts.pr_command).

The "Policy command" workflow runs this with the default branch's code, never the pull
request's. A comment whose first line is a command is answered with a commit to the pull
request's branch:

  /release 2027-01-01              archive docs/ as the revision of that date (scripts.release)
  /release 2027-01-01 terms        on a site of several documents: archive that one (its id in mkdocs.yml)
  /mark docs/en/articles/06.md …   record that these English files are up to date (scripts.translation mark)
  /mark --all                      the same for every English file

Only people with write access (author association OWNER, MEMBER or COLLABORATOR) can give a
command, and only on a pull request whose branch is in the same repository: a fork's branch
gets no commit from a token that can write.

subcommands:
  parse EVENT            read the comment event; print the command as workflow outputs
  branch PULL --repository OWNER/NAME
                         read the pull request (GET /pulls/N); print its branch, refuse a fork's
  apply EVENT --repo DIR run the command in the checkout DIR of the branch and commit the result
                         (--push: push the commit to the branch it came from)

Every refusal is one line on stderr (and in --reply FILE, the text of the answer), exit 2.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITERS = ("OWNER", "MEMBER", "COLLABORATOR")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
_COMMAND = re.compile(r"^/(release|mark)(?:[ \t]+(.*?))?[ \t]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A document's id as mkdocs.yml names it; a letter first, so a second date or an option is no id.
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
_ENGLISH = re.compile(r"^docs/en/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,200}$")
EXIT_OK, EXIT_REFUSED = 0, 2


class Refused(Exception):
    """The command cannot be answered; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Command:
    name: str             # 'release' or 'mark'
    args: tuple[str, ...]
    pr: int
    user: str

    @property
    def text(self) -> str:
        return " ".join((f"/{self.name}", *self.args))


def parse_body(body: str) -> tuple[str, tuple[str, ...]]:
    """The command on the first line of a comment, its arguments checked."""
    first = (body or "").replace("\r\n", "\n").split("\n", 1)[0].strip()
    match = _COMMAND.match(first)
    if not match:
        raise Refused(f"not a policy command: {first[:60]!r}; write `/release YYYY-MM-DD` or "
                      "`/mark docs/en/….md` on the first line")
    name, rest = match[1], (match[2] or "").split()
    if name == "release":
        if not 1 <= len(rest) <= 2 or not _DATE.match(rest[0]) or not all(_ID.match(r) for r in rest[1:]):
            raise Refused("write the revision's date: `/release YYYY-MM-DD` (the newest line of the 附則), and on "
                          "a site of several documents the document's id: `/release YYYY-MM-DD terms`")
        try:
            dt.date.fromisoformat(rest[0])
        except ValueError:
            raise Refused(f"{rest[0]} is not a real date; write `/release YYYY-MM-DD`") from None
        return name, tuple(rest)
    if rest == ["--all"]:
        return name, ("--all",)
    if not rest:
        raise Refused("name the English files: `/mark docs/en/articles/06.md` (or `/mark --all`)")
    for path in rest:
        if not _ENGLISH.match(path) or ".." in path.split("/"):
            raise Refused(f"{path[:80]!r} is not an English policy file: name files under docs/en/, "
                          "e.g. `/mark docs/en/articles/06.md`")
    return name, tuple(dict.fromkeys(rest))


def from_event(event: dict) -> Command:
    """The command of an ``issue_comment`` event, refused unless a writer commented on a pull request."""
    if event.get("action") != "created":
        raise Refused("only a new comment gives a command (an edited comment does not)")
    issue, comment = event.get("issue") or {}, event.get("comment") or {}
    if not issue.get("pull_request"):
        raise Refused("policy commands work on pull requests only")
    user = (comment.get("user") or {}).get("login") or ""
    if (comment.get("user") or {}).get("type") == "Bot":
        raise Refused("commands from bots are not answered")
    if comment.get("author_association") not in WRITERS:
        raise Refused(f"@{user} cannot give policy commands: only people with write access to the repository can")
    name, args = parse_body(comment.get("body") or "")
    number = issue.get("number")
    if not isinstance(number, int):
        raise Refused("the event names no pull request number")
    return Command(name, args, number, user)


def branch_of(pull: dict, repository: str) -> str:
    """The pull request's branch, when it is in ``repository`` (never a fork's) and still open."""
    head = pull.get("head") or {}
    full_name = ((head.get("repo") or {}).get("full_name") or "")
    if full_name.lower() != repository.lower():
        raise Refused(f"the branch of this pull request is in {full_name or 'a deleted repository'}, not in "
                      f"{repository}: a fork gets no commit from this workflow; run `make release DATE=…` or "
                      "`make mark FILE=…` on your machine and push the result")
    if pull.get("state") != "open":
        raise Refused("the pull request is not open")
    ref = head.get("ref") or ""
    if not _BRANCH.match(ref) or ".." in ref or ref.startswith(("-", "/")):
        raise Refused(f"the branch name {ref[:60]!r} is not one this workflow checks out")
    return ref


def _git(repo: Path, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})})
    if result.returncode != 0:
        raise Refused(f"git {args[0]} failed: {(result.stderr or result.stdout).strip()[:300]}")
    return result.stdout


@contextmanager
def _inside(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run(command: Command, repo: Path) -> str:
    """Run the command in the checkout ``repo``; return what it did, in a sentence."""
    if command.name == "release":
        from scripts.history.release import ReleaseRefused, release, release_target
        date, ident = command.args[0], (command.args[1:] or (None,))[0]
        try:
            # The branch's mkdocs.yml is read as data, to find the document's folders.
            where = release_target(repo, ident, naming=f"`/release {date} ID`")
            done = release(repo, dt.date.fromisoformat(date), verifier=ROOT, where=where)
        except ReleaseRefused as err:
            raise Refused(str(err)) from None
        of = f" of {where.document.id}" if where.document.folder else ""
        again = " again (it was not yet published, so the corrected text replaces it)" if done.replaced else ""
        return (f"released {done.revision.name}{of}{again}: {len(done.files)} files in "
                f"{done.archive}/{done.revision.name}/, sha256 {done.revision.sha256}")
    from scripts import translation
    args = ["mark", "--all"] if command.args == ("--all",) else ["mark", *command.args]
    with _inside(repo):
        import io
        from contextlib import redirect_stderr, redirect_stdout
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = translation.main(args)
    if status != 0:
        raise Refused(err.getvalue().strip() or "scripts.translation mark refused")
    return out.getvalue().strip()


def commit(command: Command, repo: Path, push: bool) -> bool:
    """Commit what the command changed under docs/ and revisions/; False when nothing changed."""
    _git(repo, "add", "--all", "--", "docs", "revisions")
    if not _git(repo, "diff", "--cached", "--name-only").strip():
        return False
    what = f"Release the revision of {' of '.join(command.args)}" if command.name == "release" else \
        "Mark the English translation current: " + ", ".join(command.args)
    message = f"{what}\n\nAnswering `{command.text}` by @{command.user} in #{command.pr}."
    name, email = BOT
    _git(repo, "commit", "--quiet", "--message", message,
         env={"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
              "GIT_COMMITTER_EMAIL": email})
    if push:
        branch = _git(repo, "symbolic-ref", "--quiet", "--short", "HEAD").strip()
        _git(repo, "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}")
    return True


def _outputs(values: dict[str, str]) -> None:
    for key, value in values.items():
        print(f"{key}={value}")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise Refused(f"{path}: cannot read the event: {err}") from None
    if not isinstance(data, dict):
        raise Refused(f"{path}: the event is not a JSON object")
    return data


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_REFUSED, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.pr_command", description=__doc__.split("\n\n")[0],
                epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=("parse", "branch", "apply"))
    p.add_argument("file", type=Path, metavar="FILE", help="the event (parse, apply) or the pull request (branch), JSON")
    p.add_argument("--repository", default="", help="branch: OWNER/NAME of this repository")
    p.add_argument("--repo", type=Path, help="apply: the checkout of the pull request's branch")
    p.add_argument("--push", action="store_true", help="apply: push the commit to its branch")
    p.add_argument("--reply", type=Path, help="write the answer (Markdown) to this file")
    return p


def _reply(path: Path | None, text: str) -> None:
    if path is not None:
        path.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from scripts.history.render import md_block, md_code   # the reply shows the output as written
    command = None
    try:
        if args.step == "branch":
            _outputs({"branch": branch_of(_read_json(args.file), args.repository)})
            return EXIT_OK
        command = from_event(_read_json(args.file))
        if args.step == "parse":
            _outputs({"command": command.name, "pr": str(command.pr)})
            return EXIT_OK
        if args.repo is None or not (args.repo / "docs").is_dir():
            raise Refused("apply needs --repo, the checkout of the pull request's branch (with docs/)")
        done = run(command, args.repo)
        committed = commit(command, args.repo, args.push)
        _outputs({"committed": "true" if committed else "false"})
        note = "committed to this pull request's branch" if committed else "nothing changed, no commit"
        _reply(args.reply, f"{md_code(command.text)}: {note}.\n\n{md_block(done)}")
        return EXIT_OK
    except Refused as err:
        print(f"scripts.pr_command: refused: {err}", file=sys.stderr)
        asked = md_code(command.text) if command else "The command"
        _reply(args.reply, f"{asked} was not carried out; nothing was committed.\n\n{md_block(str(err))}")
        return EXIT_REFUSED


if __name__ == "__main__":
    from scripts.cli import run_command
    run_command(main, "scripts.pr_command")
