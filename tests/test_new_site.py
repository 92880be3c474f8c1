"""scripts.new_site: a new organisation's site from its policy page, in an empty folder, that builds,
serves and tests on its own; an error leaves the folder as it was."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from scripts.new_site import command
from scripts.policy import settings
from tests.conftest import FIXTURES, KOREAN, ORG, ROOT, run_module
from tests.test_fresh_clone import fetch, free_port

PAGE = ORG / "sources" / "policy-page.txt"
PAIR = FIXTURES / "styles" / "bilingual"
KOREAN_PAGE = KOREAN / "sources" / "policy-page-ko.txt"
TODAY = "2026-11-25"
# This site's own words, which a new organisation's project must not carry (outside the generator's tests).
OWN = re.compile(r"azpocket|アズポケット|伊丹|南船場", re.I)
# Where make, run inside the new site, finds Python: this test's environment, named on make's command line
# so that make's install rule (which would `pip install -e` the new site into it) never runs.
BIN = Path(sys.executable).parent


def new_site(target: Path, *args: str) -> subprocess.CompletedProcess:
    return run_module("scripts.new_site", str(target), *args, cwd=target.parent)


def tree(folder: Path) -> dict[str, bytes]:
    """The project's files (its git repository's own files left out)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != ".git"}


def make(project: Path, target: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(project), "POLICY_TODAY": TODAY, **env}
    full.pop("MAKEFLAGS", None)
    return subprocess.run(["make", target, f"BIN={BIN}", "RUNTIME=", "DEV=", "NODE_TOOLS="], cwd=project, env=full,
                          capture_output=True, text=True, timeout=600)


def repository_files() -> list[str]:
    """The repository's files: git's list in a checkout, else (a generated site) the files on disk."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
        return [name for name in listed.stdout.split("\0") if name and (ROOT / name).exists()]
    skip = command.manifest()
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
            if p.is_file() and not skip.ignored(p.relative_to(ROOT))
            and p.relative_to(ROOT).parts[0] not in (".venv", "site", ".git")]


def test_every_file_is_either_copied_or_left_out():
    listing = command.manifest()
    misplaced = {rel: listing.placed(rel) for rel in repository_files() if len(listing.placed(rel)) != 1}
    assert misplaced == {}, "add each to one list of scripts/new_site/manifest.yml"
    # What the new site gets of its own replaces what is left out.
    assert all(listing.placed(rel) == ["leave_out"] for rel in listing.generate)


def test_the_template_is_this_sites_configuration_without_its_values():
    """Rendered with this site's own names and languages, the template gives mkdocs.yml exactly."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=settings._Loader)
    languages = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
    entries = [(lang["locale"], lang["site_name"], lang.get("site_description", config["site_description"]))
               for lang in languages]
    rendered = command.render_mkdocs(entries, config["copyright"].removeprefix("© "))
    assert rendered == (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_help_explains_the_command_with_an_example():
    result = run_module("scripts.new_site", "--help")
    assert result.returncode == 0
    for needed in ("DIR", "--import SOURCE", "--import-translation LANG=SOURCE", "--document N", "example:",
                   "make serve", "TODO", "nothing is created"):
        assert needed in result.stdout, needed


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture organisation's site, made from its captured page alone."""
    target = tmp_path_factory.mktemp("org") / "komorebi"
    result = new_site(target, "--import", str(PAGE))
    assert result.returncode == 0, result.stderr
    assert "next: cd" in result.stdout
    return target


def test_the_site_holds_the_generator_and_the_imported_policy(site):
    files = tree(site)
    for rel in command.generator_files():
        assert files.get(rel) == (ROOT / rel).read_bytes(), rel
    imported = {rel.removeprefix("docs/ja/"): text for rel, text in files.items() if rel.startswith("docs/")}
    assert imported == tree(ORG / "docs" / "ja")
    assert sorted(p.name for p in (site / "docs").iterdir()) == ["ja"]
    assert files["sources/ja.txt"] == PAGE.read_bytes()
    assert not (site / "revisions").exists()   # the first release makes it
    assert not [p.name for p in site.parent.iterdir() if p.name != site.name]   # no staging folder left


def test_the_site_is_a_git_repository_with_everything_in_its_first_commit(site):
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=site, capture_output=True, text=True, check=True).stdout
    assert git("branch", "--show-current").strip() == "main"
    assert git("rev-list", "--count", "HEAD").strip() == "1"
    assert "株式会社こもれび工房" in git("log", "-1", "--format=%s")
    assert sorted(git("ls-files").splitlines()) == sorted(tree(site))
    assert git("status", "--porcelain") == ""


