"""Input sized to be slow: verify's time is linear in the size of the policy, and a wrong number is one finding.

Each case is written into the fixture organisation's policy and checked by the real command.
No case asserts a time (bench/bench_verify.py measures speed); the timeout only stops a hang,
and every case took minutes, ran out of memory or gave thousands of findings before its fix.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, build_site, org_project

TODAY = {"POLICY_TODAY": "2026-11-25"}
# Generous: each case takes about a second; this only stops one that never ends.
HANG = 60
JA3, EN3 = "docs/ja/articles/03.md", "docs/en/articles/03.md"
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def _edit(project, rel, old, new):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _verify(project) -> tuple[list[str], str]:
    """The findings (one per line) and the summary of `python -m scripts.verify` on ``project``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **TODAY}
    try:
        result = subprocess.run([sys.executable, "-m", "scripts.verify"], cwd=project, env=env,
                                capture_output=True, text=True, timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"verify did not finish within {HANG} s")
    assert "Traceback" not in result.stderr and "unexpected problem" not in result.stderr, result.stderr[-1500:]
    assert result.returncode in (0, 1), result.stderr[-1500:]
    return result.stdout.splitlines(), result.stderr


def _blanks_in_a_clause(project):
    _edit(project, JA3, "（１）法令に", "（１）法令に" + " " * 1_000_000)


def _blanks_before_a_postal_code(project):
    # 20,000 blanks took 15 s; ten times as many, minutes.
    _edit(project, JA3, "（１）法令に", "（１）法令に〒" + " " * 200_000 + "基づく")


def _blanks_in_a_heading(project):
    _edit(project, JA3, "\n\n２．", "\n\n## 注" + " " * 20_000 + "記\n\n２．")
    _edit(project, EN3, "\n\n2. ", "\n\n## Note" + " " * 20_000 + "s\n\n2. ")


def _blanks_in_a_contact_line(project):
    _edit(project, "docs/ja/articles/06.md", "事業者名：株式会社こもれび工房",
          "事業者名：株式会社こもれび工房" + "：a:" * 50_000 + " " * 200_000 + "x")


def _blanks_before_a_key(project):
    _edit(project, "docs/ja/articles/06.md", "事業者名：", " " * 100_000 + "x\n\n事業者名：")


def _a_long_article(project):
    """2 MB of ordinary items in each language, each referring to its own article."""
    ja = "".join(f"\n\n（{str(n).translate(WIDE)}）法令に基づく場合であって、第３条第２項又は第３条第１項第１号に定める"
                 "ところにより、お客様の同意を得ることが困難であるとき（30日以内に限ります。）" for n in range(4, 12_000))
    en = "".join(f"\n\n({n}) where required by laws and regulations as Article 3, paragraph (2) or Article 3, "
                 "paragraph (1), item (1) provides, and it is difficult to obtain the consent of the Customer "
                 "(for no more than 30 days)" for n in range(4, 12_000))
    _edit(project, JA3, "協力する必要がある場合\n", "協力する必要がある場合" + ja + "\n")
    _edit(project, EN3, "prescribed by laws and regulations\n", "prescribed by laws and regulations" + en + "\n")


def _long_digit_runs(project):
    # A number of 200,000 digits is no int; nor, multiplied by 万, a float.
    figures = "1" * 200_000 + "円、" + "1,234" * 50_000 + "、" + "9" * 5_000 + "万"
    _edit(project, JA3, "（１）法令に", "（１）" + figures + "法令に")
    _edit(project, EN3, "(1) Where", "(1) " + figures.replace("円、", " yen, ").replace("、", ", ") + " Where")


def _many_dates(project):
    _edit(project, JA3, "（１）法令に", "（１）" + "2024年4月1日、" * 50_000 + "法令に")
    _edit(project, EN3, "(1) Where", "(1) " + "April 1, 2024, " * 50_000 + "Where")


def _many_references(project):
    _edit(project, JA3, "（１）法令に", "（１）" + "第１条第２項、" * 50_000 + "法令に")
    _edit(project, EN3, "(1) Where", "(1) " + "Article 1, paragraph (2), " * 50_000 + "Where")


def _a_long_number_in_an_address(project):
    _edit(project, "docs/ja/articles/06.md", "栄テラス501", "栄テラス501" + "１" * 5_000)


CASES = {
    "a 2 MB article": _a_long_article,
    "long runs of digits": _long_digit_runs,
    "50,000 dates in one clause": _many_dates,
    "50,000 references in one clause": _many_references,
    "a long number in an address": _a_long_number_in_an_address,
    "1 MB of blanks inside one clause": _blanks_in_a_clause,
    "blanks before a postal code": _blanks_before_a_postal_code,
    "blanks inside a heading": _blanks_in_a_heading,
    "blanks and colons in a contact line": _blanks_in_a_contact_line,
    "blanks before a contact block": _blanks_before_a_key,
}


# Article 7 of the fixture renumbered, in both languages.
ARTICLE_NUMBERS = {
    "a wide gap (第９９９９条)": ("９９９９", "9999", "articles 7 to 9998 are missing"),
    "第１０００００条": ("１０００００", "100000", "is article 100000"),
    "第１００００００条": ("１００００００", "1000000", "is article 1000000"),
    "a 30-digit article number": ("１" * 30, "1" * 30, "is article 111111…(30 digits)"),
}


@pytest.mark.parametrize("case", sorted(ARTICLE_NUMBERS))
def test_a_wrong_article_number_is_one_finding(tmp_path, case):
    ja, en, message = ARTICLE_NUMBERS[case]
    project = org_project(tmp_path / "p")
    _edit(project, "docs/ja/articles/07.md", "# 第７条", f"# 第{ja}条")
    _edit(project, "docs/en/articles/07.md", "# Article 7 ", f"# Article {en} ")
    findings, _ = _verify(project)
    numbering = [f for f in findings if " STR001 " in f]
    assert len(numbering) == 2 and all(message in f for f in numbering), numbering[:10]
    assert len(findings) <= 6, findings[:10]


@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_finishes_with_few_findings(tmp_path, case):
    project = org_project(tmp_path / "p")
    CASES[case](project)
    findings, summary = _verify(project)
    assert len(findings) <= 5, findings[:10]


# What the importer reads of a captured page (scripts/importer/source.py), in a process of its own
# so that a hang is stopped: a heading with a long run of blanks, and template openings never closed.
IMPORTER = {
    "blanks inside a Markdown heading": "from scripts.importer.source import markdown_lines as read\n"
                                        "text = '# 第１条' + ' ' * 20_000 + '（目的）\\n\\n本文'",
    "unclosed template echoes": "from scripts.importer.source import strip_template as read\n"
                                "text = '<p>本文</p>' + '{{' * 50_000 + '{!!' * 50_000 + '{{--' * 50_000 + '}}'",
}


@pytest.mark.parametrize("case", sorted(IMPORTER))
def test_the_importer_reads_long_runs_once(case):
    script = IMPORTER[case] + "\nread(text)\n"
    try:
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                                timeout=HANG, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"the importer did not finish within {HANG} s")
    assert result.returncode == 0, result.stderr[-1500:]


def test_the_site_builds_a_clause_of_1_mb_of_blanks(tmp_path):
    # The page's alternate links were once removed by a pattern that began with blanks: on a page
    # holding 1 MB of them it would not have finished in hours.
    project = org_project(tmp_path / "p")
    _blanks_in_a_clause(project)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-1500:]
    page = (tmp_path / "site" / "articles" / "03" / "index.html").read_text(encoding="utf-8")
    assert page.count('hreflang="x-default"') == 1
