"""A site of several documents: each has its own pages, history, feeds and index under its folder;
the home page lists them with their effective dates; a site of one keeps today's URLs."""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site, documents_project

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
