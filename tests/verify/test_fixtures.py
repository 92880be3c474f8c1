"""Every check has a broken fixture (over the fixture organisation) that must fail it; both the fixture
organisation and the real policy pass them all."""
from __future__ import annotations

import json

import pytest

from scripts.verify.__main__ import main
from scripts.verify.codes import registry
from tests.conftest import ROOT, first_release_findings
from tests.verify.helpers import BROKEN, policy_copy, policy_repository

CODES = registry()
# The archive's own codes are the build's (tests/history/test_archive.py has their broken archives).
BUILD_CODES = {code for code in CODES if code.startswith("HIST")}

# case → (code, path, line, a fragment of the message that quotes or names the problem)
EXPECTED = {
    "cfg001-unknown-code": ("CFG001", "rules.yml", 3, "「ADDR010」 is not a verify code"),
    "cfg002-bad-severity": ("CFG002", "rules.yml", 2, "STY001 is set to 「fatal」: write error, warning or off"),
    "cfg003-not-a-mapping": ("CFG003", "rules.yml", 1, "the rules file is not a mapping"),
    "rev001-impossible-date": ("REV001", "docs/ja/appendix.md", 3, "2024年2月30日 is not a real date"),
    "rev001-era-bounds": ("REV001", "docs/ja/appendix.md", 3, "令和 runs from 2019-05-01"),
    "rev002-no-event": ("REV002", "docs/ja/appendix.md", 3, "「2023年10月1日」"),
    "rev003-out-of-order": ("REV003", "docs/ja/appendix.md", 5, "list the oldest first"),
    "rev004-languages-differ": ("REV004", "docs/en/appendix.md", 6, "「April 2, 2024: Enacted and effective」"),
    "rev005-nothing-in-force": ("REV005", "docs/ja/appendix.md", 3, "no revision line is in force"),
    "addr001-unknown-postal-code": ("ADDR001", "docs/ja/articles/05.md", 15,
                                    "「〒460-0080」 does not exist in Japan Post's data (Japan Post: 460-0008)"),
    "addr002-postal-code-elsewhere": ("ADDR002", "docs/ja/articles/05.md", 15,
                                      "「〒100-0001」 does not match the address 「愛知県名古屋市中区栄"),
    "addr003-data-file-differs": ("ADDR003", "docs/ja/articles/05.md", 15, "differs from the data file's 460-0007"),
    "addr004-company-name": ("ADDR004", "docs/ja/articles/06.md", 5, "「有限会社こもれび工房」"),
    "addr005-representative": ("ADDR005", "docs/en/articles/06.md", 10, "「Yoko Moriyami」"),
    "addr006-address": ("ADDR006", "docs/ja/articles/06.md", 9, "block number is not 3丁目7番21号"),
    "addr006-building": ("ADDR006", "docs/en/articles/06.md", 12, "「tower」"),
    "addr007-url": ("ADDR007", "docs/ja/articles/06.md", 11,
                    "「http://www.komorebi-kobo.example/contact」 is not a well-formed"),
    "addr008-languages-differ": ("ADDR008", "docs/en/articles/05.md", 20, "[3, 7, 12, 501] differ from the Japanese"),
    "addr009-missing-block": ("ADDR009", "docs/ja/articles", 0, "no ＜宛先＞"),
    "data001-todo-value": ("DATA001", "data/company.yml", 7,
                           "ja.representative is still to be written: 「TODO: the representative's name"),
    "str001-article-gap": ("STR001", "docs/ja/articles/07.md", 1, "article 7 is missing"),
    "str002-paragraph-sequence": ("STR002", "docs/ja/articles/07.md", 5, "「３．」 comes after 「１．」"),
    "str003-item-repeated": ("STR003", "docs/en/articles/02.md", 16, "「(4)」 comes after 「(4)」"),
    "str004-one-language": ("STR004", "docs/ja/articles/08.md", 1, "docs/ja/articles/08.md has no English twin"),
    "str005-clause-missing": ("STR005", "docs/en/articles/02.md", 14, "art-2-p1-i5"),
    "str005-item-inserted": ("STR005", "docs/en/articles/02.md", 12,
                             "「（４）」 (docs/ja/articles/02.md:11) was added to the Japanese and has no English twin"),
    "str006-no-heading": ("STR006", "docs/en/articles/04.md", 4, "no article heading"),
    "ref001-article": ("REF001", "docs/en/articles/07.md", 8, "「paragraph (3) of Article 8」 refers to Article 8"),
    "ref002-paragraph": ("REF002", "docs/ja/articles/07.md", 5, "「第５条第６項」 refers to 第5条第6項, which does not "
                         "exist: 第5条 has 4 paragraphs"),
    "ref002-first-paragraph": ("REF002", "docs/ja/articles/04.md", 3,
                               "「前項」 refers to the paragraph before it, but it stands in the first paragraph of 第4条"),
    "ref003-item": ("REF003", "docs/ja/articles/07.md", 5, "「前各号」"),
    "ref004-languages-differ": ("REF004", "docs/en/articles/07.md", 8,
                                "「paragraph (2) of Article 5」 (Article 5, paragraph (2))"),
    "trn001-stale": ("TRN001", "docs/en/articles/03.md", 2, "docs/ja/articles/03.md changed"),
    "trn002-unmarked": ("TRN002", "docs/en/articles/03.md", 1, "python -m scripts.translation mark docs/en/articles/03.md"),
    "fig001-amount": ("FIG001", "docs/en/articles/05.md", 24, "amount 「1,100円」 of art-5-p3"),
    "fig002-date": ("FIG002", "docs/en/articles/07.md", 10, "date 「2024年5月1日」 of art-7-p3"),
    "fig003-postal-code": ("FIG003", "docs/en/articles/05.md", 8, "postal code 「〒460-0008」 of art-5-p2"),
    "fig004-url": ("FIG004", "docs/en/articles/02.md", 18, "「https://analytics.example.net/privacy」"),
    "sty001-half-width-article": ("STY001", "docs/ja/articles/06.md", 1,
                                  "numbering 「第6条」 is written in half-width: write 「第６条」"),
    "sty001-half-width-item": ("STY001", "docs/ja/articles/02.md", 11, "numbering 「(4)」 is written in half-width: "
                               "write 「（４）」"),
    "sty002-bullet": ("STY002", "docs/ja/articles/02.md", 12, "bullet 「・メールでのお問い合わせ」 is no clause: write it as a sub-item"),
    "ntc001-short-notice": ("NTC001", "docs/ja/changes/2027-01-01.md", 3,
                            "announced 2026-12-22, 10 days before it takes effect on 2027-01-01"),
    "ntc002-no-summary": ("NTC002", "docs/ja/appendix.md", 5, "write docs/ja/changes/2027-01-01.md"),
    "ntc003-figures-differ": ("NTC003", "docs/en/changes/2027-01-01.md", 6, "「1,000円」"),
    "ntc004-bad-kind": ("NTC004", "docs/ja/changes/2027-01-01.md", 2, "change: 「big」"),
    "appi001-operator": ("APPI001", "docs/ja/index.md", 1, "representative"),
    "appi002-purposes": ("APPI002", "docs/ja/index.md", 1, "the purposes of use (APPI Art. 32(1)(ii))"),
    "appi003-requests": ("APPI003", "docs/ja/index.md", 1, "suspension of use (APPI Art. 32(1)(iii))"),
    "appi004-fee": ("APPI004", "docs/ja/index.md", 1, "the fee for disclosure"),
    "appi005-security": ("APPI005", "docs/ja/index.md", 1, "security control measures"),
    "appi006-complaints": ("APPI006", "docs/ja/index.md", 1, "where to lodge complaints"),
    "html001-tag": ("HTML001", "docs/ja/articles/03.md", 5, "「<script>」 is raw HTML"),
    "html002-comment": ("HTML002", "docs/ja/articles/03.md", 7, "「<!-- 担当者メモ：削除予定 -->」 is an HTML comment"),
    "html003-reference": ("HTML003", "docs/ja/articles/03.md", 9, "「&#8203;」 is a character reference"),
    "html004-attribute-list": ("HTML004", "docs/ja/articles/03.md", 4, "「{: onmouseover=\"alert(1)\" }」"),
    "html005-link-scheme": ("HTML005", "docs/ja/articles/03.md", 11, "links to 「javascript:…」"),
    "rev006-text-changed": ("REV006", "docs/ja/articles/05.md", 21,
                            "「３．第１項の開示の請求については、１回の請求につき1,650円"),
    "rev007-not-released": ("REV007", "docs/ja/appendix.md", 5, "comment `/release 2027-01-01`"),
    "rev008-changed-after-release": ("REV008", "docs/ja/articles/05.md", 21,
                                     "released as 2027-01-01 but not yet published: release it again"),
}


