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


@pytest.mark.parametrize("module", ["scripts.release", "scripts.translation", "scripts.pr_summary",
                                    "scripts.diff", "scripts.verify"])
def test_the_commands_it_names_exist(module):
    assert f"python -m {module}" in GUIDE
    result = run_module(module, "--help")
    assert result.returncode == 0, result.stderr


def test_codeowners_teams_are_documented_and_docs_need_the_policy_owners():
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {pattern: teams for pattern, *teams in lines}
    assert "@azpocket/policy-owners" in owners["/docs/"]
    assert "@azpocket/policy-owners" in owners["/docs/en/"]
    for team in {t for teams in owners.values() for t in teams}:
        assert f"`{team}`" in JAPANESE and f"`{team}`" in ENGLISH, team


def test_the_pull_request_template_has_the_checklist_that_matters():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    for needed in ("附則", "scripts.release", "施行日 / Effective date", "scripts.translation mark",
                   "Deliberately left stale", "stale translation"):
        assert needed in template, needed
