"""A site's rules file and legal profile, as verify applies them to a whole policy."""
from __future__ import annotations

import json
import re

from tests.verify.helpers import policy_copy, policy_repository, verify


def _findings(repo, *args):
    result = verify(repo, "--format", "json", *args)
    return result.returncode, json.loads(result.stdout or "[]")


def test_a_code_turned_off_is_not_reported(tmp_path):
    repo = policy_copy(tmp_path / "repo", "addr001-unknown-postal-code")
    status, findings = _findings(repo)
    assert status == 1 and "ADDR001" in {f["code"] for f in findings}
    (repo / "rules.yml").write_text("# outside Japan Post's data\nADDR001: off\nADDR002: off\n", encoding="utf-8")
    status, findings = _findings(repo)
    assert "ADDR001" not in {f["code"] for f in findings}, findings


def test_a_warning_raised_to_an_error_stops_the_build(tmp_path):
    repo = policy_repository(tmp_path / "repo", "sty001-half-width-item")
    before = _findings(repo)[1]
    assert {f["severity"] for f in before if f["code"] == "STY001"} == {"warning"}
    (repo / "rules.yml").write_text("STY001: error\n", encoding="utf-8")
    status, after = _findings(repo)
    assert status == 1 and {f["severity"] for f in after if f["code"] == "STY001"} == {"error"}
    assert len(after) == len(before)


def test_the_rules_file_named_in_mkdocs_yml_is_read(tmp_path):
    repo = policy_copy(tmp_path / "repo", "sty001-half-width-item")
    (repo / "mkdocs.yml").write_text("plugins:\n  - policy:\n      rules: config/severities.yml\n", encoding="utf-8")
    (repo / "config").mkdir()
    (repo / "config/severities.yml").write_text("STY001: error\n", encoding="utf-8")
    assert verify(repo).returncode == 1


def test_a_wrong_rules_file_is_reported_on_its_line(tmp_path):
    repo = policy_copy(tmp_path / "repo")
    (repo / "rules.yml").write_text("STY001: warning\nADDR999: off\n", encoding="utf-8")
    result = verify(repo)
    assert result.returncode == 1
    assert re.search(r"^rules\.yml:2: CFG001 error 「ADDR999」 is not a verify code", result.stdout, re.M)


def test_an_organisation_without_a_room_number(tmp_path):
    repo = policy_copy(tmp_path / "repo")
    company = repo / "data/company.yml"
    company.write_text(re.sub(r'\n  room: "501"', "", company.read_text(encoding="utf-8")), encoding="utf-8")
    for path, old, new in [("docs/ja/articles/05.md", "21号501", "21号"), ("docs/ja/articles/06.md", "栄テラス501", "栄テラス"),
                           ("docs/en/articles/05.md", "3-7-21-501 Sakae", "3-7-21 Sakae"),
                           ("docs/en/articles/06.md", "Sakae Terrace 501,", "Sakae Terrace,")]:
        file = repo / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new), encoding="utf-8")
    status, findings = _findings(repo)
    assert [f for f in findings if f["code"].startswith("ADDR")] == []
    # A room the organisation does not have is a difference from its data file.
    (repo / "docs/ja/articles/05.md").write_text(
        (repo / "docs/ja/articles/05.md").read_text(encoding="utf-8").replace("21号\n", "21号501\n"), encoding="utf-8")
    status, findings = _findings(repo, "--lang", "ja")
    assert [(f["code"], f["line"]) for f in findings if f["code"].startswith("ADDR")] == [("ADDR006", 17)]


def test_an_unknown_legal_profile_is_a_configuration_error(tmp_path):
    repo = policy_copy(tmp_path / "repo")
    (repo / "mkdocs.yml").write_text("plugins:\n  - policy:\n      legal_profile: gdpr\n", encoding="utf-8")
    result = verify(repo)
    assert result.returncode == 2 and "no legal profile 'gdpr'" in result.stderr and "Traceback" not in result.stderr
