"""A section-style Japanese policy (a whole HTML page) and its English translation (Markdown),
imported with --lang ja and --lang en, build into one bilingual site that verify passes."""
from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, build_site, org_project, run_module

PAIR = FIXTURES / "styles" / "bilingual"
SECTIONS = [f"sections/{n:02d}.md" for n in range(1, 6)]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = org_project(tmp_path_factory.mktemp("sections"))
    shutil.rmtree(root / "revisions", ignore_errors=True)
    for lang in ("ja", "en"):
        for name in ("articles", "history"):
            shutil.rmtree(root / "docs" / lang / name, ignore_errors=True)
        for name in ("index.md", "appendix.md"):
            (root / "docs" / lang / name).unlink()
    shutil.copy2(PAIR / "company.yml", root / "data" / "company.yml")
    ja = run_module("scripts.import_policy", str(PAIR / "privacy-ja.html"), "--lang", "ja", "--out", "docs/ja", cwd=root)
    assert ja.returncode == 0, ja.stderr
    en = run_module("scripts.import_policy", str(PAIR / "privacy-en.md"), "--lang", "en", "--out", "docs/en", cwd=root)
    assert en.returncode == 0, en.stderr
    assert "IMP010" not in en.stderr
    marked = run_module("scripts.translation", "mark", "--all", cwd=root)
    assert marked.returncode == 0, marked.stderr
    # A new project releases its first revision (verify's REV007 asks for it).
    from scripts.policy.reader import load_policy
    newest = max(r.date for r in load_policy(root / "docs", "ja").revisions)
    released = run_module("scripts.release", newest.isoformat(), cwd=root)
    assert released.returncode == 0, released.stderr
    return root


def test_both_languages_have_the_same_files(project):
    for lang in ("ja", "en"):
        names = sorted(p.relative_to(project / "docs" / lang).as_posix() for p in (project / "docs" / lang).rglob("*.md"))
        assert names == sorted(["index.md", "appendix.md", "full-text.md", *SECTIONS])


def test_verify_passes_the_imported_pair(project):
    result = run_module("scripts.verify", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no findings" in result.stdout + result.stderr


def test_verify_names_a_clause_missing_from_the_translation(project, tmp_path):
    broken = org_project(tmp_path / "broken")
    for name in ("docs", "data", "revisions"):
        shutil.rmtree(broken / name)
        shutil.copytree(project / name, broken / name)
    path = broken / "docs/en/sections/02.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n\n3. To answer inquiries", ""), encoding="utf-8")
    result = run_module("scripts.verify", cwd=broken)
    assert result.returncode == 1
    assert "STR005" in result.stdout and "sec-2-p3" in result.stdout


@pytest.fixture(scope="module")
def site(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("sections-site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def ids(path):
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [tag["id"] for tag in page.find_all(id=re.compile(r"^sec-\d"))]


def test_clause_ids_match_across_languages(site):
    total = 0
    for name in SECTIONS:
        page = name.replace(".md", "/index.html")
        ja, en = ids(site / page), ids(site / "en" / page)
        assert ja and ja == en, name
        total += len(ja)
    assert total == 12
    assert ids(site / "sections/04/index.html") == ["sec-4", "sec-4-p1", "sec-4-p2"]


def test_pages_carry_permalinks_switcher_and_effective_date(site):
    page = BeautifulSoup((site / "sections/02/index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.find("a", class_="clause-link", href="#sec-2-p3")
    assert link is not None
    switch = [a["href"] for a in page.select(".md-select__link") if a.get("hreflang") == "en"]
    assert switch and switch[0].rstrip("/").endswith("en/sections/02")
    assert "2025年4月1日" in page.get_text()
    english = BeautifulSoup((site / "en/sections/02/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "April 1, 2025" in english.get_text()


def test_full_text_and_home_list_every_section(site):
    full = BeautifulSoup((site / "full-text/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [t["id"] for t in full.find_all(id=re.compile(r"^sec-\d+$"))] == [f"sec-{n}" for n in range(1, 6)]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    titles = [a.get_text(strip=True) for a in home.select("article a") if "sections/" in a.get("href", "")]
    assert titles == ["1. 取得する情報", "2. 利用目的", "3. 安全管理措置", "4. 開示等の請求", "5. お問い合わせ窓口"]
