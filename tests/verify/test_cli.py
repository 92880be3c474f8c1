"""The command as legal editors and the build run it: output formats, exit status, bad input."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from scripts.verify.codes import registry
from tests.conftest import ROOT, first_release_findings
from tests.verify.helpers import policy_copy, verify

CODES = registry()

ANNOTATION = re.compile(r"^::(error|warning) file=[^,]+(,line=\d+)?,title=[A-Z]+\d{3}::.+$")


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_the_real_policy_passes_in_the_repository():
    result = verify(ROOT, "--strict")
    expected = first_release_findings()
    if not expected:
        assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
        assert "no findings" in result.stderr
        return
    # Before its first release a site's only finding is its newest revision line, never archived,
    # and verify says how to release it.
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == len(expected), result.stdout + result.stderr
    for line, (path, code) in zip(lines, expected):
        date = re.search(r"`/release (\d{4}-\d{2}-\d{2})", line)
        assert line.startswith(f"{path}:") and f" {code} error " in line and date, line
        assert f"make release DATE={date[1]}" in line, line


def test_findings_are_printed_path_line_code_severity_message(tmp_path):
    result = verify(policy_copy(tmp_path / "repo", "addr002-postal-code-elsewhere"))
    assert result.returncode == 1
    assert ("docs/ja/articles/05.md:15: ADDR002 error postal code 「〒100-0001」 does not match the address "
            "「愛知県名古屋市中区栄3丁目7番21号501」 (Japan Post: 460-0008") in result.stdout
    assert "Traceback" not in result.stderr
    assert re.search(r"verify: \d+ errors?, 1 warning", result.stderr)


def test_github_format_prints_one_annotation_per_finding(tmp_path):
    result = verify(policy_copy(tmp_path / "repo", "addr002-postal-code-elsewhere"), "--format", "github")
    lines = result.stdout.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), lines
    assert "::error file=docs/ja/articles/05.md,line=15,title=ADDR002::postal code 「〒100-0001」" in result.stdout
    assert any(line.startswith("::warning file=docs/en/articles/05.md,line=2,title=TRN001::") for line in lines)
    assert result.returncode == 1


def test_json_format_is_a_list_of_objects(tmp_path):
    result = verify(policy_copy(tmp_path / "repo", "fig001-amount"), "--format", "json")
    findings = [f for f in json.loads(result.stdout) if f["code"] == "FIG001"]
    assert findings == [{"path": "docs/en/articles/05.md", "line": 24, "code": "FIG001", "severity": "error",
                         "message": findings[0]["message"]}]
    assert "1,100円" in findings[0]["message"]


def test_json_of_a_clean_policy_is_an_empty_list(policy):
    result = verify(policy, "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_paths_restrict_what_is_reported(tmp_path):
    repo = policy_copy(tmp_path / "repo", "addr004-company-name")
    assert verify(repo, "docs/ja/articles/06.md").returncode == 1
    assert verify(repo, "docs/ja/articles/").returncode == 1
    other = verify(repo, "docs/ja/articles/05.md", "docs/en")
    assert (other.returncode, "ADDR004" in other.stdout) == (0, False)


def test_lang_checks_one_language(tmp_path):
    repo = policy_copy(tmp_path / "repo", "addr004-company-name")
    assert verify(repo, "--lang", "ja").returncode == 1
    english = verify(repo, "--lang", "en", "--strict")
    assert (english.returncode, english.stdout) == (0, "")


def test_list_codes_explains_every_code():
    result = verify(ROOT, "--list-codes")
    assert result.returncode == 0
    for code in CODES.values():
        line = next(l for l in result.stdout.splitlines() if l.startswith(code.code + " "))
        assert code.severity in line and code.applies_to in line and code.explanation in line


def test_the_readme_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- codes -->\n", 1)[1].split("\n<!-- /codes -->", 1)[0]
    generated = verify(ROOT, "--list-codes", "--format", "markdown")
    assert generated.returncode == 0
    assert table == generated.stdout.strip()
    assert len(table.splitlines()) == len(CODES) + 2


def test_each_check_declares_its_rules():
    """Every verify check module declares RULES, and every rule's code is one it can report."""
    import importlib

    from scripts.verify import checks

    for check in checks.ALL:
        module = importlib.import_module(check.__module__)
        if module.__name__.endswith(".disclosures"):
            continue   # its rules are the legal profile's (scripts/policy/profiles/appi.yml)
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert module.RULES, module.__name__
        for declared in module.RULES:
            assert source.count(f'"{declared.code}"') + source.count(f"'{declared.code}'") >= 2, declared.code


