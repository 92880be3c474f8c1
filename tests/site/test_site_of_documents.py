"""A site of several documents: each has its own pages, history, feeds and index under its folder;
the home page lists them with their effective dates; a site of one keeps today's URLs."""
from __future__ import annotations

import json
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BUILD_TODAY, build_site, documents_project, revise_the_terms, run_module

DOCUMENTS = {"privacy": ("個人情報の取扱方針", "Personal Information Policy", "2024-04-01"),
             "terms": ("利用規約", "Terms of Service", "2025-01-01")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("documents-site")
    result = build_site(documents_project(base / "project"), base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_the_home_page_lists_each_document_with_its_effective_date(site):
    for prefix, index, date_text in (("", 0, ("2024年4月1日", "2025年1月1日")), ("en/", 1, ("April 1, 2024", "January 1, 2025"))):
        page = soup(site / prefix / "index.html").select_one("article")
        links = [(a.get_text(), a["href"]) for a in page.select("li a")]
        assert links == [(DOCUMENTS["privacy"][index], "privacy/"), (DOCUMENTS["terms"][index], "terms/")]
        assert all(date in page.get_text() for date in date_text)


def test_each_document_has_its_own_pages_history_feeds_and_index(site):
    for prefix in ("", "en/"):
        for folder, (_, _, date) in DOCUMENTS.items():
            base = site / prefix / folder
            for page in ("index.html", "articles/01/index.html", "appendix/index.html", "full-text/index.html",
                         "history/index.html", f"history/{date}/index.html", "history/compare/index.html"):
                assert (base / page).is_file(), base / page
            index = json.loads((base / "history/index.json").read_text(encoding="utf-8"))
            assert [r["date"] for r in index["revisions"]] == [date]
            assert all(f"/{prefix}{folder}/history/" in r["url"] for r in index["revisions"])
            assert f"/{prefix}{folder}/history/" in (base / "history/atom.xml").read_text(encoding="utf-8")


def test_a_documents_pages_name_it_and_show_its_date(site):
    page = soup(site / "terms/articles/02/index.html")
    assert "利用規約" in page.select_one(".md-header").get_text() and page.title.get_text().startswith("第２条")
    assert "利用規約" in page.title.get_text()
    assert page.select_one(".policy-effective time")["datetime"] == "2025-01-01"
    privacy = soup(site / "en/privacy/articles/01/index.html")
    assert privacy.select_one(".policy-effective time")["datetime"] == "2024-04-01"


def test_the_navigation_groups_each_documents_pages_under_its_name(site):
    nav = soup(site / "terms/articles/02/index.html").select_one("nav.md-nav--primary")
    sections = [label.get_text(" ", strip=True) for label in nav.select("li.md-nav__item--nested > label, "
                                                                         "li.md-nav__item--section > label")]
    assert any("個人情報の取扱方針" in s for s in sections) and any("利用規約" in s for s in sections)
    links = [a["href"] for a in nav.select("a.md-nav__link")]
    assert any(href.endswith("terms/articles/04/") or href.endswith("../04/") for href in links)


def test_the_switcher_and_hreflang_lead_to_the_same_page_of_the_document(site):
    page = soup(site / "terms/articles/02/index.html")
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["en"].endswith("/en/terms/articles/02/") and alternates["ja"].endswith("/terms/articles/02/")


def test_search_indexes_every_documents_text(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"ja", "en"}
    assert entry["languages"]["ja"]["page_count"] >= 2 * 6   # preamble, articles, appendix of both documents


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_document_is_released_on_its_own(tmp_path):
    project = documents_project(tmp_path / "project")
    revise_the_terms(project)
    privacy = files(project / "revisions/privacy")
    result = run_module("scripts.release", "2027-01-01", "--document", "terms", cwd=project,
                        env={"POLICY_TODAY": BUILD_TODAY})
    assert result.returncode == 0, result.stderr
    assert "released 2027-01-01 of terms" in result.stdout and "revisions/terms/2027-01-01/" in result.stdout
    # The terms' folder of each language, into the terms' archive, with its PDFs and their hashes.
    revision = project / "revisions/terms/2027-01-01"
    assert (revision / "ja/articles/02.md").read_bytes() == (project / "docs/ja/terms/articles/02.md").read_bytes()
    assert "3,850 yen" in (revision / "en/articles/02.md").read_text(encoding="utf-8")
    assert not (revision / "ja/changes").exists() and not (revision / "ja/full-text.md").exists()
    manifest = (project / "revisions/terms/SHA256SUMS").read_text(encoding="utf-8")
    listed = {line.split("  ", 1)[1] for line in manifest.splitlines()}
    assert {"2027-01-01/ja/articles/02.md", "2027-01-01/en/appendix.md", "2027-01-01/ja/pdf/policy.pdf",
            "2027-01-01/en/pdf/table.pdf"} <= listed and "2025-01-01/ja/appendix.md" in listed
    check = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=project / "revisions/terms",
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # The privacy policy's archive is as it was; nothing is written beside the documents' archives.
    assert files(project / "revisions/privacy") == privacy
    assert sorted(p.name for p in (project / "revisions").iterdir()) == ["privacy", "terms"]
    assert not list(project.glob(".release-*"))
    verify = run_module("scripts.verify", "--strict", cwd=project, env={"POLICY_TODAY": BUILD_TODAY})
    assert (verify.returncode, verify.stdout) == (0, ""), verify.stdout + verify.stderr
    # The strict build shows the terms' new revision in their history, and the privacy policy's as it was.
    site = tmp_path / "site"
    built = build_site(project, site)
    assert built.returncode == 0, built.stderr
    for prefix in ("", "en/"):
        terms = json.loads((site / prefix / "terms/history/index.json").read_text(encoding="utf-8"))
        assert [r["date"] for r in terms["revisions"]] == ["2027-01-01", "2025-01-01"]   # newest first
        assert (site / prefix / "terms/history/2027-01-01/index.html").is_file()
        others = json.loads((site / prefix / "privacy/history/index.json").read_text(encoding="utf-8"))
        assert [r["date"] for r in others["revisions"]] == ["2024-04-01"]
    history = soup(site / "en/terms/history/index.html").get_text(" ", strip=True)
    assert "The monthly fee of Article 2 goes from 3,300 yen to 3,850 yen." in history