def test_none_of_this_sites_content_is_copied(site):
    # The generator's own tests carry the real policy's words as test data; nothing else may.
    found = [rel for rel, data in tree(site).items()
             if not rel.startswith("tests/") and OWN.search(data.decode("utf-8", "replace"))]
    assert found == []


def test_the_company_file_is_read_from_the_policy(site):
    data = yaml.safe_load((site / "data" / "company.yml").read_text(encoding="utf-8"))
    expected = yaml.safe_load((ORG / "data" / "company.yml").read_text(encoding="utf-8"))
    assert data == {key: value for key, value in expected.items() if key != "en"}


def test_the_configuration_names_the_organisation_and_its_languages(site):
    mkdocs = site / "mkdocs.yml"
    config = settings.load(site)
    assert config.languages == ("ja",)
    text = mkdocs.read_text(encoding="utf-8")
    assert "site_name: 個人情報の取扱方針\n" in text
    assert "site_description: 株式会社こもれび工房の個人情報の取扱方針\n" in text
    assert "INHERIT" not in text   # it stands alone, without the generator's checkout
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# 個人情報の取扱方針\n") and "株式会社こもれび工房" in readme


def test_make_build_names_the_first_release_then_builds(site, tmp_path):
    project = tmp_path / "komorebi"
    shutil.copytree(site, project)
    stopped = make(project, "build")
    assert stopped.returncode != 0
    assert ("docs/ja/appendix.md:3: REV007 error" in stopped.stdout
            and "make release DATE=2024-04-01" in stopped.stdout), stopped.stdout + stopped.stderr
    released = run_module("scripts.release", "2024-04-01", "--no-pdf", cwd=project, env={"PYTHONPATH": str(project)})
    assert released.returncode == 0, released.stderr
    built = make(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "株式会社こもれび工房" in (project / "site" / "articles" / "06" / "index.html").read_text(encoding="utf-8")
    # A small part of the site's own `make test` (the whole suite takes many minutes): every verify
    # fixture fails its check there too, the site's own policy passes them all, its README's code
    # table is verify's, and its README's rules example is a valid rules file.
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/verify/test_fixtures.py",
                            "tests/verify/test_cli.py::test_the_readme_table_is_the_registry",
                            "tests/policy/test_settings.py::test_the_readme_example_is_a_valid_rules_file"],
                           cwd=project, env={**os.environ, "PYTHONPATH": str(project)}, capture_output=True,
                           text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_make_serve_previews_it_at_once(site, tmp_path):
    project = tmp_path / "komorebi"
    shutil.copytree(site, project)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(project), "POLICY_TODAY": TODAY}
    env.pop("MAKEFLAGS", None)
    server = subprocess.Popen(["make", "serve", f"PORT={port}", f"BIN={BIN}", "RUNTIME="], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline, status, page = time.monotonic() + 120, 0, ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, page = fetch(f"http://127.0.0.1:{port}/")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert status == 200 and "株式会社こもれび工房" in page, server.stderr.read().decode() if server.poll() else status
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_translation_is_imported_beside_the_original(tmp_path):
    target = tmp_path / "hoshizora"
    result = new_site(target, "--import", str(PAIR / "privacy-ja.html"), "--import-translation",
                      f"en={PAIR / 'privacy-en.md'}")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((target / "data" / "company.yml").read_text(encoding="utf-8")) == \
        yaml.safe_load((PAIR / "company.yml").read_text(encoding="utf-8"))
    assert settings.load(target).languages == ("ja", "en")
    text = (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Privacy Policy\n" in text and "Privacy Policy of Hoshizora, Inc. (English translation)" in text
    assert 'copyright: "© Hoshizora, Inc."' in text
    verified = run_module("scripts.verify", cwd=target, env={"PYTHONPATH": str(target), "POLICY_TODAY": TODAY})
    # Consistent in both languages, translation marked: only the first release is still to do.
    codes = set(re.findall(r": ([A-Z]+\d{3}) ", verified.stdout))
    assert codes == {"REV007"}, verified.stdout + verified.stderr


def test_a_translation_in_any_language_of_the_registry_is_imported(tmp_path):
    """Korean, read with its locale entry's grammar, beside the Japanese original: the fixture's Korean
    files, marked as current, and clause for clause the original's structure (no STR finding)."""
    target = tmp_path / "komorebi"
    result = new_site(target, "--import", str(PAGE), "--import-translation", f"ko={KOREAN_PAGE}")
    assert result.returncode == 0, result.stderr
    assert settings.load(target).languages == ("ja", "ko")
    assert "site_description: 주식회사 고모레비 공방의 개인정보 보호방침(한국어 번역)\n" in \
        (target / "mkdocs.yml").read_text(encoding="utf-8")
    imported = tree(target / "docs" / "ko")
    # The translation records are of the same Japanese text: the fixture's files byte for byte.
    assert imported == tree(KOREAN / "docs" / "ko")
    assert (target / "sources" / "ko.txt").read_bytes() == KOREAN_PAGE.read_bytes()
    # Its address read as Korean writes it, largest first (the locale entry's address: largest_first).
    data = yaml.safe_load((target / "data" / "company.yml").read_text(encoding="utf-8"))
    assert data["ko"] == yaml.safe_load((KOREAN / "company-ko.yml").read_text(encoding="utf-8"))["ko"]
    verified = run_module("scripts.verify", cwd=target, env={"PYTHONPATH": str(target), "POLICY_TODAY": TODAY})
    # Structure (STR), translation records (TRN), contacts: consistent; only the first release is still to do.
    codes = set(re.findall(r": ([A-Z]+\d{3}) ", verified.stdout))
    assert codes == {"REV007"}, verified.stdout + verified.stderr


def test_what_the_policy_does_not_give_is_a_todo_that_verify_names(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE.read_text(encoding="utf-8").replace(" 代表取締役：森山　葉子", ""), encoding="utf-8")
    target = tmp_path / "site"
    result = new_site(target, "--import", str(page))
    assert result.returncode == 0, result.stderr
    lines = (target / "data" / "company.yml").read_text(encoding="utf-8").splitlines()
    todo = [n for n, line in enumerate(lines, 1) if "TODO:" in line and not line.startswith("#")]
    assert [lines[n - 1].split(":")[0].strip() for n in todo] == ["representative_title", "representative"]
    assert f"data/company.yml: 2 value(s) still to write (lines {todo[0]}, {todo[1]})" in result.stdout
    verified = run_module("scripts.verify", cwd=target, env={"PYTHONPATH": str(target), "POLICY_TODAY": TODAY})
    assert verified.returncode == 1
    assert (f"data/company.yml:{todo[1]}: DATA001 error ja.representative is still to be written: "
            "「TODO: the representative's name as the policy writes it」") in verified.stdout


@pytest.mark.parametrize("case, args, message", [
    ("not empty", ["--import", str(PAGE)], "is not empty"),
    ("no such source", ["--import", "missing.txt"], "missing.txt: no such file"),
    ("unplaceable", ["--import", str(FIXTURES / "styles" / "unplaceable.txt")], "could not be imported"),
    ("several documents", ["--import", str(FIXTURES / "styles" / "html-two-documents.html")], "--document N"),
    ("bad translation", ["--import", str(PAGE), "--import-translation", "en"], "write LANG=SOURCE"),
    ("unknown language", ["--import", str(PAGE), "--import-translation", "fr=page.html"],
     "'fr' is not a language the importer reads (en, ko; each has its entry in scripts/policy/locales/)"),
    ("the original's language", ["--import", str(PAGE), "--import-translation", f"ja={PAGE}"],
     "ja is the original's language (--import); a translation is in one of en, ko"),
    ("bad translation source", ["--import", str(PAGE), "--import-translation", "en=missing.md"], "missing.md"),
])
def test_an_error_leaves_the_folder_untouched(tmp_path, case, args, message):
    target = tmp_path / "site"
    target.mkdir()
    if case == "not empty":
        (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree(target)
    result = new_site(target, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "new_site: error: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]   # nothing staged is left beside it


def test_a_document_of_several_is_chosen_with_document(tmp_path):
    target = tmp_path / "site"
    result = new_site(target, "--import", str(FIXTURES / "styles" / "html-two-documents.html"), "--document", "1")
    assert result.returncode == 0, result.stderr
    assert (target / "docs" / "ja" / "index.md").is_file()