def test_markdown_is_the_format_of_the_code_list_only():
    result = verify(ROOT, "--format", "markdown")
    assert result.returncode == 2 and "markdown is the format of --list-codes only" in result.stderr


def test_help_names_the_options_and_exit_status():
    result = verify(ROOT, "--help")
    assert result.returncode == 0
    for text in ("--strict", "--lang", "--format", "--list-codes", "exit status", "PATH"):
        assert text in result.stdout


def _break(repo: Path, how: str) -> list[str]:
    article = repo / "docs/ja/articles/07.md"
    if how == "no docs folder":
        for path in sorted(repo.joinpath("docs").rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        repo.joinpath("docs").rmdir()
    elif how == "no English folder":
        import shutil
        shutil.rmtree(repo / "docs/en")
    elif how == "front matter not YAML":
        article.write_text("---\ntitle: [unclosed\n---\n# 第７条（この方針の変更）\n", encoding="utf-8")
    elif how == "front matter not a mapping":
        article.write_text("---\n- a\n- b\n---\n# 第７条（この方針の変更）\n", encoding="utf-8")
    elif how == "not UTF-8":
        article.write_bytes("# 第７条（この方針の変更）\n".encode("shift_jis"))
    elif how == "no company data":
        (repo / "data/company.yml").unlink()
    elif how == "company data not YAML":
        (repo / "data/company.yml").write_text("ja: [\n", encoding="utf-8")
    elif how == "company data incomplete":
        (repo / "data/company.yml").write_text("postal_code: '460-0008'\n", encoding="utf-8")
    elif how == "missing PATH":
        return ["docs/ja/articles/99.md"]
    elif how == "PATH outside docs":
        return ["data/company.yml"]
    elif how == "bad option":
        return ["--colour"]
    elif how == "bad format":
        return ["--format", "xml"]
    return []


UNREADABLE = {
    "no docs folder": "docs: no such folder",
    "no English folder": "docs/en: no such folder",
    "front matter not YAML": "docs/ja/articles/07.md:3: front matter is not valid YAML",
    "front matter not a mapping": "docs/ja/articles/07.md:2: front matter must be a mapping",
    "not UTF-8": "docs/ja/articles/07.md:1: not UTF-8 text",
    "no company data": "data/company.yml: company data file not found",
    "company data not YAML": "data/company.yml:2: not valid YAML",
    "company data incomplete": "data/company.yml:1: the company data file lacks ja.name",
    "missing PATH": "docs/ja/articles/99.md: no such file or folder",
    "PATH outside docs": "data/company.yml: not under the docs folder",
    "bad option": "unrecognized arguments: --colour",
    "bad format": "invalid choice: 'xml'",
}


@pytest.mark.parametrize("how", sorted(UNREADABLE))
def test_input_that_cannot_be_read_exits_2_with_a_clear_message(how, policy):
    args = _break(policy, how)
    before = tree_digest(policy)
    result = verify(policy, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert UNREADABLE[how] in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(policy) == before


def test_a_bad_policy_today_is_reported(policy):
    result = verify(policy, env={"POLICY_TODAY": "2026-13-01"})
    assert result.returncode == 2 and "POLICY_TODAY: '2026-13-01' is not a date" in result.stderr


def test_verify_never_changes_a_file(tmp_path):
    repo = policy_copy(tmp_path / "repo", "rev003-out-of-order")
    before = tree_digest(repo)
    for args in ([], ["--strict"], ["--format", "github"], ["--format", "json"], ["--lang", "en"]):
        verify(repo, *args)
    assert tree_digest(repo) == before
