"""The new project as a git repository: one commit on main holding everything it was created with,
ready to push to the organisation's own GitHub repository (Netlify publishes on merge), and what
the comparisons with ``git:main`` and the project's own tests read."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# The commit's author when git knows no one on this machine (no user.name/user.email): the
# organisation's first commit is the generator's, and says so.
AUTHOR = {"user.name": "scripts.new_site", "user.email": "new-site@localhost"}


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})


def initialise(folder: Path, message: str) -> str | None:
    """``folder`` as a repository with one commit on main; None when done, else why not (git is
    missing or refuses), for the command to say — the project itself is complete either way."""
    if shutil.which("git") is None:
        return "git is not installed: the project is not a git repository yet (git init, then commit it)"
    known = {key: _git(folder, "config", "--get", key).stdout.strip() for key in AUTHOR}
    identity = [arg for key, value in AUTHOR.items() if not known[key] for arg in ("-c", f"{key}={value}")]
    for args in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                 [*identity, "commit", "--quiet", "--no-verify", "--message", message]):
        done = _git(folder, *args)
        if done.returncode != 0:
            shutil.rmtree(folder / ".git", ignore_errors=True)
            return f"git {args[-1] if args[0] == 'init' else args[0]} failed ({done.stderr.strip() or done.returncode}): " \
                   "the project is not a git repository yet"
    return None
