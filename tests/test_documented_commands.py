"""Every command README.md and CONTRIBUTING.md show is run as written, in a fresh copy of the
repository in the middle of a revision of the real policy (text changed, 附則 lines added, released
and marked), as an editor following CONTRIBUTING would run it; comment commands are parsed as the
"Policy command" workflow parses them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.pr_command import parse_body
from tests.conftest import ORG, ROOT
from scripts.policy import settings
from tests.test_living_policy import (add_revision_lines, change_the_fee, copy_repository, first_release, git,
                                      insert_an_item, mark_translations, module, write_change_notices)

DOCS = ("README.md", "CONTRIBUTING.md")
BLOCK = re.compile(r"```(?:sh|bash)\n(.*?)```", re.S)
INLINE = re.compile(r"`((?:make |(?:\.venv/bin/)?python -m )[^`]*)`")
SLASH = re.compile(r"`(/(?:release|mark)(?: [^`]*)?)`")
TEMPLATE = re.compile(r"YYYY|…|\bDATE\b(?!=\d)|\bFILE\b(?!=)|\bOUT\b")
# Not run here, and why: `make test` is this test suite itself; `make serve` listens on MkDocs' fixed
# port 8000 (tests never take a fixed port) and builds what `make build` builds; `make bench` is the
# benchmark run, minutes long, with its own figures in the README.
NOT_HERE = {"make test", "make serve", "make bench"}
# The one placeholder a command shows for the user's own file.
SOURCE = str(ORG / "sources" / "policy-page.txt")
EXPECTED = {  # exit status other than 0
    ".venv/bin/python -m scripts.import_policy SOURCE --lang ja --out docs/ja": {2},   # docs/ja differs: --force
    ".venv/bin/python -m scripts.diff 2022-04-01 current": {0, 1},
    ".venv/bin/python -m scripts.diff git:main current --format markdown": {0, 1},
    ".venv/bin/python -m scripts.diff 2022-04-01 2027-01-01 --lang both --format json": {0, 1},
    ".venv/bin/python -m scripts.diff git:main current": {0, 1},
    # The comparison table is written whatever the exit status says (1: the versions differ).
    ".venv/bin/python -m scripts.diff 2022-04-01 current --format table --output table.html": {0, 1},
    ".venv/bin/python -m scripts.diff 2022-04-01 current --lang both --format docx --output table.docx": {0, 1},
}
OUTPUT = re.compile(r"--output (\S+)")


def commands() -> list[str]:
    found = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in BLOCK.findall(text):
            found += [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]
        found += INLINE.findall(text)
    return [c for c in dict.fromkeys(found) if c not in NOT_HERE and not TEMPLATE.search(c)]


def slash_commands() -> list[str]:
    found = [c for name in DOCS for c in SLASH.findall((ROOT / name).read_text(encoding="utf-8"))]
    return [c for c in dict.fromkeys(found) if " " in c and not TEMPLATE.search(c)]


def test_the_guides_show_commands_and_comment_commands():
    assert {"make release DATE=2027-01-01", "make mark FILE=docs/en/articles/06.md", "make verify"} <= set(commands())
    assert {"/release 2027-01-01", "/mark docs/en/articles/06.md", "/mark --all"} <= set(slash_commands())
    assert not [c for c in commands() if re.match(r"python -m ", c)], "use .venv/bin/python or make"


@pytest.mark.parametrize("command", slash_commands())
def test_each_comment_command_is_one_the_workflow_answers(command):
    name, args = parse_body(command)
    assert (name, args) and command.startswith(f"/{name}")


@pytest.fixture(scope="module")
def revision(tmp_path_factory):
    """A fresh copy of the repository on a branch where the real policy is being revised."""
    project = copy_repository(tmp_path_factory.mktemp("guides") / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    first_release(project)
    git(project, "switch", "--quiet", "--create", "revision")
    change_the_fee(project)
    insert_an_item(project)
    date = add_revision_lines(project)
    assert date.isoformat() == "2027-01-01", "README and CONTRIBUTING show 2027-01-01 as the next revision: update them"
    write_change_notices(project, date)
    mark_translations(project)
    assert module(project, "scripts.release", "2027-01-01").returncode == 0
    return project


def unpublished(project, command: str) -> str | None:
    """A language the command's docs/<lang>/ file is in that the site does not publish, if any."""
    langs = settings.load(project).languages
    return next((lang for lang in re.findall(r"docs/([a-z]{2,3}(?:-[A-Za-z]+)?)/", command) if lang not in langs), None)


@pytest.mark.parametrize("command", commands())
def test_each_command_runs_as_written(revision, command, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"POLICY_TODAY": "2026-11-25", "SOURCE": SOURCE, "GIT_CONFIG_GLOBAL": os.devnull})
    shell = command.replace("SOURCE", '"$SOURCE"')
    if "--force" in command:
        # It replaces the policy with the imported page: run in a copy, so the commands after it
        # still find the revision.
        revision = Path(shutil.copytree(revision, tmp_path / "copy", symlinks=True))
    result = subprocess.run(["bash", "-c", shell], cwd=revision, env=env, capture_output=True, text=True,
                            timeout=900)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "ModuleNotFoundError" not in output, output[-2000:]
    if unpublished(revision, command):
        # The guides' example translation (docs/en/…) on a site that does not publish that language
        # (a new organisation's, in its original alone): refused, saying why, and nothing written.
        assert result.returncode == 2 and output.strip(), output[-2000:]
        return
    assert result.returncode in EXPECTED.get(command, {0}), output[-2000:]
    for written in OUTPUT.findall(command):   # what the command says it writes, it writes
        assert (revision / written).is_file() and (revision / written).stat().st_size > 0, written
