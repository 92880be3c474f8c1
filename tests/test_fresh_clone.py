"""The README's two commands, as written, on a plain clone with nothing beside it.

The clone's own `make test` runs every test again, this one included: the environment
variable below tells that nested run it is inside the clone, where it checks that the clone
stands alone and serves, instead of cloning once more.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

NESTED = "POLICY_FRESH_CLONE"  # the path of the clone, in the run made inside it
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    block = re.search(r"## Set-up: two commands\n+```sh\n(.*?)```", README, re.S)
    assert block, "README has no set-up block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def clean_env(clone: Path, **extra: str) -> dict:
    """The environment of someone who just cloned: none of this checkout's venv or paths."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "POLICY_TODAY", "URL",
                        "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")
           and not k.startswith("PYTEST_")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT)))
    return {**env, NESTED: str(clone), **extra}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if os.environ.get(NESTED):
        return Path(os.environ[NESTED])
    lone = tmp_path_factory.mktemp("lone")
    target = lone / "policy-site"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", "--detach", head.stdout.strip()], check=True)
    return target


def test_the_readme_names_the_two_commands():
    assert readme_commands() == ["make serve", "make test"]


def test_the_clone_stands_alone(clone):
    # Nothing beside it that a test could lean on, and it is a clone of this commit.
    assert [p.name for p in clone.parent.iterdir()] == [clone.name]
    if os.environ.get(NESTED):
        assert ROOT == clone.resolve()


def test_make_serve_on_the_clone(clone):
    # Also run inside the clone (there the clone is this checkout): serving never recurses.
    port = free_port()
    server = subprocess.Popen(readme_commands()[0].split(), cwd=clone, env=clean_env(clone, PORT=str(port)),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600
        while True:
            assert server.poll() is None, server.stdout.read()
            try:
                status, home = fetch(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "make serve did not answer within 10 minutes"
                time.sleep(1)
        assert status == 200 and 'lang="ja"' in home
        # In each language the site publishes, each document's last article as it stands, whatever it
        # says (the policy is free to change; a new organisation's site may publish its original alone).
        from scripts.policy import settings
        from scripts.policy.reader import load_policy
        site = settings.load(clone)
        for lang in site.languages:
            prefix = "/" if lang == site.original else f"/{lang}/"
            for document in site.documents:
                last = load_policy(clone / "docs", lang, folder=document.folder).articles[-1]
                status, article = fetch(base + prefix + document.prefix + last.rel.removesuffix(".md") + "/")
                assert status == 200 and f'lang="{lang}"' in article and f'id="art-{last.article_number}"' in article
            status, page = fetch(base + prefix + "no-such-page/")
            assert status == 404 and f'<html lang="{lang}"' in page, (prefix, page[:300])
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode is not None


def test_make_test_on_the_clone(clone):
    if os.environ.get(NESTED):
        # This is the run inside the clone: it reached here from the clone's own make test.
        assert (clone / ".venv" / "bin" / "python").is_file()
        return
    result = subprocess.run(readme_commands()[1].split(), cwd=clone, env=clean_env(clone),
                            capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    summary = [line for line in result.stdout.splitlines() if re.match(r"^\d+ (passed|failed)", line)]
    # Every test ran in the clone: nothing skipped, deselected or failed.
    assert summary and re.fullmatch(r"\d+ passed(, \d+ warnings?)? in .*", summary[-1]), summary
