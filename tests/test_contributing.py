"""CONTRIBUTING.md, the pull-request template and CODEOWNERS agree with the tools they describe."""
from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, run_module

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
JAPANESE, ENGLISH = GUIDE.split("\n## English\n", 1)
CODE_ROW = re.compile(r"^\| ([A-Z]+\d{3}) \| (error|warning) \|", re.M)


def verify_codes() -> dict[str, str]:
    result = run_module("scripts.verify", "--list-codes")
    assert result.returncode == 0, result.stderr
    codes = dict(re.findall(r"^([A-Z]+\d{3})\s+(error|warning)\s", result.stdout, re.M))
    assert codes, result.stdout
    return codes


def test_japanese_comes_first_then_english():
    assert "\n## 日本語\n" in JAPANESE
    assert JAPANESE.index("## 日本語") < GUIDE.index("## English")


@pytest.mark.parametrize("section", ["ja", "en"])
def test_every_verify_code_is_explained_with_its_severity(section):
    listed = dict(CODE_ROW.findall(JAPANESE if section == "ja" else ENGLISH))
    assert listed == verify_codes()


@pytest.mark.parametrize("module, named", [("scripts.release", "make release DATE="),
                                           ("scripts.translation", "make mark FILE="),
                                           ("scripts.pr_summary", "python -m scripts.pr_summary"),
                                           ("scripts.diff", "python -m scripts.diff"),
                                           ("scripts.verify", "python -m scripts.verify")])
def test_the_commands_it_names_exist(module, named):
    assert named in JAPANESE and named in ENGLISH
    if named.startswith("make "):   # the make target runs the module from the project's virtual environment
        target = named.split()[1]
        recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0]
        assert f"$(BIN)/python -m {module}" in recipe
    result = run_module(module, "--help")
    assert result.returncode == 0, result.stderr


def test_releasing_one_document_of_several_is_explained_in_each_language():
    for section in (JAPANESE, ENGLISH):
        assert "/release 2027-01-01 terms" in section and "make release DATE=… DOC=terms" in section
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrelease: ", 1)[1].split("\n\n", 1)[0]
    assert '$(if $(DOC),--document "$(DOC)")' in recipe and "DOC=ID" in recipe


def test_the_browser_path_comes_first_in_each_language():
    for section, first, release, mark in ((JAPANESE, "### 0. ブラウザだけで", "/release 2027-01-01", "/mark docs/en/"),
                                          (ENGLISH, "### 0. Finishing a revision in the browser", "/release 2027-01-01",
                                           "/mark docs/en/")):
        headings = [line for line in section.splitlines() if line.startswith("### ")]
        assert headings[0].startswith(first), headings[:2]
        path = section[section.index(first):section.index(headings[1])]
        for step in (release, mark, "Tests", "merge" if section is ENGLISH else "マージ"):
            assert step in path, step
        assert "make release DATE=" in path and "make mark FILE=" in path   # for a fork's pull request


def test_codeowners_teams_are_documented_and_docs_need_the_policy_owners():
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {pattern: teams for pattern, *teams in lines}
    assert "@your-org/policy-owners" in owners["/docs/"]
    assert "@your-org/policy-owners" in owners["/docs/en/"]
    for team in {t for teams in owners.values() for t in teams}:
        assert f"`{team}`" in JAPANESE and f"`{team}`" in ENGLISH, team


def test_the_pull_request_template_has_the_checklist_that_matters():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    for needed in ("附則", "scripts.release", "施行日 / Effective date", "scripts.translation mark",
                   "Deliberately left stale", "stale translation"):
        assert needed in template, needed