def run_json(repo, monkeypatch, capsys, *args: str) -> tuple[int, list[dict]]:
    """verify in this process (fast), as `python -m scripts.verify --format json` in ``repo``."""
    monkeypatch.chdir(repo)
    monkeypatch.setenv("POLICY_TODAY", "2026-11-25")
    status = main(["--format", "json", *args])
    return status, json.loads(capsys.readouterr().out or "[]")


def test_every_fixture_is_listed_and_every_code_has_one():
    assert set(EXPECTED) == {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert {code for code, *_ in EXPECTED.values()} == set(CODES) - BUILD_CODES


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_broken_fixture_fails_its_check(case, tmp_path, monkeypatch, capsys):
    code, path, line, fragment = EXPECTED[case]
    status, findings = run_json(policy_repository(tmp_path / "repo", case), monkeypatch, capsys)
    hits = [f for f in findings if f["code"] == code and f["path"] == path and f["line"] == line]
    assert hits, findings
    assert any(fragment in f["message"] for f in hits), hits
    if CODES[code].severity == "error":
        assert status == 1
    else:
        # A warning's fixture that edits the text is also an unreleased change (REV006), one that adds a
        # revision line (NTC002's) a revision not yet released (REV007), and nothing else.
        errors = {f["code"] for f in findings if f["severity"] == "error"}
        assert errors <= {"REV006", "REV007"} and status == (1 if errors else 0), errors
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["code"], f["message"]))


def test_the_fixture_organisation_passes_every_check_without_a_warning(policy, monkeypatch, capsys):
    assert run_json(policy, monkeypatch, capsys, "--strict") == (0, [])


def test_the_real_policy_passes_every_check_without_a_warning(tmp_path, monkeypatch, capsys):
    """What any revision of the real policy must satisfy (its wording is free to change); before
    its first release, only that its newest revision line is not archived yet (REV007)."""
    status, findings = run_json(policy_copy(tmp_path / "repo", base=ROOT), monkeypatch, capsys, "--strict")
    expected = first_release_findings()
    assert sorted((f["path"], f["code"]) for f in findings) == expected, findings
    assert status == (1 if expected else 0)
    assert all("make release DATE=" in f["message"] for f in findings), findings


def test_warnings_are_errors_with_strict(tmp_path, monkeypatch, capsys):
    repo = policy_copy(tmp_path / "repo", "trn001-stale")
    status, findings = run_json(repo, monkeypatch, capsys, "--strict")
    assert status == 1 and {(f["code"], f["severity"]) for f in findings} == {("TRN001", "error")}
